// The StatefulSet controller's pure parts (pkg/controller/statefulset/stateful_set_utils.go and the status and
// update rules of stateful_set_control.go): pods with a stable name and ordinal, their claims, and what the set
// reports.

enum StatefulSetUtil {
    /// `web-2` → 2 for the set `web`; nil for a pod that is not one of its ordinals.
    static func ordinal(of podName: String, set: String) -> Int? {
        guard podName.hasPrefix(set + "-") else { return nil }
        let tail = podName.dropFirst(set.count + 1)
        guard !tail.isEmpty, tail.allSatisfy(\.isASCII), let n = Int(tail), n >= 0, String(n) == tail else { return nil }
        return n
    }

    /// The claim a volume claim template gives one ordinal: `<template>-<set>-<ordinal>`.
    static func claimName(_ template: Value, set: String, ordinal: Int) -> String {
        "\(template.metadataName)-\(set)-\(ordinal)"
    }

    /// The revision hash; the controller always hashes a collision count (0 until a collision), and reports it.
    static func hash(_ set: Value) -> String {
        TemplateHash.compute(set[path: "spec", "template"] ?? .emptyObject,
                             collisionCount: set[path: "status", "collisionCount"]?.intValue ?? 0)
    }

    static func revisionName(_ set: Value, hash: String) -> String { "\(set.metadataName)-\(hash)" }

    /// The pod for one ordinal at a revision (newVersionedStatefulSetPod): the template with the identity labels, its hostname
    /// and subdomain, and each claim template's volume pointing at that ordinal's claim.
    static func pod(_ set: Value, ordinal: Int, revision: String) -> Value {
        let name = "\(set.metadataName)-\(ordinal)"
        let template = set[path: "spec", "template"] ?? .emptyObject
        var labels = template[path: "metadata", "labels"]?.objectValue.map(Value.object) ?? .emptyObject
        labels["controller-revision-hash"] = .string(revision)
        labels["statefulset.kubernetes.io/pod-name"] = .string(name)
        labels["apps.kubernetes.io/pod-index"] = .string(String(ordinal))
        var meta: Value = ["name": .string(name), "namespace": .string(set.metadataNamespace ?? "default"), "labels": labels]
        if let a = template[path: "metadata", "annotations"], !a.isNull { meta["annotations"] = a }
        meta["ownerReferences"] = [OwnerRefs.reference(to: set)]
        var spec = template["spec"] ?? .emptyObject
        spec["hostname"] = .string(name)
        if let svc = set[path: "spec", "serviceName"]?.stringValue, !svc.isEmpty { spec["subdomain"] = .string(svc) }
        var volumes = spec["volumes"]?.arrayValue ?? []
        for t in set[path: "spec", "volumeClaimTemplates"]?.arrayValue ?? [] {
            let v: Value = ["name": .string(t.metadataName),
                            "persistentVolumeClaim": ["claimName": .string(claimName(t, set: set.metadataName, ordinal: ordinal))]]
            if let i = volumes.firstIndex(where: { $0["name"]?.stringValue == t.metadataName }) { volumes[i] = v } else { volumes.append(v) }
        }
        if !volumes.isEmpty { spec["volumes"] = .array(volumes) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec]
    }

    /// The claim a template makes for an ordinal: its labels plus the set's selector labels, its spec.
    static func claim(_ set: Value, template: Value, ordinal: Int) -> Value {
        var labels = template[path: "metadata", "labels"]?.objectValue.map(Value.object) ?? .emptyObject
        for (k, v) in set[path: "spec", "selector", "matchLabels"]?.objectValue ?? [:] { labels[k] = v }
        var meta: Value = ["name": .string(claimName(template, set: set.metadataName, ordinal: ordinal)),
                           "namespace": .string(set.metadataNamespace ?? "default")]
        if labels != .emptyObject { meta["labels"] = labels }
        if let a = template[path: "metadata", "annotations"], !a.isNull { meta["annotations"] = a }
        return ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta, "spec": template["spec"] ?? .emptyObject]
    }

    /// Running and Ready (isRunningAndReady).
    static func isRunningAndReady(_ pod: Value) -> Bool {
        pod[path: "status", "phase"]?.stringValue == "Running" && PodUtil.isReady(pod)
    }

    static func isFinished(_ pod: Value) -> Bool {
        let phase = pod[path: "status", "phase"]?.stringValue
        return phase == "Succeeded" || phase == "Failed"
    }

    /// The status for these pods (by ordinal, condemned ones included).
    static func status(_ set: Value, pods: [Value], current: String, update: String, now: Timestamp) -> Value {
        let minReady = set[path: "spec", "minReadySeconds"]?.intValue ?? 0
        var replicas = 0, ready = 0, available = 0, currentCount = 0, updated = 0
        for p in pods where p.deletionTimestamp == nil {
            replicas += 1
            if isRunningAndReady(p) {
                ready += 1
                if PodUtil.isAvailable(p, minReadySeconds: minReady, now: now) { available += 1 }
            }
            let rev = p.labels["controller-revision-hash"]
            if rev == current { currentCount += 1 }
            if rev == update { updated += 1 }
        }
        var s: Value = ["observedGeneration": .int(set[path: "metadata", "generation"]?.intValue ?? 1),
                        "replicas": .int(replicas), "availableReplicas": .int(available),
                        "currentRevision": .string(current), "updateRevision": .string(update), "collisionCount": 0]
        if ready > 0 { s["readyReplicas"] = .int(ready) }
        if currentCount > 0 { s["currentReplicas"] = .int(currentCount) }
        if updated > 0 { s["updatedReplicas"] = .int(updated) }
        return s
    }
}
