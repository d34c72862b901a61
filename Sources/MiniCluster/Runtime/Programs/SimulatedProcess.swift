// What every simulated program shares: its container, exit state, exec into it, logs and usage. Subclasses are
// the programs (a shell script, nginx, redis …) and override what they do differently.

class SimulatedProcess: ContainerProcess {
    let ctx: ContainerContext
    var state: ProcessState = .running
    /// Set when the program was OOM-killed, so its exit reads `OOMKilled`.
    var oomKilled = false
    /// Bumped by exec, signals and exit: part of `stateGeneration`.
    var changes = 0

    init(ctx: ContainerContext) { self.ctx = ctx }

    var isRunning: Bool { state == .running }

    /// Ends the program with `code`; the reason follows the code as containerStatuses report it.
    func exit(_ code: Int32, at t: Timestamp) {
        guard isRunning else { return }
        changes &+= 1
        ctx.flush()
        let reason = oomKilled ? "OOMKilled" : code == 0 ? "Completed" : "Error"
        state = .exited(code: code, reason: reason, at: t)
    }

    // MARK: ContainerProcess

    func advance(to now: Timestamp) -> ProcessState {
        ctx.settle()
        if isRunning, ctx.now < now { ctx.now = now }
        return state
    }

    var nextWake: Timestamp? { nil }

    func exec(_ argv: [String], stdin: String, now: Timestamp) -> ExecResult {
        exec(argv, stdin: stdin, now: now, clock: nil)
    }

    func exec(_ argv: [String], stdin: String, now: Timestamp, clock: ExecClock?) -> ExecResult {
        _ = advance(to: now)
        changes &+= 1
        guard isRunning else {
            return ExecResult(stdout: "", stderr: "container is not created or running", status: -1)
        }
        guard let name = argv.first, let applet = execHost().command(name) else {
            let name = argv.first ?? ""
            return ExecResult(stdout: "", stderr: "OCI runtime exec failed: exec failed: unable to start container process: exec: \"\(name)\": executable file not found in $PATH: unknown", status: -1)
        }
        var out = "", err = ""
        let host = execHost()
        let ending = ExecEnding()
        if let clock { wire(host, to: clock, ending) } else { capBusyLoops(host, ending) }
        // Once the command was killed or given up, nothing it would still write reaches the client.
        let io = ShellIO(stdin: stdin, out: { if !ending.isOver { out += $0 } }, err: { if !ending.isOver { err += $0 } },
                         outIsTerminal: false)
        let status = applet(argv, io, host)
        var r = ExecResult(stdout: out, stderr: err, status: ending.killed ? 137 : status)
        r.interrupted = ending.interrupted && !ending.killed
        return r
    }

    /// The host a command exec'd into the container runs with: it shares files and memory; its waits take no time
    /// unless a client's clock carries them (ClientExec.swift).
    func execHost() -> AppletHost {
        let host = AppletHost(ctx: ctx)
        host.localHTTP = { [weak self] req in
            guard let self else { return nil }
            return self.http(req, port: req.port, now: self.ctx.now)
        }
        host.extraCommands = extraCommands
        host.onOOM = { [weak self] in self?.oom() }
        host.stopped = { [weak self] in !(self?.isRunning ?? false) }
        return host
    }

    /// Commands the image adds (`nginx -s reload`, `redis-cli`); the program's own names.
    var extraCommands: [String: Applet] { [:] }

    /// The kernel's OOM killer: memory passed the limit.
    func oom() {
        oomKilled = true
        ctx.log("Killed", .stderr)
        exit(137, at: ctx.now)
    }

    func http(_ request: HTTPRequest, port: Int, now: Timestamp) -> HTTPResponse? { nil }

    func listens(on port: Int, now: Timestamp) -> Bool { false }

    func grpcHealth(port: Int, service: String, now: Timestamp) -> Bool? { nil }

    /// SIGTERM: by default the program exits with 143 (killed by the signal) when it does not handle it.
    func terminate(now: Timestamp) {
        _ = advance(to: now)
        changes &+= 1
        exit(143, at: now)
    }

    func kill(now: Timestamp) {
        _ = advance(to: now)
        changes &+= 1
        exit(137, at: now)
    }

    var logs: [LogLine] { ctx.logs }

    func usage(now: Timestamp) -> ResourceUsage { ctx.usage(at: now) }

    // MARK: Probe replay

    var stateGeneration: Int { changes &+ ctx.filesGeneration }

    /// Programs that change nothing on their own once started say so (servers); scripts never are.
    var isQuiescent: Bool { false }

    func replayToken(for request: HTTPRequest, port: Int) -> ReplayToken? { nil }

    func replay(_ token: ReplayToken, now: Timestamp) { ctx.queueReplay(token, at: now) }
}
