// Opening lessons, listing them and showing their text and tasks in the plain player.
import Foundation

extension PlainPlayer {
    func open(_ lesson: Lesson, resume: Bool) {
        if let s = current { progress.lessons[s.lesson.id] = s.record }
        let record = progress.lessons[lesson.id]
        let session = LessonSession(lesson: lesson, workspace: store.workspace(for: lesson.id),
                                    record: resume || record != nil ? record : nil)
        // gcloud's prompts (`Do you want to continue (Y/n)?`) read the learner's next line.
        session.promptReader = { [weak self] in self?.readLine("") }
        session.onChange = { [weak self] r in
            self?.progress.lessons[lesson.id] = r
            self?.save()
        }
        current = session
        progress.currentLesson = lesson.id
        progress.lessons[lesson.id] = session.record
        save()
        showText(lesson)
        if !lesson.tasks.isEmpty { showTasks(session) }
        if session.currentTask != nil {
            showTask(session)
        } else if lesson.tasks.isEmpty, lesson.quizzes.isEmpty {
            say("Type :next when you are ready for the next lesson.")
        } else if !session.record.completed, !lesson.quizzes.isEmpty {
            say("This lesson has a quiz: type :quiz to take it.")
        }
    }

    func showText(_ lesson: Lesson) {
        let index = (lessons.firstIndex { $0.id == lesson.id } ?? 0) + 1
        let chapter = course.chapter(of: lesson.id)?.title ?? lesson.chapter
        say("")
        say("== \(chapter) · lesson \(index) of \(lessons.count): \(lesson.title) (\(lesson.kind.rawValue), \(lesson.minutes) min) ==")
        if !lesson.objectives.isEmpty {
            say("You will:")
            for o in lesson.objectives { say("  - \(o)") }
        }
        say("")
        say(lesson.text)
        say("")
    }

    func showTasks(_ s: LessonSession) {
        say("Tasks:")
        for (i, t) in s.lesson.tasks.enumerated() {
            say("  \(s.isDone(t) ? "[x]" : "[ ]") \(i + 1). \(t.title)")
        }
    }

    func showTask(_ s: LessonSession) {
        guard let i = s.currentTaskIndex else { return }
        let t = s.lesson.tasks[i]
        say("")
        say("Task \(i + 1) of \(s.lesson.tasks.count): \(t.title)")
        say(t.text.trimmingCharacters(in: .whitespacesAndNewlines))
        say("(:check to check, :hint for a hint)")
    }

    func next() {
        guard let s = current else { return }
        s.markRead()
        guard let i = lessons.firstIndex(where: { $0.id == s.lesson.id }), i + 1 < lessons.count else {
            say("That was the last lesson of the course. :lessons lists them all.")
            return
        }
        open(lessons[i + 1], resume: false)
    }

    func listLessons() {
        var number = 0
        for chapter in course.chapters {
            say(chapter.title)
            for id in chapter.lessonIDs + (chapter.quizID.map { [$0] } ?? []) {
                guard let lesson = course.lessons[id] else { continue }
                number += 1
                let r = progress.lessons[id]
                let mark = r?.completed == true ? (r?.completedWithHelp == true ? "~" : "✓") : (r != nil ? "…" : " ")
                let here = current?.lesson.id == id ? "  ← you are here" : ""
                say("  \(mark) \(String(number).leftPadded(2)). \(lesson.title) [\(id)]\(here)")
            }
        }
        say("✓ done  ~ done with help  … started.  :open N or :open ID opens a lesson.")
    }

    func openArgument(_ arg: String) {
        if let n = Int(arg), n >= 1, n <= lessons.count { open(lessons[n - 1], resume: false); return }
        if let lesson = course.lessons[arg] { open(lesson, resume: false); return }
        say("No lesson \"\(arg)\". :lessons lists them.")
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
