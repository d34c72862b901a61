// `cut -d -f|-c`, `tr` (sets, ranges, classes, -d, -s), `tee [-a] FILE…`.

struct Cut: ShellCommand {
    let name = "cut"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "d:f:c:b:s", long: ["delimiter": "d", "fields": "f", "characters": "c", "bytes": "b",
                                                 "only-delimited": "s"])
        guard let p = opt.parse(args, tool: "cut", io: io) else { return 1 }
        guard let list = p.value("f") ?? p.value("c") ?? p.value("b") else {
            io.errLine("cut: you must specify a list of bytes, characters, or fields")
            io.errLine("Try 'cut --help' for more information.")
            return 1
        }
        guard let ranges = Self.ranges(list) else {
            io.errLine("cut: invalid field value ‘\(list)’")
            io.errLine("Try 'cut --help' for more information.")
            return 1
        }
        let delim = p.value("d") ?? "\t"
        guard delim.count == 1 else {
            io.errLine("cut: the delimiter must be a single character")
            io.errLine("Try 'cut --help' for more information.")
            return 1
        }
        func wanted(_ i: Int) -> Bool { ranges.contains { $0.contains(i) } }
        let failed = Inputs.each(p.operands, io: io, session: session, message: { "cut: \($0): \($1.message)" }) { _, text in
            for l in text.lines {
                if p.value("f") != nil {
                    let fields = l.components(separatedBy: delim)
                    if fields.count == 1 { if !p.has("s") { io.outLine(l) }; continue }
                    io.outLine(fields.enumerated().filter { wanted($0.offset + 1) }.map(\.element).joined(separator: delim))
                } else {
                    io.outLine(String(l.enumerated().filter { wanted($0.offset + 1) }.map(\.element)))
                }
            }
        }
        return failed ? 1 : 0
    }

    /// `1,3-4,6-`: 1-based closed ranges.
    static func ranges(_ s: String) -> [ClosedRange<Int>]? {
        var out: [ClosedRange<Int>] = []
        for part in s.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1 {
                guard let n = Int(bounds[0]), n >= 1 else { return nil }
                out.append(n...n)
            } else if bounds.count == 2 {
                let lo = bounds[0].isEmpty ? 1 : Int(bounds[0])
                let hi = bounds[1].isEmpty ? Int.max : Int(bounds[1])
                guard let lo, let hi, lo >= 1, lo <= hi else { return nil }
                out.append(lo...hi)
            } else {
                return nil
            }
        }
        return out.isEmpty ? nil : out
    }
}

struct Tr: ShellCommand {
    let name = "tr"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let p = GetOpt(short: "dsc", long: ["delete": "d", "squeeze-repeats": "s"]).parse(args, tool: "tr", io: io) else { return 1 }
        guard p.operands.count >= (p.has("d") || p.has("s") ? 1 : 2) else {
            io.errLine(p.operands.isEmpty ? "tr: missing operand" : "tr: missing operand after ‘\(p.operands[0])’")
            io.errLine("Try 'tr --help' for more information.")
            return 1
        }
        let set1 = Self.expand(p.operands[0])
        let set2 = p.operands.count > 1 ? Self.expand(p.operands[1]) : []
        var out = ""
        var last: Character?
        for c in io.stdin {
            var ch: Character? = c
            let inSet1 = set1.contains(c) != p.has("c")
            if p.has("d"), inSet1 { ch = nil } else if !p.has("d"), !set2.isEmpty, inSet1, let i = set1.firstIndex(of: c) {
                ch = set2[min(i, set2.count - 1)]
            }
            guard let ch else { continue }
            let squeezeSet = p.has("d") || set2.isEmpty ? (p.operands.count > 1 ? set2 : set1) : set2
            if p.has("s"), ch == last, squeezeSet.contains(ch) { continue }
            out.append(ch)
            last = ch
        }
        io.out(out)
        return 0
    }

    /// `a-z`, `[:upper:]`, `\n` → the characters of the set, in order.
    static func expand(_ s: String) -> [Character] {
        let classes: [String: String] = [
            "[:lower:]": "abcdefghijklmnopqrstuvwxyz", "[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "[:digit:]": "0123456789", "[:space:]": " \t\n\r\u{0B}\u{0C}", "[:blank:]": " \t",
            "[:alpha:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            "[:alnum:]": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        ]
        var out: [Character] = []
        var chars = Array(s)[...]
        while let c = chars.first {
            if c == "[", let (name, set) = classes.first(where: { String(chars.prefix($0.key.count)) == $0.key }) {
                out += set
                chars = chars.dropFirst(name.count)
                continue
            }
            chars = chars.dropFirst()
            var ch = c
            if c == "\\", let n = chars.first {
                chars = chars.dropFirst()
                ch = ["n": "\n", "t": "\t", "r": "\r", "\\": "\\"][n] ?? n
            }
            if chars.first == "-", chars.count > 1, let hi = chars.dropFirst().first,
               let a = ch.unicodeScalars.first?.value, let b = hi.unicodeScalars.first?.value, a <= b {
                for v in a...b { if let u = Unicode.Scalar(v) { out.append(Character(u)) } }
                chars = chars.dropFirst(2)
                continue
            }
            out.append(ch)
        }
        return out
    }
}

struct Tee: ShellCommand {
    let name = "tee"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let p = GetOpt(short: "a", long: ["append": "a"]).parse(args, tool: "tee", io: io) else { return 1 }
        var status: Int32 = 0
        for f in p.operands {
            if let prob = session.writeFile(f, io.stdin, append: p.has("a")) {
                io.errLine("tee: \(f): \(prob.message)")
                status = 1
            }
        }
        io.out(io.stdin)
        return status
    }
}
