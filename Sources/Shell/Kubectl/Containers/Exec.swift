// `kubectl exec POD -- CMD…`: runs a command in a running container and passes its output and exit status
// through; `-it … -- sh` attaches the following input lines to a shell inside the container.
import MiniCluster

struct ExecVerb: KubectlVerb {
    let path = ["exec"]
    var flags: [FlagSpec] {
        [FlagSpec("container", "c", usage: "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"),
         FlagSpec("filename", "f", .stringSlice, usage: "to use to exec into the resource"),
         FlagSpec("pod-running-timeout", .duration, default: "1m0s", usage: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
         FlagSpec("quiet", "q", .bool, default: "false", usage: "Only print output from the remote session"),
         FlagSpec("stdin", "i", .bool, default: "false", usage: "Pass stdin to the container"),
         FlagSpec("tty", "t", .bool, default: "false", usage: "Stdin is a TTY")]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard let target = f.args.first else {
            throw KubectlFailure.plain("error: pod, type/name or --filename must be specified")
        }
        if f.args.count > 1, f.argsAfterDash == nil {
            throw KubectlFailure.usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead")
        }
        let command = f.argsAfterDash ?? Array(f.args.dropFirst())
        guard !command.isEmpty else {
            throw KubectlFailure.plain("error: you must specify at least one command for the container")
        }
        let cluster = try k.cluster()
        let requester = Impersonation.requester(k.flags)
        guard let pod = try PodResolver.pods(for: target, namespace: k.namespace, cluster: cluster, io: k.io, first: true,
                                             requester: requester).first else {
            return 1
        }
        if let podType = cluster.registry.lookup(kind: "Pod") {
            try Impersonation.authorize(requester, cluster, verb: "create", type: podType, subresource: "exec", name: pod.name,
                                        namespace: k.namespace)
        }
        let phase = pod.pod[path: "status", "phase"]?.stringValue ?? "Pending"
        if phase == "Succeeded" || phase == "Failed" {
            throw KubectlFailure.plain("error: cannot exec into a container in a completed pod; current phase is \(phase)")
        }
        var container = f.string("container")
        if container.isEmpty {
            let quietIO = CommandIO(out: { _ in }, err: { _ in })
            container = pod.defaultContainer(io: f.bool("quiet") ? quietIO : k.io) ?? ""
        } else if !pod.containers.contains(container), !pod.initContainers.contains(container) {
            throw KubectlFailure.api(.badRequest("container \(container) is not valid for pod \(pod.name)"))
        }
        guard let process = ContainerAccess.directory(cluster)?.process(namespace: pod.namespace, pod: pod.name,
                                                                          container: container, previous: false),
              process.advance(to: cluster.now) == .running else {
            throw KubectlFailure.plain("error: unable to upgrade connection: container not found (\"\(container)\")")
        }
        // What the command sleeps or waits for passes on the cluster, which goes on meanwhile.
        let clock = ExecTime.clock(k.session, cluster, process, namespace: pod.namespace, pod: pod.name, container: container)
        if f.bool("tty"), f.bool("stdin"), k.io.stdin.isEmpty, command.count == 1,
           let shell = (process as? InteractiveContainer)?.openShell(command, now: cluster.now, clock: clock) {
            k.session.attachedShell = AttachedShell(shell: shell, cluster: cluster, session: k.session)
            return 0
        }
        let r = process.exec(command, stdin: f.bool("stdin") ? k.io.stdin : "", now: cluster.now, clock: clock)
        if r.status == -1 {
            if r.stderr.hasPrefix("OCI runtime") {
                let id = ImageCatalog.digest(pod.name + "/" + container, command.joined(separator: " ")).dropFirst(7)
                throw KubectlFailure.plain("error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"\(id)\": \(r.stderr)")
            }
            throw KubectlFailure.plain("error: Internal error occurred: error executing command in container: \(r.stderr)")
        }
        k.io.out(r.stdout)
        k.io.err(r.stderr)
        if r.interrupted {
            // With a terminal (-it) Ctrl-C reaches the command, which dies of SIGINT; otherwise kubectl itself dies.
            if f.bool("tty"), f.bool("stdin") { k.io.errLine("command terminated with exit code 130") }
            return 130
        }
        if r.status != 0 {
            k.io.errLine("command terminated with exit code \(r.status)")
        }
        return r.status
    }
}
