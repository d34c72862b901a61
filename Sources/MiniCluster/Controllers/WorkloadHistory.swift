// A DaemonSet's or StatefulSet's revisions (constructHistory and cleanupHistory in pkg/controller/daemon/update.go
// and pkg/controller/history): one ControllerRevision per template it has had, named `<owner>-<hash>`, holding a
// patch that puts that template back. `kubectl rollout history` lists them and `rollout undo` applies one.

extension WorkloadHistory {
    /// Makes sure the current template has a revision with the highest number (a template seen before gets its
    /// old revision renumbered, as after an undo); returns the DaemonSet's revisions, oldest first.
    @discardableResult
    static func construct(_ api: APIServer, _ ds: Value, hash: String) -> [Value] {
        guard let crType = api.registry.lookup(kind: "ControllerRevision") else { return [] }
        let ns = ds.metadataNamespace ?? "default"
        let template = ds[path: "spec", "template"] ?? .emptyObject
        var all = WorkloadHistory.revisions(of: ds, in: api.list(crType, namespace: ns))
        let current = all.filter { WorkloadHistory.holds(template, $0) }
        let old = all.filter { !WorkloadHistory.holds(template, $0) }
        let next = (old.map(WorkloadHistory.number).max() ?? 0) + 1
        if let cur = current.first {
            if WorkloadHistory.number(cur) < next {
                var bumped = cur
                bumped["revision"] = .int(next)
                if let written = try? api.update(crType, bumped, namespace: ns) {
                    all = all.map { $0.uid == written.uid ? written : $0 }
                }
            }
        } else if let made = try? api.create(crType, WorkloadHistory.snapshot(ds, hash: hash, revision: next),
                                             namespace: ns, strict: false) {
            all.append(made)
        }
        return all.sorted { WorkloadHistory.number($0) < WorkloadHistory.number($1) }
    }

    /// Deletes the oldest revisions beyond `revisionHistoryLimit`, keeping any a live pod still runs.
    static func cleanup(_ api: APIServer, _ ds: Value, revisions: [Value], liveHashes: Set<String>) {
        guard let crType = api.registry.lookup(kind: "ControllerRevision") else { return }
        let template = ds[path: "spec", "template"] ?? .emptyObject
        let old = revisions.filter { !WorkloadHistory.holds(template, $0) }
        var toKill = old.count - (ds[path: "spec", "revisionHistoryLimit"]?.intValue ?? 10)
        for r in old where toKill > 0 {
            if let h = r.labels["controller-revision-hash"], liveHashes.contains(h) { continue }
            _ = try? api.delete(crType, namespace: r.metadataNamespace, name: r.metadataName)
            toKill -= 1
        }
    }
}

/// ControllerRevisions of DaemonSets and StatefulSets, as their controllers write them and kubectl reads them.
public enum WorkloadHistory {
    /// The revisions the workload controls, oldest first.
    public static func revisions(of ds: Value, in all: [Value]) -> [Value] {
        all.filter { OwnerRefs.controller(of: $0)?["uid"]?.stringValue == ds.uid }.sorted { number($0) < number($1) }
    }

    public static func number(_ revision: Value) -> Int { revision["revision"]?.intValue ?? 0 }

    /// The pod template a revision puts back (its patch without the `$patch: replace` directive).
    public static func template(of revision: Value) -> Value? {
        guard var t = revision[path: "data", "spec", "template"] else { return nil }
        t["$patch"] = nil
        return t
    }

    /// Whether the revision puts back this template (key order aside: writers may order fields differently).
    static func holds(_ template: Value, _ revision: Value) -> Bool {
        guard let t = WorkloadHistory.template(of: revision) else { return false }
        return t == template || t.sortedKeys == template.sortedKeys
    }

    /// A new revision for the workload's current template (snapshot): the template's labels plus the hash, the
    /// workload's annotations (so a change cause carries over), and a patch replacing `spec.template`.
    static func snapshot(_ ds: Value, hash: String, revision: Int) -> Value {
        var template = ds[path: "spec", "template"] ?? .emptyObject
        var labels = template[path: "metadata", "labels"]?.objectValue.map(Value.object) ?? .emptyObject
        labels["controller-revision-hash"] = .string(hash)
        template["$patch"] = "replace"
        var meta: Value = ["name": .string("\(ds.metadataName)-\(hash)"), "namespace": .string(ds.metadataNamespace ?? "default"),
                           "labels": labels, "ownerReferences": [OwnerRefs.reference(to: ds)]]
        if let a = ds[path: "metadata", "annotations"], !a.isNull { meta["annotations"] = a }
        return ["apiVersion": "apps/v1", "kind": "ControllerRevision", "metadata": meta,
                "data": ["spec": ["template": template]], "revision": .int(revision)]
    }
}
