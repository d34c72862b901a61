@testable import MiniCluster
import XCTest

/// The kubelet's timers hold its pod workers strongly (no weak capture, so no side table per worker): a cluster
/// dropped while wakes are pending must still free itself, its workers and their containers.
final class KubeletTeardownTests: XCTestCase {
    private func deployment(replicas: Int) -> Value {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
         "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": "web"]],
                  "template": ["metadata": ["labels": ["app": "web"]],
                               "spec": ["containers": [["name": "web", "image": "nginx:1.25"]]]]]]
    }

    /// What a dropped cluster leaves for weak references to find.
    private final class Leftovers {
        weak var cluster: Cluster?
        weak var kubelets: Kubelets?
        var workers: [Weak] = []
        final class Weak { weak var worker: PodWorker?; init(_ w: PodWorker) { worker = w } }
    }

    /// Builds a cluster, runs it `seconds` of virtual time and lets go of it (its last reference goes on return).
    private func run(seconds: Int, into left: Leftovers) throws {
        var o = Cluster.Options()
        o.nodesPerZone = 2
        let c = Cluster(options: o)
        let deployType = c.registry.lookup(kind: "Deployment")!
        _ = try c.api.create(deployType, deployment(replicas: 4), namespace: "default")
        c.settle()
        for _ in 0..<seconds { c.advance(by: .seconds(1)) }
        let made = Array(c.kubelets.workers.values)
        XCTAssertGreaterThanOrEqual(made.count, 4)
        left.workers = made.map(Leftovers.Weak.init)
        left.cluster = c
        left.kubelets = c.kubelets
    }

    private func dropped(after seconds: Int) throws -> Leftovers {
        let left = Leftovers()
        try run(seconds: seconds, into: left)
        return left
    }

    func testDroppedClusterFreesItsWorkersWhileWakesArePending() throws {
        // At 2 s the images are still being pulled: every worker has a wake pending on the clock.
        let d = try dropped(after: 2)
        XCTAssertNil(d.cluster)
        XCTAssertNil(d.kubelets)
        XCTAssertTrue(d.workers.allSatisfy { $0.worker == nil })
    }

    func testDroppedClusterFreesItsRunningWorkers() throws {
        let d = try dropped(after: 30)
        XCTAssertNil(d.cluster)
        XCTAssertNil(d.kubelets)
        XCTAssertTrue(d.workers.allSatisfy { $0.worker == nil })
    }

    /// A worker the kubelet forgot (its pod deleted) is kept only by its pending wakes, which then do nothing.
    func testForgottenWorkerGoesOnceItsWakesFired() throws {
        var o = Cluster.Options()
        o.nodesPerZone = 1
        let c = Cluster(options: o)
        let podType = c.registry.lookup(kind: "Pod")!
        let pod: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web"],
                          "spec": ["containers": [["name": "web", "image": "nginx:1.25"]]]]
        _ = try c.api.create(podType, pod, namespace: "default")
        c.settle()
        c.advance(by: .seconds(1))
        weak var worker = c.kubelets.workers[ObjectKey(namespace: "default", name: "web")]
        XCTAssertNotNil(worker)
        _ = try c.api.delete(podType, namespace: "default", name: "web", gracePeriod: 0)
        c.settle()
        XCTAssertNil(c.kubelets.workers[ObjectKey(namespace: "default", name: "web")])
        for _ in 0..<30 { c.advance(by: .seconds(1)) }
        XCTAssertNil(worker)
        XCTAssertThrowsError(try c.api.get(podType, namespace: "default", name: "web"))
    }
}
