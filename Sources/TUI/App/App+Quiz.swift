// The quiz page and Tab completion at the prompt.
import Course

extension App {
    func startQuiz(_ l: LessonState) {
        let s = l.session
        guard !s.lesson.quizzes.isEmpty else { l.terminal.say("This lesson has no quiz."); return }
        let q = s.lesson.quizzes.first { s.record.quizzes[$0.id]?.passed != true } ?? s.lesson.quizzes[0]
        guard !q.questions.isEmpty else { return }
        quiz = QuizState(quiz: q)
    }

    func handleQuiz(_ key: Key) {
        guard var q = quiz else { return }
        defer { if quiz != nil { quiz = q } }
        if q.finished {
            if key == .enter || key == .escape {
                quiz = nil
                if let l = lesson { sayWhatNext(l) }
            }
            return
        }
        // A short answer takes typed characters before the key table sees them.
        if q.question.kind == .short, q.verdict == nil {
            switch key {
            case .char(let c): q.typed.append(c); return
            case .backspace: if !q.typed.isEmpty { q.typed.removeLast() }; return
            default: break
            }
        }
        if q.verdict == nil, case .char(let c) = key, let n = c.wholeNumberValue, n >= 1, n <= q.options.count {
            q.cursor = n - 1
            if q.question.kind == .multiple { q.picked.formSymmetricDifference([n - 1]) }
            return
        }
        if q.verdict == nil, q.question.kind == .truefalse, case .char(let c) = key, "tTfF".contains(c) {
            q.cursor = "tT".contains(c) ? 0 : 1
            return
        }
        guard let action = KeyMap.action(for: key, in: .quiz) else { return }
        switch action {
        case .choiceUp: if q.verdict == nil { q.cursor = max(0, q.cursor - 1) }
        case .choiceDown: if q.verdict == nil { q.cursor = min(max(0, q.options.count - 1), q.cursor + 1) }
        case .toggleChoice: if q.verdict == nil, q.question.kind == .multiple { q.picked.formSymmetricDifference([q.cursor]) }
        case .answer:
            if q.verdict == nil { _ = q.submit() } else if q.advance(), let l = lesson {
                let events = l.session.recordQuiz(q.quiz, score: q.score)
                quiz = q
                report(events)
            }
        case .leaveQuiz:
            quiz = nil
            lesson?.terminal.say("Quiz left; nothing was recorded. F6 or :quiz starts it again.")
        case .help: overlay = .help
        default: break
        }
    }

    func complete(_ l: LessonState) {
        let (previous, current) = l.prompt.wordsBeforeCursor
        let found = Completer.candidates(previous: previous, current: current, session: l.session.session)
        if found.count == 1 {
            l.prompt.replaceWord(with: found[0], addSpace: !found[0].hasSuffix("/"))
            return
        }
        let common = Completer.commonPrefix(found)
        if common.count > current.count {
            l.prompt.replaceWord(with: common, addSpace: false)
        } else if found.count > 1 {
            l.terminal.say(l.promptText + l.prompt.text, .command)
            l.terminal.say(found.prefix(60).joined(separator: "  ") + (found.count > 60 ? "  …" : ""), .output)
        }
    }
}
