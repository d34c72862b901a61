// Parts of pod status that the pods of one template show alike at the same instants: a container waiting to be
// created, one running since a given second. The last one built is given again when it would be built from the
// same bytes; the kubelets of a cluster keep their own (no shared state between clusters).

final class PodStatusParts {
    private var waiting: (reason: String, message: String?, value: Value)?
    private var running: (since: String, value: Value)?

    /// `{"waiting": {"message": …, "reason": …}}`, the message only when there is one.
    func waitingState(_ reason: String, _ message: String?) -> Value {
        if let w = waiting, Value.sameBytes(w.reason, reason), PodStatusBuilder.sameBytes(w.message, message) {
            return w.value
        }
        let value = PodStatusBuilder.makeWaiting(reason: reason, message: message)
        waiting = (reason, message, value)
        return value
    }

    /// `{"running": {"startedAt": since}}`.
    func runningState(since: String) -> Value {
        if let r = running, Value.sameBytes(r.since, since) { return r.value }
        let value = PodStatusBuilder.makeRunning(since: since)
        running = (since, value)
        return value
    }
}
