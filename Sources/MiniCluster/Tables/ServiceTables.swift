// Tables of the networking kinds: Service, Endpoints, EndpointSlice, Ingress, IngressClass, NetworkPolicy.

extension Tables {
    static let service = TableSpec(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*"]) { o, now in
        let spec = o["spec"]
        let type = Cell.string(spec?["type"], or: "ClusterIP")
        let clusterIP = spec?["clusterIPs"]?[0]?.stringValue ?? spec?["clusterIP"]?.stringValue ?? "<none>"
        let ports = (spec?["ports"]?.arrayValue ?? []).map { p -> String in
            let node = (p["nodePort"]?.intValue ?? 0) > 0 ? ":\(p["nodePort"]?.intValue ?? 0)" : ""
            return "\(p["port"]?.intValue ?? 0)\(node)/\(p["protocol"]?.stringValue ?? "TCP")"
        }.joined(separator: ",")
        return [o.metadataName, type, clusterIP, serviceExternalIP(o, type: type), ports.isEmpty ? "<none>" : ports,
                Cell.age(o, now), Cell.mapSelector(spec?["selector"]?.stringMap)]
    }

    /// EXTERNAL-IP of a service: external IPs, load-balancer ingress points, `<pending>` or the external name.
    static func serviceExternalIP(_ o: Value, type: String) -> String {
        let externalIPs = (o[path: "spec", "externalIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        switch type {
        case "ClusterIP", "NodePort":
            return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            let lb = loadBalancerIngress(o[path: "status", "loadBalancer", "ingress"])
            if !externalIPs.isEmpty { return (lb + externalIPs).joined(separator: ",") }
            return lb.isEmpty ? "<pending>" : lb.joined(separator: ",")
        case "ExternalName":
            return o[path: "spec", "externalName"]?.stringValue ?? ""
        default:
            return "<unknown>"
        }
    }

    /// Load-balancer ingress points (IP, else hostname), de-duplicated and sorted. The server prints tables
    /// wide, so they are never cut to 16 characters.
    static func loadBalancerIngress(_ ingress: Value?) -> [String] {
        var set = Set<String>()
        for i in ingress?.arrayValue ?? [] {
            if let ip = i["ip"]?.stringValue, !ip.isEmpty { set.insert(ip) } else if let h = i["hostname"]?.stringValue, !h.isEmpty { set.insert(h) }
        }
        return set.sorted()
    }

    static let endpoints = TableSpec(["Name", "Endpoints", "Age"]) { o, now in
        [o.metadataName, formatEndpoints(o["subsets"]?.arrayValue ?? []), Cell.age(o, now)]
    }

    /// `ip:port` for each subset's port × address, at most three, then ` + N more...`; `<none>` with no subsets.
    static func formatEndpoints(_ subsets: [Value]) -> String {
        if subsets.isEmpty { return "<none>" }
        var list: [String] = [], more = false, count = 0
        for ss in subsets {
            let addresses = (ss["addresses"]?.arrayValue ?? []).map { $0["ip"]?.stringValue ?? "" }
            let ports = ss["ports"]?.arrayValue ?? []
            if ports.isEmpty {
                for a in addresses { if list.count == 3 { more = true; break }; list.append(a) }
                count += addresses.count
                continue
            }
            for p in ports {
                let port = p["port"]?.intValue ?? 0
                for a in addresses {
                    if list.count == 3 { more = true; break }
                    list.append(a.contains(":") ? "[\(a)]:\(port)" : "\(a):\(port)")
                }
                count += addresses.count
            }
        }
        let text = list.joined(separator: ",")
        return more ? "\(text) + \(count - 3) more..." : text
    }

    static let endpointSlice = TableSpec(["Name", "AddressType", "Ports", "Endpoints", "Age"]) { o, now in
        var ports: [String] = [], portCount = 0
        for p in o["ports"]?.arrayValue ?? [] {
            if ports.count < 3 { ports.append(p["port"]?.intValue.map(String.init) ?? p["name"]?.stringValue ?? "*") }
            portCount += 1
        }
        var addrs: [String] = [], addrCount = 0
        for e in o["endpoints"]?.arrayValue ?? [] {
            for a in (e["addresses"]?.arrayValue ?? []).compactMap(\.stringValue) {
                if addrs.count < 3 { addrs.append(a) }
                addrCount += 1
            }
        }
        return [o.metadataName, o["addressType"]?.stringValue ?? "", listWithMore(ports, portCount),
                listWithMore(addrs, addrCount), Cell.age(o, now)]
    }

    /// EndpointSlice lists: up to three items, ` + N more...`, or `<unset>` when empty.
    static func listWithMore(_ list: [String], _ count: Int) -> String {
        let text = list.joined(separator: ",")
        if count > 3 { return "\(text) + \(count - 3) more..." }
        return text.isEmpty ? "<unset>" : text
    }

    static let ingress = TableSpec(["Name", "Class", "Hosts", "Address", "Ports", "Age"]) { o, now in
        let rules = o[path: "spec", "rules"]?.arrayValue ?? []
        var hosts: [String] = [], more = false
        for r in rules {
            if hosts.count == 3 { more = true }
            if !more, let h = r["host"]?.stringValue, !h.isEmpty { hosts.append(h) }
        }
        var hostText = hosts.isEmpty ? "*" : hosts.joined(separator: ",")
        if more, !hosts.isEmpty { hostText += " + \(rules.count - 3) more..." }
        let tls = o[path: "spec", "tls"]?.arrayValue ?? []
        return [o.metadataName, Cell.string(o[path: "spec", "ingressClassName"], or: "<none>"), hostText,
                loadBalancerIngress(o[path: "status", "loadBalancer", "ingress"]).joined(separator: ","),
                tls.isEmpty ? "80" : "80, 443", Cell.age(o, now)]
    }

    static let ingressClass = TableSpec(["Name", "Controller", "Parameters", "Age"]) { o, now in
        var params = "<none>"
        if let p = o[path: "spec", "parameters"], p.isObject {
            params = (p["kind"]?.stringValue ?? "") + (p["apiGroup"]?.stringValue.map { "." + $0 } ?? "") + "/" + (p["name"]?.stringValue ?? "")
        }
        return [o.metadataName, o[path: "spec", "controller"]?.stringValue ?? "", params, Cell.age(o, now)]
    }

    static let networkPolicy = TableSpec(["Name", "Pod-Selector", "Age"]) { o, now in
        [o.metadataName, Cell.selector(o[path: "spec", "podSelector"] ?? .emptyObject), Cell.age(o, now)]
    }

    static let serviceTables: [String: TableSpec] = [
        "/Service": service, "/Endpoints": endpoints, "discovery.k8s.io/EndpointSlice": endpointSlice,
        "networking.k8s.io/Ingress": ingress, "networking.k8s.io/IngressClass": ingressClass,
        "networking.k8s.io/NetworkPolicy": networkPolicy,
    ]
}
