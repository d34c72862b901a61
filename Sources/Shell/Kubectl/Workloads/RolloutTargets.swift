// What the `kubectl rollout` sub-verbs share: their flags, the objects they act on (deployments, daemon sets,
// stateful sets), the ReplicaSets of a Deployment by revision, and kubectl's `error: <resource> "x" <why>` form.
import MiniCluster

enum Rollout {
    static let fileFlags: [FlagSpec] = [
        FlagSpec("filename", "f", .stringSlice, default: "", usage: "Filename, directory, or URL to files identifying the resource to get from a server."),
        FlagSpec("kustomize", "k", usage: "Process the kustomization directory."),
        FlagSpec("recursive", "R", .bool, default: "false", usage: "Process the directory used in -f, --filename recursively."),
        FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
    ]

    /// `deployments.apps`, as kubectl names a resource in its rollout errors.
    static func resourceString(_ t: ResourceType) -> String { t.qualifiedPlural }

    /// The live objects named by the arguments; per-object NotFound errors are kept in order.
    static func targets(_ f: ParsedFlags, _ k: KubectlContext, cluster: Cluster) throws -> [(ObjectTarget?, KubectlFailure?)] {
        if f.args.isEmpty, f.strings("filename").isEmpty {
            throw KubectlFailure.plain("required resource not specified")
        }
        let set = try ResourceTargets.resolve(f.args, f, k, cluster: cluster)
        return set.items.map { item in
            switch item {
            case .target(let t): return (t, nil)
            case .failure(let e): return (nil, e)
            }
        }
    }

    /// The ReplicaSets a Deployment controls, with their revision numbers.
    static func replicaSets(of d: Value, cluster: Cluster) -> [(revision: Int, rs: Value)] {
        guard let rsType = cluster.registry.lookup(kind: "ReplicaSet") else { return [] }
        return cluster.api.list(rsType, namespace: d.metadataNamespace).compactMap { rs in
            guard rs.ownerReferences.contains(where: { $0["uid"]?.stringValue == d.uid && $0["controller"]?.boolValue == true })
            else { return nil }
            guard let r = Int(rs.annotations[WorkloadKeys.revision] ?? "") else { return nil }
            return (r, rs)
        }.sorted { $0.revision < $1.revision }
    }

    /// A workload's revisions for `rollout history` and `undo`: a Deployment's ReplicaSets (by their revision
    /// annotation) or a DaemonSet's or StatefulSet's ControllerRevisions, each with the object kubectl prints for it (the
    /// ReplicaSet; the DaemonSet or StatefulSet with that revision's template) and the annotations its change cause is read from.
    static func history(of obj: Value, kind: String, cluster: Cluster) -> [(revision: Int, shown: Value, template: Value?, annotations: [String: String])] {
        if kind == "DaemonSet" || kind == "StatefulSet" {
            guard let crType = cluster.registry.lookup(kind: "ControllerRevision") else { return [] }
            return WorkloadHistory.revisions(of: obj, in: cluster.api.list(crType, namespace: obj.metadataNamespace)).map { cr in
                let template = WorkloadHistory.template(of: cr)
                var shown = obj
                if let template { shown[path: "spec", "template"] = template }
                return (WorkloadHistory.number(cr), shown, template, cr.annotations)
            }
        }
        return replicaSets(of: obj, cluster: cluster).map { ($0.revision, $0.rs, $0.rs[path: "spec", "template"], $0.rs.annotations) }
    }

    /// A template without the pod-template-hash label, for "already matches" checks and rollbacks.
    static func withoutHash(_ template: Value?) -> Value? {
        guard var t = template else { return nil }
        t.remove(path: ["metadata", "labels", WorkloadKeys.podTemplateHash])
        if t[path: "metadata", "labels"]?.objectValue?.isEmpty == true { t.remove(path: ["metadata", "labels"]) }
        return t
    }

    /// Runs `body` for each target, collecting errors as kubectl aggregates them; returns the exit status.
    static func each(_ f: ParsedFlags, _ k: KubectlContext, cluster: Cluster,
                     _ body: (ObjectTarget, Value) throws -> Void) throws -> Int32 {
        var errors: [KubectlFailure] = []
        for (target, failure) in try targets(f, k, cluster: cluster) {
            if let failure { errors.append(failure); continue }
            guard var target else { continue }
            target.requester = Impersonation.requester(f)
            do {
                let live = try ResourceTargets.live(target, cluster)
                try body(target, live)
            } catch let e as KubectlFailure { errors.append(e) } catch let e as APIError { errors.append(.api(e)) }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }
}
