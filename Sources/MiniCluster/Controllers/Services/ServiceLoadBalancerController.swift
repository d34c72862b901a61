// The cloud provider's service controller as GKE runs it: a `LoadBalancer` Service gets the cleanup finalizer,
// `Ensuring load balancer`, and after the load balancer is provisioned (a GKE-like 35–55 virtual seconds) an
// external IP in `status.loadBalancer.ingress` and `Ensured load balancer`. Leaving the type or deleting the
// Service deletes the load balancer and releases the finalizer.

final class ServiceLoadBalancerController: Controller {
    let name = "service-controller"
    static let cleanupFinalizer = "service.kubernetes.io/load-balancer-cleanup"
    /// How long provisioning takes, in virtual seconds.
    static let provisioning: ClosedRange<Int> = 35...55
    private unowned let api: APIServer
    private unowned let events: EventRecorder
    private unowned let manager: ControllerManager
    private let services: ResourceType
    private let addresses: ExternalAddresses
    /// Service uid → when its load balancer is ready.
    private var pending: [String: Timestamp] = [:]

    init?(api: APIServer, events: EventRecorder, manager: ControllerManager, addresses: ExternalAddresses) {
        guard let s = api.registry.lookup(kind: "Service") else { return nil }
        self.api = api; self.events = events; self.manager = manager; self.addresses = addresses; services = s
    }

    var watchedResources: [ResourceType]? { [services] }

    func keys(for event: WatchEvent) -> [String] { event.resource == services ? [event.objectKey] : [] }

    func sync(_ key: String) {
        let (ns, name) = ControllerKey.split(key)
        guard let svc = try? api.get(services, namespace: ns, name: name) else { return }
        let ingress = svc[path: "status", "loadBalancer", "ingress"]?.arrayValue ?? []
        let hasFinalizer = svc.finalizers.contains(Self.cleanupFinalizer)
        let wants = svc[path: "spec", "type"]?.stringValue == "LoadBalancer" && svc.deletionTimestamp == nil
        guard wants else {
            pending[svc.uid] = nil
            guard hasFinalizer || !ingress.isEmpty else { return }
            record(svc, "DeletingLoadBalancer", "Deleting load balancer")
            for i in ingress { if let ip = i["ip"]?.stringValue { addresses.release(ip) } }
            if !ingress.isEmpty { _ = try? api.updateStatus(services, namespace: ns, name: name, status: ["loadBalancer": .emptyObject]) }
            record(svc, "DeletedLoadBalancer", "Deleted load balancer")
            if hasFinalizer { setFinalizer(false, ns, name) }
            return
        }
        if !hasFinalizer { setFinalizer(true, ns, name) }
        guard ingress.isEmpty else { return }
        let now = api.clock.now
        guard let due = pending[svc.uid] else {
            record(svc, "EnsuringLoadBalancer", "Ensuring load balancer")
            let wait = Duration.seconds(Int64(addresses.random.int(in: Self.provisioning)))
            pending[svc.uid] = now + wait
            manager.enqueue(key, for: self, after: wait)
            return
        }
        guard now >= due else { return }
        pending[svc.uid] = nil
        var status = svc["status"] ?? .emptyObject
        status[path: "loadBalancer", "ingress"] = [["ip": .string(addresses.allocate()), "ipMode": "VIP"]]
        _ = try? api.updateStatus(services, namespace: ns, name: name, status: status)
        record(svc, "EnsuredLoadBalancer", "Ensured load balancer")
    }

    private func record(_ svc: Value, _ reason: String, _ message: String) {
        let current = (try? api.get(services, namespace: svc.metadataNamespace, name: svc.metadataName)) ?? svc
        events.record(current, reason: reason, message: message, component: name)
    }

    private func setFinalizer(_ present: Bool, _ ns: String, _ name: String) {
        api.mutate(services, api.key(services, ns, name)) { obj in
            var f = obj.finalizers.filter { $0 != Self.cleanupFinalizer }
            if present { f.append(Self.cleanupFinalizer) }
            obj[path: "metadata", "finalizers"] = f.isEmpty ? nil : .array(f.map(Value.string))
        }
    }
}

/// Google Cloud external addresses handed to load balancers: seeded, unique, GCP-looking (`34.x.y.z`, `35.x.y.z`).
public final class ExternalAddresses {
    var random: SeededRandom
    private(set) var inUse: Set<String> = []

    init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0x4C42_4950_5345_4544) }

    func allocate() -> String {
        while true {
            let ip = random.int(in: 0...1) == 0
                ? "34.\(random.int(in: 16...191)).\(random.int(in: 0...255)).\(random.int(in: 1...254))"
                : "35.\(random.int(in: 184...247)).\(random.int(in: 0...255)).\(random.int(in: 1...254))"
            if inUse.insert(ip).inserted { return ip }
        }
    }

    func release(_ ip: String) { inUse.remove(ip) }
}
