// Quizzes inside a lesson (or a chapter's quiz lesson): questions, the answer key, feedback and a pass mark.

public struct Quiz {
    public var id: String
    public var title: String
    /// Correct answers needed to pass.
    public var pass: Int
    public var questions: [Question]
    public var line: Int
}

public struct Question {
    public enum Kind: String, CaseIterable, Sendable { case single, multiple, truefalse, short }
    public struct Choice {
        public var text: String
        public var correct: Bool
        public var feedback: String?
    }
    public var id: String
    public var kind: Kind
    public var prompt: String
    public var choices: [Choice]
    /// The answer of a true/false question.
    public var answer: Bool?
    /// Accepted answers of a short-answer question (compared without case and surrounding spaces).
    public var answers: [String]
    public var explanation: String
    public var line: Int
}

/// What a learner answered.
public enum QuizAnswer: Equatable {
    /// Indices into `choices` (one for single choice).
    case choices(Set<Int>)
    case bool(Bool)
    case text(String)
}

extension Question {
    /// Whether `answer` is right.
    public func grade(_ answer: QuizAnswer) -> Bool {
        switch (kind, answer) {
        case (.single, .choices(let set)), (.multiple, .choices(let set)):
            let right = Set(choices.indices.filter { choices[$0].correct })
            return !right.isEmpty && set == right
        case (.truefalse, .bool(let b)):
            return answer == .bool(b) && self.answer == b
        case (.short, .text(let t)):
            let norm = { (s: String) in s.trimmingCharacters(in: .whitespaces).lowercased() }
            return answers.contains { norm($0) == norm(t) }
        default:
            return false
        }
    }

    /// The answer the key says is right.
    public var keyAnswer: QuizAnswer? {
        switch kind {
        case .single, .multiple:
            let right = Set(choices.indices.filter { choices[$0].correct })
            return right.isEmpty ? nil : .choices(right)
        case .truefalse: return answer.map { .bool($0) }
        case .short: return answers.first.map { .text($0) }
        }
    }
}
