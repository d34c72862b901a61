// Resuming a lesson rebuilds its cluster from the log: the cost must not grow with the time the learner spent
// in it, and the cluster must come back as it was (same pods, ages, restarts, clock), including after a wait
// the learner stopped with Ctrl-C.
import Course
import MiniCluster
import Shell
import XCTest

final class ResumeTests: XCTestCase {
    private var dirs: [URL] = []
    override func tearDown() { for d in dirs { try? FileManager.default.removeItem(at: d) } }

    private func workspace() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-resume-\(UUID().uuidString)")
        dirs.append(d)
        return d
    }

    private func lesson() throws -> Lesson { try CourseFixtures.lesson("replicasets-and-deployments") }

    /// What a learner would see of the cluster: pods with ages and restarts, deployments, and the clock.
    private func snapshot(_ s: LessonSession) -> String {
        var text = ""
        for cmd in ["kubectl get pods -o wide", "kubectl get deploy,rs", "kubectl get events --sort-by=.lastTimestamp"] {
            let out = Output()
            s.session.runLine(cmd, output: out)
            text += "$ \(cmd)\n" + out.stdout + out.stderr
        }
        let now = s.session.clusters.keys.sorted().map { "\($0) \(s.session.clusters[$0]!.now)" }
        return text + now.joined(separator: "\n")
    }

    private func startLive() throws -> LessonSession {
        let live = LessonSession(lesson: try lesson(), workspace: workspace(), record: nil)
        live.run("kubectl create deployment web --image=nginx --replicas=3", output: Output())
        live.run("kubectl run crash --image=busybox -- sh -c 'sleep 20; exit 1'", output: Output())
        return live
    }

    func testTwoHoursInALessonAreOneLogEntryAndResumeRestoresTheCluster() throws {
        let live = try startLive()
        // The front end lets wall time pass about once a second.
        for _ in 0..<7200 { _ = live.letTimePass(.seconds(1)) }
        XCTAssertEqual(live.record.log.count, 3, "\(live.record.log.suffix(3))")
        XCTAssertEqual(live.record.log.last, .advance(7_200_000))

        let started = Date()
        let resumed = LessonSession(lesson: try lesson(), workspace: workspace(), record: live.record)
        let took = Date().timeIntervalSince(started)
        print("resuming after 2 virtual hours took \(Int(took * 1000)) ms")
        let before = snapshot(live), after = snapshot(resumed)
        XCTAssertEqual(after, before)
        // The crash-looping pod restarted many times and the others are 2h old: the state is not a fresh one.
        XCTAssertTrue(before.contains("CrashLoopBackOff") || before.contains("Error"), before)
        XCTAssertTrue(before.contains("120m") || before.contains("2h"), before)
    }

    /// Progress saved before time entries were joined (one per second) resumes to the same cluster.
    func testAnOldLogWithOneEntryPerSecondResumesTheSame() throws {
        let live = try startLive()
        for _ in 0..<600 { _ = live.letTimePass(.seconds(1)) }
        var old = live.record
        old.log = Array(old.log.prefix(2)) + Array(repeating: .advance(1000), count: 600)
        XCTAssertEqual(old.log.coalesced, live.record.log)
        let resumed = LessonSession(lesson: try lesson(), workspace: workspace(), record: old)
        XCTAssertEqual(snapshot(resumed), snapshot(live))
    }

    func testTimeEntriesJoinOnlyWhenAdjacent() {
        var log: [LogEntry] = []
        log.appendAdvance(1000)
        log.appendAdvance(0)
        log.appendAdvance(500)
        log.append(.command("kubectl get pods"))
        log.appendAdvance(2000)
        XCTAssertEqual(log, [.advance(1500), .command("kubectl get pods"), .advance(2000)])
    }

    /// A front end that follows wall time (as the TUI does): each wait advances the clusters, and the learner
    /// presses Ctrl-C after `stopAfter` waits.
    private func follow(_ s: LessonSession, stopAfter: Int) {
        let shell = s.session
        var waits = 0
        var interrupted = false
        shell.sleepHandler = { [unowned shell] d in
            shell.advanceClusters(by: d)
            waits += 1
            if waits == stopAfter { interrupted = true }
        }
        shell.interpreter.isInterrupted = { interrupted }
    }

    func testAWaitStoppedWithCtrlCReplaysOnlyAsLongAsItRan() throws {
        let live = try startLive()
        follow(live, stopAfter: 45)
        // `get -w` without a timeout runs until Ctrl-C when a front end follows wall time.
        let out = Output()
        live.run("kubectl get pods -w", output: out)
        XCTAssertEqual(live.record.log.last, .command("kubectl get pods -w", waitedMs: 45_000))
        live.session.sleepHandler = nil
        live.session.interpreter.isInterrupted = { false }
        live.run("kubectl scale deployment web --replicas=1", output: Output())

        let resumed = LessonSession(lesson: try lesson(), workspace: workspace(), record: live.record)
        XCTAssertEqual(snapshot(resumed), snapshot(live))
        // Replay leaves the session as it found it: later waits are script waits again.
        XCTAssertNil(resumed.session.sleepHandler)
        XCTAssertFalse(resumed.session.interpreter.isInterrupted())
    }

    func testAWaitThatEndedByItselfReplaysTheSame() throws {
        let live = try startLive()
        follow(live, stopAfter: 10_000)
        live.run("kubectl rollout status deployment/web && kubectl scale deployment web --replicas=5 && sleep 30",
                 output: Output())
        guard case .command(_, let waited, _)? = live.record.log.last else { return XCTFail("\(live.record.log)") }
        XCTAssertNotNil(waited)
        let resumed = LessonSession(lesson: try lesson(), workspace: workspace(), record: live.record)
        XCTAssertEqual(snapshot(resumed), snapshot(live))
        XCTAssertTrue(snapshot(live).contains("web   5/5"), snapshot(live))
    }

    func testTheLogKeepsTheWaitedTimeInItsJSON() throws {
        let entries: [LogEntry] = [.command("kubectl get pods -w", waitedMs: 3000), .command("ls"), .advance(5)]
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        let data = try enc.encode(entries)
        XCTAssertEqual(String(decoding: data, as: UTF8.self),
                       #"[{"run":"kubectl get pods -w","waitedMs":3000},{"run":"ls"},{"advanceMs":5}]"#)
        XCTAssertEqual(try JSONDecoder().decode([LogEntry].self, from: data), entries)
    }

    /// An editor that replaces text in the file it is given.
    private struct Replacing: EditorLauncher {
        var from: String, to: String
        func edit(file: URL, env: [String: String]) throws {
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: from, with: to).write(to: file, atomically: true, encoding: .utf8)
        }
    }

    /// `kubectl edit` and `edit FILE` are replayed with what the editor left, without opening one.
    func testEditsComeBackOnResume() throws {
        let live = try startLive()
        live.session.editorLauncher = Replacing(from: "replicas: 3", to: "replicas: 1")
        XCTAssertEqual(live.run("kubectl edit deployment web", output: Output()).status, 0)
        live.run("echo 'a: 1' > f.yaml", output: Output())
        live.session.editorLauncher = Replacing(from: "a: 1", to: "a: 2")
        live.run("edit f.yaml && cp f.yaml g.yaml", output: Output())
        live.run("sleep 30", output: Output())
        guard case .command(_, _, let edits)? = live.record.log.dropLast().last else { return XCTFail("\(live.record.log)") }
        XCTAssertEqual(edits, ["a: 2\n"])

        let ws = workspace()
        let resumed = LessonSession(lesson: try lesson(), workspace: ws, record: live.record)
        XCTAssertEqual(snapshot(resumed), snapshot(live))
        XCTAssertTrue(snapshot(resumed).contains("web   1/1"), snapshot(resumed))
        XCTAssertEqual(try String(contentsOf: ws.appendingPathComponent("g.yaml"), encoding: .utf8), "a: 2\n")
    }
}
