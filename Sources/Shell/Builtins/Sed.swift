// `sed` as tutorials use it: -n, -e, -E/-r, -i; addresses (N, $, /re/, A,B, A!), commands s///[gpI N], p, d, q, =.
// Messages and exit codes as GNU sed (1 for a bad script or option, 2 for an unreadable input).
import Foundation

struct Sed: ShellCommand {
    let name = "sed"

    enum Address { case line(Int), last, regex(NSRegularExpression) }

    struct Command {
        var from: Address?
        var to: Address?
        var negated = false
        var op: Character
        // s///
        var regex: NSRegularExpression?
        var template = ""
        var global = false
        var occurrence = 1
        var printAfter = false
        /// Whether the range from..to is open (per command, as sed keeps it).
        var inRange = false
    }

    struct ScriptError: Error { var message: String }

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "ne:Eri", long: ["quiet": "n", "silent": "n", "expression": "e", "regexp-extended": "E",
                                                 "in-place": "i"])
        guard let p = opt.parse(args, tool: "sed", io: io) else { return 1 }
        var operands = p.operands
        var scripts = p.options.filter { $0.0 == "e" }.compactMap(\.1)
        if scripts.isEmpty {
            guard !operands.isEmpty else {
                io.errLine("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...")
                return 1
            }
            scripts = [operands.removeFirst()]
        }
        let extended = p.has("E") || p.has("r")
        var commands: [Command] = []
        for (i, s) in scripts.enumerated() {
            do { commands += try Self.parse(s, extended: extended) } catch let e as ScriptError {
                io.errLine("sed: -e expression #\(i + 1), \(e.message)")
                return 1
            } catch { return 1 }
        }
        if p.has("i") {
            guard !operands.isEmpty else { io.errLine("sed: no input files"); return 1 }
            var status: Int32 = 0
            for file in operands {
                switch session.readFile(file) {
                case .success(let text):
                    var out = ""
                    _ = Self.execute(&commands, text.lines, quiet: p.has("n")) { out += $0 + "\n" }
                    if let problem = session.writeFile(file, out, append: false) {
                        io.errLine("sed: couldn't edit \(file): \(problem.message)")
                        status = 4
                    }
                case .failure(let problem):
                    io.errLine("sed: can't read \(file): \(problem.message)")
                    status = 2
                }
            }
            return status
        }
        // Without -i, sed treats every input as one stream (line numbers and $ run across files).
        var lines: [String] = []
        let failed = Inputs.each(operands, io: io, session: session, message: { "sed: can't read \($0): \($1.message)" }) { _, text in
            lines += text.lines
        }
        _ = Self.execute(&commands, lines, quiet: p.has("n")) { io.outLine($0) }
        return failed ? 2 : 0
    }

    /// Runs the script over the lines, writing through `emit`; returns whether `q` stopped it.
    static func execute(_ commands: inout [Command], _ lines: [String], quiet: Bool, emit: (String) -> Void) -> Bool {
        for i in commands.indices { commands[i].inRange = false }
        for (index, original) in lines.enumerated() {
            var line = original
            var deleted = false
            var quit = false
            let number = index + 1, isLast = index == lines.count - 1
            for i in commands.indices {
                guard selects(&commands[i], line, number, isLast) != commands[i].negated else { continue }
                let c = commands[i]
                switch c.op {
                case "p": emit(line)
                case "=": emit(String(number))
                case "d": deleted = true
                case "q": quit = true
                case "s":
                    guard let re = c.regex else { continue }
                    let (result, changed) = substitute(line, re, c)
                    line = result
                    if changed, c.printAfter { emit(line) }
                default: break
                }
                if deleted || quit { break }
            }
            if !deleted, !quiet { emit(line) }
            if quit { return true }
        }
        return false
    }

    private static func matches(_ a: Address, _ line: String, _ n: Int, _ isLast: Bool) -> Bool {
        switch a {
        case .line(let k): return n == k
        case .last: return isLast
        case .regex(let re): return re.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        }
    }

    private static func selects(_ c: inout Command, _ line: String, _ n: Int, _ isLast: Bool) -> Bool {
        guard let from = c.from else { return true }
        guard let to = c.to else { return matches(from, line, n, isLast) }
        if c.inRange {
            // A line-number end already behind us closes the range at once, as GNU sed does.
            if case .line(let k) = to, n >= k { c.inRange = false; return true }
            if matches(to, line, n, isLast) { c.inRange = false }
            return true
        }
        guard matches(from, line, n, isLast) else { return false }
        if case .line(let k) = to, k <= n { return true }
        c.inRange = !(isLast)
        return true
    }

    private static func substitute(_ line: String, _ re: NSRegularExpression, _ c: Command) -> (String, Bool) {
        let ns = line as NSString
        let hits = re.matches(in: line, range: NSRange(location: 0, length: ns.length))
        var out = "", last = 0, changed = false
        for (k, m) in hits.enumerated() where c.global ? k + 1 >= c.occurrence : k + 1 == c.occurrence {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            out += re.replacementString(for: m, in: line, offset: 0, template: c.template)
            last = m.range.location + m.range.length
            changed = true
        }
        out += ns.substring(from: last)
        return (out, changed)
    }

    // MARK: Parsing

    static func parse(_ script: String, extended: Bool) throws -> [Command] {
        let chars = Array(script)
        var i = 0
        var out: [Command] = []
        func err(_ what: String) -> ScriptError { ScriptError(message: "char \(min(i + 1, chars.count)): \(what)") }
        func skipBlanks() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        func delimited(_ d: Character) throws -> String {
            var s = ""
            while i < chars.count, chars[i] != d {
                if chars[i] == "\\", i + 1 < chars.count {
                    if chars[i + 1] == d { s.append(d) } else if chars[i + 1] == "n" { s += "\\n" } else { s += "\\" + String(chars[i + 1]) }
                    i += 2
                    continue
                }
                s.append(chars[i])
                i += 1
            }
            guard i < chars.count else { throw err("unterminated `s' command") }
            i += 1
            return s
        }
        func regex(_ source: String, caseless: Bool = false) throws -> NSRegularExpression {
            let icu = extended ? source : Grep.basicToICU(source)
            guard let re = try? NSRegularExpression(pattern: icu, options: caseless ? [.caseInsensitive] : []) else {
                throw err("Invalid preceding regular expression")
            }
            return re
        }
        func address() throws -> Address? {
            guard i < chars.count else { return nil }
            if chars[i] == "$" { i += 1; return .last }
            if chars[i].isNumber {
                var n = 0
                while i < chars.count, let d = chars[i].wholeNumberValue { n = n * 10 + d; i += 1 }
                if n == 0 { throw err("invalid usage of line address 0") }
                return .line(n)
            }
            if chars[i] == "/" {
                i += 1
                let src = try delimited("/")
                return .regex(try regex(src))
            }
            return nil
        }
        while true {
            while i < chars.count, chars[i] == ";" || chars[i] == "\n" || chars[i] == " " || chars[i] == "\t" { i += 1 }
            guard i < chars.count else { break }
            var c = Command(op: " ")
            c.from = try address()
            if c.from != nil, i < chars.count, chars[i] == "," {
                i += 1
                guard let to = try address() else { throw err("unexpected `,'") }
                c.to = to
            }
            skipBlanks()
            if i < chars.count, chars[i] == "!" { c.negated = true; i += 1; skipBlanks() }
            guard i < chars.count else { throw err("missing command") }
            c.op = chars[i]
            i += 1
            switch c.op {
            case "p", "d", "q", "=": break
            case "s":
                guard i < chars.count else { throw err("unterminated `s' command") }
                let d = chars[i]
                i += 1
                let pattern = try delimited(d)
                let replacement = try delimited(d)
                var caseless = false
                while i < chars.count, !";\n} ".contains(chars[i]) {
                    switch chars[i] {
                    case "g": c.global = true
                    case "p": c.printAfter = true
                    case "i", "I": caseless = true
                    case let ch where ch.isNumber: c.occurrence = ch.wholeNumberValue ?? 1
                    default: throw err("unknown option to `s'")
                    }
                    i += 1
                }
                c.regex = try regex(pattern, caseless: caseless)
                c.template = Self.template(replacement)
            default:
                i -= 1
                throw err("unknown command: `\(c.op)'")
            }
            out.append(c)
        }
        return out
    }

    /// sed's replacement (`&`, `\1`…`\9`, `\n`, `\&`) as an NSRegularExpression template.
    static func template(_ r: String) -> String {
        var out = ""
        var chars = Array(r)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "\\", let n = chars.first {
                chars = chars.dropFirst()
                if n.isNumber { out += "$" + String(n) } else if n == "n" { out += "\n" } else if n == "&" { out += "&" }
                else if n == "$" { out += "\\$" } else { out.append(n) }
            } else if c == "&" {
                out += "$0"
            } else if c == "$" {
                out += "\\$"
            } else {
                out.append(c)
            }
        }
        return out
    }
}
