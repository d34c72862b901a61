import MiniCluster
import XCTest

final class EventRecorderTests: XCTestCase {
    func testRepeatsFoldIntoACount() throws {
        let cluster = Cluster()
        let rec = EventRecorder(api: cluster.api)
        let cm = cluster.registry.lookup(kind: "ConfigMap")!
        let obj = try cluster.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"]], namespace: "default")
        rec.record(obj, type: "Warning", reason: "BackOff", message: "Back-off restarting failed container", component: "kubelet", host: "n1")
        cluster.advance(by: .seconds(30))
        rec.record(obj, type: "Warning", reason: "BackOff", message: "Back-off restarting failed container", component: "kubelet", host: "n1")
        rec.record(obj, reason: "Other", message: "m", component: "x")
        let evType = cluster.registry.lookup(kind: "Event")!
        let events = cluster.api.list(evType, namespace: "default").filter { $0[path: "involvedObject", "name"]?.stringValue == "a" }
        XCTAssertEqual(events.count, 2)
        let backoff = try XCTUnwrap(events.first { $0["reason"]?.stringValue == "BackOff" })
        XCTAssertEqual(backoff["count"]?.intValue, 2)
        XCTAssertEqual(backoff["firstTimestamp"]?.stringValue, "2026-11-26T09:00:00Z")
        XCTAssertEqual(backoff["lastTimestamp"]?.stringValue, "2026-11-26T09:00:30Z")
        XCTAssertTrue(backoff.metadataName.hasPrefix("a."))
    }
}
