import XCTest
@testable import MiniCluster

/// The store grows a type's table by four when it is full, and gives the change log's first half its full size at
/// once. Neither may show: after any mix of puts, adds and removes, every get, list and count is what a plain
/// dictionary of the same objects gives, and the change log holds the same events.
final class StoreGrowthTests: XCTestCase {
    /// A key of type `t` (in one of two namespaces when it is namespaced) named from a pool of `pool` names, and
    /// the metadata an object stored under it has.
    static func randomObject(of t: ResourceType, pool: UInt64, _ g: inout SeededRandom) -> (key: ObjectKey, meta: Value) {
        let ns = t.namespaced ? ["default", "team"][Int(g.next() % 2)] : ""
        let name = "obj-\(g.next() % pool)"
        var meta: Value = ["name": .string(name)]
        if t.namespaced { meta["namespace"] = .string(ns) }
        return (ObjectKey(namespace: ns, name: name), meta)
    }

    /// `store.add` of an object with `meta` (and the resourceVersion the store gives it) under `key`.
    static func add(_ store: Store, _ t: ResourceType, _ key: ObjectKey, meta: Value, step: Int) -> Value? {
        store.add(t, key) { rv in
            var m = meta
            m["resourceVersion"] = .string(rv)
            return ["metadata": m, "data": ["step": .int(step)]]
        }
    }

    func testGrowthIsNotSeen() {
        let store = Store()
        store.changeLogLimit = 300
        let registry = ResourceRegistry()
        let types = [registry.lookup(kind: "ConfigMap")!, registry.lookup(kind: "Node")!]
        var reference: [ResourceType: [ObjectKey: Value]] = [:]
        var g = SeededRandom(seed: 11)
        for step in 0..<3_000 {
            let t = types[Int(g.next() % 2)]
            // Names from a pool that grows with the steps, so tables fill, grow and keep being updated.
            let (key, meta) = Self.randomObject(of: t, pool: UInt64(10 + step / 2), &g)
            switch g.next() % 5 {
            case 0:
                XCTAssertEqual(store.remove(t, key) != nil, reference[t]?.removeValue(forKey: key) != nil)
            case 1:
                let added = Self.add(store, t, key, meta: meta, step: step)
                XCTAssertEqual(added == nil, reference[t]?[key] != nil, "add \(key)")
                if let added { reference[t, default: [:]][key] = added }
            default:
                reference[t, default: [:]][key] = store.put(t, ["metadata": meta, "data": ["step": .int(step)]])
            }
            if step % 97 == 0 || step == 2_999 {
                for t in types {
                    let want = (reference[t] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
                    XCTAssertEqual(store.list(t), want, "list at \(step)")
                    XCTAssertEqual(store.count(t), want.count)
                    for (k, v) in reference[t] ?? [:] { XCTAssertEqual(store.get(t, k), v) }
                }
                let log = store.changeLog
                XCTAssertEqual(log.last?.revision ?? 0, store.revision)
                XCTAssertEqual(log.map(\.revision), Array((store.revision - log.count + 1)..<(store.revision + 1)))
            }
        }
    }
}
