// `http:` checks: a GET through the cluster's simulated network, from the learner's machine (outside the cluster)
// or, with `namespace:`, from a pod in that namespace (where cluster IPs and service DNS names answer).
// Addresses a lesson cannot know in advance are written as placeholders the check fills in from the cluster:
//   {lb:SVC}         the load-balancer (EXTERNAL-IP) address of service SVC
//   {clusterip:SVC}  its cluster IP
//   {node}           the external IP of the first node
//   {nodeport:SVC}   (as the port) the node port of SVC's first port
//   {ingress:ING}    the load-balancer address of Ingress ING
//   {mci:MCI}        the VIP of MultiClusterIngress MCI (in the current cluster, else any of the session's)
// `host:` sends that Host header instead of the URL's (an Ingress routes by it). `from: POD` sends the request from
// that pod (its address and labels, which NetworkPolicies judge); `timesOut: true` passes only when no answer comes.
import Foundation
import MiniCluster
import Shell

enum HTTPCheck {
    static let placeholders = ["lb", "clusterip", "node", "nodeport", "ingress", "mci"]

    static func judge(url: String, host: String? = nil, status: Int?, body: Expectation?, namespace: String?, from: String? = nil,
                      timesOut: Bool = false, cluster: Cluster, session: ShellSession? = nil) -> CheckOutcome {
        let ns = namespace ?? "default"
        let resolved: String
        switch expand(url, namespace: ns, cluster: cluster, others: session.map { Array($0.clusters.values) } ?? []) {
        case .failure(let why): return .fail(why.text)
        case .success(let u): resolved = u
        }
        guard let parts = parse(resolved) else { return .fail("\(resolved) is not a URL kubetutor can request") }
        let request = HTTPRequest(host: parts.host, port: parts.port, path: parts.path,
                                  headers: ["User-Agent": "kubetutor-check", "Host": host ?? parts.host])
        var shown = resolved == url ? url : "\(url) (\(resolved))"
        if let host { shown += " with Host: \(host)" }
        var sourceIP: String?
        if let from {
            switch podAddress(from, namespace: ns, cluster: cluster) {
            case .failure(let why): return .fail(why.text)
            case .success(let ip): sourceIP = ip
            }
            shown += " from pod/\(from)"
        }
        // From outside, a Multi Cluster Ingress VIP is the fleet's global load balancer, not one cluster's address.
        let viaFleet = namespace == nil && from == nil ? session?.sendToFleetVIP(request, ip: parts.host) : nil
        let result = viaFleet ?? cluster.network.send(request, fromNamespace: from == nil ? namespace : ns, sourceIP: sourceIP,
                                                      now: cluster.now)
        if timesOut {
            switch result {
            case .failure(.timedOut): return .pass
            case .failure(.unknownHost(let h)) where from != nil:
                return .fail("expected \(shown) to time out, but the name \(h) did not resolve first")
            case .failure(.unknownHost(let h)): return .fail("expected \(shown) to time out, but the name \(h) does not resolve")
            case .failure(.connectionRefused): return .fail("expected \(shown) to time out, but the connection was refused")
            case .success(let r): return .fail("expected \(shown) to time out (dropped on the way), but it answered with status \(r.status)")
            }
        }
        let response: HTTPResponse
        switch result {
        case .failure(.unknownHost(let h)):
            return .fail(namespace == nil
                ? "\(shown) does not answer: the name \(h) does not resolve from outside the cluster"
                : "\(shown) does not answer: the name \(h) does not resolve inside the cluster")
        case .failure(.connectionRefused):
            return .fail("\(shown) refused the connection: nothing listens there, or the service has no ready pods behind it")
        case .failure(.timedOut):
            return .fail("\(shown) did not answer (the request timed out)" + (namespace == nil && from == nil ? "; from outside the cluster only load-balancer IPs and node ports answer" : ""))
        case .success(let r): response = r
        }
        if let status, response.status != status {
            return .fail("expected status \(status) from \(shown), got \(response.status)")
        }
        if let body, !CheckJudge.compare(response.body, body) {
            let first = response.body.split(separator: "\n").first.map(String.init) ?? ""
            let excerpt = first.count > 60 ? String(first.prefix(60)) + "…" : first
            return .fail("expected the response from \(shown) \(body.words), it was \(excerpt.isEmpty ? "empty" : "\"\(excerpt)\"")")
        }
        return .pass
    }

    /// The address of a running pod to send from, or why there is none.
    static func podAddress(_ name: String, namespace: String, cluster: Cluster) -> Result<String, Problem> {
        guard let t = cluster.registry.lookup(kind: "Pod"), let pod = try? cluster.api.get(t, namespace: namespace, name: name) else {
            return .failure(Problem("there is no pod named \(name)\(namespace == "default" ? "" : " in namespace \(namespace)") to send the request from"))
        }
        guard pod[path: "status", "phase"]?.stringValue == "Running", let ip = pod[path: "status", "podIP"]?.stringValue, !ip.isEmpty else {
            return .failure(Problem("pod/\(name) is not running yet, so it cannot send the request"))
        }
        return .success(ip)
    }

    /// Fills in `{…}` placeholders from the cluster, or says why one cannot be filled yet.
    static func expand(_ url: String, namespace: String, cluster: Cluster, others: [Cluster] = []) -> Result<String, Problem> {
        var out = "", rest = Substring(url)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return .failure(Problem("\(url) has an unclosed {")) }
            let inner = rest[rest.index(after: open)..<close]
            let parts = inner.split(separator: ":", maxSplits: 1).map(String.init)
            switch value(parts[0], parts.count > 1 ? parts[1] : nil, namespace: namespace, cluster: cluster, others: others) {
            case .failure(let why): return .failure(why)
            case .success(let v): out += v
            }
            rest = rest[rest.index(after: close)...]
        }
        return .success(out + rest)
    }

    /// A placeholder's problem for lint, or nil when it is well formed.
    static func lint(_ url: String) -> String? {
        var rest = Substring(url)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return "an unclosed { in \(url)" }
            let parts = rest[rest.index(after: open)..<close].split(separator: ":", maxSplits: 1).map(String.init)
            let name = parts.first ?? ""
            if !placeholders.contains(name) {
                return "unknown placeholder {\(name)} (known: {lb:SERVICE}, {clusterip:SERVICE}, {node}, {nodeport:SERVICE}, {ingress:INGRESS}, {mci:MULTICLUSTERINGRESS})"
            }
            if (name == "node") != (parts.count == 1) {
                return name == "node" ? "{node} takes no service name" : "{\(name):\(name == "ingress" ? "INGRESS" : name == "mci" ? "MULTICLUSTERINGRESS" : "SERVICE")} needs a name"
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    private static func value(_ name: String, _ arg: String?, namespace: String, cluster: Cluster, others: [Cluster]) -> Result<String, Problem> {
        let registry = cluster.api.registry
        if name == "mci" {
            // The config cluster holds it; the current context may point at another member.
            for c in [cluster] + others.filter({ $0 !== cluster }).sorted(by: { $0.name < $1.name }) {
                guard let t = c.registry.lookup(kind: "MultiClusterIngress"),
                      let mci = try? c.api.get(t, namespace: namespace, name: arg ?? "") else { continue }
                guard let vip = mci[path: "status", "VIP"]?.stringValue else {
                    return .failure(Problem("multiclusteringress/\(arg ?? "") has no VIP yet (its global load balancer is still being created)"))
                }
                return .success(vip)
            }
            return .failure(Problem("there is no multiclusteringress named \(arg ?? "") in namespace \(namespace)"))
        }
        if name == "node" {
            guard let nodeType = registry.lookup(kind: "Node") else { return .failure(Problem("the cluster has no nodes")) }
            let nodes = cluster.api.list(nodeType, namespace: nil).sorted { $0.metadataName < $1.metadataName }
            for n in nodes {
                for a in n["status"]?["addresses"]?.arrayValue ?? [] where a["type"]?.stringValue == "ExternalIP" {
                    if let ip = a["address"]?.stringValue { return .success(ip) }
                }
            }
            return .failure(Problem("the cluster has no node with an external IP"))
        }
        if name == "ingress" {
            guard let arg, let t = registry.lookup(kind: "Ingress"),
                  let ing = try? cluster.api.get(t, namespace: namespace, name: arg) else {
                return .failure(Problem("there is no ingress named \(arg ?? "") in namespace \(namespace)"))
            }
            let ips = (ing["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
            guard let ip = ips.first else { return .failure(Problem("ingress/\(arg) has no address yet (its load balancer is still being created)")) }
            return .success(ip)
        }
        guard let arg, let svcType = registry.lookup(kind: "Service") else { return .failure(Problem("{\(name)} needs a service name")) }
        guard let svc = try? cluster.api.get(svcType, namespace: namespace, name: arg) else {
            return .failure(Problem("there is no service named \(arg) in namespace \(namespace)"))
        }
        switch name {
        case "lb":
            let ingress = svc["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? []
            if let ip = ingress.compactMap({ $0["ip"]?.stringValue }).first { return .success(ip) }
            if svc["spec"]?["type"]?.stringValue != "LoadBalancer" {
                return .failure(Problem("service/\(arg) is of type \(svc["spec"]?["type"]?.stringValue ?? "ClusterIP"), so it has no external IP"))
            }
            return .failure(Problem("service/\(arg) has no external IP yet (its EXTERNAL-IP is still <pending>)"))
        case "clusterip":
            guard let ip = svc["spec"]?["clusterIP"]?.stringValue, ip != "None" else {
                return .failure(Problem("service/\(arg) has no cluster IP"))
            }
            return .success(ip)
        default:
            guard let port = svc["spec"]?["ports"]?[0]?["nodePort"]?.intValue else {
                return .failure(Problem("service/\(arg) has no node port (it is of type \(svc["spec"]?["type"]?.stringValue ?? "ClusterIP"))"))
            }
            return .success(String(port))
        }
    }

    struct Problem: Error { var text: String; init(_ t: String) { text = t } }

    struct URLParts { var host: String; var port: Int; var path: String }

    static func parse(_ url: String) -> URLParts? {
        var rest = Substring(url), port = 80
        if rest.hasPrefix("http://") { rest = rest.dropFirst(7) } else if rest.hasPrefix("https://") { rest = rest.dropFirst(8); port = 443 } else { return nil }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var host = String(rest[..<end])
        var path = String(rest[end...])
        if path.isEmpty { path = "/" } else if path.hasPrefix("?") { path = "/" + path }
        if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            port = p
            host = String(host[..<colon])
        }
        return host.isEmpty ? nil : URLParts(host: host.lowercased(), port: port, path: path)
    }
}
