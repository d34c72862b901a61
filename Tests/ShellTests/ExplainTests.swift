@testable import Shell
import XCTest

final class ExplainTests: XCTestCase {
    func testWrapKeepsWordsAndLimit() {
        XCTAssertEqual(ExplainRenderer.wrap("aaa bbb ccc", 7), "aaa bbb\nccc")
        XCTAssertEqual(ExplainRenderer.wrap("a verylongwordthatdoesnotfit b", 10), "a\nverylongwordthatdoesnotfit\nb")
        XCTAssertEqual(ExplainRenderer.wrap("one\ntwo three", 9), "one\ntwo three")
    }

    func testEveryReferencedDocTypeResolvesOrIsALeaf() {
        // Every field of every documented type renders, and navigation through documented refs works.
        for (name, t) in ExplainCatalog.types {
            for field in t.fields {
                XCTAssertFalse(field.description.isEmpty, "\(name).\(field.name) has no description")
            }
        }
        let root = ExplainCatalog.root(forKind: "Deployment")
        let target = try? ExplainRenderer.resolve(root: root, path: ["spec", "template", "spec", "containers", "ports"])
        XCTAssertEqual(target?.type?.name, "ContainerPort")
    }

    func testFieldPageLayout() throws {
        let h = ApplyHarness()
        let r = h.kubectl("explain", "deploy.spec.replicas")
        XCTAssertTrue(r.out.hasPrefix("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    "), r.out)
        XCTAssertTrue(r.out.hasSuffix("\n    \n\n"))
        XCTAssertEqual(h.kubectl("explain", "deploy.spec.bogus").err, "error: field \"bogus\" does not exist\n")
        XCTAssertTrue(h.kubectl("explain", "svc").out.contains("FIELDS:\n  apiVersion\t<string>\n"))
    }
}
