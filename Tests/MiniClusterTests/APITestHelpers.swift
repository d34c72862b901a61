import MiniCluster
import XCTest

/// A fresh cluster and short-hands for the API tests.
struct APIFixture {
    let cluster = Cluster()

    /// API tests exercise the API server alone: no controller reconciles their hand-made families of objects.
    init() { cluster.controllers.enabled = false }
    var api: APIServer { cluster.api }
    func type(_ kind: String) -> ResourceType { cluster.registry.lookup(kind: kind)! }

    @discardableResult
    func make(_ kind: String, _ name: String, ns: String? = "default", labels: [String: String] = [:],
              extra: [String: Value] = [:], meta: [String: Value] = [:]) throws -> Value {
        var obj: Value = ["metadata": ["name": .string(name)]]
        if !labels.isEmpty { obj[path: "metadata", "labels"] = Value(stringMap: labels) }
        for (k, v) in meta { obj[path: "metadata", k] = v }
        for (k, v) in APIFixture.minimalBody(kind, name) { obj[k] = v }
        for (k, v) in extra {
            if case .object(let fields) = v, obj[k]?.isObject == true { for (f, fv) in fields { obj[path: k, f] = fv } }
            else { obj[k] = v }
        }
        return try api.create(type(kind), obj, namespace: ns)
    }

    /// The least a kind needs to pass the API server's validation (a container, a matching selector, TLS keys).
    static func minimalBody(_ kind: String, _ name: String) -> [String: Value] {
        let podSpec: Value = ["containers": [["name": "c", "image": "nginx"]]]
        let template: Value = ["metadata": ["labels": ["app": .string(name)]], "spec": podSpec]
        switch kind {
        case "Pod": return ["spec": podSpec]
        case "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet":
            return ["spec": ["selector": ["matchLabels": ["app": .string(name)]], "template": template]]
        default: return [:]
        }
    }

    /// An owner reference to `owner`, as controllers write them.
    static func ownerRef(_ owner: Value, block: Bool = true, controller: Bool = true) -> Value {
        ["apiVersion": .string(owner.apiVersion), "kind": .string(owner.kind), "name": .string(owner.metadataName),
         "uid": .string(owner.uid), "controller": .bool(controller), "blockOwnerDeletion": .bool(block)]
    }

    func exists(_ kind: String, _ name: String, ns: String? = "default") -> Bool {
        (try? api.get(type(kind), namespace: ns, name: name)) != nil
    }

    /// Lets timers due now run (the garbage collector and namespace controller).
    func settle() { cluster.advance(by: .milliseconds(0)) }
}

func XCTAssertAPIError(_ expr: @autoclosure () throws -> Any, _ reason: APIError.Reason, _ message: String,
                       file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expr(), file: file, line: line) { e in
        guard let e = e as? APIError else { return XCTFail("not an APIError: \(e)", file: file, line: line) }
        XCTAssertEqual(e.reason, reason, file: file, line: line)
        XCTAssertEqual(e.message, message, file: file, line: line)
    }
}
