// Containers for network tests before (or without) the kubelet: each pod's process answers HTTP on its ports
// with the pod's name, as hello-app answers with its hostname.
import MiniCluster

public final class HostnameProcess: ContainerProcess {
    public let pod: String
    public let ports: Set<Int>
    public private(set) var requests: [HTTPRequest] = []
    public init(pod: String, ports: Set<Int>) { self.pod = pod; self.ports = ports }
    public func advance(to now: Timestamp) -> ProcessState { .running }
    public var nextWake: Timestamp? { nil }
    public func exec(_ argv: [String], stdin: String, now: Timestamp) -> ExecResult { ExecResult(stdout: "", stderr: "", status: 0) }
    public func http(_ request: HTTPRequest, port: Int, now: Timestamp) -> HTTPResponse? {
        guard ports.contains(port) else { return nil }
        requests.append(request)
        if request.path == "/missing" { return HTTPResponse(status: 404, headers: [("Content-Type", "text/plain")], body: "not found\n") }
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: "Hostname: \(pod)\n")
    }
    public func listens(on port: Int, now: Timestamp) -> Bool { ports.contains(port) }
    public func grpcHealth(port: Int, service: String, now: Timestamp) -> Bool? { nil }
    public func terminate(now: Timestamp) {}
    public func kill(now: Timestamp) {}
    public var logs: [LogLine] { [] }
    public func usage(now: Timestamp) -> ResourceUsage { ResourceUsage(cpuMillicores: 0, memoryBytes: 0) }
}

/// The kubelets as the network sees them: pod name → its one container's process.
public final class HostnameDirectory: ContainerDirectory {
    public var processes: [String: HostnameProcess] = [:]
    public init() {}
    public func process(namespace: String, pod: String, container: String, previous: Bool) -> ContainerProcess? {
        previous ? nil : processes[pod]
    }
}

/// Playing kubelet: a running, ready (or not) pod with an IP, written through the status subresource.
public enum FakeKubelet {
    public static func runPod(_ c: Cluster, _ name: String, ns: String = "default", labels: [String: String], ip: String,
                              node: String = "node-a", ready: Bool = true) throws {
        guard let t = c.registry.lookup(kind: "Pod") else { return }
        try c.api.create(t, ["apiVersion": "v1", "kind": "Pod",
                             "metadata": ["name": .string(name), "labels": Value(stringMap: labels)],
                             "spec": ["nodeName": .string(node), "containers": [["name": "app", "image": "gcr.io/google-samples/hello-app:1.0"]]]],
                         namespace: ns)
        try c.api.updateStatus(t, namespace: ns, name: name, status: [
            "phase": "Running", "podIP": .string(ip), "podIPs": [["ip": .string(ip)]],
            "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False"), "lastTransitionTime": .string(c.now.rfc3339)]],
        ])
        c.settle()
    }
}
