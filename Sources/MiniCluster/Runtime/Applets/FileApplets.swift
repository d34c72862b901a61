// File commands inside a container: cat, ls, touch, rm, mkdir, cd, pwd, cp, mv, find — busybox or GNU wording.
import Foundation

enum FileApplets {
    static let table: [String: Applet] = [
        "cat": cat, "ls": ls, "touch": touch, "rm": rm, "mkdir": mkdir, "cd": cd, "pwd": pwd, "cp": cp, "mv": mv,
        "find": find,
    ]

    /// Splits `-abc` style flags from operands (`--` ends flags).
    static func split(_ args: ArraySlice<String>) -> (flags: Set<Character>, operands: [String]) {
        var flags: Set<Character> = [], ops: [String] = []
        var done = false
        for a in args {
            if !done, a == "--" { done = true; continue }
            if !done, a.hasPrefix("-"), a.count > 1 { flags.formUnion(a.dropFirst()) } else { ops.append(a) }
        }
        return (flags, ops)
    }

    static let cat: Applet = { argv, io, host in
        let (_, ops) = split(argv.dropFirst())
        return host.eachInput("cat", ops, io) { _, t in io.out(t) } ? 0 : 1
    }

    static let pwd: Applet = { _, io, host in io.out(host.fs.cwd + "\n"); return 0 }

    static let cd: Applet = { argv, io, host in
        let target = argv.count > 1 ? argv[1] : "/root"
        let path = host.fs.absolute(target)
        guard host.fs.isDirectory(path) else {
            let why = host.fs.exists(path) ? "Not a directory" : "No such file or directory"
            io.err(host.userland == .busybox ? "sh: cd: can't cd to \(target): \(why)\n" : "sh: 1: cd: can't cd to \(target)\n")
            return host.userland == .busybox ? 2 : 2
        }
        host.fs.cwd = path
        host.shellEnv?.set("PWD", path, export: true)
        return 0
    }

    static let ls: Applet = { argv, io, host in
        let (flags, ops) = split(argv.dropFirst())
        let all = flags.contains("a") || flags.contains("A")
        let long = flags.contains("l")
        var status: Int32 = 0
        var files: [String] = [], dirs: [String] = []
        for op in ops.isEmpty ? ["."] : ops {
            if !host.fs.exists(op) {
                io.err(host.userland == .busybox ? "ls: \(op): No such file or directory\n"
                                               : "ls: cannot access '\(op)': No such file or directory\n")
                status = host.userland == .busybox ? 1 : 2
                continue
            }
            if host.fs.isDirectory(op), !flags.contains("d") { dirs.append(op) } else { files.append(op) }
        }
        func line(_ name: String, _ path: String) -> String {
            guard long else { return name }
            let isDir = host.fs.isDirectory(path)
            let size = isDir ? 4096 : (try? host.fs.read(path))?.utf8.count ?? 0
            let mode = isDir ? "drwxr-xr-x" : "-rw-r--r--"
            let date = LsDate.format(host.now)
            if host.userland == .busybox {
                return "\(mode)    \(isDir ? 2 : 1) root     root\(String(size).leftPadded(14, with: " ")) \(date) \(name)"
            }
            return "\(mode) \(isDir ? 2 : 1) root root \(String(size).leftPadded(4, with: " ")) \(date) \(name)"
        }
        for f in files { io.out(line(f, f) + "\n") }
        for (i, d) in dirs.enumerated() {
            if dirs.count + files.count > 1 { io.out((i > 0 || !files.isEmpty ? "\n" : "") + "\(d):\n") }
            guard case .success(var names) = host.fs.list(d) else { continue }
            if flags.contains("a") { names = [".", ".."] + names }
            if !all { names = names.filter { !$0.hasPrefix(".") } }
            if long, host.userland == .gnu { io.out("total \(names.count * 4)\n") }
            for n in names { io.out(line(n, d == "/" ? "/" + n : d + "/" + n) + "\n") }
        }
        return status
    }

    static let touch: Applet = { argv, io, host in
        let (_, ops) = split(argv.dropFirst())
        var status: Int32 = 0
        for op in ops where !host.fs.exists(op) {
            if case .failure(let e) = host.fs.write(file: op, "", append: true) {
                io.err(host.userland == .busybox ? "touch: \(op): \(e.text)\n" : "touch: cannot touch '\(op)': \(e.text)\n")
                status = 1
            }
        }
        return status
    }

    static let rm: Applet = { argv, io, host in
        let (flags, ops) = split(argv.dropFirst())
        let force = flags.contains("f"), recursive = flags.contains("r") || flags.contains("R")
        var status: Int32 = 0
        for op in ops {
            if !host.fs.exists(op) {
                if !force {
                    io.err(host.userland == .busybox ? "rm: can't remove '\(op)': No such file or directory\n"
                                                   : "rm: cannot remove '\(op)': No such file or directory\n")
                    status = 1
                }
                continue
            }
            if case .failure(let e) = host.fs.remove(op, recursive: recursive) {
                if e == .isDirectory {
                    io.err(host.userland == .busybox ? "rm: '\(op)' is a directory\n" : "rm: cannot remove '\(op)': Is a directory\n")
                } else {
                    io.err(host.userland == .busybox ? "rm: can't remove '\(op)': \(e.text)\n" : "rm: cannot remove '\(op)': \(e.text)\n")
                }
                status = 1
            }
        }
        return status
    }

    static let mkdir: Applet = { argv, io, host in
        let (flags, ops) = split(argv.dropFirst())
        var status: Int32 = 0
        for op in ops {
            if case .failure(let e) = host.fs.makeDirectory(op, parents: flags.contains("p")) {
                io.err(host.userland == .busybox ? "mkdir: can't create directory '\(op)': \(e.text)\n"
                                               : "mkdir: cannot create directory '\(op)': \(e.text)\n")
                status = 1
            }
        }
        return status
    }

    /// `cp SRC DST` and `mv SRC DST` for files (a directory destination keeps the name).
    static func copy(move: Bool) -> Applet {
        { argv, io, host in
            let tool = move ? "mv" : "cp"
            let (_, ops) = split(argv.dropFirst())
            guard ops.count >= 2 else {
                io.err(host.userland == .busybox ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: \(tool) [-fin] SOURCE... DIRECTORY\n"
                                               : "\(tool): missing file operand\nTry '\(tool) --help' for more information.\n")
                return 1
            }
            var dest = ops[ops.count - 1]
            var status: Int32 = 0
            for src in ops.dropLast() {
                switch host.fs.read(file: src) {
                case .failure(let e):
                    io.err(host.userland == .busybox ? "\(tool): can't stat '\(src)': \(e.text)\n"
                                                   : "\(tool): cannot stat '\(src)': \(e.text)\n")
                    status = 1
                case .success(let t):
                    if host.fs.isDirectory(dest) { dest = dest + "/" + Applets.base(src) }
                    if case .failure(let e) = host.fs.write(file: dest, t, append: false) {
                        io.err("\(tool): can't create '\(dest)': \(e.text)\n")
                        status = 1
                    } else if move {
                        _ = host.fs.remove(src, recursive: false)
                    }
                }
            }
            return status
        }
    }
    static let cp = copy(move: false)
    static let mv = copy(move: true)

    static let find: Applet = { argv, io, host in
        let args = Array(argv.dropFirst())
        let start = args.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "."
        var namePattern: String?
        if let i = args.firstIndex(of: "-name"), i + 1 < args.count { namePattern = args[i + 1] }
        guard host.fs.exists(start) else {
            io.err("find: \(start): No such file or directory\n")
            return 1
        }
        let root = host.fs.absolute(start)
        let shown = { (p: String) -> String in start == "." ? "." + p.dropFirst(root == "/" ? 0 : root.count) : start + p.dropFirst(root.count) }
        if namePattern == nil { io.out(start + "\n") }
        for p in host.fs.walk(start) where namePattern.map({ ShellPattern.matches($0, Applets.base(p)) }) ?? true {
            io.out(shown(p) + "\n")
        }
        return 0
    }
}

/// `Nov 26 09:00`, as ls prints recent times.
enum LsDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static func format(_ t: Timestamp) -> String {
        let c = t.civil
        return "\(months[c.month - 1]) \(String(c.day).leftPadded(2, with: " ")) \(String(format: "%02d:%02d", c.hour, c.minute))"
    }
}
