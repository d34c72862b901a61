// The object store: objects by resource, namespace and name, a monotonically increasing revision, and a change log.

public enum WatchEventType: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }

public struct WatchEvent {
    public var type: WatchEventType
    public var resource: ResourceType
    public var object: Value
    public var revision: Int
    /// The object before a MODIFIED change (nil for ADDED and DELETED), so filtered watches can tell an
    /// object entering or leaving their selection.
    public var oldObject: Value?
    /// A write of the status subresource: `object` is `oldObject` with another `.status` and the next
    /// resourceVersion, nothing else. Handlers that read only spec and metadata can tell so without reading them.
    public var statusOnly: Bool
    /// The writer vouches that the object has no owner references, deletion timestamp or finalizers (the event
    /// recorder's Events, see `APIServer.createVouched`): the garbage collector need not read its metadata.
    public var noOwners: Bool
    /// Where the store keeps the object, when the store made the event (every handler of a write then shares the
    /// one key, whose hash is worked out once).
    private let storeKey: ObjectKey?

    public init(type: WatchEventType, resource: ResourceType, object: Value, revision: Int, oldObject: Value? = nil,
                statusOnly: Bool = false, key: ObjectKey? = nil, noOwners: Bool = false) {
        self.type = type; self.resource = resource; self.object = object; self.revision = revision
        self.oldObject = oldObject
        self.statusOnly = statusOnly
        self.noOwners = noOwners
        storeKey = key
    }

    /// Where the store keeps the object.
    public var key: ObjectKey { storeKey ?? ObjectKey(of: object, in: resource) }
}

/// Where an object lives: `namespace` is "" for cluster-scoped objects.
public struct ObjectKey: Hashable, Comparable, Sendable {
    public let namespace: String
    public let name: String
    /// The name's hash, worked out once: the tables keyed by object keys (the store's, the controllers', 10,000
    /// pods each) hash and rehash one word, not the name's bytes, which are often no longer in the cache. The name
    /// alone tells keys apart (most objects of a type share a namespace); equality compares both.
    private let nameHash: Int
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        nameHash = name.hashValue
    }
    public func hash(into h: inout Hasher) { h.combine(nameHash) }
    /// What the hash tables call: the one-word hash an Int key gets, without setting up a `Hasher` per lookup
    /// (equal to what `hash(into:)` gives, as the protocol requires).
    public func _rawHashValue(seed: Int) -> Int { nameHash._rawHashValue(seed: seed) }
    public static func == (a: ObjectKey, b: ObjectKey) -> Bool {
        a.nameHash == b.nameHash && a.name == b.name && a.namespace == b.namespace
    }
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }

    /// Where the store keeps `obj`, an object of type `t`: its namespace ("" for a cluster-scoped kind) and name.
    public init(of obj: Value, in t: ResourceType) {
        // `metadataNamespace` and `metadataName`, with the metadata found once for both (every write makes a key).
        guard case .object(let o) = obj, let i = Value.index(of: "metadata", in: o), case .object(let meta) = o.values[i]
        else { self.init(namespace: "", name: ""); return }
        func string(_ key: String) -> String {
            guard let j = Value.index(of: key, in: meta), case .string(let s) = meta.values[j] else { return "" }
            return s
        }
        self.init(namespace: t.namespaced ? string("namespace") : "", name: string("name"))
    }
}

public final class Store {
    public private(set) var revision = 0
    /// One type's objects, with its lists in key order (etcd lists in key order), all found with one lookup.
    private final class Bucket {
        var objects: [ObjectKey: Value] = [:]
        /// Sorted keys, rebuilt lazily after inserts and deletes.
        var sortedKeys: [ObjectKey]?
        /// Every object in key order, kept until the type changes (lists of 10,000 pods stay cheap).
        var sortedValues: [Value]?
        /// Counts every change to this type's objects (see `writes(of:)`).
        let writes = WriteCount()

        /// Makes room for one more object, four times the table when it is full rather than the dictionary's own
        /// doubling: each growth moves every object to a new table, and the Events of a 10,000-pod rollout (50,000)
        /// were moved 17 times over (about 1,700 instructions a pod); growing by four moves a third as many.
        /// Where objects sit in the table is not seen outside (lists go through the sorted keys).
        func roomForOneMore() {
            if objects.count >= objects.capacity { objects.reserveCapacity(Swift.max(4, objects.count * 4)) }
        }

        func keys() -> [ObjectKey] {
            if let sortedKeys { return sortedKeys }
            let k = objects.keys.sorted()
            sortedKeys = k
            return k
        }
    }
    private var buckets: [ResourceType: Bucket] = [:]
    /// The buckets found last, by their types' identities (the types are held here, so no other type takes one
    /// of those identities): a rollout's accesses go to a handful of types in turns (pods, their Events, replica
    /// sets, nodes), and comparing a few words costs less than hashing the type and comparing it with the table's.
    /// Buckets are never dropped, so a bucket remembered here is the one the table holds.
    private var recentIdentities: [ObjectIdentifier] = []
    private var recentBuckets: [Bucket] = []
    private var recentTypes: [ResourceType] = []
    private var nextRecent = 0
    static let recentBucketCount = 8

    /// How many times a type's objects were created, replaced or removed, shared with a reader that wants to know
    /// whether anything of the type changed since it last looked (the API server's namespace admission).
    public final class WriteCount {
        public fileprivate(set) var value = 0
        fileprivate init() {}
    }

    /// The type's write count, which stays the one the store updates (the type's bucket is made now if need be).
    public func writes(of t: ResourceType) -> WriteCount { bucket(for: t).writes }
    private var observers: [(WatchEvent) -> Void] = []
    /// Recent changes, for watches that start from a revision: between `changeLogLimit / 2` and `changeLogLimit` of
    /// them, in two halves. When the newer half is full the older one is dropped whole and the newer takes its place,
    /// so a trim neither moves nor copies the events kept.
    private var olderChanges: [WatchEvent] = []
    private var newerChanges: [WatchEvent] = []
    public var changeLogLimit = 10_000

    /// Recent changes, oldest first.
    public var changeLog: [WatchEvent] { olderChanges + newerChanges }

    /// Calls `body` with each change kept after `revision`, oldest first.
    public func forEachChange(after revision: Int, _ body: (WatchEvent) -> Void) {
        for half in [olderChanges, newerChanges] where (half.last?.revision ?? revision) > revision {
            // Revisions only grow along the log: the first one after `revision` is found by bisection.
            var lo = 0, hi = half.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if half[mid].revision > revision { hi = mid } else { lo = mid + 1 }
            }
            for e in half[lo...] { body(e) }
        }
    }

    public init() {}

    public func get(_ t: ResourceType, _ key: ObjectKey) -> Value? { existingBucket(for: t)?.objects[key] }

    /// All objects of a type, in namespace-then-name order; `namespace` nil means every namespace.
    public func list(_ t: ResourceType, namespace: String? = nil) -> [Value] {
        guard let bucket = existingBucket(for: t) else { return [] }
        if namespace == nil, let cached = bucket.sortedValues { return cached }
        let keys = bucket.keys()
        if let namespace {
            // Keys sort by namespace first: the namespace is one run of them.
            var i = Self.firstIndex(in: keys, notBefore: ObjectKey(namespace: namespace, name: ""))
            let start = i
            while i < keys.count, keys[i].namespace == namespace { i += 1 }
            if let values = bucket.sortedValues { return Array(values[start..<i]) }
            return keys[start..<i].compactMap { bucket.objects[$0] }
        }
        let values = keys.compactMap { bucket.objects[$0] }
        bucket.sortedValues = values
        return values
    }

    public func count(_ t: ResourceType) -> Int { existingBucket(for: t)?.objects.count ?? 0 }

    /// The first index of sorted `keys` whose key is not before `key` (binary search).
    static func firstIndex(in keys: [ObjectKey], notBefore key: ObjectKey) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Stores an object, stamping its resourceVersion; returns the stored copy. `statusOnly`: the caller changed
    /// nothing but `.status` of the stored object (see `WatchEvent.statusOnly`).
    @discardableResult
    public func put(_ t: ResourceType, _ object: consuming Value, statusOnly: Bool = false) -> Value {
        revision += 1
        // Taken, not borrowed: a caller that hands in its last copy spares the stamp below a copy of the object.
        var obj = object
        obj[path: "metadata", "resourceVersion"] = .string(Self.decimal(revision))
        let key = ObjectKey(of: obj, in: t)
        let bucket = self.bucket(for: t)
        bucket.roomForOneMore()
        let old = bucket.objects.updateValue(obj, forKey: key)
        bucket.writes.value += 1
        if old == nil {
            bucket.sortedKeys = nil
            bucket.sortedValues = nil
        } else if bucket.sortedValues != nil, let keys = bucket.sortedKeys {
            // A changed object keeps its place: the list is patched, not rebuilt (one pod's status change must not
            // cost a 10,000-pod `get` a new list).
            let i = Self.firstIndex(in: keys, notBefore: key)
            if i < keys.count, keys[i] == key { bucket.sortedValues![i] = obj } else { bucket.sortedValues = nil }
        }
        emit(WatchEvent(type: old != nil ? .modified : .added, resource: t, object: obj, revision: revision, oldObject: old,
                        statusOnly: statusOnly && old != nil, key: key))
        return obj
    }

    /// The type's bucket, made on first use.
    private func bucket(for t: ResourceType) -> Bucket {
        if let b = existingBucket(for: t) { return b }
        let b = Bucket()
        buckets[t] = b
        remember(t, b)
        return b
    }

    /// The type's bucket if it has one, through the ones remembered last.
    private func existingBucket(for t: ResourceType) -> Bucket? {
        if let i = recentIdentities.firstIndex(of: t.identity) { return recentBuckets[i] }
        guard let b = buckets[t] else { return nil }
        remember(t, b)
        return b
    }

    /// Remembers a type's bucket, in place of the one remembered longest ago once there are enough.
    private func remember(_ t: ResourceType, _ b: Bucket) {
        if recentIdentities.count < Self.recentBucketCount {
            recentIdentities.append(t.identity)
            recentBuckets.append(b)
            recentTypes.append(t)
            return
        }
        recentIdentities[nextRecent] = t.identity
        recentBuckets[nextRecent] = b
        recentTypes[nextRecent] = t
        nextRecent = (nextRecent + 1) % Self.recentBucketCount
    }

    /// Stores a new object under `key`, which no object may hold: what `put` does for a new object, but `make`
    /// builds it with its resourceVersion already in place (no stamp edited in afterwards, no old object to look
    /// for in the lists). Nil, storing nothing and using no revision, when `key` is taken. `make` must not use
    /// the store: it runs while the new key's slot is being filled. `noOwners`: see `WatchEvent.noOwners`.
    func add(_ t: ResourceType, _ key: ObjectKey, noOwners: Bool = false, _ make: (_ resourceVersion: String) -> Value) -> Value? {
        let bucket = self.bucket(for: t)
        // One probe both checks and inserts: a free key first gets `vacant`, whose storage no stored object
        // shares, and the object is built in its place; a taken key keeps its object.
        var added: Value?
        bucket.roomForOneMore()
        let vacant = Self.vacant.storageIdentity
        Self.fill(&bucket.objects[key, default: Self.vacant]) { slot in
            guard slot.storageIdentity == vacant else { return }
            revision += 1
            slot = make(Self.decimal(revision))
            added = slot
        }
        guard let obj = added else { return nil }
        bucket.writes.value += 1
        bucket.sortedKeys = nil
        bucket.sortedValues = nil
        emit(WatchEvent(type: .added, resource: t, object: obj, revision: revision, key: key, noOwners: noOwners))
        return obj
    }
    private static let vacant: Value = ["": .null]
    private static func fill(_ slot: inout Value, _ edit: (inout Value) -> Void) { edit(&slot) }

    /// `String(n)` for a revision, which is never negative: the digits written straight into the string, without
    /// the generic `description` call `String(n)` makes (about 230 instructions at every write).
    static func decimal(_ n: Int) -> String {
        guard n >= 0 else { return String(n) }
        var digits = 1
        var rest = n / 10
        while rest != 0 { digits += 1; rest /= 10 }
        return String(unsafeUninitializedCapacity: digits) { out in
            var v = n
            for i in stride(from: digits - 1, through: 0, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            }
            return digits
        }
    }

    /// Removes an object; returns it as it was.
    @discardableResult
    public func remove(_ t: ResourceType, _ key: ObjectKey) -> Value? {
        guard let bucket = existingBucket(for: t), let old = bucket.objects.removeValue(forKey: key) else { return nil }
        bucket.writes.value += 1
        bucket.sortedKeys = nil
        bucket.sortedValues = nil
        revision += 1
        emit(WatchEvent(type: .deleted, resource: t, object: old, revision: revision, key: key))
        return old
    }

    /// Registers a callback for every change (informers; handlers should only enqueue work).
    public func observe(_ f: @escaping (WatchEvent) -> Void) { observers.append(f) }

    /// Every resource type that currently holds objects.
    public var populatedTypes: [ResourceType] { buckets.filter { !$0.value.objects.isEmpty }.map(\.key) }

    private func emit(_ e: WatchEvent) {
        if newerChanges.count >= max(1, changeLogLimit / 2) { dropOlderChanges() }
        // The first half is given its full size at once, as every later one is (`dropOlderChanges`): grown by
        // doubling it was copied a dozen times, each copy retaining every event's objects (about 1 M instructions
        // once per store, whatever its size).
        if newerChanges.capacity == 0 { newerChanges.reserveCapacity(max(1, changeLogLimit / 2)) }
        newerChanges.append(e)
        for o in observers { o(e) }
    }

    /// The older half goes and the newer, full, takes its place. The events dropped hold most of the last references
    /// to objects' earlier versions (every status a pod went through), and freeing those trees is most of what a
    /// trim costs. It is done here, on the engine's thread: reference counts are not atomic in the engine (see
    /// Package.swift), so no other thread may release objects the store still shares with them.
    private func dropOlderChanges() {
        olderChanges = newerChanges
        newerChanges = []
        newerChanges.reserveCapacity(olderChanges.count)
    }
}
