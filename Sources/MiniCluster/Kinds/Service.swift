// Service: scheme defaults, the registry's allocations (cluster IP from GKE's range, node ports), and validation.

extension KindSpec {
    static let service = KindSpec(type: .builtIn("Service"), defaults: ServiceKind.defaults,
                                  validate: validator(.dns1035, ServiceKind.validate))
}

enum ServiceKind {
    typealias D = PodSpecDefaults
    /// GKE's default service range; `kubernetes` gets .1 and `kube-dns` .10, as on a real GKE cluster.
    static let serviceCIDRBase: UInt32 = (34 << 24) | (118 << 16) | (224 << 8)
    static let serviceCIDRSize: UInt32 = 1 << 12
    static let nodePortRange = 30000...32767

    static func defaults(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "type", "ClusterIP")
        if let old = ctx.old?["spec"] {
            dropTypeDependentFields(&spec, old: old)
            patchAllocatedValues(&spec, old: old)
        }
        let type = spec.string(at: "type") ?? "ClusterIP"
        D.setIfMissing(&spec, "sessionAffinity", "None")
        if spec.string(at: "sessionAffinity") == "ClientIP", spec[path: "sessionAffinityConfig", "clientIP", "timeoutSeconds"] == nil {
            spec[path: "sessionAffinityConfig", "clientIP", "timeoutSeconds"] = 10800
        }
        D.mapArray(&spec, "ports") { p in
            D.setIfMissing(&p, "protocol", "TCP")
            let tp = p["targetPort"]
            if tp == nil || tp == .int(0) || tp == .string("") { p["targetPort"] = p["port"] ?? .int(0) }
        }
        if type == "NodePort" || type == "LoadBalancer" { D.setIfMissing(&spec, "externalTrafficPolicy", "Cluster") }
        if type != "ExternalName" { D.setIfMissing(&spec, "internalTrafficPolicy", "Cluster") }
        if type == "LoadBalancer" { D.setIfMissing(&spec, "allocateLoadBalancerNodePorts", true) }
        if ctx.isCreate || ctx.old != nil { allocate(&spec, obj, ctx) }
        obj["spec"] = spec
        if type == "LoadBalancer" || obj["status"] == nil { D.setIfMissing(&obj, "status", ["loadBalancer": .emptyObject]) }
    }

    /// What the service registry fills in on create: IP families, a cluster IP and node ports.
    static func allocate(_ spec: inout Value, _ obj: Value, _ ctx: DefaultingContext) {
        let type = spec.string(at: "type") ?? "ClusterIP"
        guard type != "ExternalName" else { return }
        if let ip = spec.string(at: "clusterIP"), !ip.isEmpty, spec["clusterIPs"] == nil { spec["clusterIPs"] = [.string(ip)] }
        let headless = spec.string(at: "clusterIP") == "None"
        let selectorless = spec["selector"]?.objectValue?.isEmpty ?? true
        D.setIfMissing(&spec, "ipFamilyPolicy", headless && selectorless ? "RequireDualStack" : "SingleStack")
        D.setIfMissing(&spec, "ipFamilies", ["IPv4"])
        let others = ctx.existing?("Service") ?? []
        if (spec.string(at: "clusterIP") ?? "").isEmpty, let random = ctx.random {
            let used = Set(others.compactMap { $0[path: "spec", "clusterIP"]?.stringValue })
            if let ip = pickClusterIP(name: obj.metadataName, namespace: obj.metadataNamespace ?? "", used: used, random: random) {
                spec["clusterIP"] = .string(ip)
                spec["clusterIPs"] = [.string(ip)]
            }
        }
        let wantsNodePorts = type == "NodePort" || (type == "LoadBalancer" && spec["allocateLoadBalancerNodePorts"]?.boolValue != false)
        if wantsNodePorts, let random = ctx.random {
            var used = Set(others.flatMap { $0[path: "spec", "ports"]?.arrayValue ?? [] }.compactMap { $0.int(at: "nodePort") })
            used.formUnion(spec.array(at: "ports").compactMap { $0.int(at: "nodePort") })
            D.mapArray(&spec, "ports") { p in
                guard (p.int(at: "nodePort") ?? 0) == 0 else { return }
                for _ in 0..<64 {
                    let port = nodePortRange.lowerBound + Int(random() % UInt64(nodePortRange.count))
                    if !used.contains(port) { used.insert(port); p["nodePort"] = .int(port); return }
                }
            }
        }
    }

    /// The registry's `dropTypeDependentFields` on update: when the type no longer needs a field the server may
    /// have filled in, and the user left it as it was, it goes (so ClusterIP → NodePort → ClusterIP round-trips).
    static func dropTypeDependentFields(_ spec: inout Value, old: Value) {
        func type(_ s: Value) -> String { s.string(at: "type") ?? "ClusterIP" }
        let (was, now) = (type(old), type(spec))
        if was != "ExternalName", now == "ExternalName" {
            for f in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] where spec[f] == old[f] { spec[f] = nil }
        }
        let needsNodePorts = { (t: String) in t == "NodePort" || t == "LoadBalancer" }
        if needsNodePorts(was), !needsNodePorts(now),
           spec.array(at: "ports").map({ $0["nodePort"] }) == old.array(at: "ports").map({ $0["nodePort"] }) {
            D.mapArray(&spec, "ports") { $0["nodePort"] = nil }
        }
        if was == "LoadBalancer", now != "LoadBalancer", spec["allocateLoadBalancerNodePorts"] == old["allocateLoadBalancerNodePorts"] {
            spec["allocateLoadBalancerNodePorts"] = nil
        }
        let external = { (s: Value) in needsNodePorts(type(s)) || (type(s) == "ClusterIP" && !s.array(at: "externalIPs").isEmpty) }
        if external(old), !external(spec), spec["externalTrafficPolicy"] == old["externalTrafficPolicy"] {
            spec["externalTrafficPolicy"] = nil
        }
    }

    /// The registry's `patchAllocatedValues`: an update that leaves out what the server allocated (a replaced
    /// manifest without `clusterIP` or `nodePort`) keeps the old values instead of getting new ones.
    static func patchAllocatedValues(_ spec: inout Value, old: Value) {
        func type(_ s: Value) -> String { s.string(at: "type") ?? "ClusterIP" }
        if type(old) != "ExternalName", type(spec) != "ExternalName" {
            if (spec.string(at: "clusterIP") ?? "").isEmpty, let ip = old["clusterIP"] { spec["clusterIP"] = ip }
            if spec.array(at: "clusterIPs").isEmpty, let ips = old["clusterIPs"] { spec["clusterIPs"] = ips }
        }
        let needsNodePorts = { (t: String) in t == "NodePort" || t == "LoadBalancer" }
        guard needsNodePorts(type(old)), needsNodePorts(type(spec)) else { return }
        let used = Set(spec.array(at: "ports").compactMap { $0.int(at: "nodePort") }.filter { $0 != 0 })
        var byName: [String: Value] = [:]
        for p in old.array(at: "ports") { byName[p.string(at: "name") ?? ""] = p["nodePort"] }
        D.mapArray(&spec, "ports") { p in
            guard (p.int(at: "nodePort") ?? 0) == 0, let np = byName[p.string(at: "name") ?? ""], let n = np.intValue,
                  !used.contains(n) else { return }
            p["nodePort"] = np
        }
    }

    static func pickClusterIP(name: String, namespace: String, used: Set<String>, random: () -> UInt64) -> String? {
        func ip(_ offset: UInt32) -> String {
            let v = serviceCIDRBase + offset
            return "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)"
        }
        if name == "kubernetes", namespace == "default", !used.contains(ip(1)) { return ip(1) }
        if name == "kube-dns", namespace == "kube-system", !used.contains(ip(10)) { return ip(10) }
        for _ in 0..<256 {
            let offset = 16 + UInt32(random() % UInt64(serviceCIDRSize - 18))
            if !used.contains(ip(offset)) { return ip(offset) }
        }
        return nil
    }

    // MARK: validation

    static let spec = FieldPath("spec")
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]

    static func validate(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        var errs: [FieldError] = []
        let type = s.string(at: "type") ?? ""
        let headless = s.string(at: "clusterIP") == "None"
        let ports = s.array(at: "ports")
        if ports.isEmpty, !headless, type != "ExternalName" { errs.append(FieldErrors.required(spec.child("ports"))) }
        if type == "ExternalName" {
            if let ip = s.string(at: "clusterIP"), !ip.isEmpty {
                errs.append(FieldErrors.forbidden(spec.child("clusterIPs"), "may not be set for ExternalName services"))
            }
            let name = s.string(at: "externalName") ?? ""
            if name.isEmpty { errs.append(FieldErrors.required(spec.child("externalName"))) }
            else {
                let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
                errs += FieldErrors.each(NameRules.dns1123Subdomain(trimmed), spec.child("externalName"), name)
            }
        }
        var names = Set<String>()
        var seen = Set<String>()
        for (i, port) in ports.enumerated() {
            let pp = spec.child("ports").index(i)
            let name = port.string(at: "name") ?? ""
            if ports.count > 1, name.isEmpty { errs.append(FieldErrors.required(pp.child("name"))) }
            else if !name.isEmpty {
                errs += FieldErrors.each(NameRules.dns1123Label(name), pp.child("name"), name)
                if names.contains(name) { errs.append(FieldErrors.duplicate(pp.child("name"), GoValue.quote(name))) }
                names.insert(name)
            }
            let num = port.int(at: "port") ?? 0
            if !(1...65535).contains(num) { errs.append(FieldErrors.invalid(pp.child("port"), int: num, NameRules.inclusiveRangeError(1, 65535))) }
            let proto = port.string(at: "protocol") ?? ""
            if proto.isEmpty { errs.append(FieldErrors.required(pp.child("protocol"))) }
            else if !PodSpecValidation.protocols.contains(proto) { errs.append(FieldErrors.notSupported(pp.child("protocol"), proto, PodSpecValidation.protocols)) }
            errs += PodSpecValidation.portNumOrName(port["targetPort"], pp.child("targetPort"))
            let nodePort = port.int(at: "nodePort") ?? 0
            if nodePort != 0 {
                if type != "NodePort" && type != "LoadBalancer" {
                    errs.append(FieldErrors.forbidden(pp.child("nodePort"), "may not be used when `type` is '\(type)'"))
                } else if !nodePortRange.contains(nodePort) {
                    errs.append(FieldErrors.invalid(pp.child("nodePort"), int: nodePort,
                                                    "provided port is not in the valid range. The range of valid ports is 30000-32767"))
                }
            }
            let key = "\(num)/\(proto)"
            if seen.contains(key) { errs.append(FieldErrors.duplicate(pp, servicePortGo(port))) }
            seen.insert(key)
        }
        if !types.contains(type) { errs.append(type.isEmpty ? FieldErrors.required(spec.child("type")) : FieldErrors.notSupported(spec.child("type"), type, types)) }
        errs += PodSpecValidation.enumValue(s.string(at: "sessionAffinity"), spec.child("sessionAffinity"), ["ClientIP", "None"])
        errs += ObjectMetaValidation.labels(s["selector"], spec.child("selector"))
        if let ip = s.string(at: "clusterIP"), !ip.isEmpty, ip != "None", !isIPv4(ip) {
            errs.append(FieldErrors.invalid(spec.child("clusterIPs").index(0), string: ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
        }
        if type == "ClusterIP" || type == "ExternalName" {
            if s.has("externalTrafficPolicy") {
                errs.append(FieldErrors.invalid(spec.child("externalTrafficPolicy"), string: s.string(at: "externalTrafficPolicy") ?? "",
                                                "may only be set when `type` is 'NodePort' or 'LoadBalancer'"))
            }
        } else if let etp = s.string(at: "externalTrafficPolicy"), !["Cluster", "Local"].contains(etp) {
            errs.append(FieldErrors.notSupported(spec.child("externalTrafficPolicy"), etp, ["Cluster", "Local"]))
        }
        if let old, type != "ExternalName", old[path: "spec", "type"]?.stringValue != "ExternalName",
           let oldIP = old[path: "spec", "clusterIP"]?.stringValue, !oldIP.isEmpty,
           let newIP = s.string(at: "clusterIP"), !newIP.isEmpty, newIP != oldIP {
            errs.append(FieldErrors.invalid(spec.child("clusterIPs").index(0), GoValue.stringSlice([newIP]), "may not change once set"))
        }
        return errs
    }

    /// `%#v` of the (protocol, port) key the duplicate-port check builds: every other field is zero.
    static func servicePortGo(_ p: Value) -> String {
        "core.ServicePort{Name:\"\", Protocol:\(GoValue.quote(p.string(at: "protocol") ?? "")), AppProtocol:(*string)(nil), Port:\(p.int(at: "port") ?? 0), TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"
    }

    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in
            guard let n = Int(p), !p.isEmpty, p.count <= 3, p.allSatisfy(\.isNumber) else { return false }
            return n <= 255 && !(p.count > 1 && p.first == "0")
        }
    }
}
