// Where the tests find their fixture lesson folders and the repository's own course.
import Foundation

enum CourseFixtures {
    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }
    static func folder(_ name: String) -> URL { root.appendingPathComponent(name) }
    /// The repository's `Lessons/` (the built-in course).
    static var lessons: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons")
    }
}
