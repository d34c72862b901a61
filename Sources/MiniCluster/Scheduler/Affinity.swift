// Node affinity (nodeSelector, required and preferred node selector terms) and pod (anti-)affinity terms.

enum NodeAffinity {
    /// nodeSelector and the required node affinity terms, as the NodeAffinity filter checks them.
    static func matchesRequired(_ pod: Value, labels: [String: String], nodeName: String) -> Bool {
        for (k, v) in pod[path: "spec", "nodeSelector"]?.stringMap ?? [:] where labels[k] != v { return false }
        guard let required = pod[path: "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"] else {
            return true
        }
        let terms = required["nodeSelectorTerms"]?.arrayValue ?? []
        return terms.contains { term(matches: $0, labels: labels, nodeName: nodeName) }
    }

    /// Sum of the weights of the preferred terms the node matches.
    static func preferredScore(_ pod: Value, labels: [String: String], nodeName: String) -> Int64 {
        var score: Int64 = 0
        for p in pod[path: "spec", "affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution"]?.arrayValue ?? [] {
            guard let pref = p["preference"], term(matches: pref, labels: labels, nodeName: nodeName) else { continue }
            score += Int64(p["weight"]?.intValue ?? 0)
        }
        return score
    }

    /// A node selector term: all its expressions and fields match; a term with neither matches nothing.
    static func term(matches t: Value, labels: [String: String], nodeName: String) -> Bool {
        let exprs = t["matchExpressions"]?.arrayValue ?? [], fields = t["matchFields"]?.arrayValue ?? []
        if exprs.isEmpty, fields.isEmpty { return false }
        for e in exprs where !requirement(e, labels[e["key"]?.stringValue ?? ""]) { return false }
        for f in fields {
            guard f["key"]?.stringValue == "metadata.name", requirement(f, nodeName) else { return false }
        }
        return true
    }

    private static func requirement(_ e: Value, _ actual: String?) -> Bool {
        let values = (e["values"]?.arrayValue ?? []).compactMap(\.stringValue)
        switch e["operator"]?.stringValue ?? "" {
        case "In": return actual.map { values.contains($0) } ?? false
        case "NotIn": return actual.map { !values.contains($0) } ?? true
        case "Exists": return actual != nil
        case "DoesNotExist": return actual == nil
        case "Gt", "Lt":
            guard let a = actual.flatMap({ Int64($0) }), values.count == 1, let v = Int64(values[0]) else { return false }
            return e["operator"]?.stringValue == "Gt" ? a > v : a < v
        default: return false
        }
    }
}

/// One pod (anti-)affinity term: which pods (selector, namespaces) in which topology domain.
struct PodAffinityTerm {
    let selector: LabelSelector
    /// nil means every namespace (an empty namespaceSelector).
    let namespaces: Set<String>?
    let topologyKey: String
    let weight: Int64

    init?(_ v: Value, ownNamespace: String, weight: Int64 = 0) {
        guard let sel = try? LabelSelector(object: v["labelSelector"]) else { return nil }
        selector = v["labelSelector"] == nil ? .nothing : sel
        let listed = (v["namespaces"]?.arrayValue ?? []).compactMap(\.stringValue)
        if v["namespaceSelector"]?.objectValue?.isEmpty == true { namespaces = nil }
        else { namespaces = Set(listed.isEmpty ? [ownNamespace] : listed) }
        topologyKey = v["topologyKey"]?.stringValue ?? ""
        self.weight = weight
    }

    func matches(namespace: String, labels: [String: String]) -> Bool {
        if let namespaces, !namespaces.contains(namespace) { return false }
        return selector.matches(labels)
    }

    /// The required terms of a pod's affinity (`anti: false`) or anti-affinity.
    static func required(_ pod: Value, anti: Bool) -> [PodAffinityTerm] {
        // Most pods have no affinity at all: one short read says so.
        guard let affinity = pod[path: "spec", "affinity"] else { return [] }
        let ns = pod.metadataNamespace ?? "default"
        let key = anti ? "podAntiAffinity" : "podAffinity"
        return (affinity[path: key, "requiredDuringSchedulingIgnoredDuringExecution"]?.arrayValue ?? [])
            .compactMap { PodAffinityTerm($0, ownNamespace: ns) }
    }

    /// The preferred terms with their weights.
    static func preferred(_ pod: Value, anti: Bool) -> [PodAffinityTerm] {
        guard let affinity = pod[path: "spec", "affinity"] else { return [] }
        let ns = pod.metadataNamespace ?? "default"
        let key = anti ? "podAntiAffinity" : "podAffinity"
        return (affinity[path: key, "preferredDuringSchedulingIgnoredDuringExecution"]?.arrayValue ?? []).compactMap {
            guard let t = $0["podAffinityTerm"] else { return nil }
            return PodAffinityTerm(t, ownNamespace: ns, weight: Int64($0["weight"]?.intValue ?? 0))
        }
    }
}
