// The tokenizer of the shell language: operators, words with their quoting, comments, `\` continuation and
// here-document bodies. The parser pulls tokens one at a time; `$(…)` calls back into the parser.

/// Why parsing stopped early: the input may go on (the REPL reads another line) or is broken for good.
enum ShStop: Error {
    /// More input could complete it; the error is what to report if the input really ends here.
    case incomplete(Sh.SyntaxError)
    case error(Sh.SyntaxError)
}

struct ShToken {
    enum Kind: Equatable { case word, op, ioNumber, newline, eof }
    var kind: Kind
    /// The operator, the io number's digits, or the word's plain text ("" when it has quotes).
    var text: String
    var word: Sh.Word?
    var line: Int

    /// How sh names the token in "unexpected …" messages.
    var described: String {
        switch kind {
        case .newline: return "newline"
        case .eof: return "end of file"
        case .word: return word?.plainText.map { "\"\($0)\"" } ?? "word"
        default: return "\"\(text)\""
        }
    }
}

/// Scans the input; a base class of the parser so `$(…)` can recurse into the grammar.
class ShLexer {
    let src: [Unicode.Scalar]
    var pos = 0
    var line = 1
    var pendingHereDocs: [Sh.HereDoc] = []
    private var lookahead: ShToken?

    init(_ text: String) { src = Array(text.unicodeScalars) }

    var atEnd: Bool { pos >= src.count }
    func char(_ offset: Int = 0) -> Unicode.Scalar? { pos + offset < src.count ? src[pos + offset] : nil }

    func incomplete(_ m: String) -> ShStop { .incomplete(Sh.SyntaxError(m, line: line)) }
    func failure(_ m: String) -> ShStop { .error(Sh.SyntaxError(m, line: line)) }

    func peek() throws -> ShToken {
        if let t = lookahead { return t }
        let t = try scan()
        lookahead = t
        return t
    }

    @discardableResult
    func next() throws -> ShToken {
        let t = try peek()
        lookahead = nil
        return t
    }

    private static let operators = ["&&", "&>>", "&>", "&", "||", "|", ";;", ";", "(", ")",
                                     "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">"]

    private func scan() throws -> ShToken {
        // Blanks, `\`-newline and comments between tokens.
        while let c = char() {
            if c == " " || c == "\t" || c == "\r" { pos += 1; continue }
            if c == "\\", char(1) == "\n" { pos += 2; line += 1; continue }
            if c == "\\", char(1) == nil { throw incomplete("unexpected end of file") }
            if c == "#" {
                while let d = char(), d != "\n" { pos += 1 }
                continue
            }
            break
        }
        guard let c = char() else {
            if !pendingHereDocs.isEmpty { try readHereDocBodies() }
            return ShToken(kind: .eof, text: "", word: nil, line: line)
        }
        if c == "\n" {
            pos += 1
            let t = ShToken(kind: .newline, text: "\n", word: nil, line: line)
            line += 1
            if !pendingHereDocs.isEmpty { try readHereDocBodies() }
            return t
        }
        for op in Self.operators where matches(op) {
            pos += op.unicodeScalars.count
            return ShToken(kind: .op, text: op, word: nil, line: line)
        }
        // An io number: digits right before `<` or `>`.
        var j = pos
        while j < src.count, ("0"..."9").contains(src[j]) { j += 1 }
        if j > pos, j < src.count, src[j] == "<" || src[j] == ">" {
            let digits = String(String.UnicodeScalarView(src[pos..<j]))
            pos = j
            return ShToken(kind: .ioNumber, text: digits, word: nil, line: line)
        }
        let startLine = line
        let w = try scanWord(until: nil)
        return ShToken(kind: .word, text: w.plainText ?? "", word: w, line: startLine)
    }

    private func matches(_ op: String) -> Bool {
        var k = pos
        for s in op.unicodeScalars {
            guard k < src.count, src[k] == s else { return false }
            k += 1
        }
        return true
    }

    static func isMeta(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == ";" || c == "&" || c == "|" || c == "<" || c == ">" || c == "(" || c == ")"
            || c == "\r"
    }

    /// Reads one word; `until` stops it at that character too (the `}` of `${x:-word}`).
    func scanWord(until stop: Unicode.Scalar?) throws -> Sh.Word {
        var parts: [Sh.WordPart] = []
        var lit = ""
        func flush() { if !lit.isEmpty { parts.append(.literal(lit)); lit = "" } }
        let wordStart = pos
        while let c = char() {
            if let stop, c == stop { break }
            if stop == nil, Self.isMeta(c) { break }
            if stop != nil, c == "\n" { lit.unicodeScalars.append(c); line += 1; pos += 1; continue }
            switch c {
            case "\\":
                guard let d = char(1) else { throw incomplete("unexpected end of file") }
                pos += 2
                if d == "\n" { line += 1; continue }
                flush()
                parts.append(.quoted(String(d)))
            case "'":
                flush()
                pos += 1
                var s = ""
                while let d = char(), d != "'" {
                    if d == "\n" { line += 1 }
                    s.unicodeScalars.append(d); pos += 1
                }
                guard char() == "'" else { throw incomplete("unterminated quoted string") }
                pos += 1
                parts.append(.quoted(s))
            case "\"":
                flush()
                pos += 1
                let inner = try scanDoubleQuoted(terminator: "\"")
                guard char() == "\"" else { throw incomplete("unterminated quoted string") }
                pos += 1
                parts.append(.doubleQuoted(inner))
            case "$":
                if let p = try scanDollar() { flush(); parts.append(p) } else { lit += "$"; pos += 1 }
            case "~" where pos == wordStart:
                pos += 1
                var user = ""
                while let d = char(), d != "/", !Self.isMeta(d), d != stop { user.unicodeScalars.append(d); pos += 1 }
                parts.append(.tilde(user))
            default:
                lit.unicodeScalars.append(c)
                pos += 1
            }
        }
        flush()
        return Sh.Word(parts)
    }

    /// The inside of `"…"` (or of an unquoted here-doc body when `terminator` is nil).
    func scanDoubleQuoted(terminator: Unicode.Scalar?) throws -> [Sh.WordPart] {
        var parts: [Sh.WordPart] = []
        var lit = ""
        func flush() { if !lit.isEmpty { parts.append(.literal(lit)); lit = "" } }
        while let c = char(), c != terminator {
            switch c {
            case "\\":
                guard let d = char(1) else {
                    if terminator == nil { lit += "\\"; pos += 1; continue }
                    throw incomplete("unterminated quoted string")
                }
                if d == "\n" { pos += 2; line += 1; continue }
                if d == "$" || d == "`" || d == "\\" || (terminator != nil && d == terminator) {
                    lit.unicodeScalars.append(d)
                } else {
                    lit += "\\"; lit.unicodeScalars.append(d)
                }
                pos += 2
            case "$":
                if let p = try scanDollar() { flush(); parts.append(p) } else { lit += "$"; pos += 1 }
            default:
                if c == "\n" { line += 1 }
                lit.unicodeScalars.append(c)
                pos += 1
            }
        }
        flush()
        return parts
    }

    /// `$name`, `${…}`, `$(…)`, `$((…))`, `$?` …; nil when the `$` is just a dollar sign.
    private func scanDollar() throws -> Sh.WordPart? {
        guard let n = char(1) else { return nil }
        if n == "(" {
            if char(2) == "(" { return try scanArithmetic() }
            pos += 2
            let script = try parseSubstitution()
            return .commandSubstitution(script)
        }
        if n == "{" {
            pos += 2
            return .parameter(try scanBraced())
        }
        if "?$#@*!-0123456789".unicodeScalars.contains(n) {
            pos += 2
            return .parameter(Sh.ParameterExpansion(name: String(n)))
        }
        guard Self.isNameStart(n) else { return nil }
        pos += 1
        return .parameter(Sh.ParameterExpansion(name: scanName()))
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    static func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }

    private func scanName() -> String {
        var s = ""
        while let c = char(), Self.isNameChar(c) { s.unicodeScalars.append(c); pos += 1 }
        return s
    }

    /// After `${`: a name, an optional operator and word, and the closing brace.
    private func scanBraced() throws -> Sh.ParameterExpansion {
        var lengthOf = false
        if char() == "#", let n = char(1), n != "}" { lengthOf = true; pos += 1 }
        var name = ""
        if let c = char(), "?$#@*!-0123456789".unicodeScalars.contains(c), !Self.isNameStart(c) {
            name = String(c); pos += 1
        } else {
            name = scanName()
        }
        guard !name.isEmpty else { throw failure("bad substitution") }
        if lengthOf {
            guard char() == "}" else { throw failure("missing '}'") }
            pos += 1
            return Sh.ParameterExpansion(name: name, op: .length)
        }
        if char() == "}" { pos += 1; return Sh.ParameterExpansion(name: name) }
        let ops: [Sh.ParameterExpansion.Op] = [.useDefault, .assignDefault, .useAlternative, .errorIfNull,
                                               .removeLargestSuffix, .removeLargestPrefix, .useDefaultIfUnset,
                                               .assignDefaultIfUnset, .useAlternativeIfSet, .errorIfUnset,
                                               .removeSmallestSuffix, .removeSmallestPrefix]
        guard let op = ops.first(where: { matches($0.rawValue) }) else {
            throw failure(atEnd ? "missing '}'" : "bad substitution")
        }
        pos += op.rawValue.unicodeScalars.count
        let w = try scanWord(until: "}")
        guard char() == "}" else { throw failure("missing '}'") }
        pos += 1
        return Sh.ParameterExpansion(name: name, op: op, word: w)
    }

    /// `$((expr))`, kept as text.
    private func scanArithmetic() throws -> Sh.WordPart {
        pos += 3
        var depth = 0
        var s = ""
        while let c = char() {
            if c == "(" { depth += 1 }
            if c == ")" {
                if depth == 0 {
                    guard char(1) == ")" else { throw failure("missing '))'") }
                    pos += 2
                    return .arithmetic(s)
                }
                depth -= 1
            }
            s.unicodeScalars.append(c)
            pos += 1
        }
        throw failure("missing '))'")
    }

    /// Parses the list inside `$(…)`; the parser subclass provides it.
    func parseSubstitution() throws -> Sh.Script { throw failure("unexpected \"(\"") }

    /// Reads the bodies of the here-documents declared on the line just ended.
    private func readHereDocBodies() throws {
        let docs = pendingHereDocs
        pendingHereDocs = []
        for doc in docs {
            var body = ""
            var found = false
            while !atEnd {
                var l = ""
                while let c = char(), c != "\n" { l.unicodeScalars.append(c); pos += 1 }
                if char() == "\n" { pos += 1; line += 1 }
                if doc.stripTabs { l = String(l.drop { $0 == "\t" }) }
                if l == doc.delimiter { found = true; break }
                body += l + "\n"
            }
            if !found, !finalInput {
                pendingHereDocs = docs
                throw incomplete("unexpected end of file")
            }
            doc.body = doc.quoted ? Sh.Word([.quoted(body)]) : try Self.expandableBody(body)
            doc.complete = true
        }
    }

    /// Whether the end of input is the real end (a script's last line) rather than the end of what was typed so far.
    var finalInput = false

    /// An unquoted here-doc body: `$…` expands and `\` escapes only `$`, `` ` ``, `\` and newline.
    static func expandableBody(_ body: String) throws -> Sh.Word {
        let sub = ShParser(body)
        sub.finalInput = true
        return Sh.Word([.doubleQuoted(try sub.scanDoubleQuoted(terminator: nil))])
    }
}
