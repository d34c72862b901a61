// Per-kind API knowledge: defaulting and validation. (Table columns live in Tables/, one file per kind family.)

/// What the API server knows about one kind beyond its discovery entry.
public struct KindSpec {
    public var type: ResourceType
    /// Whether the server sets metadata.generation (and bumps it on spec changes).
    public var hasGeneration: Bool
    /// Fills in server-side defaults (SetDefaults_*) in place.
    public var defaults: (inout Value, DefaultingContext) -> Void
    /// Validates a new object (`old` is nil) or an update; returns every field error found.
    public var validate: (_ new: Value, _ old: Value?) -> [FieldError]

    public init(type: ResourceType, hasGeneration: Bool = false,
                defaults: @escaping (inout Value, DefaultingContext) -> Void = { _, _ in },
                validate: @escaping (Value, Value?) -> [FieldError] = { _, _ in [] }) {
        self.type = type
        self.hasGeneration = hasGeneration
        self.defaults = defaults
        self.validate = validate
    }
}

/// What defaulting may consult: the clock and the seeded generator for allocated values.
public struct DefaultingContext {
    public var now: Timestamp
    /// True on create: admission-time defaults (service-account volume, IP/port allocation) apply only then.
    public var isCreate: Bool
    /// Draws from the server's seeded generator; nil leaves allocated values (IPs, ports, volume names) unset.
    public var random: (() -> UInt64)?
    /// The stored objects of a kind (`Service` …), so allocations avoid values already in use.
    public var existing: ((String) -> [Value])?
    /// On update, the stored object being replaced (a Service's type change drops what only the old type used).
    public var old: Value?

    public init(now: Timestamp, isCreate: Bool = false, random: (() -> UInt64)? = nil,
                existing: ((String) -> [Value])? = nil, old: Value? = nil) {
        self.now = now
        self.isCreate = isCreate
        self.random = random
        self.existing = existing
        self.old = old
    }
}

/// Every kind the server knows, keyed by group and kind.
public struct KindCatalog {
    /// Group and kind as they are: no `group/Kind` string is built for every write.
    private struct GroupKind: Hashable { var group, kind: String }
    private var specs: [GroupKind: KindSpec] = [:]

    public init(_ list: [KindSpec]) {
        for s in list { specs[GroupKind(group: s.type.group, kind: s.type.kind)] = s }
    }

    /// Adds (or replaces) the specs of kinds installed later (CustomResourceDefinitions).
    public mutating func add(_ list: [KindSpec]) {
        for s in list { specs[GroupKind(group: s.type.group, kind: s.type.kind)] = s }
    }

    public func spec(for t: ResourceType) -> KindSpec {
        specs[GroupKind(group: t.group, kind: t.kind)] ?? KindSpec(type: t)
    }
}

// MARK: - Metadata accessors shared by every kind

extension Value {
    public var metadataName: String { self[path: "metadata", "name"]?.stringValue ?? "" }
    public var metadataNamespace: String? { self[path: "metadata", "namespace"]?.stringValue }
    public var kind: String { self["kind"]?.stringValue ?? "" }
    public var apiVersion: String { self["apiVersion"]?.stringValue ?? "" }
    public var labels: [String: String] { self[path: "metadata", "labels"]?.stringMap ?? [:] }
    public var annotations: [String: String] { self[path: "metadata", "annotations"]?.stringMap ?? [:] }
    public var uid: String { self[path: "metadata", "uid"]?.stringValue ?? "" }
    public var creationTimestamp: Timestamp? {
        self[path: "metadata", "creationTimestamp"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
    }
    public var deletionTimestamp: Timestamp? {
        self[path: "metadata", "deletionTimestamp"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
    }
}
