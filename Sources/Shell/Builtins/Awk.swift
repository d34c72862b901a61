// A very small `awk`: `[-F sep] '[/regex/ | NR==n] {print $1, $3, NF, "text"}'` — what learners use on kubectl output.
import Foundation

struct Awk: ShellCommand {
    let name = "awk"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let p = GetOpt(short: "F:").parse(args, tool: "awk", io: io) else { return 2 }
        var operands = p.operands
        guard !operands.isEmpty else {
            io.errLine("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]")
            return 2
        }
        let program = operands.removeFirst()
        guard let prog = Program(program) else {
            io.errLine("awk: syntax error in program: \(program)")
            return 2
        }
        let (texts, failed) = Inputs.read(operands, io: io, session: session) { name, _ in "awk: can't open file \(name)" }
        var nr = 0
        for l in texts.flatMap({ $0.text.lines }) {
            nr += 1
            let fields: [String]
            if let fs = p.value("F"), !fs.isEmpty, fs != " " {
                fields = l.components(separatedBy: fs == "\\t" ? "\t" : fs)
            } else {
                fields = l.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            }
            if !prog.selects(line: l, nr: nr) { continue }
            let sep = prog.commaSeparated ? " " : ""
            io.outLine(prog.items.map { item -> String in
                switch item {
                case .field(let n): return n == 0 ? l : (n <= fields.count ? fields[n - 1] : "")
                case .lastField: return fields.last ?? ""
                case .nf: return String(fields.count)
                case .nr: return String(nr)
                case .text(let s): return s
                }
            }.joined(separator: sep))
        }
        return failed ? 2 : 0
    }

    /// The parsed program: an optional pattern and the print list.
    struct Program {
        enum Item { case field(Int), lastField, nf, nr, text(String) }
        var regex: NSRegularExpression?
        var lineNumber: Int?
        var items: [Item] = []
        var commaSeparated = false

        init?(_ src: String) {
            var s = src.trimmingCharacters(in: .whitespaces)
            if s.hasPrefix("/"), let end = s.dropFirst().firstIndex(of: "/") {
                regex = try? NSRegularExpression(pattern: String(s[s.index(after: s.startIndex)..<end]))
                s = String(s[s.index(after: end)...]).trimmingCharacters(in: .whitespaces)
            } else if s.hasPrefix("NR=="), let brace = s.firstIndex(of: "{") {
                lineNumber = Int(s[s.index(s.startIndex, offsetBy: 4)..<brace].trimmingCharacters(in: .whitespaces))
                s = String(s[brace...])
            }
            if s.isEmpty { items = [.field(0)]; return }
            guard s.hasPrefix("{"), s.hasSuffix("}") else { return nil }
            var body = s.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            if body.hasSuffix(";") { body.removeLast() }
            guard body.hasPrefix("print") else { return nil }
            let args = body.dropFirst(5).trimmingCharacters(in: .whitespaces)
            if args.isEmpty { items = [.field(0)]; return }
            commaSeparated = args.contains(",")
            for a in Self.split(args) {
                if a.hasPrefix("\""), a.hasSuffix("\""), a.count >= 2 { items.append(.text(String(a.dropFirst().dropLast()))) } else if a == "$NF" {
                    items.append(.lastField)
                } else if a == "NF" { items.append(.nf) } else if a == "NR" { items.append(.nr) } else if a.hasPrefix("$"), let n = Int(a.dropFirst()) {
                    items.append(.field(n))
                } else {
                    return nil
                }
            }
        }

        /// Splits `$1, $2 "x"` at commas and blanks outside quotes.
        static func split(_ s: String) -> [String] {
            var out: [String] = [], cur = "", quoted = false
            for c in s {
                if c == "\"" { quoted.toggle(); cur.append(c); continue }
                if !quoted, c == "," || c == " " {
                    if !cur.isEmpty { out.append(cur); cur = "" }
                    continue
                }
                cur.append(c)
            }
            if !cur.isEmpty { out.append(cur) }
            return out
        }

        func selects(line: String, nr: Int) -> Bool {
            if let lineNumber { return nr == lineNumber }
            if let regex { return regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil }
            return true
        }
    }
}
