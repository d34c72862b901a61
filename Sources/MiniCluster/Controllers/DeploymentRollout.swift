// The strategies of a Deployment sync (rolling.go, recreate.go, sync.go's scale): one reconcile does at most
// one of scale-up / scale-down, then status; changes of spec.replicas mid-rollout scale proportionally.

extension DeploymentSync {
    func rolloutRolling() {
        let (new, old) = allAndSyncRevision(create: true)
        if let new, reconcileNew(new) { syncRolloutStatus(new: new); return }
        if reconcileOld(old, new: current(new)) { syncRolloutStatus(new: new); return }
        if U.isComplete(d, d["status"] ?? .emptyObject) { cleanup(old: old) }
        syncRolloutStatus(new: new)
    }

    /// Scales the new ReplicaSet up within maxSurge (or down to spec.replicas).
    private func reconcileNew(_ new: Value) -> Bool {
        let want = U.replicas(d), have = U.replicas(new)
        if have == want { return false }
        if have > want { return scaleIfNeeded(new, to: want) }
        return scaleIfNeeded(new, to: U.newRSNewReplicas(d, all: rss, new: new))
    }

    /// Scales old ReplicaSets down as far as maxUnavailable allows, unhealthy replicas first.
    private func reconcileOld(_ oldIn: [Value], new: Value?) -> Bool {
        let old = oldIn.compactMap(current)
        guard U.specSum(old) > 0 else { return false }
        let minAvailable = U.replicas(d) - U.maxUnavailable(d)
        let newUnavailable = new.map { U.replicas($0) - U.statusInt($0, "availableReplicas") } ?? 0
        let maxScaledDown = U.specSum(rss) - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return false }
        var cleaned = 0
        for rs in U.byCreation(old) {
            if cleaned >= maxScaledDown { break }
            let spec = U.replicas(rs), available = U.statusInt(rs, "availableReplicas")
            if spec == 0 || spec == available { continue }
            let n = min(maxScaledDown - cleaned, spec - available)
            if scaleIfNeeded(rs, to: spec - n) { cleaned += n }
        }
        return cleaned + scaleDownOldForRollingUpdate(old) > 0
    }

    private func scaleDownOldForRollingUpdate(_ oldIn: [Value]) -> Int {
        let minAvailable = U.replicas(d) - U.maxUnavailable(d)
        let available = U.statusSum(rss, "availableReplicas")
        guard available > minAvailable else { return 0 }
        let budget = available - minAvailable
        var done = 0
        for rs in U.byCreation(oldIn.compactMap(current)) {
            if done >= budget { break }
            let spec = U.replicas(rs)
            if spec == 0 { continue }
            let n = min(spec, budget - done)
            if scaleIfNeeded(rs, to: spec - n) { done += n }
        }
        return done
    }

    func rolloutRecreate() {
        var (new, old) = allAndSyncRevision(create: false)
        var scaledDown = false
        for rs in U.active(old) where scaleIfNeeded(rs, to: 0) { scaledDown = true }
        if scaledDown { syncRolloutStatus(new: new); return }
        if oldPodsRunning(new: new, old: old) { syncRolloutStatus(new: new); return }
        if new == nil { (new, old) = allAndSyncRevision(create: true) }
        if let n = current(new) { scaleIfNeeded(n, to: U.replicas(d)) }
        if U.isComplete(d, d["status"] ?? .emptyObject) { cleanup(old: old) }
        syncRolloutStatus(new: new)
    }

    private func oldPodsRunning(new: Value?, old: [Value]) -> Bool {
        if U.statusSum(old.compactMap(current), "replicas") > 0 { return true }
        for (uid, pods) in c.podsByReplicaSet(d, rss) where uid != new?.uid {
            if pods.contains(where: { p in
                let phase = p[path: "status", "phase"]?.stringValue ?? ""
                return phase != "Failed" && phase != "Succeeded"
            }) { return true }
        }
        return false
    }

    /// Some active ReplicaSet was sized for another spec.replicas (its desired-replicas annotation differs).
    func isScalingEvent() -> Bool {
        let (new, old) = allAndSyncRevision(create: false)
        for rs in U.active(old + (current(new).map { [$0] } ?? [])) {
            guard let desired = rs.annotations[WorkloadKeys.desiredReplicas].flatMap({ Int($0) }) else { continue }
            if desired != U.replicas(d) { return true }
        }
        return false
    }

    /// `sync`: scaling only (paused Deployments and replica changes), then status.
    func syncScaling() {
        let (new, old) = allAndSyncRevision(create: false)
        scaleAll(new: new, old: old)
        if d[path: "spec", "paused"]?.boolValue == true { cleanup(old: old) }
        let all = rss
        let s = U.calculateStatus(d, all: all, new: current(new), now: now)
        if s != (d["status"] ?? .emptyObject) {
            d["status"] = s
            writeDeployment()
        }
    }

    /// `scale`: one active ReplicaSet takes the whole count; a saturated new one empties the old ones;
    /// otherwise every active ReplicaSet grows or shrinks in proportion, leftovers to the largest.
    private func scaleAll(new newIn: Value?, old oldIn: [Value]) {
        let new = current(newIn), old = oldIn.compactMap(current)
        let want = U.replicas(d)
        if new != nil || !old.isEmpty {
            let newestFirst = U.byCreation(old).reversed()
            let active = U.active(Array(newestFirst) + (new.map { [$0] } ?? []))
            var target: Value?
            if active.count == 1 { target = active[0] }
            if active.isEmpty { target = new ?? newestFirst.first }
            if let target {
                scaleIfNeeded(target, to: want)
                return
            }
        }
        if let new, U.replicas(new) == want, Int(new.annotations[WorkloadKeys.desiredReplicas] ?? "") == want,
           U.statusInt(new, "availableReplicas") == want {
            for rs in U.active(old) { scaleIfNeeded(rs, to: 0) }
            return
        }
        guard U.isRollingUpdate(d) else { return }
        var all = U.active(old + (new.map { [$0] } ?? []))
        let allowed = want > 0 ? want + U.maxSurge(d) : 0
        let toAdd = allowed - U.specSum(all)
        if toAdd > 0 {
            all.sort { (U.replicas($0), $0.creationTimestamp?.ms ?? 0, $0.metadataName) > (U.replicas($1), $1.creationTimestamp?.ms ?? 0, $1.metadataName) }
        } else if toAdd < 0 {
            all.sort { a, b in
                if U.replicas(a) != U.replicas(b) { return U.replicas(a) > U.replicas(b) }
                return (a.creationTimestamp?.ms ?? 0, a.metadataName) < (b.creationTimestamp?.ms ?? 0, b.metadataName)
            }
        }
        var added = 0
        var sizes: [Int] = []
        for rs in all {
            if toAdd != 0 {
                let p = proportion(rs, toAdd: toAdd, added: added)
                sizes.append(U.replicas(rs) + p)
                added += p
            } else {
                sizes.append(U.replicas(rs))
            }
        }
        for (i, rs) in all.enumerated() {
            var size = sizes[i]
            if i == 0, toAdd != 0 { size = max(0, size + toAdd - added) }
            scale(rs, to: size)
        }
    }

    private func proportion(_ rs: Value, toAdd: Int, added: Int) -> Int {
        let n = U.replicas(rs)
        guard n > 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction: Int
        if U.replicas(d) == 0 {
            fraction = -n
        } else {
            let deploymentReplicas = U.replicas(d) + U.maxSurge(d)
            let annotated = Int(rs.annotations[WorkloadKeys.maxReplicas] ?? "") ?? U.statusInt(d, "replicas")
            let size = annotated == 0 ? Double(n) : Double(n * deploymentReplicas) / Double(annotated)
            fraction = Int(size.rounded(.toNearestOrAwayFromZero)) - n
        }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }
}
