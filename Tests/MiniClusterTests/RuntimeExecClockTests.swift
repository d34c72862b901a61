import MiniCluster
import XCTest

/// A command exec'd with a client's clock: its waits go through the clock, and the clock's answer decides whether
/// it goes on (the container still runs), was killed with its container (137), or was given up (interrupted).
final class RuntimeExecClockTests: XCTestCase {
    let h = RuntimeHarness()

    /// A container whose shell script sleeps a long time, so exec'd commands find it running.
    func sleeper() throws -> ContainerProcess {
        try XCTUnwrap(h.start(h.launch(image: "busybox", args: ["sh", "-c", "sleep 36000"])))
    }

    func testSleepsPassThroughTheClockAndDateFollows() throws {
        let p = try sleeper()
        var asked: [Int64] = []
        var now = h.at(1)
        let r = p.exec(["sh", "-c", "date +%s; sleep 7; sleep 0.5; date +%s"], stdin: "", now: now) { d in
            asked.append(d.ms)
            now = now + d
            return .resumed(now)
        }
        XCTAssertEqual(asked, [7000, 500])
        let stamps = r.stdout.split(separator: "\n").compactMap { Int($0) }
        XCTAssertEqual(stamps.count, 2)
        XCTAssertEqual(stamps[1] - stamps[0], 7, "whole seconds: 7.5 s later")
        XCTAssertEqual(r.status, 0)
        XCTAssertFalse(r.interrupted)
    }

    func testTheContainerStoppingKillsTheCommand() throws {
        let p = try sleeper()
        let r = p.exec(["sh", "-c", "echo before; sleep 60; echo after"], stdin: "", now: h.at(1)) { _ in .stopped }
        XCTAssertEqual(r, ExecResult(stdout: "before\n", stderr: "", status: 137))
    }

    func testAKillSeenAfterTheWaitKillsTheCommandToo() throws {
        let p = try sleeper()
        let r = p.exec(["sh", "-c", "sleep 60; echo after"], stdin: "", now: h.at(1)) { [h] _ in
            p.kill(now: h.at(30))
            return .resumed(h.at(61))
        }
        XCTAssertEqual(r.status, 137)
        XCTAssertEqual(r.stdout, "")
    }

    func testInterruptedCommandsSayWhatTheyWroteAndStop() throws {
        let p = try sleeper()
        var r = p.exec(["sh", "-c", "echo one; sleep 60; echo two"], stdin: "", now: h.at(1)) { _ in .interrupted }
        XCTAssertEqual(r.stdout, "one\n")
        XCTAssertTrue(r.interrupted)
        XCTAssertEqual(p.advance(to: h.at(2)), .running, "the container goes on")
        r = p.exec(["sleep", "5"], stdin: "", now: h.at(2))
        XCTAssertEqual(r.status, 0, "without a clock a sleep takes no time (exec probes)")
    }

    func testAnInteractiveShellSurvivesCtrlCButNotAKill() throws {
        let p = try sleeper()
        var answer = ExecWake.interrupted
        let shell = try XCTUnwrap((p as? InteractiveContainer)?.openShell(["sh"], now: h.at(1)) { _ in answer })
        var (r, exited) = shell.run(line: "sleep 60; echo no", now: h.at(1))
        XCTAssertEqual(r.status, 130)
        XCTAssertNil(exited, "Ctrl-C stops the command, not the shell")
        XCTAssertEqual(shell.run(line: "echo still here", now: h.at(2)).result.stdout, "still here\n")
        answer = .stopped
        (r, exited) = shell.run(line: "sleep 60", now: h.at(3))
        XCTAssertEqual(exited, 137)
    }
}
