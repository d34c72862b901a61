@testable import MiniCluster
import XCTest

/// The correlator's per source+object caches are bounded as client-go bounds its LRUs (4,096 entries, the least
/// recently used dropped), the entry a subject remembers is always the one the table lookup gives, and the
/// scheduler's folding cache forgets events when events.k8s.io's finishSeries would.
final class EventCorrelatorCacheTests: XCTestCase {
    private typealias Key = EventRecorder.SpamKey

    private func key(_ i: Int, host: String = "") -> Key {
        Key(component: "kubelet", host: host, kind: "Pod", namespace: "default", name: "p\(i)", uid: "u-\(i)",
            apiVersion: "v1")
    }

    /// The cache against a plain model of groupcache's LRU (a list, most recent first) over random keys: the same
    /// entry while a key is kept, a fresh one after it was dropped (sometimes the dropped storage taken again,
    /// when nothing else held it), the dropped entry marked so.
    func testCacheIsAnLRU() {
        var g = SeededRandom(seed: 11)
        for capacity in [1, 2, 3, 7] {
            var cache = EventRecorder.SourceObjectCache(capacity: capacity)
            var model: [Key] = []
            // Entries held from outside, as subjects hold them; only some are, so that others can be taken again.
            var held: [Key: EventRecorder.SourceEntry] = [:]
            var drops = 0, reused = 0
            // Weak, so as not to hold what the cache may take again (a dropped entry nothing holds is gone).
            weak var lastDropped: EventRecorder.SourceEntry?
            for _ in 0..<3000 {
                if g.next() % 5 == 0, let k = model.randomElement(using: &g) {
                    // A remembered entry made recent without a lookup.
                    cache.touch(cache.peek(k)!)
                    model.removeAll { $0 == k }
                    model.insert(k, at: 0)
                } else {
                    let k = key(Int(g.next() % UInt64(capacity + 2)), host: g.next() % 3 == 0 ? "n1" : "")
                    let before = cache.peek(k)
                    XCTAssertEqual(before != nil, model.contains(k))
                    weak var oldest = model.count == capacity && before == nil ? cache.peek(model.last!) : nil
                    let e = cache.entry(for: k)
                    XCTAssertTrue(e.isLive)
                    XCTAssertEqual(e.key, k)
                    if let before {
                        XCTAssertTrue(e === before, "capacity \(capacity)")
                    } else {
                        if let old = held[k] { XCTAssertFalse(e === old) }
                        if let lastDropped, e === lastDropped { reused += 1 }
                        // Fresh, whatever storage it is in; then marked, so that a reuse would show.
                        XCTAssertEqual(e.caches.bucket.tokens, EventRecorder.spamBurst)
                        XCTAssertTrue(e.caches.aggregates.isEmpty && e.caches.observations.isEmpty && e.caches.source == nil)
                        _ = e.caches.bucket.tryAccept(atMs: 0)
                        e.caches.aggregates[.init(type: "Normal", reason: "R")] = .init()
                        e.caches.source = (false, "x")
                    }
                    held[k] = g.next() % 2 == 0 ? e : nil
                    model.removeAll { $0 == k }
                    model.insert(k, at: 0)
                    if model.count > capacity {
                        let gone = model.removeLast()
                        XCTAssertNil(cache.peek(gone))
                        XCTAssertFalse(oldest?.isLive ?? false, "capacity \(capacity): dropped \(gone.name)")
                        lastDropped = oldest
                        drops += 1
                    }
                }
                XCTAssertEqual(cache.keysByRecency, model, "capacity \(capacity)")
                XCTAssertEqual(cache.count, model.count)
            }
            XCTAssertGreaterThan(drops, 100, "capacity \(capacity)")
            XCTAssertGreaterThan(reused, 10, "capacity \(capacity)")
            XCTAssertLessThan(reused, drops, "capacity \(capacity)")
        }
    }

    private func configMap(_ i: Int) -> Value {
        ["apiVersion": "v1", "kind": "ConfigMap",
         "metadata": ["name": .string("c\(i)"), "namespace": "default", "uid": .string("u-\(i)")]]
    }

    private func counts(_ c: Cluster, _ name: String) -> [Int] {
        c.api.list(c.registry.lookup(kind: "Event")!, namespace: "default")
            .filter { $0[path: "involvedObject", "name"]?.stringValue == name }
            .map { $0["count"]?.intValue ?? 0 }
    }

    /// At client-go's size: 4,096 objects are all kept (a repeat counts on its first Event); one more drops the
    /// least recently used, whose next event starts a new Event, as client-go's would.
    func testRepeatAfterEvictionStartsANewEvent() {
        let c = Cluster()
        XCTAssertEqual(c.events.sources.capacity, 4096)
        for i in 0..<4096 { c.events.record(configMap(i), reason: "R", message: "m", component: "x") }
        c.events.record(configMap(0), reason: "R", message: "m", component: "x")
        XCTAssertEqual(counts(c, "c0"), [2], "kept: the repeat counts")
        XCTAssertEqual(c.events.sources.count, 4096)
        // c0 is the most recent now, c1 the least: a 4,097th object drops c1.
        c.events.record(configMap(4096), reason: "R", message: "m", component: "x")
        XCTAssertEqual(c.events.sources.count, 4096)
        c.events.record(configMap(1), reason: "R", message: "m", component: "x")
        XCTAssertEqual(counts(c, "c1"), [1, 1], "dropped: a new Event")
        // Bringing c1 back dropped c2; c0 is still kept.
        c.events.record(configMap(0), reason: "R", message: "m", component: "x")
        XCTAssertEqual(counts(c, "c0"), [3])
        c.events.record(configMap(2), reason: "R", message: "m", component: "x")
        XCTAssertEqual(counts(c, "c2"), [1, 1])
    }

    /// The spam filter's bucket goes with the entry: an object whose 26th event is filtered gets a full bucket again
    /// once the cache has dropped it (a new rate limiter, as in client-go), and its logger count starts over.
    func testDroppedEntryStartsWithAFullBucket() {
        let c = Cluster()
        c.events.sources = .init(capacity: 2)
        for _ in 0..<26 { c.events.record(configMap(0), reason: "R", message: "m", component: "x") }
        XCTAssertEqual(counts(c, "c0"), [25], "the 26th is filtered")
        c.events.record(configMap(1), reason: "R", message: "m", component: "x")
        c.events.record(configMap(0), reason: "R", message: "m", component: "x")
        XCTAssertEqual(counts(c, "c0"), [25], "kept: its bucket is still empty")
        c.events.record(configMap(1), reason: "R", message: "m", component: "x")
        c.events.record(configMap(2), reason: "R", message: "m", component: "x")  // drops c0
        for _ in 0..<3 { c.events.record(configMap(0), reason: "R", message: "m", component: "x") }
        XCTAssertEqual(counts(c, "c0").sorted(), [3, 25], "dropped: a new Event, written at once")
    }

    /// What a run leaves: the Events as JSON, the watch events on Events, the revision and the next random draw.
    private struct Outcome: Equatable {
        var events: [String]
        var changes: [String]
        var revision: Int
        var nextDraw: UInt64
    }

    /// A varied run over stored objects (remembered subjects), their changes (new subjects for one object), several
    /// sources, repeats, bursts past the spam filter and time passing, with a small cache so that entries are
    /// dropped while subjects still remember them.
    private func run(remembers: Bool, capacity: Int, seed: UInt64) throws -> Outcome {
        let c = Cluster()
        c.events.remembersSources = remembers
        c.events.sources = .init(capacity: capacity)
        let evType = c.registry.lookup(kind: "Event")!
        let cm = c.registry.lookup(kind: "ConfigMap")!
        var changes: [String] = []
        c.store.observe { e in
            guard e.resource == evType else { return }
            changes.append("\(e.type.rawValue) \(e.revision) \(JSONCodec.encodeCompact(e.object))")
        }
        var objects: [Value] = []
        for i in 0..<6 { objects.append(try c.api.create(cm, ["metadata": ["name": .string("cfg\(i)")]], namespace: "default")) }
        objects.append(configMap(90))  // never stored: a new subject every time
        var g = SeededRandom(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        for _ in 0..<600 {
            if g.next() % 23 == 0 {
                let i = Int(g.next() % 6)
                objects[i][path: "metadata", "labels", "n"] = .string(String(g.next() % 1000))
                objects[i] = try c.api.update(cm, objects[i], namespace: "default")
            }
            if g.next() % 9 == 0 { c.advance(by: .seconds(Int64(g.next() % 400))) }
            let object = pick(objects)
            let component = pick(["kubelet", "kubelet", "replicaset-controller", "node-controller"])
            let host = component == "kubelet" ? pick(["n1", "n2", nil]) : nil
            // Runs of events about one object from one source, as a pod worker records them.
            for _ in 0..<Int(1 + g.next() % 4) {
                let message = g.next() % 4 == 0 ? "Created pod: p-\(g.next() % 30)" : pick(["m", "Started container a"])
                c.events.record(object, type: pick(["Normal", "Warning"]), reason: pick(["Pulled", "Created", "SuccessfulCreate"]),
                                message: message, component: component, host: host,
                                fieldPath: pick([nil, "spec.containers{a}"]))
            }
        }
        let events = c.api.list(evType, namespace: nil).map { JSONCodec.encodeCompact($0) }
        return Outcome(events: events, changes: changes, revision: c.store.revision, nextDraw: c.api.random.next())
    }

    func testRememberedEntryIsTheLookedUpOne() throws {
        for seed: UInt64 in [1, 2] {
            var unbounded: Outcome?
            for capacity in [4096, 5, 3, 1] {
                let remembered = try run(remembers: true, capacity: capacity, seed: seed)
                let looked = try run(remembers: false, capacity: capacity, seed: seed)
                XCTAssertGreaterThan(remembered.events.count, 100, "capacity \(capacity) seed \(seed)")
                XCTAssertTrue(remembered.changes.contains { $0.hasPrefix("MODIFIED") }, "repeats fold")
                XCTAssertEqual(remembered.events.count, looked.events.count, "capacity \(capacity) seed \(seed)")
                XCTAssertEqual(remembered, looked, "capacity \(capacity) seed \(seed)")
                // The small caches do drop entries that matter (so a revived one would show).
                if let unbounded { XCTAssertNotEqual(remembered.events, unbounded.events, "capacity \(capacity)") }
                unbounded = unbounded ?? remembered
            }
        }
    }
}
