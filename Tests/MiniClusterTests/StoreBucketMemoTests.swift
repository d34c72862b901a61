import XCTest
@testable import MiniCluster

/// The store finds a type's bucket through the ones it found last, and counts each type's writes for readers that
/// remember what they saw (the API server's namespace admission). With more types in play than it remembers, and
/// types read before they hold anything, every answer must be what a plain dictionary of the same objects gives,
/// and a type's count must move with exactly its own creates, replacements and removals.
final class StoreBucketMemoTests: XCTestCase {
    func testBucketsAndWriteCounts() {
        let store = Store()
        let registry = ResourceRegistry()
        // More types than the store remembers, namespaced and not, so remembered buckets are also replaced.
        let types = ["ConfigMap", "Node", "Secret", "Namespace", "Service", "Pod", "PersistentVolume", "ServiceAccount",
                     "Endpoints", "StorageClass", "ReplicaSet", "PriorityClass"].map { registry.lookup(kind: $0)! }
        XCTAssertGreaterThan(types.count, Store.recentBucketCount)
        var reference: [ResourceType: [ObjectKey: Value]] = [:]
        var writes: [ResourceType: Int] = [:]
        // A count taken before the type holds anything is the one its later writes move.
        let early = store.writes(of: types[3])
        var g = SeededRandom(seed: 23)
        for step in 0..<4_000 {
            // Runs of one type, turns of two, and all of them at random, so remembered buckets hit and miss.
            let t: ResourceType
            switch step / 500 % 3 {
            case 0: t = types[step / 50 % types.count]
            case 1: t = types[step % 2 == 0 ? 0 : 1 + Int(g.next() % UInt64(types.count - 1))]
            default: t = types[Int(g.next() % UInt64(types.count))]
            }
            let (key, meta) = StoreGrowthTests.randomObject(of: t, pool: UInt64(8 + step / 4), &g)
            switch g.next() % 6 {
            case 0:
                let removed = store.remove(t, key) != nil
                XCTAssertEqual(removed, reference[t]?.removeValue(forKey: key) != nil)
                if removed { writes[t, default: 0] += 1 }
            case 1:
                let added = StoreGrowthTests.add(store, t, key, meta: meta, step: step)
                XCTAssertEqual(added == nil, reference[t]?[key] != nil, "add \(key)")
                if let added {
                    reference[t, default: [:]][key] = added
                    writes[t, default: 0] += 1
                }
            case 2:
                // Reads of a type that may hold nothing yet (or never had a bucket).
                XCTAssertEqual(store.get(t, key), reference[t]?[key])
                XCTAssertEqual(store.count(t), reference[t]?.count ?? 0)
            default:
                reference[t, default: [:]][key] = store.put(t, ["metadata": meta, "data": ["step": .int(step)]])
                writes[t, default: 0] += 1
            }
            if step % 89 == 0 || step == 3_999 {
                for t in types {
                    let want = (reference[t] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
                    XCTAssertEqual(store.list(t), want, "list at \(step)")
                    XCTAssertEqual(store.list(t, namespace: "team").count, want.filter { $0.metadataNamespace == "team" }.count)
                    XCTAssertEqual(store.count(t), want.count)
                    for (k, v) in reference[t] ?? [:] { XCTAssertEqual(store.get(t, k), v) }
                    XCTAssertEqual(store.writes(of: t).value, writes[t] ?? 0, "\(t.kind) writes at \(step)")
                }
                XCTAssertTrue(early === store.writes(of: types[3]))
                XCTAssertEqual(Set(store.populatedTypes), Set(reference.filter { !$0.value.isEmpty }.map(\.key)))
            }
        }
    }

    /// Revisions are written as `String(n)` writes them.
    func testDecimal() {
        var g = SeededRandom(seed: 37)
        var numbers = [0, 1, 9, 10, 11, 99, 100, 999_999_999_999_999, 1_000_000_000_000_000, Int.max, -1, -10, Int.min]
        for shift in 0..<63 { numbers.append(Int(g.next() >> UInt64(shift + 1))) }
        for _ in 0..<2_000 { numbers.append(Int(g.next() % 1_000_000)) }
        for n in numbers { XCTAssertEqual(Store.decimal(n), String(n)) }
    }
}
