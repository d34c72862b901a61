// The API server's own `kubernetes` Service in `default` (pkg/controlplane/controller/kubernetesservice): the
// control plane creates it, with its Endpoints and EndpointSlice, and puts it back when someone deletes it, as
// `kubectl delete all --all` does. Upstream checks every 10 s; here the pass after a deletion comes 10 s later.

public final class KubernetesServiceController: Controller {
    public let name = "kubernetes-service-controller"
    unowned let api: APIServer
    unowned let manager: ControllerManager
    let serviceType: ResourceType?
    /// The address the deleted Service had: upstream always gives it the first address of the service range.
    private var clusterIP: String?
    static let interval = Duration.seconds(10)
    static let key = "default/kubernetes"

    init(api: APIServer, manager: ControllerManager) {
        self.api = api
        self.manager = manager
        serviceType = api.registry.lookup(kind: "Service")
    }

    public var watchedResources: [ResourceType]? { serviceType.map { [$0] } ?? [] }

    public func keys(for e: WatchEvent) -> [String] {
        guard e.type == .deleted, e.object.metadataName == "kubernetes", e.object.metadataNamespace == "default" else { return [] }
        clusterIP = e.object[path: "spec", "clusterIP"]?.stringValue
        manager.enqueue(Self.key, for: self, after: Self.interval)
        return []
    }

    public func sync(_ key: String) {
        guard key == Self.key, let t = serviceType, (try? api.get(t, namespace: "default", name: "kubernetes")) == nil else { return }
        Self.create(api, clusterIP: clusterIP)
    }

    /// The Service (its cluster IP left to defaulting unless given), its Endpoints and its EndpointSlice; any that
    /// already exists stays as it is.
    static func create(_ api: APIServer, clusterIP: String? = nil) {
        let labels: Value = ["component": "apiserver", "provider": "kubernetes"]
        if let svc = api.registry.lookup(kind: "Service") {
            var spec: Value = ["type": "ClusterIP", "sessionAffinity": "None",
                               "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 443]]]
            if let clusterIP { spec["clusterIP"] = .string(clusterIP) }
            _ = try? api.create(svc, [
                "apiVersion": "v1", "kind": "Service",
                "metadata": ["name": "kubernetes", "namespace": "default", "labels": labels],
                "spec": spec,
            ], namespace: "default", strict: false, trusted: true)
        }
        let port: Value = ["name": "https", "port": 443, "protocol": "TCP"]
        if let ep = api.registry.lookup(kind: "Endpoints") {
            _ = try? api.create(ep, [
                "apiVersion": "v1", "kind": "Endpoints",
                "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["endpointslice.kubernetes.io/skip-mirror": "true"]],
                "subsets": [["addresses": [["ip": .string(Cluster.controlPlaneIP)]], "ports": [port]]],
            ], namespace: "default", strict: false, trusted: true)
        }
        if let slice = api.registry.lookup(kind: "EndpointSlice") {
            _ = try? api.create(slice, [
                "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                "metadata": ["name": "kubernetes", "namespace": "default",
                             "labels": ["kubernetes.io/service-name": "kubernetes"]],
                "addressType": "IPv4",
                "endpoints": [["addresses": [.string(Cluster.controlPlaneIP)], "conditions": ["ready": true]]],
                "ports": [port],
            ], namespace: "default", strict: false, trusted: true)
        }
    }
}
