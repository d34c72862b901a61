// The API layer: create / get / list / update / delete with metadata bookkeeping and admission.

public final class APIServer {
    public let registry: ResourceRegistry
    public let kinds: KindCatalog
    public let store: Store
    public let clock: VirtualClock
    public var random: SeededRandom

    public init(registry: ResourceRegistry, kinds: KindCatalog, store: Store, clock: VirtualClock, random: SeededRandom) {
        self.registry = registry
        self.kinds = kinds
        self.store = store
        self.clock = clock
        self.random = random
    }

    private func key(_ t: ResourceType, _ namespace: String?, _ name: String) -> ObjectKey {
        ObjectKey(namespace: t.namespaced ? (namespace ?? "default") : "", name: name)
    }

    public func get(_ t: ResourceType, namespace: String?, name: String) throws -> Value {
        guard let obj = store.get(t, key(t, namespace, name)) else { throw APIError.notFound(t, name) }
        return obj
    }

    /// Lists objects of a type; `namespace` nil lists across all namespaces.
    public func list(_ t: ResourceType, namespace: String?) -> [Value] {
        store.list(t, namespace: t.namespaced ? namespace : nil)
    }

    /// Creates an object: names it (generateName), defaults, validates, stamps metadata and stores it.
    @discardableResult
    public func create(_ t: ResourceType, _ input: Value, namespace: String?, dryRun: Bool = false) throws -> Value {
        var obj = input
        let spec = kinds.spec(for: t)
        if t.namespaced {
            let ns = obj.metadataNamespace ?? namespace ?? "default"
            if let given = obj.metadataNamespace, let namespace, given != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            obj[path: "metadata", "namespace"] = .string(ns)
            if t.kind != "Namespace", store.get(ResourceType.namespaceType(registry), ObjectKey(namespace: "", name: ns)) == nil {
                throw APIError.notFound(ResourceType.namespaceType(registry), ns)
            }
        } else {
            obj.remove(path: ["metadata", "namespace"])
        }
        if obj.metadataName.isEmpty, let prefix = obj[path: "metadata", "generateName"]?.stringValue, !prefix.isEmpty {
            obj[path: "metadata", "name"] = .string(prefix + random.nameSuffix())
        }
        if obj.metadataName.isEmpty {
            throw APIError.invalid(kind: t.kind, group: t.group, name: "",
                                   [FieldError(.required, "metadata.name", nil, "name or generateName is required")])
        }
        obj["apiVersion"] = .string(t.apiVersion)
        obj["kind"] = .string(t.kind)
        spec.defaults(&obj, DefaultingContext(now: clock.now))
        let errors = spec.validate(obj, nil)
        if !errors.isEmpty { throw APIError.invalid(kind: t.kind, group: t.group, name: obj.metadataName, errors) }
        let k = key(t, obj.metadataNamespace, obj.metadataName)
        if store.get(t, k) != nil { throw APIError.alreadyExists(t, obj.metadataName) }
        obj[path: "metadata", "uid"] = .string(random.uuid())
        obj[path: "metadata", "creationTimestamp"] = .string(clock.now.rfc3339)
        if spec.hasGeneration { obj[path: "metadata", "generation"] = 1 }
        if dryRun { return obj }
        return store.put(t, obj)
    }

    /// Replaces an object (PUT). A stale resourceVersion is a Conflict; metadata the server owns is kept.
    @discardableResult
    public func update(_ t: ResourceType, _ input: Value, namespace: String?, dryRun: Bool = false) throws -> Value {
        var obj = input
        let name = obj.metadataName
        let old = try get(t, namespace: obj.metadataNamespace ?? namespace, name: name)
        if let rv = obj[path: "metadata", "resourceVersion"]?.stringValue, !rv.isEmpty,
           rv != old[path: "metadata", "resourceVersion"]?.stringValue {
            throw APIError.conflict(t, name, "the object has been modified; please apply your changes to the latest version and try again")
        }
        let spec = kinds.spec(for: t)
        obj["apiVersion"] = .string(t.apiVersion)
        obj["kind"] = .string(t.kind)
        for f in ["uid", "creationTimestamp", "namespace", "generation", "deletionTimestamp"] {
            obj[path: "metadata", f] = old[path: "metadata", f]
        }
        spec.defaults(&obj, DefaultingContext(now: clock.now))
        let errors = spec.validate(obj, old)
        if !errors.isEmpty { throw APIError.invalid(kind: t.kind, group: t.group, name: name, errors) }
        if spec.hasGeneration, obj["spec"] != old["spec"] {
            obj[path: "metadata", "generation"] = .int((old[path: "metadata", "generation"]?.intValue ?? 0) + 1)
        }
        if dryRun { return obj }
        return store.put(t, obj)
    }

    /// Writes only `.status` of an object (the status subresource), leaving spec and metadata alone.
    @discardableResult
    public func updateStatus(_ t: ResourceType, namespace: String?, name: String, status: Value) throws -> Value {
        var obj = try get(t, namespace: namespace, name: name)
        obj["status"] = status
        return store.put(t, obj)
    }

    /// Deletes an object immediately (cascading and finalizers are layered on by the garbage collector).
    @discardableResult
    public func delete(_ t: ResourceType, namespace: String?, name: String, dryRun: Bool = false) throws -> Value {
        let obj = try get(t, namespace: namespace, name: name)
        if dryRun { return obj }
        store.remove(t, key(t, namespace, name))
        return obj
    }
}

extension ResourceType {
    static func namespaceType(_ r: ResourceRegistry) -> ResourceType { r.lookup(kind: "Namespace")! }
}
