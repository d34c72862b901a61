import MiniCluster
import XCTest

/// The patches `kubectl apply` computes: three-way diffs between last-applied, manifest and live object.
final class PatchDiffTests: XCTestCase {
    let deploy = ResourceRegistry().lookup(kind: "Deployment")!

    func manifest(replicas: Int = 3, image: String = "nginx:1.25", env: [Value] = [["name": "A", "value": "1"]],
                  sidecar: Bool = true, labels: Value = ["app": "web"]) -> Value {
        var containers: [Value] = [["name": "web", "image": .string(image), "env": .array(env)]]
        if sidecar { containers.append(["name": "side", "image": "busybox"]) }
        return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": labels],
                "spec": ["replicas": .int(replicas), "template": ["spec": ["containers": .array(containers)]]]]
    }

    /// The live object: the manifest plus what the server and others added.
    func live(_ m: Value) -> Value {
        var l = m
        l[path: "metadata", "uid"] = "u1"
        l[path: "metadata", "labels", "added-by-kubectl-label"] = "yes"
        l[path: "spec", "strategy"] = ["type": "RollingUpdate"]
        l[path: "status"] = ["replicas": 3]
        return l
    }

    func testThreeWayCases() throws {
        let base = manifest()
        let cases: [(String, Value, Value)] = [
            ("same manifest: nothing to send", base, [:]),
            ("scaled", manifest(replicas: 5), ["spec": ["replicas": 5]]),
            ("new image", manifest(image: "nginx:1.26"),
             ["spec": ["template": ["spec": ["$setElementOrder/containers": [["name": "web"], ["name": "side"]],
                                              "containers": [["name": "web", "image": "nginx:1.26"]]]]]]),
            ("container dropped", manifest(sidecar: false),
             ["spec": ["template": ["spec": ["containers": [["name": "side", "$patch": "delete"]],
                                              "$setElementOrder/containers": [["name": "web"]]]]]]),
            ("label dropped from the manifest", manifest(labels: [:]), ["metadata": ["labels": ["app": nil]]]),
        ]
        for (name, modified, want) in cases {
            let patch = StrategicMergePatch.threeWay(original: base, modified: modified, current: live(base), type: deploy)
            XCTAssertEqual(patch.sortedKeys, want.sortedKeys, name)
            let applied = try StrategicMergePatch.apply(patch, to: live(base), type: deploy)
            XCTAssertEqual(applied[path: "metadata", "labels", "added-by-kubectl-label"], "yes", "\(name): others' fields stay")
            XCTAssertEqual(applied["spec"]?["replicas"], modified["spec"]?["replicas"], name)
            XCTAssertEqual(applied[path: "spec", "template"], modified[path: "spec", "template"], name)
            XCTAssertEqual(applied[path: "metadata", "labels", "app"], modified[path: "metadata", "labels", "app"], name)
        }
    }

    func testFirstApplyHasNoDeletions() {
        let patch = StrategicMergePatch.threeWay(original: nil, modified: manifest(labels: [:]), current: live(manifest()), type: deploy)
        XCTAssertEqual(patch, [:], "without a last-applied configuration nothing is deleted")
    }

    func testTwoWayAndPrimitiveLists() throws {
        let a: Value = ["metadata": ["finalizers": ["x", "y"]], "spec": ["tolerations": [["key": "a"]]]]
        let b: Value = ["metadata": ["finalizers": ["y", "z"]], "spec": ["tolerations": [["key": "b"]]]]
        let p = StrategicMergePatch.twoWay(original: a, modified: b, type: deploy)
        let want: Value = ["metadata": ["finalizers": ["z"], "$deleteFromPrimitiveList/finalizers": ["x"],
                                        "$setElementOrder/finalizers": ["y", "z"]],
                           "spec": ["tolerations": [["key": "b"]]]]
        XCTAssertEqual(p.sortedKeys, want.sortedKeys)
        XCTAssertEqual(try StrategicMergePatch.apply(p, to: a, type: deploy), b)
    }
}
