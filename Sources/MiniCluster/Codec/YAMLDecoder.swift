// YAML text → Value, as kubectl reads manifests: split on `---` lines first (so error lines count from the
// document's start), then each document through go-yaml v2's rules and a JSON round trip.
import CYaml
import Foundation
import OrderedCollections

public enum YAMLCodec {
    /// Every non-empty document in order; throws the first document's error.
    public static func decodeAll(_ text: String) throws -> [Value] {
        let r = decodeDocuments(text)
        if let e = r.error { throw e }
        return r.values
    }

    /// The documents before the first bad one, and that error if any (kubectl acts on the good ones first).
    public static func decodeDocuments(_ text: String) -> (values: [Value], error: YAMLError?) {
        var values: [Value] = []
        let chunks: [String]
        do { chunks = try splitDocuments(text) } catch let e as YAMLError {
            return ([], e)
        } catch { return ([], YAMLError(kind: .syntax, problem: "\(error)")) }
        for chunk in chunks {
            do {
                let v = try decodeFirstDocument(chunk)
                if !v.isNull { values.append(v) }
            } catch var e as YAMLError {
                e.document = values.count
                return (values, e)
            } catch {
                return (values, YAMLError(kind: .syntax, problem: "\(error)", document: values.count))
            }
        }
        return (values, nil)
    }

    /// One document (the first in the text); `.null` when it is empty. For patch bodies and flag values.
    public static func decode(_ text: String) throws -> Value {
        try decodeFirstDocument(text)
    }

    /// Splits on `---` lines the way apimachinery's YAMLReader does: only a comment may follow the dashes,
    /// empty chunks are dropped, and a chunk holding only comments is kept (it decodes to null).
    static func splitDocuments(_ text: String) throws -> [String] {
        var chunks: [String] = []
        var current: [UInt8] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            let lineEnd = min(end + 1, bytes.count)  // keeps the newline
            let line = bytes[start..<lineEnd]
            start = lineEnd
            if line.starts(with: [45, 45, 45]) {
                let rest = String(decoding: line.dropFirst(3), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if let c = rest.first, c != "#" { throw YAMLError(kind: .separator, problem: rest) }
                if !current.isEmpty { chunks.append(String(decoding: current, as: UTF8.self)); current = [] }
                continue
            }
            current.append(contentsOf: line)
        }
        if !current.isEmpty { chunks.append(String(decoding: current, as: UTF8.self)) }
        return chunks
    }

    /// Parses the first document of `text` with libyaml and converts it with go-yaml's scalar rules.
    static func decodeFirstDocument(_ text: String) throws -> Value {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return .null }
        return try bytes.withUnsafeMutableBufferPointer { buf -> Value in
            let c = EventComposer(buf)
            defer { c.close() }
            return try c.document()
        }
    }
}

/// Builds Values from libyaml's event stream, applying anchors, aliases and `<<` merge keys as go-yaml v2 does.
private final class EventComposer {
    struct Event {
        var type: yaml_event_type_t
        var anchor: String?
        var tag: String?
        var value: String
        var style: yaml_scalar_style_t
    }

    private var parser = yaml_parser_t()
    private var anchors: [String: (value: Value, size: Int)] = [:]
    /// Nodes built so far, counting what aliases copy (guards against "billion laughs" documents).
    private var built = 0
    private var depth = 0
    /// Nesting deeper than this is refused rather than risking the stack (go-yaml refuses at 10000).
    static let maxDepth = 2000
    static let maxNodes = 5_000_000

    init(_ buf: UnsafeMutableBufferPointer<UInt8>) {
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
    }

    func close() { yaml_parser_delete(&parser) }

    /// The first document's value, or `.null` for a stream without documents.
    func document() throws -> Value {
        var ev = try next()
        if ev.type == YAML_STREAM_START_EVENT { ev = try next() }
        guard ev.type == YAML_DOCUMENT_START_EVENT else { return .null }
        return try node(try next())
    }

    private func next() throws -> Event {
        var e = yaml_event_t()
        guard yaml_parser_parse(&parser, &e) == 1 else { throw failure() }
        defer { yaml_event_delete(&e) }
        func str(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? { p.map { String(cString: $0) } }
        var out = Event(type: e.type, anchor: nil, tag: nil, value: "", style: YAML_ANY_SCALAR_STYLE)
        switch e.type {
        case YAML_SCALAR_EVENT:
            out.anchor = str(e.data.scalar.anchor)
            out.tag = str(e.data.scalar.tag)
            out.style = e.data.scalar.style
            if let v = e.data.scalar.value {
                out.value = String(decoding: UnsafeBufferPointer(start: v, count: Int(e.data.scalar.length)), as: UTF8.self)
            }
        case YAML_ALIAS_EVENT:
            out.anchor = str(e.data.alias.anchor)
        case YAML_SEQUENCE_START_EVENT:
            out.anchor = str(e.data.sequence_start.anchor)
            out.tag = str(e.data.sequence_start.tag)
        case YAML_MAPPING_START_EVENT:
            out.anchor = str(e.data.mapping_start.anchor)
            out.tag = str(e.data.mapping_start.tag)
        default:
            break
        }
        return out
    }

    /// go-yaml v2's `fail()`: scanner errors name problem line + 1, parser errors the 0-based problem line.
    private func failure() -> YAMLError {
        var line: Int?
        if parser.problem_mark.line != 0 {
            line = Int(parser.problem_mark.line) + (parser.error == YAML_SCANNER_ERROR ? 1 : 0)
        } else if parser.context_mark.line != 0 {
            line = Int(parser.context_mark.line)
        }
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        return YAMLError(kind: .syntax, line: line, problem: problem)
    }

    private func node(_ ev: Event) throws -> Value {
        let v: Value
        let before = built
        built += 1
        switch ev.type {
        case YAML_ALIAS_EVENT:
            guard let a = ev.anchor, let target = anchors[a] else {
                throw YAMLError(kind: .syntax, problem: "unknown anchor '\(ev.anchor ?? "")' referenced")
            }
            built += target.size
            if built > Self.maxNodes { throw YAMLError(kind: .syntax, problem: "document contains excessive aliasing") }
            return target.value
        case YAML_SCALAR_EVENT:
            v = try scalar(ev)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth { throw YAMLError(kind: .syntax, problem: "exceeded max depth of \(Self.maxDepth)") }
            if ev.type == YAML_MAPPING_START_EVENT {
                v = try mapping()
            } else {
                var items: [Value] = []
                while true {
                    let e = try next()
                    if e.type == YAML_SEQUENCE_END_EVENT { break }
                    items.append(try node(e))
                }
                v = .array(items)
            }
        default:
            throw YAMLError(kind: .syntax, problem: "unexpected YAML event")
        }
        if let a = ev.anchor { anchors[a] = (v, built - before) }
        return v
    }

    private func mapping() throws -> Value {
        var out = OrderedDictionary<String, Value>()
        while true {
            let k = try next()
            if k.type == YAML_MAPPING_END_EVENT { break }
            let isMerge = k.type == YAML_SCALAR_EVENT && isPlain(k) && k.value == "<<"
            let key = isMerge ? "" : try keyString(k)
            let value = try node(try next())
            if isMerge {
                try merge(value, into: &out)
            } else {
                out[key] = value
            }
        }
        return .object(out)
    }

    /// `<<: *base` or `<<: [*a, *b]`; merged keys overwrite earlier ones, later explicit keys win.
    private func merge(_ v: Value, into out: inout OrderedDictionary<String, Value>) throws {
        switch v {
        case .object(let m):
            for (k, x) in m { out[k] = x }
        case .array(let list):
            for item in list.reversed() {
                guard case .object(let m) = item else { throw mergeError }
                for (k, x) in m { out[k] = x }
            }
        default:
            throw mergeError
        }
    }

    private var mergeError: YAMLError {
        YAMLError(kind: .syntax, problem: "map merge requires map or sequence of maps as the value")
    }

    private func isPlain(_ e: Event) -> Bool {
        e.style == YAML_PLAIN_SCALAR_STYLE && (e.tag == nil || e.tag == "?")
    }

    /// A key the way sigs.k8s.io/yaml turns go-yaml keys into JSON object keys (`yes:` becomes "true").
    private func keyString(_ k: Event) throws -> String {
        let v = try node(k)
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d):
            let s = GoFloat.formatG(Double(Float(d)))
            return s
        case .null:
            let value = try peekValueDescription()
            throw YAMLError(kind: .conversion, problem: "unsupported map key of type: %!s(<nil>), key: <nil>, value: \(value)")
        default:
            throw YAMLError(kind: .syntax, problem: "invalid map key: \(Self.goSharpV(v))")
        }
    }

    /// The value after a null key, rendered roughly as Go's `%+#v` for the error text.
    private func peekValueDescription() throws -> String {
        let v = try node(try next())
        switch v {
        case .string(let s): return goQuote(s)
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        case .null: return "<nil>"
        default: return "\(v)"
        }
    }

    private func scalar(_ ev: Event) throws -> Value {
        let s = ev.value
        if let tag = ev.tag, tag != "?", tag != "!" {
            let short = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
            let r = GoYAMLScalar.resolve(s)
            // go-yaml checks an explicit core tag against what the text resolves to (ints may become floats).
            let got: String
            switch r {
            case .null: got = "!!null"
            case .bool: got = "!!bool"
            case .int, .uint: got = "!!int"
            case .float: got = "!!float"
            case .timestamp: got = "!!timestamp"
            case .merge: got = "!!merge"
            case .string: got = "!!str"
            }
            switch short {
            case "!!null", "!!bool", "!!int", "!!float":
                if got == short || (short == "!!float" && got == "!!int") {
                    if short == "!!float", case .int(let i) = r { return try resolved(.float(Double(i)), text: s) }
                    return try resolved(r, text: s)
                }
                throw YAMLError(kind: .syntax, problem: "cannot decode \(got) `\(s)` as a \(short)")
            default:
                return .string(s)
            }
        }
        guard ev.style == YAML_PLAIN_SCALAR_STYLE else { return .string(s) }
        return try resolved(GoYAMLScalar.resolve(s), text: s)
    }

    /// Go's `%#v` of a decoded YAML value, for the invalid-map-key message.
    static func goSharpV(_ v: Value) -> String {
        switch v {
        case .null: return "interface {}(nil)"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return GoFloat.formatG(d)
        case .string(let s): return goQuote(s)
        case .array(let a): return "[]interface {}{" + a.map(goSharpV).joined(separator: ", ") + "}"
        case .object(let o):
            return "map[interface {}]interface {}{" + o.keys.sorted().map { goQuote($0) + ":" + goSharpV(o[$0] ?? .null) }.joined(separator: ", ") + "}"
        }
    }

    /// The value after sigs.k8s.io/yaml's JSON round trip: integral floats come back as ints.
    private func resolved(_ r: GoYAMLScalar.Resolved, text: String) throws -> Value {
        switch r {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .double(Double(u))
        case .float(let d):
            if d.isNaN { throw YAMLError(kind: .conversion, problem: "json: unsupported value: NaN") }
            if d.isInfinite { throw YAMLError(kind: .conversion, problem: "json: unsupported value: \(d < 0 ? "-Inf" : "+Inf")") }
            if d == d.rounded(), abs(d) < 9.2e18 { return .int(Int(d)) }
            return .double(d)
        case .timestamp(let s), .string(let s): return .string(s)
        case .merge: return .string(text)
        }
    }
}
