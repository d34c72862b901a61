// One learner in one lesson, independent of any screen: run commands, see each task's live status, reveal
// hints and solutions, check with virtual time, take quizzes, restart. Front ends (plain, TUI) drive this.
import Foundation
import MiniCluster
import Shell

public final class LessonSession {
    /// Something that happened that a front end should tell the learner.
    public enum Event: Equatable {
        case taskPassed(index: Int)
        case lessonCompleted
    }

    public let lesson: Lesson
    public private(set) var environment: LessonEnvironment
    public private(set) var record: LessonProgress
    /// Called whenever `record` changes, so the front end can save it.
    public var onChange: ((LessonProgress) -> Void)?
    /// How much virtual time `check()` lets pass at a time while waiting for `within`.
    public var checkStep = Duration(ms: 1000)
    /// Asks the learner for a line when a command prompts (gcloud's `Do you want to continue (Y/n)?`); nil means
    /// nobody answered. Each answer is logged after its command, so resuming replays it.
    public var promptReader: (() -> String?)?

    /// Opens a lesson: resumes from `record` (replaying its log) or starts it fresh when `record` is nil.
    public init(lesson: Lesson, workspace: URL, record: LessonProgress?) {
        self.lesson = lesson
        let resumed = record ?? LessonProgress()
        self.record = resumed
        environment = LessonEnvironment(lesson: lesson, workspace: workspace, seed: resumed.seed, keepFiles: record != nil)
        environment.runSetup()
        environment.replay(resumed.log)
        noteTaskBegun()
    }

    public var session: ShellSession { environment.session }

    /// The first task not yet passed; nil when all are done.
    public var currentTaskIndex: Int? { lesson.tasks.indices.first { !record.tasksDone.contains(lesson.tasks[$0].id) } }
    public var currentTask: LessonTask? { currentTaskIndex.map { lesson.tasks[$0] } }

    public func isDone(_ task: LessonTask) -> Bool { record.tasksDone.contains(task.id) }

    /// Every task's checks right now (a task already passed stays passed).
    public func status() -> [(task: LessonTask, outcomes: [CheckOutcome])] {
        lesson.tasks.map { t in (t, isDone(t) ? t.checks.map { _ in .pass } : judge(t)) }
    }

    /// A task's checks right now, counting what was made since the task began.
    public func judge(_ task: LessonTask) -> [CheckOutcome] {
        environment.judge(task, since: record.taskBegan?[task.id].map { Timestamp(ms: $0) })
    }

    /// Notes when the current task began, once: now, as the task before it passed (or the lesson opened). A record
    /// from before `taskBegan` existed gets the moment it is resumed.
    private func noteTaskBegun() {
        guard let task = currentTask, record.taskBegan?[task.id] == nil, let now = environment.now else { return }
        record.taskBegan = (record.taskBegan ?? [:]).merging([task.id: now.ms]) { $1 }
    }

    /// Runs a command line as the learner typed it, then re-judges the current task.
    @discardableResult
    public func run(_ line: String, output: Output) -> (status: Int32, events: [Event]) {
        let entry = record.log.count
        record.log.append(.command(line))
        // With a front end following wall time (a sleep handler), waits can be stopped by Ctrl-C: the log keeps
        // how long they really took, so replaying it does not wait longer than the learner did.
        let shell = environment.session
        let following = shell.sleepHandler
        var waited: Int64 = 0
        if let following { shell.sleepHandler = { d in waited += d.ms; following(d) } }
        // What editors leave in their files is kept too: replay cannot ask the learner's editor again.
        let editor = RecordingEditor(shell.editorLauncher)
        shell.editorLauncher = editor
        let savedReader = shell.promptReader
        shell.promptReader = { [weak self] in
            guard let answer = self?.promptReader?() else { return nil }
            self?.record.log.append(.answer(answer))
            return answer
        }
        let status = environment.apply(.command(line), output: output)
        shell.promptReader = savedReader
        shell.editorLauncher = editor.inner
        if following != nil { shell.sleepHandler = following }
        record.log[entry] = .command(line, waitedMs: waited > 0 ? waited : nil, edits: editor.results.isEmpty ? nil : editor.results)
        let events = advanceTasks()
        onChange?(record)
        return (status, events)
    }

    /// `:check`: judges the current task, first letting up to its `within` of virtual time pass while it fails.
    public func check() -> (outcomes: [CheckOutcome], events: [Event]) {
        guard let task = currentTask else { return ([], []) }
        var outcomes = judge(task)
        var waited: Int64 = 0
        let limit = task.within?.ms ?? 0
        while !outcomes.allSatisfy(\.passed), waited < limit {
            let step = min(checkStep.ms, limit - waited)
            environment.apply(.advance(step), output: Output())
            waited += step
            outcomes = judge(task)
        }
        record.log.appendAdvance(waited)
        let events = advanceTasks()
        onChange?(record)
        return (outcomes, events)
    }

    /// Lets virtual time pass (the front end following wall time); tasks that pass meanwhile are reported.
    public func letTimePass(_ d: Duration) -> [Event] {
        guard d.ms > 0 else { return [] }
        record.log.appendAdvance(d.ms)
        environment.apply(.advance(d.ms), output: Output())
        let events = advanceTasks()
        onChange?(record)
        return events
    }

    /// Marks passing tasks done, in order; stops at the first that still fails.
    private func advanceTasks() -> [Event] {
        var events: [Event] = []
        while let i = currentTaskIndex, judge(lesson.tasks[i]).allSatisfy(\.passed) {
            record.tasksDone.append(lesson.tasks[i].id)
            events.append(.taskPassed(index: i))
            noteTaskBegun()
        }
        if !events.isEmpty, updateCompletion() { events.append(.lessonCompleted) }
        return events
    }

    /// A lesson is complete when every task is done and every quiz passed. Returns true when it just became so.
    @discardableResult
    private func updateCompletion() -> Bool {
        guard !record.completed, currentTaskIndex == nil,
              lesson.quizzes.allSatisfy({ record.quizzes[$0.id]?.passed == true }) else { return false }
        record.completed = true
        return true
    }

    /// Reveals the next hint of the current task; nil when there is none left.
    public func nextHint() -> (hint: String, number: Int, of: Int)? {
        guard let task = currentTask else { return nil }
        let shown = record.hintsShown[task.id] ?? 0
        guard shown < task.hints.count else { return nil }
        record.hintsShown[task.id] = shown + 1
        onChange?(record)
        return (task.hints[shown], shown + 1, task.hints.count)
    }

    /// The current task's solution; the lesson then counts as completed with help.
    public func revealSolution() -> [String]? {
        guard let task = currentTask else { return nil }
        if !record.solutionsShown.contains(task.id) { record.solutionsShown.append(task.id) }
        onChange?(record)
        return task.solutionText
    }

    /// Records a quiz attempt.
    @discardableResult
    public func recordQuiz(_ quiz: Quiz, score: Int) -> [Event] {
        var r = record.quizzes[quiz.id] ?? QuizRecord()
        r.attempts += 1
        r.lastScore = score
        r.bestScore = max(r.bestScore, score)
        r.total = quiz.questions.count
        r.passed = r.passed || score >= quiz.pass
        record.quizzes[quiz.id] = r
        let done = updateCompletion()
        onChange?(record)
        return done ? [.lessonCompleted] : []
    }

    /// A reading lesson is complete once read (`:next`).
    public func markRead() {
        guard lesson.tasks.isEmpty, lesson.quizzes.isEmpty, !record.completed else { return }
        record.completed = true
        onChange?(record)
    }

    public func addTime(_ seconds: Double) {
        record.secondsSpent += seconds
    }

    /// Starts the lesson over: a fresh cluster and workspace; quiz results are kept.
    public func restart() {
        var fresh = LessonProgress()
        fresh.quizzes = record.quizzes
        fresh.secondsSpent = record.secondsSpent
        record = fresh
        environment = LessonEnvironment(lesson: lesson, workspace: environment.workspace, seed: fresh.seed)
        environment.runSetup()
        noteTaskBegun()
        onChange?(record)
    }
}
