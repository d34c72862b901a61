// Commands that keep running until something happens (`rollout status`, `wait`, `get -w`, later `logs -f` and
// gcloud operations) share one stepper, so every front end decides once how such a wait passes time.
import MiniCluster

/// Lets time pass for a waiting command. `run` polls, then lets one `step` of time pass through
/// `ShellSession.sleep` — which moves the virtual clocks at once in scripts and tests, and follows wall time in
/// the REPL (its sleep handler) — settles the clusters, and polls again, until the poll says done, the timeout
/// passes, or the user interrupts (Ctrl-C sets the interpreter's `isInterrupted`). Waits without a timeout run
/// until done in the REPL; in script mode they stop after `scriptCap` of virtual time so scripts always end.
public struct Waiter {
    public enum Outcome: Equatable { case done, timedOut, interrupted }

    public let session: ShellSession
    /// Virtual time between polls.
    public var step: Duration
    /// The longest a wait without its own timeout runs in script mode.
    public static let scriptCap = Duration.minutes(60)

    public init(session: ShellSession, step: Duration = .seconds(1)) {
        self.session = session
        self.step = step
    }

    /// Whether a front end follows wall time (the REPL installs a sleep handler; scripts and tests do not).
    public var isInteractive: Bool { session.sleepHandler != nil }

    /// Polls until `poll` returns true, `timeout` has passed (nil: no limit but the script cap), or an interrupt.
    public func run(timeout: Duration?, _ poll: () throws -> Bool) rethrows -> Outcome {
        let limit = timeout ?? (isInteractive ? nil : Self.scriptCap)
        var elapsed = Duration(ms: 0)
        while true {
            if try poll() { return .done }
            if session.interpreter.isInterrupted() { return .interrupted }
            if let limit, elapsed >= limit { return .timedOut }
            var d = step
            if let limit, limit.ms - elapsed.ms < d.ms { d = Duration(ms: limit.ms - elapsed.ms) }
            session.sleep(d)
            session.settleClusters()
            elapsed = elapsed + d
        }
    }

    /// A `--timeout` flag's value: nil for 0 or negative (wait forever), else the duration.
    public static func timeout(_ text: String, zeroMeansForever: Bool = true) -> Duration? {
        guard let ms = GoDuration.parse(text) else { return nil }
        if ms <= 0, zeroMeansForever { return nil }
        return Duration(ms: max(0, ms))
    }
}
