// A command a client exec'd into a container (`kubectl exec`) waits on the client's clock: its sleeps and network
// timeouts pass on the cluster, which may meanwhile kill the container — and with it every process inside.

/// How an exec'd command ended early, if it did.
final class ExecEnding {
    /// The container stopped (SIGKILL to everything in its PID namespace): the command's status is 137.
    var killed = false
    /// The client gave up.
    var interrupted = false
    /// Commands run since the command last slept (a busy loop pays for them in virtual time).
    var busy = BusyLoop()
    /// Virtual time a command without a client's clock has burnt in busy loops (see `capBusyLoops`).
    var burnt = Duration(ms: 0)

    var isOver: Bool { killed || interrupted }
}

extension SimulatedProcess {
    /// Lets `clock` carry `host`'s waits: after each one the container must still run, or the command was killed.
    func wire(_ host: AppletHost, to clock: @escaping ExecClock, _ ending: ExecEnding) {
        let wait: (Duration) -> Bool = { [weak self] d in
            guard !ending.isOver else { return false }
            switch clock(d) {
            case .interrupted: ending.interrupted = true
            case .stopped: ending.killed = true
            case .resumed(let t):
                guard let self, self.advance(to: t) == .running else { ending.killed = true; return false }
                return true
            }
            return false
        }
        host.sleep = { d in
            ending.busy.slept()
            return wait(d)
        }
        let stopped = host.stopped
        host.stopped = { ending.isOver || stopped() }
        // A loop that never sleeps still takes time, as in the container's own shell (BusyLoop).
        host.tick = {
            if let charge = ending.busy.tick() { _ = wait(charge) }
        }
    }

    /// A command exec'd without a client's clock (an exec probe, a check judged with time held) takes no time, so
    /// a busy loop in it would never end: it is given up once its bursts were charged `busyCap`, the kubelet's
    /// default probe timeout (timeoutSeconds: 1).
    func capBusyLoops(_ host: AppletHost, _ ending: ExecEnding) {
        let stopped = host.stopped
        host.stopped = { ending.isOver || stopped() }
        host.tick = {
            guard let charge = ending.busy.tick() else { return }
            ending.burnt = ending.burnt + charge
            if ending.burnt.ms >= Self.busyCap.ms { ending.interrupted = true }
        }
        let sleep = host.sleep
        host.sleep = { d in
            ending.busy.slept()
            return sleep(d)
        }
    }

    static var busyCap: Duration { .seconds(1) }
}
