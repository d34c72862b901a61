// `mkdir [-p]`, `touch`, `rm [-r] [-f]`, `cp`, `mv` on the workspace's files, with coreutils' messages.
import Foundation

struct Mkdir: ShellCommand {
    let name = "mkdir"
    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let p = GetOpt(short: "pv", long: ["parents": "p"]).parse(args, tool: name, io: io) else { return 1 }
        guard !p.operands.isEmpty else { return missingOperand(name, io) }
        var status: Int32 = 0
        for d in p.operands {
            guard let u = session.resolve(d) else {
                io.errLine("mkdir: cannot create directory ‘\(d)’: Permission denied"); status = 1; continue
            }
            if FileManager.default.fileExists(atPath: u.path) {
                if p.has("p"), session.isDirectory(u) { continue }
                io.errLine("mkdir: cannot create directory ‘\(d)’: File exists"); status = 1; continue
            }
            guard p.has("p") || session.isDirectory(u.deletingLastPathComponent()) else {
                io.errLine("mkdir: cannot create directory ‘\(d)’: No such file or directory"); status = 1; continue
            }
            do { try FileManager.default.createDirectory(at: u, withIntermediateDirectories: p.has("p")) } catch {
                io.errLine("mkdir: cannot create directory ‘\(d)’: Permission denied"); status = 1
            }
        }
        return status
    }
}

struct Touch: ShellCommand {
    let name = "touch"
    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let operands = args.filter { !$0.hasPrefix("-") }
        guard !operands.isEmpty else { return missingOperand(name, io) }
        var status: Int32 = 0
        for f in operands {
            guard let u = session.resolve(f) else { io.errLine("touch: cannot touch '\(f)': Permission denied"); status = 1; continue }
            if FileManager.default.fileExists(atPath: u.path) {
                try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: u.path)
            } else if !FileManager.default.createFile(atPath: u.path, contents: Data()) {
                io.errLine("touch: cannot touch '\(f)': No such file or directory"); status = 1
            }
        }
        return status
    }
}

struct Rm: ShellCommand {
    let name = "rm"
    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let p = GetOpt(short: "rRfvd", long: ["recursive": "r", "force": "f"]).parse(args, tool: name, io: io) else { return 1 }
        let recursive = p.has("r") || p.has("R")
        guard !p.operands.isEmpty else { return p.has("f") ? 0 : missingOperand(name, io) }
        var status: Int32 = 0
        for f in p.operands {
            guard let u = session.resolve(f), u.path != session.root.standardizedFileURL.path else {
                io.errLine("rm: cannot remove '\(f)': Permission denied"); status = 1; continue
            }
            guard FileManager.default.fileExists(atPath: u.path) else {
                if !p.has("f") { io.errLine("rm: cannot remove '\(f)': No such file or directory"); status = 1 }
                continue
            }
            if session.isDirectory(u), !recursive {
                io.errLine("rm: cannot remove '\(f)': Is a directory"); status = 1; continue
            }
            do { try FileManager.default.removeItem(at: u) } catch {
                io.errLine("rm: cannot remove '\(f)': Permission denied"); status = 1
            }
        }
        return status
    }
}

/// `cp SRC DEST` and `mv SRC DEST` (DEST may be a folder).
struct CopyMove: ShellCommand {
    let move: Bool
    var name: String { move ? "mv" : "cp" }

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let p = GetOpt(short: "rRfv", long: ["recursive": "r", "force": "f"]).parse(args, tool: name, io: io) else { return 1 }
        guard p.operands.count >= 2 else {
            if p.operands.isEmpty { return missingOperand(name, io) }
            io.errLine("\(name): missing destination file operand after '\(p.operands[0])'")
            io.errLine("Try '\(name) --help' for more information.")
            return 1
        }
        let dest = p.operands.last!
        var status: Int32 = 0
        for src in p.operands.dropLast() {
            guard let s = session.resolve(src), let d0 = session.resolve(dest) else {
                io.errLine("\(name): cannot stat '\(src)': Permission denied"); status = 1; continue
            }
            guard FileManager.default.fileExists(atPath: s.path) else {
                io.errLine("\(name): cannot stat '\(src)': No such file or directory"); status = 1; continue
            }
            if !move, session.isDirectory(s), !(p.has("r") || p.has("R")) {
                io.errLine("cp: -r not specified; omitting directory '\(src)'"); status = 1; continue
            }
            let d = session.isDirectory(d0) ? d0.appendingPathComponent(s.lastPathComponent) : d0
            try? FileManager.default.removeItem(at: d)
            do {
                if move { try FileManager.default.moveItem(at: s, to: d) } else { try FileManager.default.copyItem(at: s, to: d) }
            } catch {
                io.errLine("\(name): cannot create regular file '\(dest)': No such file or directory"); status = 1
            }
        }
        return status
    }
}

private func missingOperand(_ tool: String, _ io: CommandIO) -> Int32 {
    io.errLine("\(tool): missing operand")
    io.errLine("Try '\(tool) --help' for more information.")
    return 1
}
