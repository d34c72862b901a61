// The Service `kubectl expose` generates from an object (its introspection helpers and `createService`), in Go
// struct field order so `-o json` prints as kubectl does.
import MiniCluster

enum ExposeService {
    static func build(for object: Value, kind: String, _ f: ParsedFlags) throws -> Value {
        let clusterIP = f.string("cluster-ip")
        var portText = f.string("port"), multiPorts = ""
        if portText.isEmpty {
            let ports = portsOf(object, kind: kind)
            switch ports.count {
            case 0 where clusterIP != "None": throw KubectlFailure.plain("couldn't find port via --port flag or introspection")
            case 0: break
            case 1: portText = ports[0]
            default: multiPorts = ports.joined(separator: ",")
            }
        }
        let protocols = protocolsOf(object, kind: kind)
        var selectorText = f.string("selector")
        if selectorText.isEmpty {
            selectorText = try selectorOf(object, kind: kind)
        }
        let labelText = f.string("labels").isEmpty ? makeLabels(object.labels) : f.string("labels")
        let name = f.string("name").isEmpty ? object.metadataName : f.string("name")
        if name.isEmpty { throw KubectlFailure.plain("name is a required parameter") }
        let labels = labelText.isEmpty ? [:] : try RunPod.parseLabels(labelText)
        let selector = try RunPod.parseLabels(selectorText)

        var ports: [Value] = []
        let portList = multiPorts.isEmpty ? portText : multiPorts
        if !portList.isEmpty {
            let items = portList.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for (i, text) in items.enumerated() {
                guard let port = Int(text) else { throw KubectlFailure.plain("strconv.Atoi: parsing \(GoFormat.q(text)): invalid syntax") }
                let name = items.count > 1 ? "port-\(i + 1)" : ""
                var proto = f.string("protocol")
                if proto.isEmpty {
                    proto = "TCP"
                    if let found = protocols[text] {
                        if found.count == 1 { proto = found[0] } else {
                            for p in found { ports.append(servicePort("port-\(i + 1)-\(p.lowercased())", p, port)) }
                            continue
                        }
                    }
                }
                ports.append(servicePort(name, proto, port))
            }
        }
        let target = f.string("target-port")
        for i in ports.indices {
            ports[i]["targetPort"] = target.isEmpty ? ports[i]["port"] : Build.intOrString(target)
        }
        let type = f.string("type")
        let affinity = f.string("session-affinity")
        if !affinity.isEmpty, affinity != "None", affinity != "ClientIP" {
            throw KubectlFailure.plain("unknown session affinity: \(affinity)")
        }
        let lbIP = type == "LoadBalancer" ? f.string("load-balancer-ip") : ""
        let spec = Build.object([
            ("ports", Build.opt(!ports.isEmpty, .array(ports))),
            ("selector", Build.map(selector)),
            ("clusterIP", Build.opt(!clusterIP.isEmpty, .string(clusterIP))),
            ("type", Build.opt(!type.isEmpty, .string(type))),
            ("externalIPs", Build.strings(f.string("external-ip").isEmpty ? [] : [f.string("external-ip")])),
            ("sessionAffinity", Build.opt(!affinity.isEmpty, .string(affinity))),
            ("loadBalancerIP", Build.opt(!lbIP.isEmpty, .string(lbIP))),
        ])
        return Build.object(Build.head("Service", "v1", Build.meta(name: name, labels: Build.map(labels)))
                            + [("spec", spec), ("status", ["loadBalancer": .emptyObject])])
    }

    /// A ServicePort in Go field order (name, protocol, port; targetPort is added after).
    static func servicePort(_ name: String, _ proto: String, _ port: Int) -> Value {
        Build.object([("name", Build.opt(!name.isEmpty, .string(name))), ("protocol", .string(proto)), ("port", .int(port))])
    }

    /// The pod spec behind an object (the pod's own, or a controller's template's).
    static func podSpec(_ o: Value, kind: String) -> Value? {
        kind == "Pod" ? o["spec"] : o[path: "spec", "template", "spec"]
    }

    /// `PortsForObject`: every distinct container port in declaration order, or a service's ports.
    static func portsOf(_ o: Value, kind: String) -> [String] {
        if kind == "Service" { return (o[path: "spec", "ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }.map(String.init) }
        var seen = Set<String>()
        return (podSpec(o, kind: kind)?["containers"]?.arrayValue ?? []).flatMap { c in
            (c["ports"]?.arrayValue ?? []).compactMap { $0["containerPort"]?.intValue }.map(String.init)
        }.filter { seen.insert($0).inserted }
    }

    /// `ProtocolsForObject`: port → the protocols it is declared with, in declaration order (repeats kept, as upstream).
    static func protocolsOf(_ o: Value, kind: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        func add(_ port: Int?, _ proto: String?) {
            guard let port else { return }
            out[String(port), default: []].append(proto ?? "TCP")
        }
        if kind == "Service" {
            for p in o[path: "spec", "ports"]?.arrayValue ?? [] { add(p["port"]?.intValue, p["protocol"]?.stringValue) }
            return out
        }
        for c in podSpec(o, kind: kind)?["containers"]?.arrayValue ?? [] {
            for p in c["ports"]?.arrayValue ?? [] { add(p["containerPort"]?.intValue, p["protocol"]?.stringValue) }
        }
        return out
    }

    /// `MapBasedSelectorForObject`, with kubectl's errors.
    static func selectorOf(_ o: Value, kind: String) throws -> String {
        let prefix = "couldn't retrieve selectors via --selector flag or introspection: "
        switch kind {
        case "Pod":
            if o.labels.isEmpty { throw KubectlFailure.plain(prefix + "the pod has no labels and cannot be exposed") }
            return makeLabels(o.labels)
        case "Service":
            guard let sel = o[path: "spec", "selector"]?.stringMap, !sel.isEmpty else {
                throw KubectlFailure.plain(prefix + "the service has no pod selector set")
            }
            return makeLabels(sel)
        case "ReplicationController":
            guard let sel = o[path: "spec", "selector"]?.stringMap, !sel.isEmpty else {
                throw KubectlFailure.plain(prefix + "invalid replicationcontroller: no selectors, therefore cannot be exposed")
            }
            return makeLabels(sel)
        default:
            if (o[path: "spec", "selector", "matchLabels"]?.stringMap ?? [:]).isEmpty {
                throw KubectlFailure.plain(prefix + "invalid \(kind.lowercased()): no selectors, therefore cannot be exposed")
            }
            if let exprs = o[path: "spec", "selector", "matchExpressions"]?.arrayValue, !exprs.isEmpty {
                throw KubectlFailure.plain(prefix + "couldn't convert expressions - \"\(goExpressions(exprs))\" to map-based selector format")
            }
            return makeLabels(o[path: "spec", "selector", "matchLabels"]?.stringMap ?? [:])
        }
    }

    /// `%+v` of a LabelSelectorRequirement list.
    static func goExpressions(_ exprs: [Value]) -> String {
        "[" + exprs.map { e in
            let values = (e["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ")
            return "{Key:\(e["key"]?.stringValue ?? "") Operator:\(e["operator"]?.stringValue ?? "") Values:[\(values)]}"
        }.joined(separator: " ") + "]"
    }

    /// `MakeLabels`: `k=v` pairs joined by commas (sorted, so the output is stable).
    static func makeLabels(_ m: [String: String]) -> String {
        m.keys.sorted().map { "\($0)=\(m[$0] ?? "")" }.joined(separator: ",")
    }
}
