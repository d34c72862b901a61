// A lesson's world: a shell session with the lesson's cluster, its workspace folder and its files, and the
// replayable log of everything that changed it (the engine has no snapshots: replaying the log restores it).
import Foundation
import MiniCluster
import Shell

/// One step of a lesson's history.
public enum LogEntry: Codable, Equatable {
    /// A command line as the learner typed it. `waitedMs` is the virtual time its waits took when a front end
    /// followed wall time (the learner may have stopped it with Ctrl-C): replay lets exactly that much pass.
    /// nil: the command ran in script mode, where replaying it waits the same by itself. `edits` holds what
    /// each editor it opened (`edit FILE`, `kubectl edit`) left in the file, in order (nil: the editor failed),
    /// so replay puts the same text back without opening an editor.
    case command(String, waitedMs: Int64? = nil, edits: [String?]? = nil)
    /// Virtual time let pass (wall time in a lesson, `:check` on a task with `within`), in milliseconds.
    case advance(Int64)
    /// What the learner typed at a prompt of the command before it (gcloud's `Do you want to continue (Y/n)?`).
    case answer(String)

    private enum Key: String, CodingKey { case run, waitedMs, edits, advanceMs, answer }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let s = try c.decodeIfPresent(String.self, forKey: .run) {
            self = .command(s, waitedMs: try c.decodeIfPresent(Int64.self, forKey: .waitedMs),
                            edits: try c.decodeIfPresent([String?].self, forKey: .edits))
            return
        }
        if let s = try c.decodeIfPresent(String.self, forKey: .answer) { self = .answer(s); return }
        self = .advance(try c.decode(Int64.self, forKey: .advanceMs))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .command(let s, let waited, let edits):
            try c.encode(s, forKey: .run)
            try c.encodeIfPresent(waited, forKey: .waitedMs)
            try c.encodeIfPresent(edits, forKey: .edits)
        case .advance(let ms): try c.encode(ms, forKey: .advanceMs)
        case .answer(let s): try c.encode(s, forKey: .answer)
        }
    }
}

extension Array where Element == LogEntry {
    /// Appends time passing, joined to a time entry just before it: an hour in a lesson is one entry, not 3600,
    /// so resuming costs the same however long the learner stayed.
    public mutating func appendAdvance(_ ms: Int64) {
        guard ms > 0 else { return }
        if case .advance(let before)? = last { self[count - 1] = .advance(before + ms) } else { append(.advance(ms)) }
    }

    /// The same log with consecutive time entries joined (logs saved before entries were joined as they came).
    public var coalesced: [LogEntry] {
        var out: [LogEntry] = []
        out.reserveCapacity(count)
        for e in self {
            if case .advance(let ms) = e { out.appendAdvance(ms) } else { out.append(e) }
        }
        return out
    }
}

/// An editor that changes nothing: replaying `kubectl edit` must not open a real editor again.
struct NoEditor: EditorLauncher {
    func edit(file: URL, env: [String: String]) throws {}
}

/// Passes edits to the real editor and keeps what each left in its file, for the log.
final class RecordingEditor: EditorLauncher {
    let inner: EditorLauncher
    private(set) var results: [String?] = []
    init(_ inner: EditorLauncher) { self.inner = inner }
    func edit(file: URL, env: [String: String]) throws {
        do { try inner.edit(file: file, env: env) } catch { results.append(nil); throw error }
        results.append((try? String(contentsOf: file, encoding: .utf8)) ?? "")
    }
}

/// Replays recorded edits in order: writes what the learner's editor left, or fails where it failed.
final class ReplayEditor: EditorLauncher {
    private var results: [String?]
    init(_ results: [String?]) { self.results = results }
    func edit(file: URL, env: [String: String]) throws {
        guard !results.isEmpty else { return }
        guard let text = results.removeFirst() else { throw KubectlFailure.plain("there was a problem with the editor") }
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
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

    /// Replays a log silently (a resumed lesson), with an editor that changes nothing. Consecutive time entries
    /// are joined first: the clock fires the same timers in the same order either way.
    public func replay(_ log: [LogEntry]) {
        let saved = session.editorLauncher
        session.editorLauncher = NoEditor()
        let log = log.coalesced
        var i = log.startIndex
        while i < log.endIndex {
            if case .command = log[i] {
                // The answers recorded after a command answer its prompts again.
                var answers: [String] = []
                while i + 1 < log.endIndex, case .answer(let a) = log[i + 1] { answers.append(a); i += 1 }
                run(log[i - answers.count], answers: answers, output: Output())
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
        case .command(let line, let waited, let edits):
            let saved = session.editorLauncher
            if let edits { session.editorLauncher = ReplayEditor(edits) }
            defer { session.editorLauncher = saved }
            guard let waited else { return runLine(line, output: output) }
            return replayWaiting(line, waitedMs: waited, output: output)
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
        run(.command(line), answers: answers, output: output)
    }

    /// The same for a logged command entry (with its waited time and editors' results).
    @discardableResult
    func run(_ entry: LogEntry, answers: [String], output: Output) -> (status: Int32, answersRead: Int) {
        let saved = session.promptReader
        var read = 0
        session.promptReader = {
            guard read < answers.count else { return nil }
            read += 1
            return answers[read - 1]
        }
        defer { session.promptReader = saved }
        return (apply(entry, output: output), read)
    }

    /// Runs a line as typed; while `kubectl exec -it`/`docker exec -it` holds a shell, the line goes to it.
    func runLine(_ line: String, output: Output) -> Int32 {
        session.attachedShell.map { $0.feed(line, output: output) } ?? session.runLine(line, output: output)
    }

    /// Replays a command that waited `waitedMs` when it ran: its waits pass as they did, and the first wait
    /// past that budget stops it as the learner's Ctrl-C did (not after the 60-minute cap of script mode).
    private func replayWaiting(_ line: String, waitedMs: Int64, output: Output) -> Int32 {
        let savedSleep = session.sleepHandler
        let savedInterrupt = session.interpreter.isInterrupted
        var passed: Int64 = 0
        var stopped = false
        session.sleepHandler = { [unowned session] d in
            guard passed < waitedMs else { stopped = true; return }
            passed += d.ms
            session.advanceClusters(by: d)
        }
        session.interpreter.isInterrupted = { stopped }
        defer {
            session.sleepHandler = savedSleep
            session.interpreter.isInterrupted = savedInterrupt
        }
        return runLine(line, output: output)
    }

    /// Judges a task's checks; `since` is when the task became the current one (for `since: task` counts).
    public func judge(_ task: LessonTask, since: Timestamp? = nil) -> [CheckOutcome] {
        task.checks.map { CheckJudge.judge($0, session: session, taskStart: since) }
    }

    /// The current cluster's virtual time: when a task that begins now began.
    public var now: Timestamp? { session.currentCluster?.now }
}
