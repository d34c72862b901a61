// Strict text equality for the runtime's and kubelet's memos. `==` on Strings is canonical equivalence ("K" equals
// the Kelvin sign), so a memo keyed on it could hand back other bytes; Value.sameBytes walks the UTF-8 views a byte
// at a time, which costs more than most of what the memos save.
import Foundation

extension String {
    /// Whether the two strings are the same bytes.
    func hasSameBytes(as other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                pa.count == pb.count && (pa.isEmpty || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
            }
        }
    }
}

extension Value {
    /// `isIdentical(to:)`, with strings compared by `hasSameBytes`.
    func isIdenticalText(to other: Value) -> Bool {
        if case .string(let a) = self, case .string(let b) = other { return a.hasSameBytes(as: b) }
        return isIdentical(to: other)
    }
}
