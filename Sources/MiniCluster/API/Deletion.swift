// DELETE: propagation policies, finalizers, graceful deletion and dry runs, as the generic registry store
// does them. The garbage collector finishes what the finalizers `orphan` and `foregroundDeletion` start.

/// What happens to an object's dependents (`--cascade=background|foreground|orphan`).
public enum PropagationPolicy: String, Sendable {
    case background = "Background", foreground = "Foreground", orphan = "Orphan"
}

public enum Finalizer {
    public static let orphan = "orphan"
    public static let foregroundDeletion = "foregroundDeletion"
    /// The namespace controller's entry in a Namespace's `spec.finalizers`.
    public static let kubernetes = "kubernetes"
}

extension APIServer {
    /// Deletes an object. Objects with finalizers (or a foreground/orphan cascade, or a kind's grace period)
    /// get `deletionTimestamp` and stay until those are done; everything else leaves the store at once.
    /// Returns the object as it stands after the call (what the server sends back).
    @discardableResult
    public func delete(_ t: ResourceType, namespace: String?, name: String, propagation: PropagationPolicy = .background,
                       gracePeriod: Int? = nil, dryRun: Bool = false) throws -> Value {
        let k = key(t, namespace, name)
        guard var obj = store.get(t, k) else { throw APIError.notFound(t, name) }
        if t.kind == "Namespace", t.group.isEmpty {
            return try namespaces.delete(obj, dryRun: dryRun)
        }
        let grace = gracePeriodPolicies[t].flatMap { $0(obj, gracePeriod) } ?? 0

        if let deleting = obj.deletionTimestamp {
            // Already going: a shorter grace period brings the end forward; grace 0 ends the wait.
            let current = obj[path: "metadata", "deletionGracePeriodSeconds"]?.intValue ?? 0
            guard current > 0, grace < current else { return obj }
            let newEnd = clock.now + .seconds(Int64(grace))
            if newEnd < deleting || grace == 0 {
                obj[path: "metadata", "deletionTimestamp"] = .string(newEnd.rfc3339)
                obj[path: "metadata", "deletionGracePeriodSeconds"] = .int(grace)
            }
            if dryRun { return obj }
            return commit(t, obj)
        }

        var finalizers = obj.finalizers.filter { $0 != Finalizer.orphan && $0 != Finalizer.foregroundDeletion }
        let existing = obj.finalizers
        switch propagation {
        case .orphan: finalizers.append(Finalizer.orphan)
        case .foreground: finalizers.append(Finalizer.foregroundDeletion)
        case .background: break
        }
        if finalizers.isEmpty, grace == 0 {
            if dryRun { return obj }
            store.remove(t, k)
            return obj
        }
        if finalizers != existing { obj[path: "metadata", "finalizers"] = .array(finalizers.map(Value.string)) }
        obj[path: "metadata", "deletionTimestamp"] = .string((clock.now + .seconds(Int64(grace))).rfc3339)
        obj[path: "metadata", "deletionGracePeriodSeconds"] = .int(grace)
        if dryRun { return obj }
        return store.put(t, obj)
    }

    /// Applies a server-side change to a stored object (controllers' writes: no admission), then the same
    /// end-of-deletion rule as an update.
    @discardableResult
    func mutate(_ t: ResourceType, _ k: ObjectKey, _ change: (inout Value) -> Void) -> Value? {
        guard var obj = store.get(t, k) else { return nil }
        let before = obj
        change(&obj)
        if obj == before { return obj }
        return commit(t, obj)
    }
}
