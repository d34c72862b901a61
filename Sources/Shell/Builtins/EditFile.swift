// `edit FILE`: opens a file of the workspace in the learner's editor — `$EDITOR`, else nano, else vi. It goes
// through the session's editor launcher, the same hook `kubectl edit` uses, so the TUI suspends curses around
// it and a replayed lesson never opens an editor again.
import Foundation
import MiniCluster

struct Edit: ShellCommand {
    let name = "edit"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let operands = args.first == "--" ? Array(args.dropFirst()) : args
        if let flag = operands.first, flag.hasPrefix("-"), flag != "-" {
            io.errLine("edit: unknown option \(flag)")
            io.errLine("usage: edit FILE")
            return 2
        }
        guard operands.count == 1, let path = operands.first, !path.isEmpty else {
            io.errLine(operands.isEmpty ? "edit: missing file operand" : "edit: one file at a time")
            io.errLine("usage: edit FILE")
            return 2
        }
        guard let url = session.resolve(path), url.path != "/dev/null" else {
            io.errLine("edit: \(path): Permission denied")
            return 1
        }
        if session.isDirectory(url) {
            io.errLine("edit: \(path): Is a directory")
            return 1
        }
        guard session.isDirectory(url.deletingLastPathComponent()) else {
            io.errLine("edit: \(path): No such file or directory")
            return 1
        }
        do {
            try session.editorLauncher.edit(file: url, env: Self.environment(session))
        } catch let KubectlFailure.plain(message) {
            io.errLine("edit: \(message)")
            return 1
        } catch {
            io.errLine("edit: \(error)")
            return 1
        }
        return 0
    }

    /// The editor's environment: the process's, the session's on top (but the learner's real HOME, where the
    /// editor's settings live), and KUBE_EDITOR blanked: it is for `kubectl edit` only.
    static func environment(_ session: ShellSession,
                            process: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var env = process.merging(session.env) { _, own in own }
        if let home = process["HOME"] { env["HOME"] = home }
        env["KUBE_EDITOR"] = ""
        return EditorChoice.withFallback(env)
    }
}

/// Which editor a learner gets when they have not chosen one.
public enum EditorChoice {
    /// `env` with EDITOR set to nano (when installed) or vi if neither KUBE_EDITOR nor EDITOR names one:
    /// a beginner is more at home in nano than in kubectl's default vi.
    public static func withFallback(_ env: [String: String]) -> [String: String] {
        guard (env["KUBE_EDITOR"] ?? "").isEmpty, (env["EDITOR"] ?? "").isEmpty else { return env }
        var out = env
        let path = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let hasNano = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/nano") }
        out["EDITOR"] = hasNano ? "nano" : "vi"
        return out
    }
}
