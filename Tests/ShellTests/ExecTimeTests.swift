import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// `kubectl exec` takes virtual time: what the exec'd command sleeps (or waits for the network) passes on the
/// cluster, which goes on meanwhile — probes run, pods start, a liveness kill ends the exec.
final class ExecTimeTests: SessionTestCase {
    /// A busybox pod `c` that sleeps, running.
    func startClient(_ name: String = "c") {
        run("kubectl run \(name) --image=busybox --restart=Never -- sleep 36000")
        run("kubectl wait --for=condition=Ready pod/\(name) --timeout=60s")
    }

    func podReady(_ name: String) -> Bool {
        let r = run("kubectl get pod \(name) -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'")
        return r.out == "True"
    }

    func testExecSleepAdvancesTheClusterClock() {
        startClient()
        let start = cluster.now
        let r = run("kubectl exec c -- sleep 5")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(cluster.now, start + .seconds(5))
        run("kubectl exec c -- sleep 0.5")
        XCTAssertEqual(cluster.now, start + .milliseconds(5500), "fractions of a second too")
    }

    func testDateInsideTheExecFollowsTheSleep() {
        startClient()
        let r = run("kubectl exec c -- sh -c 'date +%s; sleep 7; date +%s'")
        XCTAssertEqual(r.status, 0, r.err)
        let stamps = r.out.split(separator: "\n").compactMap { Int($0) }
        XCTAssertEqual(stamps.count, 2, r.out)
        XCTAssertEqual(stamps.last! - stamps.first!, 7)
        XCTAssertEqual(Int(cluster.now.ms / 1000), stamps.last!)
    }

    func testAPodBecomesReadyDuringAnExecdSleep() {
        startClient()
        run("""
        kubectl apply -f - <<EOF
        apiVersion: v1
        kind: Pod
        metadata: {name: late}
        spec:
          containers:
          - name: web
            image: nginx
            readinessProbe:
              httpGet: {path: /, port: 80}
              initialDelaySeconds: 20
        EOF
        """)
        XCTAssertFalse(podReady("late"))
        XCTAssertEqual(run("kubectl exec c -- sleep 40").status, 0)
        XCTAssertTrue(podReady("late"), "the kubelet ran the probe while the exec slept")
    }

    func testALivenessKillEndsTheExecWith137() {
        run("""
        kubectl apply -f - <<EOF
        apiVersion: v1
        kind: Pod
        metadata: {name: sick}
        spec:
          terminationGracePeriodSeconds: 2
          containers:
          - name: app
            image: busybox
            command: [sh, -c, 'touch /tmp/healthy; sleep 36000']
            livenessProbe:
              exec: {command: [cat, /tmp/healthy]}
              periodSeconds: 5
        EOF
        """)
        run("kubectl wait --for=condition=Ready pod/sick --timeout=60s")
        XCTAssertEqual(run("kubectl exec sick -- rm /tmp/healthy").status, 0)
        let start = cluster.now
        let r = run("kubectl exec sick -- sh -c 'echo before; sleep 600; echo after'")
        XCTAssertEqual(r.out, "before\n")
        XCTAssertEqual(r.err, "command terminated with exit code 137\n")
        XCTAssertEqual(r.status, 137)
        XCTAssertLessThan(cluster.now, start + .seconds(60), "the exec ended with its container, not after its sleep")
        XCTAssertGreaterThan(cluster.now, start + .seconds(10), "three failed probes first")
        let state = run("kubectl get pod sick -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'").out
        XCTAssertEqual(state, "137", "the kubelet killed the container the exec ran in")
    }

    func testABlockedWgetTakesItsTimeout() {
        startClient()
        run("kubectl create deployment web --image=nginx")
        run("kubectl expose deployment web --port=80")
        run("kubectl rollout status deployment/web --timeout=60s")
        run("""
        kubectl apply -f - <<EOF
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
        EOF
        """)
        var start = cluster.now
        let timed = run("kubectl exec c -- wget -qO- -T 3 http://web")
        XCTAssertEqual(timed.status, 1)
        XCTAssertEqual(timed.err, "wget: download timed out\ncommand terminated with exit code 1\n")
        XCTAssertEqual(cluster.now, start + .seconds(3))
        start = cluster.now
        let untimed = run("kubectl exec c -- wget -qO- http://web")
        XCTAssertEqual(untimed.status, 1)
        XCTAssertTrue(untimed.err.hasPrefix("wget: can't connect to remote host ("), untimed.err)
        XCTAssertTrue(untimed.err.hasSuffix("): Connection timed out\ncommand terminated with exit code 1\n"), untimed.err)
        XCTAssertEqual(cluster.now, start + .seconds(134), "without -T the kernel gives the connection up first")
    }

    func testAChecksExecTakesNoTime() {
        startClient()
        let start = cluster.now
        session.withTimeHeld { XCTAssertEqual(run("kubectl exec c -- sleep 30").status, 0) }
        XCTAssertEqual(cluster.now, start, "judging a check never moves the clock")
    }

    func testInterruptEndsTheExecWith130() {
        startClient()
        let start = cluster.now
        session.interpreter.isInterrupted = { [unowned self] in cluster.now >= start + .seconds(4) }
        let r = run("kubectl exec c -- sh -c 'sleep 60; echo after'")
        XCTAssertEqual(r.status, 130)
        XCTAssertEqual(r.out, "")
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(cluster.now, start + .seconds(4))
        let again = cluster.now
        session.interpreter.isInterrupted = { [unowned self] in cluster.now >= again + .seconds(2) }
        let tty = run("kubectl exec -it c -- sleep 60")
        XCTAssertEqual(tty.status, 130)
        XCTAssertEqual(tty.err, "command terminated with exit code 130\n", "on a terminal Ctrl-C goes to the command")
    }

    func testScriptModeCapsAnEndlessExec() {
        startClient()
        let start = cluster.now
        let r = run("kubectl exec c -- sleep 999999")
        XCTAssertEqual(r.status, 130)
        XCTAssertEqual(cluster.now, start + Waiter.scriptCap)
    }

    func testInteractiveShellSleepsTakeTime() {
        startClient()
        XCTAssertEqual(run("kubectl exec -it c -- sh").status, 0)
        let start = cluster.now
        let shell = try! XCTUnwrap(session.attachedShell)
        let o = Output()
        XCTAssertEqual(shell.feed("sleep 12", output: o), 0)
        XCTAssertEqual(cluster.now, start + .seconds(12))
        shell.feed("exit", output: o)
    }
}
