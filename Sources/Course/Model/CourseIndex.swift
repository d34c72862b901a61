// `course.yaml`: the course's name and the order of its chapters and lessons.

public struct Course {
    public struct Chapter {
        public var id: String
        public var title: String
        public var lessonIDs: [String]
        /// A quiz lesson that closes the chapter, if any.
        public var quizID: String?
        public var line: Int
    }
    public var id: String
    public var title: String
    public var chapters: [Chapter]
    /// Every lesson by id.
    public var lessons: [String: Lesson]

    /// Lessons in course order (chapter quizzes after their chapter's lessons).
    public var orderedLessons: [Lesson] {
        chapters.flatMap { c in (c.lessonIDs + (c.quizID.map { [$0] } ?? [])).compactMap { lessons[$0] } }
    }

    public func chapter(of lessonID: String) -> Chapter? {
        chapters.first { $0.lessonIDs.contains(lessonID) || $0.quizID == lessonID }
    }
}
