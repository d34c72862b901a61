// The pure parts of the DaemonSet controller (pkg/controller/daemon, daemon/util): which nodes a DaemonSet's pod
// belongs on, the pod it creates for a node, which pods are up to date, and the status it reports. Kept apart from
// the controller so that tests can drive them with tables of nodes and pods.

enum DaemonSetUtil {
    /// The tolerations every DaemonSet pod gets (util.AddOrUpdateDaemonPodTolerations), in upstream's order: a
    /// node agent must keep running on a node that is unready, under pressure or cordoned. network-unavailable is
    /// only added for host-network pods, which do not need the pod network.
    static func addedTolerations(hostNetwork: Bool) -> [(key: String, effect: String)] {
        var t: [(key: String, effect: String)] = [
            ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
            ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
            ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
        ]
        if hostNetwork { t.append(("node.kubernetes.io/network-unavailable", "NoSchedule")) }
        return t
    }

    /// The template's tolerations with the DaemonSet ones added (AddOrUpdateTolerationInPodSpec): one with the
    /// same key, operator, value and effect is replaced by the controller's (so a `tolerationSeconds` on it goes),
    /// any other is appended.
    static func tolerations(of template: Value) -> [Value] {
        var out = template[path: "spec", "tolerations"]?.arrayValue ?? []
        let hostNetwork = template[path: "spec", "hostNetwork"]?.boolValue == true
        for (key, effect) in addedTolerations(hostNetwork: hostNetwork) {
            let added: Value = ["effect": .string(effect), "key": .string(key), "operator": "Exists"]
            let same = out.firstIndex {
                $0["key"]?.stringValue == key && $0["effect"]?.stringValue == effect
                    && $0["operator"]?.stringValue == "Exists" && ($0["value"]?.stringValue ?? "").isEmpty
            }
            if let i = same { out[i] = added } else { out.append(added) }
        }
        return out
    }

    /// Whether a pod of this template belongs on the node (NodeShouldRunDaemonPod): the nodeSelector and required
    /// node affinity match, and every NoSchedule/NoExecute taint is tolerated, counting the added tolerations. A
    /// cordoned node still qualifies: the pod tolerates `unschedulable`.
    static func shouldRun(_ template: Value, on node: Value) -> Bool {
        fit(template, on: node, tolerations: tolerations(of: template).map(Toleration.init)).shouldRun
    }

    /// Whether a new pod belongs on the node, and whether a pod already there may stay (NodeShouldRunDaemonPod):
    /// a NoSchedule taint only keeps new pods away, a NoExecute one also evicts.
    static func fit(_ template: Value, on node: Value, tolerations: [Toleration]) -> (shouldRun: Bool, shouldContinueRunning: Bool) {
        guard NodeAffinity.matchesRequired(template, labels: node.labels, nodeName: node.metadataName) else { return (false, false) }
        var run = true, stay = true
        for taint in Taint.of(node: node) where !tolerations.tolerates(taint) {
            if taint.effect == "NoSchedule" { run = false }
            if taint.effect == "NoExecute" { run = false; stay = false }
        }
        return (run, stay)
    }

    /// The template generation the API server keeps in an annotation (see `Workloads.templateGeneration`).
    static func templateGeneration(_ ds: Value) -> Int? {
        ds.annotations["deprecated.daemonset.template.generation"].flatMap { Int($0) }
    }

    /// The node a DaemonSet pod is for: where it is bound, or else the node its `matchFields` pins it to
    /// (util.GetTargetNodeName).
    static func targetNode(of pod: Value) -> String? {
        if let n = pod[path: "spec", "nodeName"]?.stringValue, !n.isEmpty { return n }
        let terms = pod[path: "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                        "nodeSelectorTerms"]?.arrayValue ?? []
        for t in terms {
            for f in t["matchFields"]?.arrayValue ?? [] where f["key"]?.stringValue == "metadata.name" && f["operator"]?.stringValue == "In" {
                if let v = f["values"]?.arrayValue, v.count == 1, let n = v[0].stringValue { return n }
            }
        }
        return nil
    }

    /// The template's hash (controller-revision-hash), as the controller computes it for its ControllerRevisions.
    static func hash(_ ds: Value) -> String {
        TemplateHash.compute(ds[path: "spec", "template"] ?? .emptyObject,
                             collisionCount: ds[path: "status", "collisionCount"]?.intValue)
    }

    /// The pod a DaemonSet creates for a node: the template with the two revision labels, the added tolerations and
    /// a required node affinity that names the node alone (ReplaceDaemonSetPodNodeNameNodeAffinity: the default
    /// scheduler then binds it there, and reports why if it cannot).
    static func pod(for ds: Value, node: String, hash: String) -> Value {
        let template = ds[path: "spec", "template"] ?? .emptyObject
        var labels = template[path: "metadata", "labels"]?.objectValue.map(Value.object) ?? .emptyObject
        labels["controller-revision-hash"] = .string(hash)
        labels["pod-template-generation"] = .string(String(templateGeneration(ds) ?? 1))
        var meta: Value = ["generateName": .string(ReplicaSetController.generateNamePrefix(ds.metadataName)),
                           "namespace": .string(ds.metadataNamespace ?? "default"), "labels": labels]
        for f in ["annotations", "finalizers"] {
            if let v = template[path: "metadata", f], !v.isNull { meta[f] = v }
        }
        meta["ownerReferences"] = [OwnerRefs.reference(to: ds)]
        var spec = template["spec"] ?? .emptyObject
        spec["tolerations"] = .array(tolerations(of: template))
        let pin: Value = ["nodeSelectorTerms": [["matchFields": [["key": "metadata.name", "operator": "In", "values": [.string(node)]]]]]]
        spec[path: "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"] = pin
        return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec]
    }

    /// Whether a pod is of the DaemonSet's current template (util.IsPodUpdated): the same template generation, or
    /// the same revision hash.
    static func isUpdated(_ pod: Value, hash: String, generation: Int?) -> Bool {
        let l = pod.labels
        if let g = generation, l["pod-template-generation"] == String(g) { return true }
        return l["controller-revision-hash"] == hash
    }

    /// Pods oldest first, as upstream picks the one to keep (podByCreationTimestampAndPhase).
    static func oldestFirst(_ pods: [Value]) -> [Value] {
        pods.sorted { a, b in
            let ta = a.creationTimestamp ?? Timestamp(ms: 0), tb = b.creationTimestamp ?? Timestamp(ms: 0)
            if ta != tb { return ta < tb }
            return a.metadataName < b.metadataName
        }
    }

    /// One node as status and the update logic see it.
    struct NodeState {
        var shouldRun: Bool
        /// The DaemonSet's pods targeting the node, terminating ones included.
        var pods: [Value]
    }

    /// The status for these nodes (updateDaemonSetStatus). The counted pod of a node is its oldest; the optional
    /// fields (`updatedNumberScheduled`, `numberAvailable`, `numberUnavailable`) are left out at zero, as the API omits them.
    static func status(_ ds: Value, nodes: [NodeState], hash: String, now: Timestamp) -> Value {
        var desired = 0, current = 0, ready = 0, available = 0, updated = 0, misscheduled = 0
        let minReady = ds[path: "spec", "minReadySeconds"]?.intValue ?? 0
        let generation = templateGeneration(ds)
        for n in nodes {
            let scheduled = !n.pods.isEmpty
            guard n.shouldRun else { if scheduled { misscheduled += 1 }; continue }
            desired += 1
            guard scheduled, let pod = oldestFirst(n.pods).first else { continue }
            current += 1
            if PodUtil.isReady(pod) {
                ready += 1
                if PodUtil.isAvailable(pod, minReadySeconds: minReady, now: now) { available += 1 }
            }
            if isUpdated(pod, hash: hash, generation: generation) { updated += 1 }
        }
        var s = ds["status"] ?? .emptyObject
        s["currentNumberScheduled"] = .int(current)
        s["desiredNumberScheduled"] = .int(desired)
        s["numberMisscheduled"] = .int(misscheduled)
        s["numberReady"] = .int(ready)
        func optional(_ k: String, _ v: Int) { s[k] = v > 0 ? .int(v) : nil }
        optional("updatedNumberScheduled", updated)
        optional("numberAvailable", available)
        optional("numberUnavailable", desired - available)
        if let g = ds[path: "metadata", "generation"]?.intValue { s["observedGeneration"] = .int(g) }
        return s
    }

    /// maxUnavailable of a RollingUpdate strategy against the desired count (percentages round up); at least 1
    /// when maxSurge is 0, as upstream's validation and util.UnavailableCount leave it.
    static func maxUnavailable(_ ds: Value, desired: Int) -> Int {
        let v = ds[path: "spec", "updateStrategy", "rollingUpdate", "maxUnavailable"] ?? .int(1)
        let n = IntOrPercent.scaled(v, total: desired, roundUp: true) ?? 1
        return max(n, 1)
    }

    /// maxSurge of a RollingUpdate strategy against `desired` nodes (percentages round up); 0 for OnDelete.
    static func maxSurge(_ ds: Value, desired: Int) -> Int {
        guard ds[path: "spec", "updateStrategy", "type"]?.stringValue != "OnDelete" else { return 0 }
        return IntOrPercent.scaled(ds[path: "spec", "updateStrategy", "rollingUpdate", "maxSurge"], total: desired, roundUp: true) ?? 0
    }

    /// Whether a node may briefly run a new pod beside its old one (util.AllowsSurge).
    static func allowsSurge(_ ds: Value) -> Bool { maxSurge(ds, desired: 1) > 0 }

    /// A RollingUpdate with maxSurge (the surge branch of rollingUpdate): a new pod is started beside an available
    /// old one on at most maxSurge nodes at a time, and the old pod goes once the new one is available. An old pod
    /// that is not available is replaced at once (or just deleted where the node no longer wants one).
    static func surgePlan(_ nodes: [(name: String, pods: [Value], shouldRun: Bool)], hash: String, generation: Int?,
                          maxSurge: Int, minReadySeconds: Int, now: Timestamp) -> (delete: [Value], create: [String]) {
        var surge = 0
        var delete: [Value] = [], allowed: [String] = [], candidates: [String] = []
        func available(_ p: Value) -> Bool { PodUtil.isAvailable(p, minReadySeconds: minReadySeconds, now: now) }
        for n in nodes.sorted(by: { $0.name < $1.name }) {
            let live = n.pods.filter { $0.deletionTimestamp == nil }
            let new = live.filter { isUpdated($0, hash: hash, generation: generation) }
            let old = live.filter { !isUpdated($0, hash: hash, generation: generation) }
            guard new.count <= 1, old.count <= 1 else { surge += 1; continue }
            switch (old.first, new.first) {
            case (nil, _): continue
            case (let o?, nil):
                if !available(o) {
                    if n.shouldRun { allowed.append(n.name) } else { delete.append(o) }
                } else if surge < maxSurge {
                    candidates.append(n.name)
                }
            case (let o?, let p?):
                if available(p) { delete.append(o) } else { surge += 1 }
            }
        }
        // Candidates surge only as far as the budget left after looking at every node.
        let room = max(0, min(maxSurge - surge, candidates.count))
        return (delete, allowed + candidates.prefix(room))
    }

    /// The old pods a RollingUpdate (maxSurge 0) deletes now (rollingUpdate in update.go): old pods that are not
    /// available go at once; available ones only as far as maxUnavailable leaves room once every node is counted.
    /// A node whose old pod is already terminating counts as unavailable, so the update waits for the replacement.
    static func oldPodsToDelete(_ nodes: [(name: String, pods: [Value])], hash: String, generation: Int?,
                                maxUnavailable: Int, minReadySeconds: Int, now: Timestamp) -> [Value] {
        var unavailable = 0
        var replace: [Value] = [], candidates: [Value] = []
        for n in nodes.sorted(by: { $0.name < $1.name }) {
            let live = n.pods.filter { $0.deletionTimestamp == nil }
            let new = live.filter { isUpdated($0, hash: hash, generation: generation) }
            let old = live.filter { !isUpdated($0, hash: hash, generation: generation) }
            // More than one of either: the manage step cleans the node up first.
            guard new.count <= 1, old.count <= 1 else { unavailable += 1; continue }
            switch (old.first, new.first) {
            case (nil, nil), (.some, .some):
                unavailable += 1
            case (nil, let p?):
                if !PodUtil.isAvailable(p, minReadySeconds: minReadySeconds, now: now) { unavailable += 1 }
            case (let p?, nil):
                if !PodUtil.isAvailable(p, minReadySeconds: minReadySeconds, now: now) {
                    replace.append(p)
                    unavailable += 1
                } else if unavailable < maxUnavailable {
                    candidates.append(p)
                }
            }
        }
        // Available old pods go only as far as the budget left after looking at every node.
        let room = max(0, min(maxUnavailable - unavailable, candidates.count))
        return replace + candidates.prefix(room)
    }
}
