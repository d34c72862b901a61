import MiniCluster
import XCTest

final class ReplicaSetControllerTests: XCTestCase {
    func replicaSet(_ name: String, replicas: Int, minReady: Int = 0) -> Value {
        var rs: Value = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": .string(name)],
            "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                     "template": ["metadata": ["labels": ["app": .string(name), "tier": "fe"]],
                                  "spec": ["containers": [["name": "c", "image": "nginx"]]]]],
        ]
        if minReady > 0 { rs[path: "spec", "minReadySeconds"] = .int(minReady) }
        return rs
    }

    func testCreatesPodsNamedFromTheReplicaSetWithOwnerAndEvents() throws {
        let f = WorkloadFixture()
        let rs = try f.create(replicaSet("web", replicas: 3))
        let pods = f.list("Pod")
        XCTAssertEqual(pods.count, 3)
        for p in pods {
            let name = p.metadataName
            XCTAssertTrue(name.hasPrefix("web-"), name)
            let suffix = name.dropFirst(4)
            XCTAssertEqual(suffix.count, 5)
            XCTAssertTrue(suffix.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) }, name)
            XCTAssertEqual(p.labels, ["app": "web", "tier": "fe"])
            let ref = p.ownerReferences.first
            XCTAssertEqual(ref?["uid"]?.stringValue, rs.uid)
            XCTAssertEqual(ref?["controller"], true)
            XCTAssertEqual(ref?["blockOwnerDeletion"], true)
        }
        XCTAssertEqual(Set(f.events(reason: "SuccessfulCreate")), Set(pods.map { "Created pod: \($0.metadataName)" }))
        let status = try f.get("ReplicaSet", "web")["status"]
        XCTAssertEqual(status, ["replicas": 3, "fullyLabeledReplicas": 3, "observedGeneration": 1])
        f.run(seconds: 3)
        let ready = try f.get("ReplicaSet", "web")["status"]
        XCTAssertEqual(ready, ["replicas": 3, "fullyLabeledReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
                               "observedGeneration": 1])
    }

    func testReplacesDeletedAndFailedPods() throws {
        let f = WorkloadFixture()
        try f.create(replicaSet("web", replicas: 2))
        let victim = f.list("Pod")[0].metadataName
        try f.api.delete(f.type("Pod"), namespace: "default", name: victim)
        f.cluster.settle()
        let names = f.list("Pod").map(\.metadataName)
        XCTAssertEqual(names.count, 2)
        XCTAssertFalse(names.contains(victim))
        // A failed pod stops counting: the ReplicaSet makes another (and leaves the failed one).
        let failed = names[0]
        try f.api.updateStatus(f.type("Pod"), namespace: "default", name: failed, status: ["phase": "Failed"])
        f.cluster.settle()
        XCTAssertEqual(f.list("Pod").count, 3)
        XCTAssertEqual(try f.get("ReplicaSet", "web")[path: "status", "replicas"], 2)
    }

    func testScaleDownDeletesNotReadyPodsFirst() throws {
        let f = WorkloadFixture()
        try f.create(replicaSet("web", replicas: 2))
        f.run(seconds: 3)
        var rs = try f.get("ReplicaSet", "web")
        rs[path: "spec", "replicas"] = 4
        try f.api.update(f.type("ReplicaSet"), rs, namespace: "default")
        f.cluster.settle()
        let young = Set(f.list("Pod").filter { $0[path: "status", "phase"] != "Running" }.map(\.metadataName))
        XCTAssertEqual(young.count, 2)
        rs = try f.get("ReplicaSet", "web")
        rs[path: "spec", "replicas"] = 2
        try f.api.update(f.type("ReplicaSet"), rs, namespace: "default")
        f.cluster.settle()
        XCTAssertEqual(Set(f.events(reason: "SuccessfulDelete")), Set(young.map { "Deleted pod: \($0)" }))
        XCTAssertTrue(f.list("Pod").allSatisfy { $0[path: "status", "phase"] == "Running" })
    }

    func testAdoptsOrphansAndReleasesPodsThatStopMatching() throws {
        let f = WorkloadFixture()
        let orphan: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "stray", "labels": ["app": "web"]],
                             "spec": ["containers": [["name": "c", "image": "nginx"]]]]
        try f.create(orphan)
        let rs = try f.create(replicaSet("web", replicas: 2))
        XCTAssertEqual(f.list("Pod").count, 2, "the orphan counts as one of the two")
        XCTAssertEqual(try f.get("Pod", "stray").ownerReferences.first?["uid"]?.stringValue, rs.uid)
        var stray = try f.get("Pod", "stray")
        stray[path: "metadata", "labels"] = ["app": "debug"]
        try f.api.update(f.type("Pod"), stray, namespace: "default")
        f.cluster.settle()
        XCTAssertTrue(try f.get("Pod", "stray").ownerReferences.isEmpty, "released")
        XCTAssertEqual(f.list("Pod").count, 3, "and replaced")
    }

    func testAvailableWaitsForMinReadySeconds() throws {
        let f = WorkloadFixture()
        try f.create(replicaSet("web", replicas: 1, minReady: 10))
        f.run(seconds: 2)
        XCTAssertEqual(try f.get("ReplicaSet", "web")[path: "status", "readyReplicas"], 1)
        XCTAssertNil(try f.get("ReplicaSet", "web")[path: "status", "availableReplicas"])
        f.run(seconds: 9)
        XCTAssertNil(try f.get("ReplicaSet", "web")[path: "status", "availableReplicas"])
        f.run(seconds: 1)
        XCTAssertEqual(try f.get("ReplicaSet", "web")[path: "status", "availableReplicas"], 1)
    }

    func testDeletingTheReplicaSetCollectsItsPods() throws {
        let f = WorkloadFixture()
        try f.create(replicaSet("web", replicas: 3))
        try f.api.delete(f.type("ReplicaSet"), namespace: "default", name: "web")
        f.cluster.settle()
        XCTAssertEqual(f.list("Pod").count, 0)
    }

    func testLargeReplicaCountsArriveInBurstsAtOneInstant() throws {
        let f = WorkloadFixture()
        try f.create(replicaSet("big", replicas: 1200))
        XCTAssertEqual(f.list("Pod").count, 1200)
        XCTAssertEqual(try f.get("ReplicaSet", "big")[path: "status", "replicas"], 1200)
    }
}
