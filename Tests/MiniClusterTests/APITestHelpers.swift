import MiniCluster
import XCTest

/// A fresh cluster and short-hands for the API tests.
struct APIFixture {
    let cluster = Cluster()
    var api: APIServer { cluster.api }
    func type(_ kind: String) -> ResourceType { cluster.registry.lookup(kind: kind)! }

    @discardableResult
    func make(_ kind: String, _ name: String, ns: String? = "default", labels: [String: String] = [:],
              extra: [String: Value] = [:], meta: [String: Value] = [:]) throws -> Value {
        var obj: Value = ["metadata": ["name": .string(name)]]
        if !labels.isEmpty { obj[path: "metadata", "labels"] = Value(stringMap: labels) }
        for (k, v) in meta { obj[path: "metadata", k] = v }
        for (k, v) in extra { obj[k] = v }
        return try api.create(type(kind), obj, namespace: ns)
    }

    /// An owner reference to `owner`, as controllers write them.
    static func ownerRef(_ owner: Value, block: Bool = true) -> Value {
        ["apiVersion": .string(owner.apiVersion), "kind": .string(owner.kind), "name": .string(owner.metadataName),
         "uid": .string(owner.uid), "controller": true, "blockOwnerDeletion": .bool(block)]
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
