// One scheduling attempt: filter every node, score the feasible ones, pick the best (ties broken by the seeded
// generator), or explain in the scheduler's words why no node fits.
import Foundation

enum ScheduleResult: Equatable {
    case node(String)
    case unschedulable(String)
}

enum SchedulingAlgorithm {
    static let noNodes = "no nodes available to schedule pods"

    /// `plain` false takes the general path for every pod (the test comparing the two paths uses it).
    /// `volumeTerms`: the node selector terms of each bound PersistentVolume the pod mounts (VolumeBinding's
    /// filter: a node must match one term of every volume).
    static func schedule(_ pod: Value, _ cache: SchedulerCache, _ random: inout SeededRandom,
                         plain: Bool = true, volumeTerms: [[Value]] = []) -> ScheduleResult {
        let nodes = cache.orderedNodes()
        guard !nodes.isEmpty else { return .unschedulable(noNodes) }
        if plain, volumeTerms.isEmpty, let chosen = plainChoice(pod, nodes, cache, &random) { return chosen }
        let p = PodContext(pod, requests: cache.requests)
        let topo = TopologyState(p, cache)
        var feasible: [NodeState] = []
        var failures: [FilterFailure] = []
        for n in nodes {
            if let f = Filters.check(p, n, cache, topo) { failures.append(f) }
            else if !volumeTerms.allSatisfy({ $0.contains { NodeAffinity.term(matches: $0, labels: n.labels, nodeName: n.name) } }) {
                failures.append(FilterFailure(reasons: [FilterReason.volumeNodeConflict], unresolvable: true))
            } else { feasible.append(n) }
        }
        guard !feasible.isEmpty else {
            let never = pod[path: "spec", "preemptionPolicy"]?.stringValue == "Never"
            return .unschedulable(FitMessage.text(total: nodes.count, failures: failures, preemptionNever: never))
        }
        if feasible.count == 1 { return .node(feasible[0].name) }
        let scores = Scores.total(p, feasible, cache)
        return .node(feasible[highest(feasible.indices, &random) { scores[$0] }].name)
    }

    /// The candidate with the highest score; among equal ones, each later one replaces the choice with
    /// probability 1/ties (one draw per tie, so every tied candidate is equally likely). `candidates` is not empty.
    @inline(__always)
    static func highest<C: Collection>(_ candidates: C, _ random: inout SeededRandom,
                                       score: (C.Element) -> Int64) -> C.Element {
        var best: Int64 = .min, chosen = candidates[candidates.startIndex], ties = 0
        for c in candidates {
            let s = score(c)
            if s > best { best = s; chosen = c; ties = 1 }
            else if s == best {
                ties += 1
                if random.next() % UInt64(ties) == 0 { chosen = c }
            }
        }
        return chosen
    }

    /// Most pods (every replica of a plain Deployment) ask for nothing but cpu, memory and storage, and most
    /// clusters' nodes carry no taints: then the filters come down to NodeResourcesFit and the scores to
    /// LeastAllocated, BalancedAllocation, the default spreading and constants. This is that case, node by node,
    /// without the general path's pod context, per-node failure lists and per-plugin score lists: the same feasible
    /// nodes, the same totals and the same tie-breaking draws. nil (nothing drawn) when the pod or a node is not
    /// that plain, or when no node fits: the general path then decides, and words the failure.
    static func plainChoice(_ pod: Value, _ nodes: [NodeState], _ cache: SchedulerCache,
                            _ random: inout SeededRandom) -> ScheduleResult? {
        // What PodContext and TopologyState would find empty: no affinity of any kind (nor preferred terms to
        // score), no node selector, no spread constraints, and no assigned pod whose anti-affinity could refuse it.
        let spec = pod["spec"]
        guard cache.withAntiAffinity.isEmpty, spec?["affinity"] == nil, spec?["nodeSelector"] == nil,
              spec?["topologySpreadConstraints"].map({ $0.arrayValue?.isEmpty == true }) ?? true else { return nil }
        let request = PodRequest(pod: pod, memo: cache.requests)
        guard request.hostPorts.isEmpty, request.scalar.isEmpty else { return nil }
        let r = request.figures
        // Three passes over the cache's `PlainNode`s (no per-plugin score lists, no node references): which nodes
        // fit, then the default spreading's rounded raw scores (their weight depends on how many fit), then the
        // totals with the tie-breaking draws of `highest`, in the same node order.
        return cache.withPlainNodes { plain -> ScheduleResult? in
            assert(plain.count == nodes.count, "the nodes are the cache's orderedNodes()")
            var feasible: [Int] = []
            feasible.reserveCapacity(plain.count)
            for i in plain.indices {
                guard plain[i].plain else { return nil }
                if plain[i].fits(r) { feasible.append(i) }
            }
            guard let first = feasible.first else { return nil }
            if feasible.count == 1 { return .node(nodes[first].name) }
            // Scores.total: taints give 300 to every node, node and pod affinity nothing; the default spreading
            // (`defaultSpread` then `normalizedSpread`) over the controller's pods, or nothing without a controller.
            var spread: [Int64] = []
            var maxSpread: Int64 = 0, minSpread: Int64 = 0
            if let owner = SchedulerCache.owner(of: pod) {
                spread = Scores.defaultSpreadRounded(owner: owner, plain, at: feasible, cache)
                maxSpread = spread.max() ?? 0
                minSpread = spread.min() ?? 0
            }
            let chosen = highest(feasible.indices, &random) { j in
                let s = 300 + plain[feasible[j]].resourceScore(r)
                return spread.isEmpty ? s : s + 2 * Scores.normalized(spread[j], max: maxSpread, min: minSpread)
            }
            return .node(nodes[feasible[chosen]].name)
        }
    }
}

/// The FailedScheduling message (FitError.Error()): reasons counted across nodes and sorted as strings,
/// then the preemption plugin's verdict in the same form.
enum FitMessage {
    static func text(total: Int, failures: [FilterFailure], preemptionNever: Bool) -> String {
        var msg = "0/\(total) nodes are available: " + histogram(failures.flatMap(\.reasons)) + "."
        if preemptionNever {
            msg += " preemption: not eligible due to preemptionPolicy=Never."
        } else {
            let verdicts = failures.map { $0.unresolvable ? "Preemption is not helpful for scheduling" : "No preemption victims found for incoming pod" }
            msg += " preemption: 0/\(total) nodes are available: " + histogram(verdicts) + "."
        }
        return msg
    }

    /// A PreFilter plugin's refusal (VolumeBinding's missing claim): its words instead of the per-node reasons,
    /// and no node where preemption could help.
    static func preFilter(total: Int, _ message: String) -> String {
        "0/\(total) nodes are available: \(message). preemption: 0/\(total) nodes are available: \(total) Preemption is not helpful for scheduling."
    }

    static func histogram(_ reasons: [String]) -> String {
        var counts: [String: Int] = [:]
        for r in reasons { counts[r, default: 0] += 1 }
        return counts.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
    }
}

/// Score plugins of the default profile with their weights; each normalised to 0…100 before weighting.
enum Scores {
    static func total(_ p: PodContext, _ nodes: [NodeState], _ cache: SchedulerCache) -> [Int64] {
        let r = p.request.figures
        var total = nodes.map { resourceScore(r, used: $0.requested.figures, allocatable: $0.allocatable.figures) }
        func add(_ s: [Int64], _ w: Int64) { for i in s.indices { total[i] += s[i] * w } }
        // Without taints on any node every taint score is 100 (what taintScores gives then).
        if nodes.allSatisfy({ $0.taints.isEmpty }) { for i in total.indices { total[i] += 300 } } else { add(taintScores(p, nodes), 3) }
        add(nodeAffinityScores(p, nodes), 2)
        add(spreadScores(p, nodes, cache), 2)
        add(podAffinityScores(p, nodes, cache), 2)
        return total
    }

    /// `leastAllocated` + `balanced`.
    static func resourceScore(_ r: PodRequest.Figures, used: PodRequest.Figures, allocatable: PodRequest.Figures) -> Int64 {
        leastAllocated(r, used: used, allocatable: allocatable) + balanced(r, used: used, allocatable: allocatable)
    }

    static func leastAllocated(_ r: PodRequest.Figures, used: PodRequest.Figures, allocatable: PodRequest.Figures) -> Int64 {
        func one(_ want: Int64, _ alloc: Int64) -> Int64 {
            guard alloc > 0, want <= alloc else { return 0 }
            return (alloc - want) * 100 / alloc
        }
        return (one(used.nonZeroCPU + r.nonZeroCPU, allocatable.milliCPU)
            + one(used.nonZeroMemory + r.nonZeroMemory, allocatable.memory)) / 2
    }

    static func balanced(_ r: PodRequest.Figures, used: PodRequest.Figures, allocatable: PodRequest.Figures) -> Int64 {
        guard allocatable.milliCPU > 0, allocatable.memory > 0 else { return 0 }
        let cpu = min(1, Double(used.milliCPU + r.milliCPU) / Double(allocatable.milliCPU))
        let mem = min(1, Double(used.memory + r.memory) / Double(allocatable.memory))
        return Int64((1 - abs(cpu - mem) / 2) * 100)
    }

    static func taintScores(_ p: PodContext, _ nodes: [NodeState]) -> [Int64] {
        let counts = nodes.map { n in Int64(n.taints.filter { $0.effect == "PreferNoSchedule" && !p.tolerations.tolerates($0) }.count) }
        let maxCount = counts.max() ?? 0
        return counts.map { maxCount == 0 ? 100 : 100 - $0 * 100 / maxCount }
    }

    static func nodeAffinityScores(_ p: PodContext, _ nodes: [NodeState]) -> [Int64] {
        guard p.pod[path: "spec", "affinity"]?[path: "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution"] != nil else {
            return nodes.map { _ in 0 }
        }
        let raw = nodes.map { NodeAffinity.preferredScore(p.pod, labels: $0.labels, nodeName: $0.name) }
        let m = raw.max() ?? 0
        return raw.map { m == 0 ? 0 : $0 * 100 / m }
    }

    /// PodTopologySpread scoring: the pod's ScheduleAnyway constraints, or the system defaults (3 per host,
    /// 5 per zone) over pods of the same controller when it has none.
    static func spreadScores(_ p: PodContext, _ nodes: [NodeState], _ cache: SchedulerCache) -> [Int64] {
        var raw = [Double](repeating: 0, count: nodes.count)
        let soft = p.spread.filter { !$0.hard }
        if p.spread.isEmpty {
            guard let owner = SchedulerCache.owner(of: p.pod) else {
                return nodes.map { _ in 0 }
            }
            raw = defaultSpread(owner: owner, nodes, cache)
        } else if !soft.isEmpty {
            for c in soft {
                var counts: [String: Int] = [:]
                for n in cache.orderedNodes() {
                    guard let v = n.labels[c.topologyKey] else { continue }
                    counts[v, default: 0] += cache.pods(on: n.name).filter {
                        !$0.terminating && $0.namespace == p.namespace && c.selector.matches($0.labels)
                    }.count
                }
                let w = log(Double(counts.count + 2))
                for (i, n) in nodes.enumerated() {
                    raw[i] += Double(n.labels[c.topologyKey].flatMap { counts[$0] } ?? 0) * w + Double(c.maxSkew - 1)
                }
            }
        } else {
            return nodes.map { _ in 0 }
        }
        return normalizedSpread(raw)
    }

    /// Raw spreading scores (fewer matching pods is better) as 0…100, the best node highest.
    static func normalizedSpread(_ raw: [Double]) -> [Int64] {
        let ints = raw.map { Int64($0.rounded()) }
        let maxS = ints.max() ?? 0, minS = ints.min() ?? 0
        return ints.map { normalized($0, max: maxS, min: minS) }
    }

    /// One rounded raw spreading score as 0…100 among scores from `min` to `max`, the lowest raw score highest.
    @inline(__always)
    static func normalized(_ v: Int64, max maxS: Int64, min minS: Int64) -> Int64 {
        maxS == 0 ? 100 : 100 * (maxS + minS - v) / maxS
    }

    /// The default spreading's raw scores from the controller's counts per node and zone, which the cache keeps
    /// (`defaultSpreadRecounted` is the long way, kept for the test that compares the two). `nodes` are some of
    /// the cache's `orderedNodes()`, in its order.
    static func defaultSpread(owner: String, _ nodes: [NodeState], _ cache: SchedulerCache) -> [Double] {
        var raw: [Double] = []
        raw.reserveCapacity(nodes.count)
        cache.withPlainNodes { plain in
            forEachDefaultSpread(owner: owner, plain, at: nodes.map(\.position), cache) { raw.append($0) }
        }
        return raw
    }

    /// `defaultSpread` of the nodes at `positions` in `plain` (the cache's `plainNodes`), rounded as
    /// `normalizedSpread` rounds it.
    static func defaultSpreadRounded(owner: String, _ plain: [PlainNode], at positions: [Int],
                                     _ cache: SchedulerCache) -> [Int64] {
        var ints: [Int64] = []
        ints.reserveCapacity(positions.count)
        forEachDefaultSpread(owner: owner, plain, at: positions, cache) { ints.append(Int64($0.rounded())) }
        return ints
    }

    /// Each node's raw default-spreading score, in the order of `positions`.
    @inline(__always)
    private static func forEachDefaultSpread(owner: String, _ plain: [PlainNode], at positions: [Int],
                                             _ cache: SchedulerCache, _ body: (Double) -> Void) {
        let counts = cache.spread[owner]
        let hostWeight = log(Double(positions.count + 2)), zoneWeight = log(Double(cache.distinctZones() + 2))
        // Nodes come in name order, which keeps a zone's nodes together on GKE (the pool's per-zone group is in
        // the name): a zone's term is looked up once per run of its nodes, not once per node.
        var lastZone = -1, zoneTerm = 0.0
        for i in positions {
            var raw = Double(counts?.count(slot: plain[i].slot) ?? 0) * hostWeight + 2
            let z = plain[i].zone
            if z >= 0 {
                if z != lastZone {
                    zoneTerm = Double(counts?.perZone[cache.zoneNames[z]] ?? 0) * zoneWeight + 4
                    lastZone = z
                }
                raw += zoneTerm
            }
            body(raw)
        }
    }

    /// The default spreading's raw scores counted from every node's `ownerCounts`, as `spreadScores` did before
    /// the cache kept the counts: tests compare the two.
    static func defaultSpreadRecounted(owner: String, _ nodes: [NodeState], _ cache: SchedulerCache) -> [Double] {
        var raw = [Double](repeating: 0, count: nodes.count)
        var zones: [String: Int] = [:]
        for n in cache.orderedNodes() {
            if let z = n.zone { zones[z, default: 0] += n.ownerCounts[owner] ?? 0 }
        }
        let hostWeight = log(Double(nodes.count + 2)), zoneWeight = log(Double(zones.count + 2))
        for (i, n) in nodes.enumerated() {
            raw[i] = Double(n.ownerCounts[owner] ?? 0) * hostWeight + 2
            if let z = n.zone { raw[i] += Double(zones[z] ?? 0) * zoneWeight + 4 }
        }
        return raw
    }

    static func podAffinityScores(_ p: PodContext, _ nodes: [NodeState], _ cache: SchedulerCache) -> [Int64] {
        let pref = PodAffinityTerm.preferred(p.pod, anti: false).map { ($0, Int64(1)) }
            + PodAffinityTerm.preferred(p.pod, anti: true).map { ($0, Int64(-1)) }
        guard !pref.isEmpty else { return nodes.map { _ in 0 } }
        var byDomain: [String: Int64] = [:]
        for a in cache.assigned.values {
            guard let node = cache.nodes[a.node] else { continue }
            for (t, sign) in pref where t.matches(namespace: a.namespace, labels: a.labels) {
                if let v = node.labels[t.topologyKey] { byDomain[t.topologyKey + "=" + v, default: 0] += sign * t.weight }
            }
        }
        let raw = nodes.map { n in
            Set(pref.map(\.0.topologyKey)).reduce(Int64(0)) { s, k in s + (n.labels[k].flatMap { byDomain[k + "=" + $0] } ?? 0) }
        }
        let maxS = raw.max() ?? 0, minS = raw.min() ?? 0
        return raw.map { maxS == minS ? 0 : ($0 - minS) * 100 / (maxS - minS) }
    }
}
