// Reads a ```quiz block: its questions, answer key, feedback and pass mark; a question nobody could get right
// is reported where it is.

enum QuizParser {
    static let quizKeys = ["id", "title", "pass", "questions"]
    static let questionKeys = ["id", "type", "prompt", "choices", "answer", "answers", "explanation"]
    static let choiceKeys = ["text", "correct", "feedback"]

    static func quiz(_ node: YNode, index: Int) -> Quiz? {
        guard let map = node.map("a quiz", allowed: quizKeys) else { return nil }
        var quiz = Quiz(id: map.string("id") ?? "quiz-\(index + 1)", title: map.string("title") ?? "Quiz", pass: 0,
                        questions: [], line: map.at.line)
        guard let items = map["questions"]?.list("\"questions\"") else {
            if !map.has("questions") { map.at.error("a quiz needs \"questions\"") }
            return nil
        }
        var ids: Set<String> = []
        for (i, item) in items.enumerated() {
            guard let q = question(item, index: i) else { continue }
            if !ids.insert(q.id).inserted { item.error("duplicate question id \"\(q.id)\"") }
            quiz.questions.append(q)
        }
        if items.isEmpty { map["questions"]?.error("a quiz needs at least one question") }
        quiz.pass = map.int("pass") ?? quiz.questions.count
        if quiz.pass > items.count || quiz.pass < 0 {
            map["pass"]?.error("pass is \(quiz.pass), but the quiz has \(items.count) questions")
        }
        return quiz
    }

    static func question(_ node: YNode, index: Int) -> Question? {
        guard let map = node.map("a question", allowed: questionKeys) else { return nil }
        let typeText = map.string("type") ?? "single"
        guard let kind = Question.Kind(rawValue: typeText) else {
            map["type"]?.error("question type must be one of \(Question.Kind.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(typeText)\"")
            return nil
        }
        var q = Question(id: map.string("id") ?? "q\(index + 1)", kind: kind, prompt: map.string("prompt", required: true) ?? "",
                         choices: [], answer: nil, answers: map.stringList("answers").map(\.0),
                         explanation: map.string("explanation") ?? "", line: map.at.line)
        for c in map["choices"]?.list("\"choices\"") ?? [] {
            if case .scalar = c.node, let text = c.string("a choice") {
                q.choices.append(.init(text: text, correct: false, feedback: nil))
            } else if let cm = c.map("a choice", allowed: choiceKeys) {
                q.choices.append(.init(text: cm.string("text", required: true) ?? "", correct: cm.bool("correct") ?? false,
                                       feedback: cm.string("feedback")))
            }
        }
        q.answer = map.bool("answer")
        switch kind {
        case .single, .multiple:
            if q.choices.count < 2 { map.at.error("a \(kind.rawValue) choice question needs at least two choices") }
            let right = q.choices.filter(\.correct).count
            if right == 0 { map.at.error("question \"\(q.id)\" has no correct answer (mark a choice with correct: true)") }
            if kind == .single, right > 1 { map.at.error("single choice question \"\(q.id)\" has \(right) correct choices; use type: multiple") }
            if map.has("answer") || map.has("answers") { map.at.error("a choice question marks its answer with correct: true") }
        case .truefalse:
            if q.answer == nil, !map.has("answer") { map.at.error("question \"\(q.id)\" has no correct answer (answer: true or false)") }
            if map.has("choices") { map["choices"]?.error("a true/false question has no choices") }
        case .short:
            if q.answers.isEmpty { map.at.error("question \"\(q.id)\" has no correct answer (answers: [...])") }
            if map.has("choices") { map["choices"]?.error("a short-answer question has no choices") }
        }
        return q
    }
}
