import MiniCluster
import XCTest

/// The kubelets' node leases in kube-node-lease: created at registration, renewed every 10 s of virtual time,
/// stopped with the kubelet, collected with the node; and the Lease kind's validation.
final class NodeLeaseTests: XCTestCase {
    func leaseType(_ c: Cluster) -> ResourceType { c.registry.lookup(kind: "Lease")! }
    func lease(_ c: Cluster, _ node: String) -> Value? { try? c.api.get(leaseType(c), namespace: "kube-node-lease", name: node) }
    func renewTime(_ c: Cluster, _ node: String) -> String? { lease(c, node)?[path: "spec", "renewTime"]?.stringValue }

    func testEveryNodeHasALeaseFromRegistration() throws {
        let c = Cluster(options: .sandbox)
        let nodeType = c.registry.lookup(kind: "Node")!
        XCTAssertEqual(c.api.list(leaseType(c), namespace: "kube-node-lease").map(\.metadataName), c.nodeNames)
        for name in c.nodeNames {
            let l = try XCTUnwrap(lease(c, name))
            let node = try c.api.get(nodeType, namespace: nil, name: name)
            XCTAssertEqual(l["apiVersion"]?.stringValue, "coordination.k8s.io/v1")
            XCTAssertEqual(l[path: "spec", "holderIdentity"]?.stringValue, name)
            XCTAssertEqual(l[path: "spec", "leaseDurationSeconds"]?.intValue, 40)
            XCTAssertNil(l[path: "spec", "acquireTime"])
            XCTAssertEqual(renewTime(c, name), "2026-11-26T09:00:00.000000Z")
            let refs = try XCTUnwrap(l[path: "metadata", "ownerReferences"]?.arrayValue)
            XCTAssertEqual(refs, [["apiVersion": "v1", "kind": "Node", "name": .string(name), "uid": .string(node.uid)]])
        }
    }

    /// The kubelet writes renewTime every 10 s: a table of instants after start and the renewTime then.
    func testRenewTimeMovesEveryTenSeconds() {
        let c = Cluster(options: .sandbox)
        let node = c.nodeNames[0]
        let table: [(after: Int64, renewed: String)] = [
            (0, "2026-11-26T09:00:00.000000Z"),
            (9, "2026-11-26T09:00:00.000000Z"),
            (10, "2026-11-26T09:00:10.000000Z"),
            (25, "2026-11-26T09:00:20.000000Z"),
            (60, "2026-11-26T09:01:00.000000Z"),
            (3600, "2026-11-26T10:00:00.000000Z"),
        ]
        var at: Int64 = 0
        for row in table {
            c.advance(by: .seconds(row.after - at))
            at = row.after
            XCTAssertEqual(renewTime(c, node), row.renewed, "after \(row.after) s")
        }
    }

    func testStoppedKubeletStopsRenewingAndResumesWhenBack() throws {
        let c = Cluster(options: .sandbox)
        let node = c.nodeNames[1]
        c.advance(by: .seconds(10))
        try c.setNodeReady(node, false)
        XCTAssertFalse(c.nodeLeases.isRenewing(node))
        c.advance(by: .seconds(60))
        XCTAssertEqual(renewTime(c, node), "2026-11-26T09:00:10.000000Z")
        XCTAssertEqual(renewTime(c, c.nodeNames[0]), "2026-11-26T09:01:10.000000Z")
        try c.setNodeReady(node, true)
        XCTAssertEqual(renewTime(c, node), "2026-11-26T09:01:10.000000Z")
        // Stopped and started again at once: still one renewal per 10 s, not two timers.
        try c.setNodeReady(node, false)
        try c.setNodeReady(node, true)
        c.advance(by: .seconds(10))
        XCTAssertEqual(renewTime(c, node), "2026-11-26T09:01:20.000000Z")
    }

    func testDeletedNodesLeaseIsCollectedAndNotRecreated() {
        let c = Cluster(options: .sandbox)
        let node = c.nodeNames[2]
        c.removeNodes([node])
        c.settle()
        XCTAssertNil(lease(c, node))
        c.advance(by: .seconds(30))
        XCTAssertNil(lease(c, node))
        XCTAssertFalse(c.nodeLeases.isRenewing(node))
        XCTAssertEqual(c.api.list(leaseType(c), namespace: "kube-node-lease").count, 2)
    }

    /// A learner who deletes a node lease sees the kubelet write it again at its next renewal.
    func testDeletedLeaseIsRecreatedAtTheNextRenewal() throws {
        let c = Cluster(options: .sandbox)
        let node = c.nodeNames[0]
        try c.api.delete(leaseType(c), namespace: "kube-node-lease", name: node)
        XCTAssertNil(lease(c, node))
        c.advance(by: .seconds(10))
        XCTAssertEqual(renewTime(c, node), "2026-11-26T09:00:10.000000Z")
    }

    func testNodesAddedLaterGetLeases() {
        let c = Cluster(options: .sandbox)
        var pool = NodePoolShape()
        pool.name = "extra"
        pool.nodesPerZone = 1
        let added = c.addNodes(pool)
        XCTAssertEqual(added.count, 1)
        XCTAssertEqual(lease(c, added[0])?[path: "spec", "holderIdentity"]?.stringValue, added[0])
    }

    /// Leases draw their uids from a stream of their own: the names of what a learner creates do not move.
    func testLeasesLeaveTheLearnersRandomStreamAlone() {
        let a = Cluster(options: .sandbox), b = Cluster(options: .sandbox)
        // b's kubelet creates one lease more (the one deleted), a's none.
        try? b.api.delete(leaseType(b), namespace: "kube-node-lease", name: b.nodeNames[0])
        a.advance(by: .seconds(10))
        b.advance(by: .seconds(10))
        XCTAssertNotNil(lease(b, b.nodeNames[0]))
        XCTAssertEqual(a.api.random.uuid(), b.api.random.uuid())
    }

    func testLeaseValidation() {
        let c = Cluster()
        func create(_ spec: Value, name: String = "l") -> String? {
            let obj: Value = ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": .string(name)], "spec": spec]
            do { try c.api.create(leaseType(c), obj, namespace: "default"); return nil } catch { return "\(error)" }
        }
        let table: [(Value, String, String?)] = [
            (["holderIdentity": "me", "leaseDurationSeconds": 15], "ok", nil),
            (["leaseDurationSeconds": 0], "zero", "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"),
            (["leaseTransitions": -1], "neg", "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0"),
        ]
        for (spec, name, want) in table {
            let got = create(spec, name: name)
            if let want { XCTAssertTrue(got?.contains(want) == true, "\(name): \(got ?? "nil")") } else { XCTAssertNil(got, name) }
        }
        XCTAssertNotNil(create([:], name: "Bad_Name"))
        // strategy / preferredHolder belong to a feature that is off in 1.32: dropped.
        XCTAssertNil(create(["strategy": "OldestEmulationVersion", "preferredHolder": "x"], name: "dropped"))
        let stored = try? c.api.get(leaseType(c), namespace: "default", name: "dropped")
        XCTAssertNil(stored?[path: "spec", "strategy"])
    }

    func testMicroTimeParsesBack() {
        let t = Timestamp(rfc3339: "2026-11-26T09:00:10Z")! + .milliseconds(250)
        XCTAssertEqual(NodeLeases.microTime(t), "2026-11-26T09:00:10.250000Z")
        XCTAssertEqual(Timestamp(rfc3339: NodeLeases.microTime(t)), t)
    }
}
