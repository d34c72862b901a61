// networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy.

extension KindSpec {
    static let ingress = KindSpec(type: .builtIn("Ingress", group: "networking.k8s.io"), hasGeneration: true,
                                  defaults: Networking.defaultIngress, validate: validator(.subdomain, Networking.validateIngress))
    static let ingressClass = KindSpec(type: .builtIn("IngressClass", group: "networking.k8s.io"), hasGeneration: true,
                                       validate: validator(.subdomain, namespaced: false, Networking.validateIngressClass))
    static let networkPolicy = KindSpec(type: .builtIn("NetworkPolicy", group: "networking.k8s.io"), hasGeneration: true,
                                        defaults: Networking.defaultNetworkPolicy, validate: validator(.subdomain, Networking.validateNetworkPolicy))
}

enum Networking {
    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]

    static func defaultIngress(_ obj: inout Value, _ ctx: DefaultingContext) {
        PodSpecDefaults.setIfMissing(&obj, "status", ["loadBalancer": .emptyObject])
    }

    static func validateIngress(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        let spec = FieldPath("spec")
        var errs: [FieldError] = []
        let rules = s.array(at: "rules")
        if rules.isEmpty, !s.has("defaultBackend") {
            errs.append(FieldErrors.invalid(spec, "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"))
        }
        if s.has("defaultBackend"), let b = s["defaultBackend"] { errs += backend(b, spec.child("defaultBackend")) }
        for (i, r) in rules.enumerated() {
            let rp = spec.child("rules").index(i)
            if let host = r.string(at: "host"), !host.isEmpty {
                let check = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
                if host.contains("*") && !host.hasPrefix("*.") || check.contains("*") {
                    errs.append(FieldErrors.invalid(rp.child("host"), string: host, NameRules.regexError(
                        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
                        "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", ["*.example.com"])))
                } else {
                    errs += FieldErrors.each(NameRules.dns1123Subdomain(check), rp.child("host"), host)
                }
                if ServiceKind.isIPv4(host) { errs.append(FieldErrors.invalid(rp.child("host"), string: host, "must be a DNS name, not an IP address")) }
            }
            guard let http = r["http"], http.isObject else { continue }
            let paths = http.array(at: "paths")
            let pp = rp.child("http", "paths")
            if paths.isEmpty { errs.append(FieldErrors.required(pp)) }
            for (j, path) in paths.enumerated() {
                let p = pp.index(j)
                let type = path.string(at: "pathType") ?? ""
                let value = path.string(at: "path") ?? ""
                if type.isEmpty { errs.append(FieldErrors.required(p.child("pathType"), "pathType must be specified")) }
                else if !pathTypes.contains(type) { errs.append(FieldErrors.notSupported(p.child("pathType"), type, pathTypes)) }
                if type == "Exact" || type == "Prefix" {
                    if !value.hasPrefix("/") { errs.append(FieldErrors.invalid(p.child("path"), string: value, "must be an absolute path")) }
                    else if value.contains("//") { errs.append(FieldErrors.invalid(p.child("path"), string: value, "must not contain '//'")) }
                } else if type == "ImplementationSpecific", !value.isEmpty, !value.hasPrefix("/") {
                    errs.append(FieldErrors.invalid(p.child("path"), string: value, "must be an absolute path"))
                }
                errs += backend(path["backend"] ?? .emptyObject, p.child("backend"))
            }
        }
        for (i, tls) in s.array(at: "tls").enumerated() {
            for (j, h) in tls.array(at: "hosts").enumerated() {
                let host = h.stringValue ?? ""
                let check = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
                errs += FieldErrors.each(NameRules.dns1123Subdomain(check), spec.child("tls").index(i).child("hosts").index(j), host)
            }
        }
        if let cls = s.string(at: "ingressClassName") {
            errs += FieldErrors.each(NameRules.dns1123Subdomain(cls), spec.child("ingressClassName"), cls)
        }
        return errs
    }

    static func backend(_ b: Value, _ p: FieldPath) -> [FieldError] {
        let hasService = b.has("service"), hasResource = b.has("resource")
        if hasService && hasResource { return [FieldErrors.invalid(p, string: "", "cannot set both resource and service backends")] }
        if hasResource {
            var errs: [FieldError] = []
            if (b[path: "resource", "kind"]?.stringValue ?? "").isEmpty { errs.append(FieldErrors.required(p.child("resource", "kind"))) }
            if (b[path: "resource", "name"]?.stringValue ?? "").isEmpty { errs.append(FieldErrors.required(p.child("resource", "name"))) }
            return errs
        }
        guard hasService, let svc = b["service"] else { return [FieldErrors.invalid(p, string: "", "resource or service backend is required")] }
        var errs: [FieldError] = []
        let name = svc.string(at: "name") ?? ""
        if name.isEmpty { errs.append(FieldErrors.required(p.child("service", "name"))) }
        else { errs += FieldErrors.each(NameRules.dns1035Label(name), p.child("service", "name"), name) }
        let portName = svc[path: "port", "name"]?.stringValue ?? ""
        let portNumber = svc[path: "port", "number"]?.intValue ?? 0
        if !portName.isEmpty && portNumber != 0 { errs.append(FieldErrors.invalid(p, string: "", "cannot set both port name & port number")) }
        else if !portName.isEmpty { errs += FieldErrors.each(NameRules.validPortName(portName), p.child("service", "port", "name"), portName) }
        else if portNumber != 0 {
            if !(1...65535).contains(portNumber) {
                errs.append(FieldErrors.invalid(p.child("service", "port", "number"), int: portNumber, NameRules.inclusiveRangeError(1, 65535)))
            }
        } else { errs.append(FieldErrors.required(p, "port name or number is required")) }
        return errs
    }

    static func validateIngressClass(_ obj: Value, _ old: Value?) -> [FieldError] {
        let controller = obj[path: "spec", "controller"]?.stringValue ?? ""
        var errs: [FieldError] = []
        if controller.isEmpty { errs.append(FieldErrors.required(FieldPath("spec.controller"))) }
        else {
            if controller.utf8.count > 250 { errs.append(FieldErrors.tooLong(FieldPath("spec.controller"), 250)) }
            errs += FieldErrors.each(NameRules.qualifiedName(controller).filter { !$0.hasPrefix("name part must be no more") }, FieldPath("spec.controller"), controller)
        }
        if let old {
            errs += FieldErrors.immutable(obj[path: "spec", "controller"], old[path: "spec", "controller"], FieldPath("spec.controller"))
        }
        return errs
    }

    static func defaultNetworkPolicy(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        PodSpecDefaults.setIfMissing(&spec, "podSelector", .emptyObject)
        if spec.array(at: "policyTypes").isEmpty {
            spec["policyTypes"] = .array(["Ingress"] + (spec.array(at: "egress").isEmpty ? [] : ["Egress"]))
        }
        for dir in ["ingress", "egress"] {
            PodSpecDefaults.mapArray(&spec, dir) { rule in
                PodSpecDefaults.mapArray(&rule, "ports") { p in PodSpecDefaults.setIfMissing(&p, "protocol", "TCP") }
            }
        }
        obj["spec"] = spec
    }

    static func validateNetworkPolicy(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        let spec = FieldPath("spec")
        var errs = SelectorValidation.validate(s["podSelector"], spec.child("podSelector"))
        for (dir, peers) in [("ingress", "from"), ("egress", "to")] {
            for (i, rule) in s.array(at: dir).enumerated() {
                let rp = spec.child(dir).index(i)
                for (j, port) in rule.array(at: "ports").enumerated() {
                    let pp = rp.child("ports").index(j)
                    if let proto = port.string(at: "protocol"), !PodSpecValidation.protocols.contains(proto) {
                        errs.append(FieldErrors.notSupported(pp.child("protocol"), proto, PodSpecValidation.protocols))
                    }
                    if let p = port["port"] { errs += PodSpecValidation.portNumOrName(p, pp.child("port")) }
                }
                for (j, peer) in rule.array(at: peers).enumerated() {
                    let pp = rp.child(peers).index(j)
                    let kinds = ["podSelector", "namespaceSelector", "ipBlock"].filter { peer.has($0) }
                    if kinds.isEmpty { errs.append(FieldErrors.required(pp, "must specify a peer")) }
                    if peer.has("ipBlock"), kinds.count > 1 { errs.append(FieldErrors.forbidden(pp, "may not specify both ipBlock and another peer")) }
                    errs += SelectorValidation.validate(peer["podSelector"], pp.child("podSelector"))
                    errs += SelectorValidation.validate(peer["namespaceSelector"], pp.child("namespaceSelector"))
                    if let block = peer["ipBlock"] {
                        let cidr = block.string(at: "cidr") ?? ""
                        if cidr.isEmpty { errs.append(FieldErrors.required(pp.child("ipBlock", "cidr"))) }
                        else if !isCIDR(cidr) { errs.append(FieldErrors.invalid(pp.child("ipBlock", "cidr"), string: cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")) }
                    }
                }
            }
        }
        for (i, t) in s.array(at: "policyTypes").enumerated() {
            let v = t.stringValue ?? ""
            if !["Egress", "Ingress"].contains(v) { errs.append(FieldErrors.notSupported(spec.child("policyTypes").index(i), v, ["Egress", "Ingress"])) }
        }
        return errs
    }

    static func isCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits) else { return false }
        return ServiceKind.isIPv4(String(parts[0]))
    }
}
