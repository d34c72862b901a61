// The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods matching the
// selector, adopting orphans and releasing pods that stop matching, and reports status. Pods are found through
// an owner index kept from store events, so a sync costs O(pods of that ReplicaSet).

public final class ReplicaSetController: Controller {
    public let name = "replicaset-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let rsType: ResourceType
    let podType: ResourceType
    /// Most pods created or deleted in one sync (kube-controller-manager's burstReplicas).
    public var burst = 500
    /// Pods by the uid of their controller, and pods without a controller by namespace.
    private var owned: [String: Set<ObjectKey>] = [:]
    private var orphans: [String: Set<ObjectKey>] = [:]

    private var hot = HotLoopGuard()

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        rsType = api.registry.lookup(kind: "ReplicaSet")!
        podType = api.registry.lookup(kind: "Pod")!
    }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == rsType { return [e.objectKey] }
        guard e.resource == podType else { return [] }
        let ns = e.object.metadataNamespace ?? ""
        let k = ObjectKey(namespace: ns, name: e.object.metadataName)
        if let old = e.oldObject { unindex(old, k) }
        if e.type != .deleted { index(e.object, k) }
        var out: [String] = []
        for obj in [e.oldObject, e.object].compactMap({ $0 }) {
            if let ref = OwnerRefs.controller(of: obj) {
                if ref["kind"]?.stringValue == "ReplicaSet", let n = ref["name"]?.stringValue { out.append("\(ns)/\(n)") }
            } else if e.type != .deleted, obj.deletionTimestamp == nil {
                // An orphan: every ReplicaSet that selects it may adopt it.
                for rs in api.list(rsType, namespace: ns) where Self.selector(rs).matches(obj.labels) {
                    out.append("\(ns)/\(rs.metadataName)")
                }
            }
        }
        return out
    }

    private func index(_ pod: Value, _ k: ObjectKey) {
        if let uid = OwnerRefs.controller(of: pod)?["uid"]?.stringValue { owned[uid, default: []].insert(k) }
        else { orphans[k.namespace, default: []].insert(k) }
    }

    private func unindex(_ pod: Value, _ k: ObjectKey) {
        if let uid = OwnerRefs.controller(of: pod)?["uid"]?.stringValue {
            owned[uid]?.remove(k)
            if owned[uid]?.isEmpty == true { owned[uid] = nil }
        } else {
            orphans[k.namespace]?.remove(k)
        }
    }

    static func selector(_ rs: Value) -> LabelSelector {
        (try? LabelSelector(object: rs[path: "spec", "selector"])) ?? .nothing
    }

    public func sync(_ key: String) {
        guard hot.allow(key, now: api.clock.now) else { manager.enqueue(key, for: self, after: .seconds(1)); return }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let rs = try? api.get(rsType, namespace: parts[0], name: parts[1]) else { return }
        let pods = claimPods(rs)
        let active = pods.filter(PodUtil.isActive)
        var failure: String?
        if rs.deletionTimestamp == nil { failure = manageReplicas(active, rs) }
        writeStatus(rs, pods: active, failure: failure)
    }

    /// The pods this ReplicaSet controls after adopting matching orphans and releasing owned pods that no
    /// longer match (ClaimPods).
    func claimPods(_ rs: Value) -> [Value] {
        let ns = rs.metadataNamespace ?? ""
        let sel = Self.selector(rs)
        var out: [Value] = []
        for k in (owned[rs.uid] ?? []).sorted() {
            guard let pod = api.store.get(podType, k) else { continue }
            if sel.matches(pod.labels) || pod.deletionTimestamp != nil { out.append(pod); continue }
            api.mutate(podType, k) { p in
                let rest = p.ownerReferences.filter { $0["uid"]?.stringValue != rs.uid }
                p[path: "metadata", "ownerReferences"] = rest.isEmpty ? nil : .array(rest)
            }
        }
        guard rs.deletionTimestamp == nil, !sel.isEmpty else { return out }
        for k in (orphans[ns] ?? []).sorted() {
            guard let pod = api.store.get(podType, k), pod.deletionTimestamp == nil, sel.matches(pod.labels) else { continue }
            let adopted = api.mutate(podType, k) { p in
                p[path: "metadata", "ownerReferences"] = .array(p.ownerReferences + [OwnerRefs.reference(to: rs)])
            }
            if let adopted { out.append(adopted) }
        }
        return out
    }

    /// Creates or deletes pods toward `spec.replicas`; returns the create error, if one stopped it.
    func manageReplicas(_ active: [Value], _ rs: Value) -> String? {
        let want = rs[path: "spec", "replicas"]?.intValue ?? 1
        let diff = active.count - want
        if diff < 0 {
            // Slow start: batches of 1, 2, 4 … so a failing template costs one error, not hundreds.
            var remaining = min(-diff, burst), batch = 1
            while remaining > 0 {
                for _ in 0..<min(batch, remaining) {
                    if let err = createPod(rs) { return err }
                }
                remaining -= min(batch, remaining)
                batch *= 2
            }
        } else if diff > 0 {
            let ranked = PodDeletionRank.sorted(active, now: api.clock.now, relatedPods: active)
            for pod in ranked.prefix(min(diff, burst)) {
                guard (try? api.delete(podType, namespace: pod.metadataNamespace, name: pod.metadataName)) != nil else { continue }
                events.record(rs, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.metadataName)", component: name)
            }
        }
        return nil
    }

    private func createPod(_ rs: Value) -> String? {
        let template = rs[path: "spec", "template"] ?? .emptyObject
        var meta: Value = ["generateName": .string(Self.generateNamePrefix(rs.metadataName)),
                           "namespace": .string(rs.metadataNamespace ?? "default")]
        for f in ["labels", "annotations", "finalizers"] {
            if let v = template[path: "metadata", f], !v.isNull { meta[f] = v }
        }
        meta["ownerReferences"] = [OwnerRefs.reference(to: rs)]
        let pod: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template["spec"] ?? .emptyObject]
        do {
            let created = try api.create(podType, pod, namespace: rs.metadataNamespace, strict: false)
            events.record(rs, reason: "SuccessfulCreate", message: "Created pod: \(created.metadataName)", component: name)
            return nil
        } catch {
            let message = (error as? APIError)?.message ?? "\(error)"
            events.record(rs, type: "Warning", reason: "FailedCreate", message: "Error creating: \(message)", component: name)
            return message
        }
    }

    /// `<rs>-`, cut so the name with its 5 random characters stays within 63.
    static func generateNamePrefix(_ owner: String) -> String {
        let prefix = owner + "-"
        return prefix.count > 58 ? String(prefix.prefix(58)) : prefix
    }

    /// Writes status when it changed; asks for a resync when a ready pod will become available later.
    private func writeStatus(_ rs: Value, pods: [Value], failure: String?) {
        let now = api.clock.now
        let minReady = rs[path: "spec", "minReadySeconds"]?.intValue ?? 0
        let status = Self.status(rs, pods: pods, now: now, failure: failure)
        if status != rs["status"] {
            _ = try? api.updateStatus(rsType, namespace: rs.metadataNamespace, name: rs.metadataName, status: status)
        }
        guard minReady > 0 else { return }
        let pending = pods.compactMap { p -> Timestamp? in
            guard let since = PodUtil.readySince(p) else { return nil }
            let at = since + .seconds(Int64(minReady))
            return at > now ? at : nil
        }.min()
        if let at = pending { manager.enqueue("\(rs.metadataNamespace ?? "")/\(rs.metadataName)", for: self, after: at - now) }
    }

    /// The status a ReplicaSet reports for its active pods (calculateStatus); zero counts are omitted as the
    /// API omits them, except `replicas`.
    static func status(_ rs: Value, pods: [Value], now: Timestamp, failure: String?) -> Value {
        let minReady = rs[path: "spec", "minReadySeconds"]?.intValue ?? 0
        let templateLabels = rs[path: "spec", "template", "metadata", "labels"]?.stringMap ?? [:]
        let fully = pods.filter { p in let l = p.labels; return templateLabels.allSatisfy { l[$0.key] == $0.value } }.count
        let ready = pods.filter(PodUtil.isReady).count
        let available = pods.filter { PodUtil.isAvailable($0, minReadySeconds: minReady, now: now) }.count
        var s: Value = ["replicas": .int(pods.count)]
        if fully > 0 { s["fullyLabeledReplicas"] = .int(fully) }
        if ready > 0 { s["readyReplicas"] = .int(ready) }
        if available > 0 { s["availableReplicas"] = .int(available) }
        if let g = rs[path: "metadata", "generation"]?.intValue, g > 0 { s["observedGeneration"] = .int(g) }
        var conditions = (rs[path: "status", "conditions"]?.arrayValue ?? []).filter { $0["type"]?.stringValue != "ReplicaFailure" }
        if let failure {
            let old = rs[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "ReplicaFailure" }
            conditions.append(["lastTransitionTime": old?["lastTransitionTime"] ?? .string(now.rfc3339),
                               "message": .string(failure), "reason": "FailedCreate", "status": "True", "type": "ReplicaFailure"])
        }
        if !conditions.isEmpty { s["conditions"] = .array(conditions) }
        return s
    }
}
