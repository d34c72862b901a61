@testable import MiniCluster
import XCTest

/// A scripted program: runs until `exitAfter` (if any), answers exec/http/tcp through closures.
final class FakeProcess: ContainerProcess {
    let started: Timestamp
    var exitAfter: Duration?
    var exitCode: Int32
    /// What SIGTERM does: exit at once with this code, or nil to ignore it until SIGKILL.
    var onTerminate: Int32?
    var execHandler: (([String], Timestamp) -> ExecResult)?
    var httpHandler: ((HTTPRequest, Timestamp) -> HTTPResponse?)?
    var listening: Set<Int> = []
    let launch: ContainerLaunch
    private var exitedAt: (Timestamp, Int32, String)?

    init(launch: ContainerLaunch, started: Timestamp, exitAfter: Duration?, exitCode: Int32, onTerminate: Int32?) {
        self.launch = launch; self.started = started; self.exitAfter = exitAfter; self.exitCode = exitCode
        self.onTerminate = onTerminate
    }

    func advance(to now: Timestamp) -> ProcessState {
        if let e = exitedAt { return .exited(code: e.1, reason: e.2, at: e.0) }
        if let d = exitAfter, now >= started + d {
            exitedAt = (started + d, exitCode, exitCode == 0 ? "Completed" : "Error")
            return advance(to: now)
        }
        return .running
    }
    var nextWake: Timestamp? { exitedAt == nil ? exitAfter.map { started + $0 } : nil }
    func exec(_ argv: [String], stdin: String, now: Timestamp) -> ExecResult {
        execHandler?(argv, now) ?? ExecResult(stdout: "", stderr: "", status: 0)
    }
    func http(_ request: HTTPRequest, port: Int, now: Timestamp) -> HTTPResponse? { httpHandler?(request, now) }
    func listens(on port: Int, now: Timestamp) -> Bool { listening.contains(port) }
    func grpcHealth(port: Int, service: String, now: Timestamp) -> Bool? { nil }
    func terminate(now: Timestamp) {
        if exitedAt == nil, let code = onTerminate { exitedAt = (now, code, code == 0 ? "Completed" : "Error") }
    }
    func kill(now: Timestamp) { if exitedAt == nil { exitedAt = (now, 137, "Error") } }
    var logs: [LogLine] { [] }
    func usage(now: Timestamp) -> ResourceUsage { ResourceUsage(cpuMillicores: 1, memoryBytes: 1 << 20) }
}

/// Images by name: how long the first pull takes and what the program does.
final class FakeRuntime: ContainerRuntime {
    struct Image {
        var pull: Duration = .milliseconds(5123)
        var size: Int64 = 72_188_133
        var exitAfter: Duration? = nil
        var exitCode: Int32 = 0
        var onTerminate: Int32? = 0
    }
    var images: [String: Image] = ["nginx": Image(), "busybox": Image(pull: .milliseconds(1200), size: 2_160_406, exitAfter: .seconds(0))]
    var cached: Set<String> = []
    var started: [FakeProcess] = []
    var configure: ((FakeProcess) -> Void)?

    func pull(image: String, policy: String, node: String, now: Timestamp) -> PullOutcome {
        guard let img = images[image] else {
            return .failed("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/\(image)\": not found")
        }
        if cached.contains(node + "|" + image), policy != "Always" { return .pulled(took: .milliseconds(0), size: img.size, cached: true) }
        cached.insert(node + "|" + image)
        return .pulled(took: img.pull, size: img.size, cached: false)
    }

    func start(_ launch: ContainerLaunch, now: Timestamp) -> Result<ContainerProcess, ContainerStartError> {
        let img = images[launch.container["image"]?.stringValue ?? ""] ?? Image()
        let p = FakeProcess(launch: launch, started: now, exitAfter: img.exitAfter, exitCode: img.exitCode, onTerminate: img.onTerminate)
        configure?(p)
        started.append(p)
        return .success(p)
    }
}

/// A cluster with one bare node and a fake runtime, and short-hands for pods and their status.
struct KubeletFixture {
    let cluster = Cluster()
    let runtime = FakeRuntime()
    var api: APIServer { cluster.api }
    var podType: ResourceType { cluster.registry.lookup(kind: "Pod")! }
    static let node = "gke-kubetutor-default-pool-1a2b3c4d-x1y2"

    init(podCIDR: String? = "10.8.0.0/24") {
        var node: Value = ["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(Self.node)],
                           "status": ["addresses": [["type": "InternalIP", "address": "10.128.0.3"]]]]
        if let podCIDR { node[path: "spec", "podCIDR"] = .string(podCIDR) }
        _ = try? cluster.api.create(cluster.registry.lookup(kind: "Node")!, node, namespace: nil)
        cluster.kubelets.runtime = runtime
        cluster.settle()
    }

    @discardableResult
    func pod(_ name: String, _ spec: Value, node: String? = KubeletFixture.node, ns: String = "default") throws -> Value {
        var s = spec
        if let node { s["nodeName"] = .string(node) }
        let p = try api.create(podType, ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)], "spec": s], namespace: ns)
        cluster.settle()
        return p
    }

    func get(_ name: String, ns: String = "default") -> Value? { try? api.get(podType, namespace: ns, name: name) }

    /// READY / STATUS / RESTARTS as `kubectl get pods` shows them.
    func summary(_ name: String) -> String {
        guard let p = get(name) else { return "<gone>" }
        let s = PodSummary.of(p, now: cluster.now)
        return "\(s.ready) \(s.status) \(s.restarts)"
    }

    func advance(_ seconds: Double) { cluster.advance(by: .milliseconds(Int64(seconds * 1000))) }

    /// Events about a pod, oldest first, as `reason: message`.
    func events(_ name: String) -> [String] {
        let t = cluster.registry.lookup(kind: "Event")!
        return api.list(t, namespace: "default")
            .filter { $0[path: "involvedObject", "name"]?.stringValue == name }
            .sorted { ($0["firstTimestamp"]?.stringValue ?? "", $0.metadataName) < ($1["firstTimestamp"]?.stringValue ?? "", $1.metadataName) }
            .map { "\($0["reason"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")" + (($0["count"]?.intValue ?? 1) > 1 ? " (x\($0["count"]!.intValue!))" : "") }
    }

    static func containers(_ cs: Value...) -> Value { ["containers": .array(cs)] }
    static func c(_ name: String, _ image: String, _ extra: [String: Value] = [:]) -> Value {
        var v: Value = ["name": .string(name), "image": .string(image)]
        for (k, x) in extra { v[k] = x }
        return v
    }
}

extension KubeletFixture {
    /// Namespaces `default` and `other`, each with a `ca` ConfigMap, for tests of projected volumes; returns the
    /// ConfigMap and Secret types.
    func prepareProjectedVolumes() throws -> (configMap: ResourceType, secret: ResourceType) {
        let cmType = cluster.registry.lookup(kind: "ConfigMap")!, secretType = cluster.registry.lookup(kind: "Secret")!
        try api.create(cluster.registry.lookup(kind: "Namespace")!, ["metadata": ["name": "other"]], namespace: nil)
        for ns in ["default", "other"] {
            try api.create(cmType, ["metadata": ["name": "ca"], "data": ["ca.crt": .string("cert-\(ns)")]], namespace: ns)
        }
        return (cmType, secretType)
    }

    /// A service-account-style projected volume, with now and then another ConfigMap, Secret or downward API source
    /// (optional or not, present or not).
    static func randomProjectedVolume(_ g: inout SeededRandom) -> Value {
        var sources: [Value] = [["serviceAccountToken": ["path": "token", "expirationSeconds": 3607]],
                                ["configMap": ["name": "ca", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                                ["downwardAPI": ["items": [["path": "namespace", "fieldRef": ["fieldPath": "metadata.namespace"]]]]]]
        switch g.next() % 6 {
        case 0:
            let name = ["cm1", "cm2"][Int(g.next() % 2)]
            sources.append(["configMap": ["name": .string(name), "optional": .bool(g.next() % 2 == 0)]])
        case 1: sources.append(["secret": ["name": "s1", "optional": .bool(g.next() % 2 == 0)]])
        case 2: sources.append(["downwardAPI": ["items": [["path": "name", "fieldRef": ["fieldPath": "metadata.name"]]]]])
        case 3: sources.append(["configMap": ["name": "cm1", "items": [["key": "a", "path": "token"]]]])
        default: break
        }
        return ["name": .string("kube-api-access-\(g.next() % 100)"), "projected": ["sources": .array(sources), "defaultMode": 420]]
    }

    /// Creates Secret `s1` in a random namespace, or when that fails deletes it from one.
    func toggleSecret(_ secretType: ResourceType, _ g: inout SeededRandom) {
        let ns = ["default", "other"][Int(g.next() % 2)]
        if (try? api.create(secretType, ["metadata": ["name": "s1"], "data": ["k": "MQ=="]], namespace: ns)) == nil {
            _ = try? api.delete(secretType, namespace: ["default", "other"][Int(g.next() % 2)], name: "s1")
        }
    }

    /// One of a few pods in either namespace (the uid one of seven), with `volumes` if given.
    static func projectedPod(_ g: inout SeededRandom, _ i: Int, volumes: [Value]?) -> Value {
        let name = ["web-a", "web-b"][Int(g.next() % 2)], ns = ["default", "other"][Int(g.next() % 2)]
        var spec: Value = ["serviceAccountName": "default"]
        if let volumes { spec["volumes"] = .array(volumes) }
        return ["metadata": ["name": .string(name), "namespace": .string(ns), "uid": .string("u-\(i % 7)"),
                             "creationTimestamp": "2024-05-01T10:00:00Z"], "spec": spec]
    }

    /// A volume resolver without a memo and one with `memo`, for the same pod.
    func volumeResolvers(_ pod: Value, memo: ProjectedVolumeMemo) -> (plain: VolumeResolver, kept: VolumeResolver) {
        let env = EnvironmentResolver(api: api, pod: pod, container: .emptyObject, podIP: "10.8.0.2", hostIP: "10.128.0.3")
        return (VolumeResolver(api: api, pod: pod, env: env, clusterName: "c1"),
                VolumeResolver(api: api, pod: pod, env: env, clusterName: "c1", memo: memo))
    }
}
