import MiniCluster
import XCTest

/// The two- and three-key path setters edit one level at a time; they must leave exactly what the general
/// path setter (`pathArray`) leaves, for every shape of starting value.
final class ValuePathTests: XCTestCase {
    private let starts: [Value] = [
        .null, "text", 3, [1, 2], .emptyObject,
        ["a": "leaf"], ["a": [1]], ["a": .emptyObject], ["a": ["b": "old", "x": 1], "z": true],
        ["a": ["b": "leaf"]], ["a": ["b": ["c": "old", "d": 2]]], ["a": ["b": .emptyObject, "y": .null]],
        ["z": 1, "a": ["b": ["c": ["deep": 1]]]],
    ]
    private let writes: [Value?] = [nil, "new", ["nested": 1], .null]

    func testTwoKeySetterMatchesGeneralPath() {
        for start in starts {
            for w in writes {
                var fast = start, general = start
                fast[path: "a", "b"] = w
                general[pathArray: ["a", "b"]] = w
                XCTAssertEqual(fast, general, "start \(start), write \(String(describing: w))")
            }
        }
    }

    func testThreeKeySetterMatchesGeneralPath() {
        for start in starts {
            for w in writes {
                var fast = start, general = start
                fast[path: "a", "b", "c"] = w
                general[pathArray: ["a", "b", "c"]] = w
                XCTAssertEqual(fast, general, "start \(start), write \(String(describing: w))")
            }
        }
    }
}
