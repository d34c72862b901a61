// What `kubectl create …` and `kubectl run` leave in the cluster (no real kubectl needed).
import Foundation
import MiniCluster
@testable import Shell
import XCTest

final class CreateTests: XCTestCase {
    var dir: URL!
    var session: ShellSession!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("create-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        session = ShellSession.withDefaultCluster(cwd: dir)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func kubectl(_ args: String...) -> (out: String, err: String, status: Int32) {
        let o = Output()
        let s = session.run(argv: ["kubectl"] + args, io: CommandIO(output: o))
        return (o.stdout, o.stderr, s)
    }

    func get(_ type: String, _ name: String, ns: String = "default") throws -> Value {
        let c = try XCTUnwrap(session.currentCluster)
        return try c.api.get(XCTUnwrap(c.registry.lookup(type)), namespace: ns, name: name)
    }

    func testDeploymentIsStoredWithGeneratorLabelsAndContainerNames() throws {
        XCTAssertEqual(kubectl("create", "deployment", "web", "--image=gcr.io/x/my_app.v2:1", "--replicas=3").status, 0)
        let d = try get("deployments", "web")
        XCTAssertEqual(d[path: "spec", "replicas"], 3)
        XCTAssertEqual(d.labels, ["app": "web"])
        XCTAssertEqual(d[path: "spec", "selector", "matchLabels"]?.stringMap, ["app": "web"])
        let name = try XCTUnwrap(d[path: "spec", "template", "spec", "containers"]?[0]?["name"]?.stringValue)
        // `_` and `.` are not allowed in container names: kubectl swaps them and adds a random suffix.
        XCTAssertTrue(name.hasPrefix("my-app-v2-"), name)
        XCTAssertEqual(name.count, "my-app-v2-".count + 5)
    }

    func testConfigMapReadsFilesFromTheWorkspace() throws {
        try "color=blue\n".write(to: dir.appendingPathComponent("app.properties"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("conf"), withIntermediateDirectories: true)
        try "x".write(to: dir.appendingPathComponent("conf/a.txt"), atomically: true, encoding: .utf8)
        try Data([0xff, 0x00]).write(to: dir.appendingPathComponent("conf/bin"))
        XCTAssertEqual(kubectl("create", "configmap", "cfg", "--from-file=app.properties", "--from-file=conf").status, 0)
        let cm = try get("configmaps", "cfg")
        XCTAssertEqual(cm["data"]?.stringMap, ["app.properties": "color=blue\n", "a.txt": "x"])
        XCTAssertEqual(cm["binaryData"]?.stringMap, ["bin": "/wA="])
        let r = kubectl("create", "configmap", "nope", "--from-file=missing.txt")
        XCTAssertEqual(r.err, "error: error reading missing.txt: no such file or directory\n")
        XCTAssertEqual(r.status, 1)
    }

    func testEnvFileSecretAndDockerConfig() throws {
        try "# c\nA=1\n  B= 2 \nC\n".write(to: dir.appendingPathComponent("e.env"), atomically: true, encoding: .utf8)
        session.env["C"] = "from-env"
        XCTAssertEqual(kubectl("create", "secret", "generic", "s", "--from-env-file=e.env").status, 0)
        let s = try get("secrets", "s")
        let data = try XCTUnwrap(s["data"]?.stringMap)
        XCTAssertEqual(data.mapValues { String(decoding: Data(base64Encoded: $0) ?? Data(), as: UTF8.self) },
                       ["A": "1", "B": " 2 ", "C": "from-env"])
        XCTAssertEqual(kubectl("create", "secret", "docker-registry", "reg", "--docker-username=u", "--docker-password=p").status, 0)
        let reg = try get("secrets", "reg")
        let json = String(decoding: Data(base64Encoded: reg[path: "data", ".dockerconfigjson"]?.stringValue ?? "") ?? Data(), as: UTF8.self)
        XCTAssertEqual(json, #"{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","auth":"dTpw"}}}"#)
        XCTAssertEqual(reg["type"], "kubernetes.io/dockerconfigjson")
    }

    func testRunExposeCreatesPodAndService() throws {
        let r = kubectl("run", "web", "--image=nginx", "--port=8080", "--expose")
        XCTAssertEqual(r.out, "service/web created\npod/web created\n")
        XCTAssertEqual(try get("pods", "web").labels, ["run": "web"])
        let svc = try get("services", "web")
        XCTAssertEqual(svc[path: "spec", "selector"]?.stringMap, ["run": "web"])
        XCTAssertEqual(svc[path: "spec", "ports"]?[0]?["targetPort"], 8080)
    }

    func testServerDryRunStoresNothingAndSaveConfigAnnotates() throws {
        XCTAssertEqual(kubectl("create", "namespace", "tmp", "--dry-run=server").out, "namespace/tmp created (server dry run)\n")
        XCTAssertThrowsError(try get("namespaces", "tmp", ns: ""))
        XCTAssertEqual(kubectl("create", "serviceaccount", "bot", "--save-config").status, 0)
        let sa = try get("serviceaccounts", "bot")
        XCTAssertEqual(sa.annotations[LastApplied.key],
                       #"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"bot","creationTimestamp":null}}"# + "\n")
    }

    func testJobFromCronJobIsOwnedByIt() throws {
        XCTAssertEqual(kubectl("create", "cronjob", "nightly", "--image=busybox", "--schedule=0 0 * * *").status, 0)
        XCTAssertEqual(kubectl("create", "job", "manual", "--from=cronjob/nightly").out, "job.batch/manual created\n")
        let job = try get("jobs", "manual")
        let cj = try get("cronjobs", "nightly")
        XCTAssertEqual(job.annotations["cronjob.kubernetes.io/instantiate"], "manual")
        XCTAssertEqual(job[path: "metadata", "ownerReferences"]?[0]?["uid"]?.stringValue, cj.uid)
        XCTAssertEqual(job[path: "metadata", "ownerReferences"]?[0]?["controller"], true)
    }

    func testRoleResolvesShortNamesThroughDiscovery() throws {
        XCTAssertEqual(kubectl("create", "role", "r", "--verb=get", "--resource=deploy,po,pods/log").status, 0)
        let rules = try XCTUnwrap(get("roles", "r")["rules"]?.arrayValue)
        XCTAssertEqual(rules.map { $0["apiGroups"] }, [[""], ["apps"]])
        XCTAssertEqual(rules.map { $0["resources"] }, [["pods", "pods/log"], ["deployments"]])
    }

    func testAppendHashMatchesKubectl() throws {
        // Values recorded from kubectl 1.32.5 (`--dry-run=client -o name`).
        XCTAssertEqual(kubectl("create", "configmap", "c", "--from-literal=a=1", "--append-hash", "-o", "name").out, "configmap/c-9dtcmmmm5t\n")
        XCTAssertEqual(kubectl("create", "configmap", "c", "--from-literal=a=2", "--append-hash", "-o", "name").out, "configmap/c-hdf8245md6\n")
    }

    func testSHA256KnownVector() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
