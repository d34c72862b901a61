// The one place `kubectl edit` starts a real program: `$KUBE_EDITOR`, then `$EDITOR`, else `vi`, run on a temp
// file with the terminal. Tests and the TUI swap in their own launcher (the TUI suspends curses around it).
import Foundation

/// Opens a file in an editor and returns when the editor exits.
public protocol EditorLauncher {
    /// Runs the editor on `file`. Throws `KubectlFailure` with kubectl's wording when it cannot run or fails.
    func edit(file: URL, env: [String: String]) throws
}

/// Starts the user's editor as a subprocess sharing this process's terminal.
public struct ProcessEditorLauncher: EditorLauncher {
    public init() {}

    /// kubectl's choice of editor command: the first non-empty of KUBE_EDITOR and EDITOR, else `vi`; split on
    /// spaces, or run through `$SHELL -c` when it holds quotes or backslashes.
    static func command(env: [String: String]) -> (args: [String], shell: Bool) {
        let editor = ["KUBE_EDITOR", "EDITOR"].compactMap { env[$0] }.first { !$0.isEmpty } ?? "vi"
        if !editor.contains(" ") { return ([editor], false) }
        if !editor.contains(where: { "\"'\\".contains($0) }) {
            return (editor.split(separator: " ", omittingEmptySubsequences: false).map(String.init), false)
        }
        let shell = env["SHELL"].flatMap { $0.isEmpty ? nil : $0 } ?? "/bin/bash"
        return ([shell, "-c", editor], true)
    }

    /// exec.LookPath: a name with a slash is used as is, others are searched in PATH.
    static func resolve(_ name: String, env: [String: String]) -> URL? {
        let fm = FileManager.default
        if name.contains("/") { return fm.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        for dir in (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if fm.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
        }
        return nil
    }

    public func edit(file: URL, env: [String: String]) throws {
        var (args, shell) = Self.command(env: env)
        let shown = args.joined(separator: " ")
        if shell { args[args.count - 1] += " \"\(file.path)\"" } else { args.append(file.path) }
        guard let exe = Self.resolve(args[0], env: env) else {
            throw KubectlFailure.plain("unable to launch the editor \"\(shown)\"")
        }
        let p = Process()
        p.executableURL = exe
        p.arguments = Array(args.dropFirst())
        p.environment = env
        do {
            try p.run()
        } catch {
            throw KubectlFailure.plain("unable to launch the editor \"\(shown)\"")
        }
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw KubectlFailure.plain("there was a problem with the editor \"\(shown)\"") }
    }
}
