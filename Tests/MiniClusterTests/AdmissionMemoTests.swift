@testable import MiniCluster
import XCTest

/// `create` and `createVouched` keep the namespace they last admitted content to, and where the store keeps it: the
/// answer for another namespace, or for that one once it changed, must be worked out again.
final class AdmissionMemoTests: XCTestCase {
    /// Creates alternating between two namespaces, then one of them terminating: each is admitted or refused by its
    /// own stored namespace, through `create` and through the event recorder's vouched path.
    func testAdmissionRememberedPerNamespace() throws {
        let c = Cluster()
        let cm = c.registry.lookup(kind: "ConfigMap")!, nsType = c.registry.lookup(kind: "Namespace")!
        let evType = c.registry.lookup(kind: "Event")!
        for ns in ["dev", "qa"] { _ = try c.api.create(nsType, ["metadata": ["name": .string(ns)]], namespace: nil) }
        var objects: [String: Value] = [:]
        for i in 0..<6 {
            let ns = i % 2 == 0 ? "dev" : "qa"
            objects[ns] = try c.api.create(cm, ["metadata": ["name": .string("c\(i)")]], namespace: ns)
            c.events.record(objects[ns]!, reason: "R\(i)", message: "m", component: "x")
        }
        XCTAssertEqual(c.api.list(evType, namespace: "dev").count, 3)
        XCTAssertEqual(c.api.list(evType, namespace: "qa").count, 3)
        _ = try c.api.delete(nsType, namespace: nil, name: "dev")
        for i in 6..<10 {
            let ns = i % 2 == 0 ? "dev" : "qa"
            let created = try? c.api.create(cm, ["metadata": ["name": .string("c\(i)")]], namespace: ns)
            XCTAssertEqual(created == nil, ns == "dev", "create \(i) in \(ns)")
            c.events.record(objects[ns]!, reason: "R\(i)", message: "m", component: "x")
        }
        XCTAssertEqual(c.api.list(evType, namespace: "dev").count, 3, "terminating")
        XCTAssertEqual(c.api.list(evType, namespace: "qa").count, 5)
    }

    /// The memo answers only while no namespace was written since: a write of another namespace, then this one's
    /// status set to Terminating in place (no deletion) and back, each send the next create through admission,
    /// which admits, refuses, then admits again.
    func testNamespaceWritesAreSeen() throws {
        let c = Cluster()
        let cm = c.registry.lookup(kind: "ConfigMap")!, nsType = c.registry.lookup(kind: "Namespace")!
        let evType = c.registry.lookup(kind: "Event")!
        for ns in ["dev", "qa"] { _ = try c.api.create(nsType, ["metadata": ["name": .string(ns)]], namespace: nil) }
        let object = try c.api.create(cm, ["metadata": ["name": "a"]], namespace: "dev")
        c.events.record(object, reason: "R0", message: "m", component: "x")
        var qa = try c.api.get(nsType, namespace: nil, name: "qa")
        qa[path: "metadata", "labels"] = ["team": "q"]
        _ = try c.api.update(nsType, qa, namespace: nil)
        c.events.record(object, reason: "R1", message: "m", component: "x")
        XCTAssertEqual(c.api.list(evType, namespace: "dev").count, 2, "another namespace written")
        func setPhase(_ phase: String) throws {
            var dev = try c.api.get(nsType, namespace: nil, name: "dev")
            dev[path: "status", "phase"] = .string(phase)
            c.store.put(nsType, dev)
        }
        try setPhase("Terminating")
        XCTAssertNil(try? c.api.create(cm, ["metadata": ["name": "b"]], namespace: "dev"))
        c.events.record(object, reason: "R2", message: "m", component: "x")
        XCTAssertEqual(c.api.list(evType, namespace: "dev").count, 2, "terminating")
        try setPhase("Active")
        c.events.record(object, reason: "R3", message: "m", component: "x")
        XCTAssertNotNil(try? c.api.create(cm, ["metadata": ["name": "c"]], namespace: "dev"))
        XCTAssertEqual(c.api.list(evType, namespace: "dev").count, 3, "active again")
    }
}
