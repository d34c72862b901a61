// Chapters 3 and 4 played the wrong and half-right ways a learner takes: a check must not pass a wrong
// solution, and when it fails its reason must point at what the learner got wrong.
import Course
import Shell
import XCTest

final class LearnerSweepLessonTests: XCTestCase {
    private var dirs: [URL] = []
    override func tearDown() { for d in dirs { try? FileManager.default.removeItem(at: d) } }

    /// A fresh session of a built-in lesson.
    private func session(_ id: String) throws -> LessonSession {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-sweep2-\(UUID().uuidString)")
        dirs.append(d)
        return LessonSession(lesson: try CourseFixtures.lesson(id), workspace: d, record: nil)
    }

    /// Runs the lines, then checks; returns the reasons of the failing checks.
    @discardableResult
    private func play(_ s: LessonSession, _ lines: [String]) -> [String] {
        for line in lines { s.run(line, output: Output()) }
        return s.check().outcomes.compactMap { if case .fail(let why) = $0 { return why } else { return nil } }
    }

    /// Task 3 asks for the liveness page of the Pod broken in task 2. `kubectl exec deploy/web` picks a ready
    /// Pod, so a learner who uses it breaks a healthy one: the feedback must say the first Pod is still unready.
    func testUnhealthyPodsRestartingTheWrongPodIsExplained() throws {
        let s = try session("demo-unhealthy-pods")
        XCTAssertEqual(play(s, ["kubectl apply -f web.yaml"]), [])
        XCTAssertEqual(play(s, ["kubectl exec deploy/web -- rm /usr/share/nginx/html/index.html"]), [])
        XCTAssertEqual(s.currentTask?.id, "restart")
        let reasons = play(s, ["kubectl exec deploy/web -- rm /usr/share/nginx/html/50x.html"])
        XCTAssertEqual(s.currentTask?.id, "restart")
        XCTAssertTrue(reasons.contains { $0.contains("the Pod whose start page you deleted") }, "\(reasons)")
    }
}

extension LearnerSweepLessonTests {
    /// Applying orders-db.yaml before replacing its placeholder address gives the Service an endpoint that
    /// never answers; the feedback must name the placeholder rather than only report a timeout.
    func testExternalServicesPlaceholderAddressIsExplained() throws {
        let s = try session("external-services")
        play(s, ["kubectl create service externalname billing --external-name api.billing.svc.cluster.local"])
        play(s, ["kubectl patch service billing -p '{\"spec\":{\"externalName\":\"api-v2.billing.svc.cluster.local\"}}'"])
        XCTAssertEqual(s.currentTask?.id, "endpoints")
        let reasons = play(s, ["kubectl apply -f orders-db.yaml"])
        XCTAssertEqual(s.currentTask?.id, "endpoints")
        XCTAssertTrue(reasons.contains { $0.contains("placeholder 192.0.2.10") }, "\(reasons)")
    }
}

extension LearnerSweepLessonTests {
    /// flaky.yaml applied unchanged first fails four times before the lower limit arrives; the Job then counts
    /// four failures for good, so the check can never pass: its reason must say how to start over.
    func testFlakyJobAppliedWithTheOldLimitFirstSaysHowToStartOver() throws {
        let s = try session("finite-tasks-and-init-containers")
        play(s, ["kubectl apply -f pi.yaml"])
        play(s, ["sed -i 's/parallelism: 1/parallelism: 3/' work.yaml", "kubectl apply -f work.yaml"])
        XCTAssertEqual(s.currentTask?.id, "backoff-limit")
        let reasons = play(s, ["kubectl apply -f flaky.yaml", "kubectl wait --for=condition=failed job/flaky --timeout=100s",
                               "sed -i 's/backoffLimit: 6/backoffLimit: 2/' flaky.yaml", "kubectl apply -f flaky.yaml"])
        XCTAssertEqual(s.currentTask?.id, "backoff-limit")
        XCTAssertTrue(reasons.contains { $0.contains("kubectl delete job flaky") }, "\(reasons)")
        XCTAssertEqual(play(s, ["kubectl delete job flaky", "kubectl apply -f flaky.yaml"]), [])
        XCTAssertEqual(s.currentTask?.id, "cronjob")
    }
}
