import MiniCluster
import XCTest
import Yams

/// A fresh cluster and shortcuts for creating objects and reading the API server's error lines.
struct KindsFixture {
    let cluster = Cluster()
    var api: APIServer { cluster.api }

    func type(_ kind: String, group: String = "") -> ResourceType {
        cluster.registry.types.first { $0.kind == kind && $0.group == group }!
    }

    /// Creates `obj` (its apiVersion/kind pick the type) and returns the stored object.
    @discardableResult
    func create(_ obj: Value, ns: String? = "default") throws -> Value {
        guard let t = cluster.registry.lookup(apiVersion: obj.apiVersion, kind: obj.kind) else {
            throw APIError.badRequest("no type for \(obj.apiVersion)/\(obj.kind)")
        }
        return try api.create(t, obj, namespace: t.namespaced ? (obj.metadataNamespace ?? ns) : nil)
    }

    /// The field errors a create would report, as `path: Type: value: detail` lines ([] when it succeeds).
    func errors(_ obj: Value) -> [String] {
        do { try create(obj); return [] } catch let e as APIError { return e.causes.map(\.message) } catch { return ["\(error)"] }
    }

    /// The field errors of updating the stored object with `change` applied.
    func updateErrors(_ t: ResourceType, _ name: String, _ change: (inout Value) -> Void) -> [String] {
        do {
            var obj = try api.get(t, namespace: "default", name: name)
            change(&obj)
            try api.update(t, obj, namespace: "default")
            return []
        } catch let e as APIError { return e.causes.map(\.message) } catch { return ["\(error)"] }
    }
}

/// Minimal objects to start tables from.
enum Sample {
    static func pod(_ name: String = "web", containers: Value = [["name": "web", "image": "nginx"]]) -> Value {
        ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)], "spec": ["containers": containers]]
    }

    static func deployment(_ name: String = "web", labels: Value = ["app": "web"], selector: Value? = ["matchLabels": ["app": "web"]],
                           podSpec: Value = ["containers": [["name": "web", "image": "nginx:1.25"]]]) -> Value {
        var d: Value = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
                        "spec": ["template": ["metadata": ["labels": labels], "spec": podSpec]]]
        if let selector { d[path: "spec", "selector"] = selector }
        return d
    }
}

/// YAML documents as engine values (Yams resolves scalars; key order does not matter to validation).
enum YAMLForTests {
    static func documents(_ text: String) throws -> [Value] {
        var out: [Value] = []
        for doc in try Yams.load_all(yaml: text) { out.append(value(doc)) }
        return out
    }

    static func value(_ any: Any) -> Value {
        switch any {
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(i)
        case let d as Double: return .double(d)
        case let a as [Any]: return .array(a.map(value))
        case let m as [String: Any]:
            var v = Value.emptyObject
            for k in m.keys.sorted() { v[k] = value(m[k]!) }
            return v
        case let m as [AnyHashable: Any]:
            var v = Value.emptyObject
            for (k, x) in m { v["\(k)"] = value(x) }
            return v
        default: return .null
        }
    }
}
