// The lesson page: opening lessons, the prompt (commands and `:` commands), hints, the solution, checks, and
// telling the learner what passed.
import Course
import Foundation
import MiniCluster
import Shell

extension App {
    func open(_ l: Lesson) {
        if let current = lesson { progress.lessons[current.session.lesson.id] = current.session.record }
        let session = LessonSession(lesson: l, workspace: store.workspace(for: l.id), record: progress.lessons[l.id])
        session.onChange = { [weak self] r in
            self?.progress.lessons[l.id] = r
            self?.dirty = true
        }
        let state = LessonState(session: session)
        installHandlers(state)
        lesson = state
        speed = 1
        page = .lesson
        welcome = false
        quiz = nil
        if let i = lessons.firstIndex(where: { $0.id == l.id }) { selection = i }
        progress.currentLesson = l.id
        progress.lessons[l.id] = session.record
        lastAdvance = now()
        save()
        state.terminal.say("Type commands here (kubectl …). F1 or :help lists the keys.", .hint)
        sayWhatNext(state)
    }

    /// What the learner should do now: the current task, a quiz, or the next lesson.
    func sayWhatNext(_ l: LessonState) {
        let s = l.session
        if let i = s.currentTaskIndex {
            l.terminal.say("Task \(i + 1) of \(s.lesson.tasks.count): \(s.lesson.tasks[i].title)", .info)
        } else if !s.lesson.quizzes.isEmpty, !s.record.completed {
            l.terminal.say(s.lesson.tasks.isEmpty ? "This lesson has a quiz: F6 or :quiz to take it."
                                                   : "All tasks done. The lesson ends with a quiz: F6 or :quiz.", .info)
        } else if s.lesson.tasks.isEmpty, s.lesson.quizzes.isEmpty {
            l.terminal.say("When you have read this, F7 or :next goes on.", .info)
        } else {
            l.terminal.say("Lesson complete. F7 or :next goes on to the next lesson.", .success)
        }
    }

    func handleLesson(_ key: Key) {
        guard let l = lesson else { return }
        if let action = KeyMap.action(for: key, in: .lesson) { perform(action, l); return }
        if let action = KeyMap.action(for: key, in: .prompt) {
            switch action {
            case .run: submit(l)
            case .cancel:
                if l.prompt.search != nil { l.prompt.apply(.cancel); return }
                l.terminal.say(l.promptText + l.prompt.text + "^C", .command)
                l.prompt.cancel()
                l.pending = nil
            case .clear: l.terminal.clear()
            case .complete: complete(l)
            default: l.prompt.apply(action)
            }
            return
        }
        if case .char(let c) = key { l.prompt.insert(c) }
    }

    func perform(_ action: Action, _ l: LessonState) {
        switch action {
        case .help: overlay = .help
        case .hint: hint(l)
        case .solution:
            if l.session.currentTask == nil { l.terminal.say("There is no open task.") } else { overlay = .confirmSolution }
        case .check: check(l)
        case .clusterMap: showClusterMap.toggle()
        case .quiz: startQuiz(l)
        case .nextLesson: next(l)
        case .backToMap:
            save()
            page = .courseMap
        case .quit: quit()
        case .restart:
            l.session.restart()
            installHandlers(l)
            l.terminal.say("Lesson restarted: a fresh cluster and workspace.")
            l.refreshTasks()
            sayWhatNext(l)
        case .speed: changeSpeed(to: nil, l)
        case .readUp: l.readScroll = max(0, l.readScroll - 10)
        case .readDown: l.readScroll += 10
        case .scrollBack: l.terminal.scroll += 10
        case .scrollForward: l.terminal.scroll = max(0, l.terminal.scroll - 10)
        default: break
        }
    }

    /// Enter: a `:` command, `exit`, or a command line for the lesson's shell.
    func submit(_ l: LessonState) {
        let typed = l.prompt.take()
        l.terminal.scroll = 0
        l.terminal.say(l.promptText + typed, .command)
        let text = l.pending.map { $0 + "\n" + typed } ?? typed
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if l.pending == nil, trimmed.hasPrefix(":") { colon(String(trimmed.dropFirst()), l); return }
        // Inside a container's shell (`docker exec -it`, `kubectl exec -it`), lines and `exit` belong to it.
        let attached = l.session.session.attachedShell != nil
        if l.pending == nil, trimmed == "exit", !attached { perform(.backToMap, l); return }
        if !attached, case .incomplete = ShellParser.parse(text) { l.pending = text; return }
        l.pending = nil
        guard !trimmed.isEmpty else { return }
        catchUp()
        let output = Output { stream, chunk in l.terminal.write(chunk, stream == .stderr ? .error : .output) }
        interrupted = false
        l.running = true
        let result = l.session.run(text, output: output)
        l.running = false
        lastAdvance = now()
        l.terminal.finishLine()
        l.refreshTasks()
        report(result.events)
        let keys = typeahead
        typeahead = []
        for k in keys { handle(k) }
    }

    /// The session's editor suspends the screen; with a run loop, waits follow (sped-up) wall time.
    func installHandlers(_ l: LessonState) {
        let shell = l.session.session
        shell.editorLauncher = SuspendingEditor(suspend: { [weak self] body in self?.suspend(body) })
        guard pollKey != nil else { return }
        l.session.promptReader = { [weak self, weak l] in
            guard let self, let l else { return nil }
            return self.readAnswer(l)
        }
        shell.interpreter.isInterrupted = { [weak self] in self?.interrupted ?? false }
        shell.sleepHandler = { [weak self, weak l] d in
            guard let self, let l else { return }
            self.waitInCommand(d, l)
        }
    }

    /// One step of a waiting command: the cluster moves on by `d` at once, the screen shows the output so far
    /// and the tasks as they are, and the wall clock waits `d / waitSpeed` (Ctrl-C or SIGTERM/SIGHUP ends the wait).
    func waitInCommand(_ d: Duration, _ l: LessonState) {
        l.session.session.advanceClusters(by: d)
        l.refreshTasks()
        redraw?()
        let end = now() + min(0.5, Double(d.ms) / 1000 / waitSpeed)
        while !interrupted {
            if pendingSignal() != 0 { interrupted = true; break }
            let left = Int((end - now()) * 1000)
            guard left > 0, let key = pollKey?(left) else { break }
            if key == .ctrl("c") {
                interrupted = true
                l.terminal.write("^C\n", .command)
            } else {
                typeahead.append(key)
            }
        }
        lastAdvance = now()
    }

    /// A command's prompt (gcloud's `Do you want to continue (Y/n)?`): the learner types the answer after it in
    /// the terminal pane; Enter gives it, Ctrl-C or Ctrl-D gives none (the command then stops as gcloud does).
    /// SIGTERM or SIGHUP while it waits also gives none, so the run loop can save and leave.
    func readAnswer(_ l: LessonState) -> String? {
        var answer = ""
        while true {
            let key: Key
            if !typeahead.isEmpty { key = typeahead.removeFirst() } else {
                if pendingSignal() != 0 { l.terminal.write("\n", .command); return nil }
                redraw?()
                guard let k = pollKey?(250) else { continue }
                key = k
            }
            switch key {
            case .enter:
                l.terminal.write("\n", .command)
                return answer
            case .ctrl("c"), .ctrl("d"):
                l.terminal.write("^C\n", .command)
                return nil
            case .backspace:
                if !answer.isEmpty { answer.removeLast(); l.terminal.eraseLast() }
            case .char(let c):
                answer.append(c)
                l.terminal.write(String(c), .command)
            default: continue
            }
        }
    }

    func colon(_ command: String, _ l: LessonState) {
        let word = command.split(separator: " ").first.map(String.init) ?? ""
        if word == "crash", crashCommandEnabled { fatalError("kubetutor: :crash (test-only crash)") }
        let args = command.split(separator: " ").dropFirst().map(String.init)
        if word == "speed", !args.isEmpty { changeSpeed(to: args.joined(separator: " "), l); return }
        guard let action = KeyMap.action(command: word) else {
            l.terminal.say("Unknown command :\(command). F1 or :help lists the keys and commands.", .failure)
            return
        }
        perform(action, l)
    }

    /// F8 / `:speed`: the next speed the lesson allows (1×, 10×, 60×, then 1× again); `:speed 10` picks one.
    func changeSpeed(to arg: String?, _ l: LessonState) {
        let allowed = Lesson.speeds.filter { $0 <= l.session.lesson.maxSpeed }
        guard allowed.count > 1 else {
            l.terminal.say("This lesson's clock runs at wall time only: it has no long waits to skip.", .info)
            return
        }
        var next: Int
        if let arg {
            let digits = arg.trimmingCharacters(in: CharacterSet(charactersIn: " xX×"))
            guard let n = Int(digits), allowed.contains(n) else {
                l.terminal.say("Speeds here: \(allowed.map { "\($0)" }.joined(separator: ", ")) (as in :speed 10).", .failure)
                return
            }
            next = n
        } else {
            next = allowed.first { $0 > speed } ?? allowed[0]
        }
        catchUp()
        speed = next
        l.terminal.say(next == 1 ? "Clock at wall time again." :
            "Clock \(theme.times)\(next): a second here is \(next) seconds in the cluster. F8 or :speed 1 slows it down.", .info)
    }

    func hint(_ l: LessonState) {
        guard let task = l.session.currentTask else { l.terminal.say("There is no open task."); return }
        if let h = l.session.nextHint() {
            l.terminal.say("Hint \(h.number) of \(h.of): \(h.hint)", .hint)
        } else {
            l.terminal.say(task.hints.isEmpty ? "This task has no hints. F3 or :solution shows the answer."
                                              : "No more hints for this task. F3 or :solution shows the answer.", .hint)
        }
    }

    func showSolution() {
        guard let l = lesson, let commands = l.session.revealSolution() else { return }
        l.terminal.say("Solution (type it yourself to see it work):", .hint)
        for c in commands { l.terminal.say("  " + c, .hint) }
    }

    func check(_ l: LessonState) {
        guard let task = l.session.currentTask else { l.terminal.say("Every task of this lesson is done."); return }
        let result = l.session.check()
        l.refreshTasks()
        if result.outcomes.allSatisfy(\.passed) { report(result.events); return }
        l.terminal.say("Not yet: \(task.title)", .failure)
        var said: Set<String> = []
        for case .fail(let why) in result.outcomes where said.insert(why).inserted {
            l.terminal.say("  \(theme.fail) \(why)", .failure)
        }
    }

    func next(_ l: LessonState) {
        l.session.markRead()
        guard let i = lessons.firstIndex(where: { $0.id == l.session.lesson.id }), i + 1 < lessons.count else {
            l.terminal.say("That was the last lesson of the course. Esc shows the course map.")
            return
        }
        open(lessons[i + 1])
    }

    /// Tells the learner what passed, then what comes next.
    func report(_ events: [LessonSession.Event]) {
        guard let l = lesson, !events.isEmpty else { return }
        let s = l.session
        for e in events {
            switch e {
            case .taskPassed(let i):
                let t = s.lesson.tasks[i]
                l.terminal.say("\(theme.pass) Task \(i + 1) done: \(t.title)", .success)
                let debrief = t.debrief.trimmingCharacters(in: .whitespacesAndNewlines)
                if !debrief.isEmpty { l.terminal.say(debrief, .info) }
            case .lessonCompleted:
                l.terminal.say("Lesson complete\(s.record.completedWithHelp ? " (with help)" : ""). F7 or :next goes on.", .success)
            }
        }
        l.refreshTasks()
        if events.contains(where: { if case .taskPassed = $0 { return true }; return false }), !s.record.completed { sayWhatNext(l) }
    }
}
