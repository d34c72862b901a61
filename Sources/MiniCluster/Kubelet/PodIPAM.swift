// Pod addresses per node, as the GKE CNI's host-local IPAM hands them out: the node's /24 pod range, from .2 up,
// next after the last one given, skipping addresses still in use.

final class PodIPAM {
    /// One node's range under one prefix: the next address to try, and those in use.
    private final class Range {
        let prefix: String
        var next = 2
        var inUse: Set<Int> = []
        init(prefix: String) { self.prefix = prefix }
    }
    /// By `node|prefix`.
    private var ranges: [String: Range] = [:]
    /// Each node's range for the pod range it was last asked about: a node's pods all ask with the same one, and
    /// the prefix for a node and pod range never changes once worked out.
    private var lastRange: [String: (podCIDR: String?, range: Range)] = [:]
    private var derived: [String: String] = [:]
    /// The prefix of each pod range seen (every pod of a node asks for the same one).
    private var fromCIDR: [String: String] = [:]

    /// The `a.b.c` prefix of a node's pod range: its `spec.podCIDR`, or one derived per node (10.8.N.0/24) when the
    /// node has none yet.
    func prefix(node: String, podCIDR: String?) -> String {
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

    private func range(node: String, podCIDR: String?) -> Range {
        if let l = lastRange[node], l.podCIDR == podCIDR { return l.range }
        let pre = prefix(node: node, podCIDR: podCIDR)
        let key = node + "|" + pre
        let r: Range
        if let known = ranges[key] { r = known } else {
            r = Range(prefix: pre)
            ranges[key] = r
        }
        lastRange[node] = (podCIDR, r)
        return r
    }

    /// Takes the next free address of the node's range; nil when all 253 are taken.
    func allocate(node: String, podCIDR: String?) -> String? {
        let r = range(node: node, podCIDR: podCIDR)
        var candidate = r.next
        for _ in 0..<253 {
            if candidate > 254 { candidate = 2 }
            if r.inUse.insert(candidate).inserted {
                r.next = candidate + 1
                return r.prefix + "." + String(candidate)
            }
            candidate += 1
        }
        return nil
    }

    /// Gives an address back when its pod's sandbox goes away.
    func release(node: String, ip: String) {
        guard let dot = ip.lastIndex(of: "."), let host = Int(ip[ip.index(after: dot)...]) else { return }
        ranges[node + "|" + String(ip[..<dot])]?.inUse.remove(host)
    }
}
