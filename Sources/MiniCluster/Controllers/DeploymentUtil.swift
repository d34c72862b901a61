// Pure functions of the Deployment controller (deployment/util/deployment_util.go): surge and unavailability
// budgets, revisions, replica annotations, conditions and the status a Deployment reports.

enum DeploymentUtil {
    static func replicas(_ o: Value) -> Int { o[path: "spec", "replicas"]?.intValue ?? 1 }
    static func statusInt(_ o: Value, _ f: String) -> Int { o[path: "status", f]?.intValue ?? 0 }
    static func isRollingUpdate(_ d: Value) -> Bool {
        (d[path: "spec", "strategy", "type"]?.stringValue ?? "RollingUpdate") == "RollingUpdate"
    }

    /// maxSurge rounded up and maxUnavailable rounded down, of `spec.replicas`; both 0 makes unavailable 1.
    static func fenceposts(_ d: Value) -> (surge: Int, unavailable: Int) {
        let n = replicas(d)
        let ru = d[path: "spec", "strategy", "rollingUpdate"]
        let surge = IntOrPercent.scaled(ru?["maxSurge"], total: n, roundUp: true) ?? 0
        var unavailable = IntOrPercent.scaled(ru?["maxUnavailable"], total: n, roundUp: false) ?? 0
        if surge == 0, unavailable == 0 { unavailable = 1 }
        return (max(0, surge), max(0, unavailable))
    }

    static func maxSurge(_ d: Value) -> Int { isRollingUpdate(d) ? fenceposts(d).surge : 0 }

    static func maxUnavailable(_ d: Value) -> Int {
        let n = replicas(d)
        guard isRollingUpdate(d), n > 0 else { return 0 }
        return min(fenceposts(d).unavailable, n)
    }

    static func revision(_ rs: Value) -> Int { Int(rs.annotations[WorkloadKeys.revision] ?? "") ?? 0 }

    static func hasProgressDeadline(_ d: Value) -> Bool {
        guard let p = d[path: "spec", "progressDeadlineSeconds"]?.intValue else { return false }
        return p != Int(Int32.max)
    }

    /// Σ spec.replicas, Σ status fields.
    static func specSum(_ rss: [Value]) -> Int { rss.reduce(0) { $0 + replicas($1) } }
    static func statusSum(_ rss: [Value], _ f: String) -> Int { rss.reduce(0) { $0 + statusInt($1, f) } }
    static func active(_ rss: [Value]) -> [Value] { rss.filter { replicas($0) > 0 } }

    /// Oldest first; ties by name (ReplicaSetsByCreationTimestamp).
    static func byCreation(_ rss: [Value]) -> [Value] {
        rss.sorted { ($0.creationTimestamp?.ms ?? 0, $0.metadataName) < ($1.creationTimestamp?.ms ?? 0, $1.metadataName) }
    }

    /// Sets desired-replicas and max-replicas; returns whether they changed.
    @discardableResult
    static func setReplicasAnnotations(_ rs: inout Value, desired: Int, max: Int) -> Bool {
        var changed = false
        for (k, v) in [(WorkloadKeys.desiredReplicas, desired), (WorkloadKeys.maxReplicas, max)]
        where rs.annotations[k] != String(v) {
            rs[path: "metadata", "annotations", k] = .string(String(v))
            changed = true
        }
        return changed
    }

    /// Annotations a Deployment passes on to its new ReplicaSet (all but kubectl's and the controller's own).
    static let notCopied: Set<String> = [WorkloadKeys.lastApplied, WorkloadKeys.revision, WorkloadKeys.revisionHistory,
                                         WorkloadKeys.desiredReplicas, WorkloadKeys.maxReplicas, "deprecated.deployment.rollback.to"]

    /// SetNewReplicaSetAnnotations: copied annotations, the revision (only ever raised; a raised one that
    /// existed goes to revision-history), and on creation the replica annotations.
    static func setNewReplicaSetAnnotations(_ d: Value, _ rs: inout Value, newRevision: Int, exists: Bool) -> Bool {
        var changed = false
        for (k, v) in d.annotations.sorted(by: { $0.key < $1.key }) where !notCopied.contains(k) && rs.annotations[k] != v {
            rs[path: "metadata", "annotations", k] = .string(v)
            changed = true
        }
        let oldText = rs.annotations[WorkloadKeys.revision]
        let old = oldText.flatMap { Int($0) } ?? 0
        if oldText != nil, !(oldText!.isEmpty), Int(oldText!) == nil { return changed }
        if old < newRevision {
            rs[path: "metadata", "annotations", WorkloadKeys.revision] = .string(String(newRevision))
            changed = true
            if let oldText {
                let history = rs.annotations[WorkloadKeys.revisionHistory] ?? ""
                var list = history.isEmpty ? [] : history.split(separator: ",").map(String.init)
                list.append(oldText)
                while list.joined(separator: ",").count > 2000, !list.isEmpty { list.removeFirst() }
                rs[path: "metadata", "annotations", WorkloadKeys.revisionHistory] = .string(list.joined(separator: ","))
            }
        }
        if !exists, setReplicasAnnotations(&rs, desired: replicas(d), max: replicas(d) + maxSurge(d)) { changed = true }
        return changed
    }

    /// How many replicas the new ReplicaSet may have now (NewRSNewReplicas).
    static func newRSNewReplicas(_ d: Value, all: [Value], new: Value) -> Int {
        let want = replicas(d), current = replicas(new)
        guard isRollingUpdate(d) else { return want }
        let total = specSum(all)
        let maxTotal = want + maxSurge(d)
        if total >= maxTotal { return current }
        return current + min(maxTotal - total, want - current)
    }

    // MARK: conditions

    static func condition(_ status: Value, _ type: String) -> Value? {
        (status["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }
    }

    static func newCondition(_ type: String, _ status: String, _ reason: String, _ message: String, now: Timestamp) -> Value {
        ["type": .string(type), "status": .string(status), "lastUpdateTime": .string(now.rfc3339),
         "lastTransitionTime": .string(now.rfc3339), "reason": .string(reason), "message": .string(message)]
    }

    /// SetDeploymentCondition: same status and reason → unchanged; same status → keeps lastTransitionTime;
    /// the condition moves to the end of the list.
    static func setCondition(_ status: inout Value, _ c: Value) {
        let type = c["type"]?.stringValue ?? ""
        var c = c
        if let cur = condition(status, type) {
            if cur["status"] == c["status"], cur["reason"] == c["reason"] { return }
            if cur["status"] == c["status"] { c["lastTransitionTime"] = cur["lastTransitionTime"] }
        }
        var list = (status["conditions"]?.arrayValue ?? []).filter { $0["type"]?.stringValue != type }
        list.append(c)
        status["conditions"] = .array(list)
    }

    static func removeCondition(_ status: inout Value, _ type: String) {
        guard let list = status["conditions"]?.arrayValue else { return }
        let rest = list.filter { $0["type"]?.stringValue != type }
        status["conditions"] = rest.isEmpty ? nil : .array(rest)
    }

    // MARK: status

    /// calculateStatus: counts over all ReplicaSets and the Available condition (zero counts omitted).
    static func calculateStatus(_ d: Value, all: [Value], new: Value?, now: Timestamp) -> Value {
        let available = statusSum(all, "availableReplicas")
        var s: Value = .emptyObject
        func put(_ k: String, _ v: Int) { if v != 0 { s[k] = .int(v) } }
        put("observedGeneration", d[path: "metadata", "generation"]?.intValue ?? 0)
        put("replicas", statusSum(all, "replicas"))
        put("updatedReplicas", new.map { statusInt($0, "replicas") } ?? 0)
        put("readyReplicas", statusSum(all, "readyReplicas"))
        put("availableReplicas", available)
        put("unavailableReplicas", max(0, specSum(all) - available))
        if let c = d[path: "status", "conditions"], c.arrayValue?.isEmpty == false { s["conditions"] = c }
        if let cc = d[path: "status", "collisionCount"] { s["collisionCount"] = cc }
        if available >= replicas(d) - maxUnavailable(d) {
            setCondition(&s, newCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now: now))
        } else {
            setCondition(&s, newCondition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now: now))
        }
        return s
    }

    /// All replicas updated, present and available, and the spec observed.
    static func isComplete(_ d: Value, _ s: Value) -> Bool {
        let n = replicas(d)
        return (s["updatedReplicas"]?.intValue ?? 0) == n && (s["replicas"]?.intValue ?? 0) == n
            && (s["availableReplicas"]?.intValue ?? 0) == n
            && (s["observedGeneration"]?.intValue ?? 0) >= (d[path: "metadata", "generation"]?.intValue ?? 0)
    }

    /// Some progress since the stored status (more updated, ready or available, fewer old).
    static func isProgressing(_ d: Value, _ s: Value) -> Bool {
        let old = d["status"] ?? .emptyObject
        func i(_ v: Value, _ k: String) -> Int { v[k]?.intValue ?? 0 }
        return i(s, "updatedReplicas") > i(old, "updatedReplicas")
            || i(s, "replicas") - i(s, "updatedReplicas") < i(old, "replicas") - i(old, "updatedReplicas")
            || i(s, "readyReplicas") > i(old, "readyReplicas")
            || i(s, "availableReplicas") > i(old, "availableReplicas")
    }

    /// The Progressing condition has not moved for progressDeadlineSeconds.
    static func isTimedOut(_ d: Value, _ s: Value, now: Timestamp) -> Bool {
        guard hasProgressDeadline(d), let c = condition(s, "Progressing") else { return false }
        let reason = c["reason"]?.stringValue
        if reason == "NewReplicaSetAvailable" { return false }
        if reason == "ProgressDeadlineExceeded" { return true }
        guard let from = c["lastUpdateTime"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }) else { return false }
        let deadline = d[path: "spec", "progressDeadlineSeconds"]?.intValue ?? 600
        return from + .seconds(Int64(deadline)) < now
    }
}
