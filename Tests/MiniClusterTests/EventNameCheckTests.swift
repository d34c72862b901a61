@testable import MiniCluster
import XCTest

/// A subject takes the name check an earlier subject of its correlator entry made (the entry's key has an equal
/// name). That is exact only if equal strings agree on being DNS-1123 subdomains, and the Events must be the ones
/// the check made afresh gives.
final class EventNameCheckTests: XCTestCase {
    /// Strings equal under String's `==` (canonical equivalence) but spelled apart, and ones spelled alike: the
    /// check agrees for every equal pair.
    func testEqualNamesAgreeOnTheCheck() {
        let names = [
            "web-1", "web-1.x", "a.b-c", "K", "\u{212A}", "k", "a;b", "a\u{37E}b", "a`b", "a\u{1FEF}b", "caf\u{E9}",
            "cafe\u{301}", "\u{C5}", "\u{212B}", "A\u{30A}", "-a", "a-", "a..b", "", ".", "0", "z9",
        ]
        var equalPairs = 0
        for a in names {
            for b in names where a == b {
                if a.utf8.elementsEqual(b.utf8) == false { equalPairs += 1 }
                XCTAssertEqual(NameRules.matchesSubdomain(a), NameRules.matchesSubdomain(b), "\(a) / \(b)")
            }
        }
        XCTAssertGreaterThan(equalPairs, 4, "pairs spelled apart are compared")
    }

    /// Events about objects that come back as new values (a new resourceVersion, or an equal copy stored apart)
    /// from one source and from two, with names the check passes and fails: the same Events, names, uids and
    /// revisions with the carried check as with the check made for every subject.
    func testCarriedChecksGiveTheSameEvents() throws {
        func run(carries: Bool) throws -> [String] {
            let c = Cluster()
            c.events.carriesNameChecks = carries
            let evType = c.registry.lookup(kind: "Event")!
            var g = SeededRandom(seed: 5)
            var objects: [Value] = [
                ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web-1", "namespace": "default", "uid": "u1"]],
                ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "Upper", "namespace": "default", "uid": "u2"]],
                ["apiVersion": "v1", "kind": "Pod",
                 "metadata": ["name": .string(String(repeating: "a", count: 240)), "namespace": "default", "uid": "u3"]],
                ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "db-0", "namespace": "default", "uid": "u4"]],
            ]
            for step in 0..<300 {
                let i = Int(g.next() % UInt64(objects.count))
                if g.next() % 3 == 0 {
                    // A new value of the object: another resourceVersion, or the same fields stored apart.
                    objects[i][path: "metadata", "resourceVersion"] = .string(String(g.next() % 4))
                }
                let host = g.next() % 2 == 0 ? "node-1" : "node-2"
                c.events.record(objects[i], reason: ["Pulled", "Created", "Started"][step % 3],
                                message: "m\(g.next() % 5)", component: "kubelet", host: host,
                                fieldPath: "spec.containers{c}")
                if step % 50 == 49 { c.advance(by: .seconds(301)) }
            }
            return c.api.list(evType, namespace: "default").map { JSONCodec.encodeCompact($0) }
                + ["revision \(c.store.revision)"]
        }
        let carried = try run(carries: true)
        XCTAssertGreaterThan(carried.count, 50)
        XCTAssertEqual(carried, try run(carries: false))
    }
}
