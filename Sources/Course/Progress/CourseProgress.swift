// What a learner has done: per lesson, tasks passed, hints and solutions seen, quiz results, time spent and the
// log that rebuilds the lesson's cluster. Versioned; kept apart from the lesson model.

public struct CourseProgress: Codable, Equatable {
    public static let currentVersion = 1
    public var version = CourseProgress.currentVersion
    /// The course these records belong to.
    public var course: String?
    /// The lesson the learner was in, for resuming.
    public var currentLesson: String?
    public var lessons: [String: LessonProgress] = [:]
    public init(course: String? = nil) { self.course = course }
}

public struct QuizRecord: Codable, Equatable {
    public var attempts = 0
    public var bestScore = 0
    public var lastScore = 0
    public var total = 0
    public var passed = false
    public init() {}
}

public struct LessonProgress: Codable, Equatable {
    public var tasksDone: [String] = []
    /// Tasks whose solution the learner revealed.
    public var solutionsShown: [String] = []
    /// How many hints of each task were revealed.
    public var hintsShown: [String: Int] = [:]
    public var quizzes: [String: QuizRecord] = [:]
    /// The learner said they were done with a reading lesson (or every task and quiz passed).
    public var completed = false
    public var secondsSpent: Double = 0
    /// The seed the lesson's cluster started with, and everything done to it since.
    public var seed: UInt64 = 1
    public var log: [LogEntry] = []
    /// When each task began, in the lesson cluster's virtual milliseconds, for checks that count what was made since
    /// (absent from files written before it existed).
    public var taskBegan: [String: Int64]?
    public init() {}

    public var completedWithHelp: Bool { completed && !solutionsShown.isEmpty }
}
