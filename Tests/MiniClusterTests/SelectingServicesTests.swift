@testable import MiniCluster
import XCTest

/// The endpoints controllers' remembered Services with a selector equal the store's namespace list, filtered,
/// over random creates, edits (selector added, removed, not an object) and deletes in several namespaces.
final class SelectingServicesTests: XCTestCase {
    func testSelectingServicesEqualsTheFilteredStoreList() {
        let store = Store()
        let t = ResourceRegistry().lookup(kind: "Service")!
        let selecting = SelectingServices()
        var g = SeededRandom(seed: 4)
        let namespaces = ["default", "a", "b"]
        var nonEmpty = 0
        for round in 0..<2000 {
            let ns = namespaces[Int(g.next() % 3)], name = ["s1", "s2", "s3"][Int(g.next() % 3)]
            switch g.next() % 5 {
            case 0: store.remove(t, ObjectKey(namespace: ns, name: name))
            case 1: break  // reads only
            default:
                var svc: Value = ["metadata": ["name": .string(name), "namespace": .string(ns)], "spec": ["type": "ClusterIP"]]
                switch g.next() % 3 {
                case 0: svc[path: "spec", "selector"] = ["app": .string(["web", "db"][Int(g.next() % 2)])]
                case 1: svc[path: "spec", "selector"] = "app=web"
                default: break
                }
                store.put(t, svc)
            }
            for q in namespaces + ["c"] {
                let expected = store.list(t, namespace: q).filter { $0[path: "spec", "selector"]?.isObject == true }
                XCTAssertEqual(selecting.withSelector(in: q, store: store, serviceType: t), expected, "round \(round) \(q)")
                if !expected.isEmpty { nonEmpty += 1 }
            }
        }
        XCTAssertGreaterThan(nonEmpty, 1000)
    }
}
