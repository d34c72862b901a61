import Foundation
import TUI
import XCTest

/// A container shell on the lesson page: its prompt replaces the learner's, `exit` leaves the container (not the
/// lesson), and a here-document line inside it is not held back as unfinished.
final class AttachedShellScreenTests: XCTestCase {
    func testDockerExecItShowsTheContainerPromptAndExitLeavesIt() throws {
        let h = try Harness(width: 100, height: 30)
        h.press(.down, .enter)
        h.run("docker run -d --name box nginx:alpine")
        h.run("docker exec -it box sh")
        XCTAssertNotNil(h.row(containing: "/ # "), h.text)
        h.run("echo inside > /tmp/x")
        h.run("exit")
        XCTAssertNotEqual(h.app.page, .courseMap, "exit left the container, not the lesson")
        let promptRow = try XCTUnwrap(h.screen.cursor.map { h.screen.line($0.y) })
        XCTAssertTrue(promptRow.contains("kubetutor:~$"), promptRow)
        h.run("docker exec box cat /tmp/x")
        XCTAssertTrue(h.text.contains("inside"), h.text)
    }
}
