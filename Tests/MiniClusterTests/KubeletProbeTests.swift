@testable import MiniCluster
import XCTest

/// Liveness, readiness and startup probes against fake programs.
final class KubeletProbeTests: XCTestCase {
    typealias F = KubeletFixture

    func testDocsLivenessExecProbeRestartsTheContainer() throws {
        let f = KubeletFixture()
        f.runtime.images["busybox"]?.exitAfter = nil
        f.runtime.images["busybox"]?.onTerminate = nil  // sh ignores SIGTERM: killed after the grace period
        f.runtime.configure = { p in
            p.execHandler = { argv, now in
                XCTAssertEqual(argv, ["cat", "/tmp/healthy"])
                if now < p.started + .seconds(30) { return ExecResult(stdout: "", stderr: "", status: 0) }
                return ExecResult(stdout: "", stderr: "cat: can't open '/tmp/healthy': No such file or directory\n", status: 1)
            }
        }
        let probe: Value = ["exec": ["command": ["cat", "/tmp/healthy"]], "initialDelaySeconds": 5, "periodSeconds": 5]
        try f.pod("liveness-exec", F.containers(F.c("liveness", "busybox", ["imagePullPolicy": "IfNotPresent", "livenessProbe": probe])))
        // The probe's worker ticks every 5 s from the pod's first sync (t = 0): the container starts at about 2.3 s,
        // so the first tick past its 5 s delay is at 10 s; the file is gone from 32.3 s: failures at 35, 40, 45.
        f.advance(42)
        XCTAssertEqual(f.summary("liveness-exec"), "1/1 Running 0")
        XCTAssertEqual(f.events("liveness-exec").last,
                       "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x2)")
        f.advance(2.9)
        XCTAssertEqual(f.events("liveness-exec").last,
                       "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x2)",
                       "no probe between ticks")
        f.advance(0.6)
        XCTAssertEqual(f.events("liveness-exec").suffix(2), [
            "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)",
            "Killing: Container liveness failed liveness probe, will be restarted",
        ])
        f.advance(30)
        XCTAssertEqual(f.summary("liveness-exec"), "0/1 Error 0", "SIGKILL after the 30 s grace period")
        f.advance(1.1)
        XCTAssertEqual(f.summary("liveness-exec"), "1/1 Running 1 (1s ago)")
        let cs = f.get("liveness-exec")?[path: "status", "containerStatuses"]?[0]
        XCTAssertEqual(cs?[path: "lastState", "terminated", "exitCode"], 137)
        XCTAssertEqual(cs?[path: "lastState", "terminated", "reason"], "Error")
    }

    func testReadinessDrivesReadyAndHTTPFailuresAreWorded() throws {
        let f = KubeletFixture()
        var healthy = true
        f.runtime.configure = { p in
            p.httpHandler = { req, _ in
                XCTAssertEqual(req.path, "/healthz")
                return HTTPResponse(status: healthy ? 200 : 500, body: "")
            }
        }
        let probe: Value = ["httpGet": ["path": "/healthz", "port": "http"], "initialDelaySeconds": 3, "periodSeconds": 5,
                            "failureThreshold": 1]
        try f.pod("web", F.containers(F.c("nginx", "nginx", ["ports": [["name": "http", "containerPort": 80]], "readinessProbe": probe])))
        // The container starts at about 6 s; its 3 s delay is over at about 9 s, after the relist that saw it
        // start (7 s), so the probe first runs at its worker's next tick, 10 s (ticks every 5 s from the first sync).
        f.advance(7)
        XCTAssertEqual(f.summary("web"), "0/1 Running 0")
        var ready = f.get("web")?[path: "status", "conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
        XCTAssertEqual(ready?["message"], "containers with unready status: [nginx]")
        f.advance(2.9)
        XCTAssertEqual(f.summary("web"), "0/1 Running 0", "the delay is over, but the worker has not ticked yet")
        f.advance(0.3)
        XCTAssertEqual(f.summary("web"), "1/1 Running 0")
        healthy = false
        f.advance(5)
        XCTAssertEqual(f.summary("web"), "0/1 Running 0")
        XCTAssertEqual(f.events("web").last, "Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500")
        ready = f.get("web")?[path: "status", "conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
        XCTAssertEqual(ready?["status"], "False")
        XCTAssertEqual(ready?["lastTransitionTime"], .string((f.cluster.now + Duration.seconds(0)).rfc3339))
    }

    /// A server that listens a few milliseconds after its start (nginx) is not probed at the instant it starts:
    /// its readiness probe first runs when the kubelet's relist sees the container running (the next whole
    /// second), then every period from the pod's first sync; no Unhealthy event is recorded on the way.
    func testReadinessFirstRunsAtTheRelistAfterTheStart() throws {
        let f = KubeletFixture()
        var probedAt: [Int64] = []
        f.runtime.configure = { p in
            p.httpHandler = { _, now in
                probedAt.append(now.ms)
                return now < p.started + .milliseconds(40) ? nil : HTTPResponse(status: 200, body: "")
            }
        }
        let probe: Value = ["httpGet": ["path": "/", "port": 80], "periodSeconds": 10]
        try f.pod("web", F.containers(F.c("nginx", "nginx", ["readinessProbe": probe])))
        f.advance(30)
        XCTAssertEqual(f.summary("web"), "1/1 Running 0")
        XCTAssertFalse(f.events("web").contains { $0.hasPrefix("Unhealthy") }, "\(f.events("web"))")
        let start = f.cluster.now.ms - 30_000
        XCTAssertEqual(probedAt.map { $0 - start }, [7_000, 10_000, 20_000, 30_000], "relist, then the worker's ticks")
    }

    func testTCPLivenessRefusedAndStartupProbeGatesLiveness() throws {
        let f = KubeletFixture()
        let live: Value = ["tcpSocket": ["port": 8080], "periodSeconds": 10, "failureThreshold": 3]
        let startup: Value = ["httpGet": ["path": "/", "port": 8080], "periodSeconds": 10, "failureThreshold": 30]
        try f.pod("tcp", F.containers(F.c("app", "nginx", ["livenessProbe": live, "startupProbe": startup])))
        f.advance(25)
        XCTAssertEqual(f.summary("tcp"), "0/1 Running 0")
        XCTAssertEqual(f.get("tcp")?[path: "status", "containerStatuses"]?[0]?["started"], false)
        let events = f.events("tcp")
        XCTAssertTrue(events.contains("Unhealthy: Startup probe failed: Get \"http://10.8.0.2:8080/\": dial tcp 10.8.0.2:8080: connect: connection refused (x2)"), "\(events)")
        XCTAssertFalse(events.contains { $0.contains("Liveness") }, "liveness waits for the startup probe")
        for p in f.runtime.started { p.listening.insert(8080); p.httpHandler = { _, _ in HTTPResponse(status: 200, body: "") } }
        f.advance(10)
        XCTAssertEqual(f.summary("tcp"), "1/1 Running 0")
        for p in f.runtime.started { p.listening = [] }
        f.advance(10)
        XCTAssertEqual(f.events("tcp").last, "Unhealthy: Liveness probe failed: dial tcp 10.8.0.2:8080: connect: connection refused")
    }
}
