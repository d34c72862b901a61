// `grep` with -i -v -c -E -F -w -x -n -o -q -l -h -H -e -m -A -B -C: GNU grep's output and exit codes (0 match, 1 none, 2 error).
import Foundation

struct Grep: ShellCommand {
    let name = "grep"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "ivcEFwxnoqlhHe:m:A:B:C:", long: ["max-count": "m", "after-context": "A", "before-context": "B", "context": "C", "ignore-case": "i", "invert-match": "v", "count": "c",
                                                         "extended-regexp": "E", "fixed-strings": "F", "word-regexp": "w",
                                                         "line-regexp": "x", "line-number": "n", "only-matching": "o",
                                                         "quiet": "q", "silent": "q", "files-with-matches": "l",
                                                         "no-filename": "h", "with-filename": "H", "regexp": "e"])
        guard let p = opt.parse(args, tool: "grep", io: io) else {
            return 2
        }
        var operands = p.operands
        var patterns = p.options.filter { $0.0 == "e" }.compactMap(\.1)
        if patterns.isEmpty {
            guard !operands.isEmpty else {
                io.errLine("Usage: grep [OPTION]... PATTERNS [FILE]...")
                io.errLine("Try 'grep --help' for more information.")
                return 2
            }
            patterns = operands.removeFirst().components(separatedBy: "\n")
        }
        var regexes: [NSRegularExpression] = []
        for pat in patterns {
            var source = p.has("F") ? NSRegularExpression.escapedPattern(for: pat) : p.has("E") ? pat : Self.basicToICU(pat)
            if p.has("w") { source = "(?<![\\p{L}\\p{N}_])(?:\(source))(?![\\p{L}\\p{N}_])" }
            if p.has("x") { source = "^(?:\(source))$" }
            guard let re = try? NSRegularExpression(pattern: source, options: p.has("i") ? [.caseInsensitive] : []) else {
                io.errLine("grep: Unmatched ( or \\(")
                return 2
            }
            regexes.append(re)
        }
        var context = (before: 0, after: 0)
        for (flag, value) in p.options where ["A", "B", "C"].contains(flag) {
            guard let v = value, let n = Int(v), n >= 0 else {
                io.errLine("grep: \(value ?? ""): invalid context length argument")
                return 2
            }
            if flag != "A" { context.before = n }
            if flag != "B" { context.after = n }
        }
        var maxCount = Int.max
        if let m = p.options.last(where: { $0.0 == "m" })?.1 {
            guard let n = Int(m) else {
                io.errLine("grep: invalid max count")
                return 2
            }
            maxCount = n < 0 ? Int.max : n
        }
        let showNames = p.has("H") || (operands.count > 1 && !p.has("h"))
        /// The last line printed, to know when GNU grep's `--` group separator is due (-A/-B/-C).
        var lastPrinted: (file: String, line: Int)?
        var matchedAny = false
        var quit = false
        let failed = Inputs.each(operands, io: io, session: session, message: { "grep: \($0): \($1.message)" }) { name, text in
            if quit { return }
            let label = name == "-" ? "(standard input)" : name
            var count = 0
            let lines = text.lines
            var afterLeft = 0
            func printContext(_ i: Int) {
                if let last = lastPrinted, last.file != label || last.line < i - 1 { io.outLine("--") }
                io.outLine((showNames ? label + "-" : "") + (p.has("n") ? "\(i + 1)-" : "") + lines[i])
                lastPrinted = (label, i)
            }
            for (i, line) in lines.enumerated() {
                if count >= maxCount {
                    // GNU grep still prints the trailing context of the last match.
                    if afterLeft > 0, !p.has("c"), !p.has("l") { afterLeft -= 1; printContext(i); continue }
                    break
                }
                let range = NSRange(line.startIndex..., in: line)
                let hits = regexes.flatMap { $0.matches(in: line, range: range) }.filter { $0.range.length > 0 || !p.has("o") }
                let matched = !hits.isEmpty
                guard matched != p.has("v") else {
                    if afterLeft > 0, !p.has("c"), !p.has("l") { afterLeft -= 1; printContext(i) }
                    continue
                }
                count += 1
                matchedAny = true
                if p.has("q") { quit = true; return }
                if p.has("c") || p.has("l") { continue }
                if context.before > 0 || context.after > 0 {
                    let from = max(lastPrinted?.file == label ? (lastPrinted?.line ?? -1) + 1 : 0, i - context.before)
                    for j in stride(from: from, to: i, by: 1) { printContext(j) }
                    if let last = lastPrinted, last.file != label || last.line < i - 1 { io.outLine("--") }
                    lastPrinted = (label, i)
                    afterLeft = context.after
                }
                let prefix = (showNames ? label + ":" : "") + (p.has("n") ? "\(i + 1):" : "")
                if p.has("o"), !p.has("v") {
                    for h in hits.sorted(by: { $0.range.location < $1.range.location }) {
                        if let r = Range(h.range, in: line) { io.outLine(prefix + line[r]) }
                    }
                } else {
                    io.outLine(prefix + line)
                }
            }
            if p.has("l"), count > 0 { io.outLine(label) } else if p.has("c") {
                io.outLine((showNames ? label + ":" : "") + String(count))
            }
        }
        if quit { return 0 }
        if failed { return 2 }
        return matchedAny ? 0 : 1
    }

    /// POSIX basic regular expressions (with GNU's `\|`, `\+`, `\?`) rewritten for ICU.
    static func basicToICU(_ s: String) -> String {
        var out = ""
        var chars = Array(s)[...]
        var atStart = true
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "\\", let n = chars.first {
                chars = chars.dropFirst()
                if "(){}|+?".contains(n) { out.append(n) } else { out += "\\" + String(n) }
            } else if "(){}|+?".contains(c) {
                out += "\\" + String(c)
            } else if c == "*", atStart {
                out += "\\*"
            } else {
                out.append(c)
            }
            atStart = c == "^" && out.count == 1
        }
        return out
    }
}
