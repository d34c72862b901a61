// How gcloud's cloud meets the learner's session: virtual time passing while operations run, kubeconfig entries
// for clusters (`get-credentials`), and the session's existing GKE contexts showing up as clusters.
import MiniCluster

extension ShellSession {
    /// Now, as the clusters see it (they move in step); the cloud's own clock when there is none.
    var cloudNow: Timestamp {
        clusters.values.map(\.clock.now).max() ?? cloud.now
    }

    /// Lets an operation's time pass for every cluster. Virtual time jumps even at the interactive prompt (the
    /// front end's sleep handler would make the learner wait the real minutes a cluster takes).
    func passCloudTime(_ d: Duration) {
        let target = cloudNow + d
        advanceClusters(by: d)
        cloud.now = target
    }

    /// Makes the cluster reachable by kubectl (creating its MiniCluster the first time) and switches to its context.
    func attach(_ k: GKECluster) {
        let ctx = k.contextName
        cloud.adoptedContexts.insert(ctx)
        let cluster: Cluster
        if let existing = clusters[ctx] { cluster = existing } else {
            // The MiniCluster gets the nodes the flags asked for: the default pool's machine type in each node zone.
            var o = Cluster.Options()
            o.name = k.name
            o.seed = addressSafeSeed(GoogleCloud.hash(ctx), nodes: k.nodeCount)
            o.start = cloudNow
            o.project = k.project
            o.zones = k.nodeLocations
            o.nodesPerZone = k.nodePools.first?.nodeCountPerZone ?? 0
            o.machineType = k.nodePools.first?.machineType ?? "e2-medium"
            o.enforcesNetworkPolicy = k.enforcesNetworkPolicy
            cluster = Cluster(options: o)
        }
        addCluster(cluster, project: k.project, location: k.location, endpoint: k.endpoint)
    }

    /// `seed`, or the next one whose pod range and node addresses no other cluster of the session uses (clusters of
    /// one project share the VPC, so their addresses never collide).
    func addressSafeSeed(_ seed: UInt64, nodes: Int) -> UInt64 {
        var usedHosts: Set<Int> = []
        var usedRanges: Set<Int> = []
        for c in clusters.values {
            usedRanges.insert(Cluster.addressPlan(seed: c.options.seed).podRangeOctet)
            guard let t = c.registry.lookup(kind: "Node") else { continue }
            for n in c.api.list(t, namespace: nil) {
                let ip = n["status"]?["addresses"]?.arrayValue?.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue ?? ""
                let parts = ip.split(separator: ".").compactMap { Int($0) }
                if parts.count == 4 { usedHosts.insert(parts[2] * 256 + parts[3]) }
            }
        }
        var s = seed
        for _ in 0..<200 {
            let plan = Cluster.addressPlan(seed: s)
            let hosts = Set(plan.firstNodeHost..<(plan.firstNodeHost + max(nodes, 1)))
            if !usedRanges.contains(plan.podRangeOctet), hosts.isDisjoint(with: usedHosts) { return s }
            s &+= 1
        }
        return seed
    }

    /// The MiniCluster behind a GKE cluster, once created or adopted.
    func miniCluster(_ k: GKECluster) -> Cluster? { clusters[k.contextName] }

    /// A node pool's shape for the engine.
    func shape(_ p: GKENodePool, of k: GKECluster) -> NodePoolShape {
        var s = NodePoolShape()
        s.name = p.name; s.project = k.project; s.cluster = k.name; s.zones = k.nodeLocations
        s.nodesPerZone = p.nodeCountPerZone; s.machineType = p.machineType
        return s
    }

    /// The node VMs of a cluster as Compute Engine lists them: the MiniCluster's nodes (names, zones, addresses).
    func instances(of k: GKECluster) -> [GCEInstance] {
        guard let c = miniCluster(k), let t = c.registry.lookup(kind: "Node") else { return cloud.instances(of: k) }
        return c.api.list(t, namespace: nil).map { n in
            let labels = n["metadata"]?["labels"]
            let addresses = n["status"]?["addresses"]?.arrayValue ?? []
            func address(_ type: String) -> String { addresses.first { $0["type"]?.stringValue == type }?["address"]?.stringValue ?? "" }
            return GCEInstance(name: n.metadataName, zone: labels?["topology.kubernetes.io/zone"]?.stringValue ?? k.location,
                               machineType: labels?["node.kubernetes.io/instance-type"]?.stringValue ?? "",
                               internalIP: address("InternalIP"), externalIP: address("ExternalIP"), status: "RUNNING")
        }
    }

    /// A pool's managed instance groups, one per zone, named after its VMs (`gke-CLUSTER-POOL-GROUP-grp`).
    func instanceGroupURLs(_ k: GKECluster, pool: GKENodePool) -> [String] {
        let prefix = "gke-\(k.name)-\(pool.name)-"
        let vms = instances(of: k).filter { $0.name.hasPrefix(prefix) }
        return k.nodeLocations.compactMap { zone -> String? in
            let group = vms.first { $0.zone == zone }.map { String($0.name.dropFirst(prefix.count).prefix(8)) } ?? pool.groupHash
            return "https://www.googleapis.com/compute/v1/projects/\(k.project)/zones/\(zone)/instanceGroupManagers/\(prefix)\(group)-grp"
        }
    }

    /// Forgets a deleted cluster: its MiniCluster and its kubeconfig entries (gcloud purges them too).
    func detach(_ k: GKECluster) {
        let ctx = k.contextName
        if let gone = clusters[ctx] { for f in fleets.values { f.clusterDeleted(gone) } }
        clusters[ctx] = nil
        kubeconfig.contexts[ctx] = nil
        kubeconfig.clusters[ctx] = nil
        kubeconfig.users[ctx] = nil
        if kubeconfig.currentContext == ctx { kubeconfig.currentContext = nil }
    }
}

extension GoogleCloud {
    /// Clusters the session started with (the sandbox's default one) become GKE clusters here, shaped as made.
    func adoptSessionClusters(_ s: ShellSession) {
        for ctx in s.clusters.keys.sorted() where !adoptedContexts.contains(ctx) {
            adoptedContexts.insert(ctx)
            let parts = ctx.split(separator: "_").map(String.init)
            guard parts.count == 4, parts[0] == "gke", let c = s.clusters[ctx], c.name == parts[3] else { continue }
            let (project, location, name) = (parts[1], parts[2], parts[3])
            guard cluster(named: name, project: project, location: location) == nil else { continue }
            let zones = c.options.zones
            let endpoint = s.kubeconfig.clusters[ctx]?.server.replacingOccurrences(of: "https://", with: "") ?? GKEEndpoint.address(for: ctx)
            let pool = GKENodePool(name: "default-pool", machineType: c.options.machineType, nodeCountPerZone: c.options.nodesPerZone,
                                   autoscaling: nil, version: defaultVersion,
                                   groupHash: GoogleCloud.groupHash(cluster: name, pool: "default-pool", project: project))
            add(GKECluster(name: name, project: project, location: location, nodeLocations: zones, nodePools: [pool],
                           releaseChannel: "REGULAR", version: defaultVersion, endpoint: endpoint, status: "RUNNING",
                           workloadPool: nil, networkPolicy: false, createTime: c.clock.now))
        }
    }
}
