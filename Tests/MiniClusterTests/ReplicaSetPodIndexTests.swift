@testable import MiniCluster
import XCTest

/// The ReplicaSet controller's pod index: counts kept from pod changes must equal a recount from the pods
/// themselves, through label changes, readiness, deletion, owner changes and an edited template.
final class ReplicaSetPodIndexTests: XCTestCase {
    let uid = "rs-uid"
    let rs: Value = ["metadata": ["name": "web", "uid": "rs-uid"],
                     "spec": ["selector": ["matchLabels": ["app": "web"]],
                              "template": ["metadata": ["labels": ["app": "web", "tier": "fe"]]]]]

    func pod(_ name: String, labels: [String: String] = ["app": "web", "tier": "fe"], owner: String? = "rs-uid",
             ready: Bool = false, phase: String = "Running", deleting: Bool = false) -> Value {
        var p: Value = ["metadata": ["name": .string(name), "namespace": "default", "labels": Value(stringMap: labels)],
                        "status": ["phase": .string(phase)]]
        if let owner {
            p[path: "metadata", "ownerReferences"] = [["kind": "ReplicaSet", "name": "web", "uid": .string(owner), "controller": true]]
        }
        if ready {
            p[path: "status", "conditions"] = [["type": "Ready", "status": "True", "lastTransitionTime": "2026-11-26T09:00:10Z"]]
        }
        if deleting { p[path: "metadata", "deletionTimestamp"] = "2026-11-26T09:01:00Z" }
        return p
    }

    func key(_ name: String) -> ObjectKey { ObjectKey(namespace: "default", name: name) }
    var basis: ReplicaSetPodIndex.Basis { .init(rs, selector: ReplicaSetController.selector(rs)) }
    let now = Timestamp(rfc3339: "2026-11-26T09:00:20Z")!

    /// What `ReplicaSetController.status` counts from the pods themselves.
    func expected(_ pods: [Value]) -> ReplicaSetPodIndex.Counts {
        let sel = ReplicaSetController.selector(rs)
        let claimed = pods.filter { sel.matches($0.labels) || $0.deletionTimestamp != nil }.filter(PodUtil.isActive)
        var c = ReplicaSetPodIndex.Counts()
        c.active = claimed.count
        c.fullyLabeled = claimed.filter { $0.labels["tier"] == "fe" && $0.labels["app"] == "web" }.count
        c.ready = claimed.filter(PodUtil.isReady).count
        c.available = c.ready
        return c
    }

    func testCountsFollowPodChangesAsARecountWould() {
        let index = ReplicaSetPodIndex()
        var pods: [String: Value] = [:]
        func put(_ p: Value) {
            index.update(key(p.metadataName), old: pods[p.metadataName], new: p)
            pods[p.metadataName] = p
        }
        func delete(_ name: String) {
            index.update(key(name), old: pods[name], new: nil)
            pods[name] = nil
        }
        func check(_ line: UInt = #line) {
            let owned = index.owned(by: uid, basis: basis)
            let mine = pods.values.filter { OwnerRefs.controller(of: $0)?["uid"]?.stringValue == uid }
            XCTAssertEqual(owned.counts(minReadySeconds: 0, now: now), expected(mine), line: line)
            let sel = ReplicaSetController.selector(rs)
            XCTAssertEqual(owned.mismatched, Set(mine.filter { !sel.matches($0.labels) && $0.deletionTimestamp == nil }
                .map { key($0.metadataName) }), line: line)
        }
        // Pods seen before the first sync are counted when it asks.
        put(pod("a"))
        put(pod("b", ready: true))
        check()
        // Changes after it are counted as they come.
        put(pod("c", labels: ["app": "web"]))               // matches, not fully labeled
        put(pod("a", ready: true))                           // becomes ready
        check()
        put(pod("a", ready: true))                           // a write that changes none of its facts
        put(pod("c", labels: ["app": "web"]))
        check()
        put(pod("b", labels: ["app": "other"], ready: true)) // label change: stops matching
        check()
        XCTAssertEqual(index.owned(by: uid, basis: basis).mismatched, [key("b")])
        put(pod("b", labels: ["app": "other"], ready: true, deleting: true)) // deleting: claimed, not active
        check()
        put(pod("d", phase: "Failed"))                       // finished: not active
        put(pod("e", owner: nil))                            // an orphan
        check()
        XCTAssertEqual(index.orphans(in: "default"), [key("e")])
        put(pod("e"))                                        // adopted
        XCTAssertEqual(index.orphans(in: "default"), [])
        check()
        put(pod("a", owner: "other-uid", ready: true))      // owned by another controller now
        check()
        delete("c")
        delete("e")
        check()
        XCTAssertEqual(index.owned(by: uid, basis: basis).counts(minReadySeconds: 0, now: now),
                       .init(active: 0, fullyLabeled: 0, ready: 0, available: 0))
        XCTAssertEqual(index.owned(by: "other-uid", basis: basis).counts(minReadySeconds: 0, now: now),
                       .init(active: 1, fullyLabeled: 1, ready: 1, available: 1))
    }

    /// The same over random writes: pods keep or change their labels (the same stored value now and then, as a
    /// status write leaves them), readiness, phase, deletion and owner, or go.
    func testCountsFollowRandomWritesAsARecountWould() {
        var rng = SeededRandom(seed: 5)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let labelSets: [[String: String]] = [["app": "web", "tier": "fe"], ["app": "web"], ["app": "other"], [:]]
        let index = ReplicaSetPodIndex()
        var pods: [String: Value] = [:]
        _ = index.owned(by: uid, basis: basis)
        for step in 0..<2_000 {
            let name = "p\(rng.next() % 6)"
            if rng.next() % 10 == 0 {
                index.update(key(name), old: pods[name], new: nil)
                pods[name] = nil
            } else {
                var p = pod(name, labels: pick(labelSets), owner: pick(["rs-uid", "rs-uid", "rs-uid", "other-uid", nil]),
                            ready: pick([true, false]), phase: pick(["Running", "Running", "Pending", "Failed"]),
                            deleting: rng.next() % 8 == 0)
                // Now and then only the status changes: metadata stays the stored value it was.
                if let old = pods[name], rng.next() % 2 == 0 { p["metadata"] = old["metadata"] }
                index.update(key(name), old: pods[name], new: p)
                pods[name] = p
            }
            let owned = index.owned(by: uid, basis: basis)
            let mine = pods.values.filter { OwnerRefs.controller(of: $0)?["uid"]?.stringValue == uid }
            XCTAssertEqual(owned.counts(minReadySeconds: 0, now: now), expected(mine), "step \(step)")
            let sel = ReplicaSetController.selector(rs)
            XCTAssertEqual(owned.mismatched, Set(mine.filter { !sel.matches($0.labels) && $0.deletionTimestamp == nil }
                .map { key($0.metadataName) }), "step \(step)")
        }
    }

    func testAnotherTemplateRecountsAndMinReadySecondsUsesTransitionTimes() {
        let index = ReplicaSetPodIndex()
        index.update(key("a"), old: nil, new: pod("a", labels: ["app": "web"], ready: true))
        index.update(key("b"), old: nil, new: pod("b", ready: true))
        XCTAssertEqual(index.owned(by: uid, basis: basis).counts(minReadySeconds: 0, now: now).fullyLabeled, 1)
        var edited = rs
        edited[path: "spec", "template", "metadata", "labels"] = ["app": "web"]
        let owned = index.owned(by: uid, basis: .init(edited, selector: ReplicaSetController.selector(edited)))
        XCTAssertEqual(owned.counts(minReadySeconds: 0, now: now).fullyLabeled, 2)
        // Ready since 09:00:10: available at 09:00:20 with 10 s, not with 11 s (then at 09:00:21).
        XCTAssertEqual(owned.counts(minReadySeconds: 10, now: now).available, 2)
        XCTAssertEqual(owned.counts(minReadySeconds: 11, now: now).available, 0)
        XCTAssertEqual(owned.availableLater(minReadySeconds: 11, now: now), Timestamp(rfc3339: "2026-11-26T09:00:21Z"))
        XCTAssertEqual(owned.activeKeys(), [key("a"), key("b")])
    }

    /// Through the controller: a pod relabelled out of the selector is released and replaced, the status
    /// counts only what is claimed, and deleting the ReplicaSet's pods is seen.
    func testControllerReleasesRelabelledPodsAndCountsStayRight() throws {
        let f = WorkloadFixture()
        try f.create(["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": "web"],
                      "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                               "template": ["metadata": ["labels": ["app": "web"]],
                                            "spec": ["containers": [["name": "c", "image": "nginx"]]]]]])
        f.run(seconds: 5)
        XCTAssertEqual(try f.get("ReplicaSet", "web")[path: "status", "readyReplicas"], 2)
        let first = f.list("Pod")[0].metadataName
        var p = try f.get("Pod", first)
        p[path: "metadata", "labels"] = ["app": "debug"]
        try f.api.update(f.type("Pod"), p, namespace: "default")
        f.cluster.settle()
        XCTAssertNil(try f.get("Pod", first)[path: "metadata", "ownerReferences"])
        XCTAssertEqual(f.list("Pod").count, 3)
        f.run(seconds: 5)
        XCTAssertEqual(try f.get("ReplicaSet", "web")[path: "status", "readyReplicas"], 2)
        XCTAssertEqual(try f.get("ReplicaSet", "web")[path: "status", "replicas"], 2)
        // Relabelled back: adopted again, one too many, one goes.
        p = try f.get("Pod", first)
        p[path: "metadata", "labels"] = ["app": "web"]
        try f.api.update(f.type("Pod"), p, namespace: "default")
        f.cluster.settle()
        XCTAssertEqual(f.activePods().count, 2)
        f.run(seconds: 40)
        XCTAssertEqual(f.list("Pod").count, 2)
        XCTAssertEqual(try f.get("ReplicaSet", "web")[path: "status", "replicas"], 2)
    }

    /// Facts read with earlier facts (labels and the Ready time reused when their stored text is the same) equal
    /// facts read afresh, over random sequences of writes: the facts of the write before, of this pod or of another
    /// pod added just before it, which is what the index passes.
    func testFactsFromThePreviousWriteEqualFreshFacts() {
        var rng = SeededRandom(seed: 3)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        for _ in 0..<300 {
            var previous: ReplicaSetPodIndex.Facts?
            for _ in 0..<12 {
                var p = pod("a", labels: pick([["app": "web", "tier": "fe"], ["app": "web"], ["tier": "fe", "app": "web"], [:]]),
                            ready: pick([true, false]), phase: pick(["Running", "Pending", "Succeeded"]), deleting: pick([true, false, false]))
                if rng.next() % 3 == 0, p[path: "status", "conditions"] != nil {
                    p[path: "status", "conditions"] = [["type": "Ready", "status": "True", "lastTransitionTime": .string(pick(["2026-11-26T09:00:11Z", "bad"]))]]
                }
                if rng.next() % 8 == 0 { p[path: "metadata", "deletionTimestamp"] = "not a time" }
                let fresh = ReplicaSetPodIndex.Facts(p), reused = ReplicaSetPodIndex.Facts(p, previous: previous)
                XCTAssertEqual(fresh.active, PodUtil.isActive(p))
                XCTAssertEqual(fresh.deleting, p.deletionTimestamp != nil)
                XCTAssertEqual(fresh, reused)
                XCTAssertEqual(fresh.labels, p.labels)
                XCTAssertEqual(fresh.ready, PodUtil.isReady(p))
                XCTAssertEqual(fresh.readySince, fresh.ready ? PodUtil.readySince(p) : nil)
                previous = reused
            }
        }
    }
}
