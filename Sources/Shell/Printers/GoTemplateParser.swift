// Splits a go-template into text and `{{…}}` actions and builds the block structure (range/if/with … end).
import Foundation

struct GoTemplateParser {
    struct Failure: Error {
        var line: Int
        var message: String
    }

    private enum Token {
        case text(String)
        case action([String], line: Int)
    }

    private var tokens: [Token] = []
    private var index = 0
    private let text: String

    init(_ text: String) { self.text = text }

    mutating func parseAll() throws -> [GoTemplate.Node] {
        tokens = try Self.tokenize(text)
        let (nodes, stop) = try block()
        if let (word, line) = stop { throw Failure(line: line, message: "unexpected {{\(word)}}") }
        return nodes
    }

    /// Nodes until `else`/`end` (returned as the stop word) or the end of input.
    private mutating func block() throws -> ([GoTemplate.Node], (String, Int)?) {
        var nodes: [GoTemplate.Node] = []
        while index < tokens.count {
            let t = tokens[index]
            index += 1
            switch t {
            case .text(let s): nodes.append(.text(s))
            case .action(let words, let line):
                guard let head = words.first else { continue }
                switch head {
                case "end", "else": return (nodes, (head, line))
                case "range", "if", "with":
                    let pipe = Self.pipeline(Array(words.dropFirst()))
                    let (body, stop) = try block()
                    var otherwise: [GoTemplate.Node] = []
                    guard let (word, _) = stop else { throw Failure(line: line, message: "unexpected EOF") }
                    if word == "else" {
                        let (rest, stop2) = try block()
                        guard stop2?.0 == "end" else { throw Failure(line: line, message: "unexpected EOF") }
                        otherwise = rest
                    }
                    nodes.append(head == "range" ? .range(pipe, body: body, otherwise: otherwise)
                                 : .cond(pipe, body: body, otherwise: otherwise, with: head == "with"))
                default:
                    nodes.append(.action(Self.pipeline(words)))
                }
            }
        }
        return (nodes, nil)
    }

    /// Words split on `|` into commands; a `$x :=` declaration is dropped (variables are not kept).
    static func pipeline(_ words: [String]) -> [[String]] {
        var w = words
        if w.count >= 2, w[0].hasPrefix("$"), w[1] == ":=" { w.removeFirst(2) }
        var cmds: [[String]] = [[]]
        for word in w {
            if word == "|" { cmds.append([]) } else { cmds[cmds.count - 1].append(word) }
        }
        return cmds.filter { !$0.isEmpty }
    }

    private static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(text)
        var line = 1
        while let open = rest.range(of: "{{") {
            var before = String(rest[..<open.lowerBound])
            var inner = rest[open.upperBound...]
            if inner.hasPrefix("- ") || inner.hasPrefix("-\t") || inner.hasPrefix("-\n") {
                before = String(before.reversed().drop(while: \.isWhitespace).reversed())
                inner = inner.dropFirst()
            }
            if !before.isEmpty { tokens.append(.text(before)) }
            line += rest[..<open.lowerBound].filter { $0 == "\n" }.count
            guard let close = inner.range(of: "}}") else { throw Failure(line: line, message: "unclosed action") }
            var body = inner[..<close.lowerBound]
            rest = inner[close.upperBound...]
            if body.hasSuffix(" -") || body.hasSuffix("\t-") || body.hasSuffix("\n-") {
                body = body.dropLast()
                rest = rest.drop(while: \.isWhitespace)
            }
            let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("/*") { continue }
            tokens.append(.action(words(trimmed), line: line))
        }
        if !rest.isEmpty { tokens.append(.text(String(rest))) }
        return tokens
    }

    /// Words of an action: quoted strings stay whole, `|` is its own word, and a parenthesised pipeline with the
    /// fields after it (`(index .spec.ports 0).nodePort`) is one word that the executor evaluates.
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quote: Character?
        var escaped = false
        var depth = 0
        for c in s {
            if depth > 0 {
                cur.append(c)
                if let q = quote {
                    if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
                } else if c == "\"" || c == "`" { quote = c } else if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
                continue
            }
            if let q = quote {
                cur.append(c)
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "`": quote = c; cur.append(c)
            case "(" where cur.isEmpty:
                depth = 1
                cur.append(c)
            case " ", "\t", "\n", "(", ")":
                if !cur.isEmpty { out.append(cur); cur = "" }
            case "|":
                if !cur.isEmpty { out.append(cur); cur = "" }
                out.append("|")
            default: cur.append(c)
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
}
