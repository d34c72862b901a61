// Taking a lesson's quizzes in the plain player: one question at a time, feedback per answer, a score, retry.
import Foundation

extension PlainPlayer {
    func quiz() {
        guard let s = current else { return }
        guard !s.lesson.quizzes.isEmpty else { say("This lesson has no quiz."); return }
        let quiz = s.lesson.quizzes.first { s.record.quizzes[$0.id]?.passed != true } ?? s.lesson.quizzes[0]
        say("")
        say("Quiz: \(quiz.title) (\(quiz.questions.count) question\(quiz.questions.count == 1 ? "" : "s"), \(quiz.pass) to pass)")
        var score = 0
        for (i, q) in quiz.questions.enumerated() {
            say("")
            say("Question \(i + 1) of \(quiz.questions.count): \(q.prompt)")
            for (n, c) in q.choices.enumerated() { say("  \(n + 1)) \(c.text)") }
            guard let answer = ask(q) else { say("Quiz stopped; :quiz starts it again."); return }
            let right = q.grade(answer)
            if right { score += 1 }
            say(right ? "Correct." : "Not quite.")
            if case .choices(let picked) = answer {
                for n in picked.sorted() { if let f = q.choices[n].feedback { say("  \(q.choices[n].text): \(f)") } }
            }
            if !right, let key = q.keyAnswer { say("The answer: \(describe(key, q)).") }
            if !q.explanation.isEmpty { say(q.explanation) }
        }
        let passed = score >= quiz.pass
        let events = s.recordQuiz(quiz, score: score)
        say("")
        say("Score: \(score) of \(quiz.questions.count) — \(passed ? "passed" : "not passed yet (\(quiz.pass) needed); :quiz to try again").")
        report(events, in: s)
    }

    /// Reads an answer in the form the question takes, asking again on input it cannot read.
    private func ask(_ q: Question) -> QuizAnswer? {
        let prompt: String
        switch q.kind {
        case .single: prompt = "Your answer (a number): "
        case .multiple: prompt = "Your answers (numbers separated by commas): "
        case .truefalse: prompt = "True or false? "
        case .short: prompt = "Your answer: "
        }
        while let line = readLine(prompt) {
            let text = line.trimmingCharacters(in: .whitespaces)
            // A player command (`:next`, `:quit` …) leaves the quiz rather than being taken for an answer.
            if text.hasPrefix(":") { return nil }
            switch q.kind {
            case .single, .multiple:
                let parts = text.split(whereSeparator: { $0 == "," || $0 == " " }).map { Int($0) }
                let picked = parts.compactMap { $0 }.map { $0 - 1 }
                if !picked.isEmpty, parts.count == picked.count, picked.allSatisfy(q.choices.indices.contains),
                   q.kind == .multiple || picked.count == 1 {
                    return .choices(Set(picked))
                }
                say(q.kind == .single ? "Type the number of one choice." : "Type the numbers of your choices, like 1,3.")
            case .truefalse:
                switch text.lowercased() {
                case "t", "true", "y", "yes": return .bool(true)
                case "f", "false", "n", "no": return .bool(false)
                default: say("Type true or false.")
                }
            case .short:
                if !text.isEmpty { return .text(text) }
            }
        }
        return nil
    }

    private func describe(_ a: QuizAnswer, _ q: Question) -> String {
        switch a {
        case .choices(let set): return set.sorted().map { "\($0 + 1)) \(q.choices[$0].text)" }.joined(separator: ", ")
        case .bool(let b): return b ? "true" : "false"
        case .text(let t): return t
        }
    }
}
