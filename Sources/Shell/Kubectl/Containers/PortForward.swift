// `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…`: forwards local ports of the learner's machine to a pod. The
// forward keeps running in the background of the session (as with `&`), so a following `curl localhost:PORT`
// reaches the pod through `ShellSession.portForwards` (Session/PortForwards.swift).
import MiniCluster

struct PortForwardVerb: KubectlVerb {
    let path = ["port-forward"]
    var flags: [FlagSpec] {
        [FlagSpec("address", .stringSlice, default: "[localhost]", usage: "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind."),
         FlagSpec("pod-running-timeout", .duration, default: "1m0s", usage: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running")]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard f.args.count >= 2 else {
            throw KubectlFailure.usage("TYPE/NAME and list of ports are required for port-forward")
        }
        let cluster = try k.cluster()
        let target = f.args[0]
        let requester = Impersonation.requester(f)
        guard let pod = try PodResolver.pods(for: target, namespace: k.namespace, cluster: cluster, io: CommandIO(out: { _ in }, err: { _ in }),
                                             first: true, requester: requester).first else {
            return 1
        }
        if let podType = cluster.registry.lookup(kind: "Pod") {
            try Impersonation.authorize(requester, cluster, verb: "create", type: podType, subresource: "portforward", name: pod.name,
                                        namespace: k.namespace)
        }
        let service = target.lowercased().hasPrefix("svc/") || target.lowercased().hasPrefix("service/")
            ? try PodResolver.service(target, namespace: k.namespace, cluster: cluster) : nil
        var pairs: [(Int, Int)] = []
        for spec in f.args.dropFirst() {
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let remoteText = parts.last ?? spec
            let remote = try Self.remotePort(remoteText, pod: pod, service: service)
            let local = parts.count > 1 ? (parts[0].isEmpty ? 40_000 + remote % 20_000 : Int(parts[0]) ?? -1) : (service != nil ? Int(remoteText) ?? remote : remote)
            guard (1...65535).contains(local) else {
                throw KubectlFailure.plain("error: Error parsing local port '\(parts[0])': strconv.ParseUint: parsing \"\(parts[0])\": invalid syntax")
            }
            pairs.append((local, remote))
        }
        let phase = pod.pod[path: "status", "phase"]?.stringValue ?? "Pending"
        guard phase == "Running" else {
            throw KubectlFailure.plain("error: unable to forward port because pod is not running. Current status=\(phase)")
        }
        let clusterKey = k.session.clusters.first { $0.value === cluster }?.key ?? ""
        for (local, remote) in pairs {
            let wanted = PortForwards.Target(cluster: clusterKey, namespace: pod.namespace, pod: pod.name, port: remote)
            if let existing = k.session.portForwards.target(localPort: local), existing != wanted {
                k.io.errLine("Unable to listen on port \(local): Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:\(local): bind: address already in use unable to create listener: Error listen tcp6 [::1]:\(local): bind: address already in use]")
                throw KubectlFailure.plain("error: unable to listen on any of the requested ports: [{\(local) \(remote)}]")
            }
            k.session.portForwards.open(localPort: local, to: wanted)
            k.io.outLine("Forwarding from 127.0.0.1:\(local) -> \(remote)")
            k.io.outLine("Forwarding from [::1]:\(local) -> \(remote)")
        }
        return 0
    }

    /// A remote port: a number, a named container port, or (through a service) the service port's target.
    static func remotePort(_ text: String, pod: PodTarget, service: Value?) throws -> Int {
        if let service, let ports = service[path: "spec", "ports"]?.arrayValue {
            let match = ports.first { String($0["port"]?.intValue ?? -1) == text || $0["name"]?.stringValue == text }
            guard let match else {
                throw KubectlFailure.plain("error: Service \(service[path: "metadata", "name"]?.stringValue ?? "") does not have a service port \(text)")
            }
            if let n = match["targetPort"]?.intValue { return n }
            if let name = match["targetPort"]?.stringValue { return try remotePort(name, pod: pod, service: nil) }
            return match["port"]?.intValue ?? 0
        }
        if let n = Int(text) { return n }
        for c in pod.pod[path: "spec", "containers"]?.arrayValue ?? [] {
            for p in c["ports"]?.arrayValue ?? [] where p["name"]?.stringValue == text {
                if let n = p["containerPort"]?.intValue { return n }
            }
        }
        throw KubectlFailure.plain("error: Pod '\(pod.name)' does not have a named port '\(text)'")
    }
}

extension PodResolver {
    static func service(_ target: String, namespace: String, cluster: Cluster) throws -> Value? {
        guard let t = cluster.registry.lookup(kind: "Service") else { return nil }
        return try cluster.api.get(t, namespace: namespace, name: String(target.split(separator: "/").last ?? ""))
    }
}

/// `kubectl top` alone: its help (on stderr, exit 1, as a command group), listing the two subcommands.
struct TopVerb: KubectlVerb {
    let path = ["top"]
    var flags: [FlagSpec] { [] }
    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try CommandGroup.run(f, k, help: """
            Display resource (CPU/memory) usage.

             The top command allows you to see the resource consumption for nodes or pods.

             This command requires Metrics Server to be correctly configured and working on the server.

            Available Commands:
              node          Display resource (CPU/memory) usage of nodes
              pod           Display resource (CPU/memory) usage of pods

            Usage:
              kubectl top [flags] [options]

            Use "kubectl top <command> --help" for more information about a given command.
            Use "kubectl options" for a list of global command-line options (applies to all commands).

            """, onStderr: true)
    }
}
