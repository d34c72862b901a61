// What a describer may consult besides its object: the cluster (related objects, events), the virtual
// time for ages, and the describe settings (`--show-events`).
import MiniCluster

struct DescribeContext {
    let cluster: Cluster
    /// `--show-events` (default true).
    var showEvents = true

    var now: Timestamp { cluster.now }

    /// Objects of a kind in a namespace (nil: every namespace); empty when the kind is not served.
    func list(_ kind: String, namespace: String?) -> [Value] {
        guard let t = cluster.registry.lookup(kind: kind) else { return [] }
        return cluster.api.list(t, namespace: namespace)
    }

    /// One object of a kind, if it exists.
    func get(_ kind: String, namespace: String?, name: String) -> Value? {
        guard let t = cluster.registry.lookup(kind: kind) else { return nil }
        return try? cluster.api.get(t, namespace: namespace, name: name)
    }

    /// HumanDuration since `t`, `<unknown>` when unset (translateTimestampSince).
    func since(_ t: Timestamp?) -> String {
        guard let t else { return "<unknown>" }
        return HumanDuration.format(now - t)
    }

    /// Pods whose controller reference is `owner`, counted by phase, among pods matching the selector.
    func podPhases(selector: Value?, owner: Value) -> (running: Int, waiting: Int, succeeded: Int, failed: Int) {
        var r = (running: 0, waiting: 0, succeeded: 0, failed: 0)
        for pod in list("Pod", namespace: owner.metadataNamespace ?? "default")
        where DescribeSelector.matches(selector, pod.labels) && pod.dController?.dStr("uid") == owner.uid {
            switch pod.dStr("status", "phase") {
            case "Running": r.running += 1
            case "Pending": r.waiting += 1
            case "Succeeded": r.succeeded += 1
            case "Failed": r.failed += 1
            default: break
            }
        }
        return r
    }
}
