import Course
import Foundation
import MiniCluster
import Shell
import TUI
import XCTest

/// The clock speed control (F8, `:speed`) and the `edit FILE` builtin in the player.
final class SpeedAndEditTests: XCTestCase {
    private func clusterNow(_ h: Harness) throws -> Int64 {
        try XCTUnwrap(h.app.lesson?.session.session.currentCluster?.now.ms)
    }

    private func statusLine(_ h: Harness) -> String { h.screen.line(h.screen.height - 1) }

    func testF8CyclesTheSpeedsTheLessonAllowsAndTheClockFollows() throws {
        let h = try Harness()
        h.press(.down, .enter)
        XCTAssertTrue(statusLine(h).contains("time ×1"), statusLine(h))
        var before = try clusterNow(h)
        h.wait(seconds: 5)
        XCTAssertEqual(try clusterNow(h) - before, 5000)

        h.press(.f(8))
        XCTAssertTrue(statusLine(h).contains("time ×10"), statusLine(h))
        XCTAssertTrue(h.text.contains("Clock ×10: a second here is 10 seconds in the cluster."), h.text)
        before = try clusterNow(h)
        h.wait(seconds: 5)
        XCTAssertEqual(try clusterNow(h) - before, 50_000)

        h.press(.f(8))
        XCTAssertTrue(statusLine(h).contains("time ×60"), statusLine(h))
        before = try clusterNow(h)
        h.wait(seconds: 2)
        XCTAssertEqual(try clusterNow(h) - before, 120_000)

        h.press(.f(8))
        XCTAssertTrue(statusLine(h).contains("time ×1"), statusLine(h))
        XCTAssertTrue(h.text.contains("Clock at wall time again."), h.text)
        // The help overlay lists the key and its command.
        h.press(.f(1))
        XCTAssertTrue(h.text.contains("F8 :speed"), h.text)
    }

    func testSpeedCommandPicksOneAndRefusesOthers() throws {
        let h = try Harness()
        h.press(.down, .enter)
        h.run(":speed 60")
        XCTAssertTrue(statusLine(h).contains("time ×60"), statusLine(h))
        h.run(":speed 30")
        XCTAssertTrue(h.text.contains("Speeds here: 1, 10, 60 (as in :speed 10)."), h.text)
        XCTAssertTrue(statusLine(h).contains("time ×60"), statusLine(h))
        h.run(":speed 1x")
        XCTAssertTrue(statusLine(h).contains("time ×1"), statusLine(h))
        h.run(":speed")
        XCTAssertTrue(statusLine(h).contains("time ×10"), statusLine(h))
    }

    func testALessonWithoutMaxSpeedStaysAtWallTime() throws {
        let h = try Harness()
        h.press(.enter)
        h.press(.f(8))
        XCTAssertTrue(h.text.contains("This lesson's clock runs at wall time only"), h.text)
        XCTAssertTrue(statusLine(h).contains("time ×1"), statusLine(h))
    }

    func testSpeedResetsWhenALessonOpens() throws {
        let h = try Harness()
        h.press(.down, .enter, .f(8))
        XCTAssertEqual(h.app.speed, 10)
        h.press(.escape, .enter)
        XCTAssertEqual(h.app.speed, 1)
    }

    func testTheStatusLineIsASCIIWithoutUTF8() throws {
        let h = try Harness(unicode: false)
        h.press(.down, .enter, .f(8))
        XCTAssertTrue(statusLine(h).contains("time x10"), statusLine(h))
    }

    /// `edit FILE` lends the terminal to $EDITOR (here a script that changes the file) through the same
    /// suspending hook as `kubectl edit`, then the lesson goes on with the edited file.
    func testEditSuspendsTheScreenAndEditsTheWorkspaceFile() throws {
        let h = try Harness()
        var suspended = 0
        h.app.suspend = { body in suspended += 1; body() }
        h.press(.down, .enter)
        let l = try XCTUnwrap(h.app.lesson)
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-editor-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: script) }
        try "#!/bin/sh\nsed -i 's/image: nginx/image: httpd/' \"$1\"\necho '# edited' >> \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        l.session.session.env["EDITOR"] = script.path
        h.run("echo 'image: nginx' > pod.yaml")
        h.run("edit pod.yaml")
        XCTAssertEqual(suspended, 1)
        let file = l.session.environment.workspace.appendingPathComponent("pod.yaml")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "image: httpd\n# edited\n")
        h.run("cat pod.yaml")
        XCTAssertTrue(h.text.contains("image: httpd"), h.text)
        // Resuming the lesson replays `edit` without opening an editor (the file already holds the edit).
        h.restart()
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "image: httpd\n# edited\n")
    }
}
