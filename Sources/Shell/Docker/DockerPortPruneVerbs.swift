// `docker port` (a container's published ports) and `docker container prune` (remove every stopped container).
import MiniCluster

struct DockerPortVerb: DockerVerb {
    let path = "port"
    let usage = "docker port CONTAINER [PRIVATE_PORT[/PROTO]]"
    let summary = "List port mappings or a specific mapping for the container"
    let flags: [FlagSpec] = []
    var minArgs: Int? { 1 }
    var flagsFirst: Bool { true }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        c.host.refresh()
        guard let ct = c.host.container(args[0]) else {
            c.io.errLine("Error response from daemon: No such container: \(args[0])")
            return 1
        }
        // Only a running container holds its host ports.
        let ports = (ct.running ? ct.ports : []).sorted { ($0.containerPort, $0.proto) < ($1.containerPort, $1.proto) }
        func bindings(_ p: DockerPort) -> [String] {
            p.hostIP == "0.0.0.0" ? ["0.0.0.0:\(p.hostPort)", "[::]:\(p.hostPort)"] : ["\(p.hostIP):\(p.hostPort)"]
        }
        guard args.count > 1 else {
            for p in ports { for b in bindings(p) { c.io.outLine("\(p.containerPort)/\(p.proto) -> \(b)") } }
            return 0
        }
        let parts = args[1].split(separator: "/", maxSplits: 1).map(String.init)
        guard let n = parts.first.flatMap({ Int($0) }), (1...65535).contains(n) else {
            c.io.errLine("Error: invalid port (\(args[1])): invalid containerPort: \(parts.first ?? "")")
            return 1
        }
        let proto = parts.count > 1 ? parts[1] : "tcp"
        let matching = ports.filter { $0.containerPort == n && $0.proto == proto }
        guard !matching.isEmpty else {
            c.io.errLine("Error: No public port '\(n)/\(proto)' published for \(ct.name)")
            return 1
        }
        for p in matching { for b in bindings(p) { c.io.outLine(b) } }
        return 0
    }
}

struct DockerContainerPruneVerb: DockerVerb {
    let path = "container prune"
    let usage = "docker container prune [OPTIONS]"
    let summary = "Remove all stopped containers"
    let flags = [FlagSpec("force", "f", .bool, usage: "Do not prompt for confirmation")]
    var minArgs: Int? { nil }
    var flagsFirst: Bool { false }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        c.host.refresh()
        if !f.bool("force") {
            c.io.out("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ")
            let answer = c.io.stdin.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard answer == "y" || answer == "yes" else {
                if c.io.stdin.isEmpty { c.io.out("\n") }
                return 0
            }
        }
        let stopped = c.host.containers.filter { !$0.running }
        if !stopped.isEmpty {
            c.io.outLine("Deleted Containers:")
            for ct in stopped {
                _ = c.host.remove(ct, force: false)
                c.io.outLine(ct.id)
            }
            c.io.outLine("")
        }
        c.io.outLine("Total reclaimed space: 0B")
        return 0
    }
}
