// `kubetutor play --plain`: the course as a line-mode program. It prints text, reads commands and answers, and
// never draws: usable with a screen reader, from a dumb terminal and from scripts. CourseProgress is saved after
// every step, so quitting at any point and starting again resumes where the learner was.
import Foundation
import MiniCluster
import Shell

public final class PlainPlayer {
    let course: Course
    let store: ProgressStore
    let write: (String) -> Void
    let readLine: (_ prompt: String) -> String?
    /// Wall time in seconds, for time spent; tests pass a fixed clock.
    let now: () -> Double
    var progress: CourseProgress
    var lessons: [Lesson]
    var current: LessonSession?
    var lastInput: Double
    /// Interactive use: virtual time follows wall time between inputs (scripts and tests leave it off, so time
    /// passes only when asked and every run is the same).
    public var followWallTime = false

    /// `write` receives all output; `readLine` shows a prompt and returns the next line, nil at end of input.
    public init(course: Course, store: ProgressStore, write: @escaping (String) -> Void,
                readLine: @escaping (String) -> String?, now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.course = course
        self.store = store
        self.write = write
        self.readLine = readLine
        self.now = now
        self.progress = CourseProgress(course: course.id)
        self.lessons = course.orderedLessons
        self.lastInput = now()
    }

    func say(_ s: String = "") { write(s + "\n") }

    /// Plays until `:quit` or the end of input; returns the exit status.
    public func run() -> Int32 {
        let loaded = store.load()
        if let notice = loaded.notice { say(notice) }
        progress = loaded.progress
        if progress.course == nil { progress.course = course.id }
        say("\(course.title) — kubetutor plain mode. Type :help for commands.")
        if let id = progress.currentLesson, let lesson = course.lessons[id] {
            say("Welcome back. Resuming \"\(lesson.title)\".")
            open(lesson, resume: true)
        } else if let first = lessons.first {
            open(first, resume: false)
        }
        var pending = ""
        while let line = readLine(pending.isEmpty ? prompt : "> ") {
            let t = now()
            let gap = max(0, t - lastInput)
            current?.addTime(min(gap, 300))
            lastInput = t
            if followWallTime, let s = current {
                report(s.letTimePass(Duration(ms: Int64(min(gap, 600) * 1000))), in: s)
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty, trimmed.hasPrefix(":") {
                if !command(trimmed) { save(); return 0 }
            } else if !trimmed.isEmpty || !pending.isEmpty {
                // A here-document, an open quote or a trailing `\` continues on the next line, as in a shell.
                let text = pending.isEmpty ? line : pending + "\n" + line
                if current?.environment.session.attachedShell == nil, case .incomplete = ShellParser.parse(text) {
                    pending = text
                    continue
                }
                pending = ""
                runShell(text)
            }
        }
        save()
        return 0
    }

    /// A container shell that `docker exec -it`/`kubectl exec -it` attached shows its own prompt.
    var prompt: String { current?.environment.session.attachedShell?.prompt ?? "$ " }

    /// Handles a `:` command; false means quit.
    func command(_ line: String) -> Bool {
        let words = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let arg = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch words.first ?? "" {
        case "quit", "q", "exit":
            save()
            say("Progress saved. Bye.")
            return false
        case "help", "h", "?": help()
        case "hint": hint()
        case "solution": solution()
        case "check": check()
        case "next": next()
        case "lessons", "l": listLessons()
        case "open", "o": openArgument(arg)
        case "restart":
            current?.restart()
            say("Lesson restarted: a fresh cluster and workspace.")
            if let s = current { showTask(s) }
        case "quiz": quiz()
        case "tasks": if let s = current { showTasks(s) }
        case "read": if let s = current { showText(s.lesson) }
        default: say("Unknown command \(line). Type :help for the list.")
        }
        return true
    }

    func help() {
        say("""
        Type shell commands (kubectl …) at the $ prompt. Player commands:
          :check      check the current task now (lets the task's waiting time pass)
          :hint       reveal the next hint of the current task
          :solution   show the current task's solution (the lesson then counts as done with help)
          :tasks      list this lesson's tasks and their status
          :read       show the lesson text again
          :quiz       take this lesson's quiz
          :next       go to the next lesson
          :lessons    list all lessons;  :open N or :open ID  go to one
          :restart    start this lesson over with a fresh cluster
          :quit       save and leave
        """)
    }

    func runShell(_ line: String) {
        guard let s = current else { say("Open a lesson first (:lessons)."); return }
        let out = Output { [weak self] _, chunk in self?.write(chunk) }
        let result = s.run(line, output: out)
        report(result.events, in: s)
    }

    func check() {
        guard let s = current else { return }
        guard let task = s.currentTask else { say("Every task of this lesson is done."); return }
        let result = s.check()
        if result.outcomes.allSatisfy(\.passed) {
            report(result.events, in: s)
            return
        }
        say("Not yet: \(task.title)")
        var said: Set<String> = []
        for case .fail(let why) in result.outcomes where said.insert(why).inserted { say("  ✗ \(why)") }
    }

    func hint() {
        guard let s = current, let task = s.currentTask else { say("There is no open task."); return }
        if let h = s.nextHint() {
            say("Hint \(h.number) of \(h.of): \(h.hint)")
        } else {
            say(task.hints.isEmpty ? "This task has no hints. :solution shows the answer."
                                   : "No more hints for this task. :solution shows the answer.")
        }
    }

    func solution() {
        guard let s = current, s.currentTask != nil else { say("There is no open task."); return }
        guard let answer = readLine("Show the solution? The lesson will count as completed with help. [y/N] "),
              ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
            say("Solution not shown.")
            return
        }
        for cmd in s.revealSolution() ?? [] { say("  \(cmd)") }
    }

    /// Tells the learner what passed, then what comes next.
    func report(_ events: [LessonSession.Event], in s: LessonSession) {
        for e in events {
            switch e {
            case .taskPassed(let i):
                let t = s.lesson.tasks[i]
                say("✓ Task \(i + 1) done: \(t.title)")
                if !t.debrief.isEmpty { say(t.debrief.trimmingCharacters(in: .whitespacesAndNewlines)) }
            case .lessonCompleted:
                say("Lesson complete\(s.record.completedWithHelp ? " (with help)" : ""). Type :next for the next lesson.")
            }
        }
        if events.contains(where: { if case .taskPassed = $0 { return true }; return false }) {
            if s.currentTask != nil { showTask(s) } else if !s.record.completed, !s.lesson.quizzes.isEmpty {
                say("All tasks done. This lesson ends with a quiz: type :quiz to take it.")
            }
        }
    }

    func save() {
        if let s = current { progress.lessons[s.lesson.id] = s.record }
        do { try store.save(progress) } catch { say("kubetutor: could not save progress: \(error)") }
    }
}
