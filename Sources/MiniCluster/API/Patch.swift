// PATCH: the three patch formats kubectl sends (JSON merge, JSON patch, strategic merge), applied to the
// stored object and then admitted exactly like an update (defaulting, validation, generation).

/// The patch content types (`kubectl patch --type json|merge|strategic`).
public enum PatchType: String, Sendable {
    case json, merge, strategic
}

extension APIServer {
    /// Patches an object in place. `patch` is the decoded patch document (kubectl turns YAML/JSON text
    /// into it first). Errors are worded as the API server words them for each patch type.
    @discardableResult
    public func patch(_ t: ResourceType, namespace: String?, name: String, patch: Value, type: PatchType,
                      dryRun: Bool = false) throws -> Value {
        let old = try get(t, namespace: namespace, name: name)
        var patched: Value
        switch type {
        case .merge:
            guard patch.isObject else {
                throw APIError.badRequest("error decoding patch: json: cannot unmarshal \(patch.goJSONTypeName) into Go value of type map[string]interface {}")
            }
            patched = JSONMergePatch.apply(patch, to: old)
        case .json:
            patched = try JSONPatch.apply(patch, to: old)
        case .strategic:
            guard patch.isObject else {
                throw APIError.badRequest("json: cannot unmarshal \(patch.goJSONTypeName) into Go value of type map[string]interface {}")
            }
            patched = try StrategicMergePatch.apply(patch, to: old, type: t)
        }
        guard patched.isObject else {
            throw APIError.badRequest("json: cannot unmarshal \(patched.goJSONTypeName) into Go value of type map[string]interface {}")
        }
        if let e = KindSchemas.strictDecodingError(patched, kind: t.kind) { throw e }
        if patched.metadataName != name {
            throw APIError.badRequest("the name of the object (\(patched.metadataName)) does not match the name on the URL (\(name))")
        }
        if t.namespaced, let ns = patched.metadataNamespace, let want = old.metadataNamespace, ns != want {
            throw APIError.badRequest("the namespace of the object (\(ns)) does not match the namespace on the request (\(want))")
        }
        if let rv = patched[path: "metadata", "resourceVersion"]?.stringValue, !rv.isEmpty,
           rv != old[path: "metadata", "resourceVersion"]?.stringValue {
            throw APIError.conflict(t, name, "the object has been modified; please apply your changes to the latest version and try again")
        }
        patched[path: "metadata", "resourceVersion"] = old[path: "metadata", "resourceVersion"]
        let obj = try admitUpdate(t, patched, old: old)
        if dryRun { return obj }
        if obj == old { return old }  // a no-op patch writes nothing (no new resourceVersion, no event)
        return commit(t, obj)
    }
}

extension Value {
    /// The JSON type name Go's decoder uses in "cannot unmarshal X into …" errors.
    var goJSONTypeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// RFC 7386 JSON merge patch: objects merge key by key, `null` deletes, anything else replaces.
public enum JSONMergePatch {
    public static func apply(_ patch: Value, to target: Value?) -> Value {
        guard case .object(let p) = patch else { return patch }
        var result: Value = (target?.isObject ?? false) ? (target ?? .emptyObject) : .emptyObject
        for (k, v) in p {
            if v.isNull { result[k] = nil } else { result[k] = apply(v, to: result[k]) }
        }
        return result
    }
}
