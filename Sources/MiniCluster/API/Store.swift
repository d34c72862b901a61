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

    public init(type: WatchEventType, resource: ResourceType, object: Value, revision: Int, oldObject: Value? = nil) {
        self.type = type; self.resource = resource; self.object = object; self.revision = revision
        self.oldObject = oldObject
    }
}

/// Where an object lives: `namespace` is "" for cluster-scoped objects.
public struct ObjectKey: Hashable, Comparable, Sendable {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) { self.namespace = namespace; self.name = name }
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
}

public final class Store {
    public private(set) var revision = 0
    private var buckets: [ResourceType: [ObjectKey: Value]] = [:]
    /// Sorted keys per resource, rebuilt lazily after inserts/deletes (etcd lists in key order).
    private var sortedKeys: [ResourceType: [ObjectKey]] = [:]
    /// Every object of a type in key order, kept until the type changes (lists of 10,000 pods stay cheap).
    private var sortedValues: [ResourceType: [Value]] = [:]
    private var observers: [(WatchEvent) -> Void] = []
    /// Recent changes, for watches that start from a revision.
    public private(set) var changeLog: [WatchEvent] = []
    public var changeLogLimit = 10_000

    public init() {}

    public func get(_ t: ResourceType, _ key: ObjectKey) -> Value? { buckets[t]?[key] }

    /// All objects of a type, in namespace-then-name order; `namespace` nil means every namespace.
    public func list(_ t: ResourceType, namespace: String? = nil) -> [Value] {
        guard let bucket = buckets[t] else { return [] }
        if namespace == nil, let cached = sortedValues[t] { return cached }
        let keys: [ObjectKey]
        if let k = sortedKeys[t] { keys = k } else {
            keys = bucket.keys.sorted()
            sortedKeys[t] = keys
        }
        if let namespace {
            // Keys sort by namespace first: the namespace is one run of them.
            var i = Self.firstIndex(in: keys, notBefore: ObjectKey(namespace: namespace, name: ""))
            let start = i
            while i < keys.count, keys[i].namespace == namespace { i += 1 }
            if let values = sortedValues[t] { return Array(values[start..<i]) }
            return keys[start..<i].compactMap { bucket[$0] }
        }
        let values = keys.compactMap { bucket[$0] }
        sortedValues[t] = values
        return values
    }

    public func count(_ t: ResourceType) -> Int { buckets[t]?.count ?? 0 }

    /// The first index of sorted `keys` whose key is not before `key` (binary search).
    static func firstIndex(in keys: [ObjectKey], notBefore key: ObjectKey) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Stores an object, stamping its resourceVersion; returns the stored copy.
    @discardableResult
    public func put(_ t: ResourceType, _ object: Value) -> Value {
        revision += 1
        var obj = object
        obj[path: "metadata", "resourceVersion"] = .string(String(revision))
        let key = ObjectKey(namespace: t.namespaced ? (obj.metadataNamespace ?? "") : "", name: obj.metadataName)
        // One lookup for the old object and the write (in place through the default subscript).
        let old = buckets[t, default: [:]].updateValue(obj, forKey: key)
        if old == nil {
            sortedKeys[t] = nil
            sortedValues[t] = nil
        } else if sortedValues[t] != nil, let keys = sortedKeys[t] {
            // A changed object keeps its place: the list is patched, not rebuilt (one pod's status change must not
            // cost a 10,000-pod `get` a new list).
            let i = Self.firstIndex(in: keys, notBefore: key)
            if i < keys.count, keys[i] == key { sortedValues[t]![i] = obj } else { sortedValues[t] = nil }
        }
        emit(WatchEvent(type: old != nil ? .modified : .added, resource: t, object: obj, revision: revision, oldObject: old))
        return obj
    }

    /// Removes an object; returns it as it was.
    @discardableResult
    public func remove(_ t: ResourceType, _ key: ObjectKey) -> Value? {
        guard let old = buckets[t]?.removeValue(forKey: key) else { return nil }
        sortedKeys[t] = nil
        sortedValues[t] = nil
        revision += 1
        emit(WatchEvent(type: .deleted, resource: t, object: old, revision: revision))
        return old
    }

    /// Registers a callback for every change (informers; handlers should only enqueue work).
    public func observe(_ f: @escaping (WatchEvent) -> Void) { observers.append(f) }

    /// Every resource type that currently holds objects.
    public var populatedTypes: [ResourceType] { buckets.filter { !$0.value.isEmpty }.map(\.key) }

    private func emit(_ e: WatchEvent) {
        changeLog.append(e)
        if changeLog.count > changeLogLimit { changeLog.removeFirst(changeLog.count - changeLogLimit / 2) }
        for o in observers { o(e) }
    }
}
