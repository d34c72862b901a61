// Pod addresses per node, as the GKE CNI's host-local IPAM hands them out: the node's /24 pod range, from .2 up,
// next after the last one given, skipping addresses still in use.

struct PodIPAM {
    private var next: [String: Int] = [:]
    private var inUse: [String: Set<Int>] = [:]
    private var derived: [String: String] = [:]
    /// The prefix of each pod range seen (every pod of a node asks for the same one).
    private var fromCIDR: [String: String] = [:]

    /// The `a.b.c` prefix of a node's pod range: its `spec.podCIDR`, or one derived per node (10.8.N.0/24) when the
    /// node has none yet.
    mutating func prefix(node: String, podCIDR: String?) -> String {
        if let cidr = podCIDR {
            if let p = fromCIDR[cidr] { return p }
            if let slash = cidr.firstIndex(of: "/") {
                let parts = cidr[..<slash].split(separator: ".")
                if parts.count == 4 {
                    let p = parts.prefix(3).joined(separator: ".")
                    fromCIDR[cidr] = p
                    return p
                }
            }
        }
        if let p = derived[node] { return p }
        let p = "10.8.\(derived.count)"
        derived[node] = p
        return p
    }

    /// Takes the next free address of the node's range; nil when all 253 are taken.
    mutating func allocate(node: String, podCIDR: String?) -> String? {
        let pre = prefix(node: node, podCIDR: podCIDR)
        let key = node + "|" + pre
        var candidate = next[key] ?? 2
        for _ in 0..<253 {
            if candidate > 254 { candidate = 2 }
            // Inserted in place: a copy taken out of the dictionary would copy the node's whole set each time.
            if inUse[key, default: []].insert(candidate).inserted {
                next[key] = candidate + 1
                return "\(pre).\(candidate)"
            }
            candidate += 1
        }
        return nil
    }

    /// Gives an address back when its pod's sandbox goes away.
    mutating func release(node: String, ip: String) {
        guard let dot = ip.lastIndex(of: "."), let host = Int(ip[ip.index(after: dot)...]) else { return }
        let key = node + "|" + String(ip[..<dot])
        inUse[key]?.remove(host)
    }
}
