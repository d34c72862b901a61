// Whether a Deployment, StatefulSet or DaemonSet has finished rolling out, by the rules `kubectl rollout status`
// uses (its status viewers), with the same "waiting" explanations in words.
import MiniCluster

enum RolloutState {
    static func judge(_ obj: Value, ref: ObjectRef) -> CheckOutcome {
        let spec = obj["spec"], status = obj["status"]
        func int(_ v: Value?) -> Int { v?.intValue ?? 0 }
        let generation = int(obj["metadata"]?["generation"])
        guard int(status?["observedGeneration"]) >= generation else {
            return .fail("\(ref) is not rolled out yet: the controller has not seen its latest change")
        }
        switch ref.type.kind {
        case "Deployment":
            let progressing = status?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Progressing" }
            if progressing?["reason"]?.stringValue == "ProgressDeadlineExceeded" {
                return .fail("\(ref) rollout has exceeded its progress deadline")
            }
            let want = spec?["replicas"]?.intValue ?? 1
            let updated = int(status?["updatedReplicas"]), replicas = int(status?["replicas"])
            let available = int(status?["availableReplicas"])
            if updated < want { return .fail("\(ref) is not rolled out yet: \(updated) of \(want) new replicas have been updated") }
            if replicas > updated { return .fail("\(ref) is not rolled out yet: \(replicas - updated) old replicas are pending termination") }
            if available < updated { return .fail("\(ref) is not rolled out yet: \(available) of \(updated) updated replicas are available") }
            return .pass
        case "StatefulSet":
            let want = spec?["replicas"]?.intValue ?? 1
            let ready = int(status?["readyReplicas"]), updated = int(status?["updatedReplicas"])
            if ready < want { return .fail("\(ref) is not rolled out yet: \(ready) of \(want) pods are ready") }
            if updated < want { return .fail("\(ref) is not rolled out yet: \(updated) of \(want) pods are updated") }
            return .pass
        default:
            let want = int(status?["desiredNumberScheduled"])
            let updated = int(status?["updatedNumberScheduled"]), available = int(status?["numberAvailable"])
            if updated < want { return .fail("\(ref) is not rolled out yet: \(updated) of \(want) new pods have been updated") }
            if available < want { return .fail("\(ref) is not rolled out yet: \(available) of \(want) updated pods are available") }
            return .pass
        }
    }
}
