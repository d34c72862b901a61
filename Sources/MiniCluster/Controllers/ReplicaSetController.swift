// The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods matching the
// selector, adopting orphans and releasing pods that stop matching, and reports status. Pods are found through
// an owner index kept from store events (ReplicaSetPodIndex), which also keeps the counts status reports, so a
// sync costs O(pods that changed), not O(pods of that ReplicaSet): a 10,000-replica set syncs at every instant
// one of its pods changes.

public final class ReplicaSetController: Controller {
    public let name = "replicaset-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let rsType: ResourceType
    let podType: ResourceType
    /// Most pods created or deleted in one sync (kube-controller-manager's burstReplicas).
    public var burst = 500
    /// Pods by the uid of their controller with the counts status needs, and pods without a controller.
    let index = ReplicaSetPodIndex()

    private var hot = HotLoopGuard()
    /// The pod `createPod` built last and the ReplicaSet it built it from, held so that its storage stays its own.
    private var lastPod: (rs: Value, pod: Value)?

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        rsType = api.registry.lookup(kind: "ReplicaSet")!
        podType = api.registry.lookup(kind: "Pod")!
    }

    public var watchedResources: [ResourceType]? { [rsType, podType] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == rsType {
            if e.type == .deleted { index.forget(e.object.uid) }
            return [e.objectKey]
        }
        guard e.resource == podType else { return [] }
        let k = e.key
        let ns = k.namespace
        // Each object's controller reference is read once, for the index and for the keys; the pods of one
        // ReplicaSet share their stored references, which the memo compares instead of reading them again.
        let (newRefs, newRead) = manager.podOwner(e)
        // A status write leaves the references as they were (`WatchEvent.statusOnly`); most other writes leave
        // them the same stored value.
        var sameRefs = false
        let oldRead = e.oldObject.map { old -> ControllerRefMemo.Read in
            if e.statusOnly { sameRefs = true; return newRead }
            let oldRefs = old[path: "metadata", "ownerReferences"]
            if let oldRefs, let newRefs, oldRefs.isIdentical(to: newRefs) { sameRefs = true; return newRead }
            return ControllerRefMemo.Read(oldRefs?.arrayValue ?? [])
        }
        if e.type == .deleted {
            index.update(k, old: e.object, oldOwner: newRead.uid, new: nil, newOwner: nil)
        } else {
            index.update(k, old: e.oldObject, oldOwner: oldRead?.uid, new: e.object, newOwner: newRead.uid,
                         statusOnly: e.statusOnly)
        }
        // The same controller reference before and after (most writes): its key alone, or none.
        if sameRefs, newRead.ref != nil {
            guard newRead.kind == "ReplicaSet", let n = newRead.name else { return [] }
            return [key(ns, n)]
        }
        var out: [String] = []
        func add(_ obj: Value, _ controller: ControllerRefMemo.Read) {
            if controller.ref != nil {
                if controller.kind == "ReplicaSet", let n = controller.name { out.append(key(ns, n)) }
            } else if e.type != .deleted, obj.deletionTimestamp == nil {
                // An orphan: every ReplicaSet that selects it may adopt it.
                for rs in api.list(rsType, namespace: ns) where Self.selector(rs).matches(obj.labels) {
                    out.append("\(ns)/\(rs.metadataName)")
                }
            }
        }
        // The old object's key, then the new one's.
        if let old = e.oldObject, let oldRead { add(old, oldRead) }
        add(e.object, newRead)
        return out
    }

    /// The last ReplicaSet key made from a pod's controller reference: the pods of one ReplicaSet, written one
    /// after another, name the same one, and the key is built once for them.
    private var lastKey: (namespace: String, name: String, key: String)?

    /// `namespace/name`.
    private func key(_ namespace: String, _ name: String) -> String {
        if let k = lastKey, Value.sameBytes(k.name, name), Value.sameBytes(k.namespace, namespace) { return k.key }
        let k = "\(namespace)/\(name)"
        lastKey = (namespace, name, k)
        return k
    }

    static func selector(_ rs: Value) -> LabelSelector {
        (try? LabelSelector(object: rs[path: "spec", "selector"])) ?? .nothing
    }

    public func sync(_ key: String) {
        guard hot.allow(key, now: api.clock.now) else { manager.enqueue(key, for: self, after: .seconds(1)); return }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let rs = try? api.get(rsType, namespace: parts[0], name: parts[1]) else { return }
        let pods = claimPods(rs)
        // Status reports the pods as they were before this sync created or deleted any.
        let minReady = rs[path: "spec", "minReadySeconds"]?.intValue ?? 0, now = api.clock.now
        let counts = pods.counts(minReadySeconds: minReady, now: now)
        let pending = pods.availableLater(minReadySeconds: minReady, now: now)
        var failure: String?
        if rs.deletionTimestamp == nil { failure = manageReplicas(active: counts.active, keys: pods.activeKeys, rs) }
        writeStatus(rs, counts: counts, availableLater: pending, failure: failure)
    }

    /// The pods this ReplicaSet controls after adopting matching orphans and releasing owned pods that no
    /// longer match (ClaimPods).
    func claimPods(_ rs: Value) -> ReplicaSetPodIndex.Owned {
        let ns = rs.metadataNamespace ?? ""
        let sel = Self.selector(rs)
        let owned = index.owned(by: rs.uid, basis: .init(rs, selector: sel))
        for k in owned.mismatched.sorted() {
            api.mutate(podType, k) { p in
                let rest = p.ownerReferences.filter { $0["uid"]?.stringValue != rs.uid }
                p[path: "metadata", "ownerReferences"] = rest.isEmpty ? nil : .array(rest)
            }
        }
        guard rs.deletionTimestamp == nil, !sel.isEmpty else { return owned }
        for k in index.orphans(in: ns).sorted() {
            guard let pod = api.store.get(podType, k), pod.deletionTimestamp == nil, sel.matches(pod.labels) else { continue }
            api.mutate(podType, k) { p in
                p[path: "metadata", "ownerReferences"] = .array(p.ownerReferences + [OwnerRefs.reference(to: rs)])
            }
        }
        return owned
    }

    /// Creates or deletes pods toward `spec.replicas`; returns the create error, if one stopped it.
    func manageReplicas(active count: Int, keys: () -> [ObjectKey], _ rs: Value) -> String? {
        let want = rs[path: "spec", "replicas"]?.intValue ?? 1
        let diff = count - want
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
            let active = keys().compactMap { api.store.get(podType, $0) }
            let ranked = PodDeletionRank.sorted(active, now: api.clock.now, relatedPods: active)
            for pod in ranked.prefix(min(diff, burst)) {
                guard (try? api.delete(podType, namespace: pod.metadataNamespace, name: pod.metadataName)) != nil else { continue }
                events.record(rs, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.metadataName)", component: name)
            }
        }
        return nil
    }

    private func createPod(_ rs: Value) -> String? {
        // A sync creates its pods from one ReplicaSet value: while that very value (its storage, not an equal
        // copy) comes back, so does the same pod, shared rather than built again (and its owner reference
        // then shares storage too, which the owner-reference check that last passed compares at once).
        if let last = lastPod, let id = rs.storageIdentity, id == last.rs.storageIdentity {
            return createPod(rs, last.pod)
        }
        let pod = Self.pod(for: rs)
        lastPod = (rs, pod)
        return createPod(rs, pod)
    }

    /// The pod a ReplicaSet creates (the API server names it from `generateName`).
    static func pod(for rs: Value) -> Value {
        let template = rs[path: "spec", "template"] ?? .emptyObject
        var meta: Value = ["generateName": .string(Self.generateNamePrefix(rs.metadataName)),
                           "namespace": .string(rs.metadataNamespace ?? "default")]
        for f in ["labels", "annotations", "finalizers"] {
            if let v = template[path: "metadata", f], !v.isNull { meta[f] = v }
        }
        meta["ownerReferences"] = [OwnerRefs.reference(to: rs)]
        return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template["spec"] ?? .emptyObject]
    }

    private func createPod(_ rs: Value, _ pod: Value) -> String? {
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
    private func writeStatus(_ rs: Value, counts: ReplicaSetPodIndex.Counts, availableLater: Timestamp?, failure: String?) {
        let now = api.clock.now
        let status = Self.status(rs, counts: counts, now: now, failure: failure)
        if status != rs["status"] {
            _ = try? api.updateStatus(rsType, namespace: rs.metadataNamespace, name: rs.metadataName, status: status)
        }
        if let at = availableLater { manager.enqueue("\(rs.metadataNamespace ?? "")/\(rs.metadataName)", for: self, after: at - now) }
    }

    /// The status a ReplicaSet reports for its active pods (calculateStatus); zero counts are omitted as the
    /// API omits them, except `replicas`.
    static func status(_ rs: Value, pods: [Value], now: Timestamp, failure: String?) -> Value {
        let minReady = rs[path: "spec", "minReadySeconds"]?.intValue ?? 0
        let templateLabels = rs[path: "spec", "template", "metadata", "labels"]?.stringMap ?? [:]
        var c = ReplicaSetPodIndex.Counts()
        c.active = pods.count
        c.fullyLabeled = pods.filter { p in let l = p.labels; return templateLabels.allSatisfy { l[$0.key] == $0.value } }.count
        c.ready = pods.filter(PodUtil.isReady).count
        c.available = pods.filter { PodUtil.isAvailable($0, minReadySeconds: minReady, now: now) }.count
        return status(rs, counts: c, now: now, failure: failure)
    }

    /// The same from counts the index keeps.
    static func status(_ rs: Value, counts c: ReplicaSetPodIndex.Counts, now: Timestamp, failure: String?) -> Value {
        let fully = c.fullyLabeled, ready = c.ready, available = c.available
        var s: Value = ["replicas": .int(c.active)]
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
