// Topology spread constraints and inter-pod (anti-)affinity: counts of matching pods per topology domain,
// computed once per scheduling attempt, then read per node.

struct SpreadConstraint {
    let maxSkew: Int
    let topologyKey: String
    let hard: Bool
    let selector: LabelSelector

    static func of(_ pod: Value) -> [SpreadConstraint] {
        (pod[path: "spec", "topologySpreadConstraints"]?.arrayValue ?? []).map { c in
            let sel = c["labelSelector"] == nil ? LabelSelector.nothing : ((try? LabelSelector(object: c["labelSelector"])) ?? .nothing)
            return SpreadConstraint(maxSkew: max(1, c["maxSkew"]?.intValue ?? 1), topologyKey: c["topologyKey"]?.stringValue ?? "",
                                    hard: (c["whenUnsatisfiable"]?.stringValue ?? "DoNotSchedule") == "DoNotSchedule", selector: sel)
        }
    }
}

/// Per-attempt counts: for each spread constraint, matching pods per domain; for each affinity term, the
/// domains holding a matching pod.
struct TopologyState {
    var spreadCounts: [[String: Int]] = []
    var spreadMin: [Int] = []
    var affinityDomains: [Set<String>] = []
    var affinityAnywhere: [Bool] = []
    var antiDomains: [Set<String>] = []
    /// Existing pods' anti-affinity terms that match the incoming pod: (topology key, value) pairs refused.
    var refused: Set<String> = []

    init() {}

    init(_ p: PodContext, _ cache: SchedulerCache) {
        let nodes = p.spread.isEmpty ? [] : cache.orderedNodes()
        for c in p.spread {
            var counts: [String: Int] = [:]
            for n in nodes {
                guard let v = n.labels[c.topologyKey], NodeAffinity.matchesRequired(p.pod, labels: n.labels, nodeName: n.name) else { continue }
                var k = counts[v] ?? 0
                for a in cache.pods(on: n.name) where !a.terminating && a.namespace == p.namespace && c.selector.matches(a.labels) {
                    k += 1
                }
                counts[v] = k
            }
            spreadCounts.append(counts)
            spreadMin.append(counts.values.min() ?? 0)
        }
        func domains(_ t: PodAffinityTerm) -> Set<String> {
            var out = Set<String>()
            for a in cache.assigned.values where t.matches(namespace: a.namespace, labels: a.labels) {
                if let v = cache.nodes[a.node]?.labels[t.topologyKey] { out.insert(v) }
            }
            return out
        }
        for t in p.affinity {
            let d = domains(t)
            affinityDomains.append(d)
            affinityAnywhere.append(!d.isEmpty)
        }
        antiDomains = p.antiAffinity.map(domains)
        for key in cache.withAntiAffinity {
            guard let a = cache.assigned[key], let node = cache.nodes[a.node] else { continue }
            for t in a.antiAffinity where t.matches(namespace: p.namespace, labels: p.labels) {
                if let v = node.labels[t.topologyKey] { refused.insert(t.topologyKey + "=" + v) }
            }
        }
    }

    func spreadFailure(_ p: PodContext, _ n: NodeState) -> FilterFailure? {
        for (i, c) in p.spread.enumerated() where c.hard {
            guard let v = n.labels[c.topologyKey] else {
                return FilterFailure(reasons: [FilterReason.spreadMissingLabel], unresolvable: true)
            }
            let selfMatch = c.selector.matches(p.labels) ? 1 : 0
            if (spreadCounts[i][v] ?? 0) + selfMatch - spreadMin[i] > c.maxSkew {
                return FilterFailure(reasons: [FilterReason.spread], unresolvable: false)
            }
        }
        return nil
    }

    func affinityFailure(_ p: PodContext, _ n: NodeState, _ cache: SchedulerCache) -> FilterFailure? {
        for (i, t) in p.affinity.enumerated() {
            guard let v = n.labels[t.topologyKey] else { return FilterFailure(reasons: [FilterReason.affinity], unresolvable: true) }
            if affinityDomains[i].contains(v) { continue }
            // The first pod of a group that selects itself may go anywhere.
            if !affinityAnywhere.contains(true), t.matches(namespace: p.namespace, labels: p.labels) { continue }
            return FilterFailure(reasons: [FilterReason.affinity], unresolvable: true)
        }
        for (i, t) in p.antiAffinity.enumerated() {
            if let v = n.labels[t.topologyKey], antiDomains[i].contains(v) {
                return FilterFailure(reasons: [FilterReason.antiAffinity], unresolvable: false)
            }
        }
        if !refused.isEmpty {
            for (k, v) in n.labels where refused.contains(k + "=" + v) {
                return FilterFailure(reasons: [FilterReason.existingAntiAffinity], unresolvable: false)
            }
        }
        return nil
    }
}
