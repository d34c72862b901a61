import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// A shell loop that never sleeps burns virtual time in bursts (BusyLoop): in a container's own command, under
/// `kubectl exec` and in an `exec -it` shell, the cluster goes on and scripts end.
final class BusyLoopTests: SessionTestCase {
    func testABusyContainerLetsTheClusterGoOn() {
        run("kubectl run busy --image=busybox --restart=Never -- sh -c 'while true; do :; done'")
        run("kubectl wait --for=condition=Ready pod/busy --timeout=60s")
        let start = cluster.now
        XCTAssertEqual(run("sleep 1800").status, 0)
        XCTAssertEqual(cluster.now, start + .seconds(1800))
        XCTAssertEqual(run("kubectl get pod busy -o jsonpath='{.status.phase}'").out, "Running")
    }

    func testABusyExecEndsAtTheScriptCapAndTheClusterWent() {
        run("kubectl run c --image=busybox --restart=Never -- sleep 36000")
        run("kubectl wait --for=condition=Ready pod/c --timeout=60s")
        let start = cluster.now
        let r = run("kubectl exec c -- sh -c 'i=0; while true; do i=$((i+1)); done'")
        XCTAssertEqual(r.status, 130)
        XCTAssertEqual(cluster.now, start + Waiter.scriptCap)
        // A short counting loop still ends at once, with its result.
        let count = run("kubectl exec c -- sh -c 'i=0; while [ $i -lt 10000 ]; do i=$((i+1)); done; echo $i'")
        XCTAssertEqual(count.out, "10000\n")
        XCTAssertEqual(count.status, 0)
        XCTAssertLessThan(cluster.now.ms - (start + Waiter.scriptCap).ms, 1000)
    }

    func testABusyLoopInAnExecShellIsInterrupted() throws {
        run("kubectl run c --image=busybox --restart=Never -- sleep 36000")
        run("kubectl wait --for=condition=Ready pod/c --timeout=60s")
        XCTAssertEqual(run("kubectl exec -it c -- sh").status, 0)
        let shell = try XCTUnwrap(session.attachedShell)
        let start = cluster.now
        session.interpreter.isInterrupted = { [unowned self] in cluster.now >= start + .seconds(30) }
        let o = Output()
        XCTAssertEqual(shell.feed("while :; do :; done", output: o), 130, "Ctrl-C ends the loop, the shell stays")
        XCTAssertGreaterThanOrEqual(cluster.now, start + .seconds(30))
        session.interpreter.isInterrupted = { false }
        XCTAssertEqual(shell.feed("echo still here", output: o), 0)
        XCTAssertEqual(o.stdout, "still here\n")
        shell.feed("exit", output: o)
    }

    func testABusyLoopWithoutAClockIsGivenUp() {
        run("kubectl run c --image=busybox --restart=Never -- sleep 36000")
        run("kubectl wait --for=condition=Ready pod/c --timeout=60s")
        let start = cluster.now
        // As a check judges it: time held, so the exec has no clock.
        let r = session.withTimeHeld { run("kubectl exec c -- sh -c 'while true; do :; done'") }
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(cluster.now, start, "time held: the clock did not move")
    }
}
