// Container verbs: ps (container ls), stop, start, restart, kill, rm, logs, exec.
import Foundation
import MiniCluster

struct DockerPsVerb: DockerVerb {
    let path = "ps"
    let usage = "docker ps [OPTIONS]"
    let summary = "List containers"
    let flags = [FlagSpec("all", "a", .bool, usage: "Show all containers (default shows just running)"),
                 FlagSpec("quiet", "q", .bool, usage: "Only display container IDs"),
                 FlagSpec("no-trunc", nil, .bool, usage: "Don't truncate output"),
                 FlagSpec("latest", "l", .bool, usage: "Show the latest created container (includes all states)"),
                 FlagSpec("last", "n", .int, default: "-1", usage: "Show n last created containers (includes all states)")]

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        c.host.refresh()
        var list = Array(c.host.containers.reversed())
        let last = f.bool("latest") ? 1 : f.int("last")
        if last >= 0 { list = Array(list.prefix(last)) } else if !f.bool("all") { list = list.filter(\.running) }
        let noTrunc = f.bool("no-trunc")
        if f.bool("quiet") {
            for ct in list { c.io.outLine(noTrunc ? ct.id : ct.shortID) }
            return 0
        }
        var rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]]
        for ct in list {
            var command = ct.commandLine
            if !noTrunc && command.count > 20 { command = String(command.prefix(19)) + "…" }
            rows.append([noTrunc ? ct.id : ct.shortID, ct.imageName, "\"\(command)\"",
                         DockerTime.human(c.host.now - ct.created) + " ago", ct.status(now: c.host.now),
                         Self.ports(ct), ct.name])
        }
        c.io.out(dockerTable(rows))
        return 0
    }

    /// `0.0.0.0:8080->80/tcp, :::8080->80/tcp`, or the image's exposed ports when none are published.
    static func ports(_ ct: DockerContainer) -> String {
        guard ct.running else { return "" }
        var parts: [String] = []
        for p in ct.ports {
            parts.append("\(p.hostIP):\(p.hostPort)->\(p.containerPort)/\(p.proto)")
            if p.hostIP == "0.0.0.0" { parts.append(":::\(p.hostPort)->\(p.containerPort)/\(p.proto)") }
        }
        for e in ct.image.config.exposedPorts where !ct.ports.contains(where: { "\($0.containerPort)/\($0.proto)" == e }) {
            parts.append(e)
        }
        return parts.joined(separator: ", ")
    }
}

/// Verbs that act on each named container and print its name (stop, start, restart, kill, rm).
struct DockerEachVerb {
    static func run(_ args: [String], _ c: DockerCall, _ action: (DockerContainer) -> DockerError?) -> Int32 {
        var status: Int32 = 0
        for a in args {
            guard let ct = c.host.container(a) else {
                c.io.errLine("Error response from daemon: No such container: \(a)")
                status = 1
                continue
            }
            if let e = action(ct) { c.io.errLine("Error response from daemon: \(e.message)"); status = 1 } else { c.io.outLine(a) }
        }
        return status
    }
}

struct DockerStopVerb: DockerVerb {
    let path = "stop"
    let usage = "docker stop [OPTIONS] CONTAINER [CONTAINER...]"
    let summary = "Stop one or more running containers"
    let flags = [FlagSpec("time", "t", .int, default: "10", usage: "Seconds to wait before killing the container")]
    var minArgs: Int? { 1 }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        DockerEachVerb.run(args, c) { c.host.stop($0); return nil }
    }
}

struct DockerStartVerb: DockerVerb {
    let path = "start"
    let usage = "docker start [OPTIONS] CONTAINER [CONTAINER...]"
    let summary = "Start one or more stopped containers"
    let flags = [FlagSpec("attach", "a", .bool, usage: "Attach STDOUT/STDERR and forward signals"),
                 FlagSpec("interactive", "i", .bool, usage: "Attach container's STDIN")]
    var minArgs: Int? { 1 }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        if f.bool("attach"), let ct = c.host.container(args[0]) {
            if case .failure(let e) = c.host.start(ct) { return c.daemonError(e) }
            return DockerRunVerb.attach(ct, c)
        }
        return DockerEachVerb.run(args, c) { ct in
            if case .failure(let e) = c.host.start(ct) { return e }
            return nil
        }
    }
}

struct DockerRestartVerb: DockerVerb {
    let path = "restart"
    let usage = "docker restart [OPTIONS] CONTAINER [CONTAINER...]"
    let summary = "Restart one or more containers"
    let flags = [FlagSpec("time", "t", .int, default: "10", usage: "Seconds to wait before killing the container")]
    var minArgs: Int? { 1 }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        DockerEachVerb.run(args, c) { ct in
            if case .failure(let e) = c.host.restart(ct) { return e }
            return nil
        }
    }
}

struct DockerKillVerb: DockerVerb {
    let path = "kill"
    let usage = "docker kill [OPTIONS] CONTAINER [CONTAINER...]"
    let summary = "Kill one or more running containers"
    let flags = [FlagSpec("signal", "s", .string, usage: "Signal to send to the container")]
    var minArgs: Int? { 1 }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        DockerEachVerb.run(args, c) { ct in
            c.host.refresh()
            guard ct.running else { return DockerError("cannot kill container: \(ct.name): container \(ct.id) is not running") }
            c.host.kill(ct)
            return nil
        }
    }
}

struct DockerRmVerb: DockerVerb {
    let path = "rm"
    let usage = "docker rm [OPTIONS] CONTAINER [CONTAINER...]"
    let summary = "Remove one or more containers"
    let flags = [FlagSpec("force", "f", .bool, usage: "Force the removal of a running container (uses SIGKILL)"),
                 FlagSpec("volumes", "v", .bool, usage: "Remove anonymous volumes associated with the container")]
    var minArgs: Int? { 1 }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        DockerEachVerb.run(args, c) { ct in
            if case .failure(let e) = c.host.remove(ct, force: f.bool("force")) { return e }
            return nil
        }
    }
}

struct DockerLogsVerb: DockerVerb {
    let path = "logs"
    let usage = "docker logs [OPTIONS] CONTAINER"
    let summary = "Fetch the logs of a container"
    let flags = [FlagSpec("follow", "f", .bool, usage: "Follow log output"),
                 FlagSpec("tail", "n", .string, default: "all", usage: "Number of lines to show from the end of the logs"),
                 FlagSpec("timestamps", "t", .bool, usage: "Show timestamps")]
    var minArgs: Int? { 1 }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        c.host.refresh()
        guard let ct = c.host.container(args[0]) else {
            c.io.errLine("Error response from daemon: No such container: \(args[0])")
            return 1
        }
        var lines = ct.logs
        if let n = Int(f.string("tail")), n >= 0 { lines = Array(lines.suffix(n)) }
        for l in lines {
            let text = f.bool("timestamps") ? "\(Self.timestamp(l.time)) \(l.text)" : l.text
            if l.stream == .stderr && !ct.tty { c.io.errLine(text) } else { c.io.outLine(text) }
        }
        return 0
    }

    /// RFC 3339 with nanoseconds, as docker logs -t prints.
    static func timestamp(_ t: Timestamp) -> String {
        let base = t.rfc3339.replacingOccurrences(of: "Z", with: "")
        return base + "." + String(format: "%03d", Int(((t.ms % 1000) + 1000) % 1000)) + "000000Z"
    }
}

struct DockerExecVerb: DockerVerb {
    let path = "exec"
    let usage = "docker exec [OPTIONS] CONTAINER COMMAND [ARG...]"
    let summary = "Execute a command in a running container"
    let flags = [FlagSpec("interactive", "i", .bool, usage: "Keep STDIN open even if not attached"),
                 FlagSpec("tty", "t", .bool, usage: "Allocate a pseudo-TTY"),
                 FlagSpec("detach", "d", .bool, usage: "Detached mode: run command in the background"),
                 FlagSpec("env", "e", .stringArray, usage: "Set environment variables"),
                 FlagSpec("workdir", "w", .string, usage: "Working directory inside the container"),
                 FlagSpec("user", "u", .string, usage: "Username or UID")]
    var minArgs: Int? { 2 }
    var flagsFirst: Bool { true }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        guard let ct = c.host.container(args[0]) else {
            c.io.errLine("Error response from daemon: No such container: \(args[0])")
            return 1
        }
        var argv = Array(args.dropFirst())
        // What the command sleeps or waits for passes on the docker host, as under kubectl exec (ExecTime); the
        // container stopping meanwhile kills it (status 137, no message, as docker exec reports it).
        let host = c.host, started = ct.startedAt
        let clock = f.bool("detach") ? nil : ExecTime.clock(c.session, now: { host.now }) {
            host.refresh()
            return !ct.running || ct.startedAt != started
        }
        if f.bool("tty"), f.bool("interactive"), c.io.stdin.isEmpty, argv.count == 1, !f.bool("detach") {
            // A shell on the terminal: the following lines go to it until `exit`.
            switch c.host.openShell(ct, argv, clock: clock) {
            case .failure(let e): return c.daemonError(e)
            case .success(let shell?):
                let host = c.host
                c.session.attachedShell = AttachedShell(shell: shell, now: { host.now }, reportsExitCode: false, session: c.session)
                return 0
            case .success(nil): break
            }
        }
        let env = f.strings("env")
        if !env.isEmpty { argv = ["env"] + env + argv }
        switch c.host.exec(ct, argv, stdin: f.bool("interactive") ? c.io.stdin : "", clock: clock) {
        case .failure(let e): return c.daemonError(e)
        case .success(let r):
            if f.bool("detach") { return 0 }
            if f.bool("tty") {
                // A tty merges the streams.
                c.io.out(r.stdout + r.stderr)
            } else {
                c.io.out(r.stdout)
                c.io.err(r.stderr)
            }
            // Ctrl-C (or a script's cap on waiting) ends the client: the shell sees 130.
            if r.interrupted { return 130 }
            return r.status < 0 ? 126 : r.status
        }
    }
}
