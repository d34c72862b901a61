@testable import MiniCluster
import XCTest

/// Shortcuts in the controllers' watch handlers: each must give what the general read gives, key for key.
final class WatchHandlerShortcutTests: XCTestCase {
    /// The controller-reference memo answers what `OwnerRefs.controller(of:)` and its fields give, over random
    /// reference lists that repeat the stored array read last, an equal copy of it, or something else (no list,
    /// not a list, several references, flags and fields of other types).
    func testControllerRefMemoReadsWhatOwnerRefsGives() {
        var rng = SeededRandom(seed: 11)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func ref() -> Value {
            var r: Value = ["apiVersion": "apps/v1"]
            if rng.next() % 5 != 0 { r["kind"] = pick(["ReplicaSet", "StatefulSet", .int(3)]) }
            if rng.next() % 5 != 0 { r["name"] = pick(["web-1", "web-2", .null]) }
            if rng.next() % 5 != 0 { r["uid"] = pick(["u1", "u2", .bool(true)]) }
            if rng.next() % 4 != 0 { r["controller"] = pick([true, false, "true"]) }
            return r
        }
        let memo = ControllerRefMemo()
        var previous: Value?
        for step in 0..<3_000 {
            var refs: Value?
            switch rng.next() % 6 {
            case 0, 1: refs = previous                                 // the stored array read last
            case 2: refs = previous.map { Value.array(($0.arrayValue ?? []).map { $0 }) } // an equal copy
            case 3: refs = pick([nil, .null, "x", .array([])])
            default: refs = .array((0..<Int(rng.next() % 3) + 1).map { _ in ref() })
            }
            var pod: Value = ["metadata": ["name": "p"]]
            if let refs { pod[path: "metadata", "ownerReferences"] = refs }
            let read = memo.read(pod[path: "metadata", "ownerReferences"])
            let expected = OwnerRefs.controller(of: pod)
            XCTAssertEqual(read.ref, expected, "step \(step)")
            XCTAssertEqual(read.uid, expected?["uid"]?.stringValue, "step \(step)")
            XCTAssertEqual(read.kind, expected?["kind"]?.stringValue, "step \(step)")
            XCTAssertEqual(read.name, expected?["name"]?.stringValue, "step \(step)")
            previous = pod[path: "metadata", "ownerReferences"]
        }
        XCTAssertGreaterThan(memo.hits, 500)
    }

    /// The index's in-place read of a pod's status gives what `PodUtil` reads field by field: phase, readiness and
    /// the Ready condition's transition time, over statuses with conditions of every shape (several Ready ones,
    /// non-objects, fields of other types, none at all).
    func testStatusReadInPlaceEqualsPodUtil() {
        var rng = SeededRandom(seed: 9)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        for step in 0..<3_000 {
            var pod: Value = ["metadata": ["name": "p"]]
            switch rng.next() % 8 {
            case 0: break
            case 1: pod["status"] = pick(["x", .array([]), .null])
            default:
                var status: Value = [:]
                if rng.next() % 4 != 0 { status["phase"] = pick(["Running", "Pending", "Failed", "Succeeded", .int(1)]) }
                if rng.next() % 5 != 0 {
                    let conditions: [Value] = (0..<Int(rng.next() % 4)).map { _ in
                        if rng.next() % 9 == 0 { return pick(["Ready", .null]) }
                        var c: Value = [:]
                        if rng.next() % 6 != 0 { c["type"] = pick(["Ready", "PodScheduled", "ContainersReady", .int(0)]) }
                        if rng.next() % 6 != 0 { c["status"] = pick(["True", "False", .bool(true)]) }
                        if rng.next() % 4 != 0 { c["lastTransitionTime"] = pick(["2026-11-26T09:00:10Z", "later", .int(5)]) }
                        return c
                    }
                    status["conditions"] = rng.next() % 10 == 0 ? "not a list" : .array(conditions)
                }
                pod["status"] = status
            }
            let read = ReplicaSetPodIndex.Facts.status(pod)
            XCTAssertEqual(read.phase, pod[path: "status", "phase"]?.stringValue ?? "", "step \(step)")
            XCTAssertEqual(read.ready, PodUtil.isReady(pod), "step \(step)")
            XCTAssertEqual(read.since, read.ready ? PodUtil.readyCondition(pod)?["lastTransitionTime"]?.stringValue : nil, "step \(step)")
        }
    }

    /// `WatchEvent.objectKey` read from the store key equals the key made from the metadata, for namespaced and
    /// cluster-scoped objects, with the key given by the store or worked out.
    func testObjectKeyEqualsTheMetadataKey() throws {
        let registry = Cluster(options: .init()).registry
        let pod = try XCTUnwrap(registry.lookup(kind: "Pod")), node = try XCTUnwrap(registry.lookup(kind: "Node"))
        var rng = SeededRandom(seed: 4)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        for _ in 0..<500 {
            var meta: Value = [:]
            if let n = pick([Value?.none, "a", "web-5d4f8b9c7-x2b9q", .int(1), ""]) { meta["name"] = n }
            if let ns = pick([Value?.none, "default", "", "kube-system", .int(2), "a-namespace-longer-than-fifteen"]) { meta["namespace"] = ns }
            let obj: Value = ["metadata": meta]
            for t in [pod, node] {
                let expected: String
                if let ns = obj.metadataNamespace, !ns.isEmpty { expected = "\(ns)/\(obj.metadataName)" } else { expected = obj.metadataName }
                for key in [nil, ObjectKey(of: obj, in: t)] {
                    let e = WatchEvent(type: .added, resource: t, object: obj, revision: 1, key: key)
                    XCTAssertEqual(e.objectKey, t.namespaced ? expected : e.objectKey, "\(obj)")
                    if t.namespaced { XCTAssertTrue(Value.sameBytes(e.objectKey, expected), "\(obj)") }
                }
            }
        }
        for (ns, name) in [("default", "web"), ("", "n1"), ("kube-system", "coredns-6d4b75cb6d-xkq9z")] {
            let expected = ns.isEmpty ? name : "\(ns)/\(name)"
            XCTAssertTrue(Value.sameBytes(ns.isEmpty ? name : ControllerKey.join(ns, name), expected))
        }
    }

    /// The ReplicaSet controller's handler answers a status write from what it kept (the references and labels
    /// of the write before) with the keys and counts that reading the write in full gives: two controllers watch
    /// one cluster through a rollout, scale-down and deletes, one given the events as they are, the other with
    /// `statusOnly` cleared.
    func testStatusWritesGiveTheKeysOfAFullRead() throws {
        let f = WorkloadFixture()
        let c = f.cluster
        let fast = ReplicaSetController(api: c.api, events: c.events, manager: c.controllers)
        let full = ReplicaSetController(api: c.api, events: c.events, manager: c.controllers)
        var statusWrites = 0, compared = 0
        c.api.store.observe { e in
            guard e.resource == fast.podType || e.resource == fast.rsType else { return }
            if e.statusOnly { statusWrites += 1 }
            let plain = WatchEvent(type: e.type, resource: e.resource, object: e.object, revision: e.revision,
                                   oldObject: e.oldObject, statusOnly: false, key: e.key)
            XCTAssertEqual(fast.keys(for: e), full.keys(for: plain), "\(e.type) \(e.key)")
            compared += 1
        }
        try f.create(WorkloadFixture.deployment("web", replicas: 5))
        f.run(seconds: 5)
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers", "0", "image"] = nil
            $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:1.15"]] }
        f.run(seconds: 20)
        try f.updateSpec("web") { $0[path: "spec", "replicas"] = 2 }
        f.run(seconds: 5)
        for p in f.list("Pod").prefix(1) { _ = try? c.api.delete(f.type("Pod"), namespace: "default", name: p.metadataName) }
        f.run(seconds: 10)
        XCTAssertGreaterThan(statusWrites, 10)
        XCTAssertGreaterThan(compared, 40)
        for rs in f.list("ReplicaSet") {
            let basis = ReplicaSetPodIndex.Basis(rs, selector: ReplicaSetController.selector(rs))
            let a = fast.index.owned(by: rs.uid, basis: basis), b = full.index.owned(by: rs.uid, basis: basis)
            XCTAssertEqual(a.counts(minReadySeconds: 0, now: c.clock.now), b.counts(minReadySeconds: 0, now: c.clock.now))
            XCTAssertEqual(a.facts, b.facts)
            XCTAssertEqual(a.mismatched, b.mismatched)
        }
    }
}
