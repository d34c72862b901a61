// How a MultiClusterIngress's global load balancer answers a request for its VIP: the URL map (the same rules as a
// GKE Ingress, in the `serviceName`/`servicePort` form MCI uses) picks a MultiClusterService port; then the member
// nearest the client with a ready pod behind its derived Service serves, and the next member takes over when none
// is ready there. No ready pod anywhere: the Google Front End's 502.

enum MultiClusterRouting {
    struct Backend: Equatable {
        var service: String
        /// The MultiClusterService port (`servicePort`), a number or a port name.
        var port: String
    }

    /// The ingress-style spec of an MCI template (`backend` → `defaultBackend`, `serviceName`/`servicePort` →
    /// `service.name`/`service.port`), so `IngressRouting` can match hosts and paths.
    static func asIngress(_ mci: Value) -> Value {
        let spec = mci[path: "spec", "template", "spec"] ?? .emptyObject
        func backend(_ b: Value?) -> Value? {
            guard let b, let s = b["serviceName"]?.stringValue else { return nil }
            let port: Value = b["servicePort"]?.intValue.map { ["number": .int($0)] } ?? ["name": b["servicePort"] ?? ""]
            return ["service": ["name": .string(s), "port": port]]
        }
        var out: Value = ["spec": .emptyObject]
        if let d = backend(spec["backend"]) { out["spec"]?["defaultBackend"] = d }
        var rules: [Value] = []
        for r in spec["rules"]?.arrayValue ?? [] {
            var paths: [Value] = []
            for p in r[path: "http", "paths"]?.arrayValue ?? [] {
                guard let b = backend(p["backend"]) else { continue }
                paths.append(["path": p["path"] ?? "/", "pathType": "ImplementationSpecific", "backend": b])
            }
            var rule: Value = ["http": ["paths": .array(paths)]]
            if let h = r["host"] { rule["host"] = h }
            rules.append(rule)
        }
        out["spec"]?["rules"] = .array(rules)
        return out
    }

    /// Every MultiClusterService port an MCI sends traffic to, in order, without repeats.
    static func backends(of mci: Value) -> [Backend] {
        let spec = mci[path: "spec", "template", "spec"] ?? .emptyObject
        var all: [Value] = []
        if let b = spec["backend"] { all.append(b) }
        for r in spec["rules"]?.arrayValue ?? [] {
            for p in r[path: "http", "paths"]?.arrayValue ?? [] { if let b = p["backend"] { all.append(b) } }
        }
        var out: [Backend] = []
        for b in all {
            guard let s = b["serviceName"]?.stringValue else { continue }
            let port = b["servicePort"]?.intValue.map(String.init) ?? b["servicePort"]?.stringValue ?? ""
            let e = Backend(service: s, port: port)
            if !out.contains(e) { out.append(e) }
        }
        return out
    }
}

extension Fleet {
    /// The MultiClusterIngress whose VIP this is, in the config cluster.
    public func ingress(withVIP ip: String) -> Value? {
        guard let config = configCluster, config.registry.lookup(kind: MultiClusterKinds.ingress.kind) != nil else { return nil }
        return config.api.list(MultiClusterKinds.ingress, namespace: nil).first { $0[path: "status", "VIP"]?.stringValue == ip }
    }

    /// A request from the learner's machine to `ip`; nil when no MultiClusterIngress holds that address.
    public func send(_ request: HTTPRequest, to ip: String) -> Result<HTTPResponse, NetworkError>? {
        guard let mci = ingress(withVIP: ip), let config = configCluster else { return nil }
        // The forwarding rule listens on port 80 only (no TLS configured).
        guard request.port == 80 else { return .failure(.timedOut) }
        let host = request.headers.first { $0.key.lowercased() == "host" }?.value ?? request.host
        guard case .backend(let b) = IngressRouting.route(MultiClusterRouting.asIngress(mci), host: host, path: request.path) else {
            return .success(IngressRouting.defaultBackendResponse)
        }
        let ns = mci.metadataNamespace ?? "default"
        guard let mcs = try? config.api.get(MultiClusterKinds.service, namespace: ns, name: b.service) else {
            return .success(IngressRouting.serverError)
        }
        let derived = Fleet.derivedServiceName(namespace: ns, name: b.service)
        let targets = Set(MultiClusterIngressController.targetMembers(mcs, self).map(\.name))
        for m in membersByDistance() where targets.contains(m.name) {
            let net = m.cluster.network
            guard let svc = try? m.cluster.api.get(net.types.service, namespace: ns, name: derived) else { continue }
            let ports = svc[path: "spec", "ports"]?.arrayValue ?? []
            let sp: Value?
            switch b.port {
            case .number(let n): sp = ports.first { $0["port"]?.intValue == n }
            case .name(let n): sp = ports.first { $0["name"]?.stringValue == n }
            }
            guard let sp else { continue }
            let ready = net.endpoints(of: svc, portName: sp["name"]?.stringValue ?? "").contains { $0.ready && $0.port != nil }
            guard ready else { continue }
            if case .success(let r) = net.viaService(svc, sp, onlyNode: nil, request,
                                                      source: PolicySource(ip: nil, namespace: nil, viaGoogleFrontEnd: true), now: m.cluster.now) {
                return .success(r)
            }
        }
        return .success(IngressRouting.serverError)
    }

    /// Ready pods behind a MultiClusterService's derived Service, per member name (for tests and checks).
    public func readyBackends(namespace ns: String, service: String) -> [String: Int] {
        var out: [String: Int] = [:]
        let derived = Fleet.derivedServiceName(namespace: ns, name: service)
        for m in liveMemberships {
            guard let svc = try? m.cluster.api.get(m.cluster.network.types.service, namespace: ns, name: derived) else { continue }
            out[m.name] = m.cluster.network.endpoints(of: svc, portName: nil).filter(\.ready).count
        }
        return out
    }
}
