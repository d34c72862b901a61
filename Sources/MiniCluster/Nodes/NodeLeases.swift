// The kubelets' node leases: when a node registers, its kubelet creates `kube-node-lease/<node>` (holder the node,
// 40 s duration, owned by the Node so the garbage collector removes it with the node) and renews it every 10 s
// (nodeLeaseRenewIntervalFraction 0.25 of 40 s), as component-helpers' lease controller does. One clock timer per
// node and nothing per pod. A stopped kubelet (`Cluster.setNodeReady(_, false)`) stops renewing.

public final class NodeLeases {
    private unowned let api: APIServer
    private let leaseType: ResourceType
    private let nodeType: ResourceType
    /// A stream of its own for the leases' uids: a node joining never shifts the names a learner sees.
    private var random: SeededRandom
    /// Each renewing node's timer generation: a timer whose generation is no longer current (the kubelet was
    /// stopped, or stopped and restarted) ends instead of renewing.
    private var generations: [String: Int] = [:]
    private var nextGeneration = 0

    public static let namespace = "kube-node-lease"
    /// The kubelet's default nodeLeaseDurationSeconds.
    public static let durationSeconds = 40
    /// 0.25 of the duration.
    public static let renewInterval = Duration.seconds(10)

    init(api: APIServer, seed: UInt64) {
        self.api = api
        leaseType = api.registry.lookup(kind: "Lease")!
        nodeType = api.registry.lookup(kind: "Node")!
        random = SeededRandom(seed: seed &+ 0x6C65_6173_6573)
    }

    /// A node's kubelet came up: its lease is created (or renewed) now and every 10 s from now on.
    func register(_ node: String) {
        start(node)
    }

    /// Stops (`false`) or resumes (`true`) a node's renewals, as its kubelet stopping or starting again would.
    func setRenewing(_ node: String, _ renewing: Bool) {
        if renewing { start(node) } else { generations[node] = nil }
    }

    /// Whether the node's kubelet is renewing its lease (tests).
    public func isRenewing(_ node: String) -> Bool { generations[node] != nil }

    private func start(_ node: String) {
        nextGeneration += 1
        generations[node] = nextGeneration
        renew(node, generation: nextGeneration)
    }

    private func renew(_ node: String, generation: Int) {
        guard generations[node] == generation else { return }
        // A node deleted takes its kubelet with it; the garbage collector removes the lease.
        guard let owner = try? api.get(nodeType, namespace: nil, name: node) else {
            generations[node] = nil
            return
        }
        let now = Value.string(Self.microTime(api.clock.now))
        if var lease = try? api.get(leaseType, namespace: Self.namespace, name: node) {
            lease[path: "spec", "renewTime"] = now
            if lease[path: "metadata", "ownerReferences"] == nil { lease[path: "metadata", "ownerReferences"] = Self.ownerReferences(owner) }
            _ = try? api.update(leaseType, lease, namespace: Self.namespace, strict: false)
        } else {
            // Created with the kubelet's fields only: no acquireTime, no leaseTransitions.
            let lease: Value = [
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": .string(node), "namespace": .string(Self.namespace),
                             "ownerReferences": Self.ownerReferences(owner)],
                "spec": ["holderIdentity": .string(node), "leaseDurationSeconds": .int(Self.durationSeconds), "renewTime": now],
            ]
            let learnerStream = api.random
            api.random = random
            _ = try? api.create(leaseType, lease, namespace: Self.namespace, strict: false)
            random = api.random
            api.random = learnerStream
        }
        api.clock.schedule(after: Self.renewInterval) { [weak self] in self?.renew(node, generation: generation) }
    }

    /// The kubelet's owner reference to its Node: apiVersion, kind, name and uid only (no controller flag).
    static func ownerReferences(_ node: Value) -> Value {
        [["apiVersion": "v1", "kind": "Node", "name": .string(node.metadataName), "uid": .string(node.uid)]]
    }

    /// A metav1.MicroTime as the API server writes it: `2026-11-26T09:00:10.000000Z`.
    public static func microTime(_ t: Timestamp) -> String {
        let ms = Int((t.ms % 1000 + 1000) % 1000)
        return String(t.rfc3339.dropLast()) + "." + SystemApplets.zeroPad(ms * 1000, 6) + "Z"
    }
}
