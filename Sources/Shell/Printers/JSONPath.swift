// kubectl's JSONPath (client-go util/jsonpath): `{.items[*].metadata.name}`, slices, unions, filters,
// recursive descent, `{range}…{end}` and literal text, parsed with the same rules so errors read the same.
import Foundation
import MiniCluster

/// One parsed JSONPath template.
public struct JSONPath {
    indirect enum Node {
        case text(String)
        case list([Node])
        case field(String)
        case array([Param])
        case filter(left: [Node], right: [Node], op: String)
        case int(Int)
        case float(Double)
        case bool(Bool)
        case wildcard
        case recursive
        case union([[Node]])
        case identifier(String)
    }

    /// One of a slice's three numbers (`[start:end:step]`).
    struct Param {
        var value = 0
        var known = false
        var derived = false
    }

    /// A template that does not parse; `message` is the part after `error parsing jsonpath TEMPLATE, `.
    public struct ParseError: Error, Equatable { public var message: String }
    /// A template that failed on the data (`foo is not found`, `array index out of bounds: …`).
    public struct ExecError: Error, Equatable { public var message: String }

    let nodes: [Node]
    public let template: String
    /// When true (kubectl's default `--allow-missing-template-keys`) a missing field yields nothing.
    public var allowMissingKeys = true

    public init(_ template: String) throws {
        self.template = template
        var p = JSONPathParser(template)
        nodes = try p.parse()
    }

    /// The results of each top-level node (range bodies expanded), as client-go's FindResults returns them.
    public func findResults(_ data: Value) throws -> [[Value]] {
        var run = JSONPathRun(nodes: nodes, allowMissingKeys: allowMissingKeys)
        return try run.find([data], from: 0)
    }

    /// Executes and prints as `-o jsonpath` does: each result group's values joined by spaces, objects and
    /// arrays as compact JSON, null as `null`; no newline is added.
    public func execute(_ data: Value) throws -> String {
        var out = ""
        for group in try findResults(data) { out += Self.text(of: group) }
        return out
    }

    /// Executes for `-o jsonpath-as-json`: each result group as an indented JSON array.
    public func executeAsJSON(_ data: Value) throws -> String {
        try findResults(data).map { JSONCodec.encode(.array($0.map(\.sortedKeys))) }.joined()
    }

    static func text(of results: [Value]) -> String {
        results.map { v -> String in
            switch v {
            case .object, .array: return JSONCodec.encodeCompact(v.sortedKeys)
            default: return GoValueFormat.plain(v)
            }
        }.joined(separator: " ")
    }
}

/// The parser, following client-go's rules character by character (runes, terminators, quotes).
struct JSONPathParser {
    private let input: [Unicode.Scalar]
    private var pos = 0
    private var start = 0
    private var root: [JSONPath.Node] = []

    init(_ text: String) { input = Array(text.unicodeScalars) }

    mutating func parse() throws -> [JSONPath.Node] {
        try parseText()
        return root
    }

    /// Parses `{text}` on its own and returns the nodes of its single action (unions, dict keys, filters).
    static func action(_ text: String) throws -> [JSONPath.Node] {
        var p = JSONPathParser("{" + text + "}")
        let nodes = try p.parse()
        guard case .list(let inner)? = nodes.first else { throw JSONPath.ParseError(message: "invalid array index \(text)") }
        return inner
    }

    private func hasPrefix(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        return pos + u.count <= input.count && Array(input[pos..<pos + u.count]) == u
    }

    private mutating func next() -> Unicode.Scalar? {
        guard pos < input.count else { pos += 1; return nil }
        pos += 1
        return input[pos - 1]
    }

    private mutating func backup() { pos -= 1 }
    private mutating func peek() -> Unicode.Scalar? { pos < input.count ? input[pos] : nil }

    private mutating func consume() -> String {
        let end = min(pos, input.count)
        var s = String.UnicodeScalarView()
        if start < end { s.append(contentsOf: input[start..<end]) }
        start = pos
        return String(s)
    }

    private mutating func parseText() throws {
        while true {
            if hasPrefix("{") {
                if pos > start { root.append(.text(consume())) }
                pos += 1
                _ = consume()
                var cur: [JSONPath.Node] = []
                try parseInsideAction(&cur)
                root.append(.list(cur))
                continue
            }
            if next() == nil { pos = input.count; break }
        }
        if pos > start { root.append(.text(consume())) }
    }

    private mutating func parseInsideAction(_ cur: inout [JSONPath.Node]) throws {
        while true {
            if hasPrefix("}") { pos += 1; _ = consume(); return }
            if hasPrefix("[?(") { try parseFilter(&cur); continue }
            if hasPrefix("..") {
                if case .recursive? = cur.last { throw JSONPath.ParseError(message: "invalid multiple recursive descent") }
                pos += 2
                _ = consume()
                cur.append(.recursive)
                if let r = peek(), Self.isAlphaNumeric(r) { try parseField(&cur) }
                continue
            }
            guard let r = next(), r != "\r", r != "\n" else { throw JSONPath.ParseError(message: "unclosed action") }
            switch r {
            case " ", "@", "$": _ = consume()
            case "[": try parseArray(&cur)
            case "\"", "'": try parseQuote(&cur, r)
            case ".": try parseField(&cur)
            case "+", "-": backup(); try parseNumber(&cur)
            default:
                if r.properties.generalCategory == .decimalNumber { backup(); try parseNumber(&cur) }
                else if Self.isAlphaNumeric(r) { backup(); try parseIdentifier(&cur) }
                else { throw JSONPath.ParseError(message: "unrecognized character in action: \(GoValueFormat.sharpU(r))") }
            }
        }
    }

    private mutating func parseIdentifier(_ cur: inout [JSONPath.Node]) throws {
        while true {
            let r = next()
            if Self.isTerminator(r) { backup(); break }
        }
        let value = consume()
        if value == "true" || value == "false" { cur.append(.bool(value == "true")) } else { cur.append(.identifier(value)) }
    }

    private mutating func parseNumber(_ cur: inout [JSONPath.Node]) throws {
        if let r = peek(), r == "+" || r == "-" { _ = next() }
        while true {
            guard let r = next(), r == "." || r.properties.generalCategory == .decimalNumber else { backup(); break }
        }
        let value = consume()
        if let i = Int(value.hasPrefix("+") ? String(value.dropFirst()) : value) { cur.append(.int(i)); return }
        if let d = Double(value) { cur.append(.float(d)); return }
        throw JSONPath.ParseError(message: "cannot parse number \(value)")
    }

    private mutating func parseArray(_ cur: inout [JSONPath.Node]) throws {
        while true {
            guard let r = next(), r != "\n" else { throw JSONPath.ParseError(message: "unterminated array") }
            if r == "]" { break }
        }
        var text = String(consume().dropFirst().dropLast())
        if text == "*" { text = ":" }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1 {
            var union: [[JSONPath.Node]] = []
            for part in parts { union.append(try Self.action("[" + part.trimmingCharacters(in: .init(charactersIn: " ")) + "]")) }
            cur.append(.union(union))
            return
        }
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'"), !text.dropFirst().dropLast().contains("'") {
            cur.append(contentsOf: try Self.action("." + text.dropFirst().dropLast()))
            return
        }
        guard let params = Self.sliceParams(text) else { throw JSONPath.ParseError(message: "invalid array index \(text)") }
        cur.append(.array(params))
    }

    /// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$` and client-go's reading of it.
    static func sliceParams(_ text: String) -> [JSONPath.Param]? {
        let groups = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard groups.count <= 3 else { return nil }
        for g in groups {
            let digits = g.hasPrefix("-") ? g.dropFirst() : Substring(g)
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        var params = [JSONPath.Param](repeating: JSONPath.Param(), count: 3)
        for i in 0..<3 {
            if i < groups.count, !(i == 0 && groups[0].isEmpty) {
                if i > 0 && groups[i].isEmpty { params[i].known = false; continue }
                guard let v = Int(groups[i]) else { return nil }
                params[i] = JSONPath.Param(value: v, known: true)
            } else if i == 1 && groups.count < 2 {
                params[1] = JSONPath.Param(value: params[0].value + 1, known: true, derived: true)
            }
        }
        return params
    }

    private mutating func parseFilter(_ cur: inout [JSONPath.Node]) throws {
        pos += 3
        _ = consume()
        var begin = false, end = false
        var pair: Unicode.Scalar = "\""
        loop: while true {
            guard let r = next(), r != "\n" else { throw JSONPath.ParseError(message: "unterminated filter") }
            switch r {
            case "\"", "'":
                if !begin { begin = true; pair = r; continue }
                if pos >= 2, input[pos - 2] != "\\", r == pair { end = true }
            case ")":
                if begin == end { break loop }
            default: break
            }
        }
        guard next() == "]" else { throw JSONPath.ParseError(message: "unclosed array expect ]") }
        let text = String(consume().dropLast(2))
        if let (left, op, right) = Self.splitComparison(text) {
            cur.append(.filter(left: try Self.action(left), right: try Self.action(right), op: op))
        } else {
            cur.append(.filter(left: try Self.action(text), right: [], op: "exists"))
        }
    }

    /// `^([^!<>=]+)([!<>=]+)(.+?)$`
    static func splitComparison(_ text: String) -> (String, String, String)? {
        let ops: Set<Character> = ["!", "<", ">", "="]
        guard let i = text.firstIndex(where: { ops.contains($0) }), i > text.startIndex else { return nil }
        var j = i
        while j < text.endIndex, ops.contains(text[j]) { j = text.index(after: j) }
        guard j < text.endIndex else { return nil }
        return (String(text[..<i]), String(text[i..<j]), String(text[j...]))
    }

    private mutating func parseQuote(_ cur: inout [JSONPath.Node], _ quote: Unicode.Scalar) throws {
        while true {
            guard let r = next(), r != "\n" else { throw JSONPath.ParseError(message: "unterminated quoted string") }
            if r == quote, input[pos - 2] != "\\" { break }
        }
        let value = consume()
        guard let s = GoValueFormat.unquote(value) else {
            throw JSONPath.ParseError(message: "unquote string \(value) error invalid syntax")
        }
        cur.append(.text(s))
    }

    private mutating func parseField(_ cur: inout [JSONPath.Node]) throws {
        _ = consume()
        while true {
            let r = next()
            if r == "\\" { _ = next() } else if Self.isTerminator(r) { backup(); break }
        }
        let value = consume()
        cur.append(value == "*" ? .wildcard : .field(value.replacingOccurrences(of: "\\", with: "")))
    }

    static func isTerminator(_ r: Unicode.Scalar?) -> Bool {
        guard let r else { return true }
        return [" ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}"].contains(r)
    }

    static func isAlphaNumeric(_ r: Unicode.Scalar) -> Bool {
        if r == "_" { return true }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return false
        }
    }
}
