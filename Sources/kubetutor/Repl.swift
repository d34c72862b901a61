// The sandbox's interactive prompt: reads (possibly multi-line) commands with the line editor, lets virtual
// time follow wall time, and keeps history under $XDG_STATE_HOME/kubetutor/sandbox_history.
import Foundation
import MiniCluster
import Shell
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT handler while a command runs; the interpreter polls it.
nonisolated(unsafe) private var interruptFlag: sig_atomic_t = 0

final class Repl {
    let session: ShellSession
    private let editor = LineEditor()
    /// Wall time up to which the clusters' clocks have been moved.
    private var lastSync = Date()

    init(session: ShellSession) { self.session = session }

    func run() -> Int32 {
        signal(SIGINT) { _ in interruptFlag = 1 }
        session.interpreter.isInterrupted = { interruptFlag != 0 }
        session.sleepHandler = { [unowned self] d in self.sleep(d) }
        // gcloud's prompts read the learner's next line (nil at end of input or Ctrl-C: gcloud then aborts).
        session.promptReader = { [unowned self] in
            if case .line(let l) = self.editor.read(prompt: "") { return l }
            return nil
        }
        editor.history = loadHistory()
        let output = Output { stream, chunk in
            FileHandle(fileDescriptor: stream == .stdout ? 1 : 2).write(Data(chunk.utf8))
        }
        print("Welcome to the kubetutor sandbox. Type 'help' for what works here, 'exit' to leave.")
        var pending: String?
        while true {
            let prompt = pending == nil ? promptText() : "> "
            switch editor.read(prompt: prompt) {
            case .eof:
                if pending != nil { pending = nil; continue }
                return session.lastStatus
            case .interrupt:
                pending = nil
                session.lastStatus = 130
            case .line(let line):
                let text = pending.map { $0 + "\n" + line } ?? line
                if case .incomplete = ShellParser.parse(text) { pending = text; continue }
                pending = nil
                if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                remember(text)
                syncClock()
                interruptFlag = 0
                session.runLine(text, output: output)
                output.clear()
                if let code = session.exitRequested { return code }
            }
        }
    }

    /// `kubetutor:~/dir$ ` with the folder relative to the workspace.
    private func promptText() -> String {
        let root = session.root.standardizedFileURL.path
        let cwd = session.cwd.standardizedFileURL.path
        let rel = cwd == root ? "~" : cwd.hasPrefix(root + "/") ? "~" + cwd.dropFirst(root.count) : cwd
        return "kubetutor:\(rel)$ "
    }

    /// Moves every cluster on by the wall time since the last command.
    private func syncClock() {
        let now = Date()
        let ms = Int64(now.timeIntervalSince(lastSync) * 1000)
        lastSync = now
        if ms > 0 { session.advanceClusters(by: Duration(ms: ms)) }
    }

    /// `sleep` at the prompt waits for real (Ctrl-C stops it) and time passes on the clusters meanwhile.
    private func sleep(_ d: Duration) {
        syncClock()
        let end = Date().addingTimeInterval(Double(d.ms) / 1000)
        while Date() < end, interruptFlag == 0 {
            usleep(UInt32(min(50_000, max(0, end.timeIntervalSinceNow * 1_000_000))))
            syncClock()
        }
    }

    private var historyURL: URL? {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? env["HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent(".local/state") }
        return base?.appendingPathComponent("kubetutor/sandbox_history")
    }

    /// History holds single lines (a here-document comes back line by line, as it was typed).
    private func loadHistory() -> [String] {
        guard let u = historyURL, let d = FileManager.default.contents(atPath: u.path) else { return [] }
        return Array(String(decoding: d, as: UTF8.self).split(separator: "\n").map(String.init).suffix(1000))
    }

    private func remember(_ text: String) {
        let lines = text.split(separator: "\n").map(String.init)
        for l in lines where editor.history.last != l { editor.history.append(l) }
        guard let u = historyURL else { return }
        try? FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = Data(lines.map { $0 + "\n" }.joined().utf8)
        if let h = try? FileHandle(forWritingTo: u) {
            _ = try? h.seekToEnd()
            try? h.write(contentsOf: data)
            try? h.close()
        } else {
            _ = FileManager.default.createFile(atPath: u.path, contents: data)
        }
    }
}
