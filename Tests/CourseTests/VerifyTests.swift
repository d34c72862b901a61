// `verify` proves the built-in labs (checks fail before, pass after) and catches lessons that cannot fail or
// whose solution is wrong.
import Course
import XCTest

final class VerifyTests: XCTestCase {
    private func lesson(_ fixture: String) throws -> Lesson {
        let loaded = CourseLoader.load(CourseFixtures.folder(fixture), display: "F")
        XCTAssertEqual(loaded.diagnostics.map(\.description), [])
        return try XCTUnwrap(loaded.course?.lessons["lesson"])
    }

    func testBuiltInCourseVerifies() throws {
        let course = try XCTUnwrap(CourseLoader.load(CourseFixtures.lessons).course)
        let results = course.orderedLessons.map(Verifier.verify)
        for r in results where !r.passed { XCTFail("\(r.lessonID): \(r.problems.joined(separator: "; "))") }
        XCTAssertTrue(Verifier.table(results).hasSuffix("38 lessons verified, 0 failed\n"))
        XCTAssertGreaterThanOrEqual(results.filter { $0.tasks >= 3 }.count, 5, "the Intro to GKE labs have three tasks or more")
    }

    func testCheckThatCannotFailIsCaught() throws {
        let r = Verifier.verify(try lesson("verify-cannot-fail"))
        XCTAssertEqual(r.problems, ["task run-pod: its checks already pass before the solution (a check that cannot fail)"])
        XCTAssertTrue(Verifier.table([r]).contains("lesson   0/1     0/0       FAILED"))
    }

    func testWrongSolutionIsCaught() throws {
        let r = Verifier.verify(try lesson("verify-wrong-solution"))
        XCTAssertEqual(r.problems, ["task run-pod: after its solution, checks still fail: line 17: there is no pod named web in namespace default"])
    }
}
