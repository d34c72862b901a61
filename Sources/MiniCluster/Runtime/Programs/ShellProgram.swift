// A container whose main program is a command line: `sh -c 'while true; do echo hi; sleep 5; done'`, `sleep 3600`,
// a distribution's default shell. It runs as a coroutine: `sleep` suspends it in virtual time until the kubelet
// advances the container past the wake-up instant, so it never runs ahead of the cluster. The image's own program
// started from the shell (`exec redis-server`, `nginx &`) runs in the same container: with `exec` it becomes the
// container's program, otherwise it runs beside the shell, which stays PID 1.

final class ShellProgram: SimulatedProcess {
    private let argv: [String]
    private let host: AppletHost
    private let clock: ProgramClock
    private var coroutine: Coroutine?
    private var exitCode: ExitBox
    /// The image's programs the shell started, which serve the container's ports while they run.
    private var children: [SimulatedProcess] = []
    /// The program that took the shell's place with `exec`: from then on the container is that program.
    private var successor: SimulatedProcess?

    /// A command without a terminal and without stdin sees end-of-file at once (`sh` alone exits 0).
    init(ctx: ContainerContext, argv: [String]) {
        self.argv = argv
        host = AppletHost(ctx: ctx)
        clock = ProgramClock(target: ctx.now)
        exitCode = ExitBox()
        super.init(ctx: ctx)
        let interactive = ctx.launch.container["stdin"]?.boolValue == true
        let tty = ctx.launch.container["tty"]?.boolValue == true
        let (host, clock, box, argv) = (self.host, self.clock, self.exitCode, argv)
        host.sleep = { d in clock.sleep(ctx, d) }
        host.stopped = { clock.coroutine?.cancelled ?? false || box.oom }
        host.onOOM = { box.oom = true }
        host.tick = { [weak self] in
            // A loop that never sleeps still takes time (BusyLoop): the coroutine suspends, the kubelet goes on.
            if let charge = clock.busy.tick() { _ = clock.sleep(ctx, charge, burning: true) }
            // Programs in the background write their lines up to now before the shell writes more.
            for c in self?.children ?? [] where c.isRunning { _ = c.advance(to: ctx.now) }
        }
        host.launch = { [weak self] make, io in self?.launch(make, io) ?? 137 }
        let co = Coroutine { _ in
            let io = ShellIO(stdin: "", out: { ctx.write($0) }, err: { ctx.write($0, .stderr) }, outIsTerminal: tty)
            if interactive, argv.count == 1, Applets.shells.contains(Applets.base(argv[0])) {
                // `kubectl run -it … -- sh`: the shell waits for input that arrives through attach.
                while clock.sleep(ctx, .seconds(3600)) {}
                box.code = 0
                return
            }
            guard let applet = host.command(argv.first ?? "") else { box.code = 127; return }
            box.code = applet(argv, io, host)
        }
        clock.coroutine = co
        coroutine = co
        ctx.idleCPU = 0
    }

    deinit { coroutine?.cancel() }

    /// Starts one of the image's programs from the shell (on the coroutine): `exec` in the container's own shell
    /// hands the container over to it; `&` leaves it running; otherwise the shell waits for it and gets its status.
    private func launch(_ make: ProgramFactory.Maker, _ io: ShellIO) -> Int32 {
        let child = make(ctx)
        _ = child.advance(to: ctx.now)
        children.append(child)
        // Its clients (`redis-cli`) now reach it from the script too.
        host.extraCommands.merge(child.extraCommands) { a, _ in a }
        switch io.start {
        case .replacingShell where host.shellDepth == 1:
            successor = child
            return 0
        case .background:
            return 0
        default:
            while child.isRunning {
                let wake = child.nextWake.map { max($0, ctx.now + .milliseconds(1)) } ?? ctx.now + .seconds(3600)
                guard host.sleep(wake - ctx.now) else { return 137 }
                _ = child.advance(to: ctx.now)
            }
            if case .exited(let code, _, _) = child.state { return code }
            return 0
        }
    }

    override func advance(to now: Timestamp) -> ProcessState {
        if let s = successor, coroutine == nil { return follow(s, to: now) }
        guard isRunning, let co = coroutine else { return state }
        clock.target = now
        if !clock.started {
            clock.started = true
            co.resume()
        }
        while !co.finished, let w = clock.wakeAt, w <= now { co.resume() }
        if co.finished {
            coroutine = nil
            if let s = successor { return follow(s, to: now) }
            for c in children where c.isRunning { c.kill(now: ctx.now) }
            if exitCode.oom { oomKilled = true; ctx.log("Killed", .stderr) }
            exit(exitCode.oom ? 137 : exitCode.code, at: ctx.now)
        } else {
            if ctx.now < now { ctx.now = now }
            for c in children where c.isRunning { _ = c.advance(to: now) }
        }
        return state
    }

    /// Advances the program that replaced the shell; its state is the container's.
    private func follow(_ s: SimulatedProcess, to now: Timestamp) -> ProcessState {
        let st = s.advance(to: now)
        if st != state { state = st; changes &+= 1 }
        return state
    }

    /// The running program that answers on `port`, when the shell started one.
    private func server(on port: Int, now: Timestamp) -> SimulatedProcess? {
        guard advance(to: now) == .running else { return nil }
        return successor ?? children.first { $0.listens(on: port, now: now) }
    }

    override var nextWake: Timestamp? {
        if let s = successor, coroutine == nil { return s.nextWake }
        guard isRunning else { return nil }
        return [clock.wakeAt, children.lazy.filter(\.isRunning).compactMap(\.nextWake).min()].compactMap { $0 }.min()
    }

    override func http(_ request: HTTPRequest, port: Int, now: Timestamp) -> HTTPResponse? {
        server(on: port, now: now)?.http(request, port: port, now: now)
    }

    override func listens(on port: Int, now: Timestamp) -> Bool {
        server(on: port, now: now)?.listens(on: port, now: now) ?? false
    }

    override func grpcHealth(port: Int, service: String, now: Timestamp) -> Bool? {
        guard advance(to: now) == .running else { return nil }
        if let s = successor { return s.grpcHealth(port: port, service: service, now: now) }
        return children.lazy.compactMap { $0.grpcHealth(port: port, service: service, now: now) }.first
    }

    override func exec(_ argv: [String], stdin: String, now: Timestamp, clock: ExecClock?) -> ExecResult {
        if let s = successor { _ = advance(to: now); return s.exec(argv, stdin: stdin, now: now, clock: clock) }
        return super.exec(argv, stdin: stdin, now: now, clock: clock)
    }

    override func execHost() -> AppletHost { successor?.execHost() ?? super.execHost() }

    /// `redis-cli` beside a running `redis-server &`.
    override var extraCommands: [String: Applet] {
        children.reduce(into: [:]) { all, c in all.merge(c.extraCommands) { a, _ in a } }
    }

    override var stateGeneration: Int { successor.map { $0.stateGeneration &+ changes } ?? super.stateGeneration }

    override var isQuiescent: Bool { successor.map { coroutine == nil && $0.isQuiescent } ?? false }

    override func replayToken(for request: HTTPRequest, port: Int) -> ReplayToken? {
        successor?.replayToken(for: request, port: port)
    }

    override func replay(_ token: ReplayToken, now: Timestamp) {
        if let s = successor { s.replay(token, now: now) } else { super.replay(token, now: now) }
    }

    /// PID 1 ignores SIGTERM unless it installs a handler: a shell keeps running until SIGKILL (and a program it
    /// started is not told). A program that replaced the shell gets the signal.
    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        if let s = successor { s.terminate(now: now); _ = follow(s, to: now) }
    }

    override func kill(now: Timestamp) {
        _ = advance(to: now)
        if let s = successor { s.kill(now: now); _ = follow(s, to: now); return }
        coroutine?.cancel()
        coroutine = nil
        for c in children where c.isRunning { c.kill(now: now) }
        exit(137, at: now)
    }

    override func oom() {
        if let s = successor { s.oom(); oomKilled = true; _ = follow(s, to: ctx.now); return }
        coroutine?.cancel()
        coroutine = nil
        for c in children where c.isRunning { c.kill(now: ctx.now) }
        super.oom()
    }
}

/// The exit status a coroutine's body leaves behind.
final class ExitBox {
    var code: Int32 = 0
    var oom = false
}

/// How far a program may run, and when it wants to wake up.
final class ProgramClock {
    var target: Timestamp
    var wakeAt: Timestamp?
    var started = false
    /// Commands run since the program last slept (a busy loop pays for them in virtual time).
    var busy = BusyLoop()
    weak var coroutine: Coroutine?

    init(target: Timestamp) { self.target = target }

    /// Sleeps `d` of the program's time: at once when that stays within the target, otherwise by suspending
    /// until resumed. False when the program was cancelled. `burning`: the time a busy loop's burst costs, which
    /// does not end the loop's busy spell as a sleep of its own does.
    func sleep(_ ctx: ContainerContext, _ d: Duration, burning: Bool = false) -> Bool {
        guard let co = coroutine, !co.cancelled else { return false }
        if !burning { busy.slept() }
        let wake = ctx.now + d
        if wake <= target { ctx.now = wake; return true }
        wakeAt = wake
        co.suspend()
        wakeAt = nil
        if co.cancelled { return false }
        ctx.now = wake
        return true
    }
}
