// A command a client exec'd into a container (`kubectl exec`) waits on the client's clock: its sleeps and network
// timeouts pass on the cluster, which may meanwhile kill the container — and with it every process inside.

/// How an exec'd command ended early, if it did.
final class ExecEnding {
    /// The container stopped (SIGKILL to everything in its PID namespace): the command's status is 137.
    var killed = false
    /// The client gave up.
    var interrupted = false
    /// Commands run since the command last slept (a busy loop pays for them in virtual time).
    var commandsSinceSleep = 0

    var isOver: Bool { killed || interrupted }
}

extension SimulatedProcess {
    /// Lets `clock` carry `host`'s waits: after each one the container must still run, or the command was killed.
    func wire(_ host: AppletHost, to clock: @escaping ExecClock, _ ending: ExecEnding) {
        host.sleep = { [weak self] d in
            guard !ending.isOver else { return false }
            ending.commandsSinceSleep = 0
            switch clock(d) {
            case .interrupted: ending.interrupted = true
            case .stopped: ending.killed = true
            case .resumed(let t):
                guard let self, self.advance(to: t) == .running else { ending.killed = true; return false }
                return true
            }
            return false
        }
        let stopped = host.stopped
        host.stopped = { ending.isOver || stopped() }
        // A loop that never sleeps still takes time, as in the container's own shell (ShellProgram).
        host.tick = { [weak host] in
            ending.commandsSinceSleep += 1
            if ending.commandsSinceSleep >= 5000 { _ = host?.sleep(.milliseconds(100)) }
        }
    }
}
