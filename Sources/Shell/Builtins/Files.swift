// `cat`, `cd`, `pwd`: the workspace's files and folders.
import Foundation

struct Cat: ShellCommand {
    let name = "cat"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let p = GetOpt(short: "n", long: ["number": "n"]).parse(args, tool: "cat", io: io) else { return 1 }
        var n = 0
        let failed = Inputs.each(p.operands, io: io, session: session, message: { "cat: \($0): \($1.message)" }) { _, text in
            if p.has("n") {
                if text.isEmpty { return }
                var ls = text.split(separator: "\n", omittingEmptySubsequences: false)
                if text.hasSuffix("\n") { ls.removeLast() }
                let numbered = ls.map { l -> String in
                    n += 1
                    return String(repeating: " ", count: max(0, 6 - String(n).count)) + "\(n)\t\(l)"
                }
                io.out(numbered.joined(separator: "\n") + (text.hasSuffix("\n") ? "\n" : ""))
            } else {
                io.out(text)
            }
        }
        return failed ? 1 : 0
    }
}

struct Cd: ShellCommand {
    let name = "cd"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        var target = args.first ?? session.shell["HOME"] ?? session.root.path
        if target == "-" { target = session.shell["OLDPWD"] ?? session.cwd.path }
        guard let u = session.resolve(target), u.path != "/dev/null" else {
            io.errLine("sh: cd: \(target): Permission denied")
            return 1
        }
        var dir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: u.path, isDirectory: &dir) else {
            io.errLine("sh: cd: \(target): No such file or directory")
            return 1
        }
        guard dir.boolValue else {
            io.errLine("sh: cd: \(target): Not a directory")
            return 1
        }
        session.shell.set("OLDPWD", session.cwd.path, export: true)
        session.cwd = u
        session.shell.set("PWD", u.path, export: true)
        if args.first == "-" { io.outLine(u.path) }
        return 0
    }
}

struct Pwd: ShellCommand {
    let name = "pwd"
    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        io.outLine(session.cwd.standardizedFileURL.path)
        return 0
    }
}

/// `env`: the exported variables; `env A=b cmd` runs cmd with A set.
struct Env: ShellCommand {
    let name = "env"
    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        var rest = args[...]
        var extra: [(String, String)] = []
        while let a = rest.first, let eq = a.firstIndex(of: "="), a[..<eq].isEmpty == false {
            extra.append((String(a[..<eq]), String(a[a.index(after: eq)...])))
            rest = rest.dropFirst()
        }
        if let cmd = rest.first {
            let saved = extra.map { ($0.0, session.shell[$0.0], session.shell.exported.contains($0.0)) }
            for (k, v) in extra { session.shell.set(k, v, export: true) }
            defer {
                for (k, old, wasExported) in saved {
                    session.shell.variables[k] = old
                    if !wasExported { session.shell.exported.remove(k) }
                }
            }
            guard session.commands[cmd] != nil else {
                io.errLine("env: ‘\(cmd)’: No such file or directory")
                return 127
            }
            return session.run(argv: Array(rest), io: io)
        }
        var vars = session.env
        for (k, v) in extra { vars[k] = v }
        for (k, v) in vars.sorted(by: { $0.key < $1.key }) { io.outLine("\(k)=\(v)") }
        return 0
    }
}
