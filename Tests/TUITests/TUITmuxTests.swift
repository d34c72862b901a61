import Foundation
import TestSupport
import XCTest

/// The full-screen player in a real terminal (tmux): `kubetutor` with no arguments on the fixture course.
final class TUITmuxTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-tui-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: home) }

    static func binary() throws -> URL {
        var candidates = [Bundle(for: TUITmuxTests.self).bundleURL.deletingLastPathComponent().appendingPathComponent("kubetutor")]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/kubetutor"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("kubetutor binary not built")
        }
        return found
    }

    private func start(_ extra: [String: String] = [:]) throws -> TmuxSession {
        let course = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("tui-course")
        // NO_COLOR may be set around the test runner; empty means unset (no-color.org).
        var env = ["NO_COLOR": "", "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path, "KUBETUTOR_LESSONS": course.path]
        env.merge(extra) { _, new in new }
        do {
            return try TmuxSession(command: "'\(try Self.binary().path)'", cwd: home, environment: env)
        } catch let e as TmuxSession.Failure { throw XCTSkip(e.description) }
    }

    func testALessonFromStartToQuit() throws {
        let t = try start()
        try t.waitFor("Welcome! This course", timeout: 10)
        XCTAssertEqual(try t.display("#{alternate_on}"), "1")
        try t.keys("Down", "Enter")
        try t.waitFor("Forget Containers, Meet Pods!")
        // A command's output, and its task turning ✓.
        try t.type("kubectl run web --image=nginx")
        try t.keys("Enter")
        try t.waitFor("pod/web created")
        try t.waitFor("✓ 1. Run your first Pod")
        // The cluster map shows the pod on a node.
        try t.keys("F5")
        try t.waitFor("zone us-central1-a")
        try t.waitFor("● web")
        // Too small, then big enough again.
        try t.resize(width: 60, height: 20)
        try t.waitFor("Terminal too small")
        try t.resize(width: 100, height: 30)
        try t.waitFor(timeout: 5, "the map again") { $0.contains("Cluster map") && !$0.contains("Terminal too small") }
        try t.keys("F5")
        // A quiz question answered.
        try t.keys("F6")
        try t.waitFor("What is the smallest unit Kubernetes deploys?")
        try t.keys("Down", "Enter")
        try t.waitFor("Correct.")
        try t.keys("Escape")
        try t.waitFor("Quiz left")
        // Back to the map, quit: the terminal is restored and progress is on disk.
        try t.keys("Escape")
        try t.waitFor("you were here")
        try t.keys("q")
        let screen = try t.waitFor("[exit 0]")
        XCTAssertEqual(try t.display("#{alternate_on}"), "0")
        XCTAssertFalse(screen.contains("Forget Containers"), screen)
        let progress = try String(contentsOf: home.appendingPathComponent("state/kubetutor/progress.json"), encoding: .utf8)
        XCTAssertTrue(progress.contains("kubectl run web --image=nginx"), progress)
        XCTAssertTrue(progress.contains("\"currentLesson\" : \"meet-pods\""), progress)
    }

    func testACrashStillRestoresTheTerminal() throws {
        let t = try start(["KUBETUTOR_TEST_CRASH": "1"])
        try t.waitFor("Welcome! This course", timeout: 10)
        try t.keys("Enter")
        try t.waitFor("kubetutor:~$")
        try t.type(":crash")
        try t.keys("Enter")
        let screen = try t.waitFor(timeout: 10, "the exit line") { $0.contains("[exit ") && !$0.contains("[exit 0]") }
        XCTAssertEqual(try t.display("#{alternate_on}"), "0", screen)
        XCTAssertEqual(try t.display("#{cursor_flag}"), "1", screen)
    }

    func testSIGTERMSavesAndRestores() throws {
        let t = try start()
        try t.waitFor("Welcome! This course", timeout: 10)
        try t.keys("Enter")
        try t.waitFor("kubetutor:~$")
        try t.signalProgram("TERM")
        try t.waitFor("[exit 143]")
        XCTAssertEqual(try t.display("#{alternate_on}"), "0")
        let progress = try String(contentsOf: home.appendingPathComponent("state/kubetutor/progress.json"), encoding: .utf8)
        XCTAssertTrue(progress.contains("\"currentLesson\" : \"welcome\""), progress)
    }

    /// The terminal hangs up while a command waits (`get -w` runs until stopped): the wait ends, progress is
    /// saved with the time the wait really took, and the terminal is restored.
    func testSIGHUPDuringAWaitSavesAndRestores() throws {
        let t = try start()
        try t.waitFor("Welcome! This course", timeout: 10)
        try t.keys("Down", "Enter")
        try t.waitFor("kubetutor:~$")
        try t.type("kubectl get pods -w")
        try t.keys("Enter")
        try t.waitFor("No resources found in default namespace.")
        try t.signalProgram("HUP")
        let screen = try t.waitFor("[exit 129]")
        XCTAssertEqual(try t.display("#{alternate_on}"), "0", screen)
        XCTAssertEqual(try t.display("#{cursor_flag}"), "1", screen)
        let progress = try String(contentsOf: home.appendingPathComponent("state/kubetutor/progress.json"), encoding: .utf8)
        XCTAssertTrue(progress.contains("\"currentLesson\" : \"meet-pods\""), progress)
        XCTAssertTrue(progress.contains("\"run\" : \"kubectl get pods -w\""), progress)
        XCTAssertTrue(progress.contains("\"waitedMs\" : "), progress)
    }
}
