// Strategic merge patch: like a merge patch, but lists the API declares as "merge" lists (containers by name,
// ports by containerPort, env by name …) merge element by element, and `$patch` directives delete or replace.
// `$retainKeys` clears unlisted keys; `$setElementOrder/<list>` fixes the order of a merged list.

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
        for (k, order) in p where k.hasPrefix("$setElementOrder/") {
            let field = String(k.dropFirst("$setElementOrder/".count))
            guard let list = result[field]?.arrayValue, let order = order.arrayValue else { continue }
            let before = original?[field]?.arrayValue ?? []
            if case .byKey(let key) = strategy(field: field, parents: parents, type: t) {
                result[field] = .array(ordered(list, patch: order, original: before) { $0[key] })
            } else {
                result[field] = .array(ordered(list, patch: order, original: before) { $0 })
            }
        }
        if let keep = p["$retainKeys"]?.arrayValue?.compactMap(\.stringValue), case .object(var o) = result {
            for k in o.keys where !keep.contains(k) { o[k] = nil }
            result = .object(o)
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
            var merged = original
            for v in patch where !merged.contains(v) { merged.append(v) }
            return ordered(merged, patch: patch, original: original) { $0 }
        }
        var out = original
        var kept: [Value] = []
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
            kept.append(element)
            if let index {
                if let merged = try mergeMap(out[index], element, parents: parents + [field], type: t) { out[index] = merged }
            } else if let added = try mergeMap(nil, element, parents: parents + [field], type: t) {
                out.append(added)
            }
        }
        return ordered(out, patch: kept, original: original) { $0[key] }
    }

    /// The order the real patcher leaves a merged list in (`normalizeElementOrder`): items named in the patch
    /// in patch order, the others in their old order, interleaved so both keep their old relative order.
    static func ordered(_ merged: [Value], patch: [Value], original: [Value], id: (Value) -> Value?) -> [Value] {
        let patchIDs = patch.compactMap(id)
        func position(_ list: [Value], _ v: Value) -> Int? {
            guard let i = id(v) else { return nil }
            return list.firstIndex { id($0) == i }
        }
        let inPatch = merged.filter { v in id(v).map(patchIDs.contains) ?? false }
            .sorted { (position(patch, $0) ?? 0) < (position(patch, $1) ?? 0) }
        let serverOnly = merged.filter { v in !(id(v).map(patchIDs.contains) ?? false) }
        var out: [Value] = [], i = 0, j = 0
        while i < serverOnly.count || j < inPatch.count {
            if j >= inPatch.count { out.append(serverOnly[i]); i += 1; continue }
            if i >= serverOnly.count { out.append(inPatch[j]); j += 1; continue }
            if let l = position(original, serverOnly[i]), let r = position(original, inPatch[j]), l < r {
                out.append(serverOnly[i]); i += 1
            } else {
                out.append(inPatch[j]); j += 1
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
