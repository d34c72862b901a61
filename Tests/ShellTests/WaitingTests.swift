import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// The Waiter stepper: virtual time in scripts, the front end's sleep handler in the REPL, timeouts, Ctrl-C.
final class WaitingTests: XCTestCase {
    func session() -> ShellSession { ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory) }

    func testScriptModeStepsVirtualTimeUntilDone() {
        let s = session()
        let start = s.currentCluster!.now
        var polls = 0
        let outcome = Waiter(session: s).run(timeout: .seconds(30)) { polls += 1; return s.currentCluster!.now >= start + .seconds(3) }
        XCTAssertEqual(outcome, .done)
        XCTAssertEqual(s.currentCluster!.now, start + .seconds(3))
        XCTAssertEqual(polls, 4)
    }

    func testTimeoutStopsAtExactlyTheTimeout() {
        let s = session()
        let start = s.currentCluster!.now
        XCTAssertEqual(Waiter(session: s, step: .seconds(2)).run(timeout: .seconds(5)) { false }, .timedOut)
        XCTAssertEqual(s.currentCluster!.now, start + .seconds(5))
        XCTAssertEqual(Waiter(session: s).run(timeout: .seconds(0)) { false }, .timedOut, "zero: check once")
        XCTAssertEqual(s.currentCluster!.now, start + .seconds(5))
    }

    func testScriptModeWaitsWithoutTimeoutEndAtTheCap() {
        let s = session()
        let start = s.currentCluster!.now
        XCTAssertEqual(Waiter(session: s, step: .seconds(60)).run(timeout: nil) { false }, .timedOut)
        XCTAssertEqual(s.currentCluster!.now, start + Waiter.scriptCap)
    }

    func testInterruptEndsTheWait() {
        let s = session()
        let start = s.currentCluster!.now
        var interrupted = false
        s.interpreter.isInterrupted = { interrupted }
        let outcome = Waiter(session: s).run(timeout: nil) {
            if s.currentCluster!.now >= start + .seconds(2) { interrupted = true }
            return false
        }
        XCTAssertEqual(outcome, .interrupted)
        XCTAssertEqual(s.currentCluster!.now, start + .seconds(2))
    }

    func testInteractiveWaitsGoThroughTheSleepHandlerAndHaveNoCap() {
        let s = session()
        var slept: [Int64] = []
        s.sleepHandler = { d in slept.append(d.ms); s.advanceClusters(by: d) }
        var n = 0
        let outcome = Waiter(session: s).run(timeout: nil) { n += 1; return n > 4000 }
        XCTAssertEqual(outcome, .done)
        XCTAssertEqual(slept.count, 4000, "past the script cap of 3600 one-second steps")
    }

    func testTimeoutFlagValues() {
        XCTAssertNil(Waiter.timeout("0s"))
        XCTAssertEqual(Waiter.timeout("1m30s"), .seconds(90))
        XCTAssertNil(Waiter.timeout("-1s"))
    }

    func testRolloutStatusMessages() {
        func d(_ replicas: Int, gen: Int = 1, observed: Int = 1, _ status: [String: Int], reason: String? = nil) -> Value {
            var st: Value = ["observedGeneration": .int(observed)]
            for (k, v) in status { st[k] = .int(v) }
            if let reason { st["conditions"] = [["type": "Progressing", "status": "False", "reason": .string(reason)]] }
            return ["metadata": ["name": "web", "generation": .int(gen)], "spec": ["replicas": .int(replicas)], "status": st]
        }
        typealias V = RolloutStatusVerb
        XCTAssertEqual(V.deploymentStatus(d(3, gen: 2, [:]), revision: 0), .waiting("Waiting for deployment spec update to be observed..."))
        XCTAssertEqual(V.deploymentStatus(d(3, ["updatedReplicas": 1]), revision: 0),
                       .waiting("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated..."))
        XCTAssertEqual(V.deploymentStatus(d(3, ["updatedReplicas": 3, "replicas": 4]), revision: 0),
                       .waiting("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination..."))
        XCTAssertEqual(V.deploymentStatus(d(3, ["updatedReplicas": 3, "replicas": 3, "availableReplicas": 1]), revision: 0),
                       .waiting("Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available..."))
        XCTAssertEqual(V.deploymentStatus(d(3, ["updatedReplicas": 3, "replicas": 3, "availableReplicas": 3]), revision: 0),
                       .done("deployment \"web\" successfully rolled out"))
        XCTAssertEqual(V.deploymentStatus(d(3, ["updatedReplicas": 1], reason: "ProgressDeadlineExceeded"), revision: 0),
                       .failed("deployment \"web\" exceeded its progress deadline"))
    }

    func testDaemonSetRolloutStatusMessages() {
        func ds(gen: Int = 1, observed: Int = 1, strategy: String = "RollingUpdate", _ status: [String: Int]) -> Value {
            var st: Value = ["observedGeneration": .int(observed)]
            for (k, v) in status { st[k] = .int(v) }
            return ["metadata": ["name": "agent", "generation": .int(gen)], "spec": ["updateStrategy": ["type": .string(strategy)]], "status": st]
        }
        typealias V = RolloutStatusVerb
        XCTAssertEqual(V.daemonSetStatus(ds(strategy: "OnDelete", [:])), .failed("rollout status is only available for RollingUpdate strategy type"))
        XCTAssertEqual(V.daemonSetStatus(ds(gen: 2, [:])), .waiting("Waiting for daemon set spec update to be observed..."))
        XCTAssertEqual(V.daemonSetStatus(ds(["desiredNumberScheduled": 3, "updatedNumberScheduled": 1])),
                       .waiting("Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated..."))
        XCTAssertEqual(V.daemonSetStatus(ds(["desiredNumberScheduled": 3, "updatedNumberScheduled": 3, "numberAvailable": 2])),
                       .waiting("Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available..."))
        XCTAssertEqual(V.daemonSetStatus(ds(["desiredNumberScheduled": 3, "updatedNumberScheduled": 3, "numberAvailable": 3])),
                       .done("daemon set \"agent\" successfully rolled out"))
    }
}
