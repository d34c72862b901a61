// What a new GKE cluster has before the learner types anything: the default pool's nodes and GKE's
// kube-system workloads, already running.

enum ClusterBootstrap {
    static func nodesAndSystemWorkloads(_ c: Cluster) {
        guard let nodeType = c.registry.lookup(kind: "Node") else { return }
        var builder = NodePoolBuilder(seed: c.options.seed)
        let blueprints = builder.build(c.options.defaultPool, now: c.now)
        var nodes: [Value] = []
        for b in blueprints {
            var input = b.object
            let status = input["status"]
            input["status"] = nil
            guard let created = try? c.api.create(nodeType, input, namespace: nil, strict: false, trusted: true), let status,
                  let node = try? c.api.updateStatus(nodeType, namespace: nil, name: created.metadataName, status: status) else { continue }
            nodes.append(node)
            c.nodeLeases.register(node.metadataName)
        }
        guard c.options.systemWorkloads, !nodes.isEmpty else { return }
        var system = SystemWorkloads(cluster: c, nodes: nodes)
        system.create()
        GKEStorageClasses.create(c)
    }
}

extension Cluster {
    /// Stops (`false`) or restarts (`true`) a node's kubelet as a fault would: the node turns NotReady with
    /// the `unreachable` taints, and its pods are evicted once their tolerations run out.
    public func setNodeReady(_ name: String, _ ready: Bool) throws {
        try nodeLifecycle.setReady(name, ready)
        nodeLeases.setRenewing(name, ready)
    }

    /// Node names in order.
    public var nodeNames: [String] {
        guard let t = registry.lookup(kind: "Node") else { return [] }
        return api.list(t, namespace: nil).map(\.metadataName)
    }
}
