import MiniCluster
import XCTest

/// The store's cached lists and the table row cache: a changed object is patched into the cached list in place, a
/// namespace is one run of the sorted keys, and rows are reused only for objects that did not change.
final class ListCacheTests: XCTestCase {
    func testListsFollowChangesAddsAndDeletes() throws {
        let f = APIFixture()
        let pods = f.type("Pod"), ns = f.type("Namespace")
        for n in ["a", "b", "c"] { _ = try f.api.create(ns, ["metadata": ["name": .string(n)]], namespace: nil) }
        for n in ["c", "a", "b"] { for p in ["p2", "p1"] { try f.make("Pod", p, ns: n) } }
        func names(_ namespace: String?) -> [String] {
            f.api.store.list(pods, namespace: namespace).map { "\($0.metadataNamespace ?? "")/\($0.metadataName)" }
        }
        XCTAssertEqual(names(nil), ["a/p1", "a/p2", "b/p1", "b/p2", "c/p1", "c/p2"])
        XCTAssertEqual(names("b"), ["b/p1", "b/p2"])
        XCTAssertEqual(names("default"), [])
        XCTAssertEqual(names("zz"), [])
        // A change keeps the object's place and is seen by the whole list and by the namespace's slice.
        _ = try f.api.patch(pods, namespace: "b", name: "p2", patch: ["metadata": ["labels": ["x": "1"]]], type: .merge)
        XCTAssertEqual(f.api.store.list(pods)[3]["metadata"]?["labels"]?["x"], "1")
        XCTAssertEqual(f.api.store.list(pods, namespace: "b")[1]["metadata"]?["labels"]?["x"], "1")
        XCTAssertEqual(names(nil), ["a/p1", "a/p2", "b/p1", "b/p2", "c/p1", "c/p2"])
        try f.make("Pod", "p0", ns: "b")
        XCTAssertEqual(names("b"), ["b/p0", "b/p1", "b/p2"])
        _ = try f.api.delete(pods, namespace: "a", name: "p1", gracePeriod: 0)
        XCTAssertEqual(names(nil), ["a/p2", "b/p0", "b/p1", "b/p2", "c/p1", "c/p2"])
    }

    func testRowsAreReusedOnlyForUnchangedObjects() throws {
        let f = APIFixture()
        let pods = f.type("Pod")
        for p in ["a", "b", "c"] { try f.make("Pod", p) }
        let cache = TableRowCache(), spec = Tables.spec(for: pods)
        func labels() -> [String] {
            let list = cache.preparedList(spec, key: "pods", f.api.store.list(pods))
            return list.rows.map { ($0 ?? []).map { $0.render(Timestamp(ms: 0)) }.joined(separator: " ") }
        }
        let before = labels()
        XCTAssertEqual(labels(), before)
        _ = try f.api.updateStatus(pods, namespace: "default", name: "b", status: ["phase": "Failed"])
        let after = labels()
        XCTAssertEqual(after[0], before[0])
        XCTAssertEqual(after[2], before[2])
        XCTAssertNotEqual(after[1], before[1])
        XCTAssertTrue(after[1].contains("Failed"), after[1])
        // Objects added and deleted since the last list: the walk gets past them and every row is still its own.
        try f.make("Pod", "a0")
        _ = try f.api.delete(pods, namespace: "default", name: "c", gracePeriod: 0)
        _ = try f.api.updateStatus(pods, namespace: "default", name: "a", status: ["phase": "Succeeded"])
        let third = labels()
        XCTAssertEqual(third.map { $0.split(separator: " ")[0] }, ["a", "a0", "b"])
        XCTAssertTrue(third[0].contains("Succeeded"), third[0])
        XCTAssertEqual(third[2], after[1])
    }
}
