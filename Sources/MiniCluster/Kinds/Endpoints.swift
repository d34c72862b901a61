// Endpoints and discovery.k8s.io/v1 EndpointSlice: port defaults and address/port checks.

extension KindSpec {
    static let endpoints = KindSpec(type: .builtIn("Endpoints"), defaults: EndpointKinds.defaultEndpoints,
                                    validate: validator(.subdomain, EndpointKinds.validateEndpoints))
    static let endpointSlice = KindSpec(type: .builtIn("EndpointSlice", group: "discovery.k8s.io"), hasGeneration: true,
                                        defaults: EndpointKinds.defaultSlice, validate: validator(.subdomain, EndpointKinds.validateSlice))
}

enum EndpointKinds {
    static func defaultEndpoints(_ obj: inout Value, _ ctx: DefaultingContext) {
        PodSpecDefaults.mapArray(&obj, "subsets") { subset in
            PodSpecDefaults.mapArray(&subset, "ports") { PodSpecDefaults.setIfMissing(&$0, "protocol", "TCP") }
        }
    }

    static func ports(_ ports: [Value], _ p: FieldPath, requireName: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, port) in ports.enumerated() {
            let pp = p.index(i)
            let name = port.string(at: "name") ?? ""
            if requireName, ports.count > 1, name.isEmpty { errs.append(FieldErrors.required(pp.child("name"))) }
            if !name.isEmpty { errs += FieldErrors.each(NameRules.dns1123Label(name), pp.child("name"), name) }
            let n = port.int(at: "port") ?? 0
            if !(1...65535).contains(n) {
                errs.append(FieldErrors.invalid(pp.child("port"), int: n, NameRules.inclusiveRangeError(1, 65535)))
            }
            let proto = port.string(at: "protocol") ?? ""
            if proto.isEmpty { errs.append(FieldErrors.required(pp.child("protocol"))) }
            else if !PodSpecValidation.protocols.contains(proto) { errs.append(FieldErrors.notSupported(pp.child("protocol"), proto, PodSpecValidation.protocols)) }
        }
        return errs
    }

    static func validateEndpoints(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, subset) in obj.array(at: "subsets").enumerated() {
            let sp = FieldPath("subsets").index(i)
            if subset.array(at: "addresses").isEmpty && subset.array(at: "notReadyAddresses").isEmpty {
                errs.append(FieldErrors.required(sp, "must specify `addresses` or `notReadyAddresses`"))
            }
            for key in ["addresses", "notReadyAddresses"] {
                for (j, a) in subset.array(at: key).enumerated() {
                    let ip = a.string(at: "ip") ?? ""
                    if !ServiceKind.isIPv4(ip) {
                        errs.append(FieldErrors.invalid(sp.child(key).index(j).child("ip"), string: ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
                    }
                }
            }
            errs += ports(subset.array(at: "ports"), sp.child("ports"), requireName: true)
        }
        return errs
    }

    static func defaultSlice(_ obj: inout Value, _ ctx: DefaultingContext) {
        PodSpecDefaults.mapArray(&obj, "ports") { PodSpecDefaults.setIfMissing(&$0, "protocol", "TCP") }
    }

    static func validateSlice(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        let type = obj.string(at: "addressType") ?? ""
        if type.isEmpty { errs.append(FieldErrors.required(FieldPath("addressType"))) }
        else if !["FQDN", "IPv4", "IPv6"].contains(type) { errs.append(FieldErrors.notSupported(FieldPath("addressType"), type, ["FQDN", "IPv4", "IPv6"])) }
        for (i, e) in obj.array(at: "endpoints").enumerated() {
            let ep = FieldPath("endpoints").index(i)
            let addrs = e.array(at: "addresses")
            if addrs.isEmpty { errs.append(FieldErrors.required(ep.child("addresses"), "must contain at least 1 address")) }
            for (j, a) in addrs.enumerated() where type == "IPv4" && !ServiceKind.isIPv4(a.stringValue ?? "") {
                errs.append(FieldErrors.invalid(ep.child("addresses").index(j), string: a.stringValue ?? "", "must be a valid IPv4 address"))
            }
        }
        errs += ports(obj.array(at: "ports"), FieldPath("ports"), requireName: false)
        if let old { errs += FieldErrors.immutable(obj["addressType"], old["addressType"], FieldPath("addressType")) }
        return errs
    }
}
