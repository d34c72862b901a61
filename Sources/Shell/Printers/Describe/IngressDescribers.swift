// `describe ingress` and `describe ingressclass`.
import MiniCluster

enum IngressDescribers {
    static func ingress(_ ing: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = ing["spec"] ?? .null, ns = ing.metadataNamespace ?? "default"
        w.write(0, "Name:\t\(ing.metadataName)\n")
        w.labels("Labels", ing.labels)
        w.write(0, "Namespace:\t\(ns)\n")
        let addresses = Set(ing.dArr("status", "loadBalancer", "ingress").compactMap { i -> String? in
            !i.dStr("ip").isEmpty ? i.dStr("ip") : (!i.dStr("hostname").isEmpty ? i.dStr("hostname") : nil)
        })
        w.write(0, "Address:\t\(addresses.sorted().joined(separator: ","))\n")
        w.write(0, "Ingress Class:\t\(spec.dHas("ingressClassName") ? spec.dStr("ingressClassName") : "<none>")\n")
        var defaultBackend = "<default>"
        if let def = spec["defaultBackend"], !def.isNull { defaultBackend = backend(def, ns: ns, ctx) }
        w.write(0, "Default backend:\t\(defaultBackend)\n")
        let tls = spec.dArr("tls")
        if !tls.isEmpty {
            w.write(0, "TLS:\n")
            for t in tls {
                let hosts = t.dArr("hosts").map(\.dText).joined(separator: ",")
                w.write(1, t.dStr("secretName").isEmpty ? "SNI routes \(hosts)\n" : "\(t.dStr("secretName")) terminates \(hosts)\n")
            }
        }
        w.write(0, "Rules:\n  Host\tPath\tBackends\n")
        w.write(1, "----\t----\t--------\n")
        var count = 0
        for rule in spec.dArr("rules") where rule.dHas("http") {
            count += 1
            let host = rule.dStr("host").isEmpty ? "*" : rule.dStr("host")
            w.write(1, "\(host)\t\n")
            for p in rule.dArr("http", "paths") {
                w.write(2, "\t\(p.dStr("path")) \t\(backend(p["backend"] ?? .null, ns: ns, ctx))\n")
            }
        }
        if count == 0 { w.write(1, "*\t*\t\(defaultBackend)\n") }
        w.annotations("Annotations", ing.annotations)
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: ing, in: ctx), w, ctx) }
        return w.text
    }

    /// `web:80 (10.4.0.5:8080)`, or the resource backend's reference.
    private static func backend(_ b: Value, ns: String, _ ctx: DescribeContext) -> String {
        if let s = b["service"], !s.isNull {
            let name = s.dStr("name")
            let number = s.dInt("port", "number") ?? 0
            let portName = s.dStr("port", "name")
            let label = "\(name):\(number != 0 ? String(number) : portName)"
            guard let svc = ctx.get("Service", namespace: ns, name: name) else {
                return "\(label) (<error: services \"\(name)\" not found>)"
            }
            var spName = ""
            for sp in svc.dArr("spec", "ports") {
                if number != 0, number == sp.dInt("port") { spName = sp.dStr("name") }
                else if !portName.isEmpty, portName == sp.dStr("name") { spName = sp.dStr("name") }
            }
            let slices = ctx.list("EndpointSlice", namespace: ns).filter { $0.labels["kubernetes.io/service-name"] == name }
            return "\(label) (\(ServiceDescribers.formatSlices(slices, ports: [spName])))"
        }
        if let r = b["resource"], !r.isNull {
            let group = r.dHas("apiGroup") ? r.dStr("apiGroup") : "<none>"
            return "APIGroup: \(group), Kind: \(r.dStr("kind")), Name: \(r.dStr("name"))"
        }
        return ""
    }

    static func ingressClass(_ ic: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(ic.metadataName)\n")
        w.labels("Labels", ic.labels)
        w.annotations("Annotations", ic.annotations)
        w.write(0, "Controller:\t\(ic.dStr("spec", "controller"))\n")
        if let p = ic[path: "spec", "parameters"], !p.isNull {
            w.write(0, "Parameters:\n")
            if p.dHas("apiGroup") { w.write(1, "APIGroup:\t\(p.dStr("apiGroup"))\n") }
            w.write(1, "Kind:\t\(p.dStr("kind"))\n")
            w.write(1, "Name:\t\(p.dStr("name"))\n")
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: ic, in: ctx), w, ctx) }
        return w.text
    }
}
