@testable import MiniCluster
import XCTest

/// Status writes are marked as such on their watch events, and what handlers skip for them is what they would
/// have found unchanged.
final class StatusWriteTests: XCTestCase {
    /// The object without `.status` and `metadata.resourceVersion`: what a status write must leave alone.
    private func withoutStatus(_ v: Value?) -> Value? {
        guard var v else { return nil }
        v["status"] = nil
        v[path: "metadata", "resourceVersion"] = nil
        return v
    }

    /// A small cluster running pods that start, crash, finish and wait for room, so status writes of every kind
    /// (and others) go by; `scenario` returns every pod as it ends up and every Event's text.
    private func scenario(seed: UInt64, skipping: Bool, watch: ((WatchEvent) -> Void)? = nil) throws -> [String] {
        var o = Cluster.Options()
        o.nodesPerZone = 2
        o.systemWorkloads = false
        o.seed = seed
        let c = Cluster(options: o)
        c.scheduler.skipsCacheOnStatusWrites = skipping
        if let watch { c.store.observe(watch) }
        let podType = c.registry.lookup(kind: "Pod")!
        var g = SeededRandom(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        for i in 0..<40 {
            let command: Value = pick([.null, ["sh", "-c", "sleep 5; exit 0"], ["sh", "-c", "sleep 3; exit 1"], ["sh", "-c", "exit 0"]])
            var container: Value = ["name": "c", "image": pick(["busybox", "nginx", "busybox:nope"]),
                                    "resources": ["requests": ["cpu": .string(pick(["100m", "400m", "900m", "1500m"]))]]]
            if !command.isNull { container["command"] = command }
            let pod: Value = ["metadata": ["name": .string("p\(i)"), "labels": ["app": .string(pick(["a", "b"]))]],
                              "spec": ["containers": [container], "restartPolicy": .string(pick(["Always", "Never", "OnFailure"]))]]
            _ = try c.api.create(podType, pod, namespace: "default")
            c.advance(by: .seconds(Int64(g.next() % 4)))
            if g.next() % 6 == 0 { _ = try? c.api.delete(podType, namespace: "default", name: "p\(g.next() % UInt64(i + 1))") }
        }
        c.advance(by: .seconds(120))
        let pods = c.api.list(podType, namespace: "default").map {
            "\($0.metadataName) \($0[path: "spec", "nodeName"]?.stringValue ?? "-") \($0[path: "status", "phase"]?.stringValue ?? "-")"
        }
        let events = c.api.list(c.registry.lookup(kind: "Event")!, namespace: "default").map {
            "\($0["reason"]?.stringValue ?? "") \($0["message"]?.stringValue ?? "") \($0["count"]?.intValue ?? 0)"
        }
        return pods + events
    }

    func testStatusWritesChangeOnlyStatus() throws {
        var statusOnly = 0, others = 0
        _ = try scenario(seed: 7, skipping: true) { e in
            guard e.statusOnly else { others += 1; return }
            statusOnly += 1
            XCTAssertEqual(e.type, .modified)
            XCTAssertEqual(self.withoutStatus(e.object), self.withoutStatus(e.oldObject))
        }
        XCTAssertGreaterThan(statusOnly, 40)
        XCTAssertGreaterThan(others, 40)
    }

    /// The ReplicaSet index reads a status write's pod facts from its status alone, and gets what reading the whole
    /// pod gets.
    func testReplicaSetFactsOfAStatusWriteEqualAFullRead() throws {
        var compared = 0
        _ = try scenario(seed: 11, skipping: true) { e in
            guard e.statusOnly, let old = e.oldObject else { return }
            let before = ReplicaSetPodIndex.Facts(old)
            XCTAssertEqual(ReplicaSetPodIndex.Facts(e.object, previous: before, statusOnly: true),
                           ReplicaSetPodIndex.Facts(e.object, previous: before))
            compared += 1
        }
        XCTAssertGreaterThan(compared, 40)
    }

    /// The scheduler that skips its cache on status writes places, refuses and retries every pod as the one that
    /// updates it on every write.
    func testSchedulerSkippingStatusWritesSchedulesTheSame() throws {
        var finished = 0
        for seed: UInt64 in [1, 2, 3] {
            let skipped = try scenario(seed: seed, skipping: true)
            XCTAssertEqual(skipped, try scenario(seed: seed, skipping: false), "seed \(seed)")
            XCTAssertTrue(skipped.contains { $0.hasPrefix("FailedScheduling") }, "seed \(seed): some pod waited for room")
            finished += skipped.filter { $0.hasSuffix(" Succeeded") || $0.hasSuffix(" Failed") }.count
        }
        XCTAssertGreaterThan(finished, 3, "pods finished and gave their room back")
    }
}

/// Object keys hash their name once; tables see the same hash through either of Hashable's entry points.
final class ObjectKeyHashTests: XCTestCase {
    func testOneWordHashEqualsTheHasherPath() {
        let names = ["", "web", "web-7d4b9c8f6d-x2x9q", "K", "\u{212A}", "caf\u{E9}", "cafe\u{301}", String(repeating: "a", count: 300)]
        for ns in ["", "default", "kube-system"] {
            for name in names {
                let k = ObjectKey(namespace: ns, name: name)
                var h = Hasher()
                k.hash(into: &h)
                let viaHasher = h.finalize()
                XCTAssertEqual(k._rawHashValue(seed: 0), viaHasher, "\(ns)/\(name)")
                XCTAssertEqual(k.hashValue, viaHasher, "\(ns)/\(name)")
                // Canonically equal names are equal keys, with equal hashes (String hashes canonically).
                XCTAssertEqual(ObjectKey(namespace: ns, name: "caf\u{E9}"), ObjectKey(namespace: ns, name: "cafe\u{301}"))
            }
        }
        XCTAssertEqual(Set(names.map { ObjectKey(namespace: "default", name: $0) }).count, names.count - 2)
    }
}
