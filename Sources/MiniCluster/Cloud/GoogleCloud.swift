// The simulated Google Cloud a learner's gcloud talks to: configuration properties and the GKE clusters of every
// project. Headless and deterministic: names, hashes and addresses come from seeded hashes of the names.

public final class GoogleCloud {
    /// gcloud properties by `section/name` (`core/project`, `compute/zone` …).
    public var properties: [String: String]
    public private(set) var clusters: [GKECluster] = []
    /// Artifact Registry repositories of every project (see ArtifactRegistry.swift).
    public internal(set) var repositories: [ArtifactRepository] = []
    /// The GKE version new clusters get (the simulated API server's).
    public var defaultVersion: String
    /// Virtual time when no cluster exists to tell it (clusters carry their own clocks).
    public var now = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
    /// kubeconfig contexts already matched to a cluster here, so a deleted one is not adopted again.
    public var adoptedContexts: Set<String> = []
    /// The groups of the last 100 commands run (`container.clusters`), as gcloud's logs keep them.
    public private(set) var usedGroups: [String] = []

    public func noteUsed(group: String) {
        usedGroups.append(group)
        if usedGroups.count > 100 { usedGroups.removeFirst(usedGroups.count - 100) }
    }

    /// Each recently used group's share of the recent commands (gcloud's suggestions prefer them).
    public var recentGroups: [String: Double] {
        Dictionary(usedGroups.map { ($0, 1) }, uniquingKeysWith: +).mapValues { Double($0) / Double(usedGroups.count) }
    }

    public init(properties: [String: String] = ["core/account": "learner@kubetutor.dev", "core/project": "kubetutor-project"],
                defaultVersion: String = String(Cluster.serverVersion.dropFirst())) {
        self.properties = properties
        self.defaultVersion = defaultVersion
    }

    /// Properties gcloud knows, by section (the ones the course uses).
    public static let knownProperties: [String: [String]] = [
        "core": ["account", "project", "disable_prompts", "verbosity"],
        "compute": ["zone", "region"],
        "container": ["cluster", "use_application_default_credentials"],
        "artifacts": ["location", "repository"],
    ]

    public func cluster(named name: String, project: String, location: String) -> GKECluster? {
        clusters.first { $0.name == name && $0.project == project && $0.location == location }
    }

    /// Adds a cluster (the caller has checked the name is free and passed the operation's time).
    public func add(_ c: GKECluster) { clusters.append(c) }

    public func remove(named name: String, project: String, location: String) {
        clusters.removeAll { $0.name == name && $0.project == project && $0.location == location }
    }

    public func update(_ c: GKECluster) {
        guard let i = clusters.firstIndex(where: { $0.name == c.name && $0.project == c.project && $0.location == c.location }) else { return }
        clusters[i] = c
    }

    /// How long GKE takes to create a cluster: a few virtual minutes, more for regional ones and many nodes.
    public static func creationTime(for c: GKECluster) -> Duration {
        .seconds(Int64(240 + (c.isRegional ? 120 : 0) + 10 * min(c.nodeCount, 30)))
    }

    /// A stable 64-bit hash of a string (FNV-1a), the seed for every derived name and address.
    public static func hash(_ s: String) -> UInt64 {
        s.hashValueStable
    }

    /// 8 hex characters for a node pool's instance group.
    public static func groupHash(cluster: String, pool: String, project: String) -> String {
        let v = hash("\(project)/\(cluster)/\(pool)") & 0xffff_ffff
        let hex = String(v, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The VMs of a cluster's node pools: per pool, per zone, `nodeCountPerZone` instances.
    public func instances(of c: GKECluster) -> [GCEInstance] {
        var out: [GCEInstance] = []
        var n = 2
        for pool in c.nodePools {
            for zone in c.nodeLocations {
                var r = SeededRandom(seed: Self.hash("\(c.project)/\(c.name)/\(pool.name)/\(zone)"))
                for _ in 0..<pool.nodeCountPerZone {
                    let name = "gke-\(c.name)-\(pool.name)-\(pool.groupHash)-\(r.nameSuffix(4))"
                    let ext = "34.\(16 + r.next() % 160).\(r.next() % 256).\(1 + r.next() % 254)"
                    out.append(GCEInstance(name: name, zone: zone, machineType: pool.machineType,
                                           internalIP: "10.128.0.\(n)", externalIP: ext, status: pool.status == "RUNNING" ? "RUNNING" : "STAGING"))
                    n += 1
                }
            }
        }
        return out
    }
}
