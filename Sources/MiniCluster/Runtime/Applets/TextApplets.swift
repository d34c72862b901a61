// Text commands inside a container: echo, printf, grep, wc, head, tail, test, seq, sort, basename, dirname, tee.
import Foundation

enum TextApplets {
    static let table: [String: Applet] = [
        "echo": echo, "printf": printf, "grep": grep, "wc": wc, "head": head(tail: false), "tail": head(tail: true),
        "test": test, "[": test, "seq": seq, "sort": sort, "basename": basename, "dirname": dirname, "tee": tee,
        "true": { _, _, _ in 0 }, "false": { _, _, _ in 1 },
    ]

    static let echo: Applet = { argv, io, _ in
        var args = Array(argv.dropFirst())
        var newline = true, escapes = false
        while let a = args.first, a.hasPrefix("-"), a.count > 1, a.dropFirst().allSatisfy({ "neE".contains($0) }) {
            if a.contains("n") { newline = false }
            if a.contains("e") { escapes = true }
            args.removeFirst()
        }
        var text = args.joined(separator: " ")
        if escapes { text = unescape(text) }
        io.out(text + (newline ? "\n" : ""))
        return 0
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
            .replacingOccurrences(of: "\\\\", with: "\\")
    }

    /// `printf FORMAT ARGS…` with %s %d %i %f %x %% and the format reused while arguments remain.
    static let printf: Applet = { argv, io, _ in
        guard argv.count > 1 else { io.err("printf: usage: printf format [arguments]\n"); return 1 }
        let format = unescape(argv[1])
        var args = Array(argv.dropFirst(2))
        repeat {
            var out = ""
            var i = format.startIndex
            while i < format.endIndex {
                let c = format[i]
                i = format.index(after: i)
                guard c == "%", i < format.endIndex else { out.append(c); continue }
                var spec = ""
                while i < format.endIndex, "-0123456789.".contains(format[i]) { spec.append(format[i]); i = format.index(after: i) }
                guard i < format.endIndex else { break }
                let conv = format[i]
                i = format.index(after: i)
                if conv == "%" { out.append("%"); continue }
                let arg = args.isEmpty ? "" : args.removeFirst()
                switch conv {
                case "d", "i": out += String(format: "%\(spec)lld", Int64(arg) ?? 0)
                case "x": out += String(format: "%\(spec)llx", Int64(arg) ?? 0)
                case "f": out += String(format: "%\(spec)f", Double(arg) ?? 0)
                default:
                    let width = Int(spec.filter(\.isNumber)) ?? 0
                    out += spec.hasPrefix("-") ? arg.padding(toLength: max(width, arg.count), withPad: " ", startingAt: 0) : arg.leftPadded(width, with: " ")
                }
            }
            io.out(out)
        } while !args.isEmpty
        return 0
    }

    static let grep: Applet = { argv, io, host in
        var args = Array(argv.dropFirst())
        var flags: Set<Character> = []
        var pattern: String?
        var operands: [String] = []
        while !args.isEmpty {
            let a = args.removeFirst()
            if a == "-e", !args.isEmpty { pattern = args.removeFirst(); continue }
            if a.hasPrefix("-"), a.count > 1 { flags.formUnion(a.dropFirst()); continue }
            if pattern == nil { pattern = a } else { operands.append(a) }
        }
        guard let pat = pattern else {
            io.err(host.userland == .busybox ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n"
                                           : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
            return 2
        }
        let source = flags.contains("F") ? NSRegularExpression.escapedPattern(for: pat)
            : flags.contains("E") ? pat : pat.replacingOccurrences(of: "\\|", with: "|")
        guard let re = try? NSRegularExpression(pattern: source, options: flags.contains("i") ? [.caseInsensitive] : []) else {
            io.err("grep: bad regex '\(pat)'\n")
            return 2
        }
        var matched = false
        let names = operands.count > 1
        let ok = host.eachInput("grep", operands, io) { name, text in
            var count = 0
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if n == text.split(separator: "\n", omittingEmptySubsequences: false).count - 1, line.isEmpty { break }
                let s = String(line)
                let hit = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
                guard hit != flags.contains("v") else { continue }
                matched = true
                count += 1
                if flags.contains("q") || flags.contains("c") { continue }
                io.out((names ? name + ":" : "") + (flags.contains("n") ? "\(n + 1):" : "") + s + "\n")
            }
            if flags.contains("c") { io.out((names ? name + ":" : "") + "\(count)\n") }
        }
        if !ok { return 2 }
        return matched ? 0 : 1
    }

    static let wc: Applet = { argv, io, host in
        let (flags, ops) = FileApplets.split(argv.dropFirst())
        let pick = flags.isEmpty ? Set<Character>(["l", "w", "c"]) : flags
        var status: Int32 = 0
        let ok = host.eachInput("wc", ops, io) { name, text in
            var fields: [Int] = []
            if pick.contains("l") { fields.append(text.filter { $0 == "\n" }.count) }
            if pick.contains("w") { fields.append(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count) }
            if pick.contains("c") { fields.append(text.utf8.count) }
            let width = host.userland == .busybox ? (fields.count == 1 ? 0 : 9) : (fields.count == 1 ? 0 : 7)
            var line = fields.map { String($0).leftPadded(width, with: " ") }.joined(separator: host.userland == .busybox && width > 0 ? " " : " ")
            if name != "-" { line += " \(name)" }
            io.out(line + "\n")
        }
        if !ok { status = 1 }
        return status
    }

    static func head(tail: Bool) -> Applet {
        { argv, io, host in
            var args = Array(argv.dropFirst())
            var n = 10
            var ops: [String] = []
            while !args.isEmpty {
                let a = args.removeFirst()
                if a == "-n", !args.isEmpty { n = Int(args.removeFirst().replacingOccurrences(of: "+", with: "")) ?? 10; continue }
                if a.hasPrefix("-n") { n = Int(a.dropFirst(2)) ?? 10; continue }
                if a == "-f" { continue }
                if a.hasPrefix("-"), let v = Int(a.dropFirst()) { n = v; continue }
                ops.append(a)
            }
            let ok = host.eachInput(tail ? "tail" : "head", ops, io) { _, text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if lines.last == "" { lines.removeLast() }
                let picked = tail ? lines.suffix(n) : lines.prefix(n)
                if !picked.isEmpty { io.out(picked.joined(separator: "\n") + "\n") }
            }
            return ok ? 0 : 1
        }
    }

    /// `test`/`[`: file tests, string tests, integer comparisons, `!`, `-a`, `-o`.
    static let test: Applet = { argv, io, host in
        var args = Array(argv.dropFirst())
        if argv.first == "[" {
            guard args.last == "]" else { io.err("sh: missing ]\n"); return 2 }
            args.removeLast()
        }
        func eval(_ a: ArraySlice<String>) -> Bool? {
            if let i = a.firstIndex(of: "-o") { return (eval(a[..<i]) ?? false) || (eval(a[(i + 1)...]) ?? false) }
            if let i = a.firstIndex(of: "-a") { return (eval(a[..<i]) ?? false) && (eval(a[(i + 1)...]) ?? false) }
            let x = Array(a)
            if x.first == "!" { return eval(a.dropFirst()).map { !$0 } }
            switch x.count {
            case 0: return false
            case 1: return !x[0].isEmpty
            case 2:
                let p = x[1]
                switch x[0] {
                case "-z": return p.isEmpty
                case "-n": return !p.isEmpty
                case "-e": return host.fs.exists(p)
                case "-f": return host.fs.exists(p) && !host.fs.isDirectory(p)
                case "-d": return host.fs.isDirectory(p)
                case "-s": return ((try? host.fs.read(p)) ?? "").isEmpty == false
                case "-r", "-w", "-x": return host.fs.exists(p)
                default: return nil
                }
            case 3:
                let (l, op, r) = (x[0], x[1], x[2])
                switch op {
                case "=", "==": return l == r
                case "!=": return l != r
                default:
                    guard let a = Int(l), let b = Int(r) else {
                        io.err("sh: \(Int(l) == nil ? l : r): bad number\n")
                        return nil
                    }
                    switch op {
                    case "-eq": return a == b
                    case "-ne": return a != b
                    case "-lt": return a < b
                    case "-le": return a <= b
                    case "-gt": return a > b
                    case "-ge": return a >= b
                    default: return nil
                    }
                }
            default: return nil
            }
        }
        guard let r = eval(args[...]) else { return 2 }
        return r ? 0 : 1
    }

    static let seq: Applet = { argv, io, _ in
        let nums = argv.dropFirst().compactMap { Int($0) }
        let (first, step, last): (Int, Int, Int)
        switch nums.count {
        case 1: (first, step, last) = (1, 1, nums[0])
        case 2: (first, step, last) = (nums[0], 1, nums[1])
        case 3: (first, step, last) = (nums[0], nums[1], nums[2])
        default: return 1
        }
        guard step != 0 else { return 1 }
        var out = ""
        for v in stride(from: first, through: last, by: step).prefix(100_000) { out += "\(v)\n" }
        io.out(out)
        return 0
    }

    static let sort: Applet = { argv, io, host in
        let (flags, ops) = FileApplets.split(argv.dropFirst())
        var lines: [String] = []
        let ok = host.eachInput("sort", ops, io) { _, t in lines += t.split(separator: "\n").map(String.init) }
        if flags.contains("n") { lines.sort { (Double($0) ?? 0) < (Double($1) ?? 0) } } else { lines.sort() }
        if flags.contains("r") { lines.reverse() }
        if flags.contains("u") { var seen: Set<String> = []; lines = lines.filter { seen.insert($0).inserted } }
        if !lines.isEmpty { io.out(lines.joined(separator: "\n") + "\n") }
        return ok ? 0 : 2
    }

    static let basename: Applet = { argv, io, _ in
        guard argv.count > 1 else { return 1 }
        var b = Applets.base(argv[1])
        if argv.count > 2, b.hasSuffix(argv[2]), b != argv[2] { b = String(b.dropLast(argv[2].count)) }
        io.out(b + "\n")
        return 0
    }

    static let dirname: Applet = { argv, io, _ in
        guard argv.count > 1 else { return 1 }
        let comps = argv[1].split(separator: "/").dropLast()
        io.out((comps.isEmpty ? (argv[1].hasPrefix("/") ? "/" : ".") : (argv[1].hasPrefix("/") ? "/" : "") + comps.joined(separator: "/")) + "\n")
        return 0
    }

    static let tee: Applet = { argv, io, host in
        let (flags, ops) = FileApplets.split(argv.dropFirst())
        io.out(io.stdin)
        var status: Int32 = 0
        for op in ops {
            if case .failure(let e) = host.fs.write(file: op, io.stdin, append: flags.contains("a")) {
                io.err("tee: \(op): \(e.text)\n")
                status = 1
            }
        }
        return status
    }
}
