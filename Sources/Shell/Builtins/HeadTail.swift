// `head` and `tail`: -n N, -N, `tail -n +N`, -c N; `==> name <==` headers for several files.

struct Head: ShellCommand {
    let tail: Bool
    var name: String { tail ? "tail" : "head" }

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "n:c:qvf", long: ["lines": "n", "bytes": "c", "quiet": "q", "verbose": "v", "follow": "f"],
                         numberOption: "n")
        guard let p = opt.parse(args, tool: name, io: io) else { return 1 }
        var count = 10
        var fromStart = false
        var bytes = false
        if let v = p.options.last(where: { $0.0 == "n" || $0.0 == "c" }) {
            bytes = v.0 == "c"
            var s = v.1 ?? ""
            if tail, s.hasPrefix("+") { fromStart = true; s.removeFirst() }
            if !tail, s.hasPrefix("-") { s.removeFirst() }
            guard let n = Int(s), n >= 0 else {
                io.errLine("\(name): invalid number of \(bytes ? "bytes" : "lines"): ‘\(v.1 ?? "")’")
                return 1
            }
            count = n
        }
        let headers = (p.operands.count > 1 || p.has("v")) && !p.has("q")
        var first = true
        let failed = Inputs.each(p.operands, io: io, session: session, message: { n, prob in
            "\(name): cannot open '\(n)' for reading: \(prob.message)"
        }) { n, text in
            if headers { io.out((first ? "" : "\n") + "==> \(n == "-" ? "standard input" : n) <==\n") }
            first = false
            io.out(bytes ? cutBytes(text, count, fromStart) : cutLines(text, count, fromStart))
        }
        return failed ? 1 : 0
    }

    private func cutLines(_ text: String, _ n: Int, _ fromStart: Bool) -> String {
        let endsNL = text.hasSuffix("\n")
        var ls = text.split(separator: "\n", omittingEmptySubsequences: false)
        if endsNL { ls.removeLast() }
        let kept: ArraySlice<Substring>
        if !tail { kept = ls.prefix(n) } else if fromStart { kept = ls.dropFirst(max(0, n - 1)) } else { kept = ls.suffix(n) }
        if kept.isEmpty { return "" }
        let lastIsLast = tail || kept.count == ls.count
        return kept.joined(separator: "\n") + (lastIsLast && !endsNL ? "" : "\n")
    }

    private func cutBytes(_ text: String, _ n: Int, _ fromStart: Bool) -> String {
        let b = Array(text.utf8)
        let kept = !tail ? b.prefix(n) : fromStart ? b.dropFirst(max(0, n - 1)) : b.suffix(n)
        return String(decoding: kept, as: UTF8.self)
    }
}
