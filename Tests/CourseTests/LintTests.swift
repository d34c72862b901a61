// One test per kind of mistake `kubetutor lint` must catch, each on its own fixture folder, plus the built-in
// course, which must be clean.
import Course
import XCTest

final class LintTests: XCTestCase {
    /// Lints a fixture folder, naming it `F` in messages.
    private func lint(_ fixture: String) -> [String] {
        Linter.lint(CourseFixtures.folder(fixture), display: "F").diagnostics.map(\.description)
    }

    func testBuiltInCourseIsClean() {
        let result = Linter.lint(CourseFixtures.lessons, display: "Lessons")
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertEqual(result.course?.chapters.count, 4)
        XCTAssertEqual(result.course?.orderedLessons.count, 40)
    }

    func testYAMLSyntaxErrorNamesItsLine() {
        XCTAssertEqual(lint("lint-yaml-syntax"), [
            "F/ch/lesson.md:6: a lab needs at least one ```task block",
            "F/ch/lesson.md:15: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence",
        ])
    }

    func testUnknownKey() {
        XCTAssertEqual(lint("lint-unknown-key"), [
            "F/ch/lesson.md:23: unknown key \"hint\" in a task (known keys: id, title, do, checks, within, hints, solution, debrief)",
        ])
    }

    func testSolutionAnswerNeedsACommandAndText() {
        XCTAssertEqual(lint("lint-answer-first"), [
            "F/ch/lesson.md:21: an answer needs the command whose prompt it answers before it",
            "F/ch/lesson.md:25: \"answer\" must be a text, not a mapping",
        ])
    }

    func testDuplicateTaskID() {
        XCTAssertEqual(lint("lint-duplicate-id"), ["F/ch/lesson.md:26: duplicate task id \"run-pod\""])
    }

    func testMissingReferences() {
        XCTAssertEqual(lint("lint-missing-reference"), [
            "F/ch/stray.md:1: lesson file is not listed in course.yaml",
            "F/course.yaml:9: lesson \"ghost\" has no file ch/ghost.md",
        ])
    }

    func testMissingRequiredKeys() {
        XCTAssertEqual(lint("lint-missing-required"), [
            "F/ch/lesson.md:13: a task needs \"title\"",
            "F/ch/lesson.md:13: task \"run-pod\" needs a solution (the commands that solve it)",
            "F/ch/lesson.md:13: task \"run-pod\" needs \"checks\"",
        ])
    }

    func testInvalidCheckExpressions() {
        XCTAssertEqual(lint("lint-invalid-check"), [
            "F/ch/lesson.md:18: invalid JSONPath \"{.spec.containers[0\": unterminated array",
            "F/ch/lesson.md:20: unknown resource type \"pdo\" in \"pdo/web\"",
            "F/ch/lesson.md:21: unknown placeholder {loadbalancer} (known: {lb:SERVICE}, {clusterip:SERVICE}, {node}, {nodeport:SERVICE}, {ingress:INGRESS}, {mci:MULTICLUSTERINGRESS})",
            "F/ch/lesson.md:23: ready applies to a pod, deployment, replicaset, statefulset or daemonset, not a service",
            "F/ch/lesson.md:25: \"ready\" must be true or false, not \"maybe\"",
            "F/ch/lesson.md:28: invalid field selector \"spec.colour=blue\": field label not supported: spec.colour",
            "F/ch/lesson.md:31: since takes one value, task (count only what was created since the task began), not \"yesterday\"",
            "F/ch/lesson.md:33: an http check that expects a timeout takes no status or body expectation",
        ])
    }

    func testSolutionThatDoesNotParse() {
        XCTAssertEqual(lint("lint-solution-parse"), [
            "F/ch/lesson.md:21: solution command does not parse: sh: syntax error: unterminated quoted string",
        ])
    }

    func testManifestTheEngineWouldReject() {
        let d = lint("lint-bad-manifest")
        XCTAssertEqual(d.count, 1)
        XCTAssertTrue(d.first?.hasPrefix("F/ch/lesson.md:16: web.yaml: the API server would reject deployment \"Web_App\": ") ?? false, "\(d)")
        XCTAssertTrue(d.first?.contains("spec.selector: Required value") ?? false)
    }

    func testQuizQuestionsWithoutCorrectAnswer() {
        XCTAssertEqual(lint("lint-quiz-no-answer"), [
            "F/ch/lesson.md:15: question \"first\" has no correct answer (mark a choice with correct: true)",
            "F/ch/lesson.md:21: question \"second\" has no correct answer (answer: true or false)",
        ])
    }

    func testNewerFormatIsRefused() {
        XCTAssertEqual(lint("lint-newer-format"), [
            "F/ch/lesson.md:2: this lesson uses format 2, but this kubetutor only reads format 1: update kubetutor",
        ])
    }

    func testMaxSpeedMustBeOneOfTheOfferedSpeeds() {
        XCTAssertEqual(lint("lint-max-speed"), ["F/ch/lesson.md:8: max_speed must be one of 1, 10, 60, not 30"])
    }
}
