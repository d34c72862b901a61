// Value ⇄ JSON as Go's encoding/json does it: kubectl's `-o json` (MarshalIndent, 4 spaces, HTML-safe escapes)
// and reading `-f x.json` streams with Go's error texts.

public enum JSONCodec {
    /// kubectl's `-o json` text of a value: Go's MarshalIndent with `indent` spaces, plus the final newline
    /// kubectl adds. Keys keep the Value's order (callers sort with `Value.sortedKeys` for server objects).
    public static func encode(_ v: Value, indent: Int = 4) -> String {
        var out = ""
        write(v, into: &out, indent: String(repeating: " ", count: indent), level: 0)
        return out + "\n"
    }

    /// Go's json.Marshal: no spaces, no trailing newline (annotations, patch bodies).
    public static func encodeCompact(_ v: Value) -> String {
        var out = ""
        write(v, into: &out, indent: nil, level: 0)
        return out
    }

    private static func write(_ v: Value, into out: inout String, indent: String?, level: Int) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? GoFloat.json(d) : "null"
        case .string(let s): out += quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                newline(&out, indent, level + 1)
                write(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{"
            for (n, (k, x)) in o.enumerated() {
                if n > 0 { out += "," }
                newline(&out, indent, level + 1)
                out += quote(k)
                out += indent == nil ? ":" : ": "
                write(x, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    private static let hex = Array("0123456789abcdef".unicodeScalars)

    /// A JSON string literal with Go's escapes: `\n \r \t \b \f`, other controls and `< > &`, U+2028/9 as `\u00XX`.
    public static func quote(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for u in s.unicodeScalars {
            switch u {
            case "\"": out.append("\\"); out.append("\"")
            case "\\": out.append("\\"); out.append("\\")
            case "\n": out.append("\\"); out.append("n")
            case "\r": out.append("\\"); out.append("r")
            case "\t": out.append("\\"); out.append("t")
            case "\u{08}": out.append("\\"); out.append("b")
            case "\u{0C}": out.append("\\"); out.append("f")
            default:
                if u.value < 0x20 || u == "<" || u == ">" || u == "&" || u.value == 0x2028 || u.value == 0x2029 {
                    out.append(contentsOf: "\\u".unicodeScalars)
                    for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((u.value >> UInt32(shift)) & 0xF)]) }
                } else {
                    out.append(u)
                }
            }
        }
        out.append("\"")
        return String(out)
    }
}
