// The quiz page: one question at a time with its choices, feedback and the explanation once answered, and the
// score at the end.
import Course
import Markdown

extension App {
    func renderQuiz(_ q: QuizState, _ s: inout Screen) {
        renderTitle(&s, "quiz")
        let r = Rect(x: 2, y: 2, width: s.width - 4, height: s.height - 4)
        s.box(r, title: "\(q.quiz.title) \(theme.middot) question \(min(q.index + 1, q.quiz.questions.count)) of \(q.quiz.questions.count)",
              theme: theme, focused: true)
        let inner = Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
        var y = inner.y
        func line(_ l: StyledLine) {
            guard y < inner.maxY else { return }
            s.put(l, x: inner.x, y: y, width: inner.width, theme: theme)
            y += 1
        }
        func text(_ t: String, _ style: TextStyle = []) {
            for l in MarkdownRenderer.wrap([StyledRun(t, style)], width: inner.width) { line(l) }
        }
        if q.finished {
            let passed = q.score >= q.quiz.pass
            text("Score: \(q.score) of \(q.quiz.questions.count)", .heading)
            y += 1
            text(passed ? "\(theme.pass) Passed. Well done." : "Not passed yet: \(q.quiz.pass) right answers are needed. F6 or :quiz tries again.")
            y += 1
            text("Enter returns to the lesson.", .linkTarget)
            renderStatus(&s, left: "quiz finished", context: .quiz)
            return
        }
        let question = q.question
        for l in MarkdownRenderer(width: inner.width, ascii: !theme.unicode).render(question.prompt) { line(l) }
        y += 1
        let how: String
        switch question.kind {
        case .single: how = "One answer: \(theme.unicode ? "↑/↓" : "Up/Down") or a number, then Enter."
        case .multiple: how = "Several answers: Space or a number picks, Enter answers."
        case .truefalse: how = "True or false: \(theme.unicode ? "↑/↓" : "Up/Down") or t/f, then Enter."
        case .short: how = "Type your answer, then Enter."
        }
        if q.verdict == nil { text(how, .linkTarget); y += 1 }
        if question.kind == .short {
            let answer = q.typed
            s.put("> ", x: inner.x, y: y, style: theme.info)
            s.put(answer, x: inner.x + 2, y: y, maxWidth: inner.width - 2)
            if q.verdict == nil, overlay == nil { s.cursor = (min(inner.x + 2 + answer.columns, inner.maxX - 1), y) }
            y += 2
        } else {
            let key = question.keyAnswer
            for (i, option) in q.options.enumerated() {
                guard y < inner.maxY else { break }
                let isCursor = i == q.cursor && q.verdict == nil
                let picked = question.kind == .multiple ? q.picked.contains(i) : (q.verdict != nil && q.picked.contains(i))
                let box = question.kind == .multiple ? (picked ? "[x] " : "[ ] ") : (isCursor || (q.verdict != nil && q.cursor == i) ? "(•) " : "( ) ")
                var style: Style = isCursor ? theme.selected : .plain
                var suffix = ""
                if q.verdict != nil {
                    let right: Bool
                    switch key {
                    case .choices(let set): right = set.contains(i)
                    case .bool(let b): right = (i == 0) == b
                    default: right = false
                    }
                    let chosen = question.kind == .truefalse ? i == q.cursor : q.picked.contains(i)
                    if right { style = theme.ok; suffix = "  \(theme.pass)" } else if chosen { style = theme.bad; suffix = "  \(theme.fail)" }
                }
                let label = "\(i + 1)) " + (theme.unicode ? box : box.replacingOccurrences(of: "•", with: "*")) + option + suffix
                for (n, piece) in MarkdownWrap.wrap(label, inner.width).enumerated() where y < inner.maxY {
                    s.put(n == 0 ? piece : "    " + piece, x: inner.x, y: y, style: style, maxWidth: inner.width)
                    y += 1
                }
            }
            y += 1
        }
        if let right = q.verdict {
            text(right ? "\(theme.pass) Correct." : "\(theme.fail) Not quite.", .strong)
            if question.kind == .short, !right, let a = question.answers.first { text("The answer: \(a)") }
            for n in q.picked.sorted() where question.choices.indices.contains(n) {
                if let f = question.choices[n].feedback { text("\(question.choices[n].text): \(f)", .emphasis) }
            }
            if !question.explanation.isEmpty {
                for l in MarkdownRenderer(width: inner.width, ascii: !theme.unicode).render(question.explanation) { line(l) }
            }
            y += 1
            text(q.index + 1 < q.quiz.questions.count ? "Enter: next question" : "Enter: see your score", .linkTarget)
        }
        renderStatus(&s, left: "score \(q.score)/\(q.quiz.questions.count)", context: .quiz)
    }
}
