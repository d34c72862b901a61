// How gcloud's cloud meets the learner's session: virtual time passing while operations run, kubeconfig entries
// for clusters (`get-credentials`), and the session's existing GKE contexts showing up as clusters.
import MiniCluster

extension ShellSession {
    /// Now, as the clusters see it (they move in step); the cloud's own clock when there is none.
    var cloudNow: Timestamp {
        clusters.values.map(\.clock.now).max() ?? cloud.now
    }

    /// Lets an operation's time pass for every cluster (through the front end's sleep handler when it has one).
    func passCloudTime(_ d: Duration) {
        let target = cloudNow + d
        sleep(d)
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
            o.seed = GoogleCloud.hash(ctx)
            o.start = cloudNow
            o.project = k.project
            o.zones = k.nodeLocations
            o.nodesPerZone = k.nodePools.first?.nodeCountPerZone ?? 0
            o.machineType = k.nodePools.first?.machineType ?? "e2-medium"
            cluster = Cluster(options: o)
        }
        addCluster(cluster, project: k.project, location: k.location, endpoint: k.endpoint)
    }

    /// Forgets a deleted cluster: its MiniCluster and its kubeconfig entries (gcloud purges them too).
    func detach(_ k: GKECluster) {
        let ctx = k.contextName
        clusters[ctx] = nil
        kubeconfig.contexts[ctx] = nil
        kubeconfig.clusters[ctx] = nil
        kubeconfig.users[ctx] = nil
        if kubeconfig.currentContext == ctx { kubeconfig.currentContext = nil }
    }

    /// The answer to a prompt: stdin's first line, else the front end's reader; nil when nobody can answer.
    func readPromptLine(_ io: CommandIO) -> String? {
        if !io.stdin.isEmpty { return io.stdin.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) }
        return promptReader?()
    }
}

extension GoogleCloud {
    /// Clusters the session started with (the sandbox's default one) become GKE clusters here: 3 × e2-medium.
    func adoptSessionClusters(_ s: ShellSession) {
        for ctx in s.clusters.keys.sorted() where !adoptedContexts.contains(ctx) {
            adoptedContexts.insert(ctx)
            let parts = ctx.split(separator: "_").map(String.init)
            guard parts.count == 4, parts[0] == "gke", let c = s.clusters[ctx], c.name == parts[3] else { continue }
            let (project, location, name) = (parts[1], parts[2], parts[3])
            guard cluster(named: name, project: project, location: location) == nil else { continue }
            let zones = GCPCatalog.isRegion(location) ? GCPCatalog.defaultNodeZones(of: location) : [location]
            let endpoint = s.kubeconfig.clusters[ctx]?.server.replacingOccurrences(of: "https://", with: "") ?? GKEEndpoint.address(for: ctx)
            let pool = GKENodePool(name: "default-pool", machineType: "e2-medium", nodeCountPerZone: GCPCatalog.isRegion(location) ? 1 : 3,
                                   autoscaling: nil, version: defaultVersion,
                                   groupHash: GoogleCloud.groupHash(cluster: name, pool: "default-pool", project: project))
            add(GKECluster(name: name, project: project, location: location, nodeLocations: zones, nodePools: [pool],
                           releaseChannel: "REGULAR", version: defaultVersion, endpoint: endpoint, status: "RUNNING",
                           workloadPool: nil, networkPolicy: false, createTime: c.clock.now))
        }
    }
}
