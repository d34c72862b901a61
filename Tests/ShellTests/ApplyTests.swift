import Foundation
import MiniCluster
@testable import Shell
import TestSupport
import XCTest

/// Runs argv lines on one sandbox session (no shell quoting involved), in a temp workspace.
final class ApplyHarness {
    let dir: URL
    let session: ShellSession

    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("apply-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        session = ShellSession.withDefaultCluster(cwd: dir)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) {
        try? text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Runs `kubectl ARGS…`; returns (stdout, stderr, status).
    @discardableResult
    func kubectl(_ args: String...) -> (out: String, err: String, status: Int32) {
        let o = Output()
        let status = session.run(argv: ["kubectl"] + args, io: CommandIO(output: o))
        return (o.stdout, o.stderr, status)
    }

    var api: APIServer { session.currentCluster!.api }
    func type(_ name: String) -> ResourceType { session.currentCluster!.registry.lookup(name)! }
}

final class ApplyTests: XCTestCase {
    let cm = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cfg
          labels:
            app: web
        data:
          a: "1"
          b: "2"
        """

    func testLastAppliedIsSortedCompactJSONWithEmptyAnnotationsAndNamespace() throws {
        let h = ApplyHarness()
        h.write("cm.yaml", cm)
        XCTAssertEqual(h.kubectl("apply", "-f", "cm.yaml").out, "configmap/cfg created\n")
        let live = try h.api.get(h.type("cm"), namespace: "default", name: "cfg")
        XCTAssertEqual(live.annotations[LastAppliedConfig.key],
                       #"{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"web"},"name":"cfg","namespace":"default"}}"# + "\n")
    }

    func testRemovedFieldsAreDeletedButOtherWritersAreKept() throws {
        let h = ApplyHarness()
        h.write("cm.yaml", cm)
        h.kubectl("apply", "-f", "cm.yaml")
        // Someone else adds a label; the manifest drops key b and the app label.
        h.kubectl("label", "cm", "cfg", "owner=ops")
        h.write("cm.yaml", cm.replacingOccurrences(of: "\n  b: \"2\"", with: "").replacingOccurrences(of: "app: web", with: "tier: x"))
        XCTAssertEqual(h.kubectl("apply", "-f", "cm.yaml").out, "configmap/cfg configured\n")
        let live = try h.api.get(h.type("cm"), namespace: "default", name: "cfg")
        XCTAssertEqual(live["data"], ["a": "1"])
        XCTAssertEqual(live.labels, ["owner": "ops", "tier": "x"])
        XCTAssertEqual(h.kubectl("apply", "-f", "cm.yaml").out, "configmap/cfg unchanged\n")
    }

    func testThreeWayPatchUsesMergeKeysForContainers() throws {
        let t = ResourceRegistry().lookup("deploy")!
        let original: Value = ["spec": ["template": ["spec": ["containers": [["name": "a", "image": "x:1"], ["name": "b", "image": "y:1"]]]]]]
        let modified: Value = ["spec": ["template": ["spec": ["containers": [["name": "a", "image": "x:2"]]]]]]
        let current: Value = ["spec": ["template": ["spec": ["containers": [
            ["name": "a", "image": "x:1", "imagePullPolicy": "IfNotPresent"], ["name": "b", "image": "y:1"]]]]]]
        let patch = StrategicMergePatch.threeWay(original: original, modified: modified, current: current, type: t)
        XCTAssertEqual(JSONCodec.encodeCompact(patch.sortedKeys),
                       #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"image":"x:2","name":"a"},{"$patch":"delete","name":"b"}]}}}}"#)
        let unchanged = StrategicMergePatch.threeWay(original: modified, modified: modified,
                                              current: ["spec": ["template": ["spec": ["containers": [["name": "a", "image": "x:2", "imagePullPolicy": "IfNotPresent"]]]]]],
                                              type: t)
        XCTAssertEqual(unchanged, .emptyObject)
    }

    /// Deployment `spec.strategy` is a retainKeys field: applying `type: Recreate` over the defaulted
    /// `rollingUpdate` block drops that block instead of failing validation (kubectl ≥ 1.13).
    func testApplySwitchesADeploymentToRecreate() throws {
        let h = ApplyHarness()
        let deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ledger
            spec:
              replicas: 1
            STRATEGY  selector:
                matchLabels:
                  app: ledger
              template:
                metadata:
                  labels:
                    app: ledger
                spec:
                  containers:
                  - name: ledger
                    image: nginx:1.27
            """
        h.write("d.yaml", deployment.replacingOccurrences(of: "STRATEGY", with: ""))
        XCTAssertEqual(h.kubectl("apply", "-f", "d.yaml").status, 0)
        h.write("d.yaml", deployment.replacingOccurrences(of: "STRATEGY", with: "  strategy:\n    type: Recreate\n"))
        let r = h.kubectl("apply", "-f", "d.yaml")
        XCTAssertEqual(r.out, "deployment.apps/ledger configured\n", r.err)
        let live = try h.api.get(h.type("deploy"), namespace: "default", name: "ledger")
        XCTAssertEqual(JSONCodec.encodeCompact(live[path: "spec", "strategy"] ?? .null), #"{"type":"Recreate"}"#)
        // A patch merges into the defaulted block, so it is still refused there, as by the real API server.
        XCTAssertEqual(h.kubectl("patch", "deploy", "ledger", "-p", #"{"spec":{"strategy":{"type":"RollingUpdate"}}}"#).status, 0)
        XCTAssertEqual(h.kubectl("patch", "deploy", "ledger", "-p", #"{"spec":{"strategy":{"type":"Recreate"}}}"#).err,
                       "The Deployment \"ledger\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'\n")
    }

    func testMultiDocumentFailuresDoNotStopTheRest() {
        let h = ApplyHarness()
        h.write("m.yaml", "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\n---\n" + cm)
        let r = h.kubectl("apply", "-f", "m.yaml")
        XCTAssertEqual(r.out, "configmap/cfg created\n")
        XCTAssertEqual(r.err, "error: resource mapping not found for name: \"old\" namespace: \"\" from \"m.yaml\": no matches for kind \"Deployment\" in version \"extensions/v1beta1\"\nensure CRDs are installed first\n")
        XCTAssertEqual(r.status, 1)
    }

    func testStdinAndGenerateName() {
        let h = ApplyHarness()
        let o = Output()
        let status = h.session.run(argv: ["kubectl", "apply", "-f", "-"], io: CommandIO(stdin: cm, output: o))
        XCTAssertEqual(status, 0)
        XCTAssertEqual(o.stdout, "configmap/cfg created\n")
        h.write("g.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: gen-\n")
        XCTAssertEqual(h.kubectl("apply", "-f", "g.yaml").err, "error: from gen-: cannot use generate name with apply\n")
    }

    func testPatchInlineJSONTypes() throws {
        let h = ApplyHarness()
        h.write("cm.yaml", cm)
        h.kubectl("apply", "-f", "cm.yaml")
        XCTAssertEqual(h.kubectl("patch", "cm", "cfg", "-p", #"{"data":{"c":"3"}}"#).out, "configmap/cfg patched\n")
        XCTAssertEqual(h.kubectl("patch", "cm", "cfg", "--type=merge", "-p", #"{"data":{"c":"3"}}"#).out, "configmap/cfg patched (no change)\n")
        XCTAssertEqual(h.kubectl("patch", "cm", "cfg", "--type", "json", "-p", #"[{"op":"remove","path":"/data/c"}]"#).out, "configmap/cfg patched\n")
        XCTAssertNil(try h.api.get(h.type("cm"), namespace: "default", name: "cfg")[path: "data", "c"])
        XCTAssertEqual(h.kubectl("patch", "cm", "cfg", "-p", "{").err,
                       "error: unable to parse \"{\": yaml: line 1: did not find expected node content\n")
    }
}
