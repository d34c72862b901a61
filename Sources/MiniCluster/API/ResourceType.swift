// What the discovery API says about a resource: its kind, group/version, names, and scope.

public struct ResourceType: Hashable, Sendable {
    /// Every field lives in one box: a copy (each store event and each informer lookup carries one) is one
    /// reference instead of eight strings and four arrays, and copies of the same registry entry compare equal by
    /// identity before their fields are compared. Written only through the setters below, copy on write.
    private final class Box: @unchecked Sendable {
        /// Kind and group folded into one word (FNV-1a): the hash is this word instead of two strings, and
        /// equality tells most different types apart on it first.
        var fingerprint: UInt64
        var kind, group, version: String
        var otherVersions: [String]
        var plural, singular: String
        var shortNames: [String]
        var namespaced: Bool
        var categories, verbs: [String]

        init(kind: String, group: String, version: String, otherVersions: [String], plural: String, singular: String,
             shortNames: [String], namespaced: Bool, categories: [String], verbs: [String]) {
            fingerprint = ResourceType.fingerprint(kind, group)
            self.kind = kind; self.group = group; self.version = version; self.otherVersions = otherVersions
            self.plural = plural; self.singular = singular; self.shortNames = shortNames; self.namespaced = namespaced
            self.categories = categories; self.verbs = verbs
        }

        func copy() -> Box {
            Box(kind: kind, group: group, version: version, otherVersions: otherVersions, plural: plural, singular: singular,
                shortNames: shortNames, namespaced: namespaced, categories: categories, verbs: verbs)
        }

        func sameFields(_ o: Box) -> Bool {
            fingerprint == o.fingerprint && kind == o.kind && group == o.group && version == o.version
                && otherVersions == o.otherVersions && plural == o.plural && singular == o.singular
                && shortNames == o.shortNames && namespaced == o.namespaced && categories == o.categories && verbs == o.verbs
        }
    }
    private var box: Box

    private mutating func edit(_ change: (Box) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        change(box)
        box.fingerprint = Self.fingerprint(box.kind, box.group)
    }

    public var kind: String { get { box.kind } set { edit { $0.kind = newValue } } }
    /// "" for the core group.
    public var group: String { get { box.group } set { edit { $0.group = newValue } } }
    /// The preferred (storage) version.
    public var version: String { get { box.version } set { edit { $0.version = newValue } } }
    /// Further served versions (autoscaling/v1 for HPA …).
    public var otherVersions: [String] { get { box.otherVersions } set { edit { $0.otherVersions = newValue } } }
    public var plural: String { get { box.plural } set { edit { $0.plural = newValue } } }
    public var singular: String { get { box.singular } set { edit { $0.singular = newValue } } }
    public var shortNames: [String] { get { box.shortNames } set { edit { $0.shortNames = newValue } } }
    public var namespaced: Bool { get { box.namespaced } set { edit { $0.namespaced = newValue } } }
    public var categories: [String] { get { box.categories } set { edit { $0.categories = newValue } } }
    public var verbs: [String] { get { box.verbs } set { edit { $0.verbs = newValue } } }

    public init(kind: String, group: String = "", version: String = "v1", otherVersions: [String] = [],
                plural: String, singular: String? = nil, shortNames: [String] = [], namespaced: Bool = true,
                categories: [String] = [],
                verbs: [String] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]) {
        box = Box(kind: kind, group: group, version: version, otherVersions: otherVersions, plural: plural,
                  singular: singular ?? kind.lowercased(), shortNames: shortNames, namespaced: namespaced,
                  categories: categories, verbs: verbs)
    }

    /// The box's identity: while a type is held, no other type has its identity (equal types may have others, as
    /// a copy that was edited has). The store finds a type's bucket by it (see `Store.existingBucket`).
    var identity: ObjectIdentifier { ObjectIdentifier(box) }

    /// Every field equal (as the synthesized equality compared them), the same box first.
    public static func == (a: ResourceType, b: ResourceType) -> Bool { a.box === b.box || a.box.sameFields(b.box) }

    /// Hashes what tells resource types apart, kind and group (through their fingerprint); equality still compares
    /// every field. (The synthesized hash went through every name, short name, category and verb at each store
    /// access.)
    public func hash(into h: inout Hasher) {
        h.combine(box.fingerprint)
    }

    static func fingerprint(_ kind: String, _ group: String) -> UInt64 {
        var h = StableHash()
        h.add(kind)
        h.add(UInt8(ascii: "/"))  // a separator no kind contains: ("ab", "c") and ("a", "bc") differ
        h.add(group)
        return h.value
    }

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// Every apiVersion the server accepts for this kind.
    public var apiVersions: [String] {
        ([version] + otherVersions).map { group.isEmpty ? $0 : "\(group)/\($0)" }
    }
    /// `deployments.apps`, or `pods` for the core group (how error messages name a resource).
    public var qualifiedPlural: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `deployment.apps`, or `pod` (how `-o name` and multi-type tables name an object's type).
    public var qualifiedSingular: String { group.isEmpty ? singular : "\(singular).\(group)" }
}

extension ResourceType {
    static let all = ["all"]
    public static let builtIn: [ResourceType] = [
        ResourceType(kind: "Binding", plural: "bindings", verbs: ["create"]),
        ResourceType(kind: "ComponentStatus", plural: "componentstatuses", shortNames: ["cs"], namespaced: false, verbs: ["get", "list"]),
        ResourceType(kind: "ConfigMap", plural: "configmaps", shortNames: ["cm"]),
        ResourceType(kind: "Endpoints", plural: "endpoints", singular: "endpoints", shortNames: ["ep"]),
        ResourceType(kind: "Event", plural: "events", shortNames: ["ev"]),
        ResourceType(kind: "LimitRange", plural: "limitranges", shortNames: ["limits"]),
        ResourceType(kind: "Namespace", plural: "namespaces", shortNames: ["ns"], namespaced: false,
                     verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]),
        ResourceType(kind: "Node", plural: "nodes", shortNames: ["no"], namespaced: false),
        ResourceType(kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", shortNames: ["pvc"]),
        ResourceType(kind: "PersistentVolume", plural: "persistentvolumes", shortNames: ["pv"], namespaced: false),
        ResourceType(kind: "Pod", plural: "pods", shortNames: ["po"], categories: all),
        ResourceType(kind: "PodTemplate", plural: "podtemplates"),
        ResourceType(kind: "ReplicationController", plural: "replicationcontrollers", shortNames: ["rc"], categories: all),
        ResourceType(kind: "ResourceQuota", plural: "resourcequotas", shortNames: ["quota"]),
        ResourceType(kind: "Secret", plural: "secrets"),
        ResourceType(kind: "ServiceAccount", plural: "serviceaccounts", shortNames: ["sa"]),
        ResourceType(kind: "Service", plural: "services", shortNames: ["svc"], categories: all),
        ResourceType(kind: "ControllerRevision", group: "apps", plural: "controllerrevisions"),
        ResourceType(kind: "DaemonSet", group: "apps", plural: "daemonsets", shortNames: ["ds"], categories: all),
        ResourceType(kind: "Deployment", group: "apps", plural: "deployments", shortNames: ["deploy"], categories: all),
        ResourceType(kind: "ReplicaSet", group: "apps", plural: "replicasets", shortNames: ["rs"], categories: all),
        ResourceType(kind: "StatefulSet", group: "apps", plural: "statefulsets", shortNames: ["sts"], categories: all),
        ResourceType(kind: "HorizontalPodAutoscaler", group: "autoscaling", version: "v2", otherVersions: ["v1"],
                     plural: "horizontalpodautoscalers", shortNames: ["hpa"], categories: all),
        ResourceType(kind: "CronJob", group: "batch", plural: "cronjobs", shortNames: ["cj"], categories: all),
        ResourceType(kind: "Job", group: "batch", plural: "jobs", categories: all),
        ResourceType(kind: "Lease", group: "coordination.k8s.io", plural: "leases"),
        ResourceType(kind: "EndpointSlice", group: "discovery.k8s.io", plural: "endpointslices"),
        ResourceType(kind: "Event", group: "events.k8s.io", plural: "events", shortNames: ["ev"]),
        ResourceType(kind: "IngressClass", group: "networking.k8s.io", plural: "ingressclasses", namespaced: false),
        ResourceType(kind: "Ingress", group: "networking.k8s.io", plural: "ingresses", shortNames: ["ing"]),
        ResourceType(kind: "NetworkPolicy", group: "networking.k8s.io", plural: "networkpolicies", shortNames: ["netpol"]),
        ResourceType(kind: "PodDisruptionBudget", group: "policy", plural: "poddisruptionbudgets", shortNames: ["pdb"]),
        ResourceType(kind: "ClusterRoleBinding", group: "rbac.authorization.k8s.io", plural: "clusterrolebindings", namespaced: false),
        ResourceType(kind: "ClusterRole", group: "rbac.authorization.k8s.io", plural: "clusterroles", namespaced: false),
        ResourceType(kind: "RoleBinding", group: "rbac.authorization.k8s.io", plural: "rolebindings"),
        ResourceType(kind: "Role", group: "rbac.authorization.k8s.io", plural: "roles"),
        ResourceType(kind: "PriorityClass", group: "scheduling.k8s.io", plural: "priorityclasses", shortNames: ["pc"], namespaced: false),
        ResourceType(kind: "StorageClass", group: "storage.k8s.io", plural: "storageclasses", shortNames: ["sc"], namespaced: false),
    ]
}

/// Resolves what a user typed (`po`, `pods`, `pod`, `deployments.apps`, `deploy.v1.apps`) to a resource type.
public struct ResourceRegistry: Sendable {
    public let types: [ResourceType]
    private var byName: [String: ResourceType] = [:]
    private var byKind: [String: ResourceType] = [:]

    public init(types: [ResourceType] = ResourceType.builtIn) {
        self.types = types
        // Earlier entries win, so the core `events` beats `events.events.k8s.io` for the bare name.
        for t in types {
            for n in [t.plural, t.singular] + t.shortNames {
                if byName[n] == nil { byName[n] = t }
                if byName["\(n).\(t.group)"] == nil, !t.group.isEmpty { byName["\(n).\(t.group)"] = t }
                for v in [t.version] + t.otherVersions {
                    let key = t.group.isEmpty ? "\(n).\(v)" : "\(n).\(v).\(t.group)"
                    if byName[key] == nil { byName[key] = t }
                }
            }
            for av in t.apiVersions where byKind["\(av)/\(t.kind)"] == nil { byKind["\(av)/\(t.kind)"] = t }
            if byKind[t.kind] == nil { byKind[t.kind] = t }
        }
    }

    /// This registry with `more` types served as well (a CustomResourceDefinition being established); types already
    /// served keep their names.
    public func adding(_ more: [ResourceType]) -> ResourceRegistry {
        ResourceRegistry(types: types + more.filter { m in !types.contains { $0.kind == m.kind && $0.group == m.group } })
    }

    /// The type for a name as typed on the command line, case-insensitively; nil if the server has no such type.
    public func lookup(_ typed: String) -> ResourceType? { byName[typed.lowercased()] }

    /// The type for an object's apiVersion and kind; nil if that pair is not served.
    public func lookup(apiVersion: String, kind: String) -> ResourceType? { byKind["\(apiVersion)/\(kind)"] }

    /// The type for a kind regardless of version.
    public func lookup(kind: String) -> ResourceType? { byKind[kind] }

    /// Every type in the `all` category, in the order `kubectl get all` prints them.
    public var allCategory: [ResourceType] {
        let order = ["Pod", "Service", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "HorizontalPodAutoscaler", "CronJob", "Job"]
        return order.compactMap { lookup(kind: $0) }
    }
}
