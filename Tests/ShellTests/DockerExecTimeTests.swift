import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// `docker exec` takes virtual time as `kubectl exec` does (ExecTime): the docker host's clock moves by what the
/// command sleeps, and a container that stops meanwhile kills the command (137).
final class DockerExecTimeTests: SessionTestCase {
    func testDockerExecSleepTakesTime() throws {
        XCTAssertEqual(run("docker run -d --name c busybox sleep 3600").status, 0)
        let host = try XCTUnwrap(session.dockerHost)
        let start = host.now
        let r = run("docker exec c sh -c 'date +%s; sleep 5; date +%s'")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(host.now, start + .seconds(5))
        let stamps = r.out.split(separator: "\n").compactMap { Int($0) }
        XCTAssertEqual(stamps.count, 2, r.out)
        XCTAssertEqual(stamps.last! - stamps.first!, 5)
    }

    func testTheContainerStoppingKillsTheExec() throws {
        XCTAssertEqual(run("docker run -d --name c busybox sleep 10").status, 0)
        let host = try XCTUnwrap(session.dockerHost)
        let start = host.now
        let r = run("docker exec c sh -c 'sleep 60; echo after'")
        XCTAssertEqual(r.status, 137)
        XCTAssertEqual(r.out, "")
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(host.now, start + .seconds(10))
        XCTAssertTrue(run("docker exec c true").err.hasPrefix("Error response from daemon: container "))
    }

    func testAnEndlessDockerExecEndsAtTheScriptCap() throws {
        XCTAssertEqual(run("docker run -d --name c busybox sleep infinity").status, 0)
        let host = try XCTUnwrap(session.dockerHost)
        let start = host.now
        XCTAssertEqual(run("docker exec c sleep 999999").status, 130)
        XCTAssertEqual(host.now, start + Waiter.scriptCap)
    }

    func testADockerExecShellsSleepTakesTime() throws {
        XCTAssertEqual(run("docker run -d --name c busybox sleep infinity").status, 0)
        let host = try XCTUnwrap(session.dockerHost)
        XCTAssertEqual(run("docker exec -it c sh").status, 0)
        let shell = try XCTUnwrap(session.attachedShell)
        let start = host.now
        let o = Output()
        XCTAssertEqual(shell.feed("sleep 12", output: o), 0)
        XCTAssertEqual(host.now, start + .seconds(12))
        shell.feed("exit", output: o)
    }
}
