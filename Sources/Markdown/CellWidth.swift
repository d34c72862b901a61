// How many terminal columns text takes: CJK ideographs and most emoji take two, combining marks and joiners
// none. Layout (wrapping, tables, padding) and the screen grid count columns with this, never characters.
import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum CellWidth {
    /// wcwidth answers for the thread's locale; the process may run in "C" (tests, a bare environment), where
    /// every non-ASCII character is "unprintable". Widths come from a UTF-8 locale of their own.
    private static let utf8: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] { if let l = newlocale(LC_CTYPE_MASK, name, nil) { return l } }
        return nil
    }()

    /// Columns one scalar takes: 0, 1 or 2. Control characters count 1 (the screen shows them as spaces).
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        // Fast paths: ASCII, Latin, Greek, Cyrillic; box drawing, blocks and shapes (the UI's own frames).
        if v < 0x300 || (v >= 0x2500 && v < 0x2600) { return 1 }
        guard let utf8 else { return 1 }
        let previous = uselocale(utf8)
        let w = kt_wcwidth(wchar_t(bitPattern: v))
        uselocale(previous)
        return w < 0 ? 1 : Int(w)
    }

    /// Columns a string takes.
    public static func of<S: StringProtocol>(_ s: S) -> Int {
        var n = 0
        for u in s.unicodeScalars { n += of(u) }
        return n
    }

    /// The longest start of `s` that fits in `columns`, and the columns it takes. A double-width character
    /// that would straddle the limit is left out. Cut between scalars (a column limit can fall inside a
    /// grapheme cluster such as an emoji sequence).
    public static func prefix<S: StringProtocol>(_ s: S, columns: Int) -> (text: String, width: Int) {
        var used = 0
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let w = of(u)
            if used + w > columns { break }
            used += w
            out.append(u)
        }
        return (String(out), used)
    }

    /// Splits `s` into pieces of at most `columns` columns (an empty string stays one empty piece); a piece
    /// always holds at least one scalar, so a width of 1 still makes progress on a wide character.
    public static func split<S: StringProtocol>(_ s: S, columns: Int) -> [String] {
        let limit = max(1, columns)
        var out: [String] = []
        var piece = String.UnicodeScalarView(), used = 0
        for u in s.unicodeScalars {
            let w = of(u)
            if used + w > limit, !piece.isEmpty {
                out.append(String(piece))
                piece = String.UnicodeScalarView()
                used = 0
            }
            piece.append(u)
            used += w
        }
        if !piece.isEmpty || out.isEmpty { out.append(String(piece)) }
        return out
    }
}
