@testable import MiniCluster
import XCTest

/// `ObjectKey(of:in:)` reads the metadata once; it must give the key the two metadata accessors give, for every
/// shape of object (no metadata, metadata that is not an object, fields that are not strings, either scope).
final class ObjectKeyOfTests: XCTestCase {
    func testKeyOfMatchesTheAccessors() {
        let registry = ResourceRegistry()
        let types = [registry.lookup(kind: "Pod")!, registry.lookup(kind: "Node")!]
        var objects: [Value] = [
            .null, "text", .emptyObject, ["metadata": "x"], ["metadata": .emptyObject], ["metadata": ["name": 3]],
            ["metadata": ["namespace": "dev"]], ["metadata": ["name": "a", "namespace": .null]],
            ["kind": "Pod", "metadata": ["labels": ["a": "b"], "namespace": "team", "name": "web-x"]],
        ]
        var g = SeededRandom(seed: 5)
        for _ in 0..<200 {
            var meta = Value.emptyObject
            for i in 0..<Int(g.next() % 18) { meta["f\(i)"] = .int(i) }
            if g.next() % 4 != 0 { meta["name"] = .string(g.name(prefix: "n-")) }
            if g.next() % 3 != 0 { meta["namespace"] = g.next() % 5 == 0 ? .int(1) : .string(g.name(prefix: "ns-")) }
            objects.append(["apiVersion": "v1", "metadata": meta, "spec": .emptyObject])
        }
        for obj in objects {
            for t in types {
                let want = ObjectKey(namespace: t.namespaced ? (obj.metadataNamespace ?? "") : "", name: obj.metadataName)
                XCTAssertEqual(ObjectKey(of: obj, in: t), want, "\(obj) as \(t.kind)")
            }
        }
    }
}
