// How a GKE HTTP(S) load balancer made for an Ingress picks a backend: the URL map the ingress-gce controller
// builds from the rules (a host rule per host, wildcards for one DNS label, the longest matching path), the
// Ingress's default backend, or GKE's own default backend that answers `default backend - 404`.

/// A service port an Ingress names.
struct IngressBackend: Equatable {
    enum Port: Equatable { case number(Int), name(String) }
    var service: String
    var port: Port

    init?(_ b: Value?) {
        guard let s = b?["service"], let name = s["name"]?.stringValue else { return nil }
        service = name
        if let n = s[path: "port", "number"]?.intValue { port = .number(n) }
        else if let n = s[path: "port", "name"]?.stringValue { port = .name(n) }
        else { return nil }
    }

    init(service: String, port: Port) { self.service = service; self.port = port }
}

enum IngressRouting {
    enum Route: Equatable {
        case backend(IngressBackend)
        /// Nothing matched and the Ingress names no default backend: GKE's default backend answers.
        case gkeDefault
    }

    /// The classes GKE's own controller takes: no class at all, or `gce` (the external load balancer).
    static func isGCE(_ ing: Value) -> Bool {
        if let c = ing.annotations["kubernetes.io/ingress.class"] { return c == "gce" }
        if let c = ing[path: "spec", "ingressClassName"]?.stringValue { return c == "gce" }
        return true
    }

    /// Where a request for `host` and `path` goes.
    static func route(_ ing: Value, host rawHost: String, path rawPath: String) -> Route {
        let host = hostOnly(rawHost).lowercased()
        let path = String(rawPath.prefix { $0 != "?" && $0 != "#" })
        var best: (length: Int, backend: IngressBackend)?
        for rule in ing[path: "spec", "rules"]?.arrayValue ?? [] {
            let ruleHost = rule["host"]?.stringValue ?? ""
            guard hostMatches(ruleHost, host) else { continue }
            for p in rule[path: "http", "paths"]?.arrayValue ?? [] {
                guard let b = IngressBackend(p["backend"]) else { continue }
                let type = p["pathType"]?.stringValue ?? "ImplementationSpecific"
                guard let length = matchLength(p["path"]?.stringValue ?? "/", type: type, path) else { continue }
                // A specific host's rule beats the catch-all rule; then the longest path wins.
                let score = (ruleHost.isEmpty ? 0 : 100_000) + length
                if best == nil || score > best!.length { best = (score, b) }
            }
        }
        if let best { return .backend(best.backend) }
        if let d = IngressBackend(ing[path: "spec", "defaultBackend"]) { return .backend(d) }
        return .gkeDefault
    }

    /// How many characters of the path a rule matched, or nil when it does not match.
    static func matchLength(_ rulePath: String, type: String, _ path: String) -> Int? {
        switch type {
        case "Exact":
            return path == rulePath ? rulePath.count : nil
        case "Prefix":
            // By path elements: `/foo` matches `/foo` and `/foo/bar`, not `/foobar`.
            let trimmed = rulePath.count > 1 && rulePath.hasSuffix("/") ? String(rulePath.dropLast()) : rulePath
            if trimmed == "/" || path == trimmed || path.hasPrefix(trimmed + "/") { return trimmed.count }
            return nil
        default:
            // GCE's own form: `/foo/*` matches everything under `/foo/`, `/*` everything; other paths exactly.
            if rulePath.hasSuffix("/*") {
                let base = String(rulePath.dropLast())
                return path.hasPrefix(base) ? base.count : nil
            }
            return path == rulePath ? rulePath.count : nil
        }
    }

    static func hostMatches(_ rule: String, _ host: String) -> Bool {
        if rule.isEmpty { return true }
        let r = rule.lowercased()
        if r.hasPrefix("*.") {
            let suffix = r.dropFirst(1)
            guard host.hasSuffix(suffix) else { return false }
            let label = host.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
        return r == host
    }

    /// `example.com:8080` → `example.com`.
    static func hostOnly(_ h: String) -> String {
        if h.hasPrefix("[") { return h }
        guard let colon = h.lastIndex(of: ":") else { return h }
        return String(h[..<colon])
    }

    /// What GKE's default backend answers for a path no rule serves.
    static let defaultBackendResponse = HTTPResponse(status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")],
                                                     body: "default backend - 404")

    /// The Google Front End's answer while a backend has no healthy endpoint.
    static let serverError = HTTPResponse(status: 502, headers: [("Content-Type", "text/html; charset=UTF-8")], body: """
        <!DOCTYPE html>
        <html lang=en>
          <meta charset=utf-8>
          <title>Error 502 (Server Error)!!1</title>
          <p><b>502.</b> <ins>That’s an error.</ins>
          <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>

        """)
}

extension ClusterNetwork {
    /// The GKE Ingress whose load balancer holds this address.
    func ingress(withIP ip: String) -> Value? {
        guard let t = types.ingress else { return nil }
        return api.list(t, namespace: nil).first { ing in
            IngressRouting.isGCE(ing)
                && (ing[path: "status", "loadBalancer", "ingress"]?.arrayValue ?? []).contains { $0["ip"]?.stringValue == ip }
        }
    }

    /// The load balancer's URL map picks a service port; a backend its health checks find unhealthy gets the
    /// Google Front End's 502 instead.
    func viaIngress(_ ing: Value, _ request: HTTPRequest, sourceIP: String?, now: Timestamp) -> Result<HTTPResponse, NetworkError> {
        let host = request.headers.first { $0.key.lowercased() == "host" }?.value ?? request.host
        guard case .backend(let b) = IngressRouting.route(ing, host: host, path: request.path) else {
            return .success(IngressRouting.defaultBackendResponse)
        }
        let ns = ing.metadataNamespace ?? "default"
        guard IngressGCEController.health(of: b, namespace: ns, in: ing) == "HEALTHY",
              let (svc, sp) = servicePort(b, namespace: ns) else {
            return .success(IngressRouting.serverError)
        }
        if case .success(let r) = viaService(svc, sp, onlyNode: nil, request, source: PolicySource(ip: sourceIP, namespace: nil, viaGoogleFrontEnd: true), now: now) { return .success(r) }
        return .success(IngressRouting.serverError)
    }

    /// The service and service port an Ingress backend names, when both exist.
    func servicePort(_ b: IngressBackend, namespace: String) -> (Value, Value)? {
        guard let svc = try? api.get(types.service, namespace: namespace, name: b.service) else { return nil }
        let ports = svc[path: "spec", "ports"]?.arrayValue ?? []
        let sp: Value?
        switch b.port {
        case .number(let n): sp = ports.first { $0["port"]?.intValue == n }
        case .name(let n): sp = ports.first { $0["name"]?.stringValue == n }
        }
        return sp.map { (svc, $0) }
    }

    /// Whether the load balancer's health checks would pass for a backend: a ready endpoint behind its port.
    func healthy(_ b: IngressBackend, namespace: String) -> Bool {
        guard let (svc, sp) = servicePort(b, namespace: namespace) else { return false }
        return endpoints(of: svc, portName: sp["name"]?.stringValue ?? "").contains { $0.ready && $0.port != nil }
    }
}
