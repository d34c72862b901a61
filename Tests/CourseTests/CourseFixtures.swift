// Where the tests find their fixture lesson folders and the repository's own course.
import Course
import Foundation
import XCTest

enum CourseFixtures {
    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }
    static func folder(_ name: String) -> URL { root.appendingPathComponent(name) }
    /// The repository's `Lessons/` (the built-in course).
    static var lessons: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons")
    }

    /// A lesson of the built-in course.
    static func lesson(_ id: String) throws -> Lesson {
        let course = try XCTUnwrap(CourseLoader.load(lessons).course)
        return try XCTUnwrap(course.lessons[id])
    }
}
