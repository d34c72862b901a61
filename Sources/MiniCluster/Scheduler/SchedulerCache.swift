// The scheduler's view of the cluster, kept up to date from store events so that placing a pod costs
// O(nodes): each node's parsed labels, taints and allocatable, and running sums of what its pods request.

/// One node as the scheduler sees it.
final class NodeState {
    let name: String
    fileprivate(set) var labels: [String: String] = [:]
    /// `topology.kubernetes.io/zone`, read once per node change (the default spreading reads it per pod).
    fileprivate(set) var zone: String?
    fileprivate(set) var taints: [Taint] = []
    fileprivate(set) var unschedulable = false
    fileprivate(set) var allocatable = PodRequest()
    fileprivate(set) var allowedPods = 0
    /// Sums over the pods assigned here (not terminal).
    fileprivate(set) var requested = PodRequest()
    fileprivate(set) var podCount = 0
    /// Assigned pods per controller uid (for the default spreading of replicas).
    fileprivate(set) var ownerCounts: [String: Int] = [:]
    fileprivate(set) var podKeys: Set<ObjectKey> = []
    /// This node's place in every `OwnerSpread.perNode` (never reused, so a node removed and added again
    /// starts from zero).
    let slot: Int
    /// This node's place in `SchedulerCache.orderedNodes()` and `plainNodes`, while those are current.
    fileprivate(set) var position = -1

    init(name: String, slot: Int = 0) { self.name = name; self.slot = slot }

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

/// What the plain scheduling path (`SchedulingAlgorithm.plainChoice`) reads of a node, as plain values in one
/// array: its loops over a hundred nodes per pod then touch no node object (no reference counting, no pointer
/// chasing). The cache rewrites a node's entry whenever it changes the node.
struct PlainNode {
    /// Schedulable and without taints: what the plain path requires of every node.
    var plain: Bool
    var podCount: Int, allowedPods: Int
    var used: PodRequest.Figures, allocatable: PodRequest.Figures
    var slot: Int
    /// The zone's number in `SchedulerCache.zoneNumbers`, or -1 without one.
    var zone: Int
    /// The last resource score worked out for a request, kept until the node changes: replicas of one template
    /// ask for the same, and a node changes only when a pod lands on it or leaves (one in a hundred between two
    /// replicas). Each score costs integer and floating-point divisions.
    var lastScore: (request: PodRequest.Figures, score: Int64)?

    init(_ n: NodeState, zone: Int) {
        plain = !n.unschedulable && n.taints.isEmpty
        podCount = n.podCount
        allowedPods = n.allowedPods
        used = n.requested.figures
        allocatable = n.allocatable.figures
        slot = n.slot
        self.zone = zone
    }

    /// `Filters.fits` on these figures.
    @inline(__always)
    func fits(_ r: PodRequest.Figures) -> Bool {
        Filters.fits(r, podCount: podCount, allowedPods: allowedPods, used: used, allocatable: allocatable)
    }

    /// `Scores.leastAllocated` + `Scores.balanced`, remembered for the last request.
    @inline(__always)
    mutating func resourceScore(_ r: PodRequest.Figures) -> Int64 {
        if let lastScore, lastScore.request == r { return lastScore.score }
        let score = Scores.resourceScore(r, used: used, allocatable: allocatable)
        lastScore = (r, score)
        return score
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
    /// The pod has a deletionTimestamp: its requests still take room on the node, but spreading leaves it out
    /// (podtopologyspread's countPodsMatchSelector: "Bypass terminating Pod (see #87621)").
    let terminating: Bool
}

/// One controller's assigned pods per node slot and per zone, kept as pods come and go, so the default
/// spreading reads them instead of recounting every node for every pod.
final class OwnerSpread {
    var perNode: [Int] = []
    var perZone: [String: Int] = [:]

    func count(on n: NodeState) -> Int { count(slot: n.slot) }
    func count(slot: Int) -> Int { slot < perNode.count ? perNode[slot] : 0 }

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
    /// `PlainNode`s of `ordered`, in its order (see `orderedNodes()`).
    private(set) var plainNodes: [PlainNode] = []
    /// A number per zone name, for `PlainNode.zone`; never reused while the cache lives.
    private var zoneNumbers: [String: Int] = [:]
    private(set) var zoneNames: [String] = []
    /// Per controller uid: its pods per node and zone (`NodeState.ownerCounts` turned around).
    private(set) var spread: [String: OwnerSpread] = [:]
    private var nextSlot = 0
    /// The last container requests read, for the cache and for scheduling attempts.
    let requests = RequestsMemo()
    /// The last pod owner references read, with their controller.
    private let owners = ControllerRefMemo()
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

    /// The nodes in name order; `plainNodes` is current with them once this returns.
    func orderedNodes() -> [NodeState] {
        if let ordered { return ordered }
        let o = nodeOrder.compactMap { nodes[$0] }
        ordered = o
        plainNodes = []
        plainNodes.reserveCapacity(o.count)
        for (i, n) in o.enumerated() {
            n.position = i
            plainNodes.append(PlainNode(n, zone: zoneNumber(n.zone)))
        }
        return o
    }

    private func zoneNumber(_ zone: String?) -> Int {
        guard let zone else { return -1 }
        if let z = zoneNumbers[zone] { return z }
        zoneNumbers[zone] = zoneNames.count
        zoneNames.append(zone)
        return zoneNames.count - 1
    }

    /// The plain path's figures, current with `orderedNodes()`, to read and to keep score memos in.
    func withPlainNodes<R>(_ body: (inout [PlainNode]) -> R) -> R {
        _ = orderedNodes()
        return body(&plainNodes)
    }

    /// Rewrites a changed node's `PlainNode` (while `plainNodes` is current; otherwise `orderedNodes()` will).
    private func refreshPlain(_ n: NodeState) {
        guard ordered != nil, n.position >= 0, n.position < plainNodes.count else { return }
        plainNodes[n.position] = PlainNode(n, zone: zoneNumber(n.zone))
    }

    /// `refreshPlain` after a pod came or went: only the pod count and the sums change (the node's labels, taints,
    /// allocatable and zone are the node object's), so the entry's other fields stay and its zone is not looked up
    /// again by name. As a new entry, it has no score remembered.
    private func refreshPlainUse(_ n: NodeState) {
        guard ordered != nil, n.position >= 0, n.position < plainNodes.count else { return }
        plainNodes[n.position].podCount = n.podCount
        plainNodes[n.position].used = n.requested.figures
        plainNodes[n.position].lastScore = nil
    }

    /// Adds or refreshes a node; true when the change could let a pending pod fit.
    func upsert(node: Value) -> Bool {
        let name = node.metadataName
        if let n = nodes[name] {
            let zone = n.zone
            let changed = n.update(from: node)
            refreshPlain(n)
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
        if let n = nodes[name] {
            for (o, c) in n.ownerCounts { spread[o]?.add(-c, on: n) }
            n.position = -1
        }
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
        // One search of the table, for the check and for taking the pod out.
        let at = assigned.index(forKey: key)
        if let pod, let at, case let old = assigned.values[at], !old.uid.isEmpty, old.uid == pod.uid,
           pod[path: "spec", "nodeName"]?.stringValue == old.node, !Self.isTerminal(pod),
           (pod[path: "metadata", "deletionTimestamp"] != nil) == old.terminating,
           pod[path: "metadata", "labels"].equalsShared(old.rawLabels),
           pod[path: "metadata", "ownerReferences"].equalsShared(old.rawOwners) || old.owner == Self.owner(of: pod) {
            return false
        }
        let old = at.map { assigned.remove(at: $0).value }
        if let old {
            if let n = nodes[old.node] { subtract(key, old, from: n) }
            withAntiAffinity.remove(key)
        }
        guard let pod, let node = pod[path: "spec", "nodeName"]?.stringValue, !node.isEmpty, !Self.isTerminal(pod) else {
            return old != nil
        }
        let rawOwners = pod[path: "metadata", "ownerReferences"]
        // `Self.owner(of:)`, compared by storage with the references read last (a ReplicaSet's pods share theirs).
        let owner = owners.read(rawOwners).uid
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
                            rawLabels: rawLabels, owner: owner, rawOwners: rawOwners,
                            request: same?.request ?? PodRequest(pod: pod, memo: requests), antiAffinity: anti,
                            terminating: pod[path: "metadata", "deletionTimestamp"] != nil)
        assigned[key] = a
        if !anti.isEmpty { withAntiAffinity.insert(key) }
        if let n = nodes[node] { add(key, a, to: n) }
        return old.map { $0.node != node } ?? false
    }

    /// Whether the cache counts the pod on a node (without copying out what it keeps of it).
    func isAssigned(_ key: ObjectKey) -> Bool { assigned.index(forKey: key) != nil }

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
        if let o = p.owner, !p.terminating {
            n.ownerCounts[o, default: 0] += 1
            ownerSpread(o).add(1, on: n)
        }
        refreshPlainUse(n)
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
        if let o = p.owner, !p.terminating {
            n.ownerCounts[o, default: 0] -= 1
            if n.ownerCounts[o] == 0 { n.ownerCounts[o] = nil }
            spread[o]?.add(-1, on: n)
        }
        refreshPlainUse(n)
    }

    /// Assigned pods on a node, for affinity and spreading that look at labels.
    func pods(on node: String) -> [AssignedPod] {
        (nodes[node]?.podKeys ?? []).compactMap { assigned[$0] }
    }
}
