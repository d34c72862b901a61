// NetworkPolicy enforcement on the simulated dataplane: each connection is judged when it reaches its pod (after a
// Service's DNAT), at both ends: the client pod's egress and the server pod's ingress. A refused connection is
// dropped, as GKE Dataplane V2 and Calico drop packets, so the client waits until its own timeout. Replies of an
// allowed connection are never judged. With no NetworkPolicy in the cluster nothing is looked up at all.

/// Where a connection comes from, before the policies look at it.
struct PolicySource {
    /// The client's address: a pod IP, or nil from outside (the learner's machine, a check).
    var ip: String?
    /// The namespace of a client without an address: a check run "from a pod in that namespace", which the
    /// policies see as a pod with no labels there.
    var namespace: String?
    /// Sent on by the Google Front End of an Ingress's load balancer (which proxies: its own address is the source).
    var viaGoogleFrontEnd = false
}

extension ClusterNetwork {
    /// The learner's machine, as a source address for `ipBlock` (a documentation address: nothing shows it).
    static let outsideClientIP = "203.0.113.25"
    /// The Google Front End address a proxied Ingress request comes from (GKE's 130.211.0.0/22 range).
    static let googleFrontEndIP = "130.211.0.10"
    /// The cluster DNS service address pods use (GKE's kube-dns cluster IP).
    static let dnsServiceIP = "34.118.224.10"

    /// Every NetworkPolicy, or nothing when none exists or the cluster does not enforce them.
    func enforcedPolicies() -> [Value] {
        guard enforcesNetworkPolicy, let t = types.networkPolicy else { return [] }
        return api.list(t, namespace: nil)
    }

    /// Whether a connection from `source` to port `port` of `pod` gets through the policies.
    func policyAllows(_ source: PolicySource, to pod: Value, port: Int, proto: String = "TCP") -> Bool {
        let policies = enforcedPolicies()
        guard !policies.isEmpty else { return true }
        return verdict(policies, from: peer(source), to: .pod(pod), port: port, proto: proto)
    }

    /// Whether a pod may send to an address that is not a pod (an Ingress's load balancer): egress only.
    func policyAllows(_ source: PolicySource, toAddress ip: String, port: Int) -> Bool {
        let policies = enforcedPolicies()
        guard !policies.isEmpty else { return true }
        return verdict(policies, from: peer(source), to: PolicyPeer(ip: ip), port: port, proto: "TCP")
    }

    /// Whether a DNS query of this client reaches kube-dns (UDP 53 to one of its pods, or its service address when
    /// the cluster runs none) and is let in there.
    func dnsAnswers(_ source: PolicySource) -> Bool {
        let policies = enforcedPolicies()
        guard !policies.isEmpty else { return true }
        let client = peer(source)
        guard client.pod != nil else { return true }
        let servers = api.list(types.pod, namespace: "kube-system").filter {
            $0.labels["k8s-app"] == "kube-dns" && $0[path: "status", "phase"]?.stringValue == "Running"
        }
        if servers.isEmpty { return verdict(policies, from: client, to: PolicyPeer(ip: Self.dnsServiceIP), port: 53, proto: "UDP") }
        return servers.contains { verdict(policies, from: client, to: .pod($0), port: 53, proto: "UDP") }
    }

    /// `dnsAnswers` for a pod's address (what the programs inside containers ask).
    public func dnsAnswers(toPodIP ip: String) -> Bool {
        dnsAnswers(PolicySource(ip: ip, namespace: nil))
    }

    /// Egress at the client (when it is a pod), then ingress at the server (when it is one).
    func verdict(_ policies: [Value], from client: PolicyPeer, to server: PolicyPeer, port: Int, proto: String) -> Bool {
        let labels = namespaceLabels
        if let c = client.pod, !NetworkPolicyMatcher.allows(policies, .egress, pod: c, peer: server, port: port, proto: proto,
                                                            destination: server.pod, namespaceLabels: labels) { return false }
        if let s = server.pod, !NetworkPolicyMatcher.allows(policies, .ingress, pod: s, peer: client, port: port, proto: proto,
                                                             destination: s, namespaceLabels: labels) { return false }
        return true
    }

    /// The policies' view of a source.
    func peer(_ source: PolicySource) -> PolicyPeer {
        if source.viaGoogleFrontEnd { return PolicyPeer(ip: Self.googleFrontEndIP) }
        if let ip = source.ip {
            if ip != "127.0.0.1", let p = pod(withIP: ip), p[path: "spec", "hostNetwork"]?.boolValue != true { return .pod(p) }
            return PolicyPeer(ip: ip)
        }
        if let ns = source.namespace { return PolicyPeer(ip: nil, namespace: ns) }
        return PolicyPeer(ip: Self.outsideClientIP)
    }

    /// A namespace's labels (`kubernetes.io/metadata.name` among them); nil when it does not exist.
    func namespaceLabels(_ name: String) -> [String: String]? {
        guard let t = types.namespace, let ns = try? api.get(t, namespace: nil, name: name) else { return nil }
        return ns.labels
    }
}
