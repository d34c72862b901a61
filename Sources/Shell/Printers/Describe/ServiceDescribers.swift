// `describe service`, `describe endpoints` and `describe endpointslice`.
import MiniCluster

enum ServiceDescribers {
    static func service(_ svc: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = svc["spec"] ?? .null
        let slices = ctx.list("EndpointSlice", namespace: svc.metadataNamespace ?? "default")
            .filter { $0.labels["kubernetes.io/service-name"] == svc.metadataName }
        w.write(0, "Name:\t\(svc.metadataName)\n")
        w.write(0, "Namespace:\t\(svc.metadataNamespace ?? "")\n")
        w.labels("Labels", svc.labels)
        w.annotations("Annotations", svc.annotations)
        w.write(0, "Selector:\t\(DescribeFormat.labels(spec.dMap("selector")))\n")
        w.write(0, "Type:\t\(spec.dStr("type"))\n")
        if spec.dHas("ipFamilyPolicy") { w.write(0, "IP Family Policy:\t\(spec.dStr("ipFamilyPolicy"))\n") }
        let families = spec.dArr("ipFamilies").map(\.dText)
        w.write(0, "IP Families:\t\(families.isEmpty ? "<none>" : families.joined(separator: ","))\n")
        w.write(0, "IP:\t\(spec.dStr("clusterIP"))\n")
        let ips = spec.dArr("clusterIPs").map(\.dText)
        w.write(0, "IPs:\t\(ips.isEmpty ? "<none>" : ips.joined(separator: ","))\n")
        let external = spec.dArr("externalIPs").map(\.dText)
        if !external.isEmpty { w.write(0, "External IPs:\t\(external.joined(separator: ","))\n") }
        if !spec.dStr("loadBalancerIP").isEmpty { w.write(0, "Desired LoadBalancer IP:\t\(spec.dStr("loadBalancerIP"))\n") }
        if !spec.dStr("externalName").isEmpty { w.write(0, "External Name:\t\(spec.dStr("externalName"))\n") }
        let ingress = svc.dArr("status", "loadBalancer", "ingress")
        if !ingress.isEmpty {
            let list = ingress.map { i -> String in
                let ip = i.dStr("ip")
                if ip.isEmpty { return i.dStr("hostname") }
                return i.dHas("ipMode") ? "\(ip) (\(i.dStr("ipMode")))" : ip
            }
            w.write(0, "LoadBalancer Ingress:\t\(list.joined(separator: ", "))\n")
        }
        for p in spec.dArr("ports") {
            let name = p.dStr("name").isEmpty ? "<unset>" : p.dStr("name")
            let proto = p.dStr("protocol")
            w.write(0, "Port:\t\(name)\t\(p.dInt("port") ?? 0)/\(proto)\n")
            w.write(0, "TargetPort:\t\(p.dStr("targetPort"))/\(proto)\n")
            if let np = p.dInt("nodePort"), np != 0 { w.write(0, "NodePort:\t\(name)\t\(np)/\(proto)\n") }
            w.write(0, "Endpoints:\t\(formatSlices(slices, ports: [p.dStr("name")]))\n")
        }
        w.write(0, "Session Affinity:\t\(spec.dStr("sessionAffinity"))\n")
        if !spec.dStr("externalTrafficPolicy").isEmpty {
            w.write(0, "External Traffic Policy:\t\(spec.dStr("externalTrafficPolicy"))\n")
        }
        if spec.dHas("internalTrafficPolicy") { w.write(0, "Internal Traffic Policy:\t\(spec.dStr("internalTrafficPolicy"))\n") }
        if let hc = spec.dInt("healthCheckNodePort"), hc != 0 { w.write(0, "HealthCheck NodePort:\t\(hc)\n") }
        let ranges = spec.dArr("loadBalancerSourceRanges").map(\.dText)
        if !ranges.isEmpty { w.write(0, "LoadBalancer Source Ranges:\t\(ranges.joined(separator: ","))\n") }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: svc, in: ctx), w, ctx) }
        return w.text
    }

    /// Ready endpoint addresses (`ip:port`) for the named ports, at most three then `+ N more...`.
    static func formatSlices(_ slices: [Value], ports: Set<String>?) -> String {
        guard !slices.isEmpty else { return "<none>" }
        var list: [String] = [], more = false, count = 0
        func ready(_ e: Value) -> Bool { e.dBool("conditions", "ready") ?? true }
        for s in slices {
            let endpoints = s.dArr("endpoints")
            if s.dArr("ports").isEmpty {
                for e in endpoints {
                    if list.count == 3 { more = true }
                    guard ready(e) else { continue }
                    if !more { list.append(e.dArr("addresses").first?.dText ?? "") }
                    count += 1
                }
                continue
            }
            for p in s.dArr("ports") where ports == nil || ports?.contains(p.dStr("name")) == true {
                for e in endpoints {
                    if list.count == 3 { more = true }
                    guard ready(e) else { continue }
                    let addr = e.dArr("addresses").first?.dText ?? ""
                    let host = addr.contains(":") ? "[\(addr)]" : addr
                    if !more { list.append("\(host):\(p.dInt("port") ?? 0)") }
                    count += 1
                }
            }
        }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(count - 3) more..." : joined
    }

    static func endpoints(_ ep: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(ep.metadataName)\n")
        w.write(0, "Namespace:\t\(ep.metadataNamespace ?? "")\n")
        w.labels("Labels", ep.labels)
        w.annotations("Annotations", ep.annotations)
        w.write(0, "Subsets:\n")
        for subset in ep.dArr("subsets") {
            let ready = subset.dArr("addresses").map { $0.dStr("ip") }.joined(separator: ",")
            w.write(1, "Addresses:\t\(ready.isEmpty ? "<none>" : ready)\n")
            let notReady = subset.dArr("notReadyAddresses").map { $0.dStr("ip") }.joined(separator: ",")
            w.write(1, "NotReadyAddresses:\t\(notReady.isEmpty ? "<none>" : notReady)\n")
            let ports = subset.dArr("ports")
            if !ports.isEmpty {
                w.write(1, "Ports:\n")
                w.write(2, "Name\tPort\tProtocol\n")
                w.write(2, "----\t----\t--------\n")
                for p in ports {
                    let name = p.dStr("name").isEmpty ? "<unset>" : p.dStr("name")
                    w.write(2, "\(name)\t\(p.dInt("port") ?? 0)\t\(p.dStr("protocol"))\n")
                }
            }
            w.write(0, "\n")
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: ep, in: ctx), w, ctx) }
        return w.text
    }

    static func endpointSlice(_ eps: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(eps.metadataName)\n")
        w.write(0, "Namespace:\t\(eps.metadataNamespace ?? "")\n")
        w.labels("Labels", eps.labels)
        w.annotations("Annotations", eps.annotations)
        w.write(0, "AddressType:\t\(eps.dStr("addressType"))\n")
        let ports = eps.dArr("ports")
        if ports.isEmpty {
            w.write(0, "Ports: <unset>\n")
        } else {
            w.write(0, "Ports:\n")
            w.write(1, "Name\tPort\tProtocol\n")
            w.write(1, "----\t----\t--------\n")
            for p in ports {
                let name = p.dStr("name").isEmpty ? "<unset>" : p.dStr("name")
                w.write(1, "\(name)\t\(p.dInt("port").map(String.init) ?? "<unset>")\t\(p.dStr("protocol"))\n")
            }
        }
        let endpoints = eps.dArr("endpoints")
        if endpoints.isEmpty {
            w.write(0, "Endpoints: <none>\n")
        } else {
            w.write(0, "Endpoints:\n")
            for e in endpoints {
                let addrs = e.dArr("addresses").map(\.dText).joined(separator: ", ")
                w.write(1, "- Addresses:\t\(addrs.isEmpty ? "<none>" : addrs)\n")
                w.write(2, "Conditions:\n")
                w.write(3, "Ready:\t\(e.dBool("conditions", "ready").map { $0 ? "true" : "false" } ?? "<unset>")\n")
                w.write(2, "Hostname:\t\(e.dHas("hostname") ? e.dStr("hostname") : "<unset>")\n")
                if e.dHas("targetRef") { w.write(2, "TargetRef:\t\(e.dStr("targetRef", "kind"))/\(e.dStr("targetRef", "name"))\n") }
                w.write(2, "NodeName:\t\(e.dHas("nodeName") ? e.dStr("nodeName") : "<unset>")\n")
                w.write(2, "Zone:\t\(e.dHas("zone") ? e.dStr("zone") : "<unset>")\n")
            }
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: eps, in: ctx), w, ctx) }
        return w.text
    }
}
