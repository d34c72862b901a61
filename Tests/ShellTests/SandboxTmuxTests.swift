import Foundation
import TestSupport
import XCTest

/// The sandbox's interactive prompt in a real terminal (tmux): typing, line editing, history, Ctrl-C, exit.
final class SandboxTmuxTests: XCTestCase {
    func testPromptEditsRunsAndRemembersCommands() throws {
        let binary = try SandboxTests.binary()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let t: TmuxSession
        do {
            t = try TmuxSession(command: "'\(binary.path)' sandbox", cwd: home,
                                environment: ["HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path])
        } catch let e as TmuxSession.Failure { throw XCTSkip(e.description) }

        try t.waitFor("kubetutor:~$", timeout: 10)
        // A typo fixed with the line editor: Ctrl-A to the start, Ctrl-K to cut, then type again.
        try t.type("kubectl get nodez")
        try t.keys("C-a", "C-k")
        try t.type("kubectl get ns")
        try t.keys("Enter")
        try t.waitFor("kube-system")
        try t.waitFor("kubetutor:~$", count: 2)
        // History: Up brings the last command back; editing it at the end changes the query.
        try t.keys("Up")
        try t.type(" default -o name")
        try t.keys("Enter")
        try t.waitFor("namespace/default")
        // Ctrl-C drops a half-typed line and gives a fresh prompt; the command never runs.
        try t.type("kubectl delete ns default")
        try t.keys("C-c")
        try t.waitFor("kubetutor:~$", count: 4)
        // As in bash, Ctrl-C at the prompt sets $? to 130 and a bare `exit` leaves with it.
        try t.type("exit")
        try t.keys("Enter")
        let screen = try t.waitFor("[exit 130]")
        XCTAssertFalse(screen.contains("deleted"), screen)
        // The history survives the session.
        let history = try String(contentsOf: home.appendingPathComponent("state/kubetutor/sandbox_history"), encoding: .utf8)
        XCTAssertTrue(history.contains("kubectl get ns default -o name"), history)
    }
}
