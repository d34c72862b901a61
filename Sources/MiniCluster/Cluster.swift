// One simulated cluster: its clock, store, API server and (later) controllers, scheduler and nodes.

public final class Cluster {
    public let name: String
    public let clock: VirtualClock
    public let store: Store
    public let api: APIServer
    /// Runs the controllers (replica sets, deployments, endpoints …) on the virtual clock.
    public let controllers: ControllerManager
    /// Records Events for controllers, the scheduler and kubelets.
    public let events: EventRecorder
    /// Images and the programs containers run (Runtime/).
    public let runtime = SimulatedRuntime()
    /// The simulated kubelets, one per node: pod lifecycle, probes, restarts (Kubelet/Kubelets.swift).
    public let kubelets: Kubelets
    /// Places pods on nodes (Scheduler/Scheduler.swift).
    public let scheduler: Scheduler
    /// Node faults and NoExecute taint eviction (Nodes/NodeLifecycle.swift).
    public let nodeLifecycle: NodeLifecycle
    /// The kubelets' leases in kube-node-lease, renewed every 10 s (Nodes/NodeLeases.swift).
    public let nodeLeases: NodeLeases
    /// What the cluster was made with.
    public let options: Options
    /// DNS and routing of simulated requests; runs the endpoints, EndpointSlice and load-balancer controllers.
    public let network: ClusterNetwork
    /// Table rows prepared per object state (Tables/TableRowCache.swift).
    public let tableRows = TableRowCache()
    public var registry: ResourceRegistry { api.registry }
    /// The server's version, as GKE reports it.
    public static let serverVersion = "v1.32.9-gke.1108000"

    public struct Options {
        public var name = "kubetutor"
        public var seed: UInt64 = 1
        /// Virtual time at start. Fixed by default so scripts are deterministic; the interactive front end may
        /// pass the wall time instead.
        public var start = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
        /// The GCP project the nodes' provider IDs and annotations name.
        public var project = "kubetutor-project"
        /// Zones of the default node pool: one for a zonal cluster, three for a regional one.
        public var zones = ["us-central1-a"]
        /// Nodes per zone (gcloud's `--num-nodes`); 0 (the default for bare engine clusters) makes no nodes.
        public var nodesPerZone = 0
        public var machineType = "e2-medium"
        /// Whether bootstrap adds GKE's kube-system workloads (kube-dns, kube-proxy, fluentbit …).
        public var systemWorkloads = true
        /// Validates the objects bootstrap creates, which it otherwise trusts (tests: `APIServer.create`'s `trusted`).
        public var verifyBootstrapObjects = false
        /// Whether the dataplane enforces NetworkPolicies. Lesson and sandbox clusters do, as GKE Dataplane V2 and
        /// Autopilot clusters do, so policies a learner writes take effect; clusters made with `gcloud container
        /// clusters create` follow its `--enable-network-policy` / `--enable-dataplane-v2` flags.
        public var enforcesNetworkPolicy = true
        public init() {}

        /// What `kubetutor sandbox` starts with: a zonal GKE cluster of 3 × e2-medium with its kube-system workloads.
        public static var sandbox: Options {
            var o = Options()
            o.nodesPerZone = 3
            return o
        }

        /// A regional cluster's shape: the default pool in three zones of `region`.
        public mutating func makeRegional(_ region: String = "us-central1") {
            zones = ["\(region)-a", "\(region)-b", "\(region)-c"]
        }

        /// The default pool's shape.
        public var defaultPool: NodePoolShape {
            var p = NodePoolShape()
            p.project = project; p.cluster = name; p.zones = zones; p.nodesPerZone = nodesPerZone; p.machineType = machineType
            return p
        }
    }

    public init(options: Options = Options()) {
        name = options.name
        clock = VirtualClock(start: options.start)
        store = Store()
        api = APIServer(registry: ResourceRegistry(), kinds: KindCatalog(Kinds.all), store: store, clock: clock,
                        random: SeededRandom(seed: options.seed))
        api.verifiesTrustedObjects = options.verifyBootstrapObjects
        controllers = ControllerManager(clock: clock, store: store)
        events = EventRecorder(api: api)
        controllers.register(ReplicaSetController(api: api, events: events, manager: controllers))
        controllers.register(DeploymentController(api: api, events: events, manager: controllers))
        controllers.register(DisruptionController(api: api, events: events, manager: controllers))
        controllers.register(JobController(api: api, events: events, manager: controllers))
        controllers.register(TTLAfterFinishedController(api: api, manager: controllers))
        controllers.register(CronJobController(api: api, events: events, manager: controllers))
        controllers.register(DaemonSetController(api: api, events: events, manager: controllers))
        controllers.register(StatefulSetController(api: api, events: events, manager: controllers))
        controllers.register(ClusterRoleAggregationController(api: api))
        controllers.register(KubernetesServiceController(api: api, manager: controllers))
        kubelets = Kubelets(api: api, events: events, controllers: controllers)
        let autoscalers = HorizontalPodAutoscalerController(api: api, events: events, manager: controllers)
        autoscalers.directory = kubelets
        controllers.register(autoscalers)
        kubelets.runtime = runtime
        self.options = options
        scheduler = Scheduler(api: api, events: events, controllers: controllers, seed: options.seed)
        controllers.register(scheduler)
        controllers.register(PersistentVolumeController(api: api, events: events, manager: controllers))
        controllers.register(CSIProvisioner(api: api, events: events, manager: controllers, seed: options.seed,
                                            project: options.project))
        nodeLifecycle = NodeLifecycle(api: api, events: events, controllers: controllers)
        controllers.register(nodeLifecycle)
        nodeLeases = NodeLeases(api: api, seed: options.seed)
        network = ClusterNetwork(api: api, controllers: controllers, events: events, seed: options.seed)
        kubelets.network = network
        network.containers = kubelets
        network.enforcesNetworkPolicy = options.enforcesNetworkPolicy
        bootstrap()
        // Infrastructure draws from its own stream, so adding nodes never reshuffles the names learners see.
        let learnerStream = api.random
        api.random = SeededRandom(seed: options.seed &+ 0x626F_6F74)
        ClusterBootstrap.nodesAndSystemWorkloads(self)
        BootstrapPolicy.create(self)
        api.random = learnerStream
        settle()
    }

    /// The objects every new cluster has: the four standard namespaces (each with its `default` ServiceAccount
    /// and `kube-root-ca.crt`), and the `kubernetes` Service in `default` with the control plane as its endpoint.
    private func bootstrap() {
        let nsType = registry.lookup(kind: "Namespace")!
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            _ = try? api.create(nsType, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns)]],
                                namespace: nil, strict: false, trusted: true)
        }
        bootstrapKubernetesService()
    }

    /// The control plane's address as the `kubernetes` endpoints publish it.
    public static let controlPlaneIP = "172.16.0.2"

    /// The API server's own Service. Its cluster IP is left to Service defaulting (the first address of the
    /// service range, as on a real cluster, since it is the first Service created).
    private func bootstrapKubernetesService() { KubernetesServiceController.create(api) }

    public var now: Timestamp { clock.now }

    /// Runs all work due at the current instant (controllers reacting to the last command) without moving time.
    public func settle() { clock.advance(by: .milliseconds(0)) }

    /// Moves virtual time forward, letting timers (controllers, kubelets) run.
    public func advance(by d: Duration) { clock.advance(by: d) }
}
