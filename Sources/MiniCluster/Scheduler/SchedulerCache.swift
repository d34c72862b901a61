// The scheduler's view of the cluster, kept up to date from store events so that placing a pod costs
// O(nodes): each node's parsed labels, taints and allocatable, and running sums of what its pods request.

/// One node as the scheduler sees it.
final class NodeState {
    let name: String
    var labels: [String: String] = [:]
    /// `topology.kubernetes.io/zone`, read once per node change (the default spreading reads it per pod).
    var zone: String?
    var taints: [Taint] = []
    var unschedulable = false
    var allocatable = PodRequest()
    var allowedPods = 0
    /// Sums over the pods assigned here (not terminal).
    var requested = PodRequest()
    var podCount = 0
    /// Assigned pods per controller uid (for the default spreading of replicas).
    var ownerCounts: [String: Int] = [:]
    var podKeys: Set<ObjectKey> = []
    /// This node's place in every `OwnerSpread.perNode` (never reused, so a node removed and added again
    /// starts from zero).
    let slot: Int

    init(name: String, slot: Int = 0) { self.name = name; self.slot = slot }

    /// What LeastAllocated and BalancedAllocation read: the request's and this node's figures.
    struct ScoreInputs: Equatable {
        var cpu, memory, nonZeroCPU, nonZeroMemory: Int64
        var usedCPU, usedMemory, usedNonZeroCPU, usedNonZeroMemory, allocCPU, allocMemory: Int64
    }
    /// The last resource score worked out here, kept while its inputs stay the same: replicas of one template ask
    /// for the same, and a node's figures change only when a pod lands on it or leaves (one node in a hundred
    /// between two replicas). Each score costs integer and floating-point divisions.
    private var lastResourceScore: (inputs: ScoreInputs, score: Int64)?

    /// `Scores.leastAllocated` + `Scores.balanced` for a pod's request on this node.
    func resourceScore(_ r: PodRequest) -> Int64 {
        let inputs = ScoreInputs(cpu: r.milliCPU, memory: r.memory, nonZeroCPU: r.nonZeroCPU, nonZeroMemory: r.nonZeroMemory,
                                 usedCPU: requested.milliCPU, usedMemory: requested.memory,
                                 usedNonZeroCPU: requested.nonZeroCPU, usedNonZeroMemory: requested.nonZeroMemory,
                                 allocCPU: allocatable.milliCPU, allocMemory: allocatable.memory)
        if let last = lastResourceScore, last.inputs == inputs { return last.score }
        let score = Scores.leastAllocated(r, self) + Scores.balanced(r, self)
        lastResourceScore = (inputs, score)
        return score
    }

    /// Reads a node object; returns whether anything the filters look at changed.
    @discardableResult
    func update(from node: Value) -> Bool {
        let before = (labels, taints, unschedulable, allocatable, allowedPods)
        labels = node.labels
        zone = labels["topology.kubernetes.io/zone"]
        taints = Taint.of(node: node)
        unschedulable = node[path: "spec", "unschedulable"]?.boolValue ?? false
        let alloc = node[path: "status", "allocatable"]?.objectValue ?? node[path: "status", "capacity"]?.objectValue ?? [:]
        var a = PodRequest()
        a.milliCPU = alloc["cpu"]?.quantityValue?.milliValue ?? 0
        a.memory = alloc["memory"]?.quantityValue?.value ?? 0
        a.ephemeral = alloc["ephemeral-storage"]?.quantityValue?.value ?? 0
        for (k, v) in alloc where !["cpu", "memory", "ephemeral-storage", "pods"].contains(k) {
            if let q = v.quantityValue { a.scalar[k] = q.value }
        }
        allocatable = a
        allowedPods = Int(alloc["pods"]?.quantityValue?.value ?? 0)
        return before.0 != labels || before.1 != taints || before.2 != unschedulable || before.3 != allocatable || before.4 != allowedPods
    }
}

/// A pod the cache counts against a node.
struct AssignedPod {
    /// The pod's uid: requests and affinity cannot change while it stays the same pod (both are immutable
    /// on update), so a later event of the same pod reuses what was parsed.
    let uid: String
    let node: String
    let namespace: String
    let labels: [String: String]
    /// `metadata.labels` as stored: a later event with the same value has the same `labels` (not rebuilt then).
    let rawLabels: Value?
    let owner: String?
    /// `metadata.ownerReferences` as stored: a later event with the same value has the same `owner`.
    let rawOwners: Value?
    let request: PodRequest
    let antiAffinity: [PodAffinityTerm]
}

/// One controller's assigned pods per node slot and per zone, kept as pods come and go, so the default
/// spreading reads them instead of recounting every node for every pod.
final class OwnerSpread {
    var perNode: [Int] = []
    var perZone: [String: Int] = [:]

    func count(on n: NodeState) -> Int { n.slot < perNode.count ? perNode[n.slot] : 0 }

    fileprivate func add(_ delta: Int, on n: NodeState) {
        if n.slot >= perNode.count { perNode.append(contentsOf: repeatElement(0, count: n.slot + 1 - perNode.count)) }
        perNode[n.slot] += delta
        if let z = n.zone { add(delta, zone: z) }
    }

    fileprivate func add(_ delta: Int, zone z: String) {
        let v = (perZone[z] ?? 0) + delta
        perZone[z] = v == 0 ? nil : v
    }
}

final class SchedulerCache {
    private(set) var nodes: [String: NodeState] = [:]
    /// Node names in order (sorted), so every pass over nodes is deterministic.
    private(set) var nodeOrder: [String] = []
    private(set) var assigned: [ObjectKey: AssignedPod] = [:]
    /// Assigned pods that carry required anti-affinity terms (checked against every incoming pod).
    private(set) var withAntiAffinity: Set<ObjectKey> = []

    /// `nodeOrder`'s nodes, kept until a node is added or removed (nodes change in place).
    private var ordered: [NodeState]?
    /// Per controller uid: its pods per node and zone (`NodeState.ownerCounts` turned around).
    private(set) var spread: [String: OwnerSpread] = [:]
    private var nextSlot = 0
    /// The last container requests read, for the cache and for scheduling attempts.
    let requests = RequestsMemo()
    /// The last pod labels read: the replicas of one template carry the same.
    private var lastLabels: (raw: Value?, labels: [String: String])?
    /// How many distinct zones the nodes are in, kept until a node is added, removed or changed.
    private var zoneCount: Int?

    func distinctZones() -> Int {
        if let zoneCount { return zoneCount }
        let n = Set(nodes.values.compactMap(\.zone)).count
        zoneCount = n
        return n
    }

    func orderedNodes() -> [NodeState] {
        if let ordered { return ordered }
        let o = nodeOrder.compactMap { nodes[$0] }
        ordered = o
        return o
    }

    /// Adds or refreshes a node; true when the change could let a pending pod fit.
    func upsert(node: Value) -> Bool {
        let name = node.metadataName
        if let n = nodes[name] {
            let zone = n.zone
            let changed = n.update(from: node)
            if n.zone != zone {
                zoneCount = nil
                // Its pods now count in another zone.
                for (o, c) in n.ownerCounts {
                    if let zone { spread[o]?.add(-c, zone: zone) }
                    if let z = n.zone { spread[o]?.add(c, zone: z) }
                }
            }
            return changed
        }
        let n = NodeState(name: name, slot: nextSlot)
        nextSlot += 1
        zoneCount = nil
        n.update(from: node)
        nodes[name] = n
        ordered = nil
        let i = nodeOrder.firstIndex { $0 > name } ?? nodeOrder.count
        nodeOrder.insert(name, at: i)
        for (key, p) in assigned where p.node == name { add(key, p, to: n) }
        return true
    }

    func remove(node name: String) {
        if let n = nodes[name] { for (o, c) in n.ownerCounts { spread[o]?.add(-c, on: n) } }
        zoneCount = nil
        nodes[name] = nil
        ordered = nil
        nodeOrder.removeAll { $0 == name }
    }

    /// Records a pod's current state; returns true when that released room on a node (the pod left it,
    /// finished or is gone).
    @discardableResult
    func update(pod: Value?, key: ObjectKey) -> Bool {
        // Most events of an assigned pod are status writes: same pod, same node, same labels and owner; what the
        // cache counts stays as it is (removing and adding it back would give the same state).
        if let pod, let old = assigned[key], !old.uid.isEmpty, old.uid == pod.uid,
           pod[path: "spec", "nodeName"]?.stringValue == old.node, !Self.isTerminal(pod),
           pod[path: "metadata", "labels"].equalsShared(old.rawLabels),
           pod[path: "metadata", "ownerReferences"].equalsShared(old.rawOwners) || old.owner == Self.owner(of: pod) {
            return false
        }
        let old = assigned.removeValue(forKey: key)
        if let old {
            if let n = nodes[old.node] { subtract(key, old, from: n) }
            withAntiAffinity.remove(key)
        }
        guard let pod, let node = pod[path: "spec", "nodeName"]?.stringValue, !node.isEmpty, !Self.isTerminal(pod) else {
            return old != nil
        }
        let owner = Self.owner(of: pod)
        let uid = pod.uid
        let same = old.flatMap { $0.uid == uid && !uid.isEmpty ? $0 : nil }
        let anti = same?.antiAffinity ?? PodAffinityTerm.required(pod, anti: true)
        let rawLabels = pod[path: "metadata", "labels"]
        let labels: [String: String]
        if let last = lastLabels, last.raw.equalsShared(rawLabels) { labels = last.labels } else {
            labels = pod.labels
            lastLabels = (rawLabels, labels)
        }
        let a = AssignedPod(uid: uid, node: node, namespace: pod.metadataNamespace ?? "", labels: labels,
                            rawLabels: rawLabels, owner: owner, rawOwners: pod[path: "metadata", "ownerReferences"],
                            request: same?.request ?? PodRequest(pod: pod, memo: requests), antiAffinity: anti)
        assigned[key] = a
        if !anti.isEmpty { withAntiAffinity.insert(key) }
        if let n = nodes[node] { add(key, a, to: n) }
        return old.map { $0.node != node } ?? false
    }

    static func isTerminal(_ pod: Value) -> Bool {
        let phase = pod[path: "status", "phase"]?.stringValue
        return phase == "Succeeded" || phase == "Failed"
    }

    /// The uid of the pod's controller (for spreading replicas).
    static func owner(of pod: Value) -> String? { OwnerRefs.controller(of: pod)?["uid"]?.stringValue }

    private func add(_ key: ObjectKey, _ p: AssignedPod, to n: NodeState) {
        guard n.podKeys.insert(key).inserted else { return }
        n.requested += p.request
        n.podCount += 1
        if let o = p.owner {
            n.ownerCounts[o, default: 0] += 1
            ownerSpread(o).add(1, on: n)
        }
    }

    private func ownerSpread(_ o: String) -> OwnerSpread {
        if let s = spread[o] { return s }
        let s = OwnerSpread()
        spread[o] = s
        return s
    }

    private func subtract(_ key: ObjectKey, _ p: AssignedPod, from n: NodeState) {
        guard n.podKeys.remove(key) != nil else { return }
        n.requested -= p.request
        n.podCount -= 1
        if let o = p.owner {
            n.ownerCounts[o, default: 0] -= 1
            if n.ownerCounts[o] == 0 { n.ownerCounts[o] = nil }
            spread[o]?.add(-1, on: n)
        }
    }

    /// Assigned pods on a node, for affinity and spreading that look at labels.
    func pods(on node: String) -> [AssignedPod] {
        (nodes[node]?.podKeys ?? []).compactMap { assigned[$0] }
    }
}
