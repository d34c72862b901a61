import MiniCluster
import XCTest

/// A cluster with Services and pods whose status the test writes itself (playing kubelet).
final class ServiceFixture {
    let cluster: Cluster
    var api: APIServer { cluster.api }
    let svcType: ResourceType, podType: ResourceType, epType: ResourceType, sliceType: ResourceType

    init(seed: UInt64 = 1) {
        var o = Cluster.Options()
        o.seed = seed
        cluster = Cluster(options: o)
        let r = cluster.registry
        svcType = r.lookup(kind: "Service")!; podType = r.lookup(kind: "Pod")!
        epType = r.lookup(kind: "Endpoints")!; sliceType = r.lookup(kind: "EndpointSlice")!
    }

    @discardableResult
    func service(_ name: String, selector: [String: String]? = ["app": "web"], ports: Value = [["port": 80, "targetPort": 8080]],
                 type: String = "ClusterIP", labels: [String: String] = [:], spec extra: [String: Value] = [:]) throws -> Value {
        var spec: Value = ["type": .string(type), "ports": ports]
        if let selector { spec["selector"] = Value(stringMap: selector) }
        for (k, v) in extra { spec[k] = v }
        var meta: Value = ["name": .string(name)]
        if !labels.isEmpty { meta["labels"] = Value(stringMap: labels) }
        let s = try api.create(svcType, ["apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec], namespace: "default")
        settle()
        return s
    }

    /// A pod that runs on `node` with `ip` and the given readiness (nil ip: not started yet).
    @discardableResult
    func pod(_ name: String, labels: [String: String] = ["app": "web"], ip: String?, ready: Bool = true, node: String = "node-a",
             containerPorts: Value? = nil, spec extra: [String: Value] = [:]) throws -> Value {
        var container: Value = ["name": "app", "image": "nginx"]
        if let containerPorts { container["ports"] = containerPorts }
        var spec: Value = ["containers": [container], "nodeName": .string(node)]
        for (k, v) in extra { spec[k] = v }
        try api.create(podType, ["apiVersion": "v1", "kind": "Pod",
                                 "metadata": ["name": .string(name), "labels": Value(stringMap: labels)], "spec": spec],
                       namespace: "default")
        if let ip { try setStatus(name, ip: ip, ready: ready) }
        settle()
        return try api.get(podType, namespace: "default", name: name)
    }

    func setStatus(_ name: String, ip: String, ready: Bool) throws {
        let status: Value = ["phase": "Running", "podIP": .string(ip), "podIPs": [["ip": .string(ip)]],
                             "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False"),
                                             "lastTransitionTime": .string(cluster.now.rfc3339)]]]
        try api.updateStatus(podType, namespace: "default", name: name, status: status)
        settle()
    }

    func setReady(_ name: String, _ ready: Bool) throws {
        let pod = try api.get(podType, namespace: "default", name: name)
        try setStatus(name, ip: pod[path: "status", "podIP"]?.stringValue ?? "", ready: ready)
    }

    func settle() { cluster.settle() }

    func endpoints(_ name: String) -> Value? { try? api.get(epType, namespace: "default", name: name) }

    func slices(_ svc: String) -> [Value] {
        api.list(sliceType, namespace: "default").filter { $0.labels["kubernetes.io/service-name"] == svc }
    }

    /// The ENDPOINTS cell of `kubectl get endpoints NAME`.
    func endpointsCell(_ name: String) -> String? {
        guard let ep = endpoints(name) else { return nil }
        return Tables.spec(for: epType).cells(ep, cluster.now)[1]
    }

    /// The EXTERNAL-IP cell of `kubectl get svc NAME`.
    func externalIPCell(_ name: String) throws -> String {
        let svc = try api.get(svcType, namespace: "default", name: name)
        return Tables.spec(for: svcType).cells(svc, cluster.now)[3]
    }

    /// `REASON message` of the events about an object, oldest first.
    func events(about name: String) -> [String] {
        let t = cluster.registry.lookup(kind: "Event")!
        return api.list(t, namespace: "default").filter { $0[path: "involvedObject", "name"]?.stringValue == name }
            .sorted { ($0["firstTimestamp"]?.stringValue ?? "", $0.metadataName) < ($1["firstTimestamp"]?.stringValue ?? "", $1.metadataName) }
            .map { "\($0["reason"]?.stringValue ?? "") \($0["message"]?.stringValue ?? "")" }
    }
}
