// The API layer: create / get / list / update with metadata bookkeeping and admission. Patch, delete and
// watch live in their own files (Patch*.swift, Deletion.swift, Watch.swift) as extensions of this class.

public final class APIServer {
    /// Grows when a cluster add-on installs its CustomResourceDefinitions (`installKinds`).
    public private(set) var registry: ResourceRegistry
    public private(set) var kinds: KindCatalog
    public let store: Store
    public let clock: VirtualClock
    public var random: SeededRandom

    /// Per-kind grace periods on delete: given the object and the requested period, the effective one in
    /// seconds. A positive answer keeps the object (deletionTimestamp = now + grace) until someone deletes it
    /// again with grace 0 — the kubelet's job for pods. Kinds without a policy are removed at once.
    public var gracePeriodPolicies: [ResourceType: (_ object: Value, _ requested: Int?) -> Int?] = [:]

    /// Cascading deletion, finalizers `orphan` / `foregroundDeletion`, dangling owner references.
    public private(set) lazy var garbageCollector = GarbageCollector(api: self)
    /// Namespace admission, the objects every namespace gets, and namespace termination.
    public private(set) lazy var namespaces = NamespaceLifecycle(api: self)

    public init(registry: ResourceRegistry, kinds: KindCatalog, store: Store, clock: VirtualClock, random: SeededRandom) {
        self.registry = registry
        self.kinds = kinds
        self.store = store
        self.clock = clock
        self.random = random
        vouchedNamespaceType = registry.lookup(kind: "Namespace")
        namespaceWrites = vouchedNamespaceType.map { store.writes(of: $0) }
        garbageCollector.start()
        namespaces.start()
    }

    /// The Namespace kind, and the namespace `create` or `createVouched` last admitted content to with the count of
    /// namespace writes then (see `stillAdmits`).
    private let vouchedNamespaceType: ResourceType?
    private var admitted: (namespace: String, writes: Int)?
    /// The store's count of namespace writes.
    private let namespaceWrites: Store.WriteCount?

    /// Validates `trusted` creates as well (see `create`); set by tests before the cluster bootstraps.
    public var verifiesTrustedObjects = false

    /// Serves further kinds from now on, as when an add-on's CustomResourceDefinitions become established (GKE
    /// installs Multi Cluster Ingress's in the config cluster). Kinds already served are left as they are.
    public func installKinds(_ specs: [KindSpec]) {
        let fresh = specs.filter { registry.lookup(apiVersion: $0.type.apiVersion, kind: $0.type.kind) == nil }
        guard !fresh.isEmpty else { return }
        registry = registry.adding(fresh.map(\.type))
        kinds.add(fresh)
    }

    func key(_ t: ResourceType, _ namespace: String?, _ name: String) -> ObjectKey {
        ObjectKey(namespace: t.namespaced ? (namespace ?? "default") : "", name: name)
    }

    public func get(_ t: ResourceType, namespace: String?, name: String) throws -> Value {
        guard let obj = store.get(t, key(t, namespace, name)) else {
            if isComponentStatus(t), let cs = ComponentStatuses.object(name) { return cs }
            throw APIError.notFound(t, name)
        }
        return obj
    }

    /// Lists objects of a type; `namespace` nil lists across all namespaces.
    public func list(_ t: ResourceType, namespace: String?) -> [Value] {
        let found = store.list(t, namespace: t.namespaced ? namespace : nil)
        return found.isEmpty && isComponentStatus(t) ? ComponentStatuses.all : found
    }

    /// Lists with selectors already parsed.
    public func list(_ t: ResourceType, namespace: String?, selector: LabelSelector,
                     fields: FieldSelector = FieldSelector()) -> [Value] {
        let all = list(t, namespace: namespace)
        if selector.isEmpty, fields.isEmpty { return all }
        return all.filter { selector.matches($0.labels) && fields.matches($0, t) }
    }

    /// Lists with selectors in their string form; malformed or unsupported selectors are BadRequest, worded
    /// as the server words them (kubectl adds its `Unable to find …` prefix: see `APIError.forList`).
    public func list(_ t: ResourceType, namespace: String?, labelSelector: String?, fieldSelector: String?) throws -> [Value] {
        let ls: LabelSelector, fs: FieldSelector
        do {
            ls = try LabelSelector.parse(labelSelector ?? "")
            fs = try FieldSelector.parse(fieldSelector ?? "", for: t)
        } catch let e as LabelSelectorError {
            throw APIError.badRequest(e.message)
        }
        return list(t, namespace: namespace, selector: ls, fields: fs)
    }

    /// Creates an object: admission, naming (generateName), defaulting, validation, server-owned metadata.
    /// `strict` is kubectl's fieldValidation=Strict; the engine's own clients (controllers, bootstrap) build typed
    /// objects, as client-go does, and skip the check. `trusted` is for the objects a new cluster starts with
    /// (nodes, kube-system workloads): they skip validation too, unless `verifiesTrustedObjects` is set, which a
    /// test does to prove every one of them passes it and is stored the same.
    @discardableResult
    public func create(_ t: ResourceType, _ input: Value, namespace: String?, dryRun: Bool = false,
                       strict: Bool = true, trusted: Bool = false) throws -> Value {
        // kubectl 1.32 sends fieldValidation=Strict: unknown fields and mistyped values are refused outright.
        if strict, let e = KindSchemas.strictDecodingError(input, kind: t.kind) { throw e }
        var obj = input
        let spec = kinds.spec(for: t)
        if t.namespaced {
            let given = obj.metadataNamespace
            let ns = given ?? namespace ?? "default"
            if let given, let namespace, given != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            // A namespace the object names is already the string written here (a controller's pods all name theirs).
            if given == nil { obj[path: "metadata", "namespace"] = .string(ns) }
            if !stillAdmits(ns) {
                try namespaces.admitCreate(t, obj, namespace: ns)
                noteAdmitted(ns)
            }
        } else {
            obj.remove(path: ["metadata", "namespace"])
        }
        if let rv = obj[path: "metadata", "resourceVersion"]?.stringValue, !rv.isEmpty {
            throw APIError.badRequest("resourceVersion should not be set on objects to be created")
        }
        if obj.metadataName.isEmpty, let prefix = obj[path: "metadata", "generateName"]?.stringValue, !prefix.isEmpty {
            obj[path: "metadata", "name"] = .string(random.name(prefix: prefix))
        }
        if obj.metadataName.isEmpty {
            throw APIError.invalid(kind: t.kind, group: t.group, name: "",
                                   [FieldError(.required, "metadata.name", nil, "name or generateName is required")])
        }
        // Clients (the controllers always) mostly send these as they are written here: then nothing is edited.
        if !obj["apiVersion"].isString(t.apiVersion) { obj["apiVersion"] = .string(t.apiVersion) }
        if !obj["kind"].isString(t.kind) { obj["kind"] = .string(t.kind) }
        // Fields a client may not set are dropped; a field that is not there costs a read (of the metadata read
        // once), not a path edit.
        let meta = obj["metadata"]?.objectValue
        for f in ["deletionTimestamp", "deletionGracePeriodSeconds", "uid", "creationTimestamp", "generation", "selfLink"]
        where meta.map({ Value.index(of: f, in: $0) != nil }) ?? true {
            obj.remove(path: ["metadata", f])
        }
        namespaces.prepareCreate(t, &obj)
        // The uid comes first: the Job strategy derives its selector from it while defaulting.
        obj[path: "metadata", "uid"] = .string(random.uuid())
        spec.defaults(&obj, creationContext())
        if !trusted || verifiesTrustedObjects {
            let errors = spec.validate(obj, nil)
            if !errors.isEmpty { throw APIError.invalid(kind: t.kind, group: t.group, name: obj.metadataName, errors) }
        }
        if store.get(t, key(t, obj.metadataNamespace, obj.metadataName)) != nil {
            throw APIError.alreadyExists(t, obj.metadataName)
        }
        obj[path: "metadata", "creationTimestamp"] = .string(clock.nowRFC3339)
        if spec.hasGeneration { obj[path: "metadata", "generation"] = 1 }
        if dryRun { return obj }
        let stored = store.put(t, obj)
        namespaces.didCreate(t, stored)
        return stored
    }

    /// Creates an object the engine builds itself and vouches for (the event recorder's Events), of a namespaced
    /// kind without a generation: `make` builds it whole, given the uid, creationTimestamp and resourceVersion the
    /// server owns, with every one of them where `create` would have put it and nothing defaulting would add or
    /// validation would refuse, and without owner references, deletion or finalizers (the garbage collector is
    /// told so). What is stored is what `create` would store (same admission, same uid draw, same refusals); only
    /// the passes that could not change it are left out, and no field is edited in afterwards.
    @discardableResult
    func createVouched(_ t: ResourceType, namespace ns: String, name: String,
                       _ make: (_ uid: String, _ creationTimestamp: String, _ resourceVersion: String) -> Value) throws -> Value {
        assert(t.namespaced && !kinds.spec(for: t).hasGeneration)
        try admitVouched(t, namespace: ns, name: name)
        let uid = random.uuid()
        let created = clock.nowRFC3339
        guard let stored = store.add(t, key(t, ns, name), noOwners: true, { make(uid, created, $0) }) else {
            throw APIError.alreadyExists(t, name)
        }
        assert({ let o = GarbageCollector.ownersAndDeletion(stored); return o.refs == nil && !o.deleting }() && stored.finalizers.isEmpty)
        return stored
    }

    /// Namespace admission for `createVouched`. Its answer depends only on the stored namespace, so the namespace
    /// that last let content in is kept: while no namespace has been written since, the store holds that very
    /// value and the answer is the same, not worked out again.
    private func admitVouched(_ t: ResourceType, namespace ns: String, name: String) throws {
        if stillAdmits(ns) { return }
        try namespaces.admitCreate(t, ["metadata": ["name": .string(name)]], namespace: ns)
        noteAdmitted(ns)
    }

    /// Whether the store still holds the very namespace value that last let content in (`create` and
    /// `createVouched`): it does while no namespace was created, replaced or removed since (any write, of any
    /// namespace, sends the next create through admission again). One comparison of counts, where reading the
    /// namespace back cost a lookup of its type and of its key at every create.
    private func stillAdmits(_ ns: String) -> Bool {
        guard let admitted, let writes = namespaceWrites, admitted.writes == writes.value else { return false }
        return Value.sameBytes(admitted.namespace, ns)
    }

    /// Remembers the namespace that has just let content in, when the store holds it (admission lets content
    /// into a namespace it cannot read only when there is no Namespace kind: then nothing is remembered).
    private func noteAdmitted(_ ns: String) {
        guard let nsType = vouchedNamespaceType, let writes = namespaceWrites,
              store.get(nsType, ObjectKey(namespace: "", name: ns)) != nil else {
            admitted = nil
            return
        }
        admitted = (ns, writes.value)
    }

    /// What create-time defaulting may use: the seeded generator and the stored objects (for IP/port allocation).
    private func creationContext() -> DefaultingContext {
        DefaultingContext(now: clock.now, isCreate: true, random: draw, existing: existingObjects)
    }

    // The context's two closures, made once (every create and update hands them out).
    private lazy var draw: () -> UInt64 = { [unowned self] in self.random.next() }
    private lazy var existingObjects: (String) -> [Value] = { [unowned self] kind in
        self.registry.lookup(kind: kind).map { self.store.list($0) } ?? []
    }

    /// Replaces an object (PUT). A stale resourceVersion is a Conflict; metadata the server owns is kept. `strict` as
    /// for `create`.
    @discardableResult
    public func update(_ t: ResourceType, _ input: Value, namespace: String?, dryRun: Bool = false,
                       strict: Bool = true) throws -> Value {
        if strict, let e = KindSchemas.strictDecodingError(input, kind: t.kind) { throw e }
        let name = input.metadataName
        if t.namespaced, let given = input.metadataNamespace, let namespace, given != namespace {
            throw APIError.badRequest("the namespace of the object (\(given)) does not match the namespace on the request (\(namespace))")
        }
        let old = try get(t, namespace: input.metadataNamespace ?? namespace, name: name)
        if let rv = input[path: "metadata", "resourceVersion"]?.stringValue, !rv.isEmpty,
           rv != old[path: "metadata", "resourceVersion"]?.stringValue {
            throw APIError.conflict(t, name, "the object has been modified; please apply your changes to the latest version and try again")
        }
        let obj = try admitUpdate(t, input, old: old)
        if dryRun { return obj }
        return commit(t, obj)
    }

    /// The update half every write shares (PUT and PATCH): server-owned metadata, defaulting, validation,
    /// the generation bump on spec changes.
    func admitUpdate(_ t: ResourceType, _ input: Value, old: Value) throws -> Value {
        var obj = input
        let spec = kinds.spec(for: t)
        obj["apiVersion"] = .string(t.apiVersion)
        obj["kind"] = .string(t.kind)
        var errors: [FieldError] = []
        if let uid = obj[path: "metadata", "uid"]?.stringValue, !uid.isEmpty, uid != old.uid {
            errors.append(FieldError(.invalid, "metadata.uid", goQuote(uid), "field is immutable"))
        }
        for f in ["uid", "creationTimestamp", "namespace", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"] {
            obj[path: "metadata", f] = old[path: "metadata", f]
        }
        // Status belongs to the status subresource (`updateStatus`): writes to the object itself keep it,
        // as every built-in kind's PrepareForUpdate does. A Namespace's spec.finalizers has its own subresource too.
        obj["status"] = old["status"]
        if t.kind == "Namespace", t.group.isEmpty { obj[path: "spec", "finalizers"] = old[path: "spec", "finalizers"] }
        if old.deletionTimestamp != nil {
            let before = Set(old.finalizers)
            let added = obj.finalizers.filter { !before.contains($0) }
            if !added.isEmpty {
                errors.append(FieldError(.forbidden, "metadata.finalizers", nil,
                                         "no new finalizers can be added if the object is being deleted, found new finalizers \(goStringSlice(added))"))
            }
        }
        var ctx = creationContext()
        ctx.isCreate = false
        ctx.old = old
        spec.defaults(&obj, ctx)
        errors += spec.validate(obj, old)
        if !errors.isEmpty { throw APIError.invalid(kind: t.kind, group: t.group, name: obj.metadataName, errors) }
        if spec.hasGeneration, obj["spec"] != old["spec"] {
            obj[path: "metadata", "generation"] = .int((old[path: "metadata", "generation"]?.intValue ?? 0) + 1)
        }
        return obj
    }

    /// Stores an updated object; one being deleted whose finalizers are all gone leaves the store for good.
    @discardableResult
    func commit(_ t: ResourceType, _ obj: consuming Value) -> Value {
        let stored = store.put(t, obj)
        if stored.deletionTimestamp != nil, stored.finalizers.isEmpty,
           (stored[path: "metadata", "deletionGracePeriodSeconds"]?.intValue ?? 0) == 0 {
            store.remove(t, key(t, stored.metadataNamespace, stored.metadataName))
        }
        return stored
    }

    /// Writes only `.status` of an object (the status subresource), leaving spec and metadata alone. This is
    /// the only way to change status: `update` and `patch` keep the stored status.
    @discardableResult
    public func updateStatus(_ t: ResourceType, namespace: String?, name: String, status: Value) throws -> Value {
        updateStatus(t, current: try get(t, namespace: namespace, name: name), status: status)
    }

    /// The same, for a caller that has just read the stored object (`current`, unchanged since).
    func updateStatus(_ t: ResourceType, current: Value, status: Value) -> Value {
        var obj = current
        obj["status"] = status
        return store.put(t, obj, statusOnly: true)
    }
}

extension Optional where Wrapped == Value {
    /// Whether this is the string `s`, byte for byte (so writing `.string(s)` over it would change nothing).
    func isString(_ s: String) -> Bool {
        if case .string(let v)? = self { return Value.sameBytes(v, s) }
        return false
    }
}

extension ResourceType {
    static func namespaceType(_ r: ResourceRegistry) -> ResourceType { r.lookup(kind: "Namespace")! }

    /// `schema.GroupVersionResource` as Go prints it: `/v1, Resource=pods`, `apps/v1, Resource=deployments`.
    public var gvrDescription: String { "\(group)/\(version), Resource=\(plural)" }
}

extension Value {
    /// `metadata.finalizers`.
    public var finalizers: [String] { (self[path: "metadata", "finalizers"]?.arrayValue ?? []).compactMap(\.stringValue) }
    /// `metadata.ownerReferences`.
    public var ownerReferences: [Value] { self[path: "metadata", "ownerReferences"]?.arrayValue ?? [] }

    /// Where an object's keys and values are stored. Two objects with the same identity, both still held, are one
    /// object (neither changed since, so they are identical); equal objects stored apart have different ones. Nil
    /// for anything but a non-empty object.
    struct StorageIdentity: Equatable {
        var keys, values: UnsafeRawPointer
    }
    var storageIdentity: StorageIdentity? {
        guard case .object(let o) = self, !o.isEmpty,
              case let .some(.some(keys)) = o.keys.withContiguousStorageIfAvailable({ UnsafeRawPointer($0.baseAddress) }),
              case let .some(.some(values)) = o.values.withContiguousStorageIfAvailable({ UnsafeRawPointer($0.baseAddress) })
        else { return nil }
        return StorageIdentity(keys: keys, values: values)
    }
}

extension APIError {
    /// kubectl's rewording of a BadRequest/NotFound from a list (cli-runtime's `resource.Selector`):
    /// `Unable to find "/v1, Resource=pods" that match label selector "", field selector "x=y": <message>`.
    public func forList(_ t: ResourceType, labelSelector: String, fieldSelector: String) -> APIError {
        guard reason == .badRequest || reason == .notFound else { return self }
        var e = self
        if labelSelector.isEmpty, fieldSelector.isEmpty {
            e.message = "Unable to list \(goQuote(t.gvrDescription)): \(message)"
        } else {
            e.message = "Unable to find \(goQuote(t.gvrDescription)) that match label selector \(goQuote(labelSelector)), field selector \(goQuote(fieldSelector)): \(message)"
        }
        return e
    }
}
