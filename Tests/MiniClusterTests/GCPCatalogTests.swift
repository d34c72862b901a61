import MiniCluster
import XCTest

final class GCPCatalogTests: XCTestCase {
    /// GKE's cluster-name rule, `[a-z]([-a-z0-9]{0,38}[a-z0-9])?`, checked by hand rather than by a regular expression.
    func testClusterNames() {
        let cases: [(String, Bool)] = [
            ("a", true), ("hello-regional", true), ("web-1", true), ("a1", true),
            (String(repeating: "a", count: 40), true), (String(repeating: "a", count: 41), false),
            ("", false), ("1web", false), ("-web", false), ("web-", false), ("Web", false), ("web_1", false),
            ("wéb", false), ("web.1", false), ("z9", true), ("a-", false),
        ]
        for (name, valid) in cases {
            XCTAssertEqual(GCPCatalog.isClusterName(name), valid, name)
        }
    }
}
