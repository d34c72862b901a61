// `docker run` and `docker create`: pull when missing (progress on stderr), create, start, and for a foreground
// run let virtual time pass until the program exits, printing what it wrote.
import Foundation
import MiniCluster

struct DockerRunVerb: DockerVerb {
    var path = "run"
    var usage = "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]"
    var summary = "Create and run a new container from an image"
    var flags: [FlagSpec] = Self.containerFlags + [
        FlagSpec("detach", "d", .bool, usage: "Run container in background and print container ID"),
        FlagSpec("rm", nil, .bool, usage: "Automatically remove the container when it exits"),
    ]
    var minArgs: Int? { 1 }
    var flagsFirst: Bool { true }
    /// `create` makes the container and prints its id without starting it.
    var startIt = true

    static let containerFlags = [
        FlagSpec("name", nil, .string, usage: "Assign a name to the container"),
        FlagSpec("publish", "p", .stringArray, usage: "Publish a container's port(s) to the host"),
        FlagSpec("publish-all", "P", .bool, usage: "Publish all exposed ports to random ports"),
        FlagSpec("env", "e", .stringArray, usage: "Set environment variables"),
        FlagSpec("volume", "v", .stringArray, usage: "Bind mount a volume"),
        FlagSpec("workdir", "w", .string, usage: "Working directory inside the container"),
        FlagSpec("entrypoint", nil, .string, usage: "Overwrite the default ENTRYPOINT of the image"),
        FlagSpec("interactive", "i", .bool, usage: "Keep STDIN open even if not attached"),
        FlagSpec("tty", "t", .bool, usage: "Allocate a pseudo-TTY"),
        FlagSpec("restart", nil, .string, default: "no", usage: "Restart policy to apply when a container exits"),
        FlagSpec("hostname", "h", .string, hidden: true),
    ]

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        let io = c.io
        let verb = path
        func fail(_ message: String, help: Bool, status: Int32 = 125) -> Int32 {
            var m = message
            if !m.hasSuffix(".") { m += "." }
            io.errLine("docker: \(m)" + (help ? "\nSee 'docker \(verb) --help'." : ""))
            return status
        }
        let imageName = args[0]
        guard case .success(let ref) = DockerHost.reference(imageName) else {
            if case .failure(let e) = DockerHost.reference(imageName) { return fail(e.message, help: true) }
            return 125
        }
        var o = DockerRunOptions(image: imageName)
        o.command = Array(args.dropFirst())
        o.name = f.isSet("name") ? f.string("name") : nil
        o.env = f.strings("env").map { $0.contains("=") ? $0 : "\($0)=\(c.session.env[$0] ?? "")" }
        o.workdir = f.isSet("workdir") ? f.string("workdir") : nil
        if f.isSet("entrypoint") { o.entrypoint = f.string("entrypoint").isEmpty ? [] : [f.string("entrypoint")] }
        o.autoRemove = f.bool("rm")
        o.interactive = f.bool("interactive")
        o.tty = f.bool("tty")
        for p in f.strings("publish") {
            guard let port = Self.port(p, &c.host.nextEphemeralPort) else { return fail("Invalid containerPort: \(p)", help: true) }
            o.ports.append(port)
        }
        for v in f.strings("volume") {
            let parts = v.split(separator: ":").map(String.init)
            guard parts.count >= 2, parts[1].hasPrefix("/") else {
                if parts.count == 1, v.hasPrefix("/") { o.volumes.append((DockerDigest.of(v).dropFirst(7).description, v, false, nil)); continue }
                return fail("Error response from daemon: invalid volume specification: '\(v)'", help: true)
            }
            let ro = parts.count > 2 && parts[2] == "ro"
            let source = parts[0]
            if source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~") {
                // A bind mount: the workspace folder's files as they are now.
                guard let url = c.session.resolve(source), c.session.isDirectory(url) else {
                    return fail("Error response from daemon: invalid mount config for type \"bind\": bind source path does not exist: \(source)", help: true)
                }
                let files = WorkspaceBuildContext(root: url).files(under: ".") ?? []
                var map: [String: String] = [:]
                for file in files { map[file] = WorkspaceBuildContext(root: url).read(file) ?? "" }
                o.volumes.append((source, parts[1], ro, map))
            } else {
                o.volumes.append((source, parts[1], ro, nil))
            }
        }
        if c.host.image(imageName) == nil {
            io.errLine("Unable to find image '\(DockerHost.familiar(ref.canonical))' locally")
            switch c.host.pull(imageName) {
            case .failure(let e): return fail("Error response from daemon: \(e.message)", help: true)
            case .success(let p): DockerPullVerb.progress(p, ref: ref, out: io.err)
            }
        }
        if f.bool("publish-all"), let img = c.host.image(imageName) {
            // Every port the image EXPOSEs that -p did not publish gets the next free ephemeral host port.
            for e in img.config.exposedPorts.sorted() {
                let parts = e.split(separator: "/").map(String.init)
                guard let n = parts.first.flatMap({ Int($0) }) else { continue }
                let proto = parts.count > 1 ? parts[1] : "tcp"
                guard !o.ports.contains(where: { $0.containerPort == n && $0.proto == proto }) else { continue }
                o.ports.append(DockerPort(hostPort: c.host.nextEphemeralPort, containerPort: n, proto: proto))
                c.host.nextEphemeralPort += 1
            }
        }
        let container: DockerContainer
        switch c.host.create(o) {
        case .failure(let e): return fail("Error response from daemon: \(e.message)", help: true)
        case .success(let ct): container = ct
        }
        guard startIt else { io.outLine(container.id); return 0 }
        if case .failure(let e) = c.host.start(container) {
            if o.autoRemove { _ = c.host.remove(container, force: true) }
            return fail("Error response from daemon: \(e.message)", help: false, status: e.runStatus)
        }
        // The daemon's start takes a moment of the learner's time; servers are listening when the prompt returns.
        c.session.sleep(.milliseconds(300))
        if f.bool("detach") { io.outLine(container.id); return 0 }
        if c.host.holdsShell(container), io.stdin.isEmpty, case .success(let shell?) = c.host.openShell(container, container.argv, main: true) {
            let host = c.host
            c.session.attachedShell = AttachedShell(shell: shell, now: { host.now }, reportsExitCode: false, session: c.session)
            return 0
        }
        return Self.attach(container, c)
    }

    /// A foreground run: time passes until the program exits (servers keep running: their output so far is shown
    /// and the prompt comes back, as if detached).
    static func attach(_ container: DockerContainer, _ c: DockerCall) -> Int32 {
        var printed = 0
        func flush() {
            let lines = container.logs
            for l in lines.dropFirst(printed) {
                if l.stream == .stderr && !container.tty { c.io.errLine(l.text) } else { c.io.outLine(l.text) }
            }
            printed = lines.count
        }
        for _ in 0..<1000 {
            flush()
            guard container.running else { break }
            guard let wake = c.host.nextExit(of: container), wake > c.host.now, wake - c.host.now < .minutes(60) else { return 0 }
            c.session.sleep(wake - c.host.now)
            c.host.refresh()
        }
        flush()
        let code = container.exitCode
        if container.autoRemove { _ = c.host.remove(container, force: true) }
        return code
    }

    /// `8080:80`, `127.0.0.1:8080:80`, `80` (a free host port), with `/tcp` or `/udp`.
    static func port(_ spec: String, _ next: inout Int) -> DockerPort? {
        var s = spec
        var proto = "tcp"
        if let slash = s.lastIndex(of: "/") { proto = String(s[s.index(after: slash)...]); s = String(s[..<slash]) }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let container = parts.last.flatMap({ Int($0) }), (1...65535).contains(container) else { return nil }
        var hostIP = "0.0.0.0"
        var hostPort: Int
        switch parts.count {
        case 1: hostPort = next; next += 1
        case 2: guard let h = parts[0].isEmpty ? next : Int(parts[0]) else { return nil }; hostPort = h
        case 3: hostIP = parts[0]; guard let h = parts[1].isEmpty ? next : Int(parts[1]) else { return nil }; hostPort = h
        default: return nil
        }
        if parts.count > 1, (parts.count == 2 ? parts[0] : parts[1]).isEmpty { next += 1 }
        return DockerPort(hostIP: hostIP, hostPort: hostPort, containerPort: container, proto: proto)
    }
}

struct DockerCreateVerb: DockerVerb {
    let path = "create"
    let usage = "docker create [OPTIONS] IMAGE [COMMAND] [ARG...]"
    let summary = "Create a new container"
    var flags: [FlagSpec] { DockerRunVerb.containerFlags }
    var minArgs: Int? { 1 }
    var flagsFirst: Bool { true }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        var r = DockerRunVerb()
        r.path = path; r.usage = usage; r.summary = summary; r.startIt = false
        return r.run(f, args, c)
    }
}
