// The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status — how many of
// its pods are healthy, how many must stay healthy, and so how many may be evicted now. The eviction subresource
// (`APIServer.evict`) reads that status and records the pods it lets go in `status.disruptedPods`.
//
// Namespaces without budgets cost nothing: the budgets' selectors are kept from store events, and a pod event
// only queues the budgets of its own namespace that select it.

public final class DisruptionController: Controller {
    public let name = "disruption-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let pdbType: ResourceType
    let podType: ResourceType
    /// Scalable owners whose replica count is the denominator of percentages (the controller's "finders").
    let scaleTypes: [ResourceType]
    /// Each namespace's budgets and their selectors.
    private var budgets: [String: [String: LabelSelector]] = [:]
    /// How long a pod the eviction API let go may stay before it counts as healthy again (DeletionTimeout).
    static let deletionTimeout = Duration.minutes(2)

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        pdbType = api.registry.lookup(kind: "PodDisruptionBudget")!
        podType = api.registry.lookup(kind: "Pod")!
        scaleTypes = ["ReplicaSet", "Deployment", "StatefulSet", "ReplicationController"].compactMap { api.registry.lookup(kind: $0) }
    }

    public var watchedResources: [ResourceType]? { [pdbType, podType] + scaleTypes }

    public func keys(for e: WatchEvent) -> [String] {
        // Without any budget, only a budget's own change can concern this controller.
        if budgets.isEmpty, e.resource != pdbType { return [] }
        let ns = e.object.metadataNamespace ?? ""
        if e.resource == pdbType {
            if e.type == .deleted { budgets[ns]?[e.object.metadataName] = nil }
            else { budgets[ns, default: [:]][e.object.metadataName] = Self.selector(e.object) }
            return [e.objectKey]
        }
        guard let inNamespace = budgets[ns], !inNamespace.isEmpty else { return [] }
        if e.resource == podType {
            let labelSets = [e.oldObject, e.object].compactMap { $0?.labels }
            return inNamespace.filter { _, sel in labelSets.contains { sel.matches($0) } }.keys.sorted().map { "\(ns)/\($0)" }
        }
        if scaleTypes.contains(e.resource) { return inNamespace.keys.sorted().map { "\(ns)/\($0)" } }
        return []
    }

    /// policy/v1: a missing selector selects nothing, `{}` every pod of the namespace.
    static func selector(_ pdb: Value) -> LabelSelector {
        (try? LabelSelector(object: pdb[path: "spec", "selector"])) ?? .nothing
    }

    public func sync(_ key: String) {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let pdb = try? api.get(pdbType, namespace: parts[0], name: parts[1]),
              pdb.deletionTimestamp == nil else { return }
        let pods = api.list(podType, namespace: parts[0], selector: Self.selector(pdb))
        if pods.isEmpty {
            events.record(pdb, reason: "NoPods", message: "No matching pods found", component: "controllermanager")
        }
        let expected: (count: Int, desired: Int, unmanaged: [String])
        do { expected = try expectedPods(pdb, pods) } catch {
            events.record(pdb, type: "Warning", reason: "CalculateExpectedPodCountFailed",
                          message: "Failed to calculate the number of expected pods: \(error.message)", component: "controllermanager")
            failSafe(pdb, message: error.message)
            return
        }
        if !expected.unmanaged.isEmpty {
            events.record(pdb, type: "Warning", reason: "UnmanagedPods", message: "Pods selected by this PodDisruptionBudget "
                + "(selector: \(Self.goSelector(pdb[path: "spec", "selector"]))) were found to be unmanaged. As a result, the status of "
                + "the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please "
                + "set \".spec.minAvailable\" field of the PDB to an integer value.", component: "controllermanager")
        }
        let now = api.clock.now
        let (disrupted, recheck) = disruptedPods(pdb, pods, now: now)
        let healthy = pods.filter { pod in
            guard pod.deletionTimestamp == nil, PodUtil.isReady(pod) else { return false }
            if let at = disrupted[pod.metadataName], at + Self.deletionTimeout > now { return false }
            return true
        }.count
        writeStatus(pdb, healthy: healthy, desired: expected.desired, expected: expected.count, disrupted: disrupted)
        if let recheck { manager.enqueue(key, for: self, after: recheck) }
    }

    struct ScaleError: Error { let message: String }

    /// `getExpectedPodCount`: an integer minAvailable counts the pods; percentages and maxUnavailable count the
    /// replicas their controllers ask for.
    private func expectedPods(_ pdb: Value, _ pods: [Value]) throws(ScaleError) -> (count: Int, desired: Int, unmanaged: [String]) {
        let spec = pdb["spec"] ?? .emptyObject
        if let maxUnavailable = spec["maxUnavailable"], !maxUnavailable.isNull {
            let (count, unmanaged) = try expectedScale(pods)
            let allowed = IntOrPercent.scaled(maxUnavailable, total: count, roundUp: true) ?? 0
            return (count, max(0, count - allowed), unmanaged)
        }
        if let minAvailable = spec["minAvailable"], !minAvailable.isNull {
            if let n = minAvailable.intValue, minAvailable.stringValue == nil { return (pods.count, n, []) }
            let (count, unmanaged) = try expectedScale(pods)
            return (count, IntOrPercent.scaled(minAvailable, total: count, roundUp: true) ?? 0, unmanaged)
        }
        return (0, 0, [])
    }

    /// The sum of the replicas of every controller owning one of `pods` (a Deployment's, not its ReplicaSets').
    private func expectedScale(_ pods: [Value]) throws(ScaleError) -> (Int, [String]) {
        var scales: [String: Int] = [:]
        var unmanaged: [String] = []
        for pod in pods {
            guard let ref = OwnerRefs.controller(of: pod) else { unmanaged.append(pod.metadataName); continue }
            guard let (uid, scale) = scaleOf(ref, namespace: pod.metadataNamespace ?? "") else {
                throw ScaleError(message: "found no controllers for pod \"\(pod.metadataName)\"")
            }
            scales[uid] = scale
        }
        return (scales.values.reduce(0, +), unmanaged)
    }

    private func scaleOf(_ ref: Value, namespace: String) -> (String, Int)? {
        guard let kind = ref["kind"]?.stringValue, let name = ref["name"]?.stringValue,
              let t = scaleTypes.first(where: { $0.kind == kind }),
              let owner = try? api.get(t, namespace: namespace, name: name), owner.uid == ref["uid"]?.stringValue else { return nil }
        if kind == "ReplicaSet", let up = OwnerRefs.controller(of: owner), up["kind"]?.stringValue == "Deployment" {
            return scaleOf(up, namespace: namespace)
        }
        return (owner.uid, owner[path: "spec", "replicas"]?.intValue ?? 1)
    }

    /// `buildDisruptedPodMap`: evicted pods still present and not yet deleted, while their two minutes last.
    private func disruptedPods(_ pdb: Value, _ pods: [Value], now: Timestamp) -> ([String: Timestamp], Duration?) {
        let recorded = pdb[path: "status", "disruptedPods"]?.objectValue ?? [:]
        var result: [String: Timestamp] = [:]
        var recheck: Timestamp?
        for pod in pods where pod.deletionTimestamp == nil {
            guard let at = recorded[pod.metadataName]?.stringValue.flatMap(Timestamp.init(rfc3339:)) else { continue }
            let expectedDeletion = at + Self.deletionTimeout
            if expectedDeletion < now {
                events.record(pod, type: "Warning", reason: "NotDeleted",
                              message: "Pod was expected by PDB \(pdb.metadataNamespace ?? "")/\(pdb.metadataNamespace ?? "") to be deleted but it wasn't",
                              component: "controllermanager")
            } else {
                result[pod.metadataName] = at
                if recheck == nil || expectedDeletion < recheck! { recheck = expectedDeletion }
            }
        }
        return (result, recheck.map { $0 - now })
    }

    private func writeStatus(_ pdb: Value, healthy: Int, desired: Int, expected: Int, disrupted: [String: Timestamp]) {
        let allowed = expected <= 0 ? 0 : max(0, healthy - desired)
        var status = pdb["status"] ?? .emptyObject
        status["currentHealthy"] = .int(healthy)
        status["desiredHealthy"] = .int(desired)
        status["expectedPods"] = .int(expected)
        status["disruptionsAllowed"] = .int(allowed)
        status["observedGeneration"] = .int(pdb[path: "metadata", "generation"]?.intValue ?? 1)
        if disrupted.isEmpty { status.remove(path: ["disruptedPods"]) }
        else {
            var map = Value.emptyObject
            for (pod, at) in disrupted.sorted(by: { $0.key < $1.key }) { map[pod] = .string(at.rfc3339) }
            status["disruptedPods"] = map
        }
        Self.setAllowedCondition(&status, now: api.clock.now)
        guard status != pdb["status"] else { return }
        _ = try? api.updateStatus(pdbType, namespace: pdb.metadataNamespace, name: pdb.metadataName, status: status)
    }

    /// `failSafe`: nothing may be evicted while the budget cannot be computed.
    private func failSafe(_ pdb: Value, message: String) {
        var status = pdb["status"] ?? .emptyObject
        status["disruptionsAllowed"] = 0
        Self.setCondition(&status, allowed: false, reason: "SyncFailed", message: message, now: api.clock.now)
        guard status != pdb["status"] else { return }
        _ = try? api.updateStatus(pdbType, namespace: pdb.metadataNamespace, name: pdb.metadataName, status: status)
    }

    /// `UpdateDisruptionAllowedCondition`: `DisruptionAllowed` True (SufficientPods) or False (InsufficientPods).
    static func setAllowedCondition(_ status: inout Value, now: Timestamp) {
        let allowed = (status["disruptionsAllowed"]?.intValue ?? 0) > 0
        setCondition(&status, allowed: allowed, reason: allowed ? "SufficientPods" : "InsufficientPods", message: "", now: now)
    }

    /// `meta.SetStatusCondition`: the transition time moves only when the status flips.
    static func setCondition(_ status: inout Value, allowed: Bool, reason: String, message: String, now: Timestamp) {
        var conditions = status["conditions"]?.arrayValue ?? []
        let value = allowed ? "True" : "False"
        let i = conditions.firstIndex { $0["type"]?.stringValue == "DisruptionAllowed" }
        var c = i.map { conditions[$0] } ?? ["type": "DisruptionAllowed", "lastTransitionTime": .string(now.rfc3339)]
        if c["status"]?.stringValue != value { c["lastTransitionTime"] = .string(now.rfc3339) }
        c["status"] = .string(value)
        c["reason"] = .string(reason)
        c["message"] = .string(message)
        c["observedGeneration"] = status["observedGeneration"] ?? 0
        if let i { conditions[i] = c } else { conditions.append(c) }
        status["conditions"] = .array(conditions)
    }

    /// A LabelSelector as Go's `%v` of the struct pointer prints it.
    static func goSelector(_ s: Value?) -> String {
        guard let s, !s.isNull else { return "nil" }
        let labels = (s["matchLabels"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value.stringValue ?? "")," }.joined(separator: "")
        let exprs = (s["matchExpressions"]?.arrayValue ?? []).map { e in
            let values = (e["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ")
            return "LabelSelectorRequirement{Key:\(e["key"]?.stringValue ?? ""),Operator:\(e["operator"]?.stringValue ?? ""),Values:[\(values)],},"
        }.joined()
        return "&LabelSelector{MatchLabels:map[string]string{\(labels)},MatchExpressions:[]LabelSelectorRequirement{\(exprs)},}"
    }
}
