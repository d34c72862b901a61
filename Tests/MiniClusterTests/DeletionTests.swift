import MiniCluster
import XCTest

final class DeletionTests: XCTestCase {
    /// deploy → rs → two pods, linked by owner references.
    private func family(_ f: APIFixture, block: Bool = true) throws -> (Value, Value, [Value]) {
        let d = try f.make("Deployment", "web")
        let rs = try f.make("ReplicaSet", "web-1", meta: ["ownerReferences": [APIFixture.ownerRef(d, block: block)]])
        let pods = try ["web-1-a", "web-1-b"].map {
            try f.make("Pod", $0, meta: ["ownerReferences": [APIFixture.ownerRef(rs, block: block)]])
        }
        f.settle()
        return (d, rs, pods)
    }

    func testBackgroundCascadeRunsOnTheClock() throws {
        let f = APIFixture()
        _ = try family(f)
        try f.api.delete(f.type("Deployment"), namespace: nil, name: "web")
        XCTAssertFalse(f.exists("Deployment", "web"), "background: the owner goes at once")
        XCTAssertTrue(f.exists("ReplicaSet", "web-1"), "dependents wait for the collector")
        f.settle()
        XCTAssertFalse(f.exists("ReplicaSet", "web-1"))
        XCTAssertFalse(f.exists("Pod", "web-1-a"))
        XCTAssertFalse(f.exists("Pod", "web-1-b"))
    }

    /// The collector does not track Events as possible owners; an object that names one still keeps it, and
    /// goes once the Event does.
    func testAnEventCanStillOwnObjects() throws {
        let f = APIFixture()
        let ev = try f.make("Event", "web.1", extra: ["involvedObject": ["kind": "Pod", "name": "web"], "reason": "Test"])
        _ = try f.make("ConfigMap", "owned", meta: ["ownerReferences": [APIFixture.ownerRef(ev, block: false)]])
        f.settle()
        XCTAssertTrue(f.exists("ConfigMap", "owned"), "its owner exists")
        try f.api.delete(f.type("Event"), namespace: "default", name: "web.1")
        f.settle()
        XCTAssertFalse(f.exists("ConfigMap", "owned"), "its owner is gone")
    }

    func testOrphanKeepsDependentsAndStripsReferences() throws {
        let f = APIFixture()
        _ = try family(f)
        let out = try f.api.delete(f.type("Deployment"), namespace: nil, name: "web", propagation: .orphan)
        XCTAssertEqual(out.finalizers, ["orphan"])
        XCTAssertNotNil(out.deletionTimestamp)
        f.settle()
        XCTAssertFalse(f.exists("Deployment", "web"))
        let rs = try f.api.get(f.type("ReplicaSet"), namespace: nil, name: "web-1")
        XCTAssertTrue(rs.ownerReferences.isEmpty)
        XCTAssertTrue(f.exists("Pod", "web-1-a"))
    }

    func testForegroundWaitsForBlockingDependents() throws {
        let f = APIFixture()
        _ = try family(f)
        let out = try f.api.delete(f.type("Deployment"), namespace: nil, name: "web", propagation: .foreground)
        XCTAssertEqual(out.finalizers, ["foregroundDeletion"])
        XCTAssertEqual(out[path: "metadata", "deletionGracePeriodSeconds"], 0)
        XCTAssertTrue(f.exists("Deployment", "web"))
        f.settle()
        for (kind, name) in [("Deployment", "web"), ("ReplicaSet", "web-1"), ("Pod", "web-1-a")] {
            XCTAssertFalse(f.exists(kind, name), name)
        }
    }

    func testForegroundWithGracefulPodsWaitsForTheKubelet() throws {
        let f = APIFixture()
        let pods = f.type("Pod")
        f.api.gracePeriodPolicies[pods] = { obj, requested in requested ?? 30 }
        _ = try family(f)
        try f.api.delete(f.type("Deployment"), namespace: nil, name: "web", propagation: .foreground)
        f.settle()
        let pod = try f.api.get(pods, namespace: nil, name: "web-1-a")
        XCTAssertEqual(pod[path: "metadata", "deletionGracePeriodSeconds"], 30)
        XCTAssertEqual(pod.deletionTimestamp, f.cluster.now + .seconds(30))
        XCTAssertTrue(f.exists("Deployment", "web"), "blocked by terminating pods")
        // The kubelet finishes: delete again with grace 0.
        for p in ["web-1-a", "web-1-b"] { try f.api.delete(pods, namespace: nil, name: p, gracePeriod: 0) }
        f.settle()
        XCTAssertFalse(f.exists("ReplicaSet", "web-1"))
        XCTAssertFalse(f.exists("Deployment", "web"))
    }

    func testFinalizersHoldTheObjectUntilRemoved() throws {
        let f = APIFixture()
        let cm = f.type("ConfigMap")
        try f.make("ConfigMap", "c", meta: ["finalizers": ["example.com/hold"]])
        let out = try f.api.delete(cm, namespace: nil, name: "c")
        XCTAssertEqual(out.deletionTimestamp, f.cluster.now)
        XCTAssertEqual(out[path: "metadata", "deletionGracePeriodSeconds"], 0)
        f.settle()
        XCTAssertTrue(f.exists("ConfigMap", "c"))
        XCTAssertEqual(try f.api.delete(cm, namespace: nil, name: "c").finalizers, ["example.com/hold"], "deleting again changes nothing")
        XCTAssertAPIError(try f.api.patch(cm, namespace: nil, name: "c", patch: ["metadata": ["finalizers": ["example.com/hold", "more"]]], type: .merge),
                          .invalid, "ConfigMap \"c\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"more\"}")
        try f.api.patch(cm, namespace: nil, name: "c", patch: ["metadata": ["finalizers": nil]], type: .merge)
        XCTAssertFalse(f.exists("ConfigMap", "c"), "the last finalizer gone: the object goes")
    }

    func testDanglingReferencesAndPartialOwners() throws {
        let f = APIFixture()
        let a = try f.make("ConfigMap", "a"), b = try f.make("ConfigMap", "b")
        try f.make("Secret", "both", meta: ["ownerReferences": [APIFixture.ownerRef(a), APIFixture.ownerRef(b, controller: false)]])
        try f.make("Secret", "ghost", meta: ["ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "x", "uid": "no-such-uid"]]])
        f.settle()
        XCTAssertFalse(f.exists("Secret", "ghost"), "an owner that never existed counts as gone")
        try f.api.delete(f.type("ConfigMap"), namespace: nil, name: "a")
        f.settle()
        let both = try f.api.get(f.type("Secret"), namespace: nil, name: "both")
        XCTAssertEqual(both.ownerReferences.map { $0["name"] }, ["b"], "a surviving owner keeps the dependent; the dangling reference goes")
    }

    /// A write that keeps a dependent's owner references is not checked again; one that edits them is, at once.
    func testEditedOwnerReferencesAreCheckedAgain() throws {
        let f = APIFixture()
        let owner = try f.make("ConfigMap", "owner")
        var dep = try f.make("Secret", "dep", meta: ["ownerReferences": [APIFixture.ownerRef(owner)]])
        f.settle()
        dep[path: "metadata", "labels"] = ["edited": "yes"]
        dep = try f.api.update(f.type("Secret"), dep, namespace: nil)
        f.settle()
        XCTAssertTrue(f.exists("Secret", "dep"), "its owner is still there")
        dep[path: "metadata", "ownerReferences"] = [["apiVersion": "v1", "kind": "ConfigMap", "name": "x", "uid": "no-such-uid"]]
        _ = try f.api.update(f.type("Secret"), dep, namespace: nil)
        f.settle()
        XCTAssertFalse(f.exists("Secret", "dep"), "its new owner never existed")
    }

    func testGracePeriodHookAndDryRun() throws {
        let f = APIFixture()
        let pods = f.type("Pod")
        try f.make("Pod", "p")
        XCTAssertEqual(try f.api.delete(pods, namespace: nil, name: "p", dryRun: true).metadataName, "p")
        XCTAssertTrue(f.exists("Pod", "p"))
        try f.api.delete(pods, namespace: nil, name: "p")
        XCTAssertFalse(f.exists("Pod", "p"), "no policy installed: pods go at once")
        XCTAssertAPIError(try f.api.delete(pods, namespace: nil, name: "p"), .notFound, "pods \"p\" not found")

        f.api.gracePeriodPolicies[pods] = { _, requested in requested ?? 30 }
        try f.make("Pod", "q")
        try f.api.delete(pods, namespace: nil, name: "q")
        try f.api.delete(pods, namespace: nil, name: "q", gracePeriod: 5)
        let q = try f.api.get(pods, namespace: nil, name: "q")
        XCTAssertEqual(q[path: "metadata", "deletionGracePeriodSeconds"], 5, "a shorter grace period brings the end forward")
        XCTAssertEqual(q.deletionTimestamp, f.cluster.now + .seconds(5))
        try f.api.delete(pods, namespace: nil, name: "q", gracePeriod: 0)
        XCTAssertFalse(f.exists("Pod", "q"))
    }
}
