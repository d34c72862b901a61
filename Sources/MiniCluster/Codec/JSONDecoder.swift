// JSON text → Value with Go encoding/json's syntax errors ("invalid character '}' looking for beginning of
// object key string"), as a single value (json.Unmarshal) or a stream of values (json.Decoder, `-f x.json`).
import OrderedCollections

/// A JSON syntax error: Go's message and how many bytes were read up to and including the bad one (nil at end).
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public var offset: Int?
    public var message: String

    public init(offset: Int?, message: String) {
        self.offset = offset
        self.message = message
    }

    /// How kubectl words it after `error parsing FILE: ` (apimachinery adds the offset).
    public var description: String { offset.map { "json: offset \($0): \(message)" } ?? message }
}

extension JSONCodec {
    /// One JSON value (json.Unmarshal): trailing text is an error, truncated input is
    /// `unexpected end of JSON input`.
    public static func decode(_ text: String) throws -> Value {
        var p = JSONParser(Array(text.utf8), eofMessage: "unexpected end of JSON input")
        let v = try p.value()
        p.skipSpace()
        if let c = p.peek { throw p.error(c, "after top-level value") }
        return v
    }

    /// Concatenated JSON values (json.Decoder over a file): the values before the first error, and that error.
    public static func decodeStream(_ text: String) -> (values: [Value], error: JSONError?) {
        var p = JSONParser(Array(text.utf8), eofMessage: "unexpected EOF")
        var values: [Value] = []
        while true {
            p.skipSpace()
            if p.peek == nil { return (values, nil) }
            do { values.append(try p.value()) } catch let e as JSONError { return (values, e) } catch {
                return (values, JSONError(offset: nil, message: "\(error)"))
            }
        }
    }

    /// Every value of a JSON stream; throws the first error.
    public static func decodeAll(_ text: String) throws -> [Value] {
        let r = decodeStream(text)
        if let e = r.error { throw e }
        return r.values
    }
}

private struct JSONParser {
    let b: [UInt8]
    var i = 0
    let eofMessage: String
    var depth = 0
    /// Go stops at 10000 levels; we stop sooner to keep recursion well inside any thread's stack.
    static let maxDepth = 1000

    init(_ bytes: [UInt8], eofMessage: String) {
        b = bytes
        self.eofMessage = eofMessage
    }

    var peek: UInt8? { i < b.count ? b[i] : nil }

    mutating func skipSpace() {
        while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
    }

    func error(_ c: UInt8, _ context: String) -> JSONError {
        JSONError(offset: i + 1, message: "invalid character \(Self.quoteChar(c)) \(context)")
    }

    var eof: JSONError { JSONError(offset: nil, message: eofMessage) }

    /// Go's quoteChar: `'\''`, `'"'`, else strconv.Quote of the byte as a rune, in single quotes.
    static func quoteChar(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\""): return "'\"'"
        case 10: return "'\\n'"
        case 13: return "'\\r'"
        case 9: return "'\\t'"
        case 7: return "'\\a'"
        case 8: return "'\\b'"
        case 12: return "'\\f'"
        case 11: return "'\\v'"
        case UInt8(ascii: "\\"): return "'\\\\'"
        default:
            if c < 0x20 || c == 0x7f { return "'\\x" + (c < 16 ? "0" : "") + String(c, radix: 16) + "'" }
            if c >= 0x80 && c < 0xa0 { return "'\\u00" + String(c, radix: 16) + "'" }
            return "'" + String(Character(Unicode.Scalar(c))) + "'"
        }
    }

    mutating func value() throws -> Value {
        skipSpace()
        guard let c = peek else { throw eof }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            depth += 1
            if depth > Self.maxDepth { throw error(c, "exceeded max depth") }
        }
        defer { if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth -= 1 } }
        switch c {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: throw error(c, "looking for beginning of value")
        }
    }

    mutating func object() throws -> Value {
        i += 1
        var o = OrderedDictionary<String, Value>()
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1; return .object(o) }
        while true {
            skipSpace()
            guard let c = peek else { throw eof }
            guard c == UInt8(ascii: "\"") else { throw error(c, "looking for beginning of object key string") }
            let key = try string()
            skipSpace()
            guard let colon = peek else { throw eof }
            guard colon == UInt8(ascii: ":") else { throw error(colon, "after object key") }
            i += 1
            o[key] = try value()
            skipSpace()
            guard let sep = peek else { throw eof }
            i += 1
            if sep == UInt8(ascii: "}") { return .object(o) }
            guard sep == UInt8(ascii: ",") else { i -= 1; throw error(sep, "after object key:value pair") }
        }
    }

    mutating func array() throws -> Value {
        i += 1
        var items: [Value] = []
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            items.append(try value())
            skipSpace()
            guard let sep = peek else { throw eof }
            i += 1
            if sep == UInt8(ascii: "]") { return .array(items) }
            guard sep == UInt8(ascii: ",") else { i -= 1; throw error(sep, "after array element") }
        }
    }

    mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw eof }
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw error(c, "in string literal") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard let e = peek else { throw eof }
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                i += 1
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else { i = save }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
                continue
            default: throw error(e, "in string escape code")
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek else { throw eof }
            guard let d = UInt32(String(UnicodeScalar(c)), radix: 16) else {
                throw error(c, "in \\u hexadecimal character escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    mutating func number() throws -> Value {
        let start = i
        var isFloat = false
        func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 48 && $0 <= 57 } ?? false }
        if peek == UInt8(ascii: "-") {
            i += 1
            guard let c = peek else { throw eof }
            guard isDigit(c) else { throw error(c, "in numeric literal") }
        }
        if peek == UInt8(ascii: "0") { i += 1 } else { while isDigit(peek) { i += 1 } }
        if peek == UInt8(ascii: ".") {
            isFloat = true
            i += 1
            guard let c = peek else { throw eof }
            guard isDigit(c) else { throw error(c, "after decimal point in numeric literal") }
            while isDigit(peek) { i += 1 }
        }
        if let c = peek, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            isFloat = true
            i += 1
            if let s = peek, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i += 1 }
            guard let d = peek else { throw eof }
            guard isDigit(d) else { throw error(d, "in exponent of numeric literal") }
            while isDigit(peek) { i += 1 }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        // Unstructured decoding tries int64 first, then float64 (apimachinery's json number handling).
        if !isFloat, let n = Int(text) { return .int(n) }
        guard let d = Double(text), d.isFinite else {
            throw JSONError(offset: nil, message: "json: cannot unmarshal number \(text) into Go value of type float64")
        }
        return .double(d)
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        i += 1
        for k in 1..<w.count {
            guard let c = peek else { throw eof }
            guard c == w[k] else { throw error(c, "in literal \(word) (expecting \(Self.quoteChar(w[k])))") }
            i += 1
        }
    }
}
