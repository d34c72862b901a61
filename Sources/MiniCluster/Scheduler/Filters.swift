// The filter plugins of the default profile, in its order: a node is dropped at the first plugin that refuses
// it, with that plugin's reasons (the words the FailedScheduling message counts).

/// Why a node cannot take the pod; `unresolvable` means preemption could not help either.
struct FilterFailure: Equatable {
    var reasons: [String]
    var unresolvable: Bool
}

enum FilterReason {
    static let unschedulable = "node(s) were unschedulable"
    static let nodeAffinity = "node(s) didn't match Pod's node affinity/selector"
    static let ports = "node(s) didn't have free ports for the requested pod ports"
    static let tooManyPods = "Too many pods"
    static let spread = "node(s) didn't match pod topology spread constraints"
    static let spreadMissingLabel = "node(s) didn't match pod topology spread constraints (missing required label)"
    static let affinity = "node(s) didn't match pod affinity rules"
    static let antiAffinity = "node(s) didn't match pod anti-affinity rules"
    static let volumeNodeConflict = "node(s) had volume node affinity conflict"
    static let existingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules"
    static func taint(_ t: Taint) -> String { "node(s) had untolerated taint {\(t.key): \(t.value)}" }
    static func insufficient(_ resource: String) -> String { "Insufficient \(resource)" }
}

/// Everything about the incoming pod that the filters need, computed once per scheduling attempt.
struct PodContext {
    let pod: Value
    let namespace: String
    let labels: [String: String]
    let request: PodRequest
    let tolerations: [Toleration]
    let spread: [SpreadConstraint]
    let affinity: [PodAffinityTerm]
    let antiAffinity: [PodAffinityTerm]
    /// Whether the pod has a nodeSelector or required node affinity at all (without either, every node
    /// matches them and the per-node check is skipped).
    let nodeConstrained: Bool

    init(_ pod: Value, requests memo: RequestsMemo? = nil) {
        self.pod = pod
        namespace = pod.metadataNamespace ?? "default"
        labels = pod.labels
        request = PodRequest(pod: pod, memo: memo)
        tolerations = Toleration.of(pod: pod)
        spread = SpreadConstraint.of(pod)
        affinity = PodAffinityTerm.required(pod, anti: false)
        antiAffinity = PodAffinityTerm.required(pod, anti: true)
        nodeConstrained = pod[path: "spec", "nodeSelector"] != nil
            || pod[path: "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"] != nil
    }
}

enum Filters {
    /// Runs every filter on one node; nil when the pod fits.
    static func check(_ p: PodContext, _ n: NodeState, _ cache: SchedulerCache, _ topo: TopologyState) -> FilterFailure? {
        if n.unschedulable, !p.tolerations.tolerates(Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")) {
            return FilterFailure(reasons: [FilterReason.unschedulable], unresolvable: true)
        }
        if let t = n.taints.first(where: { ($0.effect == "NoSchedule" || $0.effect == "NoExecute") && !p.tolerations.tolerates($0) }) {
            return FilterFailure(reasons: [FilterReason.taint(t)], unresolvable: true)
        }
        if p.nodeConstrained, !NodeAffinity.matchesRequired(p.pod, labels: n.labels, nodeName: n.name) {
            return FilterFailure(reasons: [FilterReason.nodeAffinity], unresolvable: true)
        }
        if !p.request.hostPorts.isEmpty, p.request.hostPorts.contains(where: { portTaken($0, n.requested.hostPorts) }) {
            return FilterFailure(reasons: [FilterReason.ports], unresolvable: false)
        }
        if let f = fit(p.request, n) { return f }
        if let f = topo.spreadFailure(p, n) { return f }
        if let f = topo.affinityFailure(p, n, cache) { return f }
        return nil
    }

    /// A resource asked for that the node has not that much of left.
    @inline(__always)
    private static func short(_ want: Int64, _ used: Int64, _ alloc: Int64) -> Bool { want > 0 && want > alloc - used }

    /// Whether `fit` finds nothing short, for a request of no extended resources, from a node's figures.
    @inline(__always)
    static func fits(_ r: PodRequest.Figures, podCount: Int, allowedPods: Int, used: PodRequest.Figures,
                     allocatable: PodRequest.Figures) -> Bool {
        !(podCount + 1 > allowedPods) && !short(r.milliCPU, used.milliCPU, allocatable.milliCPU)
            && !short(r.memory, used.memory, allocatable.memory)
            && !short(r.ephemeral, used.ephemeral, allocatable.ephemeral)
    }

    /// NodeResourcesFit: pod count, then cpu, memory, ephemeral storage and extended resources.
    static func fit(_ r: PodRequest, _ n: NodeState) -> FilterFailure? {
        // Fitting, the usual answer (for every node, every pod), is found without building a list of reasons.
        if r.scalar.isEmpty, fits(r.figures, podCount: n.podCount, allowedPods: n.allowedPods, used: n.requested.figures,
                                  allocatable: n.allocatable.figures) { return nil }
        let tooMany = n.podCount + 1 > n.allowedPods
        let cpu = short(r.milliCPU, n.requested.milliCPU, n.allocatable.milliCPU)
        let memory = short(r.memory, n.requested.memory, n.allocatable.memory)
        let ephemeral = short(r.ephemeral, n.requested.ephemeral, n.allocatable.ephemeral)
        var reasons: [String] = []
        var unresolvable = false
        if tooMany { reasons.append(FilterReason.tooManyPods) }
        func add(_ name: String, _ isShort: Bool, _ want: Int64, _ alloc: Int64) {
            guard isShort else { return }
            reasons.append(FilterReason.insufficient(name))
            if want > alloc { unresolvable = true }
        }
        add("cpu", cpu, r.milliCPU, n.allocatable.milliCPU)
        add("memory", memory, r.memory, n.allocatable.memory)
        add("ephemeral-storage", ephemeral, r.ephemeral, n.allocatable.ephemeral)
        for k in r.scalar.keys.sorted() {
            let want = r.scalar[k] ?? 0, alloc = n.allocatable.scalar[k] ?? 0
            add(k, short(want, n.requested.scalar[k] ?? 0, alloc), want, alloc)
        }
        return reasons.isEmpty ? nil : FilterFailure(reasons: reasons, unresolvable: unresolvable)
    }

    /// A host port conflicts with a used one on the same protocol and port when either binds all addresses.
    static func portTaken(_ want: String, _ used: [String]) -> Bool {
        let w = want.split(separator: "/", omittingEmptySubsequences: false)
        return used.contains { u in
            let x = u.split(separator: "/", omittingEmptySubsequences: false)
            guard w.count == 3, x.count == 3, w[0] == x[0], w[2] == x[2] else { return false }
            return w[1] == x[1] || w[1] == "0.0.0.0" || x[1] == "0.0.0.0"
        }
    }
}
