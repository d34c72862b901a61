// `ready:` checks: a Pod is Ready (and if not, what its containers are doing, in words), or a workload has the
// number of ready replicas it asks for (or the number the lesson names).
import MiniCluster

enum ReadyCheck {
    static func judge(_ obj: Value, ref: ObjectRef, expect: Expectation?) -> CheckOutcome {
        if ref.type.kind == "Pod" { return podReady(obj, ref: ref) }
        let spec = obj["spec"], status = obj["status"]
        let found: Int, wanted: Int, unit: String
        switch ref.type.kind {
        case "DaemonSet":
            found = status?["numberReady"]?.intValue ?? 0
            wanted = status?["desiredNumberScheduled"]?.intValue ?? 0
            unit = "ready pods"
        default:
            found = status?["readyReplicas"]?.intValue ?? 0
            wanted = spec?["replicas"]?.intValue ?? 1
            unit = "ready replicas"
        }
        let e = expect ?? .equals(String(wanted))
        return CheckJudge.compare(String(found), e) ? .pass
            : .fail("expected \(CheckJudge.countWords(e)) \(CheckJudge.isOne(e) ? String(unit.dropLast()) : unit) of \(ref), found \(found)")
    }

    /// Whether a pod's Ready condition is True.
    static func podIsReady(_ pod: Value) -> Bool {
        let conds = pod["status"]?["conditions"]?.arrayValue ?? []
        return conds.contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
    }

    static func podReady(_ pod: Value, ref: ObjectRef) -> CheckOutcome {
        if podIsReady(pod) { return .pass }
        return .fail("\(ref) is not ready: \(notReadyReason(pod))")
    }

    /// What keeps a pod from being ready, as `kubectl get pod` and `describe` would show it.
    static func notReadyReason(_ pod: Value) -> String {
        let status = pod["status"]
        let phase = status?["phase"]?.stringValue ?? "Pending"
        if pod["metadata"]?["deletionTimestamp"] != nil { return "it is being deleted" }
        if phase == "Succeeded" { return "it has completed (its containers exited successfully)" }
        if phase == "Failed" { return "it has failed" }
        if pod["spec"]?["nodeName"]?.stringValue == nil {
            let sched = status?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "PodScheduled" }
            if let msg = sched?["message"]?.stringValue, !msg.isEmpty { return "it cannot be scheduled (\(msg))" }
            return "it has not been scheduled to a node yet"
        }
        let groups: [(String, String)] = [("initContainerStatuses", "init container"), ("containerStatuses", "container")]
        for (key, word) in groups {
            for c in status?[key]?.arrayValue ?? [] {
                let name = c["name"]?.stringValue ?? "?"
                if let w = c["state"]?["waiting"] {
                    let reason = w["reason"]?.stringValue ?? "waiting"
                    return "\(word) \(name) is waiting (\(reason))"
                }
                if let t = c["state"]?["terminated"], word == "container" || t["exitCode"]?.intValue != 0 {
                    let reason = t["reason"]?.stringValue ?? "Terminated"
                    return "\(word) \(name) has terminated (\(reason), exit code \(t["exitCode"]?.intValue ?? 0))"
                }
                if word == "container", c["ready"]?.boolValue != true, c["state"]?["running"] != nil {
                    return "container \(name) is running but not ready (its readiness probe has not passed)"
                }
            }
        }
        if status?["containerStatuses"] == nil { return "its containers have not started yet" }
        return "it is \(phase)"
    }
}
