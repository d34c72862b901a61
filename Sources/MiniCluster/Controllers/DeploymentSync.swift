// One Deployment sync: the Deployment and its ReplicaSets as this sync sees them, kept current after each of
// its own writes, and the steps shared by the strategies (new ReplicaSet, scaling, status, clean-up).

final class DeploymentSync {
    typealias U = DeploymentUtil
    let c: DeploymentController
    var d: Value
    /// Every ReplicaSet the Deployment controls.
    var rss: [Value]
    var now: Timestamp { c.api.clock.now }

    init(_ c: DeploymentController, _ d: Value, _ rss: [Value]) {
        self.c = c
        self.d = d
        self.rss = rss
    }

    var key: ObjectKey { ObjectKey(namespace: d.metadataNamespace ?? "", name: d.metadataName) }

    private func replace(_ rs: Value) {
        if let i = rss.firstIndex(where: { $0.uid == rs.uid }) { rss[i] = rs } else { rss.append(rs) }
    }

    /// The ReplicaSet whose template is the Deployment's (ignoring the hash label), oldest first.
    func findNew() -> Value? {
        let want = c.templates.withoutHash(d[path: "spec", "template"])
        return U.byCreation(rss).first { c.templates.withoutHash($0[path: "spec", "template"]) == want }
    }

    /// Writes the Deployment's revision annotation and status as they stand in `d` (the status subresource
    /// may change annotations too).
    func writeDeployment() {
        let ann = d[path: "metadata", "annotations"], status = d["status"]
        if let stored = c.api.mutate(c.dType, key, { o in
            o[path: "metadata", "annotations"] = ann
            o["status"] = status
        }) { d = stored }
    }

    /// getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked and missing) and the old ones.
    func allAndSyncRevision(create: Bool) -> (new: Value?, old: [Value]) {
        let new = newReplicaSet(create: create)
        return (new, rss.filter { $0.uid != new?.uid })
    }

    private func setDeploymentRevision(_ r: String) -> Bool {
        guard d.annotations[WorkloadKeys.revision] != r else { return false }
        d[path: "metadata", "annotations", WorkloadKeys.revision] = .string(r)
        return true
    }

    private func newReplicaSet(create: Bool) -> Value? {
        let existing = findNew()
        let maxOld = rss.filter { $0.uid != existing?.uid }.map(U.revision).max() ?? 0
        let newRevision = maxOld + 1
        if var rs = existing {
            let annotationsChanged = U.setNewReplicaSetAnnotations(d, &rs, newRevision: newRevision, exists: true)
            let minReady = d[path: "spec", "minReadySeconds"]?.intValue ?? 0
            if annotationsChanged || (rs[path: "spec", "minReadySeconds"]?.intValue ?? 0) != minReady {
                rs[path: "spec", "minReadySeconds"] = minReady == 0 ? nil : .int(minReady)
                if let updated = try? c.api.update(c.rsType, rs, namespace: rs.metadataNamespace, strict: false) { rs = updated; replace(rs) }
            }
            var needsUpdate = setDeploymentRevision(rs.annotations[WorkloadKeys.revision] ?? "")
            if U.hasProgressDeadline(d), U.condition(d["status"] ?? .emptyObject, "Progressing") == nil {
                var st = d["status"] ?? .emptyObject
                U.setCondition(&st, U.newCondition("Progressing", "True", "FoundNewReplicaSet",
                                                   "Found new replica set \(goQuote(rs.metadataName))", now: now))
                d["status"] = st
                needsUpdate = true
            }
            if needsUpdate { writeDeployment() }
            return rs
        }
        guard create else { return nil }
        return createNewReplicaSet(revision: newRevision)
    }

    private func createNewReplicaSet(revision: Int) -> Value? {
        let template = d[path: "spec", "template"] ?? .emptyObject
        let hash = TemplateHash.compute(template, collisionCount: d[path: "status", "collisionCount"]?.intValue)
        var newTemplate = template
        newTemplate[path: "metadata", "labels", WorkloadKeys.podTemplateHash] = .string(hash)
        var selector = d[path: "spec", "selector"] ?? .emptyObject
        selector[path: "matchLabels", WorkloadKeys.podTemplateHash] = .string(hash)
        let name = "\(d.metadataName)-\(hash)"
        var rs: Value = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string(name), "namespace": .string(d.metadataNamespace ?? "default"),
                         "labels": newTemplate[path: "metadata", "labels"] ?? .emptyObject,
                         "ownerReferences": [OwnerRefs.reference(to: d)]],
            "spec": ["replicas": 0, "selector": selector, "template": newTemplate],
        ]
        if let m = d[path: "spec", "minReadySeconds"]?.intValue, m != 0 { rs[path: "spec", "minReadySeconds"] = .int(m) }
        let count = U.newRSNewReplicas(d, all: rss + [rs], new: rs)
        rs[path: "spec", "replicas"] = .int(count)
        _ = U.setNewReplicaSetAnnotations(d, &rs, newRevision: revision, exists: false)
        var created: Value
        var alreadyExisted = false
        do {
            created = try c.api.create(c.rsType, rs, namespace: d.metadataNamespace, strict: false)
        } catch let e as APIError where e.reason == .alreadyExists {
            // Ours with the same template (an earlier sync made it): use it. Anyone else's: a hash collision.
            guard let other = try? c.api.get(c.rsType, namespace: d.metadataNamespace, name: name),
                  OwnerRefs.controller(of: other)?["uid"]?.stringValue == d.uid,
                  TemplateHash.withoutHash(other[path: "spec", "template"]) == TemplateHash.withoutHash(template) else {
                d[path: "status", "collisionCount"] = .int((d[path: "status", "collisionCount"]?.intValue ?? 0) + 1)
                writeDeployment()
                return nil
            }
            created = other
            alreadyExisted = true
        } catch {
            let message = (error as? APIError)?.message ?? "\(error)"
            let text = "Failed to create new replica set \(goQuote(name)): \(message)"
            if U.hasProgressDeadline(d) {
                var st = d["status"] ?? .emptyObject
                U.setCondition(&st, U.newCondition("Progressing", "False", "ReplicaSetCreateError", text, now: now))
                d["status"] = st
                writeDeployment()
            }
            c.events.record(d, type: "Warning", reason: "ReplicaSetCreateError", message: text, component: c.name)
            return nil
        }
        replace(created)
        if !alreadyExisted, count > 0 {
            c.events.record(d, reason: "ScalingReplicaSet", message: "Scaled up replica set \(name) to \(count)", component: c.name)
        }
        var needsUpdate = setDeploymentRevision(String(revision))
        if !alreadyExisted, U.hasProgressDeadline(d) {
            var st = d["status"] ?? .emptyObject
            U.setCondition(&st, U.newCondition("Progressing", "True", "NewReplicaSetCreated",
                                               "Created new replica set \(goQuote(name))", now: now))
            d["status"] = st
            needsUpdate = true
        }
        if needsUpdate { writeDeployment() }
        return created
    }

    /// Scales one ReplicaSet, refreshing its replica annotations; records `ScalingReplicaSet` when the size changed.
    @discardableResult
    func scale(_ rs: Value, to n: Int) -> Bool {
        let old = U.replicas(rs)
        var copy = rs
        let annotations = U.setReplicasAnnotations(&copy, desired: U.replicas(d), max: U.replicas(d) + U.maxSurge(d))
        guard old != n || annotations else { return false }
        copy[path: "spec", "replicas"] = .int(n)
        guard let updated = try? c.api.update(c.rsType, copy, namespace: rs.metadataNamespace, strict: false) else { return false }
        replace(updated)
        guard old != n else { return false }
        let op = n > old ? "up" : "down"
        c.events.record(d, reason: "ScalingReplicaSet",
                        message: "Scaled \(op) replica set \(rs.metadataName) to \(n) from \(old)", component: c.name)
        return true
    }

    /// Only a changed size (scaleReplicaSetAndRecordEvent).
    @discardableResult
    func scaleIfNeeded(_ rs: Value, to n: Int) -> Bool {
        U.replicas(rs) == n ? false : scale(rs, to: n)
    }

    func current(_ rs: Value?) -> Value? { rs.flatMap { r in rss.first { $0.uid == r.uid } } }

    // MARK: status

    func syncStatusOnly() {
        let (new, old) = allAndSyncRevision(create: false)
        writeStatusIfChanged(U.calculateStatus(d, all: old + (new.map { [$0] } ?? []), new: new, now: now))
    }

    private func writeStatusIfChanged(_ s: Value) {
        guard s != (d["status"] ?? .emptyObject) else { return }
        d["status"] = s
        writeDeployment()
    }

    /// syncRolloutStatus: counts, Available, and Progressing (progressing, complete or timed out).
    func syncRolloutStatus(new: Value?) {
        let newRS = current(new)
        let all = rss
        var s = U.calculateStatus(d, all: all, new: newRS, now: now)
        let hasDeadline = U.hasProgressDeadline(d)
        if !hasDeadline { U.removeCondition(&s, "Progressing") }
        let cur = U.condition(d["status"] ?? .emptyObject, "Progressing")
        let complete = (s["replicas"]?.intValue ?? 0) == (s["updatedReplicas"]?.intValue ?? 0)
            && cur?["reason"]?.stringValue == "NewReplicaSetAvailable"
        let who = newRS.map { "ReplicaSet \(goQuote($0.metadataName))" } ?? "Deployment \(goQuote(d.metadataName))"
        if hasDeadline, !complete {
            if U.isComplete(d, s) {
                U.setCondition(&s, U.newCondition("Progressing", "True", "NewReplicaSetAvailable", "\(who) has successfully progressed.", now: now))
            } else if U.isProgressing(d, s) {
                var cond = U.newCondition("Progressing", "True", "ReplicaSetUpdated", "\(who) is progressing.", now: now)
                if let cur {
                    if cur["status"]?.stringValue == "True" { cond["lastTransitionTime"] = cur["lastTransitionTime"] }
                    U.removeCondition(&s, "Progressing")
                }
                U.setCondition(&s, cond)
            } else if U.isTimedOut(d, s, now: now) {
                U.setCondition(&s, U.newCondition("Progressing", "False", "ProgressDeadlineExceeded", "\(who) has timed out progressing.", now: now))
            }
        }
        if let failure = all.compactMap({ U.condition($0["status"] ?? .emptyObject, "ReplicaFailure") }).first {
            U.setCondition(&s, failure)
        } else {
            U.removeCondition(&s, "ReplicaFailure")
        }
        if s == (d["status"] ?? .emptyObject) { requeueIfStuck(s); return }
        writeStatusIfChanged(s)
    }

    /// Comes back just after the progress deadline would pass, so a stalled rollout gets reported.
    private func requeueIfStuck(_ s: Value) {
        guard U.hasProgressDeadline(d), let cond = U.condition(s, "Progressing"), !U.isComplete(d, s),
              cond["reason"]?.stringValue != "ProgressDeadlineExceeded",
              let from = cond["lastUpdateTime"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }) else { return }
        let deadline = d[path: "spec", "progressDeadlineSeconds"]?.intValue ?? 600
        let after = (from + .seconds(Int64(deadline))) - now
        c.manager.enqueue("\(key.namespace)/\(key.name)", for: c, after: after < .seconds(1) ? .seconds(1) : after + .seconds(1))
    }

    /// Paused deployments say so in Progressing (Unknown, DeploymentPaused / DeploymentResumed).
    func checkPausedConditions() {
        guard U.hasProgressDeadline(d) else { return }
        let cond = U.condition(d["status"] ?? .emptyObject, "Progressing")
        if cond?["reason"]?.stringValue == "ProgressDeadlineExceeded" { return }
        let pausedNow = d[path: "spec", "paused"]?.boolValue == true
        let pausedCond = cond?["reason"]?.stringValue == "DeploymentPaused"
        var st = d["status"] ?? .emptyObject
        if pausedNow, !pausedCond {
            U.setCondition(&st, U.newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now: now))
        } else if !pausedNow, pausedCond {
            U.setCondition(&st, U.newCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now: now))
        } else { return }
        d["status"] = st
        writeDeployment()
    }

    /// Removes old ReplicaSets beyond revisionHistoryLimit, lowest revisions first, only empty ones.
    func cleanup(old: [Value]) {
        guard let limit = d[path: "spec", "revisionHistoryLimit"]?.intValue else { return }
        let alive = old.compactMap(current).filter { $0.deletionTimestamp == nil }
        let diff = alive.count - limit
        guard diff > 0 else { return }
        let sorted = alive.sorted { (U.revision($0), $0.creationTimestamp?.ms ?? 0, $0.metadataName) < (U.revision($1), $1.creationTimestamp?.ms ?? 0, $1.metadataName) }
        for rs in sorted.prefix(diff) {
            if U.statusInt(rs, "replicas") != 0 || U.replicas(rs) != 0 { continue }
            if (rs[path: "metadata", "generation"]?.intValue ?? 0) > U.statusInt(rs, "observedGeneration") { continue }
            _ = try? c.api.delete(c.rsType, namespace: rs.metadataNamespace, name: rs.metadataName)
            rss.removeAll { $0.uid == rs.uid }
        }
    }
}
