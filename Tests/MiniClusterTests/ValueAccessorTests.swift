@testable import MiniCluster
import OrderedCollections
import XCTest

/// The metadata accessors' length-first key search finds what the dictionary's own lookup finds; the memos'
/// strict identity is a walk comparing bytes and bits, with or without shared storage.
final class ValueAccessorTests: XCTestCase {
    /// Over random objects (small and past the hashed size, keys of equal and different lengths, non-ASCII and
    /// canonically equal spellings of other keys), Value's length-first key search finds what the dictionary's own
    /// subscript finds for every key the accessors read, and every accessor equals its `self[path:]` form.
    func testKeySearchEqualsDictionarySubscript() {
        var g = SeededRandom(seed: 9)
        let lookups = ["metadata", "name", "namespace", "labels", "annotations", "uid", "creationTimestamp",
                       "deletionTimestamp", "ownerReferences", "finalizers", "kind", "apiVersion",
                       // keys whose equal keys may be spelled otherwise (searched the dictionary's way)
                       "Kind", "\u{212A}ind", "é", "e\u{301}", "a;b", "a\u{37E}b", "`x", "\u{1FEF}x"]
        let others = ["nam", "names", "é", "e\u{301}", "uid2", "metadatA", "x", "generateName", "resourceVersion",
                      "ownerreferences", "n\u{0061}me"]
        let keys = lookups + others
        func object() -> Value {
            var o = OrderedDictionary<String, Value>()
            let n = g.next() % 4 == 0 ? 14 + Int(g.next() % 8) : Int(g.next() % 8)
            for _ in 0..<n {
                let v: Value
                switch g.next() % 4 {
                case 0: v = .string(["a", "b", "2026-11-26T09:00:00Z", ""][Int(g.next() % 4)])
                case 1: v = .int(Int(g.next() % 3))
                case 2: v = ["app": "web"]
                default: v = .array([.string("f")])
                }
                o[keys[Int(g.next() % UInt64(keys.count))]] = v
            }
            return .object(o)
        }
        for round in 0..<3000 {
            let meta = object()
            var obj = object()
            if g.next() % 3 != 0 { obj["metadata"] = meta }
            guard case .object(let o) = obj else { continue }
            for k in lookups {
                XCTAssertEqual(obj[k], o[k], "round \(round): \(k) in \(obj)")
                XCTAssertEqual(obj[path: "metadata", k], obj["metadata"]?.objectValue.flatMap { $0[k] }, "round \(round): \(k)")
            }
            XCTAssertEqual(obj.metadataName, obj[path: "metadata", "name"]?.stringValue ?? "")
            XCTAssertEqual(obj.metadataNamespace, obj[path: "metadata", "namespace"]?.stringValue)
            XCTAssertEqual(obj.uid, obj[path: "metadata", "uid"]?.stringValue ?? "")
            XCTAssertEqual(obj.labels, obj[path: "metadata", "labels"]?.stringMap ?? [:])
            XCTAssertEqual(obj.deletionTimestamp, obj[path: "metadata", "deletionTimestamp"]?.stringValue.flatMap { Timestamp(rfc3339: $0) })
            XCTAssertEqual(obj.ownerReferences, obj[path: "metadata", "ownerReferences"]?.arrayValue ?? [])
        }
    }

    /// Identity without shortcuts: the definition `isIdentical` must meet.
    func reference(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x.bitPattern == y.bitPattern
        case let (.string(x), .string(y)): return Array(x.utf8) == Array(y.utf8)
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy { reference($0, $1) }
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x.keys, y.keys).allSatisfy { Array($0.utf8) == Array($1.utf8) }
                && zip(x.values, y.values).allSatisfy { reference($0, $1) }
        default: return false
        }
    }

    /// The word-at-a-time test of a key's bytes says what a byte-by-byte one says, for every length around the word
    /// size and each of the bytes that make a key's equal spellings ambiguous, wherever it sits.
    func testLengthDecidesMatchesBytewiseCheck() {
        func bytewise(_ s: String) -> Bool {
            !s.utf8.contains { $0 >= 0x80 || $0 == UInt8(ascii: "K") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "`") }
        }
        var g = SeededRandom(seed: 33)
        let plain = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJLMNOPQRSTUVWXYZ0123456789-_./:J[<")
        let odd: [Character] = ["K", ";", "`", "é", "\u{212A}", "\u{37E}", "\u{1FEF}", "\u{0}", "\u{7F}"]
        var suspects = 0
        for _ in 0..<20_000 {
            var chars = (0..<Int(g.next() % 20)).map { _ in plain[Int(g.next() % UInt64(plain.count))] }
            if !chars.isEmpty, g.next() % 2 == 0 { chars[Int(g.next() % UInt64(chars.count))] = odd[Int(g.next() % UInt64(odd.count))] }
            let key = String(chars)
            XCTAssertEqual(Value.lengthDecides(key), bytewise(key), "\(key.debugDescription)")
            if !bytewise(key) { suspects += 1 }
        }
        XCTAssertGreaterThan(suspects, 5_000)
    }

    /// Canonically equal strings, signed zeros, ints and doubles, key order: `==` says equal, identity does not;
    /// over random pairs built from a few pieces (often sharing storage, often equal without sharing) identity
    /// equals the reference walk.
    func testIsIdenticalIsStrict() throws {
        XCTAssertEqual(Value.string("K"), Value.string("\u{212A}"))
        XCTAssertFalse(Value.string("K").isIdentical(to: .string("\u{212A}")))
        XCTAssertFalse(Value.object(["K": 1]).isIdentical(to: .object(["\u{212A}": 1])))
        XCTAssertEqual(Value.double(0), Value.double(-0.0))
        XCTAssertFalse(Value.double(0).isIdentical(to: .double(-0.0)))
        XCTAssertFalse(Value.int(1).isIdentical(to: .double(1)))
        let ab: Value = ["a": 1, "b": 2], ba: Value = ["b": 2, "a": 1]
        XCTAssertFalse(ab.isIdentical(to: ba))
        XCTAssertTrue(ab.isIdentical(to: ["a": 1, "b": 2]))

        var g = SeededRandom(seed: 21)
        let leaves: [Value] = [.null, true, 1, .double(1), .double(0), .double(-0.0), "K", "\u{212A}", "e\u{301}", "\u{E9}", "web", ""]
        func tree(_ depth: Int) -> Value {
            switch depth == 0 ? 0 : g.next() % 3 {
            case 0: return leaves[Int(g.next() % UInt64(leaves.count))]
            case 1: return .array((0..<Int(g.next() % 3)).map { _ in tree(depth - 1) })
            default:
                var o = OrderedDictionary<String, Value>()
                for _ in 0..<Int(g.next() % 3) { o[["a", "b", "K", "\u{212A}"][Int(g.next() % 4)]] = tree(depth - 1) }
                return .object(o)
            }
        }
        var identical = 0
        for round in 0..<4000 {
            let a = tree(3)
            let b: Value
            switch g.next() % 3 {
            case 0: b = a  // shared storage
            case 1: b = try JSONCodec.decode(JSONCodec.encode(a))  // equal text, no sharing
            default: b = tree(3)
            }
            XCTAssertEqual(a.isIdentical(to: b), reference(a, b), "round \(round): \(a) vs \(b)")
            if reference(a, b) { identical += 1 }
            // The shortcut the caches use is `==` exactly, whatever the sharing.
            XCTAssertEqual(Optional(a).equalsShared(b), a == b, "round \(round)")
            XCTAssertEqual(Optional(a).equalsShared(nil), false)
        }
        XCTAssertGreaterThan(identical, 1000)
        XCTAssertTrue(Value?.none.equalsShared(nil))
    }
}
