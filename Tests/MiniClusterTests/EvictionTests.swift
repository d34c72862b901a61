@testable import MiniCluster
import XCTest

/// The eviction subresource against PodDisruptionBudgets, on the real kubelets: a ready pod may go only while the
/// budget allows a disruption; an unready pod may go when the budget is met anyway, or always with AlwaysAllow.
final class EvictionTests: XCTestCase {
    private var cluster: Cluster!
    private var podType: ResourceType { cluster.registry.lookup(kind: "Pod")! }
    private var pdbType: ResourceType { cluster.registry.lookup(kind: "PodDisruptionBudget")! }

    /// Three busybox pods labelled app=web; the ones in `ready` create the file their readiness probe reads.
    private func start(ready: Set<String>) throws {
        cluster = Cluster(options: .sandbox)
        for name in ["a", "b", "c"] {
            let script = ready.contains(name) ? "touch /tmp/ready; sleep 3600" : "sleep 3600"
            let pod: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "labels": ["app": "web"]],
                              "spec": ["containers": [["name": "c", "image": "busybox:1.36", "command": ["sh", "-c", .string(script)],
                                                       "readinessProbe": ["exec": ["command": ["cat", "/tmp/ready"]], "periodSeconds": 2]]]]]
            _ = try cluster.api.create(podType, pod, namespace: "default")
        }
    }

    private func budget(_ name: String, minAvailable: Int, policy: String? = nil) throws {
        var pdb: Value = ["apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": ["name": .string(name)],
                          "spec": ["minAvailable": .int(minAvailable), "selector": ["matchLabels": ["app": "web"]]]]
        if let policy { pdb[path: "spec", "unhealthyPodEvictionPolicy"] = .string(policy) }
        _ = try cluster.api.create(pdbType, pdb, namespace: "default")
        cluster.advance(by: .seconds(30))
    }

    private func status(_ name: String) throws -> [Int] {
        let s = try cluster.api.get(pdbType, namespace: "default", name: name)["status"] ?? .emptyObject
        return ["currentHealthy", "desiredHealthy", "expectedPods", "disruptionsAllowed"].map { s[$0]?.intValue ?? -1 }
    }

    private func evict(_ pod: String) -> String {
        do {
            try cluster.api.evict(namespace: "default", name: pod)
            return "evicted"
        } catch let e as APIError { return "\(e.code) \(e.message)" } catch { return "\(error)" }
    }

    private let blocked = "429 Cannot evict pod as it would violate the pod's disruption budget."

    func testReadyPodsGoOnlyWhileTheBudgetAllows() throws {
        try start(ready: ["a", "b", "c"])
        try budget("web", minAvailable: 2)
        XCTAssertEqual(try status("web"), [3, 2, 3, 1])
        XCTAssertEqual(evict("a"), "evicted")
        XCTAssertEqual(evict("b"), blocked)
        let pdb = try cluster.api.get(pdbType, namespace: "default", name: "web")
        XCTAssertEqual(pdb[path: "status", "disruptionsAllowed"], 0)
        XCTAssertNotNil(pdb[path: "status", "disruptedPods", "a"])
        XCTAssertEqual(pdb[path: "status", "conditions"]?.arrayValue?.first?["reason"], "InsufficientPods")
        let a = try cluster.api.get(podType, namespace: "default", name: "a")
        XCTAssertNotNil(a.deletionTimestamp)
        XCTAssertEqual(a[path: "status", "conditions"]?.arrayValue?.last?["reason"], "EvictionByEvictionAPI")
    }

    func testAnUnreadyPodGoesWhenTheBudgetIsMetAnyway() throws {
        try start(ready: ["a", "b"])
        try budget("web", minAvailable: 2)
        XCTAssertEqual(try status("web"), [2, 2, 3, 0])
        XCTAssertEqual(evict("a"), blocked)
        XCTAssertEqual(evict("c"), "evicted")
    }

    func testAnUnreadyPodBelowTheBudgetNeedsAlwaysAllow() throws {
        try start(ready: ["a", "b"])
        try budget("strict", minAvailable: 3)
        XCTAssertEqual(try status("strict"), [2, 3, 3, 0])
        XCTAssertEqual(evict("c"), blocked)
        _ = try cluster.api.delete(pdbType, namespace: "default", name: "strict")
        try budget("lenient", minAvailable: 3, policy: "AlwaysAllow")
        XCTAssertEqual(evict("c"), "evicted")
    }

    func testTwoBudgetsOverOnePodAreAServerError() throws {
        try start(ready: ["a", "b", "c"])
        try budget("one", minAvailable: 1)
        try budget("two", minAvailable: 1)
        XCTAssertEqual(evict("a"), "500 This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
    }
}
