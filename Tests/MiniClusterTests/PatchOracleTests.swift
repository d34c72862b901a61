import Foundation
import MiniCluster
import TestSupport
import XCTest

/// `kubectl patch --local` applies strategic, merge and JSON patches client-side with the real schema, so
/// its results check ours.
final class PatchOracleTests: XCTestCase {
    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      finalizers: [x, z]
      labels: {app: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: web
            image: nginx:1.25
            ports: [{containerPort: 80, name: http}]
            env: [{name: A, value: "1"}, {name: B, value: "2"}]
            volumeMounts: [{name: v1, mountPath: /a}]
          - name: side
            image: busybox
          volumes: [{name: v1, emptyDir: {}}]
          tolerations: [{key: a, operator: Exists}]
          imagePullSecrets: [{name: s1}]
    """
    static let service = """
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: 8080, name: http}]
    """

    func testAgainstKubectlPatchLocal() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patch-oracle-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.deployment.write(to: dir.appendingPathComponent("d.yaml"), atomically: true, encoding: .utf8)
        try Self.service.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let registry = ResourceRegistry()
        let cases: [(String, PatchType, String)] = [
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"containers":[{"name":"new","image":"redis"}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}],"ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}]}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"containers":[{"name":"web","volumeMounts":[{"name":"v2","mountPath":"/b"}]}],"volumes":[{"name":"v2","emptyDir":{}}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"tolerations":[{"key":"b","operator":"Exists"}],"imagePullSecrets":[{"name":"s2"}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"volumes":[{"$patch":"replace"},{"name":"v9","emptyDir":{}}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"$patch":"replace","containers":[{"name":"only","image":"x"}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"tolerations":null}}},"metadata":{"labels":{"app":null,"b":"c"}}}"#),
            ("d.yaml", .strategic, #"{"metadata":{"finalizers":["y","x"]}}"#),
            ("d.yaml", .strategic, #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}"#),
            ("d.yaml", .strategic, #"{"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"web","env":[{"name":"A","$patch":"delete"}]}]}}}}"#),
            ("s.yaml", .strategic, #"{"spec":{"ports":[{"port":443,"targetPort":8443}]}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"name":"web","image":"x"}]}}}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"n"},{"name":"web"}],"containers":[{"name":"n","image":"x"}]}}}}"#),
            ("d.yaml", .strategic, #"{"metadata":{"$setElementOrder/finalizers":["z","x"]}}"#),
            ("d.yaml", .strategic, #"{"spec":{"template":{"spec":{"volumes":[{"$retainKeys":["name","hostPath"],"name":"v1","hostPath":{"path":"/x"}}]}}}}"#),
            ("s.yaml", .strategic, #"{"spec":{"ports":[{"port":80,"targetPort":9090}]}}"#),
            ("d.yaml", .merge, #"{"spec":{"template":{"spec":{"containers":[{"name":"only"}]}}},"metadata":{"finalizers":null}}"#),
            ("d.yaml", .json, #"[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"},{"op":"add","path":"/metadata/labels/x","value":"y"},{"op":"remove","path":"/spec/template/spec/tolerations"}]"#),
        ]
        for (file, type, patchText) in cases {
            guard let real = RealKubectl.run(["patch", "-f", file, "--local", "--type", type.rawValue, "-p", patchText, "-o", "json"], cwd: dir) else {
                throw XCTSkip("cannot run kubectl")
            }
            XCTAssertEqual(real.status, 0, "\(patchText): \(real.err)")
            let want = try JSONCodec.decode(real.out)
            let original = try YAMLCodec.decode(file == "d.yaml" ? Self.deployment : Self.service)
            let t = registry.lookup(kind: original.kind)!
            let patch = try JSONCodec.decode(patchText)
            let got: Value
            switch type {
            case .strategic: got = try StrategicMergePatch.apply(patch, to: original, type: t)
            case .merge: got = JSONMergePatch.apply(patch, to: original)
            case .json: got = try JSONPatch.apply(patch, to: original)
            }
            if got.sortedKeys != want.sortedKeys {
                XCTFail("\(patchText)\nkubectl: \(JSONCodec.encodeCompact(want.sortedKeys))\nours:    \(JSONCodec.encodeCompact(got.sortedKeys))")
            }
        }
    }
}
