// How the learner's machine reaches the simulated clusters: from outside, so only public addresses answer (load
// balancer IPs, external IPs, node external IPs with node ports), plus `localhost:PORT` while a `kubectl
// port-forward` or a `docker run -p` listens there. Cluster IPs, pod IPs and cluster DNS names are not reachable,
// as on a laptop.
import Foundation
import MiniCluster

enum SandboxNetwork {
    /// What a URL names: scheme, host, port and path (with its query).
    struct URLParts: Equatable {
        var scheme: String
        var host: String
        var port: Int
        var path: String
        var text: String { "\(scheme)://\(host)\(port == (scheme == "https" ? 443 : 80) ? "" : ":\(port)")\(path)" }
    }

    /// `host`, `host:port/path`, `http://…`, `https://…`; nil for other schemes or a bad port.
    static func parse(_ s: String) -> URLParts? {
        var rest = Substring(s), scheme = "http"
        if let r = rest.range(of: "://") {
            scheme = rest[..<r.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            rest = rest[r.upperBound...]
        }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var host = String(rest[..<end]), port = scheme == "https" ? 443 : 80
        var path = String(rest[end...])
        if path.isEmpty { path = "/" } else if path.hasPrefix("?") { path = "/" + path }
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { return nil }
        return URLParts(scheme: scheme, host: host.lowercased(), port: port, path: path)
    }

    /// The address a name has for the learner's machine: IP literals, `localhost`, and the wildcard DNS
    /// services tutorials use (`34.1.2.3.nip.io`, `34-1-2-3.sslip.io`); nil otherwise.
    static func resolve(_ host: String) -> String? {
        if host == "localhost" { return "127.0.0.1" }
        if ServiceAddress.isIPv4(host) { return host }
        for suffix in [".nip.io", ".sslip.io"] where host.hasSuffix(suffix) {
            let labels = host.dropLast(suffix.count).split(separator: ".").map(String.init)
            if labels.count >= 4, case let ip = labels.suffix(4).joined(separator: "."), ServiceAddress.isIPv4(ip) { return ip }
            if let last = labels.last, case let ip = last.replacingOccurrences(of: "-", with: "."), ServiceAddress.isIPv4(ip) { return ip }
        }
        return nil
    }

    /// Whether a request to this address went through a port-forward (curl reports a refused one differently).
    static func isForwarded(_ ip: String, _ port: Int, _ session: ShellSession) -> Bool {
        ip == "127.0.0.1" && (session.portForwards.target(localPort: port) != nil || session.dockerHost?.publishes(port) == true)
    }

    /// Sends a request from the learner's machine to `ip`.
    static func send(_ request: HTTPRequest, to ip: String, session: ShellSession) -> Result<HTTPResponse, NetworkError> {
        if ip == "127.0.0.1" {
            guard let t = session.portForwards.target(localPort: request.port), let c = session.clusters[t.cluster] else {
                // Then the ports `docker run -p` published; one whose program does not listen answers nothing.
                guard let published = session.dockerHost?.localhost(port: request.port, request) else { return .failure(.connectionRefused) }
                return published.map { .success($0) } ?? .failure(.connectionRefused)
            }
            return c.network.forward(request, toPod: t.pod, namespace: t.namespace, port: t.port, now: c.now)
        }
        // A Multi Cluster Ingress VIP is Google's global load balancer, in front of the fleet's clusters.
        if let viaFleet = session.sendToFleetVIP(request, ip: ip) { return viaFleet }
        // The address belongs to at most one cluster; the others let the packet go unanswered.
        for name in session.clusters.keys.sorted() {
            guard let c = session.clusters[name] else { continue }
            var r = request
            r.host = ip
            let result = c.network.send(r, fromNamespace: nil, sourceIP: nil, now: c.now)
            if case .failure(.timedOut) = result { continue }
            return result
        }
        return .failure(.timedOut)
    }

    /// The virtual time the learner's clock shows (the current cluster's), for wget's log lines.
    static func now(_ session: ShellSession) -> Timestamp {
        session.currentCluster?.now ?? session.clusters.values.first?.now ?? Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
    }

    /// HTTP reason phrases for the status line.
    static func reason(_ code: Int) -> String {
        [200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
         400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
         500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"][code] ?? "Unknown"
    }

    /// A header's value, matched without regard to case.
    static func header(_ r: HTTPResponse, _ name: String) -> String? {
        r.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// IPv4 text checks shared by the sandbox's network commands.
enum ServiceAddress {
    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in
            !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber) && (Int(p) ?? 256) <= 255
        }
    }
}
