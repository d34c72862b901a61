import MiniCluster
import XCTest

/// The scheduler's filters, each with the words it adds to FailedScheduling, its scoring and its retries.
final class SchedulerTests: XCTestCase {
    /// A cluster with three empty e2-medium nodes (no kube-system pods taking room).
    func bare(nodes: Int = 3) -> Cluster {
        var o = Cluster.Options()
        o.nodesPerZone = nodes
        o.systemWorkloads = false
        return Cluster(options: o)
    }

    @discardableResult
    func pod(_ c: Cluster, _ name: String, cpu: String? = nil, spec extra: [String: Value] = [:], labels: [String: String] = [:],
             owner: Value? = nil) throws -> Value {
        var container: Value = ["name": "c", "image": "nginx"]
        if let cpu { container["resources"] = ["requests": ["cpu": .string(cpu)]] }
        var spec: Value = ["containers": [container]]
        for (k, v) in extra { spec[k] = v }
        var meta: Value = ["name": .string(name), "labels": Value(stringMap: labels)]
        if let owner { meta["ownerReferences"] = [owner] }
        let p = try c.api.create(c.registry.lookup(kind: "Pod")!, ["metadata": meta, "spec": spec], namespace: "default")
        c.settle()
        return p
    }

    func get(_ c: Cluster, _ name: String) -> Value? { try? c.api.get(c.registry.lookup(kind: "Pod")!, namespace: "default", name: name) }
    func node(of c: Cluster, _ name: String) -> String? { get(c, name)?[path: "spec", "nodeName"]?.stringValue }

    func scheduledCondition(_ c: Cluster, _ name: String) -> Value? {
        get(c, name)?[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "PodScheduled" }
    }

    func failure(_ c: Cluster, _ name: String) -> String? {
        let cond = scheduledCondition(c, name)
        XCTAssertEqual(cond?["status"]?.stringValue, "False")
        XCTAssertEqual(cond?["reason"]?.stringValue, "Unschedulable")
        return cond?["message"]?.stringValue
    }

    func events(_ c: Cluster, _ reason: String) -> [Value] {
        c.api.list(c.registry.lookup(kind: "Event")!, namespace: nil).filter { $0["reason"]?.stringValue == reason }
    }

    func patchNode(_ c: Cluster, _ index: Int, _ edit: (inout Value) -> Void) throws {
        let t = c.registry.lookup(kind: "Node")!
        var n = try c.api.get(t, namespace: nil, name: c.nodeNames[index])
        edit(&n)
        try c.api.update(t, n, namespace: nil)
        c.settle()
    }

    // MARK: binding

    func testBindsAndRecordsScheduled() throws {
        let c = bare()
        try pod(c, "web")
        let n = try XCTUnwrap(node(of: c, "web"))
        XCTAssertTrue(c.nodeNames.contains(n))
        XCTAssertEqual(scheduledCondition(c, "web")?["status"]?.stringValue, "True")
        let ev = try XCTUnwrap(events(c, "Scheduled").first)
        XCTAssertEqual(ev["message"]?.stringValue, "Successfully assigned default/web to \(n)")
        XCTAssertEqual(ev[path: "source", "component"]?.stringValue, "default-scheduler")
    }

    func testReplicasOfOneOwnerSpreadAcrossNodes() throws {
        let c = bare()
        let template: Value = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "c", "image": "nginx"]]]]
        let rs = try c.api.create(c.registry.lookup(kind: "ReplicaSet")!, ["metadata": ["name": "web-1"],
            "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "web"]], "template": template]], namespace: "default")
        let owner: Value = ["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": .string(rs.uid), "controller": true]
        for i in 0..<3 { try pod(c, "web-\(i)", owner: owner) }
        XCTAssertEqual(Set((0..<3).compactMap { node(of: c, "web-\($0)") }).count, 3)
    }

    // MARK: filters and their messages

    func testInsufficientCPUWhenNodesAreFull() throws {
        let c = bare()
        for i in 0..<3 { try pod(c, "big-\(i)", cpu: "600m") }
        try pod(c, "one-more", cpu: "600m")
        XCTAssertNil(node(of: c, "one-more"))
        let msg = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
        XCTAssertEqual(failure(c, "one-more"), msg)
        let ev = try XCTUnwrap(events(c, "FailedScheduling").first)
        XCTAssertEqual(ev["message"]?.stringValue, msg)
        XCTAssertEqual(ev["type"]?.stringValue, "Warning")
    }

    func testRequestAboveAllocatableIsNotHelpedByPreemption() throws {
        let c = bare()
        try pod(c, "huge", cpu: "2")
        XCTAssertEqual(failure(c, "huge"),
                       "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
    }

    func testNodeSelectorMismatch() throws {
        let c = bare()
        try pod(c, "sel", spec: ["nodeSelector": ["disktype": "ssd"]])
        XCTAssertEqual(failure(c, "sel"),
                       "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        try patchNode(c, 1) { $0[path: "metadata", "labels", "disktype"] = "ssd" }
        c.advance(by: .seconds(2))
        XCTAssertEqual(node(of: c, "sel"), c.nodeNames[1])
    }

    func testRequiredNodeAffinityByZone() throws {
        let c = bare()
        let affinity: Value = ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
            ["matchExpressions": [["key": "topology.kubernetes.io/zone", "operator": "In", "values": ["us-central1-b"]]]]]]]]
        try pod(c, "zonal", spec: ["affinity": affinity])
        XCTAssertEqual(failure(c, "zonal")?.hasPrefix("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."), true)
    }

    func testReasonsAreCountedAndSorted() throws {
        let c = bare()
        try patchNode(c, 0) { $0[path: "spec", "taints"] = [["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]] }
        try patchNode(c, 1) { $0[path: "spec", "unschedulable"] = true }
        try pod(c, "filler", cpu: "900m")
        try pod(c, "p", cpu: "500m")
        XCTAssertEqual(failure(c, "p"),
                       "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. "
                       + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.")
    }

    func testTolerationLetsAPodOntoATaintedNode() throws {
        let c = bare(nodes: 1)
        try patchNode(c, 0) { $0[path: "spec", "taints"] = [["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]] }
        try pod(c, "no")
        XCTAssertNil(node(of: c, "no"))
        try pod(c, "yes", spec: ["tolerations": [["key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"]]])
        XCTAssertEqual(node(of: c, "yes"), c.nodeNames[0])
    }

    func testTooManyPods() throws {
        let c = bare(nodes: 1)
        try patchNode(c, 0) { _ in }
        let t = c.registry.lookup(kind: "Node")!
        var n = try c.api.get(t, namespace: nil, name: c.nodeNames[0])
        n[path: "status", "allocatable", "pods"] = "1"
        try c.api.updateStatus(t, namespace: nil, name: n.metadataName, status: n["status"]!)
        try pod(c, "a")
        try pod(c, "b")
        XCTAssertEqual(failure(c, "b"),
                       "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")
    }

    func testRequiredAntiAffinityByHostname() throws {
        let c = bare()
        let anti: Value = ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
            ["labelSelector": ["matchLabels": ["app": "db"]], "topologyKey": "kubernetes.io/hostname"]]]]
        for i in 0..<4 { try pod(c, "db-\(i)", spec: ["affinity": anti], labels: ["app": "db"]) }
        XCTAssertEqual(Set((0..<3).compactMap { node(of: c, "db-\($0)") }).count, 3)
        XCTAssertEqual(failure(c, "db-3"),
                       "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
    }

    func testTopologySpreadDoNotSchedule() throws {
        let c = bare(nodes: 2)
        let spread: Value = [["maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "DoNotSchedule",
                              "labelSelector": ["matchLabels": ["app": "s"]]]]
        try patchNode(c, 1) { $0[path: "spec", "unschedulable"] = true }
        try pod(c, "s-0", spec: ["topologySpreadConstraints": spread], labels: ["app": "s"])
        try pod(c, "s-1", spec: ["topologySpreadConstraints": spread], labels: ["app": "s"])
        XCTAssertEqual(node(of: c, "s-0"), c.nodeNames[0])
        XCTAssertEqual(failure(c, "s-1"),
                       "0/2 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) were unschedulable. "
                       + "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.")
    }

    /// Spreading leaves terminating pods out (podtopologyspread: "Bypass terminating Pod"): a pod still in its grace
    /// period on the only schedulable node does not hold its replacement back.
    func testTopologySpreadIgnoresTerminatingPods() throws {
        let c = bare(nodes: 2)
        let spread: Value = [["maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "DoNotSchedule",
                              "labelSelector": ["matchLabels": ["app": "s"]]]]
        try patchNode(c, 1) { $0[path: "spec", "unschedulable"] = true }
        let sleeper: Value = [["name": "c", "image": "busybox", "command": ["sleep", "3600"]]]
        try pod(c, "s-0", spec: ["topologySpreadConstraints": spread, "containers": sleeper], labels: ["app": "s"])
        c.advance(by: .seconds(10))
        XCTAssertEqual(node(of: c, "s-0"), c.nodeNames[0])
        try c.api.delete(c.registry.lookup(kind: "Pod")!, namespace: "default", name: "s-0")
        c.settle()
        XCTAssertNotNil(get(c, "s-0")?.deletionTimestamp, "sleep ignores SIGTERM: 30 s of grace")
        try pod(c, "s-1", spec: ["topologySpreadConstraints": spread], labels: ["app": "s"])
        XCTAssertEqual(node(of: c, "s-1"), c.nodeNames[0])
    }

    func testNoNodes() throws {
        let c = bare(nodes: 0)
        try pod(c, "lonely")
        XCTAssertEqual(failure(c, "lonely"), "no nodes available to schedule pods")
    }

    // MARK: retries

    /// The pod's writes, oldest first, from the store's change log.
    func writes(_ c: Cluster, _ name: String) -> [Value] {
        c.api.store.changeLog.filter { $0.resource.kind == "Pod" && $0.object.metadataName == name }.map(\.object)
    }

    /// Binding is one write, as the API server's binding subresource is: the write that sets spec.nodeName also
    /// carries PodScheduled=True (a fresh pod, and one whose PodScheduled=False is replaced when room frees up).
    func testBindingSetsNodeAndConditionInOneWrite() throws {
        let c = bare(nodes: 1)
        try pod(c, "a", cpu: "800m")
        try pod(c, "b", cpu: "800m")
        for name in ["a", "b"] {
            if name == "b" {
                try c.api.delete(c.registry.lookup(kind: "Pod")!, namespace: "default", name: "a", gracePeriod: 0)
                c.advance(by: .seconds(1))
            }
            let w = writes(c, name)
            let i = try XCTUnwrap(w.firstIndex { $0[path: "spec", "nodeName"] != nil }, name)
            XCTAssertNil(w[i - 1][path: "spec", "nodeName"])
            let cond = w[i][path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "PodScheduled" }
            XCTAssertEqual(cond?["status"]?.stringValue, "True", name)
            XCTAssertNil(cond?["reason"], name)
            XCTAssertEqual(scheduledCondition(c, name), cond, name)
        }
        // b waited as Unschedulable first: its condition was replaced, not added beside the old one.
        let before = writes(c, "b").last { $0[path: "spec", "nodeName"] == nil }
        XCTAssertEqual(before?[path: "status", "conditions"]?.arrayValue?.map { $0["status"]?.stringValue }, ["False"])
        XCTAssertEqual(get(c, "b")?[path: "status", "conditions"]?.arrayValue?.filter { $0["type"]?.stringValue == "PodScheduled" }.count, 1)
    }

    func testPendingPodIsScheduledWhenRoomFreesUp() throws {
        let c = bare(nodes: 1)
        try pod(c, "a", cpu: "800m")
        try pod(c, "b", cpu: "800m")
        XCTAssertNil(node(of: c, "b"))
        try c.api.delete(c.registry.lookup(kind: "Pod")!, namespace: "default", name: "a", gracePeriod: 0)
        c.advance(by: .seconds(1))
        XCTAssertEqual(node(of: c, "b"), c.nodeNames[0])
    }

    func testRetriesEveryFiveMinutesAndFoldsEvents() throws {
        let c = bare(nodes: 1)
        try pod(c, "huge", cpu: "4")
        c.advance(by: .minutes(11))
        let ev = events(c, "FailedScheduling")
        XCTAssertEqual(ev.count, 1)
        XCTAssertEqual(ev.first?["count"]?.intValue, 3)
    }

    func testStoppedSchedulerLeavesPodsPending() throws {
        let c = bare()
        c.scheduler.isRunning = false
        try pod(c, "wait")
        XCTAssertNil(node(of: c, "wait"))
        c.scheduler.isRunning = true
        c.settle()
        XCTAssertNotNil(node(of: c, "wait"))
    }

    // MARK: node lifecycle

    func testUnreachableNodeEvictsPodsAfterTolerationSeconds() throws {
        let c = bare(nodes: 1)
        try pod(c, "web")
        let n = c.nodeNames[0]
        try c.setNodeReady(n, false)
        c.settle()
        let nodeObj = try c.api.get(c.registry.lookup(kind: "Node")!, namespace: nil, name: n)
        XCTAssertEqual(Taint.of(node: nodeObj).map(\.description), ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"])
        c.advance(by: .seconds(299))
        XCTAssertNil(get(c, "web")?.deletionTimestamp)
        c.advance(by: .seconds(2))
        XCTAssertTrue(get(c, "web") == nil || get(c, "web")?.deletionTimestamp != nil)
        XCTAssertEqual(events(c, "TaintManagerEviction").first?["message"]?.stringValue, "Marking for deletion Pod default/web")
        try pod(c, "later")
        XCTAssertEqual(failure(c, "later")?.contains("1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }"), true)
        try c.setNodeReady(n, true)
        c.advance(by: .seconds(10))
        XCTAssertEqual(node(of: c, "later"), n)
    }
}
