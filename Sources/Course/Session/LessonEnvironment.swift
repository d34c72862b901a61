// A lesson's world: a shell session with the lesson's cluster, its workspace folder and its files, and the
// replayable log of everything that changed it (the engine has no snapshots: replaying the log restores it).
import Foundation
import MiniCluster
import Shell

/// One step of a lesson's history.
public enum LogEntry: Codable, Equatable {
    /// A command line as the learner typed it.
    case command(String)
    /// Virtual time let pass (`:check` on a task with `within`), in milliseconds.
    case advance(Int64)
    /// What the learner typed at a prompt of the command before it (gcloud's `Do you want to continue (Y/n)?`).
    case answer(String)

    private enum Key: String, CodingKey { case run, advanceMs, answer }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let s = try c.decodeIfPresent(String.self, forKey: .run) { self = .command(s); return }
        if let s = try c.decodeIfPresent(String.self, forKey: .answer) { self = .answer(s); return }
        self = .advance(try c.decode(Int64.self, forKey: .advanceMs))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .command(let s): try c.encode(s, forKey: .run)
        case .advance(let ms): try c.encode(ms, forKey: .advanceMs)
        case .answer(let s): try c.encode(s, forKey: .answer)
        }
    }
}

/// An editor that changes nothing: replaying `kubectl edit` must not open a real editor again.
struct NoEditor: EditorLauncher {
    func edit(file: URL, env: [String: String]) throws {}
}

public final class LessonEnvironment {
    public let lesson: Lesson
    public let session: ShellSession
    public let workspace: URL
    public let seed: UInt64

    /// A fresh environment: a new cluster (as the lesson asks) and the lesson's files written into `workspace`
    /// (existing files are kept when `keepFiles`, so a resumed lesson keeps the learner's edits).
    public init(lesson: Lesson, workspace: URL, seed: UInt64 = 1, keepFiles: Bool = false) {
        self.lesson = lesson
        self.workspace = workspace
        self.seed = seed
        let fm = FileManager.default
        if !keepFiles { try? fm.removeItem(at: workspace) }
        try? fm.createDirectory(at: workspace, withIntermediateDirectories: true)
        let env = ["HOME": workspace.path, "PWD": workspace.path, "USER": "learner"]
        switch lesson.cluster {
        case .none:
            session = ShellSession(cwd: workspace, env: env)
        case .default:
            session = ShellSession.withDefaultCluster(cwd: workspace, seed: seed)
            session.env = session.env.merging(env) { _, new in new }
        }
        for f in lesson.files {
            let url = workspace.appendingPathComponent(f.path)
            if keepFiles, fm.fileExists(atPath: url.path) { continue }
            try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(f.content.utf8).write(to: url)
        }
    }

    /// Runs the lesson's setup commands silently; returns the first that failed, with what it wrote to stderr.
    @discardableResult
    public func runSetup() -> (command: String, status: Int32, stderr: String)? {
        for cmd in lesson.setup {
            let out = Output()
            let status = session.runLine(cmd, output: out)
            if status != 0 { return (cmd, status, out.stderr) }
        }
        session.lastStatus = 0
        return nil
    }

    /// Replays a log silently (a resumed lesson), with an editor that changes nothing.
    public func replay(_ log: [LogEntry]) {
        let saved = session.editorLauncher
        session.editorLauncher = NoEditor()
        var i = log.startIndex
        while i < log.endIndex {
            if case .command(let line) = log[i] {
                // The answers recorded after a command answer its prompts again.
                var answers: [String] = []
                while i + 1 < log.endIndex, case .answer(let a) = log[i + 1] { answers.append(a); i += 1 }
                run(line, answers: answers, output: Output())
            } else {
                apply(log[i], output: Output())
            }
            i += 1
        }
        session.editorLauncher = saved
    }

    /// Performs one log entry (a command's prompts find nobody to answer them; see `run(_:answers:output:)`).
    @discardableResult
    public func apply(_ entry: LogEntry, output: Output) -> Int32 {
        switch entry {
        case .command(let line):
            // While `kubectl exec -it`/`docker exec -it` holds a shell, lines go to it.
            return session.attachedShell.map { $0.feed(line, output: output) } ?? session.runLine(line, output: output)
        case .advance(let ms):
            session.advanceClusters(by: Duration(ms: ms))
            return session.lastStatus
        case .answer:
            return session.lastStatus
        }
    }

    /// Runs a command line whose prompts read `answers` in order (then nobody answers: gcloud's unattended error).
    /// Returns the status and how many answers the prompts read.
    @discardableResult
    public func run(_ line: String, answers: [String], output: Output) -> (status: Int32, answersRead: Int) {
        let saved = session.promptReader
        var read = 0
        session.promptReader = {
            guard read < answers.count else { return nil }
            read += 1
            return answers[read - 1]
        }
        defer { session.promptReader = saved }
        return (apply(.command(line), output: output), read)
    }

    public func judge(_ task: LessonTask) -> [CheckOutcome] {
        task.checks.map { CheckJudge.judge($0, session: session) }
    }
}
