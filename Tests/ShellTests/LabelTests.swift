@testable import Shell
import XCTest

final class LabelTests: XCTestCase {
    func testResourcesComeBeforePairs() throws {
        let r = try MetadataMapCommand.split(["pods", "web", "a=b", "c-"], pairType: "label")
        XCTAssertEqual(r.resources, ["pods", "web"])
        XCTAssertEqual(r.pairs, ["a=b", "c-"])
        XCTAssertThrowsError(try MetadataMapCommand.split(["pods", "a=b", "web"], pairType: "label"))
    }

    func testAnnotationValuesMayContainEquals() throws {
        let p = try MetadataMapCommand(kind: .annotations).parsePairs(["note=a=b", "old-"])
        XCTAssertEqual(p.set.map { "\($0.0)=\($0.1)" }, ["note=a=b"])
        XCTAssertEqual(p.remove, ["old"])
    }

    func testLabelMessagesFollowKubectl() {
        let h = ApplyHarness()
        h.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    app: web\n")
        h.kubectl("apply", "-f", "cm.yaml")
        XCTAssertEqual(h.kubectl("label", "cm", "cfg", "app-", "--overwrite").out, "configmap/cfg labeled\n")
        XCTAssertEqual(h.kubectl("label", "cm", "cfg", "app=web").out, "configmap/cfg labeled\n")
        XCTAssertEqual(h.kubectl("label", "cm", "cfg", "app-").out, "configmap/cfg unlabeled\n")
        XCTAssertEqual(h.kubectl("label", "cm", "cfg", "--resource-version=1", "x=y").err.contains("Conflict"), true)
    }
}
