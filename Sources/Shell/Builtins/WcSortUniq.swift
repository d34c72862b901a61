// `wc` (-l -w -c -m), `sort` (-r -n -u -k -t -f), `uniq` (-c -d -u -i) with coreutils' layout.

struct Wc: ShellCommand {
    let name = "wc"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "lwcm", long: ["lines": "l", "words": "w", "bytes": "c", "chars": "m"])
        guard let p = opt.parse(args, tool: "wc", io: io) else { return 1 }
        var fields = [("l", p.has("l")), ("w", p.has("w")), ("m", p.has("m")), ("c", p.has("c"))].filter(\.1).map(\.0)
        if fields.isEmpty { fields = ["l", "w", "c"] }
        let (texts, failed) = Inputs.read(p.operands, io: io, session: session) { "wc: \($0): \($1.message)" }
        var rows: [([Int], String?)] = []
        var total = [Int](repeating: 0, count: fields.count)
        for (name, text) in texts {
            let counts = fields.map { f -> Int in
                switch f {
                case "l": return text.utf8.filter { $0 == 10 }.count
                case "w": return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).count
                case "m": return text.unicodeScalars.count
                default: return text.utf8.count
                }
            }
            for i in counts.indices { total[i] += counts[i] }
            rows.append((counts, name == "-" ? (p.operands.isEmpty ? nil : "-") : name))
        }
        if texts.count > 1 { rows.append((total, "total")) }
        // GNU sizes the columns from the total bytes of regular files; stdin forces 7; a single count needs none.
        var width = String(texts.filter { $0.name != "-" }.map { $0.text.utf8.count }.reduce(0, +)).count
        if texts.contains(where: { $0.name == "-" }) { width = max(width, 7) }
        if fields.count == 1, texts.count == 1 { width = 1 }
        for (counts, label) in rows {
            let cells = counts.map { String(repeating: " ", count: max(0, width - String($0).count)) + String($0) }
            io.outLine(cells.joined(separator: " ") + (label.map { " " + $0 } ?? ""))
        }
        return failed ? 1 : 0
    }
}

struct Sort: ShellCommand {
    let name = "sort"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "rnuk:t:fbh", long: ["reverse": "r", "numeric-sort": "n", "unique": "u", "key": "k",
                                                  "field-separator": "t", "ignore-case": "f"])
        guard let p = opt.parse(args, tool: "sort", io: io) else { return 2 }
        let (texts, failed) = Inputs.read(p.operands, io: io, session: session) { "sort: cannot read: \($0): \($1.message)" }
        if failed { return 2 }
        var lines = texts.flatMap { $0.text.lines }
        let sep = p.value("t").flatMap(\.first)
        let key = p.value("k").flatMap { Int($0.split(separator: ",").first?.split(separator: ".").first ?? "") }
        func keyOf(_ l: String) -> String {
            guard let key else { return l }
            if let sep {
                let f = l.split(separator: sep, omittingEmptySubsequences: false)
                return key - 1 < f.count ? f[(key - 1)...].joined(separator: String(sep)) : ""
            }
            let f = l.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return key - 1 < f.count ? f[(key - 1)...].joined(separator: " ") : ""
        }
        func number(_ s: String) -> Double {
            let t = s.drop { $0 == " " || $0 == "\t" }
            let num = t.prefix { $0.isNumber || $0 == "." || $0 == "-" }
            return Double(num) ?? 0
        }
        let fold = p.has("f")
        func less(_ a: String, _ b: String) -> Bool {
            let ka = keyOf(a), kb = keyOf(b)
            if p.has("n") {
                let na = number(ka), nb = number(kb)
                if na != nb { return na < nb }
            } else {
                let ca = fold ? ka.uppercased() : ka, cb = fold ? kb.uppercased() : kb
                if ca != cb { return Array(ca.utf8).lexicographicallyPrecedes(Array(cb.utf8)) }
            }
            // Last resort, as GNU sort: the whole line by bytes.
            return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        }
        lines.sort(by: less)
        if p.has("r") { lines.reverse() }
        if p.has("u") {
            var out: [String] = []
            for l in lines where out.last.map({ keyOf($0) != keyOf(l) }) ?? true { out.append(l) }
            lines = out
        }
        io.out(lines.map { $0 + "\n" }.joined())
        return 0
    }
}

struct Uniq: ShellCommand {
    let name = "uniq"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "cdui", long: ["count": "c", "repeated": "d", "unique": "u", "ignore-case": "i"])
        guard let p = opt.parse(args, tool: "uniq", io: io) else { return 1 }
        let (texts, failed) = Inputs.read(Array(p.operands.prefix(1)), io: io, session: session) { "uniq: \($0): \($1.message)" }
        if failed { return 1 }
        var groups: [(String, Int)] = []
        for l in texts.flatMap({ $0.text.lines }) {
            if let last = groups.last, p.has("i") ? last.0.lowercased() == l.lowercased() : last.0 == l {
                groups[groups.count - 1].1 += 1
            } else {
                groups.append((l, 1))
            }
        }
        for (l, n) in groups {
            if p.has("d"), n < 2 { continue }
            if p.has("u"), n > 1 { continue }
            io.outLine(p.has("c") ? String(repeating: " ", count: max(0, 7 - String(n).count)) + "\(n) \(l)" : l)
        }
        return 0
    }
}
