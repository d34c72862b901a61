// The equality the create-path memos key on. `==` on Values is not strict enough for a memo whose answer is
// copied into the stored object: it treats canonically equivalent strings as equal ("K" and the Kelvin sign),
// and 0.0 as -0.0. Identical trees are equal and spelled the same; parts whose storage both sides share (a
// ReplicaSet's template in each of its pods) are not walked, so a repeat costs almost nothing.
import Foundation
import OrderedCollections

extension Value {
    /// Same cases all the way down, strings byte for byte, numbers bit for bit, keys in the same order.
    func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a.bitPattern == b.bitPattern
        case let (.string(a), .string(b)): return Self.sameBytes(a, b)
        case let (.array(a), .array(b)): return Self.identicalElements(a, b)
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            if !Self.sameStorage(a.keys, b.keys) {
                for (x, y) in zip(a.keys, b.keys) where !Self.sameBytes(x, y) { return false }
            }
            return Self.identicalElements(a.values, b.values)
        default: return false
        }
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        // Two strings with the same representation have the same bytes: a string of up to 15 bytes is held in
        // its two words, and a longer one with the same words is the same buffer with the same count. Most
        // comparisons here are of such copies (a ReplicaSet's uid in each of its pods), which this answers without
        // reading either buffer; String's own `==` starts the same way.
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        guard a.utf8.count == b.utf8.count else { return false }
        // One memcmp over the UTF-8 (native strings hand out their buffer; small ones are copied to the stack)
        // instead of a byte-by-byte walk through two views.
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }

    static func identicalElements<C: RandomAccessCollection>(_ a: C, _ b: C) -> Bool where C.Element == Value {
        guard a.count == b.count else { return false }
        if sameStorage(a, b) { return true }
        for (x, y) in zip(a, b) where !x.isIdentical(to: y) { return false }
        return true
    }

    /// Whether two collections are views of one buffer (then their elements are the same values).
    static func sameStorage<C: Collection>(_ a: C, _ b: C) -> Bool {
        guard a.count == b.count else { return false }
        let pa = a.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) }
        let pb = b.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) }
        guard case let .some(.some(x)) = pa, case let .some(.some(y)) = pb else { return false }
        return x == y
    }
}

extension Optional where Wrapped == Value {
    /// `==`, answered at once for values that share storage (a field a write left as it was): identical values
    /// are equal, so only values that are not identical are compared with `==`.
    func equalsShared(_ other: Value?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case let (a?, b?): return a.isIdentical(to: b) || a == b
        default: return false
        }
    }
}
