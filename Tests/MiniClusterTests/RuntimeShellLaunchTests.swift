import MiniCluster
import XCTest

/// The image's own program started from the container's shell: `exec redis-server` makes the container that program;
/// in the foreground or with `&` it runs beside the shell, which stays PID 1.
final class RuntimeShellLaunchTests: XCTestCase {
    let h = RuntimeHarness()

    private func texts(_ p: ContainerProcess) -> [String] { p.logs.map(\.text) }

    func testExecReplacesTheShellWithTheImagesProgram() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "redis:7.4", command: ["sh", "-c", "echo warming; sleep 5; exec redis-server"])))
        XCTAssertEqual(p.advance(to: h.at(1)), .running)
        XCTAssertEqual(texts(p), ["warming"])
        XCTAssertFalse(p.listens(on: 6379, now: h.at(1)))
        XCTAssertEqual(p.advance(to: h.at(6)), .running)
        XCTAssertTrue(p.listens(on: 6379, now: h.at(6)))
        XCTAssertTrue(texts(p).contains { $0.hasSuffix("* Ready to accept connections tcp") }, "\(texts(p))")
        // The server's lines are stamped when the server started, after the shell's sleep.
        XCTAssertEqual(p.logs.last?.time, h.at(5))
        XCTAssertTrue(p.isQuiescent, "once the shell is gone the container is the server")
        XCTAssertEqual(p.exec(["redis-cli", "ping"], stdin: "", now: h.at(7)).stdout, "PONG\n")
        // SIGTERM reaches redis, which saves and exits 0.
        p.terminate(now: h.at(8))
        XCTAssertEqual(p.advance(to: h.at(8)), .exited(code: 0, reason: "Completed", at: h.at(8)))
        XCTAssertEqual(texts(p).last?.hasSuffix("# Redis is now ready to exit, bye bye..."), true)
    }

    func testExecNginxServesHTTP() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "nginx:1.27", command: ["sh", "-c", "echo configuring && exec nginx -g 'daemon off;'"])))
        XCTAssertEqual(p.advance(to: h.at(1)), .running)
        XCTAssertEqual(texts(p).first, "configuring")
        let r = try XCTUnwrap(p.http(HTTPRequest(host: "web", port: 80), port: 80, now: h.at(2)))
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(p.exec(["nginx", "-s", "reload"], stdin: "", now: h.at(3)).status, 0)
    }

    func testForegroundProgramServesWhileTheShellWaitsAndIgnoresSIGTERM() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "redis:7.4", command: ["sh", "-c", "echo warming; redis-server; echo after"])))
        XCTAssertEqual(p.advance(to: h.at(2)), .running)
        XCTAssertTrue(p.listens(on: 6379, now: h.at(2)))
        XCTAssertEqual(p.exec(["redis-cli", "ping"], stdin: "", now: h.at(3)).stdout, "PONG\n")
        // The shell is PID 1 and has no handler: SIGTERM changes nothing; SIGKILL ends the container.
        p.terminate(now: h.at(4))
        XCTAssertEqual(p.advance(to: h.at(30)), .running)
        p.kill(now: h.at(34))
        XCTAssertEqual(p.advance(to: h.at(34)), .exited(code: 137, reason: "Error", at: h.at(34)))
        XCTAssertFalse(texts(p).contains("after"))
    }

    /// dash and ash run the last command of `sh -c` as if with `exec`: redis started last gets SIGTERM itself.
    func testLastCommandOfACommandStringTakesTheShellsPlace() throws {
        for script in ["echo warming; redis-server", "echo warming && redis-server"] {
            let p = try XCTUnwrap(h.start(h.launch(image: "redis:7.4", command: ["sh", "-c", script])))
            XCTAssertEqual(p.advance(to: h.at(2)), .running, script)
            XCTAssertTrue(p.listens(on: 6379, now: h.at(2)), script)
            p.terminate(now: h.at(4))
            XCTAssertEqual(p.advance(to: h.at(4)), .exited(code: 0, reason: "Completed", at: h.at(4)), script)
        }
        // Not last, in a pipeline, or in the background: the shell stays PID 1 and SIGTERM changes nothing.
        for script in ["redis-server; echo after", "redis-server | cat", "redis-server & sleep 3600"] {
            let p = try XCTUnwrap(h.start(h.launch(image: "redis:7.4", command: ["sh", "-c", script])))
            XCTAssertEqual(p.advance(to: h.at(2)), .running, script)
            p.terminate(now: h.at(4))
            XCTAssertEqual(p.advance(to: h.at(30)), .running, script)
        }
    }

    func testForegroundProgramThatExitsHandsItsStatusToTheShell() throws {
        // postgres without POSTGRES_PASSWORD exits 1 at once; the script goes on.
        let p = try XCTUnwrap(h.start(h.launch(image: "postgres:17", command: ["sh", "-c", "postgres; echo \"status=$?\""])))
        guard case .exited = p.advance(to: h.at(5)) else { return XCTFail("still running: \(texts(p))") }
        XCTAssertEqual(texts(p).last, "status=1")
    }

    func testBackgroundProgramRunsBesideTheScript() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "redis:7.4", command: ["sh", "-c", "redis-server & sleep 1; redis-cli ping; sleep 3600"])))
        XCTAssertEqual(p.advance(to: h.at(2)), .running)
        XCTAssertTrue(texts(p).contains("PONG"), "\(texts(p))")
        XCTAssertTrue(p.listens(on: 6379, now: h.at(2)))
        // When the shell ends, so does the container (and the program with it).
        p.kill(now: h.at(3))
        XCTAssertEqual(p.advance(to: h.at(3)), .exited(code: 137, reason: "Error", at: h.at(3)))
        XCTAssertFalse(p.listens(on: 6379, now: h.at(3)))
    }

    func testCommandBuiltinFindsTheImagesPrograms() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "redis:7.4", command: ["sh", "-c", "command -v redis-server; command -v nosuch; echo \"rc=$?\"; command -V sh"])))
        _ = p.advance(to: h.at(1))
        XCTAssertEqual(texts(p), ["/usr/local/bin/redis-server", "rc=127", "sh is /bin/sh"])
    }
}
