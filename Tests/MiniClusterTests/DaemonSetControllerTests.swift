@testable import MiniCluster
import XCTest

/// The DaemonSet controller: node eligibility, status and rolling-update choices as tables; then the controller on
/// the sandbox's three-node cluster with its real scheduler and kubelets.
final class DaemonSetControllerTests: XCTestCase {
    // MARK: pure parts

    private func node(_ name: String, labels: [String: String] = [:], taints: [Value] = [], unschedulable: Bool = false) -> Value {
        var spec: Value = .emptyObject
        if !taints.isEmpty { spec["taints"] = .array(taints) }
        if unschedulable { spec["unschedulable"] = true }
        return ["metadata": ["name": .string(name), "labels": Value(stringMap: labels)], "spec": spec]
    }

    private func template(nodeSelector: [String: String]? = nil, tolerations: [Value]? = nil, affinity: Value? = nil,
                          hostNetwork: Bool = false) -> Value {
        var spec: Value = ["containers": [["name": "c", "image": "busybox"]]]
        if let nodeSelector { spec["nodeSelector"] = Value(stringMap: nodeSelector) }
        if let tolerations { spec["tolerations"] = .array(tolerations) }
        if let affinity { spec["affinity"] = affinity }
        if hostNetwork { spec["hostNetwork"] = true }
        return ["metadata": ["labels": ["app": "agent"]], "spec": spec]
    }

    func testNodeEligibility() {
        let gpu = node("n", labels: ["pool": "gpu"])
        let dedicated: Value = ["key": "dedicated", "value": "logging", "effect": "NoSchedule"]
        let evict: Value = ["key": "dedicated", "value": "logging", "effect": "NoExecute"]
        let tolerate: Value = ["key": "dedicated", "operator": "Equal", "value": "logging"]
        let zoneB: Value = ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
            ["matchExpressions": [["key": "zone", "operator": "In", "values": ["b"]]]]]]]]
        let cases: [(String, Value, Value, (Bool, Bool))] = [
            ("plain node", template(), node("n"), (true, true)),
            ("selector matches", template(nodeSelector: ["pool": "gpu"]), gpu, (true, true)),
            ("selector misses", template(nodeSelector: ["pool": "gpu"]), node("n"), (false, false)),
            ("affinity misses", template(affinity: zoneB), node("n", labels: ["zone": "a"]), (false, false)),
            ("affinity matches", template(affinity: zoneB), node("n", labels: ["zone": "b"]), (true, true)),
            ("NoSchedule taint keeps new pods away, old ones stay", template(), node("n", taints: [dedicated]), (false, true)),
            ("NoExecute taint evicts", template(), node("n", taints: [evict]), (false, false)),
            ("tolerated taint", template(tolerations: [tolerate]), node("n", taints: [dedicated, evict]), (true, true)),
            ("cordoned node still runs one", template(), node("n", taints: [["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"]],
                                                             unschedulable: true), (true, true)),
            ("not-ready node", template(), node("n", taints: [["key": "node.kubernetes.io/not-ready", "effect": "NoExecute"]]), (true, true)),
            ("network-unavailable: pod network pods wait", template(),
             node("n", taints: [["key": "node.kubernetes.io/network-unavailable", "effect": "NoSchedule"]]), (false, true)),
            ("network-unavailable: host network pods run", template(hostNetwork: true),
             node("n", taints: [["key": "node.kubernetes.io/network-unavailable", "effect": "NoSchedule"]]), (true, true)),
        ]
        for (what, t, n, want) in cases {
            let fit = DaemonSetUtil.fit(t, on: n, tolerations: DaemonSetUtil.tolerations(of: t).map(Toleration.init))
            XCTAssertEqual(fit.shouldRun, want.0, what)
            XCTAssertEqual(fit.shouldContinueRunning, want.1, what)
        }
    }

    func testPodIsPinnedToItsNodeAndToleratesNodeConditions() {
        let ds: Value = ["apiVersion": "apps/v1", "kind": "DaemonSet",
                         "metadata": ["name": "agent", "namespace": "default", "uid": "u1", "generation": 3,
                                      "annotations": ["deprecated.daemonset.template.generation": "2"]],
                         "spec": ["template": template(tolerations: [["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"]])]]
        let pod = DaemonSetUtil.pod(for: ds, node: "node-1", hash: "abc")
        XCTAssertEqual(pod[path: "metadata", "generateName"], "agent-")
        XCTAssertEqual(pod.labels, ["app": "agent", "controller-revision-hash": "abc", "pod-template-generation": "2"])
        XCTAssertEqual(DaemonSetUtil.targetNode(of: pod), "node-1")
        XCTAssertEqual(pod[path: "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"],
                       ["nodeSelectorTerms": [["matchFields": [["key": "metadata.name", "operator": "In", "values": ["node-1"]]]]]])
        let keys = (pod[path: "spec", "tolerations"]?.arrayValue ?? []).map { "\($0["key"]?.stringValue ?? ""):\($0["effect"]?.stringValue ?? "")" }
        XCTAssertEqual(keys, ["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
                              "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
                              "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"])
        XCTAssertEqual(pod.ownerReferences.first?["kind"], "DaemonSet")
    }

    private func pod(_ name: String, hash: String = "new", ready: Bool = true, created: Int = 0, terminating: Bool = false) -> Value {
        var p: Value = ["metadata": ["name": .string(name), "labels": ["controller-revision-hash": .string(hash)],
                                     "creationTimestamp": .string(Timestamp(ms: Int64(created) * 1000).rfc3339)]]
        if terminating { p[path: "metadata", "deletionTimestamp"] = .string(Timestamp(ms: 0).rfc3339) }
        if ready {
            p[path: "status", "conditions"] = [["type": "Ready", "status": "True", "lastTransitionTime": .string(Timestamp(ms: 0).rfc3339)]]
        }
        return p
    }

    func testStatusCountsNodesNotPods() {
        let ds: Value = ["metadata": ["generation": 2], "spec": .emptyObject]
        let now = Timestamp(ms: 100_000)
        typealias N = DaemonSetUtil.NodeState
        let nodes = [
            N(shouldRun: true, pods: [pod("a")]),
            N(shouldRun: true, pods: [pod("b2", hash: "old", created: 5), pod("b1", ready: false, created: 1)]),
            N(shouldRun: true, pods: []),
            N(shouldRun: false, pods: [pod("d", hash: "old")]),
            N(shouldRun: false, pods: []),
        ]
        let s = DaemonSetUtil.status(ds, nodes: nodes, hash: "new", now: now)
        let want: Value = ["currentNumberScheduled": 2, "desiredNumberScheduled": 3, "numberMisscheduled": 1, "numberReady": 1,
                           "numberAvailable": 1, "numberUnavailable": 2, "updatedNumberScheduled": 2, "observedGeneration": 2]
        XCTAssertEqual(s.sortedKeys, want.sortedKeys)
        let empty = DaemonSetUtil.status(ds, nodes: [], hash: "new", now: now)
        let none: Value = ["currentNumberScheduled": 0, "desiredNumberScheduled": 0, "numberMisscheduled": 0, "numberReady": 0,
                           "observedGeneration": 2]
        XCTAssertEqual(empty.sortedKeys, none.sortedKeys)
    }

    func testSurgePlan() {
        let now = Timestamp(ms: 100_000)
        func plan(_ nodes: [(String, [Value], Bool)], surge: Int) -> (delete: [String], create: [String]) {
            let p = DaemonSetUtil.surgePlan(nodes.map { (name: $0.0, pods: $0.1, shouldRun: $0.2) }, hash: "new", generation: nil,
                                            maxSurge: surge, minReadySeconds: 0, now: now)
            return (p.delete.map(\.metadataName), p.create)
        }
        let allOld = [("n1", [pod("a", hash: "old")], true), ("n2", [pod("b", hash: "old")], true), ("n3", [pod("c", hash: "old")], true)]
        XCTAssertEqual(plan(allOld, surge: 1).create, ["n1"])
        XCTAssertEqual(plan(allOld, surge: 2).create, ["n1", "n2"])
        // A surged node waits for its new pod; once it is available the old one goes and the next node may surge.
        let waiting = plan([("n1", [pod("a", hash: "old"), pod("a2", ready: false)], true), ("n2", [pod("b", hash: "old")], true)], surge: 1)
        XCTAssertEqual(waiting.delete, [])
        XCTAssertEqual(waiting.create, [])
        let done = plan([("n1", [pod("a", hash: "old"), pod("a2")], true), ("n2", [pod("b", hash: "old")], true)], surge: 1)
        XCTAssertEqual(done.delete, ["a"])
        XCTAssertEqual(done.create, ["n2"])
        // An unavailable old pod is replaced beyond the budget, or only removed where the node no longer wants one.
        let broken = plan([("n1", [pod("a", hash: "old", ready: false)], true), ("n2", [pod("b", hash: "old", ready: false)], false)], surge: 1)
        XCTAssertEqual(broken.create, ["n1"])
        XCTAssertEqual(broken.delete, ["b"])
    }

    func testRollingUpdateDeletesWithinMaxUnavailable() {
        let now = Timestamp(ms: 100_000)
        func plan(_ nodes: [(String, [Value])], max: Int) -> [String] {
            DaemonSetUtil.oldPodsToDelete(nodes.map { (name: $0.0, pods: $0.1) }, hash: "new", generation: nil,
                                          maxUnavailable: max, minReadySeconds: 0, now: now).map(\.metadataName)
        }
        let allOld = [("n1", [pod("a", hash: "old")]), ("n2", [pod("b", hash: "old")]), ("n3", [pod("c", hash: "old")])]
        XCTAssertEqual(plan(allOld, max: 1), ["a"])
        XCTAssertEqual(plan(allOld, max: 2), ["a", "b"])
        // One node is being replaced (old pod terminating): nothing more until its new pod is available.
        XCTAssertEqual(plan([("n1", [pod("a", hash: "old", terminating: true)]), ("n2", [pod("b", hash: "old")])], max: 1), [])
        XCTAssertEqual(plan([("n1", [pod("a2", ready: false)]), ("n2", [pod("b", hash: "old")])], max: 1), [])
        XCTAssertEqual(plan([("n1", [pod("a2")]), ("n2", [pod("b", hash: "old")])], max: 1), ["b"])
        // An old pod that is not available anyway is replaced at once, beyond the budget.
        XCTAssertEqual(plan([("n1", [pod("a2", ready: false)]), ("n2", [pod("b", hash: "old", ready: false)])], max: 1), ["b"])
        XCTAssertEqual(DaemonSetUtil.maxUnavailable(["spec": ["updateStrategy": ["rollingUpdate": ["maxUnavailable": "50%"]]]], desired: 3), 2)
        XCTAssertEqual(DaemonSetUtil.maxSurge(["spec": ["updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "10%"]]]], desired: 3), 1)
        XCTAssertFalse(DaemonSetUtil.allowsSurge(["spec": ["updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 0]]]]))
        XCTAssertEqual(DaemonSetUtil.maxUnavailable(["spec": ["updateStrategy": ["rollingUpdate": ["maxUnavailable": 0]]]], desired: 3), 1)
    }
}
