import XCTest
@testable import MiniCluster

/// Controller keys split at their first slash, by bytes.
final class ControllerKeyTests: XCTestCase {
    func testSplit() {
        let table: [(String, String, String)] = [
            ("default/web-7d4b9c", "default", "web-7d4b9c"),
            ("gke-node-1", "", "gke-node-1"),
            ("kube-system/a/b", "kube-system", "a/b"),
            ("/x", "", "x"),
            ("ns/", "ns", ""),
        ]
        for (key, namespace, name) in table {
            let got = ControllerKey.split(key)
            XCTAssertEqual(got.namespace, namespace, key)
            XCTAssertEqual(got.name, name, key)
        }
    }
}
