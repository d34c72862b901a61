// Cluster DNS as kube-dns answers a pod: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local` through the
// pod's search path (ndots:5), headless services as their ready pods' IPs, `host.svc.ns.svc…` for pods with a
// hostname and subdomain, `1-2-3-4.ns.pod.cluster.local`, and ExternalName services as CNAMEs.

extension ClusterNetwork {
    /// Every address a name has for a client in `namespace` (nil: the learner's machine, outside the cluster).
    public func resolveAll(_ host: String, fromNamespace namespace: String?) -> [String] {
        resolveAll(host, fromNamespace: namespace, depth: 0)
    }

    private func resolveAll(_ host: String, fromNamespace namespace: String?, depth: Int) -> [String] {
        var name = host.lowercased()
        if ServiceKind.isIPv4(name) { return [name] }
        if name == "localhost" { return ["127.0.0.1"] }
        guard let namespace, depth < 8, !name.isEmpty else { return [] }
        let absolute = name.hasSuffix(".")
        if absolute { name.removeLast() }
        let domain = Self.clusterDomain
        let search = ["\(namespace).svc.\(domain)", "svc.\(domain)", domain]
        let dots = name.filter { $0 == "." }.count
        let candidates = absolute || dots >= 5 ? [name] : search.map { "\(name).\($0)" } + [name]
        for fqdn in candidates {
            if let answer = lookup(fqdn, depth: depth) { return answer }
        }
        return []
    }

    /// The target of an ExternalName service's name (`svc.ns.svc.cluster.local`, with or without the final dot).
    public func canonicalName(of fqdn: String) -> String? {
        var name = fqdn.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let suffix = ".svc." + Self.clusterDomain
        guard name.hasSuffix(suffix) else { return nil }
        let labels = name.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 2, let svc = try? api.get(types.service, namespace: String(labels[1]), name: String(labels[0])),
              let target = Self.externalName(of: svc), !target.isEmpty else { return nil }
        return target
    }

    /// An ExternalName service's target ("" when it names none); nil for a service of another type.
    static func externalName(of svc: Value) -> String? {
        guard svc[path: "spec", "type"]?.stringValue == "ExternalName" else { return nil }
        return svc[path: "spec", "externalName"]?.stringValue ?? ""
    }

    /// The records of one fully qualified name; nil when the name does not exist (NXDOMAIN).
    func lookup(_ fqdn: String, depth: Int) -> [String]? {
        let suffix = "." + Self.clusterDomain
        guard fqdn.hasSuffix(suffix) else { return nil }
        let labels = fqdn.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch labels.count {
        case 3 where labels[2] == "svc":
            guard let svc = try? api.get(types.service, namespace: labels[1], name: labels[0]) else { return nil }
            if let target = Self.externalName(of: svc) {
                let answer = resolveAll(target, fromNamespace: labels[1], depth: depth + 1)
                return answer.isEmpty ? nil : answer
            }
            if let ip = svc[path: "spec", "clusterIP"]?.stringValue, ip != "None", !ip.isEmpty { return [ip] }
            let ips = Set(readyEndpoints(of: svc).map(\.ip)).sorted()
            return ips.isEmpty ? nil : ips
        case 4 where labels[3] == "svc":
            guard let svc = try? api.get(types.service, namespace: labels[2], name: labels[1]) else { return nil }
            let ips = readyEndpoints(of: svc).filter { $0.hostname == labels[0] }.map(\.ip)
            return ips.isEmpty ? nil : [ips[0]]
        case 3 where labels[2] == "pod":
            let ip = labels[0].replacingOccurrences(of: "-", with: ".")
            return ServiceKind.isIPv4(ip) ? [ip] : nil
        default:
            return nil
        }
    }
}
