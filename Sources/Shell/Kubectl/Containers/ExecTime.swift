// The clock a command run by `kubectl exec` waits on: its sleeps and network timeouts pass on every cluster of the
// session the way other waiting commands let time pass (Waiter: at once in scripts and tests, with wall time in
// the REPL and the lesson player), so the cluster goes on meanwhile and may kill the container under it.
import MiniCluster

extension ShellSession {
    /// Runs `body` with exec'd commands' waits taking no time: judging a check must not move the clock, and an
    /// exec reached from inside another exec's wait (a check re-judged as time passes) must not advance the clusters
    /// again from within their own advance.
    public func withTimeHeld<T>(_ body: () throws -> T) rethrows -> T {
        let saved = timeHeld
        timeHeld = true
        defer { timeHeld = saved }
        return try body()
    }
}

enum ExecTime {
    /// The clock for a command exec'd into `process` (container `container` of pod `namespace/pod`); nil while time
    /// is held. The cap: in script mode one exec session (a command, or an `exec -it` shell's lines together) waits
    /// at most `Waiter.scriptCap`, 60 minutes of virtual time, in all, then ends as if interrupted — the real kubectl
    /// waits forever, but a script has no Ctrl-C, so `exec -- sleep infinity` or a busy loop (which burns time in
    /// bursts, BusyLoop) must still end, and no waiting command of a script takes longer. Where the front end follows
    /// wall time (the REPL, the lesson player) there is no cap: the exec runs until it ends, is killed or Ctrl-C.
    static func clock(_ session: ShellSession, _ cluster: Cluster, _ process: ContainerProcess,
                      namespace: String, pod: String, container: String) -> ExecClock? {
        clock(session, now: { cluster.now }) {
            // Killed (a liveness failure, the pod deleted) or replaced (a restart) while the command waited.
            process.advance(to: cluster.now) != .running
                || ContainerAccess.directory(cluster)?.process(namespace: namespace, pod: pod, container: container,
                                                                 previous: false) !== process
        }
    }

    /// The same for any container: `now` reads its clock (a cluster's, the docker host's); `ended` says whether the
    /// container stopped or was replaced while the command waited (`docker exec` shares this).
    static func clock(_ session: ShellSession, now: @escaping () -> Timestamp, ended: @escaping () -> Bool) -> ExecClock? {
        guard !session.timeHeld else { return nil }
        var waited = Duration(ms: 0)
        return { [unowned session] d in
            guard !session.timeHeld else { return .resumed(now()) }
            let waiter = Waiter(session: session)
            var limit = d
            if !waiter.isInteractive {
                let left = Waiter.scriptCap.ms - waited.ms
                guard left > 0 else { return .interrupted }
                if left < d.ms { limit = Duration(ms: left) }
            }
            let start = now()
            let outcome = session.withTimeHeld { waiter.run(timeout: limit, ended) }
            waited = waited + (now() - start)
            switch outcome {
            case .done: return .stopped
            case .interrupted: return .interrupted
            case .timedOut: return limit.ms < d.ms ? .interrupted : .resumed(now())
            }
        }
    }
}
