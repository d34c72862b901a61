@testable import MiniCluster
import XCTest

/// StableHash is FNV-1a (64-bit): the published test vectors, and parts hashing as their concatenation.
final class StableHashTests: XCTestCase {
    func testPublishedVectors() {
        XCTAssertEqual("".hashValueStable, 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual("a".hashValueStable, 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual("foobar".hashValueStable, 0x8594_4171_f739_67e8)
    }

    func testPartsHashAsTheirConcatenation() {
        var h = StableHash()
        h.add("uid-1")
        h.add(UInt8(ascii: "/"))
        h.add("web")
        XCTAssertEqual(h.value, "uid-1/web".hashValueStable)
    }
}
