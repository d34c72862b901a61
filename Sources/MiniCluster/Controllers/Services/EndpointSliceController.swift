// The EndpointSlice controller (upstream `pkg/controller/endpointslice` and its reconciler): for each Service with
// a selector, slices named `<service>-<5 chars>` owned by the Service, one per set of resolved ports (at most 100
// endpoints each), with ready/serving/terminating conditions, node, zone and target of every pod. A Service
// whose selector matches nothing keeps one empty placeholder slice, as upstream.

final class EndpointSliceController: Controller {
    let name = "endpointslice-controller"
    static let managedBy = "endpointslice-controller.k8s.io"
    static let maxEndpointsPerSlice = 100
    private unowned let api: APIServer
    private let selecting = SelectingServices()
    private let services: ResourceType, pods: ResourceType, slices: ResourceType, nodes: ResourceType?

    init?(api: APIServer) {
        guard let s = api.registry.lookup(kind: "Service"), let p = api.registry.lookup(kind: "Pod"),
              let e = api.registry.lookup(kind: "EndpointSlice") else { return nil }
        self.api = api; services = s; pods = p; slices = e
        nodes = api.registry.lookup(kind: "Node")
    }

    var watchedResources: [ResourceType]? { [services, pods, slices] }

    func keys(for event: WatchEvent) -> [String] {
        switch event.resource {
        case services: return [event.objectKey]
        case pods: return EndpointPods.serviceKeys(for: event, store: api.store, serviceType: services, selecting: selecting)
        case slices:
            // A managed slice changed or vanished behind our back: reconcile its service again.
            let labels = event.oldObject?.labels ?? event.object.labels
            guard labels["endpointslice.kubernetes.io/managed-by"] == Self.managedBy,
                  let svc = labels["kubernetes.io/service-name"], event.type != .added else { return [] }
            return ["\(event.object.metadataNamespace ?? "default")/\(svc)"]
        default: return []
        }
    }

    func sync(_ key: String) {
        let (ns, name) = ControllerKey.split(key)
        let existing = api.list(slices, namespace: ns).filter {
            $0.labels["kubernetes.io/service-name"] == name && $0.labels["endpointslice.kubernetes.io/managed-by"] == Self.managedBy
        }
        guard let svc = try? api.get(services, namespace: ns, name: name), svc.deletionTimestamp == nil else {
            for s in existing { _ = try? api.delete(slices, namespace: ns, name: s.metadataName) }
            return
        }
        if svc[path: "spec", "type"]?.stringValue == "ExternalName" { return }
        guard let selected = EndpointPods.selected(by: svc, api: api, podType: pods) else { return }
        let members = selected.filter { EndpointPods.shouldBeInEndpoints($0, includeTerminating: true) }
        reconcile(svc, desired: desiredSlices(svc, members), existing: existing,
                  trigger: EndpointPods.triggerTime(service: svc, pods: members))
    }

    /// (ports, endpoints) per slice to have; an empty service gets one placeholder with neither.
    func desiredSlices(_ svc: Value, _ members: [Value]) -> [(ports: Value, endpoints: Value)] {
        let servicePorts = svc[path: "spec", "ports"]?.arrayValue ?? []
        var groups: [(ports: [Value], endpoints: [Value])] = []
        for pod in members {
            var ports: [Value] = []
            for sp in servicePorts {
                guard let n = EndpointPods.findPort(pod, sp) else { continue }
                var p: Value = ["name": .string(sp["name"]?.stringValue ?? ""), "port": .int(n),
                                "protocol": sp["protocol"] ?? "TCP"]
                if let ap = sp["appProtocol"] { p["appProtocol"] = ap }
                ports.append(p)
            }
            let ep = endpoint(pod, svc)
            if let i = groups.firstIndex(where: { $0.ports == ports }) { groups[i].endpoints.append(ep) }
            else { groups.append((ports, [ep])) }
        }
        if groups.isEmpty { return [(.null, .null)] }
        var out: [(ports: Value, endpoints: Value)] = []
        for g in groups {
            var rest = g.endpoints[...]
            while !rest.isEmpty {
                out.append((.array(g.ports), .array(Array(rest.prefix(Self.maxEndpointsPerSlice)))))
                rest = rest.dropFirst(Self.maxEndpointsPerSlice)
            }
        }
        return out
    }

    /// upstream `podToEndpoint`: a terminating pod is never `ready` unless the service publishes unready addresses.
    func endpoint(_ pod: Value, _ svc: Value) -> Value {
        let serving = EndpointPods.isReady(pod)
        let terminating = pod.deletionTimestamp != nil
        let ready = svc[path: "spec", "publishNotReadyAddresses"]?.boolValue == true || (serving && !terminating)
        var ep: Value = ["addresses": [.string(EndpointPods.podIP(pod) ?? "")],
                         "conditions": ["ready": .bool(ready), "serving": .bool(serving), "terminating": .bool(terminating)]]
        if EndpointPods.shouldSetHostname(pod, svc) { ep["hostname"] = pod[path: "spec", "hostname"] }
        if let node = pod[path: "spec", "nodeName"]?.stringValue, !node.isEmpty {
            ep["nodeName"] = .string(node)
            if let nodes, let zone = (try? api.get(nodes, namespace: nil, name: node))?.labels["topology.kubernetes.io/zone"], !zone.isEmpty {
                ep["zone"] = .string(zone)
            }
        }
        ep["targetRef"] = EndpointPods.targetRef(pod)
        return ep
    }

    /// Updates slices in place where the ports match, creates the missing ones and deletes the rest.
    private func reconcile(_ svc: Value, desired: [(ports: Value, endpoints: Value)], existing: [Value], trigger: Timestamp?) {
        let ns = svc.metadataNamespace ?? "default"
        var labels = svc[path: "metadata", "labels"]?.stringMap ?? [:]
        labels["kubernetes.io/service-name"] = svc.metadataName
        labels["endpointslice.kubernetes.io/managed-by"] = Self.managedBy
        if svc[path: "spec", "clusterIP"]?.stringValue == "None" { labels["service.kubernetes.io/headless"] = "" }
        var unused = existing
        for want in desired {
            let match = unused.firstIndex { ($0["ports"] ?? .null) == want.ports && ($0["endpoints"] ?? .null) == want.endpoints }
                ?? unused.firstIndex { ($0["ports"] ?? .null) == want.ports }
            if let i = match {
                var s = unused.remove(at: i)
                guard s["endpoints"] ?? .null != want.endpoints || s.labels != labels else { continue }
                s["endpoints"] = want.endpoints
                s[path: "metadata", "labels"] = Value(stringMap: labels)
                if let trigger { s[path: "metadata", "annotations", "endpoints.kubernetes.io/last-change-trigger-time"] = .string(trigger.rfc3339) }
                _ = try? api.update(slices, s, namespace: ns, strict: false)
                continue
            }
            var meta: Value = ["generateName": .string(svc.metadataName + "-"), "namespace": .string(ns),
                               "labels": Value(stringMap: labels),
                               "ownerReferences": [["apiVersion": "v1", "kind": "Service", "name": .string(svc.metadataName),
                                                    "uid": .string(svc.uid), "controller": true, "blockOwnerDeletion": true]]]
            if let trigger { meta["annotations"] = ["endpoints.kubernetes.io/last-change-trigger-time": .string(trigger.rfc3339)] }
            let slice: Value = ["apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": meta,
                                "addressType": "IPv4", "endpoints": want.endpoints, "ports": want.ports]
            _ = try? api.create(slices, slice, namespace: ns, strict: false)
        }
        for s in unused { _ = try? api.delete(slices, namespace: ns, name: s.metadataName) }
    }
}
