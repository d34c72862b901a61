// The EndpointSlice mirroring controller (upstream `pkg/controller/endpointslicemirroring`): hand-written Endpoints
// of a Service without a selector are mirrored into EndpointSlices named `<endpoints>-<5 chars>`, owned by the
// Endpoints, so everything that reads slices (kube-proxy, describe) sees them too.

final class EndpointSliceMirroringController: Controller {
    let name = "endpointslicemirroring-controller"
    static let managedBy = "endpointslicemirroring-controller.k8s.io"
    private unowned let api: APIServer
    private let services: ResourceType, endpoints: ResourceType, slices: ResourceType

    init?(api: APIServer) {
        guard let s = api.registry.lookup(kind: "Service"), let e = api.registry.lookup(kind: "Endpoints"),
              let sl = api.registry.lookup(kind: "EndpointSlice") else { return nil }
        self.api = api; services = s; endpoints = e; slices = sl
    }

    var watchedResources: [ResourceType]? { [services, endpoints, slices] }

    func keys(for event: WatchEvent) -> [String] {
        switch event.resource {
        case services, endpoints: return [event.objectKey]
        case slices:
            let labels = event.oldObject?.labels ?? event.object.labels
            guard labels["endpointslice.kubernetes.io/managed-by"] == Self.managedBy, event.type != .added,
                  let svc = labels["kubernetes.io/service-name"] else { return [] }
            return ["\(event.object.metadataNamespace ?? "default")/\(svc)"]
        default: return []
        }
    }

    func sync(_ key: String) {
        let (ns, name) = ControllerKey.split(key)
        let existing = api.list(slices, namespace: ns).filter {
            $0.labels["kubernetes.io/service-name"] == name && $0.labels["endpointslice.kubernetes.io/managed-by"] == Self.managedBy
        }
        let svc = try? api.get(services, namespace: ns, name: name)
        let ep = try? api.get(endpoints, namespace: ns, name: name)
        // Only Endpoints of an existing Service without a selector are mirrored, unless they opt out.
        guard let svc, svc[path: "spec", "selector"] == nil, let ep,
              ep.labels["endpointslice.kubernetes.io/skip-mirror"] != "true" else {
            for s in existing { _ = try? api.delete(slices, namespace: ns, name: s.metadataName) }
            return
        }
        var desired: [(ports: Value, endpoints: Value)] = []
        for subset in ep["subsets"]?.arrayValue ?? [] {
            let ports: [Value] = (subset["ports"]?.arrayValue ?? []).map { p in
                var out: Value = ["name": .string(p["name"]?.stringValue ?? ""), "port": p["port"] ?? .null, "protocol": p["protocol"] ?? "TCP"]
                if let ap = p["appProtocol"] { out["appProtocol"] = ap }
                return out
            }
            var eps: [Value] = []
            for (key, ready) in [("addresses", true), ("notReadyAddresses", false)] {
                for a in subset[key]?.arrayValue ?? [] {
                    guard let ip = a["ip"]?.stringValue else { continue }
                    var e: Value = ["addresses": [.string(ip)], "conditions": ["ready": .bool(ready)]]
                    if let h = a["hostname"] { e["hostname"] = h }
                    if let n = a["nodeName"] { e["nodeName"] = n }
                    if let t = a["targetRef"] { e["targetRef"] = t }
                    eps.append(e)
                }
            }
            if !eps.isEmpty { desired.append((.array(ports), .array(eps))) }
        }
        var labels = ep.labels
        labels["kubernetes.io/service-name"] = name
        labels["endpointslice.kubernetes.io/managed-by"] = Self.managedBy
        var unused = existing
        for want in desired {
            if let i = unused.firstIndex(where: { ($0["ports"] ?? .null) == want.ports }) {
                var s = unused.remove(at: i)
                guard (s["endpoints"] ?? .null) != want.endpoints || s.labels != labels else { continue }
                s["endpoints"] = want.endpoints
                s[path: "metadata", "labels"] = Value(stringMap: labels)
                _ = try? api.update(slices, s, namespace: ns, strict: false)
                continue
            }
            let slice: Value = [
                "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                "metadata": ["generateName": .string(name + "-"), "namespace": .string(ns), "labels": Value(stringMap: labels),
                             "ownerReferences": [["apiVersion": "v1", "kind": "Endpoints", "name": .string(name), "uid": .string(ep.uid),
                                                  "controller": true, "blockOwnerDeletion": true]]],
                "addressType": "IPv4", "endpoints": want.endpoints, "ports": want.ports,
            ]
            _ = try? api.create(slices, slice, namespace: ns, strict: false)
        }
        for s in unused { _ = try? api.delete(slices, namespace: ns, name: s.metadataName) }
    }
}
