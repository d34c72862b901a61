@testable import MiniCluster
import XCTest

/// The event recorder stores its Events through `createVouched` (built whole, namespace admission remembered, the
/// subject read once per object). These tests run one varied scenario twice, once with the recorder going the full
/// `api.create` way for every Event, and require the same store: every Event byte for byte, every watch event in
/// the same order, the same revisions and the same random draws.
final class EventFastPathTests: XCTestCase {
    private var noOwnersSeen = 0

    /// What a run leaves: the Events as JSON, the watch events on Events, the revision and the next random draw.
    private struct Outcome: Equatable {
        var events: [String]
        var changes: [String]
        var revision: Int
        var nextDraw: UInt64
    }

    private func run(vouches: Bool, seed: UInt64) throws -> Outcome {
        let c = Cluster()
        c.events.vouches = vouches
        let evType = c.registry.lookup(kind: "Event")!
        let cm = c.registry.lookup(kind: "ConfigMap")!
        let nsType = c.registry.lookup(kind: "Namespace")!
        var changes: [String] = []
        c.store.observe { e in
            guard e.resource == evType else { return }
            changes.append("\(e.type.rawValue) \(e.revision) \(JSONCodec.encodeCompact(e.object))")
            // What the garbage collector is told it need not read is so.
            if e.noOwners {
                let o = GarbageCollector.ownersAndDeletion(e.object)
                XCTAssertTrue(o.refs == nil && !o.deleting && e.object.finalizers.isEmpty, "\(e.object)")
                self.noOwnersSeen += 1
            }
        }
        _ = try c.api.create(nsType, ["metadata": ["name": "team"]], namespace: nil)
        var cfg = try c.api.create(cm, ["metadata": ["name": "cfg"]], namespace: "default")
        let teamCfg = try c.api.create(cm, ["metadata": ["name": "cfg"]], namespace: "team")
        let node = try c.api.create(c.registry.lookup(kind: "Node")!, ["metadata": ["name": "n1"]], namespace: nil)
        // Objects never stored: no resourceVersion; one without a uid either; one whose name no Event name can
        // take (too long once the suffix is added); one whose name is not a DNS-1123 subdomain at all.
        let unstored: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "loose", "namespace": "default", "uid": "u-1"]]
        let noUID: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "nouid", "namespace": "default"]]
        let long: Value = ["apiVersion": "v1", "kind": "ConfigMap",
                           "metadata": ["name": .string(String(repeating: "a", count: 240)), "namespace": "default", "uid": "u-2"]]
        let upper: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "Upper", "namespace": "default", "uid": "u-3"]]

        var g = SeededRandom(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        for step in 0..<400 {
            if step == 250 {
                // A terminating namespace refuses the Event (admission, before any uid is drawn), then a missing one.
                _ = try c.api.delete(nsType, namespace: nil, name: "team")
            }
            if step == 300 { c.advance(by: .seconds(1)) }
            if step == 100 || step == 200 {
                // Similar events (only the message differs) in a row: the tenth on go to one combined Event.
                for i in 0..<14 {
                    c.events.record(cfg, reason: "SuccessfulCreate", message: "Created pod: burst-\(step)-\(i)",
                                    component: "replicaset-controller")
                }
            }
            if g.next() % 17 == 0 {
                // The object changes: its stored value is a new one (the subject must be read again).
                cfg[path: "metadata", "labels", "step"] = .string(String(step))
                cfg = try c.api.update(cm, cfg, namespace: "default")
            }
            if g.next() % 5 == 0 { c.advance(by: .seconds(Int64(g.next() % 700))) }
            let subject = pick([cfg, cfg, teamCfg, node, unstored, noUID, long, upper, cfg])
            let reason = pick(["Pulled", "Created", "SuccessfulCreate", "BackOff", "NodeReady"])
            let message = g.next() % 3 == 0 ? "Created pod: p-\(g.next() % 40)" : pick(["m", "Started container a", "back-off"])
            let type = step == 123 ? "Odd" : pick(["Normal", "Normal", "Warning"])
            c.events.record(subject, type: type, reason: reason, message: message,
                            component: pick(["kubelet", "replicaset-controller", "default-scheduler", "node-controller"]),
                            host: pick([nil, "n1", "n2"]), fieldPath: pick([nil, "spec.containers{a}", "spec.containers{b}"]))
        }
        let events = c.api.list(evType, namespace: nil).map { JSONCodec.encodeCompact($0) }
        return Outcome(events: events, changes: changes, revision: c.store.revision, nextDraw: c.api.random.next())
    }

    func testVouchedEventsEqualFullCreates() throws {
        for seed: UInt64 in [1, 2, 3] {
            let fast = try run(vouches: true, seed: seed), full = try run(vouches: false, seed: seed)
            XCTAssertGreaterThan(fast.events.count, 50, "seed \(seed): the scenario records Events")
            XCTAssertTrue(fast.events.contains { $0.contains("(combined from similar events)") }, "seed \(seed)")
            XCTAssertTrue(fast.changes.contains { $0.hasPrefix("MODIFIED") }, "seed \(seed): repeats fold")
            XCTAssertEqual(fast.events.count, full.events.count, "seed \(seed)")
            for (a, b) in zip(fast.events, full.events) { XCTAssertEqual(a, b, "seed \(seed)") }
            XCTAssertEqual(fast.changes, full.changes, "seed \(seed)")
            XCTAssertEqual(fast, full, "seed \(seed)")
        }
        XCTAssertGreaterThan(noOwnersSeen, 100, "vouched Events tell the collector it need not read them")
    }

    /// Refusals on the vouched path: a terminating namespace, then a missing one, each refuse the Event as `create`
    /// does, and the namespace admission remembered before the deletion is not used after it.
    func testTerminatingNamespaceRefusesEvents() throws {
        let c = Cluster()
        let evType = c.registry.lookup(kind: "Event")!, cm = c.registry.lookup(kind: "ConfigMap")!
        let nsType = c.registry.lookup(kind: "Namespace")!
        _ = try c.api.create(nsType, ["metadata": ["name": "dev"]], namespace: nil)
        let obj = try c.api.create(cm, ["metadata": ["name": "c"]], namespace: "dev")
        func count() -> Int { c.api.list(evType, namespace: "dev").count }
        c.events.record(obj, reason: "A", message: "m", component: "x")
        XCTAssertEqual(count(), 1)
        _ = try c.api.delete(nsType, namespace: nil, name: "dev")
        c.events.record(obj, reason: "B", message: "m", component: "x")
        XCTAssertEqual(count(), 1, "terminating")
        let revision = c.store.revision
        var draws = c.api.random
        c.events.record(obj, reason: "C", message: "m", component: "x")
        XCTAssertEqual(c.store.revision, revision, "nothing stored")
        XCTAssertEqual(c.api.random.next(), draws.next(), "no uid drawn before admission refused it")
    }

    /// The name check the recorder makes from its parts agrees with `NameRules.dns1123Subdomain` on the full name,
    /// and `eventName` writes what `name + "." + String(nanos, radix: 16)` gives.
    func testEventNamesAndTheirCheck() {
        var g = SeededRandom(seed: 7)
        let alphabet = Array("ab9.-_Zé")
        var names = ["", "a", "a.b", "-a", "a-", "a.", ".a", "A", "é", String(repeating: "a", count: 230),
                     String(repeating: "a", count: 236), String(repeating: "a", count: 240), "web-7c5ddbdf54-x9k2p"]
        for _ in 0..<2000 { names.append(String((0..<Int(g.next() % 8)).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })) }
        let nanos: [Int64] = [0, 1, 15, 16, 255, 1_795_000_000_000_000_000, .max, -1, -4096, .min]
        for name in names {
            let subject = EventRecorder.Subject(["metadata": ["name": .string(name)]])
            for n in nanos + [Int64(bitPattern: g.next())] {
                let full = EventRecorder.eventName(name, nanos: n)
                XCTAssertEqual(full, name + "." + String(n, radix: 16))
                XCTAssertEqual(EventRecorder.isValidName(full, of: subject), NameRules.dns1123Subdomain(full).isEmpty, full)
            }
        }
    }

    /// The subject read from an object is reused only for that very object: an equal object stored apart, or the
    /// object after a change, is read again (and an Event about it says so).
    func testSubjectIsReadAgainWhenTheObjectChanges() throws {
        let c = Cluster()
        let evType = c.registry.lookup(kind: "Event")!, cm = c.registry.lookup(kind: "ConfigMap")!
        var obj = try c.api.create(cm, ["metadata": ["name": "c"]], namespace: "default")
        c.events.record(obj, reason: "A", message: "1", component: "x")
        obj[path: "metadata", "resourceVersion"] = "999"
        c.events.record(obj, reason: "A", message: "2", component: "x")
        var copy = obj
        copy[path: "metadata", "uid"] = "other"
        c.events.record(copy, reason: "A", message: "3", component: "x")
        let versions = c.api.list(evType, namespace: "default")
            .filter { $0[path: "involvedObject", "name"] == "c" }
            .sorted { ($0["message"]?.stringValue ?? "") < ($1["message"]?.stringValue ?? "") }
            .map { "\($0[path: "involvedObject", "resourceVersion"]?.stringValue ?? "") \($0[path: "involvedObject", "uid"]?.stringValue ?? "")" }
        XCTAssertEqual(versions.count, 3)
        XCTAssertNotEqual(versions[0], versions[1])
        XCTAssertTrue(versions[1].hasPrefix("999 "))
        XCTAssertEqual(versions[2], "999 other")
    }

    /// `Store.add` stores what `put` stores for a new key (the resourceVersion in place, the same watch event and
    /// lists), and leaves a taken key, its object and the revision alone.
    func testStoreAddIsPutForANewKey() throws {
        let registry = Cluster().registry
        let cm = registry.lookup(kind: "ConfigMap")!
        let byPut = Store(), byAdd = Store()
        var putLog: [String] = [], addLog: [String] = []
        byPut.observe { putLog.append("\($0.type.rawValue) \($0.revision) \(JSONCodec.encodeCompact($0.object)) \($0.oldObject == nil)") }
        byAdd.observe { addLog.append("\($0.type.rawValue) \($0.revision) \(JSONCodec.encodeCompact($0.object)) \($0.oldObject == nil)") }
        for name in ["b", "a", "c", "a"] {
            let obj: Value = ["metadata": ["name": .string(name), "namespace": "default"], "data": ["k": .string(name)]]
            let key = ObjectKey(namespace: "default", name: name)
            if byPut.get(cm, key) == nil { byPut.put(cm, obj) }
            _ = byAdd.list(cm)  // lists kept from before must be dropped
            let added = byAdd.add(cm, key) { rv in
                var o = obj
                o[path: "metadata", "resourceVersion"] = .string(rv)
                return o
            }
            XCTAssertEqual(added == nil, name == "a" && byAdd.count(cm) == 3)
        }
        XCTAssertEqual(addLog, putLog)
        XCTAssertEqual(byAdd.revision, byPut.revision)
        XCTAssertEqual(byAdd.list(cm), byPut.list(cm))
        XCTAssertEqual(byAdd.list(cm, namespace: "default").map(\.metadataName), ["a", "b", "c"])
    }
}
