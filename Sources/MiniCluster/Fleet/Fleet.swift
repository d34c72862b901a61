// A GKE fleet (the GKE Hub API): clusters registered as memberships of one project, and the Multi Cluster Ingress
// feature with its config membership. The fleet is the one place that sees several clusters: each `Cluster` stays
// alone, and the fleet reaches members only through their public API and network.

public final class Fleet {
    /// One registered cluster (`gcloud container fleet memberships register`).
    public struct Membership {
        public var name: String
        /// The membership's location: the cluster's region (gcloud derives it from `--gke-cluster`).
        public var location: String
        public var uniqueID: String
        public var project: String
        /// The GKE cluster's name and location (zone or region) as `--gke-cluster` gave them.
        public var clusterName: String
        public var clusterLocation: String
        public var workloadIdentity: Bool
        public var createTime: Timestamp
        /// The simulated cluster behind the membership.
        public let cluster: Cluster
        /// The GKE cluster was deleted: the membership stays (as in the Hub API) but has nothing behind it.
        public internal(set) var clusterMissing = false

        /// `projects/P/locations/L/memberships/NAME`, how the Hub API names it.
        public var resourceName: String { "projects/\(project)/locations/\(location)/memberships/\(name)" }
        /// `//container.googleapis.com/projects/P/locations/L/clusters/N`.
        public var clusterLink: String {
            "//container.googleapis.com/projects/\(project)/locations/\(clusterLocation)/clusters/\(clusterName)"
        }
    }

    public let project: String
    public private(set) var memberships: [Membership] = []
    /// The Multi Cluster Ingress feature: its config membership's name once enabled.
    public private(set) var ingressConfigMembership: String?
    public private(set) var ingressEnabledTime: Timestamp?
    /// How long Google Cloud takes to build a MultiClusterIngress's load balancer before its VIP shows.
    public var provisioningDelay = Duration.seconds(180)
    /// Where the learner's requests enter Google's network: the sandbox stands for a machine near us-central1
    /// (Iowa), so members there are "nearest", then members on the same continent, then the rest.
    public var clientRegion = "us-central1"
    /// The controller working in the config cluster, once the feature is enabled there.
    private var controller: MultiClusterIngressController?

    public init(project: String) { self.project = project }

    public func membership(named name: String) -> Membership? { memberships.first { $0.name == name } }

    /// The membership a cluster is registered as, if any.
    public func membership(of cluster: Cluster) -> Membership? { memberships.first { $0.cluster === cluster } }

    /// Registers a cluster; the unique id is derived from the membership's name, so runs repeat.
    @discardableResult
    public func register(name: String, cluster: Cluster, clusterName: String, clusterLocation: String,
                         workloadIdentity: Bool, now: Timestamp) -> Membership {
        var random = SeededRandom(seed: "\(project)/\(name)".hashValueStable)
        let region = GCPCatalog.region(ofZone: clusterLocation) ?? clusterLocation
        let m = Membership(name: name, location: region, uniqueID: random.uuid(), project: project, clusterName: clusterName,
                           clusterLocation: clusterLocation, workloadIdentity: workloadIdentity, createTime: now, cluster: cluster)
        memberships.append(m)
        controller?.resyncAll()
        return m
    }

    /// Removes a membership; with Multi Cluster Ingress its derived Services stay until the next sync removes them.
    public func unregister(_ name: String) {
        memberships.removeAll { $0.name == name }
        controller?.resyncAll()
    }

    /// The cluster behind memberships was deleted: they stay listed, serve nothing, and get no derived Services.
    public func clusterDeleted(_ cluster: Cluster) {
        for i in memberships.indices where memberships[i].cluster === cluster { memberships[i].clusterMissing = true }
        controller?.resyncAll()
    }

    /// Members whose cluster still exists.
    var liveMemberships: [Membership] { memberships.filter { !$0.clusterMissing } }

    /// Turns Multi Cluster Ingress on with `config` as its config cluster: its API server starts serving
    /// MultiClusterService and MultiClusterIngress, and the controller starts watching them.
    public func enableIngress(configMembership config: String, now: Timestamp) {
        guard let m = membership(named: config) else { return }
        ingressConfigMembership = config
        ingressEnabledTime = now
        m.cluster.api.installKinds(MultiClusterKinds.specs)
        if controller?.config !== m.cluster {
            let c = MultiClusterIngressController(fleet: self, config: m.cluster)
            m.cluster.controllers.register(c)
            controller = c
        }
        controller?.resyncAll()
    }

    /// The config cluster, while the feature is on.
    public var configCluster: Cluster? {
        guard let name = ingressConfigMembership, let m = membership(named: name), !m.clusterMissing else { return nil }
        return m.cluster
    }

    /// Members in the order the global load balancer prefers them for the learner: same region, same continent,
    /// then the rest; ties by membership name.
    public func membersByDistance() -> [Membership] {
        liveMemberships.sorted { a, b in
            let (da, db) = (Self.distance(clientRegion, a.location), Self.distance(clientRegion, b.location))
            return da != db ? da < db : a.name < b.name
        }
    }

    /// 0 for the same region, 1 for the same continent, 2 otherwise.
    static func distance(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return continent(a) == continent(b) ? 1 : 2
    }

    static func continent(_ region: String) -> String {
        let prefix = region.split(separator: "-").first.map(String.init) ?? region
        switch prefix {
        case "us", "northamerica", "southamerica": return "americas"
        case "europe", "me", "africa": return "europe"
        default: return "asia"
        }
    }

    /// A short hash naming the fleet's load-balancer resources (`mci-8se3df-…`).
    var resourcePrefix: String { "mci-" + Self.base36(project.hashValueStable, length: 6) }

    /// The derived Service a MultiClusterService makes in every member (`mci-NAME-svc-<16 characters>`).
    public static func derivedServiceName(namespace: String, name: String) -> String {
        "mci-\(name)-svc-" + base36("\(namespace)/\(name)".hashValueStable, length: 16)
    }

    static func base36(_ seed: UInt64, length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var r = SeededRandom(seed: seed)
        return String((0..<length).map { _ in alphabet[Int(r.next() % UInt64(alphabet.count))] })
    }
}
