import Foundation
import MiniCluster
import XCTest

/// Three-way patches checked against what the real kubectl 1.32 sent for `kubectl apply` (recorded by
/// Tests/Oracles/record_apply_patches.py against a loopback fake server; re-run it to re-record).
final class PatchDiffOracleTests: XCTestCase {
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    func testThreeWayPatchesMatchKubectlApply() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Oracles/apply-patches.json").standardized
        let scenarios = try JSONCodec.decode(String(contentsOf: file, encoding: .utf8)).arrayValue ?? []
        XCTAssertGreaterThan(scenarios.count, 5)
        let registry = ResourceRegistry()
        for s in scenarios {
            let name = s["name"]?.stringValue ?? "?"
            guard let live = s["live"], var modified = s["manifest"], let t = registry.lookup(kind: live.kind) else {
                XCTFail("bad scenario \(name)"); continue
            }
            let original = try live[path: "metadata", "annotations", Self.lastApplied]?.stringValue.map(JSONCodec.decode)
            let recorded: Value? = s["patch"].flatMap { $0.isNull ? Optional<Value>.none : $0 }
            let annotation = recorded?[path: "metadata", "annotations", Self.lastApplied]
                ?? live[path: "metadata", "annotations", Self.lastApplied]
            if let annotation = annotation?.stringValue {
                XCTAssertEqual(StrategicMergePatch.lastAppliedConfiguration(of: modified, namespace: "default"), annotation, name)
            }
            modified[path: "metadata", "namespace"] = "default"
            modified[path: "metadata", "annotations", Self.lastApplied] = annotation
            let ours = StrategicMergePatch.threeWay(original: original, modified: modified, current: live, type: t)
            let want = recorded ?? .emptyObject
            if ours.sortedKeys != want.sortedKeys {
                XCTFail("\(name)\nkubectl: \(JSONCodec.encodeCompact(want.sortedKeys))\nours:    \(JSONCodec.encodeCompact(ours.sortedKeys))")
            }
            XCTAssertEqual(s["stdout"]?.stringValue?.hasSuffix(ours == .emptyObject ? " unchanged" : " configured"), true, name)
        }
    }
}
