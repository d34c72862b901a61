// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): deletes a pod unless that would
// break its PodDisruptionBudget, which it answers with 429 TooManyRequests so clients (kubectl drain) retry.

extension APIServer {
    /// Evicts one pod: pods that are not running yet, finished or already going are deleted at once; otherwise the
    /// one budget selecting the pod must allow a disruption, which this takes from it.
    @discardableResult
    public func evict(namespace: String, name: String, gracePeriod: Int? = nil, dryRun: Bool = false) throws -> Value {
        let podType = registry.lookup(kind: "Pod")!, pdbType = registry.lookup(kind: "PodDisruptionBudget")!
        let pod = try get(podType, namespace: namespace, name: name)
        let phase = pod[path: "status", "phase"]?.stringValue ?? "Pending"
        if ["Succeeded", "Failed", "Pending"].contains(phase) || pod.deletionTimestamp != nil {
            return try delete(podType, namespace: namespace, name: name, gracePeriod: gracePeriod, dryRun: dryRun)
        }
        let budgets = list(pdbType, namespace: namespace).filter {
            let selector = DisruptionController.selector($0)
            return !selector.isEmpty && selector.matches(pod.labels)
        }
        if budgets.count > 1 {
            throw APIError(reason: .internalError, code: 500,
                           message: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
        }
        if let pdb = budgets.first, !Self.unhealthyMayGo(pod, pdb) {
            try takeDisruption(pdb, pdbType, pod: name, dryRun: dryRun)
        }
        if !dryRun {
            var status = pod["status"] ?? .emptyObject
            var conditions = (status["conditions"]?.arrayValue ?? []).filter { $0["type"]?.stringValue != "DisruptionTarget" }
            conditions.append(["type": "DisruptionTarget", "status": "True", "reason": "EvictionByEvictionAPI",
                               "message": "Eviction API: evicting", "lastProbeTime": .null,
                               "lastTransitionTime": .string(clock.now.rfc3339)])
            status["conditions"] = .array(conditions)
            _ = try? updateStatus(podType, namespace: namespace, name: name, status: status)
        }
        return try delete(podType, namespace: namespace, name: name, gracePeriod: gracePeriod, dryRun: dryRun)
    }

    /// A pod that is not ready does not count as healthy, so it may go when the budget is met anyway (or always,
    /// with `unhealthyPodEvictionPolicy: AlwaysAllow`).
    private static func unhealthyMayGo(_ pod: Value, _ pdb: Value) -> Bool {
        guard !PodUtil.isReady(pod) else { return false }
        if pdb[path: "spec", "unhealthyPodEvictionPolicy"]?.stringValue == "AlwaysAllow" { return true }
        let current = pdb[path: "status", "currentHealthy"]?.intValue ?? 0
        let desired = pdb[path: "status", "desiredHealthy"]?.intValue ?? 0
        return current >= desired && desired > 0
    }

    /// `checkAndDecrement`: one disruption fewer, and the pod noted as on its way out.
    private func takeDisruption(_ pdb: Value, _ pdbType: ResourceType, pod: String, dryRun: Bool) throws {
        let budget = "Cannot evict pod as it would violate the pod's disruption budget."
        let observed = pdb[path: "status", "observedGeneration"]?.intValue ?? 0
        if observed < (pdb[path: "metadata", "generation"]?.intValue ?? 1) {
            throw APIError(reason: .tooManyRequests, code: 429, message: budget)
        }
        let allowed = pdb[path: "status", "disruptionsAllowed"]?.intValue ?? 0
        if allowed == 0 { throw APIError(reason: .tooManyRequests, code: 429, message: budget) }
        if dryRun { return }
        var status = pdb["status"] ?? .emptyObject
        status["disruptionsAllowed"] = .int(allowed - 1)
        if allowed - 1 == 0 { DisruptionController.setAllowedCondition(&status, now: clock.now) }
        var disrupted = status["disruptedPods"]?.objectValue ?? [:]
        disrupted[pod] = .string(clock.now.rfc3339)
        status["disruptedPods"] = .object(disrupted)
        _ = try updateStatus(pdbType, namespace: pdb.metadataNamespace, name: pdb.metadataName, status: status)
    }
}
