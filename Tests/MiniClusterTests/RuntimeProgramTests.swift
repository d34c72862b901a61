import MiniCluster
import XCTest

/// Container programs: nginx serving and logging, shell scripts in virtual time, files, mounts, exits, OOM.
final class RuntimeProgramTests: XCTestCase {
    let h = RuntimeHarness()

    func testNginxLogsStartsServesAndLogsRequests() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "nginx:1.25")))
        XCTAssertEqual(p.advance(to: h.at(1)), .running)
        let lines = p.logs.map(\.text)
        XCTAssertEqual(lines.first, "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration")
        XCTAssertTrue(lines.contains("2026/11/26 09:00:00 [notice] 1#1: nginx/1.25.5"), "\(lines)")
        XCTAssertTrue(p.listens(on: 80, now: h.at(1)))
        XCTAssertFalse(p.listens(on: 8080, now: h.at(1)))
        let r = try XCTUnwrap(p.http(HTTPRequest(host: "web", port: 80, headers: ["User-Agent": "curl/8.5.0"], sourceIP: "10.8.0.1"),
                                     port: 80, now: h.at(5)))
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.body.utf8.count, 615)
        XCTAssertTrue(r.body.contains("<title>Welcome to nginx!</title>"))
        XCTAssertEqual(p.logs.last?.text, "10.8.0.1 - - [26/Nov/2026:09:00:05 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\" \"-\"")
        XCTAssertEqual(p.logs.last?.time, h.at(5))
        let missing = try XCTUnwrap(p.http(HTTPRequest(host: "web", port: 80, path: "/nope"), port: 80, now: h.at(6)))
        XCTAssertEqual(missing.status, 404)
        XCTAssertNil(p.http(HTTPRequest(host: "web", port: 81), port: 81, now: h.at(6)))
        p.terminate(now: h.at(10))
        XCTAssertEqual(p.advance(to: h.at(10)), .exited(code: 0, reason: "Completed", at: h.at(10)))
    }

    func testOldNginxIsQuietAndServesTheOldPage() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "nginx:1.14.2")))
        _ = p.advance(to: h.at(1))
        XCTAssertEqual(p.logs, [])
        XCTAssertEqual(p.http(HTTPRequest(host: "x", port: 80), port: 80, now: h.at(2))?.body.utf8.count, 612)
    }

    func testLoopEchoesOncePerFiveVirtualSecondsForHours() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "busybox", command: ["sh", "-c", "while true; do echo hi; sleep 5; done"])))
        XCTAssertEqual(p.logs.count, 1, "the first line comes at start")
        XCTAssertEqual(p.nextWake, h.at(5))
        var t: Int64 = 0
        while t < 3600 {
            t += 10
            XCTAssertEqual(p.advance(to: h.at(t)), .running)
        }
        XCTAssertEqual(p.logs.count, 721)
        XCTAssertEqual(p.logs.last?.time, h.at(3600))
        XCTAssertEqual(p.nextWake, h.at(3605))
        // A jump of hours at once runs the loop through without running past the target.
        _ = p.advance(to: h.at(3600 + 6 * 3600))
        XCTAssertEqual(p.logs.count, 721 + 6 * 720)
        XCTAssertEqual(p.logs.last?.time, h.at(3600 + 6 * 3600))
        p.kill(now: h.at(30_000))
        XCTAssertEqual(p.advance(to: h.at(30_000)), .exited(code: 137, reason: "Error", at: h.at(30_000)))
    }

    func testExitCodesAndDefaultCommands() throws {
        let ok = try XCTUnwrap(h.start(h.launch(image: "busybox", command: ["sh", "-c", "echo done; sleep 2"])))
        XCTAssertEqual(ok.advance(to: h.at(1)), .running)
        XCTAssertEqual(ok.advance(to: h.at(3)), .exited(code: 0, reason: "Completed", at: h.at(2)))
        let bad = try XCTUnwrap(h.start(h.launch(image: "alpine", command: ["sh", "-c", "echo oops >&2; exit 3"])))
        XCTAssertEqual(bad.advance(to: h.at(0)), .exited(code: 3, reason: "Error", at: h.at(0)))
        XCTAssertEqual(bad.logs, [LogLine(time: h.at(0), stream: .stderr, text: "oops")])
        // busybox's CMD is `sh`: without stdin it reads end-of-file and exits 0 (the CrashLoopBackOff classic).
        let sh = try XCTUnwrap(h.start(h.launch(image: "busybox")))
        XCTAssertEqual(sh.advance(to: h.at(0)), .exited(code: 0, reason: "Completed", at: h.at(0)))
        let missing = h.runtime.start(h.launch(image: "busybox", command: ["nope"]), now: h.t0)
        if case .failure(let e) = missing {
            XCTAssertTrue(e.message.hasSuffix("exec: \"nope\": executable file not found in $PATH: unknown"), e.message)
        } else { XCTFail("should not start") }
    }

    func testLivenessExecProbeExampleOverTime() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "registry.k8s.io/busybox",
                                               args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"])))
        XCTAssertEqual(p.exec(["cat", "/tmp/healthy"], stdin: "", now: h.at(10)).status, 0)
        let later = p.exec(["cat", "/tmp/healthy"], stdin: "", now: h.at(35))
        XCTAssertEqual(later, ExecResult(stdout: "", stderr: "cat: can't open '/tmp/healthy': No such file or directory\n", status: 1))
        XCTAssertEqual(p.advance(to: h.at(700)), .exited(code: 0, reason: "Completed", at: h.at(630)))
    }

    func testWritableLayerIsLostWithTheContainerButVolumesStay() throws {
        let shared = VolumeDirectory()
        let config = VolumeDirectory(files: ["app.conf": "x=1\n"])
        let mounts = [VolumeMount(name: "cache", mountPath: "/cache", readOnly: false, directory: shared),
                      VolumeMount(name: "config", mountPath: "/etc/config", readOnly: true, directory: config)]
        let l = h.launch(image: "busybox", command: ["sleep", "3600"], mounts: mounts)
        let first = try XCTUnwrap(h.start(l))
        XCTAssertEqual(first.exec(["sh", "-c", "echo a > /tmp/layer; echo b > /cache/vol"], stdin: "", now: h.at(1)).status, 0)
        XCTAssertEqual(first.exec(["cat", "/tmp/layer"], stdin: "", now: h.at(2)).stdout, "a\n")
        XCTAssertEqual(first.exec(["cat", "/etc/config/app.conf"], stdin: "", now: h.at(2)).stdout, "x=1\n")
        XCTAssertEqual(first.exec(["touch", "/etc/config/new"], stdin: "", now: h.at(2)),
                       ExecResult(stdout: "", stderr: "touch: /etc/config/new: Read-only file system\n", status: 1))
        XCTAssertEqual(first.exec(["ls", "/etc/config"], stdin: "", now: h.at(2)).stdout, "app.conf\n")
        first.kill(now: h.at(3))
        let second = try XCTUnwrap(h.start(l, at: h.at(4)))
        XCTAssertEqual(second.exec(["cat", "/tmp/layer"], stdin: "", now: h.at(5)).status, 1)
        XCTAssertEqual(second.exec(["cat", "/cache/vol"], stdin: "", now: h.at(5)).stdout, "b\n")
    }

    func testMemoryAboveTheLimitIsOOMKilled() throws {
        let l = h.launch(image: "polinux/stress", command: ["stress"], args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"],
                         limits: ["memory": "100Mi"])
        let p = try XCTUnwrap(h.start(l))
        XCTAssertEqual(p.advance(to: h.at(1)), .exited(code: 137, reason: "OOMKilled", at: h.at(0)))
        let fits = try XCTUnwrap(h.start(h.launch(image: "polinux/stress", command: ["stress"],
                                                  args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"],
                                                  limits: ["memory": "200Mi"])))
        XCTAssertEqual(fits.advance(to: h.at(60)), .running)
        XCTAssertGreaterThan(fits.usage(now: h.at(60)).memoryBytes, 150 << 20)
    }

    func testExecInsideContainers() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "busybox", command: ["sleep", "infinity"], env: [("GREETING", "hello")])))
        XCTAssertEqual(p.exec(["printenv", "GREETING"], stdin: "", now: h.at(1)).stdout, "hello\n")
        XCTAssertEqual(p.exec(["hostname"], stdin: "", now: h.at(1)).stdout, "web-0\n")
        XCTAssertEqual(p.exec(["date"], stdin: "", now: h.at(65)).stdout, "Thu Nov 26 09:01:05 UTC 2026\n")
        XCTAssertEqual(p.exec(["sh", "-c", "nope"], stdin: "", now: h.at(1)),
                       ExecResult(stdout: "", stderr: "sh: nope: not found\n", status: 127))
        let notFound = p.exec(["bash"], stdin: "", now: h.at(1))
        XCTAssertEqual(notFound.status, -1)
        XCTAssertEqual(notFound.stderr, "OCI runtime exec failed: exec failed: unable to start container process: exec: \"bash\": executable file not found in $PATH: unknown")
        XCTAssertEqual(p.exec(["sh", "-c", "exit 4"], stdin: "", now: h.at(1)).status, 4)
        XCTAssertEqual(p.exec(["cat", "/etc/hostname"], stdin: "", now: h.at(1)).stdout, "web-0\n")
    }

    func testWgetAndCurlGoThroughTheNetwork() throws {
        h.network.names["web"] = "34.118.230.5"
        h.network.servers["34.118.230.5"] = { _ in HTTPResponse(status: 200, body: "hello\n") }
        let p = try XCTUnwrap(h.start(h.launch(image: "busybox", command: ["sleep", "3600"])))
        XCTAssertEqual(p.exec(["wget", "-qO-", "http://web"], stdin: "", now: h.at(1)), ExecResult(stdout: "hello\n", stderr: "", status: 0))
        XCTAssertEqual(p.exec(["wget", "-O-", "web"], stdin: "", now: h.at(1)).stderr,
                       "Connecting to web (34.118.230.5:80)\nwriting to stdout\n-                    100% |********************************|     6  0:00:00 ETA\nwritten to stdout\n")
        XCTAssertEqual(p.exec(["wget", "-qO-", "nope"], stdin: "", now: h.at(1)), ExecResult(stdout: "", stderr: "wget: bad address 'nope'\n", status: 1))
        XCTAssertEqual(h.network.sent.last?.sourceIP, "10.8.0.12")
        let n = try XCTUnwrap(h.start(h.launch(image: "nginx")))
        XCTAssertEqual(n.exec(["curl", "-s", "nope"], stdin: "", now: h.at(1)).status, 6)
        XCTAssertEqual(n.exec(["curl", "nope"], stdin: "", now: h.at(1)).stderr.components(separatedBy: "\n").last(where: { !$0.isEmpty }),
                       "curl: (6) Could not resolve host: nope")
        XCTAssertEqual(n.exec(["curl", "-s", "localhost"], stdin: "", now: h.at(1)).stdout.utf8.count, 615)
        XCTAssertEqual(p.exec(["curl", "web"], stdin: "", now: h.at(1)).status, -1, "busybox has no curl")
    }
}

extension RuntimeProgramTests {
    func testBusyLoopTakesVirtualTimeInsteadOfHanging() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "busybox", command: ["sh", "-c", "while :; do :; done"])))
        XCTAssertEqual(p.advance(to: h.at(2)), .running)
        XCTAssertNotNil(p.nextWake)
        p.kill(now: h.at(3))
        XCTAssertEqual(p.advance(to: h.at(3)), .exited(code: 137, reason: "Error", at: h.at(3)))
    }
}
