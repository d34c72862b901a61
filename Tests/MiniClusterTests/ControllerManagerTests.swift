import MiniCluster
import XCTest

/// A controller that records its syncs, to prove the manager's queueing rules.
private final class Recorder: Controller {
    let name = "recorder"
    var synced: [String] = []
    func keys(for event: WatchEvent) -> [String] { event.resource.kind == "ConfigMap" ? [event.objectKey] : [] }
    func sync(_ key: String) { synced.append(key) }
}

final class ControllerManagerTests: XCTestCase {
    func testHandlersOnlyEnqueueAndKeysAreDeduplicated() throws {
        let cluster = Cluster()
        let mgr = ControllerManager(clock: cluster.clock, store: cluster.store)
        let rec = Recorder()
        mgr.register(rec)
        let cm = cluster.registry.lookup(kind: "ConfigMap")!
        try cluster.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"]], namespace: "default")
        var obj = try cluster.api.get(cm, namespace: "default", name: "a")
        obj["data"] = ["k": "v"]
        try cluster.api.update(cm, obj, namespace: "default")
        XCTAssertEqual(rec.synced, [], "no work inside the event handler")
        cluster.advance(by: .milliseconds(0))
        XCTAssertEqual(rec.synced, ["default/a"], "two events, one sync")
    }

    func testDelayedResync() {
        let cluster = Cluster()
        let mgr = ControllerManager(clock: cluster.clock, store: cluster.store)
        let rec = Recorder()
        mgr.register(rec)
        mgr.enqueue("x", for: rec, after: .seconds(10))
        cluster.advance(by: .seconds(9))
        XCTAssertEqual(rec.synced, [])
        cluster.advance(by: .seconds(1))
        XCTAssertEqual(rec.synced, ["x"])
    }
}
