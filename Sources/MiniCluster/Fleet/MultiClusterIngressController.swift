// The Multi Cluster Ingress controller GKE runs for a fleet, seen from its config cluster. It watches only the two
// custom kinds (never pods, so it costs nothing in clusters without them):
// - a MultiClusterService gets a derived headless Service in each member cluster that has its namespace
//   ("namespace sameness"); each member's own endpoints controller then tracks the pods it selects;
// - a MultiClusterIngress gets a global load balancer: after `Fleet.provisioningDelay` its status shows the cloud
//   resources and the VIP, which `Fleet.route` then serves.

final class MultiClusterIngressController: Controller {
    let name = "multi-cluster-ingress-controller"
    private weak var fleet: Fleet?
    unowned let config: Cluster
    /// Objects whose ADD event was recorded (by uid), and derived Services already reported (SYNC events).
    private var announced: Set<String> = []

    init(fleet: Fleet, config: Cluster) {
        self.fleet = fleet
        self.config = config
    }

    var watchedResources: [ResourceType]? { [MultiClusterKinds.service, MultiClusterKinds.ingress] }

    func keys(for e: WatchEvent) -> [String] {
        if e.statusOnly { return [] }
        return [(e.resource.kind == MultiClusterKinds.service.kind ? "mcs:" : "mci:") + e.objectKey]
    }

    /// Every object again (a member joined or left).
    func resyncAll() {
        for t in [MultiClusterKinds.service, MultiClusterKinds.ingress] {
            for o in config.api.list(t, namespace: nil) {
                config.controllers.enqueue((t == MultiClusterKinds.service ? "mcs:" : "mci:") + "\(o.metadataNamespace ?? "default")/\(o.metadataName)", for: self)
            }
        }
    }

    func sync(_ key: String) {
        let (ns, n) = ControllerKey.split(String(key.dropFirst(4)))
        if key.hasPrefix("mcs:") { syncService(ns, n) } else { syncIngress(ns, n) }
    }

    // MARK: MultiClusterService → derived Services

    private func syncService(_ ns: String, _ name: String) {
        guard let fleet else { return }
        let derived = Fleet.derivedServiceName(namespace: ns, name: name)
        guard let found = try? config.api.get(MultiClusterKinds.service, namespace: ns, name: name) else {
            removeDerived(derived, ns, fleet)
            return
        }
        // Deleting waits for the controller's finalizer: the derived Services go first.
        if found.deletionTimestamp != nil {
            removeDerived(derived, ns, fleet)
            release(MultiClusterKinds.service, found, Self.serviceFinalizer)
            return
        }
        let mcs = claim(MultiClusterKinds.service, found, Self.serviceFinalizer)
        let wanted = Self.targetMembers(mcs, fleet)
        if !announced.contains(mcs.uid) {
            announced.insert(mcs.uid)
            config.events.record(mcs, reason: "ADD", message: "\(ns)/\(name)", component: self.name)
            config.events.record(mcs, reason: "UPDATE", message: "\(ns)/\(name)", component: self.name)
        }
        var missingNamespace = false
        for m in fleet.liveMemberships {
            let api = m.cluster.api
            guard let svcType = api.registry.lookup(kind: "Service") else { continue }
            let existing = try? api.get(svcType, namespace: ns, name: derived)
            guard wanted.contains(where: { $0.name == m.name }) else {
                if existing != nil { _ = try? api.delete(svcType, namespace: ns, name: derived) }
                continue
            }
            guard let nsType = api.registry.lookup(kind: "Namespace"), (try? api.get(nsType, namespace: nil, name: ns)) != nil else {
                missingNamespace = true
                continue
            }
            let desired = Self.derivedService(mcs, name: derived)
            if var current = existing {
                if current["spec"]?["selector"] != desired["spec"]?["selector"] || Self.ports(current) != Self.ports(desired) {
                    current["spec"]?["selector"] = desired["spec"]?["selector"]
                    current["spec"]?["ports"] = desired["spec"]?["ports"]
                    _ = try? api.update(svcType, current, namespace: ns)
                }
            } else if (try? api.create(svcType, desired, namespace: ns)) != nil {
                let note = "\(mcs.uid)/\(m.name)"
                if !announced.contains(note) {
                    announced.insert(note)
                    config.events.record(mcs, reason: "SYNC", message: "Derived Service was ensured in cluster {\(m.clusterLocation)/\(m.clusterName) \(m.clusterName)}",
                                         component: self.name)
                }
            }
        }
        // A member without the namespace gets its derived Service once someone creates the namespace there.
        if missingNamespace { config.controllers.enqueue("mcs:\(ns)/\(name)", for: self, after: .seconds(30)) }
    }

    static let serviceFinalizer = "mcs.finalizer.networking.gke.io"
    static let ingressFinalizer = "mci.finalizer.networking.gke.io"

    /// The object with the controller's finalizer, added if missing.
    private func claim(_ t: ResourceType, _ obj: Value, _ finalizer: String) -> Value {
        guard !obj.finalizers.contains(finalizer) else { return obj }
        var o = obj
        o[path: "metadata", "finalizers"] = .array((obj.finalizers + [finalizer]).map(Value.string))
        return (try? config.api.update(t, o, namespace: obj.metadataNamespace)) ?? obj
    }

    /// Drops the controller's finalizer, letting a deleted object go.
    private func release(_ t: ResourceType, _ obj: Value, _ finalizer: String) {
        guard obj.finalizers.contains(finalizer) else { return }
        var o = obj
        o[path: "metadata", "finalizers"] = .array(obj.finalizers.filter { $0 != finalizer }.map(Value.string))
        _ = try? config.api.update(t, o, namespace: obj.metadataNamespace)
    }

    private func removeDerived(_ derived: String, _ ns: String, _ fleet: Fleet) {
        for m in fleet.liveMemberships {
            guard let svcType = m.cluster.api.registry.lookup(kind: "Service"),
                  (try? m.cluster.api.get(svcType, namespace: ns, name: derived)) != nil else { continue }
            _ = try? m.cluster.api.delete(svcType, namespace: ns, name: derived)
        }
    }

    /// The members a MultiClusterService reaches: those `spec.clusters` links name (`REGION/CLUSTER`), or all.
    static func targetMembers(_ mcs: Value, _ fleet: Fleet) -> [Fleet.Membership] {
        let links = (mcs[path: "spec", "clusters"]?.arrayValue ?? []).compactMap { $0["link"]?.stringValue }
        if links.isEmpty { return fleet.liveMemberships }
        return fleet.liveMemberships.filter { m in links.contains("\(m.clusterLocation)/\(m.clusterName)") }
    }

    /// The headless Service a member gets: the MultiClusterService's selector and ports, with network endpoint
    /// groups for the load balancer.
    static func derivedService(_ mcs: Value, name: String) -> Value {
        let spec = mcs[path: "spec", "template", "spec"] ?? .emptyObject
        var ports: [Value] = []
        for p in spec["ports"]?.arrayValue ?? [] {
            var port: Value = ["port": p["port"] ?? 80, "protocol": p["protocol"] ?? "TCP", "targetPort": p["targetPort"] ?? p["port"] ?? 80]
            if let n = p["name"] { port["name"] = n }
            ports.append(port)
        }
        let exposed = (spec["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }.map { "\"\($0)\":{}" }.joined(separator: ",")
        return [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": .string(name), "namespace": .string(mcs.metadataNamespace ?? "default"),
                         "annotations": ["cloud.google.com/neg": .string("{\"exposed_ports\":{\(exposed)}}"),
                                         "networking.gke.io/multiclusterservice-parent": .string("{\"Namespace\":\"\(mcs.metadataNamespace ?? "default")\",\"Name\":\"\(mcs.metadataName)\"}")]],
            "spec": ["type": "ClusterIP", "clusterIP": "None", "selector": spec["selector"] ?? .emptyObject, "ports": .array(ports)],
        ]
    }

    private static func ports(_ svc: Value) -> [String] {
        (svc[path: "spec", "ports"]?.arrayValue ?? []).map { "\($0["name"]?.stringValue ?? "")/\($0["port"]?.intValue ?? 0)/\($0["targetPort"]?.intValue.map(String.init) ?? $0["targetPort"]?.stringValue ?? "")" }
    }

    // MARK: MultiClusterIngress → load balancer and VIP

    private func syncIngress(_ ns: String, _ name: String) {
        guard let fleet, let found = try? config.api.get(MultiClusterKinds.ingress, namespace: ns, name: name) else { return }
        // The load balancer goes with the object (at once here; Google Cloud takes a few minutes).
        if found.deletionTimestamp != nil { return release(MultiClusterKinds.ingress, found, Self.ingressFinalizer) }
        let mci = claim(MultiClusterKinds.ingress, found, Self.ingressFinalizer)
        if !announced.contains(mci.uid) {
            announced.insert(mci.uid)
            config.events.record(mci, reason: "ADD", message: "\(ns)/\(name)", component: self.name)
        }
        let created = mci.creationTimestamp ?? config.now
        let due = created + fleet.provisioningDelay
        if config.now < due {
            config.controllers.enqueue("mci:\(ns)/\(name)", for: self, after: due - config.now)
            return
        }
        let status = Self.status(mci, fleet: fleet)
        guard mci["status"] != status else { return }
        let first = mci[path: "status", "VIP"] == nil
        _ = config.api.updateStatus(MultiClusterKinds.ingress, current: mci, status: status)
        if first { config.events.record(mci, reason: "UPDATE", message: "\(ns)/\(name)", component: self.name) }
    }

    /// The load balancer's resources as the controller reports them, and the VIP (stable for one MultiClusterIngress).
    static func status(_ mci: Value, fleet: Fleet) -> Value {
        let ns = mci.metadataNamespace ?? "default", name = mci.metadataName, prefix = fleet.resourcePrefix
        let backends = MultiClusterRouting.backends(of: mci)
        let backendNames = backends.map { "\(prefix)-\($0.port)-\(ns)-\($0.service)" }
        var negs: [String] = []
        for b in backends {
            let derived = Fleet.derivedServiceName(namespace: ns, name: b.service)
            for m in fleet.liveMemberships {
                for zone in m.cluster.options.zones {
                    negs.append("zones/\(zone)/networkEndpointGroups/" + negName(cluster: m.uniqueID, ns, derived, b.port))
                }
            }
        }
        let resources: Value = [
            "BackendServices": .array(backendNames.map { .string($0) }),
            "Firewalls": .array([.string("\(prefix)-default-l7")]),
            "ForwardingRules": .array([.string("\(prefix)-fw-\(ns)-\(name)")]),
            "HealthChecks": .array(backendNames.map { .string($0) }),
            "NetworkEndpointGroups": .array(negs.sorted().map { .string($0) }),
            "TargetProxies": .array([.string("\(prefix)-\(ns)-\(name)")]),
            "UrlMap": .string("\(prefix)-\(ns)-\(name)"),
        ]
        return ["CloudResources": resources, "VIP": .string(vip(mci))]
    }

    /// ingress-gce's NEG name: `k8s1-<cluster>-<namespace>-<service>-<port>-<hash>`, the three middle fields
    /// shortened in proportion to their lengths so the name fits in 63 characters.
    static func negName(cluster: String, _ ns: String, _ svc: String, _ port: String) -> String {
        let fields = trimFieldsEvenly(38, [ns, svc, port])
        let uid = hex8(cluster), hash = hex8("\(cluster)/\(ns)/\(svc)/\(port)")
        return "k8s1-\(uid)-\(fields[0])-\(fields[1])-\(fields[2])-\(hash)"
    }

    /// Cuts each field by its share of the excess (longer fields lose more), then gives the rounding back from the
    /// first field on.
    static func trimFieldsEvenly(_ max: Int, _ fields: [String]) -> [String] {
        let total = fields.reduce(0) { $0 + $1.count }
        guard total > max else { return fields }
        let excess = total - max
        var lengths = fields.map { $0.count - $0.count * excess / total - 1 }
        var remaining = max - lengths.reduce(0, +)
        var i = 0
        while remaining > 0, i < lengths.count { lengths[i] += 1; remaining -= 1; i += 1 }
        return zip(fields, lengths).map { String($0.prefix(Swift.max(0, $1))) }
    }

    static func hex8(_ s: String) -> String {
        let h = String(s.hashValueStable, radix: 16)
        return String((String(repeating: "0", count: 16) + h).suffix(8))
    }

    /// A global anycast address in Google's 34.96.0.0/11 block, derived from the object's uid.
    static func vip(_ mci: Value) -> String {
        var r = SeededRandom(seed: mci.uid.hashValueStable)
        return "34.\(96 + Int(r.next() % 32)).\(Int(r.next() % 256)).\(1 + Int(r.next() % 254))"
    }
}
