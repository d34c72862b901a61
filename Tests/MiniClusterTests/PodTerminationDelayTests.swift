@testable import MiniCluster
import XCTest

/// A deleted pod stays in the API server, with its deletionTimestamp, until the kubelet's terminated sync removes it:
/// the first PLEG relist (whole seconds) after the terminating sync's relist and after its last container stopped.
final class PodTerminationDelayTests: XCTestCase {
    private struct Row {
        let name: String
        let image: String
        let command: [String]?
        /// The grace period the delete asks for (nil: the pod's 30 s).
        let grace: Int?
        /// Seconds after the delete at which the pod is still stored, then when it is gone.
        let stillThereAt: Int, goneAt: Int
        /// The container's exit as status shows it while the pod waits for removal.
        let exitCode: Int, reason: String
    }

    private let rows: [Row] = [
        // nginx exits on SIGTERM at once: the terminating sync's relist (+1 s), then the next one (+2 s).
        Row(name: "nginx", image: "nginx", command: nil, grace: nil, stillThereAt: 1, goneAt: 2, exitCode: 0,
            reason: "Completed"),
        // sleep as PID 1 ignores SIGTERM: killed 30 s after the terminating sync, gone at the relist after it.
        Row(name: "sleeper", image: "busybox", command: ["sleep", "3600"], grace: nil, stillThereAt: 31, goneAt: 32,
            exitCode: 137, reason: "Error"),
        // A shorter grace period brings the kill, and the removal, forward.
        Row(name: "short", image: "busybox", command: ["sleep", "3600"], grace: 5, stillThereAt: 6, goneAt: 7,
            exitCode: 137, reason: "Error"),
    ]

    private func makeCluster() -> (Cluster, ResourceType) {
        var o = Cluster.Options()
        o.nodesPerZone = 1
        let c = Cluster(options: o)
        return (c, c.registry.lookup(kind: "Pod")!)
    }

    private func pod(_ r: Row) -> Value {
        var container: Value = ["name": .string(r.name), "image": .string(r.image)]
        if let cmd = r.command { container["command"] = .array(cmd.map(Value.string)) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(r.name)],
                "spec": ["containers": [container]]]
    }

    func testDeletedPodStaysUntilTheKubeletsTerminatedSync() throws {
        for r in rows {
            let (c, podType) = makeCluster()
            _ = try c.api.create(podType, pod(r), namespace: "default")
            c.settle()
            c.advance(by: .seconds(30))
            let running = try c.api.get(podType, namespace: "default", name: r.name)
            XCTAssertEqual(running[path: "status", "phase"]?.stringValue, "Running", r.name)
            let deletedAt = c.now
            try c.api.delete(podType, namespace: "default", name: r.name, gracePeriod: r.grace)
            c.settle()
            // Still there right after the delete, with its deletionTimestamp (printPod: `Terminating`), and still
            // ready: nothing is stopped before the terminating sync.
            let at0 = try c.api.get(podType, namespace: "default", name: r.name)
            XCTAssertNotNil(at0.deletionTimestamp, r.name)
            XCTAssertEqual(at0[path: "status", "containerStatuses"]?.arrayValue?.first?["ready"]?.boolValue, true, r.name)
            // The last status written, just before the removal, has the terminal phase (since 1.27).
            var lastPhase: String?
            c.store.observe { e in
                if e.resource.kind == "Pod", e.object.metadataName == r.name {
                    lastPhase = e.object[path: "status", "phase"]?.stringValue
                }
            }

            c.advance(by: .seconds(Int64(r.stillThereAt)))
            let waiting = try c.api.get(podType, namespace: "default", name: r.name)
            XCTAssertNotNil(waiting.deletionTimestamp, r.name)
            // Its container stopped; the status shows how, and the phase is not yet terminal.
            XCTAssertEqual(waiting[path: "status", "phase"]?.stringValue, "Running", r.name)
            let cs = waiting[path: "status", "containerStatuses"]?.arrayValue?.first
            XCTAssertEqual(cs?["ready"]?.boolValue, false, r.name)
            XCTAssertEqual(cs?[path: "state", "terminated", "exitCode"]?.intValue, r.exitCode, r.name)
            XCTAssertEqual(cs?[path: "state", "terminated", "reason"]?.stringValue, r.reason, r.name)

            c.advance(by: .milliseconds(Int64(r.goneAt - r.stillThereAt) * 1000 - 1))
            XCTAssertNoThrow(try c.api.get(podType, namespace: "default", name: r.name), "\(r.name) just before")
            c.advance(by: .milliseconds(1))
            XCTAssertThrowsError(try c.api.get(podType, namespace: "default", name: r.name), "\(r.name) after")
            XCTAssertEqual(lastPhase, r.exitCode == 0 ? "Succeeded" : "Failed", r.name)
            XCTAssertEqual((c.now - deletedAt).ms, Int64(r.goneAt) * 1000, r.name)
            XCTAssertNil(c.kubelets.workers[ObjectKey(namespace: "default", name: r.name)], r.name)
        }
    }

    /// A delete off the whole second waits for the relists on the whole seconds: 1.5 s for nginx deleted at x.5.
    func testRelistsFallOnWholeSeconds() throws {
        let (c, podType) = makeCluster()
        _ = try c.api.create(podType, pod(rows[0]), namespace: "default")
        c.settle()
        c.advance(by: .milliseconds(30_500))
        try c.api.delete(podType, namespace: "default", name: "nginx")
        c.settle()
        c.advance(by: .milliseconds(1_499))
        XCTAssertNoThrow(try c.api.get(podType, namespace: "default", name: "nginx"))
        c.advance(by: .milliseconds(1))
        XCTAssertThrowsError(try c.api.get(podType, namespace: "default", name: "nginx"))
    }

    /// A restartPolicy Never pod whose container exits 0 on SIGTERM would be Succeeded by getPhase; the status
    /// manager holds the phase back until the terminated sync, so it still prints `Terminating` meanwhile.
    func testTerminatingPodKeepsANonTerminalPhase() throws {
        let (c, podType) = makeCluster()
        var p = pod(rows[0])
        p[path: "spec", "restartPolicy"] = "Never"
        _ = try c.api.create(podType, p, namespace: "default")
        c.settle()
        c.advance(by: .seconds(30))
        try c.api.delete(podType, namespace: "default", name: "nginx")
        c.settle()
        c.advance(by: .seconds(1))
        let waiting = try c.api.get(podType, namespace: "default", name: "nginx")
        XCTAssertEqual(waiting[path: "status", "phase"]?.stringValue, "Running")
        let cs = waiting[path: "status", "containerStatuses"]?.arrayValue?.first
        XCTAssertEqual(cs?[path: "state", "terminated", "exitCode"]?.intValue, 0)
    }

    func testNextRelist() {
        XCTAssertEqual(PodWorker.nextRelist(after: Timestamp(ms: 5_000)).ms, 6_000)
        XCTAssertEqual(PodWorker.nextRelist(after: Timestamp(ms: 5_001)).ms, 6_000)
        XCTAssertEqual(PodWorker.nextRelist(after: Timestamp(ms: 5_999)).ms, 6_000)
    }
}
