// The Deployment controller (pkg/controller/deployment): owns ReplicaSets named `<deployment>-<template hash>`,
// rolls pods from old ReplicaSets to the new one (rolling update or recreate), scales proportionally, keeps
// `revisionHistoryLimit` old ReplicaSets and reports status and conditions. One sync runs a `DeploymentSync`.

public final class DeploymentController: Controller {
    public let name = "deployment-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let dType: ResourceType
    let rsType: ResourceType
    let podType: ResourceType

    private var hot = HotLoopGuard()
    /// Templates without their hash label, for finding the new ReplicaSet at every sync.
    let templates = TemplateHashMemo()

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        dType = api.registry.lookup(kind: "Deployment")!
        rsType = api.registry.lookup(kind: "ReplicaSet")!
        podType = api.registry.lookup(kind: "Pod")!
    }

    public var watchedResources: [ResourceType]? { [dType, rsType, podType] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == dType { return [e.objectKey] }
        // Of a pod, only its deletion can concern a Deployment (below): its other writes are not read at all.
        if e.resource == podType, e.type != .deleted { return [] }
        let ns = e.object.metadataNamespace ?? ""
        if e.resource == rsType {
            var out: [String] = []
            for obj in [e.oldObject, e.object].compactMap({ $0 }) {
                if let ref = OwnerRefs.controller(of: obj) {
                    if ref["kind"]?.stringValue == "Deployment", let n = ref["name"]?.stringValue { out.append("\(ns)/\(n)") }
                } else if e.type != .deleted {
                    for d in api.list(dType, namespace: ns) where Self.selector(d).matches(obj.labels) {
                        out.append("\(ns)/\(d.metadataName)")
                    }
                }
            }
            return out
        }
        // Recreate waits for old pods to be gone: a pod deletion may unblock its Deployment.
        if e.resource == podType, e.type == .deleted, let ref = OwnerRefs.controller(of: e.object),
           ref["kind"]?.stringValue == "ReplicaSet", let rsName = ref["name"]?.stringValue,
           let rs = api.store.get(rsType, ObjectKey(namespace: ns, name: rsName)),
           let dref = OwnerRefs.controller(of: rs), dref["kind"]?.stringValue == "Deployment",
           let dn = dref["name"]?.stringValue {
            return ["\(ns)/\(dn)"]
        }
        return []
    }

    static func selector(_ d: Value) -> LabelSelector {
        (try? LabelSelector(object: d[path: "spec", "selector"])) ?? .nothing
    }

    public func sync(_ key: String) {
        guard hot.allow(key, now: api.clock.now) else { manager.enqueue(key, for: self, after: .seconds(1)); return }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let d = try? api.get(dType, namespace: parts[0], name: parts[1]) else { return }
        if Self.selector(d).isEmpty {
            events.record(d, type: "Warning", reason: "SelectingAll",
                          message: "This deployment is selecting all pods. A non-empty selector is required.", component: name)
            return
        }
        let s = DeploymentSync(self, d, claimReplicaSets(d))
        if d.deletionTimestamp != nil { s.syncStatusOnly(); return }
        s.checkPausedConditions()
        if d[path: "spec", "paused"]?.boolValue == true { s.syncScaling(); return }
        if s.isScalingEvent() { s.syncScaling(); return }
        if DeploymentUtil.isRollingUpdate(d) { s.rolloutRolling() } else { s.rolloutRecreate() }
    }

    /// The ReplicaSets this Deployment controls, after adopting matching orphans and releasing owned ones that
    /// stopped matching (getReplicaSetsForDeployment).
    func claimReplicaSets(_ d: Value) -> [Value] {
        let sel = Self.selector(d)
        var out: [Value] = []
        for rs in api.list(rsType, namespace: d.metadataNamespace) {
            let k = ObjectKey(namespace: rs.metadataNamespace ?? "", name: rs.metadataName)
            if let ref = OwnerRefs.controller(of: rs) {
                guard ref["uid"]?.stringValue == d.uid else { continue }
                if sel.matches(rs.labels) || rs.deletionTimestamp != nil { out.append(rs); continue }
                api.mutate(rsType, k) { o in
                    let rest = o.ownerReferences.filter { $0["uid"]?.stringValue != d.uid }
                    o[path: "metadata", "ownerReferences"] = rest.isEmpty ? nil : .array(rest)
                }
            } else if d.deletionTimestamp == nil, rs.deletionTimestamp == nil, sel.matches(rs.labels) {
                if let adopted = api.mutate(rsType, k, { o in
                    o[path: "metadata", "ownerReferences"] = .array(o.ownerReferences + [OwnerRefs.reference(to: d)])
                }) { out.append(adopted) }
            }
        }
        return out
    }

    /// Pods of the Deployment's ReplicaSets, by ReplicaSet uid (only Recreate needs them).
    func podsByReplicaSet(_ d: Value, _ rss: [Value]) -> [String: [Value]] {
        let uids = Set(rss.map(\.uid))
        var out: [String: [Value]] = [:]
        for p in api.list(podType, namespace: d.metadataNamespace, selector: Self.selector(d)) {
            if let uid = OwnerRefs.controller(of: p)?["uid"]?.stringValue, uids.contains(uid) { out[uid, default: []].append(p) }
        }
        return out
    }
}
