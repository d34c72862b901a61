import MiniCluster
@testable import Shell
import XCTest

final class DeleteTests: XCTestCase {
    func testOrphanCascadeMarksTheObjectAndSaysDeleted() throws {
        let h = ApplyHarness()
        h.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  finalizers: [example.com/hold]\n")
        h.kubectl("apply", "-f", "cm.yaml")
        let r = h.kubectl("delete", "cm", "cfg", "--cascade=orphan", "--wait=false")
        XCTAssertEqual(r.out, "configmap \"cfg\" deleted\n")
        let live = try h.api.get(h.type("cm"), namespace: "default", name: "cfg")
        XCTAssertNotNil(live.deletionTimestamp)
        XCTAssertTrue(live.finalizers.contains(Finalizer.orphan))
    }

    func testNamedItemsContinuePastNotFound() {
        let h = ApplyHarness()
        h.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")
        h.kubectl("apply", "-f", "cm.yaml")
        let r = h.kubectl("delete", "cm", "a", "nosuch", "b")
        XCTAssertEqual(r.out, "configmap \"a\" deleted\nconfigmap \"b\" deleted\n")
        XCTAssertEqual(r.err, "Error from server (NotFound): configmaps \"nosuch\" not found\n")
        XCTAssertEqual(r.status, 1)
    }

    func testNamespaceDeletion() {
        let h = ApplyHarness()
        h.write("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n")
        XCTAssertEqual(h.kubectl("apply", "-f", "ns.yaml").out, "namespace/dev created\n")
        XCTAssertEqual(h.kubectl("delete", "ns", "dev").out, "namespace \"dev\" deleted\n")
    }
}
