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

    /// Reads and writes by key find what the dictionary itself finds, with and without its hash table (more than
    /// 15 keys), for keys of equal and of different lengths.
    func testKeyLookupMatchesTheDictionary() {
        for n in [0, 1, 7, 15, 16, 17, 40] {
            let keys = (0..<n).map { $0 % 3 == 0 ? "k\($0)" : "key-\($0)" }
            var v = Value.emptyObject
            for (i, k) in keys.enumerated() { v[k] = .int(i) }
            XCTAssertEqual(v.objectValue.map { Array($0.keys) }, keys, "insertion order, \(n) keys")
            for probe in keys + ["k", "kx", "k100", "key-", "", "key-999"] {
                XCTAssertEqual(v[probe], v.objectValue?[probe], "\(probe) among \(n) keys")
            }
            // Replacing keeps the place; removing closes the gap.
            var expected = keys
            for (i, k) in keys.enumerated() where i % 2 == 0 {
                v[k] = "replaced"
                if i % 4 == 0 { v[k] = nil; expected.removeAll { $0 == k } }
            }
            XCTAssertEqual(v.objectValue.map { Array($0.keys) }, expected, "after edits, \(n) keys")
            for (i, k) in keys.enumerated() {
                let want: Value? = i % 4 == 0 ? nil : i % 2 == 0 ? "replaced" : .int(i)
                XCTAssertEqual(v[k], want, k)
            }
        }
    }

    /// String equality is canonical equivalence: a key spelled with the Kelvin sign is the same key as "Kind",
    /// although its bytes are longer, as the dictionary itself finds it.
    func testCanonicallyEqualKeysOfOtherLengthsAreFound() {
        var v = Value.emptyObject
        v["\u{212A}ind"] = "kelvin"
        v["a;b"] = "semicolon"
        XCTAssertEqual(v["Kind"], v.objectValue?["Kind"])
        XCTAssertEqual(v["Kind"], "kelvin")
        XCTAssertEqual(v["a\u{037E}b"], "semicolon")
        v["Kind"] = "replaced"
        XCTAssertEqual(v.objectValue?.count, 2)
        XCTAssertEqual(v[path: "x", "y"], nil)
        XCTAssertEqual(v["\u{212A}ind"], "replaced")
    }
}
