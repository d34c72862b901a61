// The grammar of the shell language (a POSIX subset): lists, and-or lists, pipelines, simple commands with
// assignments and redirects, `{ }`, `( )`, if, while/until and for. Tells incomplete input from broken input.

/// Parses shell text into `Sh.Script`.
public enum ShellParser {
    public enum Outcome: Equatable {
        case complete(Sh.Script)
        /// The text so far is a valid start: read another line. The error is what sh says if the input ends here.
        case incomplete(Sh.SyntaxError)
        case failed(Sh.SyntaxError)
    }

    /// Parses what has been typed so far (the end of the text is the end of a line, not of all input).
    public static func parse(_ text: String) -> Outcome { run(text, final: false) }

    /// Parses a whole script: an open quote or a missing `fi` at the end is an error; a here-document may end at EOF.
    public static func parseScript(_ text: String) -> Result<Sh.Script, Sh.SyntaxError> {
        switch run(text, final: true) {
        case .complete(let s): return .success(s)
        case .incomplete(let e), .failed(let e): return .failure(e)
        }
    }

    private static func run(_ text: String, final: Bool) -> Outcome {
        let p = ShParser(text)
        p.finalInput = final
        do {
            return .complete(try p.parseProgram())
        } catch ShStop.incomplete(let e) {
            return .incomplete(e)
        } catch ShStop.error(let e) {
            return .failed(e)
        } catch {
            return .failed(Sh.SyntaxError("\(error)"))
        }
    }
}

final class ShParser: ShLexer {
    static let reserved: Set<String> = ["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in",
                                        "{", "}", "!", "case", "esac"]
    /// Words that close a compound command; met where another is expected, sh names the one it wanted.
    static let closers: Set<String> = ["then", "else", "elif", "fi", "do", "done", "}", "esac"]

    func parseProgram() throws -> Sh.Script {
        let script = try parseList(terminators: [], expecting: nil)
        let t = try peek()
        guard t.kind == .eof else { throw unexpected(t) }
        return script
    }

    func unexpected(_ t: ShToken, expecting: String? = nil) -> ShStop {
        let tail = expecting.map { " (expecting \"\($0)\")" } ?? ""
        let e = Sh.SyntaxError("unexpected \(t.described)\(tail)", line: t.line)
        return t.kind == .eof ? .incomplete(e) : .error(e)
    }

    private func isKeyword(_ t: ShToken, _ words: Set<String>) -> Bool {
        t.kind == .word && words.contains(t.text) && t.word?.plainText != nil
    }

    private func skipNewlines() throws {
        while try peek().kind == .newline { try next() }
    }

    /// A compound list: and-or lists separated by `;`, `&` or newlines, up to one of `terminators`
    /// (keywords, or `)`), which is left unread. `expecting` names the closing word for end-of-file errors.
    func parseList(terminators: Set<String>, expecting: String?) throws -> Sh.Script {
        var items: [Sh.ListItem] = []
        try skipNewlines()
        while true {
            let t = try peek()
            if t.kind == .eof {
                if let expecting {
                    throw ShStop.incomplete(Sh.SyntaxError("unexpected end of file (expecting \"\(expecting)\")", line: t.line))
                }
                break
            }
            if isKeyword(t, terminators) || (t.kind == .op && terminators.contains(t.text)) {
                if items.isEmpty, expecting != nil { throw unexpected(t) }
                break
            }
            if !items.isEmpty, let expecting, isKeyword(t, Self.closers) { throw unexpected(t, expecting: expecting) }
            let andOr = try parseAndOr()
            let sep = try peek()
            if sep.kind == .op, sep.text == ";" || sep.text == "&" {
                try next()
                items.append(Sh.ListItem(andOr: andOr, background: sep.text == "&"))
                try skipNewlines()
            } else if sep.kind == .newline {
                items.append(Sh.ListItem(andOr: andOr, background: false))
                try skipNewlines()
            } else {
                items.append(Sh.ListItem(andOr: andOr, background: false))
                if sep.kind == .eof || isKeyword(sep, terminators) || (sep.kind == .op && terminators.contains(sep.text)) {
                    continue
                }
                throw unexpected(sep)
            }
        }
        return Sh.Script(items)
    }

    private func parseAndOr() throws -> Sh.AndOr {
        var result = Sh.AndOr(first: try parsePipeline(), rest: [])
        while true {
            let t = try peek()
            guard t.kind == .op, let op = Sh.AndOr.Op(rawValue: t.text) else { break }
            try next()
            try skipNewlines()
            result.rest.append(.init(op: op, pipeline: try parsePipeline()))
        }
        return result
    }

    private func parsePipeline() throws -> Sh.Pipeline {
        var negated = false
        if isKeyword(try peek(), ["!"]) { try next(); negated = true }
        var commands = [try parseCommand()]
        while true {
            let t = try peek()
            guard t.kind == .op, t.text == "|" else { break }
            try next()
            try skipNewlines()
            if isKeyword(try peek(), ["!"]) { throw unexpected(try peek()) }
            commands.append(try parseCommand())
        }
        return Sh.Pipeline(negated: negated, commands: commands)
    }

    private func parseCommand() throws -> Sh.Command {
        let t = try peek()
        if t.kind == .op, t.text == "(" {
            try next()
            let body = try parseList(terminators: [")"], expecting: ")")
            try expectOp(")")
            return .compound(.subshell(body), try parseRedirects())
        }
        if t.kind == .word, t.word?.plainText != nil {
            switch t.text {
            case "{":
                try next()
                let body = try parseList(terminators: ["}"], expecting: "}")
                try expectKeyword("}")
                return .compound(.braceGroup(body), try parseRedirects())
            case "if": return .compound(try parseIf(), try parseRedirects())
            case "while", "until":
                try next()
                let cond = try parseList(terminators: ["do"], expecting: "do")
                try expectKeyword("do")
                let body = try parseList(terminators: ["done"], expecting: "done")
                try expectKeyword("done")
                return .compound(.loop(condition: cond, body: body, until: t.text == "until"), try parseRedirects())
            case "for": return .compound(try parseFor(), try parseRedirects())
            default:
                if Self.reserved.contains(t.text) { throw unexpected(t) }
            }
        }
        return .simple(try parseSimple())
    }

    private func expectKeyword(_ k: String) throws {
        let t = try peek()
        guard isKeyword(t, [k]) else { throw unexpected(t, expecting: k) }
        try next()
    }

    private func expectOp(_ op: String) throws {
        let t = try peek()
        guard t.kind == .op, t.text == op else { throw unexpected(t, expecting: op) }
        try next()
    }

    private func parseIf() throws -> Sh.Compound {
        try next()
        var branches: [Sh.Branch] = []
        while true {
            let cond = try parseList(terminators: ["then"], expecting: "then")
            try expectKeyword("then")
            let body = try parseList(terminators: ["elif", "else", "fi"], expecting: "fi")
            branches.append(Sh.Branch(condition: cond, body: body))
            let t = try next()
            if t.text == "elif" { continue }
            if t.text == "else" {
                let otherwise = try parseList(terminators: ["fi"], expecting: "fi")
                try expectKeyword("fi")
                return .ifClause(branches, otherwise: otherwise)
            }
            return .ifClause(branches, otherwise: nil)
        }
    }

    private func parseFor() throws -> Sh.Compound {
        try next()
        let nameTok = try next()
        guard nameTok.kind == .word, let name = nameTok.word?.plainText, let f = name.unicodeScalars.first,
              Self.isNameStart(f), name.unicodeScalars.allSatisfy(Self.isNameChar) else {
            if nameTok.kind == .eof { throw unexpected(nameTok) }
            throw ShStop.error(Sh.SyntaxError("bad for loop variable", line: nameTok.line))
        }
        var words: [Sh.Word]?
        try skipNewlines()
        if isKeyword(try peek(), ["in"]) {
            try next()
            var ws: [Sh.Word] = []
            while try peek().kind == .word, let w = try peek().word { ws.append(w); try next() }
            words = ws
            let sep = try peek()
            if sep.kind == .op, sep.text == ";" { try next() } else if sep.kind != .newline { throw unexpected(sep, expecting: "do") }
        } else if try peek().kind == .op, try peek().text == ";" {
            try next()
        }
        try skipNewlines()
        try expectKeyword("do")
        let body = try parseList(terminators: ["done"], expecting: "done")
        try expectKeyword("done")
        return .forLoop(name: name, words: words, body: body)
    }

    private static let redirectOps: [String: Sh.Redirect.Op] = [
        ">": .output, ">|": .output, ">>": .append, "<": .input, "<&": .dupInput, ">&": .dupOutput, "<>": .readWrite,
        "&>": .outputBoth, "&>>": .appendBoth, "<<": .hereDoc, "<<-": .hereDoc,
    ]

    private func isRedirectStart(_ t: ShToken) -> Bool {
        t.kind == .ioNumber || (t.kind == .op && Self.redirectOps[t.text] != nil)
    }

    private func parseRedirects() throws -> [Sh.Redirect] {
        var out: [Sh.Redirect] = []
        while isRedirectStart(try peek()) { out.append(try parseRedirect()) }
        return out
    }

    private func parseRedirect() throws -> Sh.Redirect {
        var t = try next()
        var fd: Int?
        if t.kind == .ioNumber {
            fd = Int(t.text)
            t = try next()
        }
        guard t.kind == .op, let op = Self.redirectOps[t.text] else { throw unexpected(t) }
        let target = try peek()
        guard target.kind == .word, let w = target.word else {
            if target.kind == .eof { throw ShStop.error(Sh.SyntaxError("unexpected newline", line: target.line)) }
            throw unexpected(target)
        }
        try next()
        var r = Sh.Redirect(fd: fd, op: op, target: w, hereDoc: nil)
        if op == .hereDoc {
            let doc = Sh.HereDoc(delimiter: w.unquotedText, quoted: w.hasQuotes, stripTabs: t.text == "<<-")
            pendingHereDocs.append(doc)
            r.hereDoc = doc
        }
        return r
    }

    private func parseSimple() throws -> Sh.SimpleCommand {
        var cmd = Sh.SimpleCommand(assignments: [], words: [], redirects: [])
        while true {
            let t = try peek()
            if isRedirectStart(t) {
                cmd.redirects.append(try parseRedirect())
                continue
            }
            guard t.kind == .word, let w = t.word else { break }
            if cmd.words.isEmpty, let a = Self.assignment(w) {
                cmd.assignments.append(a)
            } else {
                cmd.words.append(w)
            }
            try next()
        }
        if cmd.words.isEmpty, cmd.assignments.isEmpty, cmd.redirects.isEmpty {
            let t = try peek()
            if t.kind == .eof { throw unexpected(t) }
            if t.kind == .newline { throw ShStop.error(Sh.SyntaxError("unexpected newline", line: t.line)) }
            throw unexpected(t)
        }
        return cmd
    }

    /// `NAME=…` where NAME is unquoted and a valid name.
    static func assignment(_ w: Sh.Word) -> Sh.Assignment? {
        guard case .literal(let first)? = w.parts.first, let eq = first.firstIndex(of: "=") else { return nil }
        let name = String(first[..<eq])
        guard let f = name.unicodeScalars.first, isNameStart(f), name.unicodeScalars.allSatisfy(isNameChar) else { return nil }
        var rest = w.parts
        let after = String(first[first.index(after: eq)...])
        if after.isEmpty { rest.removeFirst() } else { rest[0] = .literal(after) }
        return Sh.Assignment(name: name, value: Sh.Word(rest))
    }

    override func parseSubstitution() throws -> Sh.Script {
        let body = try parseList(terminators: [")"], expecting: ")")
        let t = try peek()
        guard t.kind == .op, t.text == ")" else { throw unexpected(t, expecting: ")") }
        try next()
        return body
    }
}
