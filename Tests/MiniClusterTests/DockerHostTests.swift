import MiniCluster
import XCTest

/// Containers on the docker host run the runtime's programs; pushed images reach the clusters' registries.
final class DockerHostTests: XCTestCase {
    let start = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!

    func run(_ host: DockerHost, _ image: String, name: String, ports: [DockerPort] = [], command: [String] = []) throws -> DockerContainer {
        if host.image(image) == nil { _ = try host.pull(image).get() }
        var o = DockerRunOptions(image: image)
        o.name = name
        o.ports = ports
        o.command = command
        let c = try host.create(o).get()
        try host.start(c).get()
        return c
    }

    func testPublishedPortServesTheBuiltSite() throws {
        let host = DockerHost(start: start)
        var o = DockerBuildOptions(dockerfile: "FROM nginx:alpine\nCOPY index.html /usr/share/nginx/html/\n")
        o.tags = ["site:1"]
        XCTAssertNil(host.build(o, context: DockerfileTests.Files(files: ["index.html": "<h1>mine</h1>\n"])).failure)
        let c = try run(host, "site:1", name: "site", ports: [DockerPort(hostPort: 8080, containerPort: 80)])
        host.advance(by: .seconds(1))
        XCTAssertTrue(c.running)
        let response = host.localhost(port: 8080, HTTPRequest(host: "localhost", port: 8080))
        XCTAssertEqual(response??.status, 200)
        XCTAssertEqual(response??.body, "<h1>mine</h1>\n")
        XCTAssertNil(host.localhost(port: 9090, HTTPRequest(host: "localhost", port: 9090)) as HTTPResponse??, "nothing published there")
    }

    func testWritableLayerGoesWithTheContainer() throws {
        let host = DockerHost(start: start)
        let c = try run(host, "nginx", name: "web")
        XCTAssertEqual(try host.exec(c, ["sh", "-c", "echo hi > /tmp/x"]).get().status, 0)
        XCTAssertEqual(try host.exec(c, ["cat", "/tmp/x"]).get().stdout, "hi\n")
        host.stop(c)
        XCTAssertFalse(c.running)
        try host.start(c).get()
        XCTAssertEqual(try host.exec(c, ["cat", "/tmp/x"]).get().stdout, "hi\n", "a restarted container keeps its layer")
        try host.remove(c, force: true).get()
        let fresh = try run(host, "nginx", name: "web")
        XCTAssertNotEqual(try host.exec(fresh, ["cat", "/tmp/x"]).get().status, 0, "a new container starts from the image")
    }

    func testShortProgramsExitAndRemoveWithRm() throws {
        let host = DockerHost(start: start)
        let c = try run(host, "busybox", name: "once", command: ["sh", "-c", "echo one; sleep 2; echo two"])
        XCTAssertTrue(c.running)
        host.advance(by: .seconds(3))
        XCTAssertFalse(c.running)
        XCTAssertEqual(c.exitCode, 0)
        XCTAssertEqual(c.logs.map(\.text), ["one", "two"])
        XCTAssertEqual(c.status(now: host.now), "Exited (0) 1 second ago")
    }

    func testPushedImagesAreServedToClustersAndOthersAreNot() throws {
        let cluster = Cluster()
        let host = DockerHost(start: start)
        host.pushTargets = { [cluster.runtime.catalog] }
        var o = DockerBuildOptions(dockerfile: "FROM nginx:alpine\nCOPY index.html /usr/share/nginx/html/\n")
        o.tags = ["gcr.io/proj/app:1.0"]
        XCTAssertNil(host.build(o, context: DockerfileTests.Files(files: ["index.html": "app\n"])).failure)
        guard case .failed = cluster.runtime.pull(image: "gcr.io/proj/app:1.0", policy: "IfNotPresent", node: "n1", now: cluster.now) else {
            return XCTFail("not pushed yet: the registry must not have it")
        }
        _ = try host.push("gcr.io/proj/app:1.0").get()
        guard case .pulled = cluster.runtime.pull(image: "gcr.io/proj/app:1.0", policy: "IfNotPresent", node: "n1", now: cluster.now) else {
            return XCTFail("pushed: the cluster must pull it")
        }
        let denied = host.push("app:1.0")
        XCTAssertEqual(denied.failureValue?.message, "An image does not exist locally with the tag: app")
    }

    func testPushedDigestIsTheOneTheClusterResolves() throws {
        let cluster = Cluster()
        let host = DockerHost(start: start)
        host.pushTargets = { [cluster.runtime.catalog] }
        var o = DockerBuildOptions(dockerfile: "FROM nginx:alpine\nCOPY index.html /usr/share/nginx/html/\n")
        o.tags = ["us-docker.pkg.dev/proj/apps/app:1.0"]
        XCTAssertNil(host.build(o, context: DockerfileTests.Files(files: ["index.html": "app\n"])).failure)
        let pushed = try host.push("us-docker.pkg.dev/proj/apps/app:1.0").get()
        XCTAssertEqual(try cluster.runtime.catalog.resolve("us-docker.pkg.dev/proj/apps/app:1.0").get().digest, pushed.digest)
        XCTAssertNotNil(try? cluster.runtime.catalog.resolve("us-docker.pkg.dev/proj/apps/app@" + pushed.digest).get(),
                        "pinning the pushed digest finds the image")
    }

    func testAShellOnATerminalHoldsTheContainerUntilItExits() throws {
        let host = DockerHost(start: start)
        _ = try host.pull("busybox").get()
        var o = DockerRunOptions(image: "busybox")
        o.tty = true
        o.interactive = true
        let c = try host.create(o).get()
        try host.start(c).get()
        host.advance(by: .seconds(60))
        XCTAssertTrue(c.running, "sh with a terminal waits for input")
        let shell = try XCTUnwrap(try host.openShell(c, c.argv, main: true).get())
        XCTAssertEqual(shell.run(line: "echo hi > /tmp/f", now: host.now).result.status, 0)
        XCTAssertTrue(c.running)
        XCTAssertEqual(shell.run(line: "exit 3", now: host.now).exited, 3)
        XCTAssertFalse(c.running)
        XCTAssertEqual(c.exitCode, 3)
        XCTAssertEqual(c.state, "exited")
    }

    func testPlainShellWithoutATerminalExitsAtOnce() throws {
        let host = DockerHost(start: start)
        let c = try run(host, "busybox", name: "b")
        host.advance(by: .seconds(1))
        XCTAssertFalse(host.holdsShell(c))
        XCTAssertFalse(c.running)
        XCTAssertEqual(c.exitCode, 0)
    }
}
