// RFC 6902 JSON patch (add, remove, replace, move, copy, test) over JSON pointers. The API server hides
// why an operation failed behind one generic 422; the details here document the cases.

public enum JSONPatch {
    /// The status the server answers when an operation does not apply (the detail is not sent back).
    static func rejected(_ detail: String) -> APIError {
        APIError(reason: .invalid, code: 422, message: "the server rejected our request due to an error in our request")
    }

    public static func apply(_ patch: Value, to doc: Value) throws -> Value {
        guard let ops = patch.arrayValue else {
            throw APIError.badRequest("error decoding patch: json: cannot unmarshal \(patch.goJSONTypeName) into Go value of type []handlers.jsonPatchOp")
        }
        var doc = doc
        for op in ops {
            guard op.isObject else {
                throw APIError.badRequest("error decoding patch: json: cannot unmarshal \(op.goJSONTypeName) into Go value of type handlers.jsonPatchOp")
            }
            let kind = op["op"]?.stringValue ?? ""
            let path = op["path"]?.stringValue ?? ""
            switch kind {
            case "add":
                guard let v = op["value"] else { throw rejected("add operation does not apply: value is missing") }
                try add(&doc, try pointer(path), v, kind)
            case "remove":
                _ = try remove(&doc, try pointer(path), kind)
            case "replace":
                guard let v = op["value"] else { throw rejected("replace operation does not apply: value is missing") }
                let p = try pointer(path)
                guard get(doc, p) != nil else { throw rejected("replace operation does not apply: doc is missing key: \(path)") }
                _ = try remove(&doc, p, kind)
                try add(&doc, p, v, kind)
            case "move":
                let from = try pointer(op["from"]?.stringValue ?? "")
                let v = try remove(&doc, from, kind)
                try add(&doc, try pointer(path), v, kind)
            case "copy":
                guard let v = get(doc, try pointer(op["from"]?.stringValue ?? "")) else {
                    throw rejected("copy operation does not apply: doc is missing from path: \(op["from"]?.stringValue ?? "")")
                }
                try add(&doc, try pointer(path), v, kind)
            case "test":
                if get(doc, try pointer(path)) != (op["value"] ?? .null) { throw rejected("testing value \(path) failed: test failed") }
            default:
                throw rejected("Unexpected kind: \(kind)")
            }
        }
        return doc
    }

    /// Splits `/a/b~1c/0` into unescaped tokens.
    static func pointer(_ s: String) throws -> [String] {
        if s.isEmpty { return [] }
        guard s.hasPrefix("/") else { throw rejected("JSON pointer must be empty or start with a \"/\"") }
        return s.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(_ doc: Value, _ path: [String]) -> Value? {
        var cur = doc
        for tok in path {
            switch cur {
            case .object(let o): guard let next = o[tok] else { return nil }; cur = next
            case .array(let a): guard let i = Int(tok), a.indices.contains(i) else { return nil }; cur = a[i]
            default: return nil
            }
        }
        return cur
    }

    private static func add(_ doc: inout Value, _ path: [String], _ v: Value, _ op: String) throws {
        guard let last = path.last else { doc = v; return }
        try update(&doc, Array(path.dropLast()), op) { parent in
            switch parent {
            case .object(var o):
                o[last] = v
                parent = .object(o)
            case .array(var a):
                if last == "-" { a.append(v) } else {
                    guard let i = Int(last), i >= 0, i <= a.count else {
                        throw rejected("\(op) operation does not apply: index out of bounds: \(last)")
                    }
                    a.insert(v, at: i)
                }
                parent = .array(a)
            default: throw rejected("\(op) operation does not apply: doc is missing path: /\(path.joined(separator: "/"))")
            }
        }
    }

    private static func remove(_ doc: inout Value, _ path: [String], _ op: String) throws -> Value {
        guard let last = path.last else { throw rejected("\(op) operation does not apply: doc is missing path: \"\"") }
        var removed: Value = .null
        try update(&doc, Array(path.dropLast()), op) { parent in
            switch parent {
            case .object(var o):
                guard let v = o.removeValue(forKey: last) else {
                    throw rejected("\(op) operation does not apply: doc is missing key: /\(path.joined(separator: "/"))")
                }
                removed = v
                parent = .object(o)
            case .array(var a):
                guard let i = Int(last), a.indices.contains(i) else {
                    throw rejected("\(op) operation does not apply: index out of bounds: \(last)")
                }
                removed = a.remove(at: i)
                parent = .array(a)
            default: throw rejected("\(op) operation does not apply: doc is missing path: /\(path.joined(separator: "/"))")
            }
        }
        return removed
    }

    /// Runs `change` on the container at `path`, rebuilding the tree on the way back up.
    private static func update(_ doc: inout Value, _ path: [String], _ op: String, _ change: (inout Value) throws -> Void) throws {
        guard let first = path.first else { try change(&doc); return }
        let rest = Array(path.dropFirst())
        switch doc {
        case .object(var o):
            guard var child = o[first] else { throw rejected("\(op) operation does not apply: doc is missing path: /\(path.joined(separator: "/"))") }
            try update(&child, rest, op, change)
            o[first] = child
            doc = .object(o)
        case .array(var a):
            guard let i = Int(first), a.indices.contains(i) else { throw rejected("\(op) operation does not apply: index out of bounds: \(first)") }
            var child = a[i]
            try update(&child, rest, op, change)
            a[i] = child
            doc = .array(a)
        default:
            throw rejected("\(op) operation does not apply: doc is missing path: /\(path.joined(separator: "/"))")
        }
    }
}
