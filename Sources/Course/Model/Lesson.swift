// The lesson model: what a lesson file says, decoded into plain values. Runtime state lives in CourseProgress.
import MiniCluster

/// The lesson format version this kubetutor reads; newer files are refused.
public let lessonFormatVersion = 1

/// Where something came from in a lesson folder, for `FILE:LINE` messages.
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
}

public enum LessonKind: String, CaseIterable, Sendable { case reading, lab, quiz }

/// Which cluster a lesson starts with.
public enum ClusterSetup: String, CaseIterable, Sendable {
    /// No cluster at all (kubectl has no server); for lessons about containers or creating a cluster.
    case none
    /// One GKE-like cluster of three nodes with kubectl pointed at it (what the sandbox starts with).
    case `default`
}

public struct Lesson {
    public var id: String
    public var title: String
    public var chapter: String
    public var kind: LessonKind
    public var minutes: Int
    public var objectives: [String]
    public var cluster: ClusterSetup
    /// Commands run silently, in order, before the learner arrives.
    public var setup: [String]
    /// The reading text (Markdown) with task, quiz and file blocks taken out.
    public var text: String
    public var files: [WorkspaceFile]
    public var tasks: [LessonTask]
    public var quizzes: [Quiz]
    public var location: SourceLocation
    /// The line of each setup command, for lint.
    public var setupLines: [Int] = []
    /// How much faster than wall time the learner may run the lesson's clock (1: not at all).
    public var maxSpeed = 1
    /// The clock speeds a lesson can offer.
    public static let speeds = [1, 10, 60]
}

/// A file the learner finds in the lesson's workspace.
public struct WorkspaceFile {
    public var path: String
    public var content: String
    /// The line of the block's first content line.
    public var line: Int
}

public struct LessonTask {
    public var id: String
    public var title: String
    /// What to do (Markdown).
    public var text: String
    public var checks: [Check]
    /// Virtual time the checks may need to pass; the player fast-forwards up to this much on `:check`.
    public var within: Duration?
    public var hints: [String]
    public var solution: [String]
    public var solutionLines: [Int]
    /// For each solution command, what its prompts are answered, in order (`- answer: y` after the command).
    public var solutionAnswers: [[String]] = []
    /// For each solution command, whether it is meant to fail (`- fails: COMMAND`: a drain a budget holds back).
    public var solutionFails: [Bool] = []
    public var debrief: String
    public var line: Int
}

extension LessonTask {
    /// The solution as a learner reads it: each command, then the answers its prompts get.
    public var solutionText: [String] {
        solution.indices.flatMap { i in
            [solution[i] + (i < solutionFails.count && solutionFails[i] ? "   (this one fails, on purpose)" : "")]
                + (i < solutionAnswers.count ? solutionAnswers[i] : []).map { "(at the prompt, answer: \($0.isEmpty ? "just Enter" : $0))" }
        }
    }
}
