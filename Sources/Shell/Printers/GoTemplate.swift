// A small subset of Go's text/template for `-o go-template=…`: fields (`.metadata.name`, `$`), string
// literals, `range`/`if`/`with` … `else` … `end`, `index`, `len`, `eq`/`ne`/`not`, pipes into `base64decode`
// and `printf "%s"`, trim markers. Values print as Go's `%v`; a missing key prints `<no value>`.
import Foundation
import MiniCluster

public struct GoTemplate {
    indirect enum Node {
        case text(String)
        case action([[String]])                         // a pipeline: commands of words
        case range([[String]], body: [Node], otherwise: [Node])
        case cond([[String]], body: [Node], otherwise: [Node], with: Bool)
    }

    let nodes: [Node]
    public let template: String
    public var allowMissingKeys = true

    public init(_ text: String) throws {
        template = text
        var p = GoTemplateParser(text)
        do { nodes = try p.parseAll() } catch let e as GoTemplateParser.Failure {
            throw KubectlFailure.plain("error parsing template \(text), template: output:\(e.line): \(e.message)")
        }
    }

    /// The template's output for one object.
    public func execute(_ data: Value) throws -> String {
        var out = ""
        try run(nodes, dot: data, root: data, into: &out)
        return out
    }

    private func run(_ nodes: [Node], dot: Value?, root: Value, into out: inout String) throws {
        for n in nodes {
            switch n {
            case .text(let s): out += s
            case .action(let pipe): out += Self.show(try eval(pipe, dot: dot, root: root))
            case .range(let pipe, let body, let otherwise):
                let v = try eval(pipe, dot: dot, root: root)
                var items: [Value] = []
                switch v {
                case .array(let a)?: items = a
                case .object(let o)?: items = o.keys.sorted().compactMap { o[$0] }
                case .int(let n)?: items = (0..<max(0, n)).map { .int($0) }
                default: break
                }
                if items.isEmpty { try run(otherwise, dot: dot, root: root, into: &out) }
                for item in items { try run(body, dot: item, root: root, into: &out) }
            case .cond(let pipe, let body, let otherwise, let with):
                let v = try eval(pipe, dot: dot, root: root)
                if Self.truth(v) { try run(body, dot: with ? v : dot, root: root, into: &out) }
                else { try run(otherwise, dot: dot, root: root, into: &out) }
            }
        }
    }

    private func eval(_ pipe: [[String]], dot: Value?, root: Value) throws -> Value? {
        var last: Value?? = .none
        for cmd in pipe {
            var args = try cmd.dropFirst().map { try operand($0, dot: dot, root: root) }
            if let prev = last { args.append(prev) }
            guard let head = cmd.first else { continue }
            if cmd.count == 1, last == nil, !Self.functions.contains(head) { last = .some(try operand(head, dot: dot, root: root)); continue }
            last = .some(try call(head, args))
        }
        return last ?? nil
    }

    private static let functions: Set<String> = ["index", "len", "eq", "ne", "not", "and", "or", "base64decode", "printf", "exists", "print", "println"]

    private func operand(_ word: String, dot: Value?, root: Value) throws -> Value? {
        if word.hasPrefix("\"") || word.hasPrefix("`") { return .string(GoValueFormat.unquote(word) ?? String(word.dropFirst().dropLast())) }
        if let i = Int(word) { return .int(i) }
        if word == "true" || word == "false" { return .bool(word == "true") }
        if word == "nil" { return nil }
        var base: Value?
        var path = Substring(word)
        if path.hasPrefix("("), let close = Self.closingParen(word) {
            let inner = String(word[word.index(after: word.startIndex)..<close])
            base = try eval(GoTemplateParser.pipeline(GoTemplateParser.words(inner)), dot: dot, root: root)
            path = word[word.index(after: close)...]
        } else if path.hasPrefix("$") { base = root; path = path.dropFirst() } else { base = dot }
        guard path.hasPrefix(".") || path.isEmpty else { throw KubectlFailure.plain("template: output:1: function \"\(word)\" not defined") }
        for key in path.split(separator: ".") {
            guard case .object(let o)? = base else { return nil }
            guard let next = o[String(key)] else {
                if allowMissingKeys { return nil }
                throw KubectlFailure.plain("template: output:1: executing \"output\" at <\(word)>: map has no entry for key \"\(key)\"")
            }
            base = next
        }
        return base
    }

    /// Where the parenthesis opening `word` closes (quotes skipped).
    private static func closingParen(_ word: String) -> String.Index? {
        var depth = 0
        var quote: Character?
        for i in word.indices {
            let c = word[i]
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "`" { quote = c } else if c == "(" { depth += 1 } else if c == ")" {
                depth -= 1
                if depth == 0 { return i }
            }
        }
        return nil
    }

    private func call(_ name: String, _ args: [Value?]) throws -> Value? {
        switch name {
        case "index":
            var v = args.first ?? nil
            for k in args.dropFirst() {
                switch (v, k) {
                case (.object(let o)?, .string(let s)?): v = o[s]
                case (.array(let a)?, .int(let i)?): v = a.indices.contains(i) ? a[i] : nil
                default: v = nil
                }
            }
            return v
        case "len":
            switch args.first ?? nil {
            case .array(let a)?: return .int(a.count)
            case .object(let o)?: return .int(o.count)
            case .string(let s)?: return .int(s.utf8.count)
            default: return .int(0)
            }
        case "eq", "ne":
            let equal = args.count >= 2 && args.dropFirst().contains { $0 == args[0] }
            return .bool(name == "eq" ? equal : !equal)
        case "not": return .bool(!Self.truth(args.first ?? nil))
        case "and": return args.first { !Self.truth($0) } ?? args.last ?? nil
        case "or": return args.first { Self.truth($0) } ?? args.last ?? nil
        case "exists": return .bool(args.count >= 1 && (args.first ?? nil) != nil)
        case "base64decode":
            guard case .string(let s)? = args.first ?? nil, let d = Data(base64Encoded: s) else { return .string("") }
            return .string(String(decoding: d, as: UTF8.self))
        case "print", "println":
            return .string(args.map(Self.show).joined(separator: " ") + (name == "println" ? "\n" : ""))
        case "printf":
            guard case .string(var f)? = args.first ?? nil else { return .string("") }
            for a in args.dropFirst() {
                for verb in ["%s", "%v", "%d", "%q"] {
                    if let r = f.range(of: verb) {
                        f.replaceSubrange(r, with: verb == "%q" ? GoValueFormat.quote(Self.show(a)) : Self.show(a))
                        break
                    }
                }
            }
            return .string(f.replacingOccurrences(of: "%%", with: "%"))
        default:
            throw KubectlFailure.plain("template: output:1: function \"\(name)\" not defined")
        }
    }

    static func truth(_ v: Value?) -> Bool {
        switch v {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case .int(let i)?: return i != 0
        case .double(let d)?: return d != 0
        case .string(let s)?: return !s.isEmpty
        case .array(let a)?: return !a.isEmpty
        case .object(let o)?: return !o.isEmpty
        }
    }

    static func show(_ v: Value?) -> String {
        guard let v else { return "<no value>" }
        return GoValueFormat.v(v)
    }
}
