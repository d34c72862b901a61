// A quiz being taken: which question, the highlighted and picked choices (or the typed answer), whether the
// current question has been answered, and the score so far.
import Course
import Foundation

public struct QuizState {
    public let quiz: Quiz
    public var index = 0
    public var cursor = 0
    public var picked: Set<Int> = []
    public var typed = ""
    /// The verdict on the current question once answered.
    public var verdict: Bool?
    public var score = 0
    public var finished = false

    public init(quiz: Quiz) { self.quiz = quiz }

    public var question: Question { quiz.questions[index] }

    /// What the learner can pick from: the choices, or True/False.
    public var options: [String] {
        switch question.kind {
        case .truefalse: return ["True", "False"]
        case .short: return []
        default: return question.choices.map(\.text)
        }
    }

    /// The answer as picked so far (the highlighted choice when nothing is picked).
    public var answer: QuizAnswer? {
        switch question.kind {
        case .single: return .choices([cursor])
        case .multiple: return .choices(picked.isEmpty ? [cursor] : picked)
        case .truefalse: return .bool(cursor == 0)
        case .short:
            let t = typed.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : .text(t)
        }
    }

    /// Grades the current question; false when there is nothing to grade yet.
    public mutating func submit() -> Bool {
        guard verdict == nil, let a = answer else { return false }
        if case .choices(let set) = a { picked = set }
        let right = question.grade(a)
        verdict = right
        if right { score += 1 }
        return true
    }

    /// Moves to the next question; true when the quiz just finished.
    public mutating func advance() -> Bool {
        guard verdict != nil else { return false }
        if index + 1 < quiz.questions.count {
            index += 1
            cursor = 0
            picked = []
            typed = ""
            verdict = nil
            return false
        }
        finished = true
        return true
    }
}
