// A stand-in kubelet for tests written before the simulated kubelets land (and for tests that want pods
// Ready on cue): it only writes pod status.
import MiniCluster

/// Plays kubelet for the workload tests: a pod becomes Running and Ready `startDelay` after it was created,
/// unless its image is in `badImages` (then it stays Pending with ErrImagePull). Driven by the cluster's own
/// controller manager, so plain `cluster.advance(by:)` moves pods along.
public final class TestKubelet: Controller {
    public let name = "test-kubelet"
    unowned let cluster: Cluster
    public var startDelay: Duration
    public var badImages: Set<String> = ["nginx:does-not-exist", "gcr.io/google-samples/kubernetes-bootcamp:v10"]
    let podType: ResourceType

    @discardableResult
    public static func install(on cluster: Cluster, startDelay: Duration = .seconds(2)) -> TestKubelet {
        let k = TestKubelet(cluster: cluster, startDelay: startDelay)
        cluster.controllers.register(k)
        return k
    }

    init(cluster: Cluster, startDelay: Duration) {
        self.cluster = cluster
        self.startDelay = startDelay
        podType = cluster.registry.lookup(kind: "Pod")!
    }

    public func keys(for e: WatchEvent) -> [String] {
        e.resource == podType && e.type == .added ? [e.objectKey] : []
    }

    public func sync(_ key: String) {
        let parts = key.split(separator: "/").map(String.init)
        guard let pod = try? cluster.api.get(podType, namespace: parts[0], name: parts[1]),
              pod.deletionTimestamp == nil, pod[path: "status", "phase"]?.stringValue != "Running" else { return }
        let due = (pod.creationTimestamp ?? cluster.now) + startDelay
        if due > cluster.now {
            cluster.controllers.enqueue(key, for: self, after: due - cluster.now)
            return
        }
        let containers = pod[path: "spec", "containers"]?.arrayValue ?? []
        let bad = containers.contains { badImages.contains($0["image"]?.stringValue ?? "") }
        let now = Value.string(cluster.now.rfc3339)
        let statuses: [Value] = containers.map { c in
            var st: Value = ["name": c["name"] ?? "", "image": c["image"] ?? "", "imageID": "", "ready": .bool(!bad),
                             "restartCount": 0, "started": .bool(!bad)]
            st["state"] = bad ? ["waiting": ["reason": "ErrImagePull", "message": "image not found"]] : ["running": ["startedAt": now]]
            return st
        }
        let ready: Value = bad ? "False" : "True"
        let status: Value = [
            "phase": bad ? "Pending" : "Running",
            "conditions": [["type": "PodScheduled", "status": "True", "lastTransitionTime": now],
                           ["type": "Initialized", "status": "True", "lastTransitionTime": now],
                           ["type": "ContainersReady", "status": ready, "lastTransitionTime": now],
                           ["type": "Ready", "status": ready, "lastTransitionTime": now]],
            "containerStatuses": .array(statuses), "hostIP": "10.128.0.2", "podIP": "10.8.0.10", "qosClass": "BestEffort",
            "startTime": now,
        ]
        _ = try? cluster.api.updateStatus(podType, namespace: parts[0], name: parts[1], status: status)
    }
}

