@testable import MiniCluster
import XCTest

/// ResourceType keeps its fields in one shared box: copies must still compare and hash by every field, and
/// editing a copy must leave the original as it was.
final class ResourceTypeBoxTests: XCTestCase {
    func testEqualityComparesEveryFieldAndEditsCopyOnWrite() {
        let registry = ResourceRegistry()
        let pod = registry.lookup(kind: "Pod")!
        XCTAssertEqual(pod, ResourceType(kind: "Pod", plural: "pods", shortNames: ["po"], categories: ["all"]))
        XCTAssertEqual(Set([pod, registry.lookup("po")!, registry.lookup("pods")!]).count, 1)

        var edited = pod
        edited.plural = "podz"
        XCTAssertNotEqual(edited, pod)
        XCTAssertEqual(pod.plural, "pods", "the registry's copy is untouched")
        edited.plural = "pods"
        XCTAssertEqual(edited, pod, "equal again field by field, in another box")
        XCTAssertEqual(edited.hashValue, pod.hashValue)

        // Each field on its own tells two types apart.
        let edits: [(inout ResourceType) -> Void] = [
            { $0.kind = "Pods" }, { $0.group = "apps" }, { $0.version = "v2" }, { $0.otherVersions = ["v1beta1"] },
            { $0.singular = "p" }, { $0.shortNames = [] }, { $0.namespaced = false }, { $0.categories = [] },
            { $0.verbs = ["get"] },
        ]
        for (i, edit) in edits.enumerated() {
            var t = pod
            edit(&t)
            XCTAssertNotEqual(t, pod, "edit \(i)")
        }
        // Kind and group feed the hash: a type renamed back hashes as before.
        var moved = pod
        moved.group = "apps"
        moved.group = ""
        XCTAssertEqual(moved.hashValue, pod.hashValue)
        XCTAssertEqual(moved, pod)
    }
}
