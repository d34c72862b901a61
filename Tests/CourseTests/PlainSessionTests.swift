// The plain player end to end: open a lesson, fail a check with its reason, take a hint, solve, pass, take a
// quiz, quit, start again and find progress and the lesson's cluster restored. Golden transcript; re-record
// with KUBETUTOR_RECORD=1.
import Course
import Shell
import XCTest

final class PlainSessionTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/plain-session.txt")

    /// Runs a player over `inputs`, echoing each input after its prompt as a terminal would show it.
    private func play(_ inputs: [String], store: ProgressStore, course: Course, into transcript: inout String) -> Int32 {
        var queue = inputs
        var text = ""
        let player = PlainPlayer(course: course, store: store, write: { text += $0 }, readLine: { prompt in
            guard !queue.isEmpty else { return nil }
            let line = queue.removeFirst()
            text += prompt + line + "\n"
            return line
        }, now: { 0 })
        let status = player.run()
        transcript += text
        return status
    }

    func testFullPlainSession() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-plain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let course = try XCTUnwrap(CourseLoader.load(CourseFixtures.folder("plain-course")).course)
        let store = ProgressStore(directory: dir)
        var transcript = "### first run\n"
        XCTAssertEqual(play([
            ":next", ":check", ":hint", ":hint", ":hint",
            "kubectl run web --image=ngnix",
            ":check",
            "kubectl delete pod web",
            "kubectl run web --image=nginx",
            ":check",
            "kubectl label pod web tier=frontend",
            ":quiz", "1", "maybe", "true", "kubectl apply",
            ":quit",
        ], store: store, course: course, into: &transcript), 0)
        transcript += "### second run\n"
        XCTAssertEqual(play([
            "kubectl get pod web -o jsonpath='{.spec.containers[0].image} {.metadata.labels.tier}{\"\\n\"}'",
            "kubectl get pod web",
            ":tasks",
            ":lessons",
            ":quit",
        ], store: store, course: course, into: &transcript), 0)

        let saved = store.load().progress
        XCTAssertEqual(saved.currentLesson, "meet-pods")
        XCTAssertEqual(saved.lessons["meet-pods"]?.tasksDone, ["run-pod", "label-pod"])
        XCTAssertEqual(saved.lessons["meet-pods"]?.quizzes["pods-quiz"]?.passed, true)

        if ProcessInfo.processInfo.environment["KUBETUTOR_RECORD"] == "1" {
            try transcript.write(to: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: Self.golden, encoding: .utf8)) ?? ""
        XCTAssertEqual(transcript, expected, "re-record with KUBETUTOR_RECORD=1 and review the diff")
    }

    /// gcloud's confirmation prompts read the learner's next line in the player; the answers are logged after
    /// their command, so a resumed lesson replays them (the deleted cluster stays deleted).
    func testPromptsInThePlainPlayer() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-plain-prompt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let course = try XCTUnwrap(CourseLoader.load(CourseFixtures.folder("prompt-course")).course)
        XCTAssertEqual(Verifier.verify(try XCTUnwrap(course.lessons["clusters"])).problems, [])
        let store = ProgressStore(directory: dir)
        var transcript = "### first run\n"
        XCTAssertEqual(play([
            "gcloud container clusters delete demo --zone us-central1-a",
            "maybe", "n",
            "gcloud container clusters list",
            "gcloud container clusters delete demo --zone us-central1-a",
            "y",
            ":quit",
        ], store: store, course: course, into: &transcript), 0)
        let log = try XCTUnwrap(store.load().progress.lessons["clusters"]?.log)
        XCTAssertEqual(log, [.command("gcloud container clusters delete demo --zone us-central1-a"), .answer("maybe"), .answer("n"),
                             .command("gcloud container clusters list"),
                             .command("gcloud container clusters delete demo --zone us-central1-a"), .answer("y")])
        transcript += "### second run\n"
        XCTAssertEqual(play([
            "gcloud container clusters list",
            ":solution", "y",
            "gcloud container clusters resize keep --zone us-central1-a --num-nodes 2",
            "",
            "gcloud container clusters list",
            ":quit",
        ], store: store, course: course, into: &transcript), 0)
        XCTAssertEqual(store.load().progress.lessons["clusters"]?.completed, true)

        let golden = Self.golden.deletingLastPathComponent().appendingPathComponent("plain-prompt.txt")
        if ProcessInfo.processInfo.environment["KUBETUTOR_RECORD"] == "1" {
            try transcript.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(transcript, (try? String(contentsOf: golden, encoding: .utf8)) ?? "", "re-record with KUBETUTOR_RECORD=1 and review the diff")
    }

    /// A player command typed during a quiz leaves the quiz instead of being asked for a number again.
    func testColonCommandLeavesAQuiz() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-plain-quiz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let course = try XCTUnwrap(CourseLoader.load(CourseFixtures.folder("plain-course")).course)
        var transcript = ""
        XCTAssertEqual(play([":next", ":quiz", ":lessons", ":quit"], store: ProgressStore(directory: dir), course: course, into: &transcript), 0)
        XCTAssertTrue(transcript.contains("Your answer (a number): :lessons\nQuiz stopped; :quiz starts it again.\n"), transcript)
        XCTAssertFalse(transcript.contains("Type the number of one choice."), transcript)
    }

    /// A resumed lesson replays its log: measure it with a long log (100 commands).
    func testResumeReplaysTheLog() throws {
        let course = try XCTUnwrap(CourseLoader.load(CourseFixtures.lessons).course)
        let lesson = try XCTUnwrap(course.lessons["replicasets-and-deployments"])
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-replay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: ws) }
        var record = LessonProgress()
        for i in 0..<100 { record.log.append(.command("kubectl create deployment d\(i) --image=nginx")) }
        record.log.append(.advance(30_000))
        let start = Date()
        let session = LessonSession(lesson: lesson, workspace: ws, record: record)
        let elapsed = Date().timeIntervalSince(start)
        print("replaying 100 commands took \(Int(elapsed * 1000)) ms")
        let out = Output()
        session.run("kubectl get deployments -o name", output: out)
        XCTAssertEqual(out.stdout.split(separator: "\n").count, 100)
    }
}
