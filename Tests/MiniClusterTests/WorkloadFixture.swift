import MiniCluster
import TestSupport
import XCTest

/// Short-hands for workload tests.
struct WorkloadFixture {
    let cluster: Cluster
    let kubelet: TestKubelet
    var api: APIServer { cluster.api }
    func type(_ kind: String) -> ResourceType { cluster.registry.lookup(kind: kind)! }

    init(seed: UInt64 = 1, startDelay: Duration = .seconds(2)) {
        var o = Cluster.Options()
        o.seed = seed
        cluster = Cluster(options: o)
        kubelet = TestKubelet.install(on: cluster, startDelay: startDelay)
    }

    static func deployment(_ name: String, replicas: Int, image: String = "nginx:1.14.2",
                           strategy: Value? = nil, extraSpec: [String: Value] = [:]) -> Value {
        var d: Value = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name)],
            "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                     "template": ["metadata": ["labels": ["app": .string(name)]],
                                  "spec": ["containers": [["name": "c", "image": .string(image)]]]]],
        ]
        if let strategy { d[path: "spec", "strategy"] = strategy }
        for (k, v) in extraSpec { d[path: "spec", k] = v }
        return d
    }

    @discardableResult
    func create(_ obj: Value) throws -> Value {
        let t = type(obj.kind)
        let made = try api.create(t, obj, namespace: "default")
        cluster.settle()
        return made
    }

    func get(_ kind: String, _ name: String) throws -> Value { try api.get(type(kind), namespace: "default", name: name) }
    func list(_ kind: String) -> [Value] { api.list(type(kind), namespace: "default") }
    func activePods() -> [Value] { list("Pod").filter { $0.deletionTimestamp == nil } }

    /// Changes a Deployment's spec and lets the controllers react.
    func updateSpec(_ name: String, _ change: (inout Value) -> Void) throws {
        var d = try get("Deployment", name)
        change(&d)
        try api.update(type("Deployment"), d, namespace: "default")
        cluster.settle()
    }

    /// Steps time one second at a time, calling `check` after each step.
    func run(seconds: Int) { run(seconds: seconds, check: {}) }

    func run(seconds: Int, check: () throws -> Void) rethrows {
        for _ in 0..<seconds {
            cluster.advance(by: .seconds(1))
            try check()
        }
    }

    func events(reason: String) -> [String] {
        list("Event").filter { $0["reason"]?.stringValue == reason }
            .sorted { Self.nanos($0) < Self.nanos($1) }
            .compactMap { $0["message"]?.stringValue }
    }

    /// Event names end in hex nanoseconds: the order they were recorded.
    static func nanos(_ ev: Value) -> UInt64 {
        UInt64(ev.metadataName.split(separator: ".").last.map(String.init) ?? "", radix: 16) ?? 0
    }

    func condition(_ d: Value, _ type: String) -> Value? {
        (d[path: "status", "conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }
    }
}
