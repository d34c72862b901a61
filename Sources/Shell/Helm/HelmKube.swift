// What helm does to the cluster: read and write release Secrets, and create, patch or delete the objects of a
// rendered manifest through the API server (so controllers run them as they would for kubectl).
import MiniCluster

struct HelmKube {
    let cluster: Cluster
    var api: APIServer { cluster.api }
    var secrets: ResourceType { cluster.registry.lookup(kind: "Secret")! }

    /// Every stored revision of every release, in a namespace or all.
    func revisions(namespace: String?) -> [HelmRelease] {
        api.list(secrets, namespace: namespace)
            .filter { $0.labels["owner"] == "helm" && $0["type"]?.stringValue == "helm.sh/release.v1" }
            .compactMap { HelmRelease(secret: $0) }
    }

    func history(_ name: String, namespace: String) -> [HelmRelease] {
        revisions(namespace: namespace).filter { $0.name == name }.sorted { $0.version < $1.version }
    }

    /// The newest revision of each release.
    func latest(namespace: String?) -> [HelmRelease] {
        var best: [String: HelmRelease] = [:]
        for r in revisions(namespace: namespace) {
            let k = r.namespace + "/" + r.name
            if (best[k]?.version ?? 0) < r.version { best[k] = r }
        }
        return best.values.sorted { ($0.name, $0.namespace) < ($1.name, $1.namespace) }
    }

    func store(_ r: HelmRelease) throws {
        if let live = try? api.get(secrets, namespace: r.namespace, name: r.secretName) {
            var next = r.secret
            next[path: "metadata", "resourceVersion"] = live[path: "metadata", "resourceVersion"]
            try api.update(secrets, next, namespace: r.namespace)
        } else {
            try api.create(secrets, r.secret, namespace: r.namespace)
        }
    }

    func deleteRecords(_ name: String, namespace: String) {
        for r in history(name, namespace: namespace) { _ = try? api.delete(secrets, namespace: namespace, name: r.secretName) }
    }

    /// The objects of a stored manifest.
    static func objects(_ manifest: String) -> [Value] {
        ((try? YAMLCodec.decodeAll(manifest)) ?? []).filter(\.isObject)
    }

    /// helm's ownership check before it adopts an object that already exists.
    func ownershipError(_ obj: Value, type: ResourceType, release: String, namespace: String) -> String? {
        guard let live = try? api.get(type, namespace: type.namespaced ? namespace : nil, name: obj.metadataName) else { return nil }
        var problems: [String] = []
        if live.labels["app.kubernetes.io/managed-by"] != "Helm" {
            problems.append("label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\"")
        }
        let rn = live.annotations["meta.helm.sh/release-name"], rns = live.annotations["meta.helm.sh/release-namespace"]
        if rn == nil { problems.append("annotation validation error: missing key \"meta.helm.sh/release-name\": must be set to \"\(release)\"") }
        else if rn != release { problems.append("annotation validation error: key \"meta.helm.sh/release-name\" must equal \"\(release)\": current value is \"\(rn!)\"") }
        if rns == nil { problems.append("annotation validation error: missing key \"meta.helm.sh/release-namespace\": must be set to \"\(namespace)\"") }
        else if rns != namespace { problems.append("annotation validation error: key \"meta.helm.sh/release-namespace\" must equal \"\(namespace)\": current value is \"\(rns!)\"") }
        guard !problems.isEmpty else { return nil }
        let where_ = type.namespaced ? " in namespace \"\(namespace)\"" : ""
        return "\(type.kind) \"\(obj.metadataName)\"\(where_) exists and cannot be imported into the current release: invalid ownership metadata; " + problems.joined(separator: "; ")
    }

    /// Makes the cluster match `new`: creates or patches its objects, deletes what only `old` had.
    func sync(old: String, new: String, namespace: String) throws {
        let newObjects = Self.objects(new)
        var keep = Set<String>()
        for obj in newObjects {
            guard let t = cluster.registry.lookup(apiVersion: obj.apiVersion, kind: obj.kind) else {
                throw HelmError("resource mapping not found for name: \"\(obj.metadataName)\" namespace: \"\(namespace)\" from \"\": no matches for kind \"\(obj.kind)\" in version \"\(obj.apiVersion)\"")
            }
            let ns = t.namespaced ? namespace : nil
            keep.insert("\(obj.kind)/\(obj.metadataName)")
            if (try? api.get(t, namespace: ns, name: obj.metadataName)) != nil {
                try api.patch(t, namespace: ns, name: obj.metadataName, patch: obj, type: .strategic)
            } else {
                try api.create(t, obj, namespace: ns)
            }
        }
        let gone = Self.objects(old).filter { !keep.contains("\($0.kind)/\($0.metadataName)") }
        try delete(gone, namespace: namespace)
    }

    /// Deletes objects in helm's uninstall order (the reverse of install order).
    func delete(_ objects: [Value], namespace: String) throws {
        let ordered = objects.enumerated().sorted { a, b in
            let ra = HelmKindOrder.rank(a.element.kind), rb = HelmKindOrder.rank(b.element.kind)
            return ra != rb ? ra > rb : a.offset < b.offset
        }.map(\.element)
        for obj in ordered {
            guard let t = cluster.registry.lookup(apiVersion: obj.apiVersion, kind: obj.kind) else { continue }
            _ = try? api.delete(t, namespace: t.namespaced ? namespace : nil, name: obj.metadataName)
        }
    }
}
