// The node lifecycle side of kube-controller-manager: a node whose kubelet stops posting status turns
// Unknown and gets the `unreachable` taints; the taint eviction controller then deletes the pods on it once
// their tolerations (300 s by default) run out. `Cluster.setNodeReady` is the engine's handle for faults.

public final class NodeLifecycle: Controller {
    public let name = "taint-eviction-controller"
    private unowned let api: APIServer
    private unowned let events: EventRecorder
    private unowned let controllers: ControllerManager
    private let podType: ResourceType
    private let nodeType: ResourceType
    /// Nodes carrying NoExecute taints, so pod events on other nodes cost nothing.
    private var tainted: Set<String> = []
    /// When each NoExecute taint without `timeAdded` was first seen (`node|key|effect`): tolerations count from then.
    private var firstSeen: [String: Timestamp] = [:]

    static let unreachable = "node.kubernetes.io/unreachable"
    static let notReady = "node.kubernetes.io/not-ready"

    init(api: APIServer, events: EventRecorder, controllers: ControllerManager) {
        self.api = api
        self.events = events
        self.controllers = controllers
        podType = api.registry.lookup(kind: "Pod")!
        nodeType = api.registry.lookup(kind: "Node")!
    }

    public var watchedResources: [ResourceType]? { [nodeType, podType] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == nodeType {
            let name = e.object.metadataName
            let has = e.type != .deleted && Taint.of(node: e.object).contains { $0.effect == "NoExecute" }
            if has { tainted.insert(name) } else { tainted.remove(name) }
            return has ? [name] : []
        }
        // Without a NoExecute taint on any node no pod is read.
        guard !tainted.isEmpty, e.resource == podType, e.type != .deleted, let node = e.object[path: "spec", "nodeName"]?.stringValue,
              tainted.contains(node) else { return [] }
        return [node]
    }

    public func sync(_ nodeName: String) {
        guard let node = try? api.get(nodeType, namespace: nil, name: nodeName) else { return }
        let taints = Taint.of(node: node).filter { $0.effect == "NoExecute" }
        guard !taints.isEmpty else { return }
        let now = api.clock.now
        let since = taints.map { t -> Timestamp in
            if let added = t.timeAdded.flatMap(Timestamp.init(rfc3339:)) { return added }
            let key = "\(nodeName)|\(t.key)|\(t.effect)"
            if let seen = firstSeen[key] { return seen }
            firstSeen[key] = now
            return now
        }.max() ?? now
        var next: Duration?
        for pod in api.list(podType, namespace: nil) where pod[path: "spec", "nodeName"]?.stringValue == nodeName {
            guard pod.deletionTimestamp == nil else { continue }
            let tolerations = Toleration.of(pod: pod)
            var wait: Int? = nil, forever = true
            var untolerated = false
            for t in taints {
                let using = tolerations.filter { $0.tolerates(t) }
                if using.isEmpty { untolerated = true; break }
                // The shortest tolerationSeconds among the tolerations in use; none set means forever.
                for s in using.compactMap(\.seconds) { wait = min(wait ?? s, max(0, s)); forever = false }
            }
            if !untolerated, forever { continue }
            let due = since + Duration.seconds(Int64(untolerated ? 0 : (wait ?? 0)))
            if untolerated || !(now < due) { evict(pod) } else { next = min(next ?? (due - now), due - now) }
        }
        if let next { controllers.enqueue(nodeName, for: self, after: next) }
    }

    private func evict(_ pod: Value) {
        let ns = pod.metadataNamespace ?? "default"
        var status = pod["status"] ?? .emptyObject
        var conditions = (status["conditions"]?.arrayValue ?? []).filter { $0["type"]?.stringValue != "DisruptionTarget" }
        conditions.append(["type": "DisruptionTarget", "status": "True", "lastProbeTime": nil,
                           "lastTransitionTime": .string(api.clock.now.rfc3339), "reason": "DeletionByTaintManager",
                           "message": "Taint manager: deleting due to NoExecute taint"])
        status["conditions"] = .array(conditions)
        _ = try? api.updateStatus(podType, namespace: ns, name: pod.metadataName, status: status)
        events.record(pod, reason: "TaintManagerEviction", message: "Marking for deletion Pod \(ns)/\(pod.metadataName)",
                      component: name)
        _ = try? api.delete(podType, namespace: ns, name: pod.metadataName)
    }

    /// Marks a node's kubelet as stopped (`ready: false`: conditions Unknown, unreachable taints, its pods not
    /// ready) or as back (`ready: true`).
    func setReady(_ name: String, _ ready: Bool) throws {
        var node = try api.get(nodeType, namespace: nil, name: name)
        let now = Value.string(api.clock.now.rfc3339)
        var conditions = node[path: "status", "conditions"]?.arrayValue ?? []
        let healthy = Dictionary(uniqueKeysWithValues: NodeConditions.healthy.map { ($0.type, $0) })
        for i in conditions.indices {
            guard let type = conditions[i]["type"]?.stringValue, NodeConditions.kubeletOwned.contains(type) else { continue }
            let status = ready ? (healthy[type]?.status ?? "False") : "Unknown"
            if conditions[i]["status"]?.stringValue != status { conditions[i]["lastTransitionTime"] = now }
            conditions[i]["status"] = .string(status)
            conditions[i]["reason"] = .string(ready ? (healthy[type]?.reason ?? "") : "NodeStatusUnknown")
            conditions[i]["message"] = .string(ready ? (healthy[type]?.message ?? "") : "Kubelet stopped posting node status.")
            if ready { conditions[i]["lastHeartbeatTime"] = now }
        }
        var taints = Taint.of(node: node).filter { $0.key != Self.unreachable && $0.key != Self.notReady }
        if !ready {
            taints.append(Taint(key: Self.unreachable, effect: "NoSchedule", timeAdded: now.stringValue))
            taints.append(Taint(key: Self.unreachable, effect: "NoExecute", timeAdded: now.stringValue))
        }
        node[path: "spec", "taints"] = taints.isEmpty ? nil : .array(taints.map(\.value_))
        node = try api.update(nodeType, node, namespace: nil, strict: false)
        var status = node["status"] ?? .emptyObject
        status["conditions"] = .array(conditions)
        node = try api.updateStatus(nodeType, namespace: nil, name: name, status: status)
        if ready {
            events.record(node, reason: "NodeReady", message: "Node \(name) status is now: NodeReady", component: "kubelet", host: name)
            return
        }
        events.record(node, reason: "NodeNotReady", message: "Node \(name) status is now: NodeNotReady", component: "node-controller")
        for pod in api.list(podType, namespace: nil) where pod[path: "spec", "nodeName"]?.stringValue == name {
            var st = pod["status"] ?? .emptyObject
            var conds = st["conditions"]?.arrayValue ?? []
            guard let i = conds.firstIndex(where: { $0["type"]?.stringValue == "Ready" }), conds[i]["status"]?.stringValue != "False" else { continue }
            conds[i]["status"] = "False"
            conds[i]["lastTransitionTime"] = now
            st["conditions"] = .array(conds)
            _ = try? api.updateStatus(podType, namespace: pod.metadataNamespace, name: pod.metadataName, status: st)
            events.record(pod, type: "Warning", reason: "NodeNotReady", message: "Node is not ready", component: "node-controller")
        }
    }
}
