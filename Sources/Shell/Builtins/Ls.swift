// `ls`, `ls -l`, `ls -a`: the real files of the workspace, laid out as GNU ls does (columns on a terminal,
// one name a line into a pipe).
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Ls: ShellCommand {
    let name = "ls"
    static let width = 80

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "laA1dhrt", long: ["all": "a", "almost-all": "A", "human-readable": "h", "directory": "d", "reverse": "r"])
        guard let p = opt.parse(args, tool: "ls", io: io) else { return 2 }
        let long = p.has("l"), all = p.has("a"), almostAll = p.has("A"), one = p.has("1") || !io.stdoutIsTerminal
        let targets = p.operands.isEmpty ? ["."] : p.operands
        var status: Int32 = 0
        var files: [String] = [], dirs: [String] = []
        for t in targets {
            guard let u = session.resolve(t) else {
                io.errLine("ls: cannot open directory '\(t)': Permission denied")
                status = 2
                continue
            }
            var st = stat()
            guard lstat(u.path, &st) == 0 else {
                io.errLine("ls: cannot access '\(t)': No such file or directory")
                status = 2
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR, !p.has("d") { dirs.append(t) } else { files.append(t) }
        }
        var sections: [String] = []
        if !files.isEmpty {
            let entries = files.sorted().map { Entry(name: $0, url: session.url(for: $0)) }
            sections.append(render(entries, long: long, one: one, withTotal: false, human: p.has("h")))
        }
        for d in dirs.sorted() {
            let base = session.url(for: d)
            var names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            if !all && !almostAll { names = names.filter { !$0.hasPrefix(".") } }
            if all { names += [".", ".."] }
            var entries = names.map { Entry(name: $0, url: base.appendingPathComponent($0)) }
            entries.sort { Self.order($0.name, $1.name) }
            if p.has("t") { entries.sort { $0.stat.st_mtim.tv_sec > $1.stat.st_mtim.tv_sec } }
            if p.has("r") { entries.reverse() }
            var text = render(entries, long: long, one: one, withTotal: true, human: p.has("h"))
            if targets.count > 1 { text = "\(d):\n" + text }
            sections.append(text)
        }
        io.out(sections.joined(separator: "\n"))
        return status
    }

    /// Name order of GNU ls in the C.UTF-8 locale: by code point.
    static func order(_ a: String, _ b: String) -> Bool { Array(a.unicodeScalars.map(\.value)).lexicographicallyPrecedes(b.unicodeScalars.map(\.value)) }

    struct Entry {
        var name: String
        var url: URL
        var stat: stat {
            var st = Glibc.stat()
            _ = lstat(url.path, &st)
            return st
        }
    }

    private func render(_ entries: [Entry], long: Bool, one: Bool, withTotal: Bool, human: Bool) -> String {
        if entries.isEmpty { return withTotal && long ? "total 0\n" : "" }
        if long { return Self.longListing(entries, withTotal: withTotal, human: human) }
        let names = entries.map(\.name)
        if one { return names.map { $0 + "\n" }.joined() }
        return Self.columns(names, width: Self.width)
    }

    /// GNU ls's vertical column layout: the fewest rows whose columns fit the width.
    static func columns(_ names: [String], width: Int) -> String {
        let n = names.count
        for cols in stride(from: n, through: 1, by: -1) {
            let rows = (n + cols - 1) / cols
            let usedCols = (n + rows - 1) / rows
            var widths: [Int] = []
            for c in 0..<usedCols {
                let col = names[(c * rows)..<min(n, (c + 1) * rows)]
                widths.append((col.map(\.count).max() ?? 0) + (c == usedCols - 1 ? 0 : 2))
            }
            if widths.reduce(0, +) <= width || cols == 1 {
                var out = ""
                for r in 0..<rows {
                    var line = ""
                    for c in 0..<usedCols where c * rows + r < n {
                        let name = names[c * rows + r]
                        let isLast = c == usedCols - 1 || (c + 1) * rows + r >= n
                        line += isLast ? name : name.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    }
                    out += line + "\n"
                }
                return out
            }
        }
        return ""
    }

    static func longListing(_ entries: [Entry], withTotal: Bool, human: Bool) -> String {
        var rows: [[String]] = []
        var blocks = 0
        let now = time(nil)
        for e in entries {
            let st = e.stat
            blocks += Int(st.st_blocks) / 2
            let mode = modeString(st.st_mode)
            let owner = getpwuid(st.st_uid).map { String(cString: $0.pointee.pw_name) } ?? String(st.st_uid)
            let group = getgrgid(st.st_gid).map { String(cString: $0.pointee.gr_name) } ?? String(st.st_gid)
            let size = human ? humanSize(Int64(st.st_size)) : String(st.st_size)
            var t = st.st_mtim.tv_sec
            var tmv = tm()
            localtime_r(&t, &tmv)
            var buf = [Int8](repeating: 0, count: 64)
            let recent = t <= now && now - t < 15_778_476  // six months, as ls decides
            strftime(&buf, 64, recent ? "%b %e %H:%M" : "%b %e  %Y", &tmv)
            var name = e.name
            if (st.st_mode & S_IFMT) == S_IFLNK, let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: e.url.path) {
                name += " -> " + dest
            }
            rows.append([mode, String(st.st_nlink), owner, group, size, String(cString: buf), name])
        }
        let w = (0..<6).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = withTotal ? "total \(human ? humanSize(Int64(blocks) * 1024) : String(blocks))\n" : ""
        for r in rows {
            out += r[0] + " " + String(repeating: " ", count: w[1] - r[1].count) + r[1] + " "
            out += r[2].padding(toLength: w[2], withPad: " ", startingAt: 0) + " "
            out += r[3].padding(toLength: w[3], withPad: " ", startingAt: 0) + " "
            out += String(repeating: " ", count: w[4] - r[4].count) + r[4] + " " + r[5] + " " + r[6] + "\n"
        }
        return out
    }

    static func modeString(_ m: mode_t) -> String {
        let type: String
        switch m & S_IFMT {
        case S_IFDIR: type = "d"
        case S_IFLNK: type = "l"
        default: type = "-"
        }
        let bits: [(mode_t, Character)] = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o040, "r"), (0o020, "w"), (0o010, "x"),
                                          (0o004, "r"), (0o002, "w"), (0o001, "x")]
        return type + String(bits.map { m & $0.0 != 0 ? $0.1 : "-" })
    }

    /// `ls -h` sizes: 4.0K, 12M.
    static func humanSize(_ n: Int64) -> String {
        if n < 1024 { return String(n) }
        var v = Double(n)
        for u in ["K", "M", "G", "T"] {
            v /= 1024
            if v < 1024 {
                return v < 10 ? String(format: "%.1f%@", (v * 10).rounded(.up) / 10, u) : "\(Int(v.rounded(.up)))\(u)"
            }
        }
        return String(n)
    }
}
