// ResourceQuota, LimitRange (core) and PodDisruptionBudget (policy/v1).

extension KindSpec {
    static let resourceQuota = KindSpec(type: .builtIn("ResourceQuota"), defaults: Policy.defaultQuota,
                                        validate: validator(.subdomain, Policy.validateQuota))
    static let limitRange = KindSpec(type: .builtIn("LimitRange"), defaults: Policy.defaultLimitRange,
                                     validate: validator(.subdomain, Policy.validateLimitRange))
    static let podDisruptionBudget = KindSpec(type: .builtIn("PodDisruptionBudget", group: "policy"), hasGeneration: true,
                                              defaults: Policy.defaultPDB, validate: validator(.subdomain, Policy.validatePDB))
}

enum Policy {
    static let quotaResources: Set<String> = [
        "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
        "services.nodeports", "services.loadbalancers", "cpu", "memory", "ephemeral-storage", "requests.cpu",
        "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
        "limits.ephemeral-storage",
    ]
    static let integerResources: Set<String> = [
        "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
        "services.nodeports", "services.loadbalancers",
    ]

    static func defaultQuota(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        PodSpecDefaults.canonicalizeResourceList(&spec, "hard")
        obj["spec"] = spec
    }

    static func isQuotaResource(_ name: String) -> Bool {
        quotaResources.contains(name) || name.hasPrefix("count/") || name.hasPrefix("requests.hugepages-")
            || name.hasPrefix("hugepages-") || name.contains(".storageclass.storage.k8s.io/") || name.contains("/")
    }

    static func validateQuota(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        let hard = obj[path: "spec", "hard"]?.objectValue ?? [:]
        for name in hard.keys.sorted() {
            let p = FieldPath("spec.hard").key(name)
            if !name.hasPrefix("count/") { errs += FieldErrors.each(NameRules.qualifiedName(name), p, name) }
            if !isQuotaResource(name) { errs.append(FieldErrors.invalid(p, string: name, "must be a standard resource for quota")) }
            guard let q = hard[name]?.quantityValue else { continue }
            if q.sign < 0 { errs.append(FieldErrors.invalid(p, string: q.description, FieldErrors.negative)) }
            if integerResources.contains(name) || name.hasPrefix("count/"), q.milliValue % 1000 != 0 {
                errs.append(FieldErrors.invalid(p, string: q.description, "must be an integer"))
            }
        }
        for (i, s) in (obj[path: "spec", "scopes"]?.arrayValue ?? []).enumerated() {
            let v = s.stringValue ?? ""
            let scopes = ["BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating"]
            if !scopes.contains(v) { errs.append(FieldErrors.notSupported(FieldPath("spec.scopes").index(i), v, scopes)) }
        }
        return errs
    }

    static let limitKeys = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]

    static func defaultLimitRange(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        PodSpecDefaults.mapArray(&spec, "limits") { item in
            for k in limitKeys { PodSpecDefaults.canonicalizeResourceList(&item, k) }
            // Containers: a missing default takes max; a missing defaultRequest takes default (core/v1 defaults).
            guard item.string(at: "type") == "Container" else { return }
            var def = item["default"]?.objectValue ?? [:]
            for (k, v) in item["max"]?.objectValue ?? [:] where def[k] == nil { def[k] = v }
            if !def.isEmpty { item["default"] = .object(def) }
            var req = item["defaultRequest"]?.objectValue ?? [:]
            for (k, v) in def where req[k] == nil { req[k] = v }
            for (k, v) in item["min"]?.objectValue ?? [:] where req[k] == nil { req[k] = v }
            if !req.isEmpty { item["defaultRequest"] = .object(req) }
        }
        obj["spec"] = spec
    }

    static func validateLimitRange(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, item) in (obj[path: "spec", "limits"]?.arrayValue ?? []).enumerated() {
            let p = FieldPath("spec.limits").index(i)
            errs += PodSpecValidation.enumValue(item.string(at: "type"), p.child("type"), ["Container", "Pod", "PersistentVolumeClaim"])
            var q: [String: [String: Quantity]] = [:]
            for k in limitKeys {
                for (name, v) in item[k]?.objectValue ?? [:] {
                    guard let quantity = v.quantityValue else { continue }
                    q[k, default: [:]][name] = quantity
                    if quantity.sign < 0 { errs.append(FieldErrors.invalid(p.child(k).key(name), string: quantity.description, FieldErrors.negative)) }
                }
            }
            let names = Set(q.values.flatMap(\.keys)).sorted()
            func check(_ a: String, _ b: String, _ path: String, _ msg: (Quantity, Quantity) -> String, _ value: String) {
                for n in names {
                    guard let x = q[a]?[n], let y = q[b]?[n], y < x else { continue }
                    let shown = value == a ? x : y
                    errs.append(FieldErrors.invalid(p.child(path).key(n), string: shown.description, msg(x, y)))
                }
            }
            check("min", "max", "min", { "min value \($0) is greater than max value \($1)" }, "min")
            check("min", "defaultRequest", "defaultRequest", { "min value \($0) is greater than default request value \($1)" }, "defaultRequest")
            check("defaultRequest", "max", "defaultRequest", { "default request value \($0) is greater than max value \($1)" }, "defaultRequest")
            check("defaultRequest", "default", "defaultRequest", { "default request value \($0) is greater than default limit value \($1)" }, "defaultRequest")
            check("min", "default", "default", { "min value \($0) is greater than default value \($1)" }, "default")
            check("default", "max", "default", { "default value \($0) is greater than max value \($1)" }, "default")
        }
        return errs
    }

    static func defaultPDB(_ obj: inout Value, _ ctx: DefaultingContext) {
        PodSpecDefaults.setIfMissing(&obj, "status", ["currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0, "expectedPods": 0])
    }

    static func validatePDB(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        let spec = FieldPath("spec")
        var errs: [FieldError] = []
        if s.has("minAvailable") && s.has("maxUnavailable") {
            errs.append(FieldErrors.invalid(spec, "policy.PodDisruptionBudgetSpec{...}", "minAvailable and maxUnavailable cannot be both set"))
        }
        for f in ["minAvailable", "maxUnavailable"] where s.has(f) {
            errs += IntOrPercent.validatePositive(s[f], spec.child(f))
            errs += IntOrPercent.notMoreThan100(s[f], spec.child(f))
        }
        errs += SelectorValidation.validate(s["selector"], spec.child("selector"))
        if let p = s.string(at: "unhealthyPodEvictionPolicy"), !["AlwaysAllow", "IfHealthyBudget"].contains(p) {
            errs.append(FieldErrors.notSupported(spec.child("unhealthyPodEvictionPolicy"), p, ["AlwaysAllow", "IfHealthyBudget"]))
        }
        return errs
    }
}
