// Delivery of a request once its address is known, as kube-proxy and the VPC route it: cluster IPs (inside the
// cluster only), load-balancer and external IPs, node ports on node IPs, pod IPs, and a pod's own 127.0.0.1.
// A service port without ready endpoints rejects (Connection refused); an address nothing routes times out.

/// One endpoint of a service as kube-proxy sees it.
struct Backend: Equatable {
    var ip: String
    /// The resolved target port for the service port asked about (nil when asked about none).
    var port: Int?
    var hostname: String?
    var nodeName: String?
    var ready: Bool
    var serving: Bool
    var terminating: Bool
}

extension ClusterNetwork {
    func deliver(_ request: HTTPRequest, to ip: String, inside: Bool, source: PolicySource, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> {
        let sourceIP = source.ip
        if ip == "127.0.0.1" || (sourceIP != nil && ip == sourceIP) {
            guard let src = sourceIP, let pod = pod(withIP: src) else { return .failure(.connectionRefused) }
            return toPod(pod, port: request.port, request, now: now)
        }
        if let ing = ingress(withIP: ip) {
            guard request.port == 80, policyAllows(source, toAddress: ip, port: request.port) else { return .failure(.timedOut) }
            return viaIngress(ing, request, sourceIP: sourceIP, now: now)
        }
        let services = api.list(types.service, namespace: nil)
        if let svc = services.first(where: { $0[path: "spec", "clusterIP"]?.stringValue == ip }) {
            guard inside, let sp = servicePort(svc, request.port) else { return .failure(.timedOut) }
            return viaService(svc, sp, onlyNode: nil, request, source: source, now: now)
        }
        if let svc = services.first(where: { Self.externalIPs(of: $0).contains(ip) }) {
            guard let sp = servicePort(svc, request.port) else { return .failure(.timedOut) }
            return viaService(svc, sp, onlyNode: nil, request, source: source, now: now)
        }
        if let (node, external) = node(withIP: ip) {
            guard inside || (external && nodePortsOpenFromOutside) else { return .failure(.timedOut) }
            for svc in services {
                guard let sp = (svc[path: "spec", "ports"]?.arrayValue ?? []).first(where: { $0["nodePort"]?.intValue == request.port }) else { continue }
                let local = svc[path: "spec", "externalTrafficPolicy"]?.stringValue == "Local"
                return viaService(svc, sp, onlyNode: local ? node : nil, request, source: source, now: now)
            }
            // Pods on the host's network listen on the node's own addresses; no policy selects them, but a client
            // isolated for egress needs an ipBlock that covers the node.
            let hostPods = hostNetworkPods(on: node)
            if !hostPods.isEmpty, !policyAllows(source, toAddress: ip, port: request.port) { return .failure(.timedOut) }
            for pod in hostPods {
                if case .success(let response) = toPod(pod, port: request.port, request, now: now) { return .success(response) }
            }
            return .failure(.connectionRefused)
        }
        if let pod = pod(withIP: ip) {
            guard inside, policyAllows(source, to: pod, port: request.port) else { return .failure(.timedOut) }
            return toPod(pod, port: request.port, request, now: now)
        }
        return .failure(.timedOut)
    }

    /// Load-balancer ingress IPs and `spec.externalIPs` of a service.
    static func externalIPs(of svc: Value) -> [String] {
        let ingress = (svc[path: "status", "loadBalancer", "ingress"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
        return ingress + (svc[path: "spec", "externalIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The TCP service port with this number.
    func servicePort(_ svc: Value, _ port: Int) -> Value? {
        (svc[path: "spec", "ports"]?.arrayValue ?? []).first {
            $0["port"]?.intValue == port && ($0["protocol"]?.stringValue ?? "TCP") == "TCP"
        }
    }

    /// Picks a backend of a service port (ready ones; terminating-but-serving ones when none is ready, as
    /// kube-proxy does) and hands the request to its pod.
    func viaService(_ svc: Value, _ sp: Value, onlyNode: String?, _ request: HTTPRequest, source: PolicySource, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> {
        let sourceIP = source.ip
        var all = endpoints(of: svc, portName: sp["name"]?.stringValue ?? "").filter { $0.port != nil }
        if let onlyNode { all = all.filter { $0.nodeName == onlyNode } }
        var usable = all.filter(\.ready)
        if usable.isEmpty { usable = all.filter { $0.serving && $0.terminating } }
        guard !usable.isEmpty else { return .failure(.connectionRefused) }
        var chosen = usable[Int(random.next() % UInt64(usable.count))]
        if svc[path: "spec", "sessionAffinity"]?.stringValue == "ClientIP" {
            let key = svc.uid + "|" + (sourceIP ?? "outside")
            if let ip = affinity[key], let b = usable.first(where: { $0.ip == ip }) { chosen = b } else { affinity[key] = chosen.ip }
        }
        // The policies judge the connection as the backend sees it, after kube-proxy's DNAT: a dropped packet
        // is not retried on another backend.
        guard let pod = pod(withIP: chosen.ip), let port = chosen.port, policyAllows(source, to: pod, port: port) else { return .failure(.timedOut) }
        return toPod(pod, port: port, request, now: now)
    }

    /// The request reaches the pod: the first container listening on the port answers.
    func toPod(_ pod: Value, port: Int, _ request: HTTPRequest, now: Timestamp) -> Result<HTTPResponse, NetworkError> {
        guard let containers else { return .failure(.connectionRefused) }
        let ns = pod.metadataNamespace ?? "default"
        for c in pod[path: "spec", "containers"]?.arrayValue ?? [] {
            guard let name = c["name"]?.stringValue,
                  let process = containers.process(namespace: ns, pod: pod.metadataName, container: name, previous: false),
                  process.listens(on: port, now: now) else { continue }
            if let response = process.http(request, port: port, now: now) { return .success(response) }
        }
        return .failure(.connectionRefused)
    }

    /// The running pods of a node that use its network namespace (`hostNetwork: true`).
    func hostNetworkPods(on node: String) -> [Value] {
        api.list(types.pod, namespace: nil).filter { p in
            p[path: "spec", "nodeName"]?.stringValue == node && p[path: "spec", "hostNetwork"]?.boolValue == true
                && p[path: "status", "phase"]?.stringValue == "Running"
        }
    }

    /// A pod that currently holds this IP (finished pods have given theirs back).
    func pod(withIP ip: String) -> Value? {
        api.list(types.pod, namespace: nil).first { p in
            EndpointPods.podIP(p) == ip && !["Succeeded", "Failed"].contains(p[path: "status", "phase"]?.stringValue ?? "")
        }
    }

    /// The node with this address, and whether it is its external one.
    func node(withIP ip: String) -> (name: String, external: Bool)? {
        guard let t = types.node else { return nil }
        for n in api.list(t, namespace: nil) {
            for a in n[path: "status", "addresses"]?.arrayValue ?? [] where a["address"]?.stringValue == ip {
                return (n.metadataName, a["type"]?.stringValue == "ExternalIP")
            }
        }
        return nil
    }

    /// A service's endpoints for one port name, from its EndpointSlices (what kube-proxy reads), or from its
    /// Endpoints object when it has no slices (hand-written endpoints of a service without a selector).
    func endpoints(of svc: Value, portName: String?) -> [Backend] {
        let ns = svc.metadataNamespace ?? "default"
        let slices = api.list(types.slice, namespace: ns).filter { $0.labels["kubernetes.io/service-name"] == svc.metadataName }
        var out: [Backend] = []
        func port(_ ports: [Value]) -> Int?? {
            guard let portName else { return .some(nil) }
            guard let p = ports.first(where: { ($0["name"]?.stringValue ?? "") == portName }) else { return nil }
            return .some(p["port"]?.intValue)
        }
        if !slices.isEmpty {
            for s in slices {
                guard let p = port(s["ports"]?.arrayValue ?? []) else { continue }
                for e in s["endpoints"]?.arrayValue ?? [] {
                    let ready = e[path: "conditions", "ready"]?.boolValue ?? true
                    for a in (e["addresses"]?.arrayValue ?? []).compactMap(\.stringValue) {
                        out.append(Backend(ip: a, port: p, hostname: e["hostname"]?.stringValue, nodeName: e["nodeName"]?.stringValue,
                                           ready: ready, serving: e[path: "conditions", "serving"]?.boolValue ?? ready,
                                           terminating: e[path: "conditions", "terminating"]?.boolValue ?? false))
                    }
                }
            }
            return out
        }
        guard let ep = try? api.get(types.endpoints, namespace: ns, name: svc.metadataName) else { return [] }
        for subset in ep["subsets"]?.arrayValue ?? [] {
            guard let p = port(subset["ports"]?.arrayValue ?? []) else { continue }
            for (key, ready) in [("addresses", true), ("notReadyAddresses", false)] {
                for a in subset[key]?.arrayValue ?? [] {
                    guard let ip = a["ip"]?.stringValue else { continue }
                    out.append(Backend(ip: ip, port: p, hostname: a["hostname"]?.stringValue, nodeName: a["nodeName"]?.stringValue,
                                       ready: ready, serving: ready, terminating: false))
                }
            }
        }
        return out
    }

    /// Endpoints DNS answers with: ready ones (all, for a service publishing unready addresses).
    func readyEndpoints(of svc: Value) -> [Backend] {
        endpoints(of: svc, portName: nil).filter(\.ready)
    }
}
