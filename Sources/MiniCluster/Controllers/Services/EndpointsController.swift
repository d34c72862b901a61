// The endpoints controller (upstream `pkg/controller/endpoint`): for each Service with a selector, an Endpoints
// object of the same name listing its pods — ready ones under `addresses`, the others under `notReadyAddresses` —
// grouped into subsets by the ports they serve. Services without a selector keep hand-written Endpoints.

final class EndpointsController: Controller {
    let name = "endpoint-controller"
    private unowned let api: APIServer
    private let selecting = SelectingServices()
    private let services: ResourceType, pods: ResourceType, endpoints: ResourceType

    init?(api: APIServer) {
        guard let s = api.registry.lookup(kind: "Service"), let p = api.registry.lookup(kind: "Pod"),
              let e = api.registry.lookup(kind: "Endpoints") else { return nil }
        self.api = api; services = s; pods = p; endpoints = e
    }

    var watchedResources: [ResourceType]? { [services, pods, endpoints] }

    func keys(for event: WatchEvent) -> [String] {
        switch event.resource {
        case services: return [event.objectKey]
        case pods: return EndpointPods.serviceKeys(for: event, store: api.store, serviceType: services, selecting: selecting)
        // Someone deleted an Endpoints object a selector still owns: write it again.
        case endpoints where event.type == .deleted: return [event.objectKey]
        default: return []
        }
    }

    func sync(_ key: String) {
        let (ns, name) = ControllerKey.split(key)
        guard let svc = try? api.get(services, namespace: ns, name: name) else {
            if (try? api.get(endpoints, namespace: ns, name: name)) != nil {
                _ = try? api.delete(endpoints, namespace: ns, name: name)
            }
            return
        }
        // ExternalName services get no endpoints from this controller (upstream issue 105986).
        if svc[path: "spec", "type"]?.stringValue == "ExternalName" { return }
        guard let selected = EndpointPods.selected(by: svc, api: api, podType: pods) else { return }
        let members = selected.filter { EndpointPods.shouldBeInEndpoints($0, includeTerminating: false) }
        let subsets = Self.subsets(service: svc, pods: members)
        var labels = svc[path: "metadata", "labels"]?.stringMap ?? [:]
        if svc[path: "spec", "clusterIP"]?.stringValue == "None" { labels["service.kubernetes.io/headless"] = "" }

        let current = try? api.get(endpoints, namespace: ns, name: name)
        if let current, (current["subsets"]?.arrayValue ?? []) == subsets, current.labels == labels { return }
        var obj: Value = current ?? ["apiVersion": "v1", "kind": "Endpoints",
                                     "metadata": ["name": .string(name), "namespace": .string(ns)]]
        obj[path: "metadata", "labels"] = labels.isEmpty ? nil : Value(stringMap: labels)
        if let t = EndpointPods.triggerTime(service: svc, pods: members) {
            obj[path: "metadata", "annotations", "endpoints.kubernetes.io/last-change-trigger-time"] = .string(t.rfc3339)
        }
        obj["subsets"] = subsets.isEmpty ? nil : .array(subsets)
        _ = current == nil ? try? api.create(endpoints, obj, namespace: ns, strict: false) : try? api.update(endpoints, obj, namespace: ns, strict: false)
    }

    /// The subsets for these pods, packed as `RepackSubsets` does: one subset per distinct set of resolved ports,
    /// addresses sorted by IP, subsets in a stable order. A pod whose named port cannot be found is left out of
    /// that port.
    static func subsets(service svc: Value, pods: [Value]) -> [Value] {
        let tolerateUnready = svc[path: "spec", "publishNotReadyAddresses"]?.boolValue == true
        let servicePorts = svc[path: "spec", "ports"]?.arrayValue ?? []
        let headlessNoPorts = servicePorts.isEmpty && svc[path: "spec", "clusterIP"]?.stringValue == "None"
        // Resolved port → (address, ready) of each pod offering it; insertion order kept for stability.
        var byPort: [(port: Value?, addrs: [(Value, Bool)])] = []
        func add(_ port: Value?, _ addr: Value, _ ready: Bool) {
            if let i = byPort.firstIndex(where: { $0.port == port }) { byPort[i].addrs.append((addr, ready)) }
            else { byPort.append((port, [(addr, ready)])) }
        }
        for pod in pods {
            guard let ip = EndpointPods.podIP(pod) else { continue }
            var addr: Value = ["ip": .string(ip)]
            if EndpointPods.shouldSetHostname(pod, svc) { addr["hostname"] = pod[path: "spec", "hostname"] }
            if let node = pod[path: "spec", "nodeName"]?.stringValue, !node.isEmpty { addr["nodeName"] = .string(node) }
            addr["targetRef"] = EndpointPods.targetRef(pod)
            let ready = tolerateUnready || EndpointPods.isReady(pod)
            if headlessNoPorts { add(nil, addr, ready); continue }
            for sp in servicePorts {
                guard let n = EndpointPods.findPort(pod, sp) else { continue }
                var port: Value = [:]
                if let name = sp["name"]?.stringValue, !name.isEmpty { port["name"] = .string(name) }
                port["port"] = .int(n)
                port["protocol"] = sp["protocol"] ?? "TCP"
                if let ap = sp["appProtocol"] { port["appProtocol"] = ap }
                add(port, addr, ready)
            }
        }
        // Group ports by the exact set of addresses offering them.
        var groups: [(addrs: [(Value, Bool)], ports: [Value])] = []
        for entry in byPort {
            let sorted = entry.addrs.sorted { Self.addressOrder($0.0, $1.0) }
            let same = { (a: [(Value, Bool)]) in a.count == sorted.count && zip(a, sorted).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 } }
            if let i = groups.firstIndex(where: { same($0.addrs) }) {
                if let p = entry.port { groups[i].ports.append(p) }
            } else {
                groups.append((sorted, entry.port.map { [$0] } ?? []))
            }
        }
        let result: [Value] = groups.map { g in
            var subset: Value = [:]
            let ready = g.addrs.filter { $0.1 }.map(\.0), notReady = g.addrs.filter { !$0.1 }.map(\.0)
            if !ready.isEmpty { subset["addresses"] = .array(ready) }
            if !notReady.isEmpty { subset["notReadyAddresses"] = .array(notReady) }
            if !g.ports.isEmpty { subset["ports"] = .array(g.ports) }
            return subset
        }
        return result.sorted { subsetKey($0) < subsetKey($1) }
    }

    /// `addrsByIPAndUID`: byte order of the IP, then the target's uid.
    static func addressOrder(_ a: Value, _ b: Value) -> Bool {
        let ia = a["ip"]?.stringValue ?? "", ib = b["ip"]?.stringValue ?? ""
        if ia != ib { return Array(ia.utf8).lexicographicallyPrecedes(Array(ib.utf8)) }
        return (a[path: "targetRef", "uid"]?.stringValue ?? "") < (b[path: "targetRef", "uid"]?.stringValue ?? "")
    }

    /// A stable order for subsets (upstream orders them by a hash of their content; any fixed order reads the same).
    private static func subsetKey(_ s: Value) -> String {
        let first = (s["addresses"]?[0] ?? s["notReadyAddresses"]?[0])?["ip"]?.stringValue ?? ""
        let ports = (s["ports"]?.arrayValue ?? []).map { "\($0["port"]?.intValue ?? 0)" }.joined(separator: ",")
        return first + "|" + ports
    }
}
