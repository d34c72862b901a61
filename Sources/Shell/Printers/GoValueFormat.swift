// Go's fmt verbs on unstructured values (`%v`, `%#v`, `%q`, `%#U`), because kubectl prints template results and
// errors through them: custom-columns cells are `%v`, jsonpath error dumps are `%#v`.
import MiniCluster

enum GoValueFormat {
    /// `fmt.Fprint` of a scalar as the jsonpath printer writes it (null prints as `null`).
    static func plain(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return GoFloat.formatG(d)
        case .string(let s): return s
        case .object, .array: return JSONCodec.encodeCompact(v.sortedKeys)
        }
    }

    /// `%v` of an unstructured value: `map[a:1 b:[x y]]`, `<nil>`; map keys sorted as fmt sorts them.
    static func v(_ v: Value) -> String {
        switch v {
        case .null: return "<nil>"
        case .object(let o): return "map[" + o.keys.sorted().map { "\($0):\(Self.v(o[$0] ?? .null))" }.joined(separator: " ") + "]"
        case .array(let a): return "[" + a.map(Self.v).joined(separator: " ") + "]"
        default: return plain(v)
        }
    }

    /// `%#v` of an unstructured value: `map[string]interface {}{"a":"b", "n":interface {}(nil)}`.
    static func sharpV(_ v: Value) -> String {
        switch v {
        case .null: return "interface {}(nil)"
        case .string(let s): return quote(s)
        case .object(let o):
            return "map[string]interface {}{" + o.keys.sorted().map { quote($0) + ":" + sharpV(o[$0] ?? .null) }.joined(separator: ", ") + "}"
        case .array(let a): return "[]interface {}{" + a.map(sharpV).joined(separator: ", ") + "}"
        default: return plain(v)
        }
    }

    /// The Go type name client-go puts in "X is not array or slice".
    static func typeName(_ v: Value) -> String {
        switch v {
        case .null: return "interface {}"
        case .bool: return "bool"
        case .int: return "int64"
        case .double: return "float64"
        case .string: return "string"
        case .array: return "[]interface {}"
        case .object: return "map[string]interface {}"
        }
    }

    /// strconv.Quote (`%q`).
    static func quote(_ s: String) -> String { GoValue.quote(s) }

    /// `%#U`: `U+007E '~'` (the character only when printable).
    static func sharpU(_ u: Unicode.Scalar) -> String {
        let code = "U+" + String(u.value, radix: 16).leftPadded(4).uppercased()
        return GoValue.isPrint(u) ? "\(code) '\(Character(u))'" : code
    }

    /// client-go's UnquoteExtend: a Go string literal in double or single quotes; nil when malformed.
    static func unquote(_ literal: String) -> String? {
        var s = Array(literal.unicodeScalars)
        guard s.count >= 2, let q = s.first, q == s.last, q == "\"" || q == "'" else { return nil }
        s = Array(s.dropFirst().dropLast())
        var out = String.UnicodeScalarView()
        var i = 0
        func hexValue(_ n: Int) -> UInt32? {
            guard i + n <= s.count else { return nil }
            let text = String(String.UnicodeScalarView(s[i..<i + n]))
            i += n
            return UInt32(text, radix: 16)
        }
        while i < s.count {
            let c = s[i]
            i += 1
            if c == q { return nil }
            guard c == "\\" else { out.append(c); continue }
            guard i < s.count else { return nil }
            let e = s[i]
            i += 1
            switch e {
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "\\": out.append("\\")
            case "'", "\"":
                guard e == q else { return nil }
                out.append(e)
            case "x", "u", "U":
                guard let v = hexValue(e == "x" ? 2 : e == "u" ? 4 : 8), let u = Unicode.Scalar(v) else { return nil }
                out.append(u)
            case "0"..."7":
                i -= 1
                guard i + 3 <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[i..<i + 3])), radix: 8),
                      v < 256, let u = Unicode.Scalar(v) else { return nil }
                i += 3
                out.append(u)
            default:
                return nil
            }
        }
        return String(out)
    }
}
