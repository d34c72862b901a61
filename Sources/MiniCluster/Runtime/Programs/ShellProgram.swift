// A container whose main program is a command line: `sh -c 'while true; do echo hi; sleep 5; done'`, `sleep 3600`,
// a distribution's default shell. It runs as a coroutine: `sleep` suspends it in virtual time until the kubelet
// advances the container past the wake-up instant, so it never runs ahead of the cluster.

final class ShellProgram: SimulatedProcess {
    private let argv: [String]
    private let host: AppletHost
    private let clock: ProgramClock
    private var coroutine: Coroutine?
    private var exitCode: ExitBox

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
        host.tick = {
            // A loop that never sleeps still takes time: every few thousand commands cost 100 ms.
            clock.commandsSinceSleep += 1
            if clock.commandsSinceSleep >= 5000 { _ = clock.sleep(ctx, .milliseconds(100)) }
        }
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

    override func advance(to now: Timestamp) -> ProcessState {
        guard isRunning, let co = coroutine else { return state }
        clock.target = now
        if !clock.started {
            clock.started = true
            co.resume()
        }
        while !co.finished, let w = clock.wakeAt, w <= now { co.resume() }
        if co.finished {
            if exitCode.oom { oomKilled = true; ctx.log("Killed", .stderr) }
            exit(exitCode.oom ? 137 : exitCode.code, at: ctx.now)
            coroutine = nil
        } else if ctx.now < now {
            ctx.now = now
        }
        return state
    }

    override var nextWake: Timestamp? { isRunning ? clock.wakeAt : nil }

    /// PID 1 ignores SIGTERM unless it installs a handler: a shell keeps running until SIGKILL.
    override func terminate(now: Timestamp) { _ = advance(to: now) }

    override func kill(now: Timestamp) {
        _ = advance(to: now)
        coroutine?.cancel()
        coroutine = nil
        exit(137, at: now)
    }

    override func oom() {
        coroutine?.cancel()
        coroutine = nil
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
    var commandsSinceSleep = 0
    weak var coroutine: Coroutine?

    init(target: Timestamp) { self.target = target }

    /// Sleeps `d` of the program's time: at once when that stays within the target, otherwise by suspending
    /// until resumed. False when the program was cancelled.
    func sleep(_ ctx: ContainerContext, _ d: Duration) -> Bool {
        guard let co = coroutine, !co.cancelled else { return false }
        commandsSinceSleep = 0
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
