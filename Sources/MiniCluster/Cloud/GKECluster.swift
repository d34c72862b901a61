// A simulated GKE cluster as the Container API describes it: location, node pools, versions, endpoint, status.

/// One node pool: identical VMs in each of the cluster's node zones.
public struct GKENodePool: Equatable, Sendable {
    public var name: String
    public var machineType: String
    /// Nodes in each zone now (gcloud's `--num-nodes` is per zone; resizes change it).
    public var nodeCountPerZone: Int
    /// Nodes per zone the pool was created with: the API's `initialNodeCount`, which a resize leaves alone.
    public var initialNodeCount: Int
    public var autoscaling: ClosedRange<Int>?
    public var version: String
    public var diskSizeGb = 100
    /// The 8 hex characters GKE puts in instance group and VM names (`gke-web-default-pool-1a2b3c4d-x7k2`).
    public var groupHash: String
    public var status = "RUNNING"

    public init(name: String, machineType: String, nodeCountPerZone: Int, autoscaling: ClosedRange<Int>?, version: String, groupHash: String) {
        self.name = name; self.machineType = machineType; self.nodeCountPerZone = nodeCountPerZone; self.initialNodeCount = nodeCountPerZone
        self.autoscaling = autoscaling; self.version = version; self.groupHash = groupHash
    }
}

public struct GKECluster: Equatable, Sendable {
    public var name: String
    public var project: String
    /// A zone (zonal cluster) or a region (regional cluster).
    public var location: String
    public var nodeLocations: [String]
    public var nodePools: [GKENodePool]
    public var releaseChannel: String
    public var version: String
    public var endpoint: String
    public var status: String
    public var workloadPool: String?
    public var networkPolicy: Bool
    /// `--enable-dataplane-v2`: the eBPF dataplane, which enforces NetworkPolicies without the Calico add-on.
    public var dataplaneV2 = false
    public var createTime: Timestamp

    public init(name: String, project: String, location: String, nodeLocations: [String], nodePools: [GKENodePool],
                releaseChannel: String, version: String, endpoint: String, status: String, workloadPool: String?,
                networkPolicy: Bool, createTime: Timestamp) {
        self.name = name; self.project = project; self.location = location; self.nodeLocations = nodeLocations
        self.nodePools = nodePools; self.releaseChannel = releaseChannel; self.version = version; self.endpoint = endpoint
        self.status = status; self.workloadPool = workloadPool; self.networkPolicy = networkPolicy; self.createTime = createTime
    }

    /// Whether the cluster's dataplane enforces NetworkPolicies.
    public var enforcesNetworkPolicy: Bool { networkPolicy || dataplaneV2 }

    public var isRegional: Bool { GCPCatalog.isRegion(location) }

    /// Total nodes over all pools and zones (gcloud's NUM_NODES column).
    public var nodeCount: Int { nodePools.reduce(0) { $0 + $1.nodeCountPerZone * nodeLocations.count } }

    /// The kubeconfig context name gcloud writes.
    public var contextName: String { "gke_\(project)_\(location)_\(name)" }

    /// The API URL `Created [...]`/`Deleted [...]` print.
    public var selfLink: String {
        "https://container.googleapis.com/v1/projects/\(project)/\(isRegional ? "locations" : "zones")/\(location)/clusters/\(name)"
    }
}

/// A node VM of a node pool, as `gcloud compute instances list` shows it.
public struct GCEInstance: Equatable, Sendable {
    public var name: String
    public var zone: String
    public var machineType: String
    public var internalIP: String
    public var externalIP: String
    public var status: String

    public init(name: String, zone: String, machineType: String, internalIP: String, externalIP: String, status: String) {
        self.name = name; self.zone = zone; self.machineType = machineType
        self.internalIP = internalIP; self.externalIP = externalIP; self.status = status
    }
}
