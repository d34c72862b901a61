import MiniCluster
import XCTest

/// The catalog's servers: hello-app, httpd, php-apache CPU, redis, databases' password rules, agnhost, perl's pi.
final class RuntimeServerTests: XCTestCase {
    let h = RuntimeHarness()

    func testHelloAppAnswersWithVersionAndHostname() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "gcr.io/google-samples/hello-app:2.0", podName: "hello-7d9c8-abcde")))
        let r = try XCTUnwrap(p.http(HTTPRequest(host: "x", port: 8080), port: 8080, now: h.at(3)))
        XCTAssertEqual(r.body, "Hello, world!\nVersion: 2.0.0\nHostname: hello-7d9c8-abcde\n")
        XCTAssertEqual(p.logs.map(\.text), ["2026/11/26 09:00:00 Server listening on port 8080", "2026/11/26 09:00:03 Serving request: /"])
        XCTAssertEqual(p.exec(["sh"], stdin: "", now: h.at(4)).status, -1, "hello-app has no shell")
    }

    func testHttpdServesItWorks() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "httpd:2.4")))
        XCTAssertEqual(p.http(HTTPRequest(host: "x", port: 80), port: 80, now: h.at(1))?.body, "<html><body><h1>It works!</h1></body></html>\n")
        XCTAssertEqual(p.logs.last?.text, "10.8.0.1 - - [26/Nov/2026:09:00:01 +0000] \"GET / HTTP/1.1\" 200 45")
    }

    func testPhpApacheCostsCPUPerRequest() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "registry.k8s.io/hpa-example", limits: ["cpu": "500m"])))
        XCTAssertEqual(p.http(HTTPRequest(host: "php-apache", port: 80), port: 80, now: h.at(1))?.body, "OK!")
        let idle = p.usage(now: h.at(100)).cpuMillicores
        for i in 0..<3000 { _ = p.http(HTTPRequest(host: "php-apache", port: 80), port: 80, now: h.at(100) + .milliseconds(Int64(i * 10))) }
        XCTAssertEqual(p.usage(now: h.at(130)).cpuMillicores, 500, "capped at the limit")
        XCTAssertLessThan(idle, 10)
    }

    func testRedisAndItsCli() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "redis")))
        XCTAssertTrue(p.logs.contains { $0.text.hasSuffix("* Ready to accept connections tcp") })
        XCTAssertEqual(p.exec(["redis-cli", "ping"], stdin: "", now: h.at(1)).stdout, "PONG\n")
        XCTAssertEqual(p.exec(["redis-cli", "set", "a", "1"], stdin: "", now: h.at(1)).stdout, "OK\n")
        XCTAssertEqual(p.exec(["redis-cli", "get", "a"], stdin: "", now: h.at(1)).stdout, "1\n")
        XCTAssertTrue(p.listens(on: 6379, now: h.at(1)))
    }

    func testDatabasesNeedTheirPassword() throws {
        let pg = try XCTUnwrap(h.start(h.launch(image: "postgres:16")))
        XCTAssertEqual(pg.advance(to: h.at(1)), .exited(code: 1, reason: "Error", at: h.at(0)))
        XCTAssertEqual(pg.logs.first?.text, "Error: Database is uninitialized and superuser password is not specified.")
        let ok = try XCTUnwrap(h.start(h.launch(image: "postgres:16", env: [("POSTGRES_PASSWORD", "pw")])))
        XCTAssertFalse(ok.listens(on: 5432, now: h.at(1)))
        XCTAssertTrue(ok.listens(on: 5432, now: h.at(4)))
        XCTAssertEqual(ok.exec(["pg_isready"], stdin: "", now: h.at(4)).stdout, "/var/run/postgresql:5432 - accepting connections\n")
        let my = try XCTUnwrap(h.start(h.launch(image: "mysql:8.0")))
        XCTAssertEqual(my.advance(to: h.at(1)), .exited(code: 1, reason: "Error", at: h.at(0)))
        XCTAssertTrue(my.logs.contains { $0.text.hasSuffix("[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified") })
    }

    func testSigtermEndsDatabasesAsTheirProgramsDo() throws {
        // postgres shuts down cleanly (0, Completed); Cassandra is a JVM: 128 + 15 after its shutdown hooks.
        let pg = try XCTUnwrap(h.start(h.launch(image: "postgres:16", env: [("POSTGRES_PASSWORD", "pw")])))
        _ = pg.advance(to: h.at(5))
        pg.terminate(now: h.at(6))
        XCTAssertEqual(pg.advance(to: h.at(6)), .exited(code: 0, reason: "Completed", at: h.at(6)))
        let db = try XCTUnwrap(h.start(h.launch(image: "cassandra:5")))
        _ = db.advance(to: h.at(5))
        db.terminate(now: h.at(6))
        XCTAssertEqual(db.advance(to: h.at(6)), .exited(code: 143, reason: "Error", at: h.at(6)))
    }

    func testAgnhostNetexecAndGrpcHealth() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "registry.k8s.io/e2e-test-images/agnhost:2.39", args: ["netexec", "--http-port=8080"])))
        XCTAssertEqual(p.http(HTTPRequest(host: "x", port: 8080, path: "/hostname"), port: 8080, now: h.at(1))?.body, "web-0")
        XCTAssertEqual(p.http(HTTPRequest(host: "x", port: 8080, path: "/echo?msg=hi"), port: 8080, now: h.at(1))?.body, "hi")
        let g = try XCTUnwrap(h.start(h.launch(image: "registry.k8s.io/e2e-test-images/agnhost:2.39", args: ["grpc-health-checking"])))
        XCTAssertEqual(g.grpcHealth(port: 5000, service: "", now: h.at(1)), true)
        _ = g.http(HTTPRequest(host: "x", port: 8080, path: "/make-not-serving"), port: 8080, now: h.at(2))
        XCTAssertEqual(g.grpcHealth(port: 5000, service: "", now: h.at(3)), false)
        XCTAssertNil(g.grpcHealth(port: 5001, service: "", now: h.at(3)))
    }

    func testLivenessImageFailsAfterTenSeconds() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "registry.k8s.io/liveness", args: ["/server"])))
        XCTAssertEqual(p.http(HTTPRequest(host: "x", port: 8080, path: "/healthz"), port: 8080, now: h.at(5))?.status, 200)
        XCTAssertEqual(p.http(HTTPRequest(host: "x", port: 8080, path: "/healthz"), port: 8080, now: h.at(11))?.status, 500)
    }

    func testPerlPiJob() throws {
        let p = try XCTUnwrap(h.start(h.launch(image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"])))
        XCTAssertEqual(p.advance(to: h.at(1)), .running)
        let wake = try XCTUnwrap(p.nextWake)
        guard case .exited(0, "Completed", _) = p.advance(to: wake) else { return XCTFail("pi should complete") }
        let pi = try XCTUnwrap(p.logs.first?.text)
        XCTAssertEqual(pi.count, 2001)
        XCTAssertTrue(pi.hasPrefix("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196"))
        XCTAssertEqual(PiDigits.pi(significantDigits: 10), "3.141592654")
        XCTAssertTrue(pi.hasSuffix("643719172874677646575739624138908658326459958133904780275901"), String(pi.suffix(40)))
    }
}
