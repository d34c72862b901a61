// rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding.

extension KindSpec {
    static let role = KindSpec(type: .builtIn("Role", group: RBAC.group), validate: validator(.pathSegment) { o, _ in RBAC.rules(o, namespaced: true) })
    static let clusterRole = KindSpec(type: .builtIn("ClusterRole", group: RBAC.group),
                                      validate: validator(.pathSegment, namespaced: false) { o, _ in RBAC.rules(o, namespaced: false) })
    static let roleBinding = KindSpec(type: .builtIn("RoleBinding", group: RBAC.group), defaults: RBAC.defaultBinding,
                                      validate: validator(.pathSegment) { RBAC.binding($0, $1, kinds: ["Role", "ClusterRole"]) })
    static let clusterRoleBinding = KindSpec(type: .builtIn("ClusterRoleBinding", group: RBAC.group), defaults: RBAC.defaultBinding,
                                             validate: validator(.pathSegment, namespaced: false) { RBAC.binding($0, $1, kinds: ["ClusterRole"]) })
}

enum RBAC {
    static let group = "rbac.authorization.k8s.io"

    static func rules(_ obj: Value, namespaced: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, rule) in obj.array(at: "rules").enumerated() {
            let p = FieldPath("rules").index(i)
            let strings = { (k: String) in rule.array(at: k).map { $0.stringValue ?? "" } }
            if strings("verbs").isEmpty { errs.append(FieldErrors.required(p.child("verbs"), "verbs must contain at least one value")) }
            let urls = strings("nonResourceURLs")
            if !urls.isEmpty {
                if namespaced {
                    errs.append(FieldErrors.invalid(p.child("nonResourceURLs"), GoValue.stringSlice(urls), "namespaced rules cannot apply to non-resource URLs"))
                }
                if !strings("apiGroups").isEmpty || !strings("resources").isEmpty || !strings("resourceNames").isEmpty {
                    errs.append(FieldErrors.invalid(p.child("nonResourceURLs"), GoValue.stringSlice(urls), "rules cannot apply to both regular resources and non-resource URLs"))
                }
                continue
            }
            if rule.array(at: "apiGroups").isEmpty {
                errs.append(FieldErrors.required(p.child("apiGroups"), "resource rules must supply at least one api group"))
            }
            if strings("resources").isEmpty {
                errs.append(FieldErrors.required(p.child("resources"), "resource rules must supply at least one resource"))
            }
        }
        return errs
    }

    /// Subjects' apiGroup: "" for ServiceAccounts, the RBAC group for users and groups.
    static func defaultBinding(_ obj: inout Value, _ ctx: DefaultingContext) {
        PodSpecDefaults.mapArray(&obj, "subjects") { s in
            guard s["apiGroup"] == nil else { return }
            switch s.string(at: "kind") ?? "" {
            case "ServiceAccount": s["apiGroup"] = ""
            case "User", "Group": s["apiGroup"] = .string(group)
            default: break
            }
        }
    }

    static func binding(_ obj: Value, _ old: Value?, kinds: [String]) -> [FieldError] {
        var errs: [FieldError] = []
        let ref = obj["roleRef"] ?? .emptyObject
        let rp = FieldPath("roleRef")
        if (ref.string(at: "apiGroup") ?? "") != group {
            errs.append(FieldErrors.notSupported(rp.child("apiGroup"), ref.string(at: "apiGroup") ?? "", [group]))
        }
        let kind = ref.string(at: "kind") ?? ""
        if !kinds.contains(kind) { errs.append(FieldErrors.notSupported(rp.child("kind"), kind, kinds)) }
        let name = ref.string(at: "name") ?? ""
        if name.isEmpty { errs.append(FieldErrors.required(rp.child("name"))) }
        else { errs += FieldErrors.each(NameRule.pathSegment.messages(name), rp.child("name"), name) }
        for (i, s) in obj.array(at: "subjects").enumerated() {
            let sp = FieldPath("subjects").index(i)
            let sname = s.string(at: "name") ?? ""
            if sname.isEmpty { errs.append(FieldErrors.required(sp.child("name"))) }
            let apiGroup = s.string(at: "apiGroup") ?? ""
            switch s.string(at: "kind") ?? "" {
            case "ServiceAccount":
                if !sname.isEmpty { errs += FieldErrors.each(NameRules.dns1123Subdomain(sname), sp.child("name"), sname) }
                if !apiGroup.isEmpty { errs.append(FieldErrors.notSupported(sp.child("apiGroup"), apiGroup, [""])) }
                if let ns = s.string(at: "namespace"), !ns.isEmpty { errs += FieldErrors.each(NameRules.dns1123Label(ns), sp.child("namespace"), ns) }
                else if obj.metadataNamespace == nil { errs.append(FieldErrors.required(sp.child("namespace"))) }
            case "User", "Group":
                if apiGroup != group { errs.append(FieldErrors.notSupported(sp.child("apiGroup"), apiGroup, [group])) }
            case let k:
                errs.append(FieldErrors.notSupported(sp.child("kind"), k, ["ServiceAccount", "User", "Group"]))
            }
        }
        if let old, let oldRef = old["roleRef"], oldRef != ref {
            let rendered = "rbac.RoleRef{APIGroup:\(GoValue.quote(ref.string(at: "apiGroup") ?? "")), Kind:\(GoValue.quote(kind)), Name:\(GoValue.quote(name))}"
            errs.append(FieldErrors.invalid(rp, rendered, "cannot change roleRef"))
        }
        return errs
    }
}
