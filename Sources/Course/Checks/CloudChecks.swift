// Checks about the simulated Google Cloud and the learner's kubeconfig, for lessons that start without a cluster:
// "a GKE cluster named X exists (with N nodes, of machine type M)" and "kubectl points at cluster X".
import MiniCluster
import Shell

/// What a `gkeCluster:` check asks of the cluster (each nil option is not checked).
public struct GKEClusterExpectation: Equatable {
    public var name: String
    /// A zone or region; nil accepts the cluster wherever it is.
    public var location: String?
    /// Nodes over all pools and zones (gcloud's NUM_NODES).
    public var nodes: Int?
    public var machineType: String?
    /// `gkeClusterAbsent:`: passes when no such cluster exists (it was deleted, or never made).
    public var absent = false

    public init(name: String, location: String? = nil, nodes: Int? = nil, machineType: String? = nil, absent: Bool = false) {
        self.name = name; self.location = location; self.nodes = nodes; self.machineType = machineType; self.absent = absent
    }
}

enum CloudChecks {
    static let kinds = ["gkeCluster", "gkeClusterAbsent", "currentContext"]
    static let options: [String: [String]] = ["gkeCluster": ["location", "nodes", "machineType"], "gkeClusterAbsent": ["location"],
                                              "currentContext": []]

    /// Parses a `gkeCluster:` or `currentContext:` entry (the kind's key is known to be one of `kinds`).
    static func parse(_ kind: String, _ map: YAMLMap) -> CheckKind? {
        guard let name = map.string(kind) else { return nil }
        if map.string("namespace") != nil { map["namespace"]?.error("a \(kind) check is not about a namespace") }
        if kind == "currentContext" { return .currentContext(name) }
        guard GCPCatalog.isClusterName(name) else {
            map[kind]?.error("\"\(name)\" cannot be a GKE cluster name (lowercase letters, digits and dashes, starting with a letter, at most 40)")
            return nil
        }
        let location = map.string("location")
        if let location, !GCPCatalog.isRegion(location), GCPCatalog.region(ofZone: location) == nil {
            map["location"]?.error("unknown zone or region \"\(location)\"")
        }
        let nodes = map.int("nodes")
        if let nodes, nodes < 0 { map["nodes"]?.error("nodes must be 0 or more") }
        let machine = map.string("machineType")
        if let machine, !GCPCatalog.machineTypes.contains(machine) { map["machineType"]?.error("unknown machine type \"\(machine)\"") }
        return .gkeCluster(GKEClusterExpectation(name: name, location: location, nodes: nodes, machineType: machine,
                                                 absent: kind == "gkeClusterAbsent"))
    }

    /// The verdict for a cloud check; nil for other kinds.
    static func judge(_ kind: CheckKind, session: ShellSession) -> CheckOutcome? {
        switch kind {
        case .gkeCluster(let e): return cluster(e, session)
        case .currentContext(let name): return context(name, session)
        default: return nil
        }
    }

    private static func cluster(_ e: GKEClusterExpectation, _ session: ShellSession) -> CheckOutcome {
        let where_ = e.location.map { " in \($0)" } ?? ""
        let named = session.cloud.clusters.filter { $0.name == e.name && (e.location == nil || $0.location == e.location) }
        if e.absent {
            guard let k = named.first else { return .pass }
            return .fail("the GKE cluster \(e.name) still exists in \(k.location)")
        }
        guard let k = named.first else {
            if let elsewhere = session.cloud.clusters.first(where: { $0.name == e.name }) {
                return .fail("the GKE cluster \(e.name) is in \(elsewhere.location), not\(where_)")
            }
            return .fail("there is no GKE cluster named \(e.name)\(where_)")
        }
        if k.status != "RUNNING" { return .fail("the GKE cluster \(e.name) is \(k.status), not RUNNING yet") }
        if let n = e.nodes, k.nodeCount != n {
            return .fail("expected the GKE cluster \(e.name) to have \(n) node\(n == 1 ? "" : "s"), it has \(k.nodeCount)")
        }
        if let m = e.machineType, let actual = k.nodePools.first?.machineType, actual != m {
            return .fail("expected the nodes of \(e.name) to be \(m) machines, they are \(actual)")
        }
        return .pass
    }

    /// Passes when the current context is `name`, or is gcloud's context for a cluster called `name`.
    private static func context(_ name: String, _ session: ShellSession) -> CheckOutcome {
        guard let current = session.kubeconfig.currentContext, !current.isEmpty else {
            return .fail("kubectl has no current context yet (get-credentials writes one)")
        }
        if current == name || current.hasPrefix("gke_") && current.hasSuffix("_" + name) { return .pass }
        return .fail("kubectl points at \(current), not at \(name)")
    }
}
