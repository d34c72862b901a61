import XCTest
@testable import MiniCluster

/// The collector reads an object's owner references and deletion in one pass over its metadata's keys; that must
/// give what the path reads give, over metadata of every size (past 15 keys a table is searched) and shape.
final class GarbageCollectorReadTests: XCTestCase {
    func testOnePassReadsWhatThePathReadsRead() {
        var rng = SeededRandom(seed: 9)
        let extraKeys = ["name", "namespace", "uid", "resourceVersion", "creationTimestamp", "labels", "annotations",
                         "generateName", "finalizers", "generation", "managedFields", "selfLink", "x-creationTimestamp",
                         "ownerReference", "deletionTimestamps", "a", "bb", "ccc", "dddd", "eeeee"]
        for round in 0..<500 {
            var metadata: Value = .emptyObject
            for k in extraKeys where rng.next() % 2 == 0 { metadata[k] = .string("v\(round)") }
            if rng.next() % 2 == 0 {
                metadata["ownerReferences"] = [["uid": .string("u\(rng.next() % 5)"), "controller": true]]
            }
            switch rng.next() % 4 {
            case 0: metadata["deletionTimestamp"] = "2026-11-27T10:00:00Z"
            case 1: metadata["deletionTimestamp"] = .null
            default: break
            }
            let obj: Value
            switch rng.next() % 8 {
            case 0: obj = ["kind": "Pod", "metadata": "not an object"]
            case 1: obj = ["kind": "Pod"]
            case 2: obj = .string("x")
            default: obj = ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": .emptyObject]
            }
            let (refs, deleting) = GarbageCollector.ownersAndDeletion(obj)
            XCTAssertEqual(refs, obj[path: "metadata", "ownerReferences"], "round \(round)")
            XCTAssertEqual(deleting, obj[path: "metadata", "deletionTimestamp"] != nil, "round \(round)")
        }
    }
}
