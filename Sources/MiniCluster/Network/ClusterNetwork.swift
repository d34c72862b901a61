// The cluster network: cluster DNS, and delivery of simulated HTTP requests to a cluster IP, a node port, a load
// balancer IP or a pod IP, on to a ready backend's container, spreading requests as kube-proxy does. It also
// runs the Service controllers (endpoints, EndpointSlices, load balancers).

public final class ClusterNetwork: NetworkDialer {
    /// The cluster's DNS domain.
    public static let clusterDomain = "cluster.local"
    unowned let api: APIServer
    /// Where the running containers are (the kubelets); nil until they exist, then nothing answers on pod IPs.
    /// Not counted and not weak (a weak reference would give the kubelets a side table, and slow down each of their
    /// retains and releases): the kubelets clear it when they go (`Kubelets.deinit`); any other directory set here
    /// must outlive the network's use of it.
    public unowned(unsafe) var containers: ContainerDirectory?
    /// Whether the learner's machine may reach node ports on the nodes' external IPs (a GCP firewall rule).
    public var nodePortsOpenFromOutside = true
    /// Whether NetworkPolicies are enforced (GKE: `--enable-network-policy`, Dataplane V2, Autopilot). Without an
    /// enforcing dataplane the API server still stores policies, and they change nothing.
    public var enforcesNetworkPolicy = true
    let addresses: ExternalAddresses
    /// kube-proxy's random choice of backend, seeded.
    var random: SeededRandom
    /// `sessionAffinity: ClientIP`: service uid + client IP → the backend chosen first.
    var affinity: [String: String] = [:]
    let types: Types
    /// The Cassandra nodes' gossip rings on this network.
    public let cassandraRings: CassandraRings?

    struct Types {
        let service: ResourceType, pod: ResourceType, slice: ResourceType, endpoints: ResourceType, node: ResourceType?
        let ingress: ResourceType?
        let networkPolicy: ResourceType?, namespace: ResourceType?
    }

    public init(api: APIServer, controllers: ControllerManager, events: EventRecorder, seed: UInt64) {
        self.api = api
        addresses = ExternalAddresses(seed: seed)
        random = SeededRandom(seed: seed ^ 0x6B75_6265_7072_6F78)
        cassandraRings = CassandraRings(seed: seed)
        let r = api.registry
        // These kinds are built in; a registry without them is a programming error caught by every test.
        types = Types(service: r.lookup(kind: "Service")!, pod: r.lookup(kind: "Pod")!, slice: r.lookup(kind: "EndpointSlice")!,
                      endpoints: r.lookup(kind: "Endpoints")!, node: r.lookup(kind: "Node"), ingress: r.lookup(kind: "Ingress"),
                      networkPolicy: r.lookup(kind: "NetworkPolicy"), namespace: r.lookup(kind: "Namespace"))
        let ctrls: [Controller?] = [
            EndpointsController(api: api), EndpointSliceController(api: api), EndpointSliceMirroringController(api: api),
            ServiceLoadBalancerController(api: api, events: events, manager: controllers, addresses: addresses),
        ]
        let ingresses = IngressGCEController(api: api, events: events, manager: controllers, network: self, seed: seed)
        for c in (ctrls + [ingresses]).compactMap({ $0 }) { controllers.register(c) }
    }

    // MARK: NetworkDialer

    public func resolve(_ host: String, fromNamespace namespace: String?) -> String? {
        resolveAll(host, fromNamespace: namespace).first
    }

    public func send(_ request: HTTPRequest, fromNamespace namespace: String?, sourceIP: String?, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> {
        let addrs = resolveAll(request.host, fromNamespace: namespace)
        guard !addrs.isEmpty else { return .failure(.unknownHost(request.host)) }
        let source = PolicySource(ip: sourceIP, namespace: namespace)
        // A name needs an answer from kube-dns first; a pod whose egress may not reach it gets none.
        if !ServiceKind.isIPv4(request.host.lowercased()), request.host != "localhost", !dnsAnswers(source) {
            return .failure(.unknownHost(request.host))
        }
        // Several A records (a headless service): clients take one of them.
        let ip = addrs.count == 1 ? addrs[0] : addrs[Int(random.next() % UInt64(addrs.count))]
        return deliver(request, to: ip, inside: namespace != nil || sourceIP != nil, source: source, now: now)
    }

    /// The pod's own 127.0.0.1, which `deliver` routes to whichever of its containers listens.
    public func sendWithinPod(_ request: HTTPRequest, podIP: String, now: Timestamp) -> Result<HTTPResponse, NetworkError> {
        deliver(request, to: "127.0.0.1", inside: true, source: PolicySource(ip: podIP, namespace: nil), now: now)
    }
}

extension ClusterNetwork {
    /// A request that `kubectl port-forward` carries to one pod's port (as if from inside the pod's network
    /// namespace): the container listening there answers, or the connection is refused.
    public func forward(_ request: HTTPRequest, toPod name: String, namespace: String, port: Int, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> {
        guard let pod = try? api.get(types.pod, namespace: namespace, name: name) else { return .failure(.connectionRefused) }
        return toPod(pod, port: port, request, now: now)
    }
}
