import MiniCluster

/// A network for runtime tests: a table of names → addresses and addresses → a responder.
final class FakeNetwork: NetworkDialer {
    var names: [String: String] = [:]
    var servers: [String: (HTTPRequest) -> HTTPResponse?] = [:]
    var sent: [HTTPRequest] = []

    func resolve(_ host: String, fromNamespace namespace: String?) -> String? {
        if let ip = names[host] { return ip }
        if host.split(separator: ".").count == 4, host.split(separator: ".").allSatisfy({ Int($0) != nil }) { return host }
        return nil
    }

    func send(_ request: HTTPRequest, fromNamespace namespace: String?, sourceIP: String?, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> {
        sent.append(request)
        guard let ip = resolve(request.host, fromNamespace: namespace) else { return .failure(.unknownHost(request.host)) }
        guard let server = servers[ip] else { return .failure(.timedOut) }
        guard let r = server(request) else { return .failure(.connectionRefused) }
        return .success(r)
    }
}

/// Builds launches and starts containers on a runtime at a fixed time.
struct RuntimeHarness {
    let runtime = SimulatedRuntime()
    let network = FakeNetwork()
    let t0 = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!

    func launch(image: String, command: [String]? = nil, args: [String]? = nil, env: [(String, String)] = [],
                mounts: [VolumeMount] = [], limits: Value? = nil, podName: String = "web-0", extra: Value = [:]) -> ContainerLaunch {
        var c: Value = ["name": "main", "image": .string(image)]
        if let command { c["command"] = .array(command.map { .string($0) }) }
        if let args { c["args"] = .array(args.map { .string($0) }) }
        if let limits { c["resources"] = ["limits": limits] }
        for (k, v) in extra.objectValue ?? [:] { c[k] = v }
        let pod: Value = ["metadata": ["name": .string(podName), "namespace": "default"], "spec": ["containers": [c]]]
        return ContainerLaunch(namespace: "default", podName: podName, podUID: "uid-1", podIP: "10.8.0.12",
                               nodeName: "node-a", container: c, pod: pod, environment: env, mounts: mounts,
                               restartCount: 0, network: network)
    }

    func start(_ l: ContainerLaunch, at t: Timestamp? = nil) -> ContainerProcess? {
        try? runtime.start(l, now: t ?? t0).get()
    }

    func at(_ seconds: Int64) -> Timestamp { t0 + .seconds(seconds) }
}
