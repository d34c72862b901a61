// Namespaces: the NamespaceLifecycle admission plugin (no content in missing or terminating namespaces, the
// reserved ones cannot go), what a new namespace gets (the `default` ServiceAccount and the
// `kube-root-ca.crt` ConfigMap), and termination (the namespace controller empties it, then it goes).

public final class NamespaceLifecycle {
    unowned let api: APIServer
    /// Namespaces that can never be deleted (the plugin's immortal set).
    public static let reserved: Set<String> = ["default", "kube-system", "kube-public"]
    /// Virtual delay before the namespace controller reacts to a terminating namespace.
    public var delay = Duration.milliseconds(0)
    private var scheduled = false

    /// The description the root-CA publisher puts on every `kube-root-ca.crt`.
    static let rootCADescription = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."

    init(api: APIServer) { self.api = api }

    deinit { anchor.clear() }

    /// What the store's and the clock's closures hold instead of this object (see `Anchor`).
    private lazy var anchor = Anchor(self)

    /// Looked up once: the server's registry never changes.
    private lazy var namespaceType: ResourceType? = api.registry.lookup(kind: "Namespace")

    func start() {
        api.store.observe { [anchor] e in
            guard e.type == .deleted, let self = anchor.target, e.resource.namespaced, let ns = e.object.metadataNamespace,
                  let nsType = self.namespaceType,
                  self.api.store.get(nsType, ObjectKey(namespace: "", name: ns))?.deletionTimestamp != nil else { return }
            self.schedule()
        }
    }

    private static func isNamespace(_ t: ResourceType) -> Bool { t.kind == "Namespace" && t.group.isEmpty }

    /// Refuses content for a namespace that does not exist or is being terminated.
    func admitCreate(_ t: ResourceType, _ obj: Value, namespace ns: String) throws {
        guard let nsType = namespaceType else { return }
        guard let nsObj = api.store.get(nsType, ObjectKey(namespace: "", name: ns)) else {
            throw APIError.notFound(nsType, ns)
        }
        if nsObj.deletionTimestamp != nil || nsObj[path: "status", "phase"]?.stringValue == "Terminating" {
            var name = obj.metadataName
            if name.isEmpty { name = obj[path: "metadata", "generateName"]?.stringValue ?? "" }
            if name.isEmpty { name = "Unknown" }
            throw APIError.forbidden("\(t.qualifiedPlural) \(goQuote(name)) is forbidden: unable to create new content in namespace \(ns) because it is being terminated")
        }
    }

    /// What the namespace registry and defaulting add to every new Namespace.
    func prepareCreate(_ t: ResourceType, _ obj: inout Value) {
        guard Self.isNamespace(t) else { return }
        obj[path: "status"] = ["phase": "Active"]
        var finalizers = (obj[path: "spec", "finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !finalizers.contains(Finalizer.kubernetes) { finalizers.append(Finalizer.kubernetes) }
        obj[path: "spec", "finalizers"] = .array(finalizers.map(Value.string))
        obj[path: "metadata", "labels", "kubernetes.io/metadata.name"] = .string(obj.metadataName)
    }

    /// A new namespace gets its `default` ServiceAccount and the root CA ConfigMap (the controllers' work,
    /// done at once here so the very next command sees them).
    func didCreate(_ t: ResourceType, _ obj: Value) {
        guard Self.isNamespace(t) else { return }
        let ns = Value.string(obj.metadataName)
        if let sa = api.registry.lookup(kind: "ServiceAccount") {
            _ = try? api.create(sa, ["apiVersion": "v1", "kind": "ServiceAccount",
                                     "metadata": ["name": "default", "namespace": ns]], namespace: obj.metadataName, strict: false)
        }
        if let cm = api.registry.lookup(kind: "ConfigMap") {
            _ = try? api.create(cm, [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": "kube-root-ca.crt", "namespace": ns,
                             "annotations": ["kubernetes.io/description": .string(Self.rootCADescription)]],
                "data": ["ca.crt": .string(ClusterCA.pem)],
            ], namespace: obj.metadataName, strict: false)
        }
    }

    /// DELETE on a Namespace: reserved ones are Forbidden; otherwise it turns Terminating and the controller
    /// empties it; a second delete while content remains is a Conflict.
    func delete(_ obj: Value, dryRun: Bool) throws -> Value {
        let name = obj.metadataName
        guard let nsType = namespaceType else { return obj }
        if Self.reserved.contains(name) {
            throw APIError.forbidden("namespaces \(goQuote(name)) is forbidden: this namespace may not be deleted")
        }
        if obj.deletionTimestamp != nil {
            if !(obj[path: "spec", "finalizers"]?.arrayValue ?? []).isEmpty {
                throw APIError.conflict(nsType, name, "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.")
            }
            return obj
        }
        var out = obj
        out[path: "metadata", "deletionTimestamp"] = .string(api.clock.now.rfc3339)
        out[path: "metadata", "deletionGracePeriodSeconds"] = 0
        out[path: "status", "phase"] = "Terminating"
        if dryRun { return out }
        let stored = api.store.put(nsType, out)
        schedule()
        return stored
    }

    private func schedule() {
        guard !scheduled else { return }
        scheduled = true
        api.clock.schedule(after: delay) { [anchor] in
            guard let self = anchor.target else { return }
            self.scheduled = false
            self.sync()
        }
    }

    /// The namespace controller: deletes everything in each terminating namespace; an empty one goes.
    public func sync() {
        guard let nsType = namespaceType else { return }
        for nsObj in api.store.list(nsType) where nsObj.deletionTimestamp != nil {
            let ns = nsObj.metadataName
            var remaining = 0
            let types = api.store.populatedTypes.filter(\.namespaced).sorted { ($0.group, $0.kind) < ($1.group, $1.kind) }
            for t in types {
                for obj in api.store.list(t, namespace: ns) {
                    remaining += 1
                    if obj.deletionTimestamp == nil {
                        _ = try? api.delete(t, namespace: ns, name: obj.metadataName, propagation: .background)
                    }
                }
            }
            let left = types.contains { !api.store.list($0, namespace: ns).isEmpty }
            if remaining == 0 || !left {
                api.store.remove(nsType, ObjectKey(namespace: "", name: ns))
            }
        }
    }
}

/// The cluster's root CA, as published into every namespace (a fixed, made-up certificate).
enum ClusterCA {
    static let pem = """
    -----BEGIN CERTIFICATE-----
    MIIELTCCApWgAwIBAgIRAKubetutorMiniClusterRootCA0wDQYJKoZIhvcNAQEL
    BQAwLzEtMCsGA1UEAxMkY2FmZWJhYmUtMDAwMC00MDAwLTgwMDAta3ViZXR1dG9y
    MCAXDTI2MDEwMTAwMDAwMFoYDzIwNTYwMTAxMDAwMDAwWjAvMS0wKwYDVQQDEyRj
    YWZlYmFiZS0wMDAwLTQwMDAtODAwMC1rdWJldHV0b3IwggGiMA0GCSqGSIb3DQEB
    AQUAA4IBjwAwggGKAoIBgQDkubetutorSimulatedClusterCertificateData0
    -----END CERTIFICATE-----

    """
}
