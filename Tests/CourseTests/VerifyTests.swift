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
        XCTAssertTrue(Verifier.table(results).hasSuffix("40 lessons verified, 0 failed\n"))
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

    /// A solution answers gcloud's prompts with `- answer:` items; verify feeds them and insists each is read.
    func testSolutionAnswersPrompts() throws {
        let l = try lesson("verify-prompt-answers")
        XCTAssertEqual(l.tasks[0].solution.count, 2)
        XCTAssertEqual(l.tasks[0].solutionAnswers, [[], [""]])
        XCTAssertEqual(l.tasks[0].solutionText, ["gcloud config set compute/zone us-central1-a", "gcloud container clusters delete demo",
                                                 "(at the prompt, answer: just Enter)"])
        XCTAssertEqual(Verifier.verify(l).problems, [])
    }

    /// `- fails: COMMAND` marks a command meant to fail: verify insists on a non-zero exit, and says so when it is 0.
    func testCommandsMarkedFailsMustFail() throws {
        let l = try lesson("verify-fails")
        XCTAssertEqual(l.tasks[0].solutionFails, [true, false])
        XCTAssertEqual(l.tasks[0].solutionText, ["kubectl get pod web   (this one fails, on purpose)", "kubectl run web --image=nginx"])
        XCTAssertEqual(Verifier.verify(l).problems, [
            "task delete-pod: solution command `kubectl delete pod web --wait=false` should fail (it is marked fails:) but exited 0",
        ])
    }

    func testUnansweredPromptFailsTheSolution() throws {
        XCTAssertEqual(Verifier.verify(try lesson("verify-prompt-unanswered")).problems, [
            "task delete: solution command `gcloud container clusters delete demo` failed (exit 1): The following clusters will be deleted.\n - [demo] in [us-central1-a]\n\nDo you want to continue (Y/n)?  \nERROR: (gcloud.container.clusters.delete) This prompt could not be answered because you are not in an interactive session.  You can re-run the command with the --quiet flag to accept default answers for all prompts.",
        ])
    }

    func testAnswerNoPromptReadIsCaught() throws {
        XCTAssertEqual(Verifier.verify(try lesson("verify-prompt-extra")).problems, [
            "task delete: solution command `gcloud container clusters delete demo` asked 1 question(s) but the solution answers 2",
        ])
    }
}
