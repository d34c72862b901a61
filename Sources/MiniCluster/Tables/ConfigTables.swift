// Tables of configuration and namespace-scoped policy objects: ConfigMap, Secret, ServiceAccount, Namespace,
// ResourceQuota. (LimitRange has no printer: the default NAME / CREATED AT table.)

extension Tables {
    static let configMap = TableSpec(["Name", "Data", "Age"]) { o, now in
        [o.metadataName, String(Cell.count(o["data"]) + Cell.count(o["binaryData"])), Cell.age(o, now)]
    }

    static let secret = TableSpec(["Name", "Type", "Data", "Age"]) { o, now in
        [o.metadataName, Cell.string(o["type"], or: "Opaque"), String(Cell.count(o["data"])), Cell.age(o, now)]
    }

    static let serviceAccount = TableSpec(["Name", "Secrets", "Age"]) { o, now in
        [o.metadataName, String(Cell.count(o["secrets"])), Cell.age(o, now)]
    }

    static let namespace = TableSpec(["Name", "Status", "Age"]) { o, now in
        [o.metadataName, Cell.string(o[path: "status", "phase"], or: "Active"), Cell.age(o, now)]
    }

    /// REQUEST and LIMIT: each hard limit as `name: used/hard`, sorted by name; `limits.*` go to LIMIT.
    static let resourceQuota = TableSpec(["Name", "Request", "Limit", "Age"]) { o, now in
        let hard = o[path: "status", "hard"]?.objectValue ?? [:]
        let used = o[path: "status", "used"]?.objectValue ?? [:]
        var request: [String] = [], limit: [String] = []
        for name in hard.keys.sorted() {
            let entry = "\(name): \(quantity(used[name]))/\(quantity(hard[name]))"
            if name.hasPrefix("limits.") { limit.append(entry) } else { request.append(entry) }
        }
        return [o.metadataName, request.joined(separator: ", "), limit.joined(separator: ", "), Cell.age(o, now)]
    }

    /// A quantity as stored (a string, or a bare number); a missing one is `0`.
    static func quantity(_ v: Value?) -> String {
        switch v {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return d == d.rounded() ? String(Int(d)) : String(d)
        default: return "0"
        }
    }

    static let configTables: [String: TableSpec] = [
        "/ConfigMap": configMap, "/Secret": secret, "/ServiceAccount": serviceAccount, "/Namespace": namespace,
        "/ResourceQuota": resourceQuota,
    ]
}
