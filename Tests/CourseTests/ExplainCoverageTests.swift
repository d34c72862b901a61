// The built-in course keeps the habit README "Checks" asks for: a check whose generic failure would show a
// JSONPath or a regular expression carries an `explain:`, the sentence a learner can act on.
import Course
import Foundation
import XCTest

final class ExplainCoverageTests: XCTestCase {
    /// Whether a check's generic reason would quote a JSONPath or a regular expression at the learner.
    private func isOpaque(_ kind: CheckKind) -> Bool {
        switch kind {
        case .jsonpath: return true
        case .kubectl(_, let e), .docker(_, let e), .gcloud(_, let e): return isRegex(e)
        case .http(_, _, _, let body, _, _): return body.map(isRegex) ?? false
        default: return false
        }
    }

    private func isRegex(_ e: Expectation) -> Bool {
        if case .matches = e { return true }
        return false
    }

    func testEveryJSONPathOrRegexCheckOfTheCourseExplainsItself() throws {
        let lessons = CourseFixtures.lessons
        try XCTSkipUnless(FileManager.default.fileExists(atPath: lessons.appendingPathComponent("course.yaml").path),
                          "no Lessons/ folder next to the tests")
        let course = try XCTUnwrap(CourseLoader.load(lessons, display: "Lessons").course)
        var opaque = 0
        var missing: [String] = []
        for lesson in course.orderedLessons {
            for task in lesson.tasks {
                for check in task.checks where isOpaque(check.kind) {
                    opaque += 1
                    if check.explain == nil { missing.append("\(lesson.location.file):\(check.line) (task \(task.id))") }
                }
            }
        }
        XCTAssertEqual(missing, [], "checks that would show a learner a JSONPath or a regular expression need explain:")
        // Guards the test itself: the course has such checks, so the loop above looked at something.
        XCTAssertGreaterThan(opaque, 90)
    }
}
