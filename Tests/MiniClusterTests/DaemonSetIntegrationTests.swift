@testable import MiniCluster
import XCTest

/// The DaemonSet controller on the sandbox's cluster (three e2-medium nodes, real scheduler and kubelets), through
/// virtual time.
final class DaemonSetIntegrationTests: XCTestCase {
    private var cluster: Cluster!
    private func type(_ kind: String) -> ResourceType { cluster.registry.lookup(kind: kind)! }

    override func setUp() {
        cluster = Cluster(options: .sandbox)
    }

    private func daemonSet(_ name: String = "agent", image: String = "busybox:1.36", spec extra: [String: Value] = [:]) -> Value {
        var podSpec: Value = ["terminationGracePeriodSeconds": 2,
                              "containers": [["name": "agent", "image": .string(image), "command": ["sh", "-c", "sleep 3600"]]]]
        for (k, v) in extra { podSpec[k] = v }
        return ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": .string(name)],
                "spec": ["selector": ["matchLabels": ["app": .string(name)]],
                         "template": ["metadata": ["labels": ["app": .string(name)]], "spec": podSpec]]]
    }

    private func create(_ ds: Value) throws {
        _ = try cluster.api.create(type("DaemonSet"), ds, namespace: "default")
        cluster.settle()
    }

    private func pods(_ app: String = "agent") -> [Value] {
        cluster.api.list(type("Pod"), namespace: "default").filter { $0.labels["app"] == app }
    }

    private func live(_ app: String = "agent") -> [Value] { pods(app).filter { $0.deletionTimestamp == nil } }

    private func status(_ name: String = "agent") throws -> Value {
        try cluster.api.get(type("DaemonSet"), namespace: "default", name: name)["status"] ?? .emptyObject
    }

    private func image(_ pod: Value) -> String? { pod[path: "spec", "containers"]?[0]?["image"]?.stringValue }

    private var nodeNames: [String] { cluster.api.list(type("Node"), namespace: nil).map(\.metadataName).sorted() }

    func testOnePodPerNodeThenReadyAndDeletedWithTheDaemonSet() throws {
        try create(daemonSet())
        XCTAssertEqual(live().count, 3)
        XCTAssertEqual(live().compactMap { DaemonSetUtil.targetNode(of: $0) }.sorted(), nodeNames)
        XCTAssertTrue(live().allSatisfy { $0.metadataName.hasPrefix("agent-") && $0.metadataName.count == "agent-".count + 5 })
        cluster.advance(by: .seconds(10))
        XCTAssertEqual(live().compactMap { $0[path: "spec", "nodeName"]?.stringValue }.sorted(), nodeNames)
        let s = try status()
        XCTAssertEqual(s["desiredNumberScheduled"], 3)
        XCTAssertEqual(s["currentNumberScheduled"], 3)
        XCTAssertEqual(s["numberReady"], 3)
        XCTAssertEqual(s["numberAvailable"], 3)
        XCTAssertEqual(s["updatedNumberScheduled"], 3)
        XCTAssertEqual(s["observedGeneration"], 1)
        let created = cluster.api.list(type("Event"), namespace: "default").filter { $0["reason"]?.stringValue == "SuccessfulCreate" }
        XCTAssertEqual(created.count, 3)
        XCTAssertTrue(created.allSatisfy { ($0["message"]?.stringValue ?? "").hasPrefix("Created pod: agent-") })

        // A deleted pod is replaced on the same node.
        let victim = live()[0]
        _ = try cluster.api.delete(type("Pod"), namespace: "default", name: victim.metadataName, gracePeriod: 0)
        cluster.advance(by: .seconds(5))
        XCTAssertEqual(live().count, 3)
        XCTAssertEqual(live().compactMap { $0[path: "spec", "nodeName"]?.stringValue }.sorted(), nodeNames)

        _ = try cluster.api.delete(type("DaemonSet"), namespace: "default", name: "agent")
        cluster.advance(by: .seconds(10))
        XCTAssertEqual(pods().count, 0)
    }

    func testTaintedNodeGetsNoPodUnlessTolerated() throws {
        let tainted = nodeNames[0]
        _ = cluster.api.mutate(type("Node"), ObjectKey(namespace: "", name: tainted)) {
            $0[path: "spec", "taints"] = [["key": "dedicated", "value": "db", "effect": "NoSchedule"]]
        }
        try create(daemonSet())
        XCTAssertEqual(live().compactMap { DaemonSetUtil.targetNode(of: $0) }.sorted(), Array(nodeNames.dropFirst()))
        XCTAssertEqual(try status()["desiredNumberScheduled"], 2)
        try create(daemonSet("tolerant", spec: ["tolerations": [["key": "dedicated", "operator": "Exists", "effect": "NoSchedule"]]]))
        XCTAssertEqual(live("tolerant").count, 3)

        // A nodeSelector narrows it further; labelling a node brings a pod there.
        try create(daemonSet("picky", spec: ["nodeSelector": ["logging": "on"]]))
        XCTAssertEqual(live("picky").count, 0)
        _ = cluster.api.mutate(type("Node"), ObjectKey(namespace: "", name: nodeNames[2])) {
            $0[path: "metadata", "labels", "logging"] = "on"
        }
        cluster.settle()
        XCTAssertEqual(live("picky").compactMap { DaemonSetUtil.targetNode(of: $0) }, [nodeNames[2]])
        cluster.advance(by: .seconds(10))
        XCTAssertEqual(try status("picky")["numberReady"], 1)
        // Removing the label sends the pod away again.
        _ = cluster.api.mutate(type("Node"), ObjectKey(namespace: "", name: nodeNames[2])) {
            $0[path: "metadata", "labels", "logging"] = nil
        }
        cluster.advance(by: .seconds(10))
        XCTAssertEqual(pods("picky").count, 0)
    }

    func testCordonedNodeStillRunsItsPod() throws {
        _ = cluster.api.mutate(type("Node"), ObjectKey(namespace: "", name: nodeNames[1])) {
            $0[path: "spec", "unschedulable"] = true
            $0[path: "spec", "taints"] = [["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"]]
        }
        try create(daemonSet())
        cluster.advance(by: .seconds(10))
        XCTAssertEqual(live().compactMap { $0[path: "spec", "nodeName"]?.stringValue }.sorted(), nodeNames)
    }

    func testPodsFollowANodePoolResize() throws {
        try create(daemonSet())
        cluster.advance(by: .seconds(10))
        var shape = cluster.options.defaultPool
        shape.nodesPerZone = 4
        cluster.resizePool(shape)
        cluster.advance(by: .seconds(10))
        XCTAssertEqual(nodeNames.count, 4)
        XCTAssertEqual(live().compactMap { $0[path: "spec", "nodeName"]?.stringValue }.sorted(), nodeNames)
        XCTAssertEqual(try status()["numberAvailable"], 4)
        shape.nodesPerZone = 2
        cluster.resizePool(shape)
        cluster.advance(by: .seconds(5))
        XCTAssertEqual(live().compactMap { $0[path: "spec", "nodeName"]?.stringValue }.sorted(), nodeNames)
        XCTAssertEqual(try status()["desiredNumberScheduled"], 2)
        // The system DaemonSets keep their hand-kept counts.
        let fluentbit = try cluster.api.get(type("DaemonSet"), namespace: "kube-system", name: "fluentbit-gke")
        XCTAssertEqual(fluentbit[path: "status", "desiredNumberScheduled"], 2)
    }

    func testImageUpdateRollsOneNodeAtATime() throws {
        try create(daemonSet())
        cluster.advance(by: .seconds(10))
        var ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        XCTAssertEqual(ds.annotations["deprecated.daemonset.template.generation"], "1")
        ds[path: "spec", "template", "spec", "containers"] = [["name": "agent", "image": "busybox:1.37", "command": ["sh", "-c", "sleep 3600"]]]
        _ = try cluster.api.update(type("DaemonSet"), ds, namespace: "default")
        cluster.settle()
        ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        XCTAssertEqual(ds.annotations["deprecated.daemonset.template.generation"], "2")
        var worst = 3
        for _ in 0..<120 {
            cluster.advance(by: .seconds(1))
            let available = live().filter { PodUtil.isReady($0) }.count
            worst = min(worst, available)
        }
        XCTAssertEqual(worst, 2, "maxUnavailable 1: never more than one node without a ready pod")
        XCTAssertEqual(live().count, 3)
        XCTAssertTrue(live().allSatisfy { $0.labels["pod-template-generation"] == "2" })
        XCTAssertTrue(live().allSatisfy { image($0) == "busybox:1.37" })
        let s = try status()
        XCTAssertEqual(s["updatedNumberScheduled"], 3)
        XCTAssertEqual(s["numberAvailable"], 3)
        XCTAssertEqual(s["observedGeneration"], 2)
        // One ControllerRevision per template, the newest holding the pods' hash.
        let revisions = WorkloadHistory.revisions(of: ds, in: cluster.api.list(type("ControllerRevision"), namespace: "default"))
        XCTAssertEqual(revisions.map(WorkloadHistory.number), [1, 2])
        let hash = live()[0].labels["controller-revision-hash"] ?? ""
        XCTAssertEqual(revisions.last?.metadataName, "agent-\(hash)")
        XCTAssertEqual(WorkloadHistory.template(of: revisions[1])?[path: "spec", "containers"]?[0]?["image"], "busybox:1.37")

        // Going back to the first template renumbers its revision instead of adding one.
        ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        ds[path: "spec", "template"] = WorkloadHistory.template(of: revisions[0])
        _ = try cluster.api.update(type("DaemonSet"), ds, namespace: "default")
        cluster.advance(by: .seconds(120))
        let after = WorkloadHistory.revisions(of: ds, in: cluster.api.list(type("ControllerRevision"), namespace: "default"))
        XCTAssertEqual(after.map(\.metadataName), [revisions[1].metadataName, revisions[0].metadataName])
        XCTAssertEqual(after.map(WorkloadHistory.number), [2, 3])
        XCTAssertTrue(live().allSatisfy { image($0) == "busybox:1.36" && $0.labels["pod-template-generation"] == "3" })
    }

    func testSurgeStartsTheNewPodBeforeTheOldOneGoes() throws {
        try create(daemonSet())
        var ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        ds[path: "spec", "updateStrategy"] = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]]
        _ = try cluster.api.update(type("DaemonSet"), ds, namespace: "default")
        cluster.advance(by: .seconds(10))
        ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        ds[path: "spec", "template", "spec", "containers"] = [["name": "agent", "image": "busybox:1.37", "command": ["sh", "-c", "sleep 3600"]]]
        _ = try cluster.api.update(type("DaemonSet"), ds, namespace: "default")
        cluster.settle()
        var minReady = 3, maxLive = 3
        for _ in 0..<120 {
            cluster.advance(by: .seconds(1))
            minReady = min(minReady, live().filter { PodUtil.isReady($0) }.count)
            maxLive = max(maxLive, live().count)
        }
        XCTAssertEqual(minReady, 3, "maxUnavailable 0: every node keeps a ready pod")
        XCTAssertEqual(maxLive, 4, "maxSurge 1: one extra pod at a time")
        XCTAssertEqual(live().count, 3)
        XCTAssertTrue(live().allSatisfy { image($0) == "busybox:1.37" })
        XCTAssertEqual(live().compactMap { $0[path: "spec", "nodeName"]?.stringValue }.sorted(), nodeNames)
        XCTAssertEqual(try status()["updatedNumberScheduled"], 3)
    }

    func testOnDeleteWaitsForTheLearner() throws {
        try create(daemonSet(spec: [:]))
        var ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        ds[path: "spec", "updateStrategy"] = ["type": "OnDelete"]
        _ = try cluster.api.update(type("DaemonSet"), ds, namespace: "default")
        cluster.advance(by: .seconds(10))
        ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        ds[path: "spec", "template", "spec", "containers"] = [["name": "agent", "image": "busybox:1.37", "command": ["sh", "-c", "sleep 3600"]]]
        _ = try cluster.api.update(type("DaemonSet"), ds, namespace: "default")
        cluster.advance(by: .seconds(30))
        XCTAssertTrue(live().allSatisfy { image($0) == "busybox:1.36" })
        XCTAssertNil(try status()["updatedNumberScheduled"])
        _ = try cluster.api.delete(type("Pod"), namespace: "default", name: live()[0].metadataName)
        cluster.advance(by: .seconds(10))
        XCTAssertEqual(live().filter { image($0) == "busybox:1.37" }.count, 1)
        XCTAssertEqual(try status()["updatedNumberScheduled"], 1)
    }

    func testRelabelledPodIsReleasedAndOrphansAreAdopted() throws {
        try create(daemonSet())
        cluster.advance(by: .seconds(10))
        let first = live().sorted { $0.metadataName < $1.metadataName }[0]
        // Taking a pod out of the selector releases it: it keeps running alone, and its node gets a new one.
        _ = cluster.api.mutate(type("Pod"), ObjectKey(namespace: "default", name: first.metadataName)) {
            $0[path: "metadata", "labels", "app"] = "debug"
        }
        cluster.advance(by: .seconds(5))
        let released = try cluster.api.get(type("Pod"), namespace: "default", name: first.metadataName)
        XCTAssertTrue(released.ownerReferences.isEmpty)
        XCTAssertEqual(live().count, 3)
        XCTAssertEqual(live().compactMap { $0[path: "spec", "nodeName"]?.stringValue }.sorted(), nodeNames)

        // Deleted with --cascade=orphan and created again, the DaemonSet adopts its old pods instead of making new ones.
        _ = try cluster.api.delete(type("DaemonSet"), namespace: "default", name: "agent", propagation: .orphan)
        cluster.advance(by: .seconds(5))
        let kept = live().map(\.metadataName).sorted()
        XCTAssertEqual(kept.count, 3)
        XCTAssertTrue(live().allSatisfy { $0.ownerReferences.isEmpty })
        try create(daemonSet())
        cluster.advance(by: .seconds(5))
        XCTAssertEqual(live().map(\.metadataName).sorted(), kept)
        let ds = try cluster.api.get(type("DaemonSet"), namespace: "default", name: "agent")
        XCTAssertTrue(live().allSatisfy { $0.ownerReferences.first?["uid"]?.stringValue == ds.uid })
        XCTAssertEqual(try status()["numberReady"], 3)
    }

    /// The bootstrap DaemonSets are not this controller's: a fresh cluster's kube-system pods stay as they were built.
    func testSystemDaemonSetsAreLeftAlone() throws {
        let before = cluster.api.list(type("Pod"), namespace: "kube-system").map(\.metadataName).sorted()
        cluster.advance(by: .seconds(30))
        XCTAssertEqual(cluster.api.list(type("Pod"), namespace: "kube-system").map(\.metadataName).sorted(), before)
        let events = cluster.api.list(type("Event"), namespace: "kube-system").filter { $0["source"]?["component"]?.stringValue == "daemonset-controller" }
        XCTAssertEqual(events.count, 0)
    }
}
