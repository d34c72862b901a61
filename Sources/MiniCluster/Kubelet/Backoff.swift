// The kubelet's per-container back-off (client-go flowcontrol.Backoff): 10 s doubling to 5 min, forgotten after
// 10 min without a failure. Used for crash restarts and for image pulls (reference §5.4).

struct Backoff: Equatable {
    static let initial = Duration.seconds(10)
    static let max = Duration.seconds(300)

    /// The current delay and when it was last bumped; nil before the first restart.
    private(set) var delay: Duration?
    private(set) var lastUpdate: Timestamp?

    /// Whether an entry bumped at `lastUpdate` is too old to count (more than twice the maximum ago).
    private func expired(at t: Timestamp) -> Bool {
        guard let lastUpdate else { return true }
        return (t - lastUpdate).ms > 2 * Self.max.ms
    }

    /// True when something that happened at `eventTime` falls inside the current back-off window.
    func inBackOff(since eventTime: Timestamp) -> Bool {
        guard let delay, let lastUpdate, !expired(at: eventTime) else { return false }
        return (eventTime - lastUpdate) < delay
    }

    /// When the current window ends.
    var until: Timestamp? {
        guard let delay, let lastUpdate else { return nil }
        return lastUpdate + delay
    }

    /// Records an attempt at `now`: the first (or first after expiry) waits 10 s, each next one twice as long.
    mutating func next(at now: Timestamp) {
        if let d = delay, !expired(at: now) {
            delay = Duration(ms: min(d.ms * 2, Self.max.ms))
        } else {
            delay = Self.initial
        }
        lastUpdate = now
    }
}
