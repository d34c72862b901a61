@testable import MiniCluster
import Foundation
import XCTest

/// Caches and shortcuts on the per-pod path (scheduler cache, service account token): each must give what the
/// long way gives, and forget what it kept when the pod it kept it for changes or goes.
final class PerPodPathTests: XCTestCase {
    // MARK: token encoding

    /// The JWT parts' encoding equals Foundation's base64 with the URL alphabet and the padding cut, for every
    /// length remainder and every byte value.
    func testBase64URLMatchesFoundation() {
        var inputs: [[UInt8]] = [[], [0], [255], [0xfb, 0xff], [0xfb, 0xff, 0xfe], Array(0...255), Array("{\"alg\":\"RS256\"}".utf8)]
        var g = SeededRandom(seed: 7)
        for n in 1...40 { inputs.append((0..<n).map { _ in UInt8(truncatingIfNeeded: g.next()) }) }
        for bytes in inputs {
            let expected = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            XCTAssertEqual(VolumeResolver.base64URL(bytes), expected, "\(bytes)")
        }
    }

    // MARK: scheduler cache

    func bound(_ name: String, uid: String, cpu: String, node: String = "n1", labels: [String: String] = ["app": "web"]) -> Value {
        ["metadata": ["name": .string(name), "namespace": "default", "uid": .string(uid), "labels": Value(stringMap: labels)],
         "spec": ["nodeName": .string(node), "containers": [["name": "c", "image": "nginx", "resources": ["requests": ["cpu": .string(cpu)]]]]],
         "status": ["phase": "Running"]]
    }

    func cache() -> SchedulerCache {
        let c = SchedulerCache()
        for n in ["n1", "n2"] {
            c.upsert(node: ["metadata": ["name": .string(n)], "status": ["allocatable": ["cpu": "2", "memory": "4Gi", "pods": "110"]]])
        }
        return c
    }

    /// A later event of the same pod (labels changed) keeps its request; a new pod under the same name (new uid)
    /// is read again; a move to another node, a finished pod and a delete each give the room back.
    func testSchedulerCacheReusesOnlyForTheSamePod() throws {
        let c = cache()
        c.update(pod: bound("a", uid: "u1", cpu: "100m"), key: "default/a")
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 100)
        c.update(pod: bound("a", uid: "u1", cpu: "100m", labels: ["app": "other"]), key: "default/a")
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 100)
        XCTAssertEqual(c.pods(on: "n1").first?.labels, ["app": "other"])
        // Deleted and created again with another request: a new uid, so parsed again.
        c.update(pod: nil, key: "default/a")
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 0)
        c.update(pod: bound("a", uid: "u2", cpu: "300m"), key: "default/a")
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 300)
        // Replaced without a delete event in between (same key, new uid): the new request counts.
        c.update(pod: bound("a", uid: "u3", cpu: "50m", node: "n2"), key: "default/a")
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 0)
        XCTAssertEqual(c.nodes["n2"]?.requested.milliCPU, 50)
        var done = bound("a", uid: "u3", cpu: "50m", node: "n2")
        done[path: "status", "phase"] = "Succeeded"
        XCTAssertTrue(c.update(pod: done, key: "default/a"))
        XCTAssertEqual(c.nodes["n2"]?.requested.milliCPU, 0)
        XCTAssertEqual(c.nodes["n2"]?.podCount, 0)
    }
}
