// `kubectl logs`: a pod's (or a workload's first pod's, or every selected pod's) container log, with kubectl's
// selection of the default container, the kubelet's errors for containers that never ran, and -f following the
// log in virtual time.
import MiniCluster

struct LogsVerb: KubectlVerb {
    let path = ["logs"]
    var flags: [FlagSpec] {
        [FlagSpec("all-containers", .bool, default: "false", usage: "Get all containers' logs in the pod(s)."),
         FlagSpec("all-pods", .bool, default: "false", usage: "Get logs from all pod(s). Sets prefix to true."),
         FlagSpec("container", "c", usage: "Print the logs of this container"),
         FlagSpec("follow", "f", .bool, default: "false", usage: "Specify if the logs should be streamed."),
         FlagSpec("ignore-errors", .bool, default: "false", usage: "If watching / following pod logs, allow for any errors that occur to be non-fatal"),
         FlagSpec("insecure-skip-tls-verify-backend", .bool, default: "false", usage: "Skip verifying the identity of the kubelet that logs are requested from."),
         FlagSpec("limit-bytes", .int, default: "0", usage: "Maximum bytes of logs to return. Defaults to no limit."),
         FlagSpec("max-log-requests", .int, default: "5", usage: "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5."),
         FlagSpec("pod-running-timeout", .duration, default: "20s", usage: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
         FlagSpec("prefix", .bool, default: "false", usage: "Prefix each log line with the log source (pod name and container name)"),
         FlagSpec("previous", "p", .bool, default: "false", usage: "If true, print the logs for the previous instance of the container in a pod if it exists."),
         FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
         FlagSpec("since", .duration, default: "0s", usage: "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used."),
         FlagSpec("since-time", usage: "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used."),
         FlagSpec("tail", .int, default: "-1", usage: "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided."),
         FlagSpec("timestamps", .bool, default: "false", usage: "Include timestamps on each line in the log output")]
    }

    /// One container's log to print.
    struct Source {
        var pod: PodTarget
        var container: String
        var process: ContainerProcess
        var printed = 0
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let selector = f.string("selector")
        guard (1...2).contains(f.args.count) || !selector.isEmpty && f.args.isEmpty else {
            if !selector.isEmpty { throw KubectlFailure.usage("only a selector (-l) or a POD name is allowed") }
            throw KubectlFailure.usage("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command")
        }
        if !selector.isEmpty, !f.args.isEmpty { throw KubectlFailure.usage("only a selector (-l) or a POD name is allowed") }
        if f.isSet("since"), f.isSet("since-time") { throw KubectlFailure.usage("at most one of `sinceTime` or `sinceSeconds` may be specified") }
        if f.isSet("since"), (GoDuration.parse(f.string("since")) ?? 0) <= 0 {
            throw KubectlFailure.usage("--since must be greater than 0")
        }
        var sinceTime: Timestamp?
        if f.isSet("since-time") {
            guard let t = Timestamp(rfc3339: f.string("since-time")) else {
                throw KubectlFailure.plain("error: parsing time \"\(f.string("since-time"))\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\(f.string("since-time"))\" as \"2006\"")
            }
            sinceTime = t
        }
        var containerName = f.string("container")
        if f.args.count == 2 {
            if f.isSet("container") { throw KubectlFailure.usage("only one of -c or an inline [CONTAINER] arg is allowed") }
            containerName = f.args[1]
        }
        let cluster = try k.cluster()
        let ns = k.namespace
        let pods: [PodTarget]
        var prefix = f.bool("prefix")
        var tail = f.int("tail")
        if !selector.isEmpty {
            guard let podType = cluster.registry.lookup(kind: "Pod") else { return 1 }
            try Impersonation.authorize(k.flags, cluster, verb: "list", type: podType, name: "", namespace: ns)
            pods = try cluster.api.list(podType, namespace: ns, labelSelector: selector, fieldSelector: nil).map(PodTarget.init)
            if pods.isEmpty {
                k.io.errLine("No resources found in \(ns) namespace.")
                return 0
            }
            if !f.isSet("tail") { tail = 10 }
        } else {
            pods = try PodResolver.pods(for: f.args[0], namespace: ns, cluster: cluster, io: k.io, first: !f.bool("all-pods"),
                                        requester: Impersonation.requester(k.flags))
        }
        if let podType = cluster.registry.lookup(kind: "Pod") {
            for pod in pods {
                try Impersonation.authorize(k.flags, cluster, verb: "get", type: podType, subresource: "log", name: pod.name, namespace: ns)
            }
        }
        if f.bool("all-pods") { prefix = true }
        if let since = GoDuration.parse(f.string("since")), since > 0 { sinceTime = cluster.now + Duration(ms: -since) }
        let directory = ContainerAccess.directory(cluster)
        var sources: [Source] = []
        for pod in pods {
            var names: [String]
            if f.bool("all-containers") {
                names = pod.initContainers + pod.containers
            } else if !containerName.isEmpty {
                guard pod.containers.contains(containerName) || pod.initContainers.contains(containerName) else {
                    throw KubectlFailure.api(.badRequest("container \(containerName) is not valid for pod \(pod.name)"))
                }
                names = [containerName]
            } else if let d = pod.defaultContainer(io: k.io) {
                names = [d]
            } else {
                names = []
            }
            for c in names {
                // A pod not yet on a node has no logs to give (the API server answers with nothing).
                guard pod.nodeName != nil else { continue }
                let process = try Self.process(pod, c, previous: f.bool("previous"), directory: directory,
                                               skipWaiting: f.bool("all-containers"))
                if let process { sources.append(Source(pod: pod, container: c, process: process)) }
            }
        }
        let limit = f.int("limit-bytes")
        func emit(_ s: inout Source, lines: ArraySlice<LogLine>) {
            var out = ""
            for l in lines {
                if let since = sinceTime, l.time < since { continue }
                if prefix { out += "[pod/\(s.pod.name)/\(s.container)] " }
                if f.bool("timestamps") { out += Self.timestamp(l.time) + " " }
                out += l.text + "\n"
            }
            if limit > 0, out.utf8.count > limit { out = String(decoding: Array(out.utf8.prefix(limit)), as: UTF8.self) }
            k.io.out(out)
        }
        for i in sources.indices {
            // Programs run lazily: bring each up to now before reading what it wrote.
            _ = sources[i].process.advance(to: cluster.now)
            let all = sources[i].process.logs
            let shown = tail >= 0 ? all.suffix(tail) : all[...]
            emit(&sources[i], lines: shown)
            sources[i].printed = all.count
        }
        guard f.bool("follow"), !f.bool("previous") else { return 0 }
        // Follow: let virtual time pass a second at a time while any followed container still runs.
        let session = k.session
        var waited = Duration(ms: 0)
        while waited < Self.followLimit, sources.contains(where: { $0.process.advance(to: cluster.now) == .running }) {
            if session.interpreter.isInterrupted() { break }
            session.sleep(.seconds(1))
            waited = waited + .seconds(1)
            for i in sources.indices {
                _ = sources[i].process.advance(to: cluster.now)
                let all = sources[i].process.logs
                if all.count > sources[i].printed { emit(&sources[i], lines: all.suffix(all.count - sources[i].printed)) }
                sources[i].printed = all.count
            }
        }
        return 0
    }

    /// How long `-f` follows a container that keeps running (a script has no Ctrl-C).
    static let followLimit = Duration.minutes(10)

    /// RFC 3339 with nanoseconds, as the kubelet stamps log lines.
    static func timestamp(_ t: Timestamp) -> String {
        let base = t.rfc3339.dropLast()
        let ms = Int(((t.ms % 1000) + 1000) % 1000)
        let frac = String(ms).leftPadded(3) + "000000"
        return "\(base).\(frac)Z"
    }

    /// The container instance whose log to print, or the kubelet's reason why there is none.
    static func process(_ pod: PodTarget, _ c: String, previous: Bool, directory: ContainerDirectory?,
                        skipWaiting: Bool) throws -> ContainerProcess? {
        let status = pod.status(of: c)
        if previous {
            if let p = directory?.process(namespace: pod.namespace, pod: pod.name, container: c, previous: true) { return p }
            throw KubectlFailure.api(.badRequest("previous terminated container \"\(c)\" in pod \"\(pod.name)\" not found"))
        }
        if let p = directory?.process(namespace: pod.namespace, pod: pod.name, container: c, previous: false) { return p }
        if let waiting = status?[path: "state", "waiting"], status?[path: "lastState", "terminated"] == nil {
            if skipWaiting { return nil }
            let reason = waiting["reason"]?.stringValue ?? ""
            let why = reason == "ErrImagePull" ? "image can't be pulled"
                : reason == "ImagePullBackOff" ? "trying and failing to pull image" : reason
            throw KubectlFailure.api(.badRequest("container \"\(c)\" in pod \"\(pod.name)\" is waiting to start: \(why)"))
        }
        if let p = directory?.process(namespace: pod.namespace, pod: pod.name, container: c, previous: true) { return p }
        if skipWaiting { return nil }
        if status == nil {
            throw KubectlFailure.api(.badRequest("container \"\(c)\" in pod \"\(pod.name)\" is waiting to start: ContainerCreating"))
        }
        return nil
    }
}
