// Word expansion: tilde, parameters, command substitution, arithmetic, then field splitting and globbing.

/// An expansion that stops the command (`${x:?unset}`, bad arithmetic), with sh's message.
struct ShExpansionError: Error {
    var message: String
    var status: Int32 = 1
}

extension ShellInterpreter {
    /// One character of an expanded word and whether quoting protects it from splitting and globbing.
    private struct Piece {
        var text: String
        var quoted: Bool
        /// Came from an unquoted expansion: split at blanks.
        var splittable: Bool
    }

    /// Expands a word into fields (argv entries): split and globbed.
    func expandFields(_ w: Sh.Word, io: ShellIO) throws -> [String] {
        let pieces = try expandPieces(w.parts, quoted: false, io: io)
        var fields: [(text: String, pattern: String, glob: Bool)] = []
        var text = "", pattern = "", glob = false, exists = false
        func push() {
            if exists { fields.append((text, pattern, glob)) }
            text = ""; pattern = ""; glob = false; exists = false
        }
        for p in pieces {
            if p.quoted { exists = true }
            for c in p.text.unicodeScalars {
                if p.splittable, c == " " || c == "\t" || c == "\n" { push(); continue }
                exists = true
                text.unicodeScalars.append(c)
                if p.quoted {
                    if c == "*" || c == "?" || c == "[" || c == "\\" { pattern += "\\" }
                } else if c == "*" || c == "?" || c == "[" {
                    glob = true
                }
                pattern.unicodeScalars.append(c)
            }
        }
        push()
        var out: [String] = []
        for f in fields {
            if f.glob, let files {
                let matches = files.glob(f.pattern)
                if !matches.isEmpty { out += matches; continue }
            }
            out.append(f.text)
        }
        return out
    }

    /// Expands a word into one string, without splitting or globbing (assignments, redirect targets, here-docs).
    func expandString(_ w: Sh.Word, io: ShellIO) throws -> String {
        try expandPieces(w.parts, quoted: false, io: io).map(\.text).joined()
    }

    private func expandPieces(_ parts: [Sh.WordPart], quoted: Bool, io: ShellIO) throws -> [Piece] {
        var out: [Piece] = []
        for part in parts {
            switch part {
            case .literal(let s):
                out.append(Piece(text: s, quoted: quoted, splittable: false))
            case .quoted(let s):
                out.append(Piece(text: s, quoted: true, splittable: false))
            case .doubleQuoted(let inner):
                let pieces = try expandPieces(inner, quoted: true, io: io)
                out += pieces
                if pieces.isEmpty { out.append(Piece(text: "", quoted: true, splittable: false)) }
            case .tilde(let user):
                let home = user.isEmpty ? env["HOME"] : nil
                out.append(Piece(text: home ?? "~" + user, quoted: true, splittable: false))
            case .parameter(let pe):
                out.append(Piece(text: try parameter(pe, io: io), quoted: quoted, splittable: !quoted))
            case .commandSubstitution(let script):
                out.append(Piece(text: substitute(script, io: io), quoted: quoted, splittable: !quoted))
            case .arithmetic(let text):
                // Variables inside are expanded first, as sh does.
                let inner = ShParser(text)
                inner.finalInput = true
                let expanded: String
                do {
                    expanded = try expandString(Sh.Word(try inner.scanDoubleQuoted(terminator: nil)), io: io)
                } catch {
                    throw ShExpansionError(message: "sh: arithmetic syntax error\n", status: 2)
                }
                do {
                    let v = try ShellArithmetic.evaluate(expanded) { [env] in env[$0] }
                    out.append(Piece(text: String(v), quoted: quoted, splittable: !quoted))
                } catch let e as ShellArithmetic.Failure {
                    throw ShExpansionError(message: "sh: \(e.message)\n", status: 2)
                }
            }
        }
        return out
    }

    /// Runs `$(…)`: its stdout, less trailing newlines, becomes text; `$?` becomes its status.
    private func substitute(_ script: Sh.Script, io: ShellIO) -> String {
        var captured = ""
        let status: Int32
        do {
            status = try runList(script, io: ShellIO(stdin: "", out: { captured += $0 }, err: io.err, outIsTerminal: false))
        } catch ShControl.exit(let code) {
            status = code
        } catch {
            status = env.lastStatus
        }
        env.lastStatus = status
        substitutionStatus = status
        while captured.hasSuffix("\n") { captured.removeLast() }
        return captured
    }

    private func value(of name: String) -> String? {
        switch name {
        case "?": return String(env.lastStatus)
        case "$": return String(env.processID)
        case "#": return String(env.positional.count)
        case "@", "*": return env.positional.joined(separator: " ")
        case "0": return env.scriptName
        case "!", "-": return ""
        default:
            if let n = Int(name) { return n >= 1 && n <= env.positional.count ? env.positional[n - 1] : nil }
            return env[name]
        }
    }

    private func parameter(_ pe: Sh.ParameterExpansion, io: ShellIO) throws -> String {
        let v = value(of: pe.name)
        guard let op = pe.op else { return v ?? "" }
        func word() throws -> String { try pe.word.map { try expandString($0, io: io) } ?? "" }
        let isNull = v?.isEmpty ?? true
        switch op {
        case .useDefault: return isNull ? try word() : v ?? ""
        case .useDefaultIfUnset: if let v { return v }; return try word()
        case .assignDefault, .assignDefaultIfUnset:
            if op == .assignDefault ? isNull : v == nil {
                let w = try word()
                env.set(pe.name, w)
                return w
            }
            return v ?? ""
        case .useAlternative: return isNull ? "" : try word()
        case .useAlternativeIfSet: return v == nil ? "" : try word()
        case .errorIfNull, .errorIfUnset:
            if op == .errorIfNull ? isNull : v == nil {
                let w = try word()
                throw ShExpansionError(message: "sh: \(pe.name): \(w.isEmpty ? "parameter not set or null" : w)\n")
            }
            return v ?? ""
        case .length: return String((v ?? "").count)
        case .removeSmallestSuffix, .removeLargestSuffix, .removeSmallestPrefix, .removeLargestPrefix:
            let s = v ?? ""
            let pattern = try patternText(pe.word, io: io)
            let chars = Array(s)
            let range: [Int] = op == .removeSmallestSuffix || op == .removeLargestPrefix
                ? Array((0...chars.count).reversed()) : Array(0...chars.count)
            for k in range {
                switch op {
                case .removeSmallestSuffix, .removeLargestSuffix:
                    if ShellPattern.matches(pattern, String(chars[k...])) { return String(chars[..<k]) }
                default:
                    if ShellPattern.matches(pattern, String(chars[..<k])) { return String(chars[k...]) }
                }
            }
            return s
        }
    }

    /// A pattern word with its quoted characters escaped, so they match literally.
    private func patternText(_ w: Sh.Word?, io: ShellIO) throws -> String {
        guard let w else { return "" }
        return try expandPieces(w.parts, quoted: false, io: io).map { p in
            guard p.quoted else { return p.text }
            var s = ""
            for c in p.text.unicodeScalars {
                if c == "*" || c == "?" || c == "[" || c == "\\" { s += "\\" }
                s.unicodeScalars.append(c)
            }
            return s
        }.joined()
    }
}
