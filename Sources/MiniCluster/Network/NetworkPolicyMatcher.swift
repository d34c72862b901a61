// NetworkPolicy semantics (networking.k8s.io/v1, as the 1.32 API reference describes them), as pure functions of
// the policies and the two ends of a connection. A pod is isolated in one direction once any policy of its
// namespace selects it and names that direction in `policyTypes`; an isolated pod only gets (or sends) what some
// rule of one of those policies allows. Policies only ever add allowances: there is no deny rule.

/// One end of a connection as the policies see it: an address (for `ipBlock`) and, when it is a pod, its
/// namespace and labels (for `podSelector` / `namespaceSelector`).
struct PolicyPeer {
    var ip: String?
    /// The pod's namespace; nil when the peer is no pod (the learner's machine, a load balancer, the internet).
    var namespace: String?
    var labels: [String: String] = [:]
    /// The pod itself, where named ports are looked up (the destination of a connection).
    var pod: Value?

    /// A pod as a peer.
    static func pod(_ pod: Value) -> PolicyPeer {
        PolicyPeer(ip: EndpointPods.podIP(pod), namespace: pod.metadataNamespace ?? "default", labels: pod.labels, pod: pod)
    }
}

enum PolicyDirection: CaseIterable {
    case ingress, egress

    /// The spec field holding the rules, the rule field holding the peers, and the `policyTypes` entry.
    var rulesKey: String { self == .ingress ? "ingress" : "egress" }
    var peersKey: String { self == .ingress ? "from" : "to" }
    var typeName: String { self == .ingress ? "Ingress" : "Egress" }
}

enum NetworkPolicyMatcher {
    /// Whether `policy` applies to `pod` at all: same namespace, and its `podSelector` (empty: every pod) matches.
    /// Pods on the host's network are outside any policy's reach.
    static func selects(_ policy: Value, _ pod: Value) -> Bool {
        guard (policy.metadataNamespace ?? "default") == (pod.metadataNamespace ?? "default"),
              pod[path: "spec", "hostNetwork"]?.boolValue != true else { return false }
        return SelectorValidation.matches(policy[path: "spec", "podSelector"] ?? .emptyObject, pod.labels)
    }

    /// Whether the policy isolates in this direction (its `policyTypes`, as defaulted by the API server).
    static func isolates(_ policy: Value, _ direction: PolicyDirection) -> Bool {
        (policy[path: "spec", "policyTypes"]?.arrayValue ?? []).contains { $0.stringValue == direction.typeName }
    }

    /// The policies that isolate `pod` in `direction`; empty when it is not isolated (everything is allowed).
    static func isolating(_ policies: [Value], _ pod: Value, _ direction: PolicyDirection) -> [Value] {
        policies.filter { isolates($0, direction) && selects($0, pod) }
    }

    /// Whether traffic in `direction` is allowed at `pod` (the destination for ingress, the source for egress) with
    /// `peer` at the other end, to `port`/`proto` on `destination` (the pod that receives it, for named ports).
    /// `namespaceLabels` gives a namespace's labels (nil for one that does not exist).
    static func allows(_ policies: [Value], _ direction: PolicyDirection, pod: Value, peer: PolicyPeer, port: Int,
                       proto: String = "TCP", destination: Value?, namespaceLabels: (String) -> [String: String]?) -> Bool {
        let applying = isolating(policies, pod, direction)
        if applying.isEmpty { return true }
        return applying.contains { policy in
            let ns = policy.metadataNamespace ?? "default"
            return (policy[path: "spec", direction.rulesKey]?.arrayValue ?? []).contains { rule in
                ruleAllows(rule, direction, policyNamespace: ns, peer: peer, port: port, proto: proto,
                           destination: destination, namespaceLabels: namespaceLabels)
            }
        }
    }

    /// One rule: every listed port is an alternative (none listed: all ports), and so is every peer (none: all).
    static func ruleAllows(_ rule: Value, _ direction: PolicyDirection, policyNamespace: String, peer: PolicyPeer, port: Int,
                           proto: String, destination: Value?, namespaceLabels: (String) -> [String: String]?) -> Bool {
        let ports = rule["ports"]?.arrayValue ?? []
        guard ports.isEmpty || ports.contains(where: { portMatches($0, port: port, proto: proto, destination: destination) }) else { return false }
        let peers = rule[direction.peersKey]?.arrayValue ?? []
        return peers.isEmpty || peers.contains { peerMatches($0, policyNamespace: policyNamespace, peer: peer, namespaceLabels: namespaceLabels) }
    }

    /// One entry of `from`/`to`. `ipBlock` matches addresses; the selectors match pods: `podSelector` alone means
    /// pods of the policy's namespace, `namespaceSelector` alone every pod of the matching namespaces, both
    /// together the matching pods of the matching namespaces.
    static func peerMatches(_ spec: Value, policyNamespace: String, peer: PolicyPeer,
                            namespaceLabels: (String) -> [String: String]?) -> Bool {
        if let block = spec["ipBlock"], block.isObject {
            guard let ip = peer.ip.flatMap(IPv4.parse), let cidr = block["cidr"]?.stringValue, IPv4.cidr(cidr, contains: ip) else { return false }
            return !(block["except"]?.arrayValue ?? []).contains { $0.stringValue.map { IPv4.cidr($0, contains: ip) } ?? false }
        }
        guard let ns = peer.namespace else { return false }
        let podSel: Value? = spec["podSelector"], nsSel: Value? = spec["namespaceSelector"]
        guard podSel.map({ _ in true }) ?? nsSel.map({ _ in true }) ?? false else { return false }
        if let nsSel {
            guard let labels = namespaceLabels(ns), SelectorValidation.matches(nsSel, labels) else { return false }
        } else if ns != policyNamespace {
            return false
        }
        return podSel.map { SelectorValidation.matches($0, peer.labels) } ?? true
    }

    /// One entry of `ports`: the protocol (default TCP) must agree; no `port` means every port of it; a number,
    /// up to `endPort` when given; a name is the destination pod's container port of that name and protocol.
    static func portMatches(_ spec: Value, port: Int, proto: String, destination: Value?) -> Bool {
        guard (spec["protocol"]?.stringValue ?? "TCP") == proto else { return false }
        guard let p = spec["port"] else { return true }
        if let n = p.intValue {
            if let end = spec["endPort"]?.intValue { return (n...max(n, end)).contains(port) }
            return n == port
        }
        guard let name = p.stringValue, let destination else { return false }
        return EndpointPods.findPort(destination, ["targetPort": .string(name), "protocol": .string(proto)]) == port
    }
}

/// IPv4 addresses as numbers, for CIDR blocks.
enum IPv4 {
    static func parse(_ s: String) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let o = UInt8(p) else { return nil }
            v = v << 8 | UInt32(o)
        }
        return v
    }

    /// Whether `a.b.c.d/n` contains the address; a malformed block contains nothing.
    static func cidr(_ block: String, contains ip: UInt32) -> Bool {
        let parts = block.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let base = parse(String(parts[0])), let bits = Int(parts[1]), (0...32).contains(bits) else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
        return base & mask == ip & mask
    }
}
