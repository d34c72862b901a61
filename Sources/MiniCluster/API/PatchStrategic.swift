// Strategic merge patch: like a merge patch, but lists the API declares as "merge" lists (containers by name,
// ports by containerPort, env by name …) merge element by element, and `$patch` directives delete or replace.
// `$retainKeys` and `$setElementOrder` are accepted and ignored.

import OrderedCollections

public enum StrategicMergePatch {
    /// How one list field merges: by a key field, as a set of primitives, or (nil) not at all.
    enum ListStrategy: Equatable { case byKey(String), primitives }

    /// The patch-merge-key table of the built-in types, by field name and where it sits.
    static func strategy(field: String, parents: [String], type t: ResourceType) -> ListStrategy? {
        let inContainer = parents.contains { ["containers", "initContainers", "ephemeralContainers"].contains($0) }
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "imagePullSecrets", "resourceClaims":
            return .byKey("name")
        case "env": return inContainer ? .byKey("name") : nil
        case "volumeMounts": return .byKey("mountPath")
        case "volumeDevices": return .byKey("devicePath")
        case "hostAliases": return .byKey("ip")
        case "topologySpreadConstraints": return .byKey("topologyKey")
        case "ports":
            if inContainer { return .byKey("containerPort") }
            if t.kind == "Service", parents == ["spec"] { return .byKey("port") }
            return nil
        case "conditions": return parents.first == "status" ? .byKey("type") : nil
        case "addresses": return t.kind == "Node" && parents == ["status"] ? .byKey("type") : nil
        case "ownerReferences": return parents == ["metadata"] ? .byKey("uid") : nil
        case "finalizers": return parents == ["metadata"] ? .primitives : nil
        case "secrets": return t.kind == "ServiceAccount" && parents.isEmpty ? .byKey("name") : nil
        default: return nil
        }
    }

    public static func apply(_ patch: Value, to original: Value, type t: ResourceType) throws -> Value {
        try mergeMap(original, patch, parents: [], type: t) ?? .emptyObject
    }

    static func failure(_ message: String) -> APIError { APIError.badRequest(message) }

    /// Merges one object; nil means the patch deleted it (`$patch: delete`).
    static func mergeMap(_ original: Value?, _ patch: Value, parents: [String], type t: ResourceType) throws -> Value? {
        guard case .object(var p) = patch else { return patch }
        if let directive = p["$patch"] {
            p["$patch"] = nil
            switch directive.stringValue {
            case "replace": return .object(p)
            case "delete": return nil
            default: throw failure("Unknown patch type: \(directive.stringValue ?? "") in map: \(goMap(p))")
            }
        }
        var result: Value = (original?.isObject ?? false) ? (original ?? .emptyObject) : .emptyObject
        var deletions: [String: [Value]] = [:]
        for (k, v) in p {
            if k == "$retainKeys" || k.hasPrefix("$setElementOrder/") { continue }
            if k.hasPrefix("$deleteFromPrimitiveList/") {
                deletions[String(k.dropFirst("$deleteFromPrimitiveList/".count))] = v.arrayValue ?? []
                continue
            }
            if v.isNull { result[k] = nil; continue }
            let here = parents + [k]
            switch (result[k], v) {
            case (.some(.object), .object), (.none, .object):
                result[k] = try mergeMap(result[k], v, parents: here, type: t)
            case (_, .array(let patchList)):
                result[k] = .array(try mergeList(result[k]?.arrayValue ?? [], patchList, field: k, parents: parents, type: t))
            default:
                result[k] = v
            }
        }
        for (k, remove) in deletions {
            if let list = result[k]?.arrayValue { result[k] = .array(list.filter { !remove.contains($0) }) }
        }
        return result
    }

    static func mergeList(_ original: [Value], _ patch: [Value], field: String, parents: [String],
                          type t: ResourceType) throws -> [Value] {
        guard let strategy = strategy(field: field, parents: parents, type: t) else {
            return try patch.compactMap { try mergeMap(nil, $0, parents: parents + [field], type: t) }
        }
        if patch.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
            return patch.filter { $0["$patch"] == nil }
        }
        guard case .byKey(let key) = strategy else {
            var out = original
            for v in patch where !out.contains(v) { out.append(v) }
            return out
        }
        var out = original
        for element in patch {
            guard case .object(let e) = element else { throw failure("Invalid JSON Patch") }
            guard let id = e[key] else {
                throw APIError(reason: .internalError, code: 500,
                               message: "Internal error occurred: map: \(goMap(e)) does not contain declared merge key: \(key)")
            }
            let index = out.firstIndex { $0[key] == id }
            if e["$patch"]?.stringValue == "delete" {
                if let index { out.remove(at: index) }
                continue
            }
            if let index {
                if let merged = try mergeMap(out[index], element, parents: parents + [field], type: t) { out[index] = merged }
            } else if let added = try mergeMap(nil, element, parents: parents + [field], type: t) {
                out.append(added)
            }
        }
        return out
    }

    /// Go's `%v` of a `map[string]interface{}` (keys sorted), for error messages.
    static func goMap(_ o: OrderedDictionary<String, Value>) -> String {
        "map[" + o.keys.sorted().map { k in "\(k):\(goValue(o[k] ?? .null))" }.joined(separator: " ") + "]"
    }

    private static func goValue(_ v: Value) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(goValue).joined(separator: " ") + "]"
        case .object(let o): return goMap(o)
        }
    }
}
