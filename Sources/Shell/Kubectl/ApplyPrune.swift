// `kubectl apply --prune`: after applying, deletes the objects of the allowlisted kinds that match the selector
// (or --all), were created by apply (they carry the last-applied annotation) and were not in this apply
// (kubectl's prune.go: namespaces visited by the apply, then cluster-scoped kinds; `<type>/<name> pruned`).
import MiniCluster

struct ApplyPruner {
    /// prune.go's default allowlist, as group/version/kind.
    static let defaultAllowlist = ["core/v1/ConfigMap", "core/v1/Endpoints", "core/v1/Namespace", "core/v1/PersistentVolumeClaim",
                                   "core/v1/PersistentVolume", "core/v1/Pod", "core/v1/ReplicationController", "core/v1/Secret",
                                   "core/v1/Service", "batch/v1/Job", "batch/v1/CronJob", "networking.k8s.io/v1/Ingress",
                                   "apps/v1/DaemonSet", "apps/v1/Deployment", "apps/v1/ReplicaSet", "apps/v1/StatefulSet"]

    let selector: String
    let dryRun: DryRunStrategy
    let propagation: PropagationPolicy
    let gracePeriod: Int
    let allowlist: [String]
    private(set) var types: [ResourceType] = []
    private var visitedUids = Set<String>()
    private var visitedNamespaces = Set<String>()

    /// nil without --prune; throws apply's Validate errors for the prune flags.
    init?(_ f: ParsedFlags, dryRun: DryRunStrategy, _ k: KubectlContext) throws {
        guard f.bool("prune") else { return nil }
        if f.bool("force") { throw KubectlFailure.plain("--force cannot be used with --prune") }
        let selector = f.string("selector")
        if f.bool("all"), !selector.isEmpty { throw KubectlFailure.plain("cannot set --all and --selector at the same time") }
        if !f.bool("all"), selector.isEmpty {
            throw KubectlFailure.plain("all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector")
        }
        if f.bool("server-side") {
            throw KubectlFailure.plain("--prune is in alpha and doesn't currently work on objects created by server-side apply")
        }
        for gvk in f.strings("prune-allowlist") where gvk.split(separator: "/", omittingEmptySubsequences: false).count != 3 {
            throw KubectlFailure.plain("invalid GroupVersionKind format: \(gvk), please follow <group/version/kind>")
        }
        self.selector = selector
        self.dryRun = dryRun
        propagation = try DeleteVerb.cascade(f.string("cascade"), k)
        gracePeriod = f.int("grace-period")
        allowlist = f.strings("prune-allowlist")
    }

    /// Maps the allowlist (`--prune-allowlist` or the default) to types; an unknown kind is the mapper's error.
    mutating func resolveAllowlist(_ registry: ResourceRegistry) throws {
        types = try (allowlist.isEmpty ? Self.defaultAllowlist : allowlist).map { gvk in
            let parts = gvk.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let group = parts[0] == "core" ? "" : parts[0]
            let apiVersion = group.isEmpty ? parts[1] : "\(group)/\(parts[1])"
            guard let t = registry.lookup(apiVersion: apiVersion, kind: parts[2]) else {
                throw KubectlFailure.plain("no matches for kind \"\(parts[2])\" in version \"\(apiVersion)\"")
            }
            return t
        }
    }

    /// Records an applied object: its uid is kept, its namespace is searched.
    mutating func visited(_ m: MappedManifest, _ result: Value) {
        if let ns = m.namespace { visitedNamespaces.insert(ns) }
        let uid = result.uid
        if !uid.isEmpty { visitedUids.insert(uid) }
    }

    /// Deletes and reports every prunable object. Namespaces go in name order (kubectl walks a Go map).
    func prune(cluster: Cluster, printer: ResultPrinter, _ k: KubectlContext) throws {
        let ls: LabelSelector
        do { ls = try LabelSelector.parse(selector) } catch let e as LabelSelectorError { throw KubectlFailure.plain(e.message) }
        var scopes: [(String?, ResourceType)] = []
        for ns in visitedNamespaces.sorted() { for t in types where t.namespaced { scopes.append((ns, t)) } }
        for t in types where !t.namespaced { scopes.append((nil, t)) }
        for (ns, t) in scopes {
            for obj in cluster.api.list(t, namespace: ns, selector: ls) {
                guard obj[path: "metadata", "annotations", LastAppliedConfig.key] != nil, !visitedUids.contains(obj.uid) else { continue }
                if dryRun != .client {
                    do {
                        try cluster.api.delete(t, namespace: ns, name: obj.metadataName, propagation: propagation,
                                               gracePeriod: gracePeriod >= 0 ? gracePeriod : nil, dryRun: dryRun == .server)
                    } catch let e as APIError {
                        let scope = t.namespaced ? "namespaced" : "nonNamespaced"
                        throw KubectlFailure.plain("error pruning \(scope) object \(t.group)/\(t.version), Kind=\(t.kind): \(e.message)")
                    }
                }
                try printer.print(obj, type: t, operation: "pruned", k)
            }
        }
    }
}
