// GKE's Ingress controller (ingress-gce, events from `loadbalancer-controller`): an Ingress of the `gce` class (or
// of no class) gets its finalizer and, once every service it names exists, an external HTTP load balancer — a URL
// map, a target proxy and a forwarding rule, then an IP in `status.loadBalancer`. Its `ingress.kubernetes.io/*`
// annotations name those parts and the backends' health, which follows the services' ready endpoints the way
// the load balancer's health checks do. Routing itself is `IngressRouting` and `ClusterNetwork.viaIngress`.

final class IngressGCEController: Controller {
    let name = "loadbalancer-controller"
    static let finalizer = "networking.gke.io/ingress-finalizer-V2"
    static let backendsAnnotation = "ingress.kubernetes.io/backends"
    /// Seconds from the first sync to the URL map, and from there to the forwarding rule and the IP.
    static let urlMapDelay: ClosedRange<Int> = 30...45
    static let forwardingDelay: ClosedRange<Int> = 4...12
    /// How often a provisioned load balancer's health checks are read back into the backends annotation.
    static let healthPeriod = Duration.seconds(30)

    private unowned let api: APIServer
    private unowned let events: EventRecorder
    private unowned let manager: ControllerManager
    private unowned let network: ClusterNetwork
    private let ingresses: ResourceType
    private let services: ResourceType
    private var random: SeededRandom
    /// The 8 characters GKE derives from the cluster's uid for its resource names.
    private let clusterTag: String
    /// Ingress uid → where provisioning stands.
    private var progress: [String: Progress] = [:]
    private var pending: Set<String> = []

    enum Progress { case urlMapAt(Timestamp), forwardingAt(Timestamp), done(spec: Value?) }

    init?(api: APIServer, events: EventRecorder, manager: ControllerManager, network: ClusterNetwork, seed: UInt64) {
        let r = api.registry
        guard let i = r.lookup(kind: "Ingress"), let s = r.lookup(kind: "Service") else { return nil }
        self.api = api; self.events = events; self.manager = manager; self.network = network
        ingresses = i; services = s
        random = SeededRandom(seed: seed ^ 0x696E_6772_6573_7367)
        clusterTag = Self.tag(&random)
    }

    var watchedResources: [ResourceType]? { [ingresses, services] }

    func keys(for event: WatchEvent) -> [String] {
        if event.resource == ingresses {
            guard IngressRouting.isGCE(event.object) else { return [] }
            // Its own writes (finalizer, status, annotations) leave the spec alone and wait for their timers.
            if event.type == .modified, let old = event.oldObject, old["spec"] == event.object["spec"],
               event.object.deletionTimestamp == nil || old.deletionTimestamp != nil {
                return []
            }
            return [event.objectKey]
        }
        // A service appearing or going can complete (or break) an Ingress that names it.
        guard event.type != .modified, let ns = event.object.metadataNamespace else { return [] }
        let name = event.object.metadataName
        return api.list(ingresses, namespace: ns).filter { ing in
            IngressRouting.isGCE(ing) && Self.backends(of: ing).contains { $0.service == name }
        }.map { ControllerKey.join(ns, $0.metadataName) }
    }

    func sync(_ key: String) {
        pending.remove(key)
        let (ns, name) = ControllerKey.split(key)
        guard let ing = try? api.get(ingresses, namespace: ns, name: name), IngressRouting.isGCE(ing) else { return }
        let k = api.key(ingresses, ns, name)
        if ing.deletionTimestamp != nil {
            progress[ing.uid] = nil
            for i in ing[path: "status", "loadBalancer", "ingress"]?.arrayValue ?? [] {
                if let ip = i["ip"]?.stringValue { network.addresses.release(ip) }
            }
            api.mutate(ingresses, k) { o in
                let rest = o.finalizers.filter { $0 != Self.finalizer }
                o[path: "metadata", "finalizers"] = rest.isEmpty ? nil : .array(rest.map(Value.string))
            }
            return
        }
        if !ing.finalizers.contains(Self.finalizer) {
            api.mutate(ingresses, k) { o in o[path: "metadata", "finalizers"] = .array((o.finalizers + [Self.finalizer]).map(Value.string)) }
            record(ing, "Normal", "Sync", "Scheduled for sync")
        }
        let missing = Self.backends(of: ing).map(\.service).filter { (try? api.get(services, namespace: ns, name: $0)) == nil }
        if !missing.isEmpty {
            let why = missing.map { "could not find service \"\(ns)/\($0)\"" }.joined(separator: "; ")
            record(ing, "Warning", "Translate", "Translation failed: invalid ingress spec: \(why)")
            return
        }
        let now = api.clock.now
        switch progress[ing.uid] {
        case nil:
            if ing[path: "status", "loadBalancer", "ingress"]?.arrayValue?.isEmpty == false {
                progress[ing.uid] = .done(spec: ing["spec"])
                updateHealth(ing, key: key)
                return
            }
            let due = now + .seconds(Int64(random.int(in: Self.urlMapDelay)))
            progress[ing.uid] = .urlMapAt(due)
            later(key, due)
        case .urlMapAt(let due)?:
            guard now >= due else { return later(key, due) }
            record(ing, "Normal", "Sync", "UrlMap \"\(resourceName("um", ing))\" created")
            record(ing, "Normal", "Sync", "TargetProxy \"\(resourceName("tp", ing))\" created")
            let next = now + .seconds(Int64(random.int(in: Self.forwardingDelay)))
            progress[ing.uid] = .forwardingAt(next)
            later(key, next)
        case .forwardingAt(let due)?:
            guard now >= due else { return later(key, due) }
            record(ing, "Normal", "Sync", "ForwardingRule \"\(resourceName("fr", ing))\" created")
            let ip = network.addresses.allocate()
            var status = ing["status"] ?? .emptyObject
            status[path: "loadBalancer", "ingress"] = [["ip": .string(ip)]]
            _ = try? api.updateStatus(ingresses, namespace: ns, name: name, status: status)
            record(ing, "Normal", "IPChanged", "IP is now \(ip)")
            progress[ing.uid] = .done(spec: ing["spec"])
            api.mutate(ingresses, k) { o in
                var a = o[path: "metadata", "annotations"]?.objectValue.map(Value.object) ?? .emptyObject
                a[Self.backendsAnnotation] = .string(self.backendsText(ing, health: { _ in "Unknown" }))
                a["ingress.kubernetes.io/forwarding-rule"] = .string(self.resourceName("fr", ing))
                a["ingress.kubernetes.io/target-proxy"] = .string(self.resourceName("tp", ing))
                a["ingress.kubernetes.io/url-map"] = .string(self.resourceName("um", ing))
                o[path: "metadata", "annotations"] = a
            }
            later(key, now + Self.healthPeriod)
        case .done(let spec)?:
            if spec != ing["spec"] {
                // A changed Ingress changes the URL map in place; the address stays.
                record(ing, "Normal", "Sync", "Scheduled for sync")
                record(ing, "Normal", "Sync", "UrlMap \"\(resourceName("um", ing))\" updated")
                progress[ing.uid] = .done(spec: ing["spec"])
            }
            updateHealth(ing, key: key)
        }
    }

    /// Reads the health checks back into the backends annotation, and looks again a period later.
    private func updateHealth(_ ing: Value, key: String) {
        let ns = ing.metadataNamespace ?? "default"
        let text = backendsText(ing) { b in
            guard let b else { return "HEALTHY" }
            return self.network.healthy(b, namespace: ns) ? "HEALTHY" : "UNHEALTHY"
        }
        if ing.annotations[Self.backendsAnnotation] != text {
            api.mutate(ingresses, api.key(ingresses, ns, ing.metadataName)) { o in
                o[path: "metadata", "annotations", Self.backendsAnnotation] = .string(text)
            }
        }
        later(key, api.clock.now + Self.healthPeriod)
    }

    private func later(_ key: String, _ at: Timestamp) {
        guard pending.insert(key).inserted else { return }
        manager.enqueue(key, for: self, after: Duration(ms: max(at.ms - api.clock.now.ms, 1)))
    }

    private func record(_ ing: Value, _ type: String, _ reason: String, _ message: String) {
        let current = (try? api.get(ingresses, namespace: ing.metadataNamespace, name: ing.metadataName)) ?? ing
        events.record(current, type: type, reason: reason, message: message, component: name)
    }

    /// Every service port the Ingress names (rules and default backend).
    static func backends(of ing: Value) -> [IngressBackend] {
        var out: [IngressBackend] = []
        if let d = IngressBackend(ing[path: "spec", "defaultBackend"]) { out.append(d) }
        for rule in ing[path: "spec", "rules"]?.arrayValue ?? [] {
            for p in rule[path: "http", "paths"]?.arrayValue ?? [] {
                if let b = IngressBackend(p["backend"]), !out.contains(b) { out.append(b) }
            }
        }
        return out
    }

    /// `{"k8s1-…-default-web-80-…":"HEALTHY",…}`: one network endpoint group per service port, GKE's default
    /// backend included when the Ingress has no default backend of its own; `health(nil)` is GKE's.
    private func backendsText(_ ing: Value, health: (IngressBackend?) -> String) -> String {
        let ns = ing.metadataNamespace ?? "default"
        var entries: [(String, String)] = []
        let own = Self.backends(of: ing)
        if IngressBackend(ing[path: "spec", "defaultBackend"]) == nil {
            entries.append((negName("kube-system", "default-http-backend", "80"), health(nil)))
        }
        for b in own {
            let port: String
            switch b.port { case .number(let n): port = String(n); case .name(let n): port = n }
            entries.append((negName(ns, b.service, port), health(b)))
        }
        entries.sort { $0.0 < $1.0 }
        return "{" + entries.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
    }

    private func negName(_ ns: String, _ svc: String, _ port: String) -> String {
        "k8s1-\(clusterTag)" + Self.negSuffix(ns, svc, port)
    }

    static func negSuffix(_ ns: String, _ svc: String, _ port: String) -> String {
        "-\(ns)-\(svc)-\(port)-\(hash8("\(ns)/\(svc)/\(port)"))"
    }

    /// What the backends annotation last said of a backend (`HEALTHY`, `UNHEALTHY`, `Unknown`), nil when it is
    /// not there (not provisioned yet).
    static func health(of b: IngressBackend, namespace: String, in ing: Value) -> String? {
        let port: String
        switch b.port { case .number(let n): port = String(n); case .name(let n): port = n }
        let suffix = negSuffix(namespace, b.service, port) + "\":\""
        guard let text = ing.annotations[backendsAnnotation], let r = text.range(of: suffix) else { return nil }
        return String(text[r.upperBound...].prefix { $0 != "\"" })
    }

    /// `k8s2-um-<cluster>-<namespace>-<name>-<hash>` and the like.
    private func resourceName(_ kind: String, _ ing: Value) -> String {
        let ns = ing.metadataNamespace ?? "default", name = ing.metadataName
        return "k8s2-\(kind)-\(clusterTag)-\(ns)-\(name)-\(Self.hash8("\(ns)/\(name)"))"
    }

    /// Eight characters of GKE's resource-name alphabet (the one node name suffixes use) from a stable hash.
    static func hash8(_ s: String) -> String {
        var h = s.hashValueStable
        let alphabet = NodePoolBuilder.suffixAlphabet
        var out = ""
        for _ in 0..<8 { out.append(alphabet[Int(h % UInt64(alphabet.count))]); h /= UInt64(alphabet.count) }
        return out
    }

    private static func tag(_ r: inout SeededRandom) -> String {
        String((0..<8).map { _ in NodePoolBuilder.suffixAlphabet[r.int(in: 0...NodePoolBuilder.suffixAlphabet.count - 1)] })
    }
}
