import Foundation
import MiniCluster
@testable import Shell
import XCTest

final class DrainTests: XCTestCase {
    /// A budget that never allows an eviction and no --timeout: in script mode the wait ends at the script cap,
    /// and the pod that is still on the node makes the drain fail (it used to print "drained" and exit 0).
    func testBlockedEvictionWithoutTimeoutFailsAtTheScriptCap() throws {
        let h = ApplyHarness()
        XCTAssertEqual(h.kubectl("create", "deployment", "web", "--image=nginx", "--replicas=1").status, 0)
        h.session.advanceClusters(by: .seconds(30))
        XCTAssertEqual(h.kubectl("create", "pdb", "all", "--selector=app=web", "--max-unavailable=0").status, 0)
        h.session.advanceClusters(by: .seconds(2))
        let pod = try XCTUnwrap(h.api.list(h.type("pod"), namespace: "default", selector: LabelSelector.parse("app=web")).first)
        let node = try XCTUnwrap(pod[path: "spec", "nodeName"]?.stringValue)
        let r = h.kubectl("drain", node, "--ignore-daemonsets")
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(r.out.contains("node/\(node) drained"), r.out)
        XCTAssertTrue(r.err.hasSuffix("error: error when evicting pods/\"\(pod.metadataName)\" -n \"default\": global timeout reached: 1h0m0s\n"), r.err)
        XCTAssertNotNil(try? h.api.get(h.type("pod"), namespace: "default", name: pod.metadataName), "the pod was never evicted")
    }
}
