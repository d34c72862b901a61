// `kubectl exec -it POD -- sh`: a shell that keeps its variables and working directory between lines, running
// in the container with its files, environment and commands.

final class InteractiveShell: ContainerShell {
    private let host: AppletHost
    private let interp: ShellInterpreter
    private let shellName: String
    /// How the line running now ended early (the client's Ctrl-C, or its container stopped).
    private let ending: ExecEnding

    init(host: AppletHost, shellName: String, ending: ExecEnding = ExecEnding()) {
        self.host = host
        self.shellName = shellName
        self.ending = ending
        let env = ShellEnvironment(Dictionary(host.environment, uniquingKeysWith: { _, b in b }))
        env.set("PWD", host.fs.cwd, export: true)
        interp = ShellInterpreter(env: env) { cmd in
            guard let applet = host.command(cmd) else { return nil }
            return { argv, io in applet(argv, io, host) }
        }
        interp.files = host.fs
        interp.notFound = { host.notFound($0, shell: shellName) }
        interp.commandPath = { host.path(of: $0) }
        // The tick charges a busy loop's bursts virtual time (BusyLoop), which the client's Ctrl-C can end.
        interp.isInterrupted = { host.tick(); return host.stopped() }
        host.shellEnv = env
    }

    var prompt: String {
        let cwd = host.fs.cwd
        if host.userland == .busybox { return "\(cwd == "/root" ? "~" : cwd) # " }
        return "root@\(host.ctx.hostname):\(cwd == "/root" ? "~" : cwd)# "
    }

    func run(line: String, now: Timestamp) -> (result: ExecResult, exited: Int32?) {
        if host.ctx.now < now { host.ctx.now = now }
        // Each line is a command of its own: a busy loop's charges so far do not count against the next.
        ending.busy.slept()
        ending.burnt = Duration(ms: 0)
        var out = "", err = ""
        let status = interp.run(line, io: ShellIO(stdin: "", out: { out += $0 }, err: { err += $0 }, outIsTerminal: true))
        if ending.interrupted, !ending.killed {
            // Ctrl-C on a terminal goes to the command in the foreground; the shell itself stays.
            ending.interrupted = false
            return (ExecResult(stdout: out, stderr: err, status: 130), nil)
        }
        if host.stopped() { return (ExecResult(stdout: out, stderr: err, status: 137), 137) }
        return (ExecResult(stdout: out, stderr: err, status: status), interp.exitRequested)
    }
}

extension SimulatedProcess: InteractiveContainer {
    func openShell(_ argv: [String], now: Timestamp, clock: ExecClock?) -> ContainerShell? {
        _ = advance(to: now)
        guard isRunning, let name = argv.first else { return nil }
        let host = execHost()
        guard Applets.shells.contains(Applets.base(name)), host.command(name) != nil else { return nil }
        let ending = ExecEnding()
        if let clock { wire(host, to: clock, ending) } else { capBusyLoops(host, ending) }
        return InteractiveShell(host: host, shellName: Applets.base(name), ending: ending)
    }
}
