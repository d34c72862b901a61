// apps/v1 workloads: ReplicaSet, Deployment, StatefulSet, DaemonSet (apps/v1 defaults.go, apps validation.go).

extension KindSpec {
    static let replicaSet = KindSpec(type: .builtIn("ReplicaSet", group: "apps"), hasGeneration: true,
                                     defaults: Workloads.defaultReplicaSet,
                                     validate: validator(.subdomain) { Workloads.validateReplicated($0, $1, what: "deployment") })
    static let deployment = KindSpec(type: .builtIn("Deployment", group: "apps"), hasGeneration: true,
                                     defaults: Workloads.defaultDeployment, validate: validator(.subdomain, Workloads.validateDeployment))
    static let statefulSet = KindSpec(type: .builtIn("StatefulSet", group: "apps"), hasGeneration: true,
                                      defaults: Workloads.defaultStatefulSet, validate: validator(.subdomain, Workloads.validateStatefulSet))
    static let daemonSet = KindSpec(type: .builtIn("DaemonSet", group: "apps"), hasGeneration: true,
                                    defaults: Workloads.defaultDaemonSet, validate: validator(.subdomain, Workloads.validateDaemonSet))
}

enum Workloads {
    typealias D = PodSpecDefaults

    static func defaultReplicaSet(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "replicas", 1)
        obj["spec"] = spec
        D.template(&obj)
        D.setIfMissing(&obj, "status", ["replicas": 0])
    }

    static func defaultDeployment(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "replicas", 1)
        var strategy = spec["strategy"]?.objectValue.map(Value.object) ?? .emptyObject
        D.setIfMissing(&strategy, "type", "RollingUpdate")
        if strategy.string(at: "type") == "RollingUpdate" {
            var ru = strategy["rollingUpdate"]?.objectValue.map(Value.object) ?? .emptyObject
            D.setIfMissing(&ru, "maxUnavailable", "25%")
            D.setIfMissing(&ru, "maxSurge", "25%")
            strategy["rollingUpdate"] = ru
        }
        spec["strategy"] = strategy
        D.setIfMissing(&spec, "revisionHistoryLimit", 10)
        D.setIfMissing(&spec, "progressDeadlineSeconds", 600)
        obj["spec"] = spec
        D.template(&obj)
        D.setIfMissing(&obj, "status", .emptyObject)
    }

    static func defaultStatefulSet(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "podManagementPolicy", "OrderedReady")
        var us = spec["updateStrategy"]?.objectValue.map(Value.object) ?? .emptyObject
        D.setIfMissing(&us, "type", "RollingUpdate")
        if us.string(at: "type") == "RollingUpdate" {
            var ru = us["rollingUpdate"]?.objectValue.map(Value.object) ?? .emptyObject
            D.setIfMissing(&ru, "partition", 0)
            us["rollingUpdate"] = ru
        }
        spec["updateStrategy"] = us
        D.setIfMissing(&spec, "replicas", 1)
        D.setIfMissing(&spec, "revisionHistoryLimit", 10)
        var retention = spec["persistentVolumeClaimRetentionPolicy"]?.objectValue.map(Value.object) ?? .emptyObject
        D.setIfMissing(&retention, "whenDeleted", "Retain")
        D.setIfMissing(&retention, "whenScaled", "Retain")
        spec["persistentVolumeClaimRetentionPolicy"] = retention
        D.mapArray(&spec, "volumeClaimTemplates") { pvc in
            D.setIfMissing(&pvc, "apiVersion", "v1")
            D.setIfMissing(&pvc, "kind", "PersistentVolumeClaim")
            if pvc["spec"]?.isObject == true { D.setIfMissing(&pvc["spec"]!, "volumeMode", "Filesystem") }
            D.setIfMissing(&pvc, "status", ["phase": "Pending"])
            if pvc["metadata"]?.isObject == true, pvc[path: "metadata", "creationTimestamp"] == nil {
                pvc[path: "metadata", "creationTimestamp"] = .null
            }
        }
        obj["spec"] = spec
        D.template(&obj)
        D.setIfMissing(&obj, "status", ["availableReplicas": 0, "replicas": 0])
    }

    static func defaultDaemonSet(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        var us = spec["updateStrategy"]?.objectValue.map(Value.object) ?? .emptyObject
        D.setIfMissing(&us, "type", "RollingUpdate")
        if us.string(at: "type") == "RollingUpdate" {
            var ru = us["rollingUpdate"]?.objectValue.map(Value.object) ?? .emptyObject
            D.setIfMissing(&ru, "maxUnavailable", 1)
            D.setIfMissing(&ru, "maxSurge", 0)
            us["rollingUpdate"] = ru
        }
        spec["updateStrategy"] = us
        D.setIfMissing(&spec, "revisionHistoryLimit", 10)
        obj["spec"] = spec
        D.template(&obj)
        D.setIfMissing(&obj, "status", ["currentNumberScheduled": 0, "desiredNumberScheduled": 0, "numberMisscheduled": 0, "numberReady": 0])
        templateGeneration(&obj, ctx)
    }

    static let templateGenerationKey = "deprecated.daemonset.template.generation"

    /// The template generation the daemonset strategy keeps (apps/v1 shows it as an annotation): 1 on create, one
    /// more each time an update changes the template. The controller labels its pods with it.
    static func templateGeneration(_ obj: inout Value, _ ctx: DefaultingContext) {
        let generation: Int
        if ctx.isCreate || ctx.old == nil {
            generation = 1
        } else {
            let old = ctx.old ?? .emptyObject
            let before = Int(old.annotations[templateGenerationKey] ?? "") ?? 1
            generation = obj[path: "spec", "template"] == old[path: "spec", "template"] ? before : before + 1
        }
        obj[path: "metadata", "annotations", templateGenerationKey] = .string(String(generation))
    }

    // MARK: validation

    static let spec = FieldPath("spec")

    /// Selector required and non-empty, template labels matching it (shared by RS, Deployment, STS, DS).
    static func selectorAndTemplate(_ s: Value, what: String, requireAlways: Bool = true, podSpec: Bool = true) -> [FieldError] {
        var errs: [FieldError] = []
        let sel = s["selector"].flatMap { $0.isNull ? nil : $0 }
        if let sel {
            errs += SelectorValidation.validate(sel, spec.child("selector"))
            if SelectorValidation.isEmpty(sel) {
                errs.append(FieldErrors.invalid(spec.child("selector"), GoValue.labelSelector(sel), "empty selector is invalid for \(what)"))
            }
        } else {
            errs.append(FieldErrors.required(spec.child("selector")))
        }
        let tp = spec.child("template")
        if let t = s["template"], t.isObject {
            let labels = t[path: "metadata", "labels"]?.stringMap
            if sel == nil || !SelectorValidation.isEmpty(sel), !SelectorValidation.matches(sel, labels ?? [:]) {
                errs.append(FieldErrors.invalid(tp.child("metadata", "labels"), GoValue.stringMap(labels),
                                                "`selector` does not match template `labels`"))
            }
            if podSpec { errs += PodSpecValidation.template(t, tp) }
            else {
                // StatefulSets skip PodSpec validation upstream (claim templates add volumes); pods fail later instead.
                errs += ObjectMetaValidation.labels(t[path: "metadata", "labels"], tp.child("metadata", "labels"))
                errs += ObjectMetaValidation.annotations(t[path: "metadata", "annotations"], tp.child("metadata", "annotations"))
            }
            if requireAlways, let rp = t[path: "spec", "restartPolicy"]?.stringValue, rp != "Always" {
                errs.append(FieldErrors.notSupported(tp.child("spec", "restartPolicy"), rp, ["Always"]))
            }
            if requireAlways, let ad = t[path: "spec", "activeDeadlineSeconds"]?.intValue {
                errs.append(FieldErrors.invalid(tp.child("spec", "activeDeadlineSeconds"), String(ad), "activeDeadlineSeconds in \(what == "deployment" ? "ReplicaSet" : what) is not Supported"))
            }
        } else {
            errs.append(FieldErrors.required(tp))
        }
        return errs
    }

    static func immutableSelector(_ new: Value, _ old: Value?) -> [FieldError] {
        guard let old else { return [] }
        return FieldErrors.immutable(new[path: "spec", "selector"], old[path: "spec", "selector"], spec.child("selector"),
                                     render: GoValue.labelSelector)
    }

    static func validateReplicated(_ obj: Value, _ old: Value?, what: String) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        var errs = FieldErrors.nonNegative(s.int(at: "replicas"), spec.child("replicas"))
        errs += FieldErrors.nonNegative(s.int(at: "minReadySeconds"), spec.child("minReadySeconds"))
        errs += selectorAndTemplate(s, what: what)
        return errs + immutableSelector(obj, old)
    }

    static func validateDeployment(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        var errs = FieldErrors.nonNegative(s.int(at: "replicas"), spec.child("replicas"))
        errs += selectorAndTemplate(s, what: "deployment")
        errs += strategy(s["strategy"] ?? .emptyObject, spec.child("strategy"))
        let minReady = s.int(at: "minReadySeconds") ?? 0
        errs += FieldErrors.nonNegative(minReady, spec.child("minReadySeconds"))
        errs += FieldErrors.nonNegative(s.int(at: "revisionHistoryLimit"), spec.child("revisionHistoryLimit"))
        if let pd = s.int(at: "progressDeadlineSeconds") {
            errs += FieldErrors.nonNegative(pd, spec.child("progressDeadlineSeconds"))
            if pd <= minReady { errs.append(FieldErrors.invalid(spec.child("progressDeadlineSeconds"), int: pd, "must be greater than minReadySeconds")) }
        }
        return errs + immutableSelector(obj, old)
    }

    static func strategy(_ st: Value, _ p: FieldPath) -> [FieldError] {
        switch st.string(at: "type") ?? "" {
        case "Recreate":
            return st.has("rollingUpdate") ? [FieldErrors.forbidden(p.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")] : []
        case "RollingUpdate":
            guard let ru = st["rollingUpdate"], ru.isObject else {
                return [FieldErrors.required(p.child("rollingUpdate"), "this should be defaulted and never be nil")]
            }
            let rp = p.child("rollingUpdate")
            var errs = IntOrPercent.validatePositive(ru["maxUnavailable"], rp.child("maxUnavailable"))
            errs += IntOrPercent.validatePositive(ru["maxSurge"], rp.child("maxSurge"))
            if IntOrPercent.rawValue(ru["maxUnavailable"]) == 0 && IntOrPercent.rawValue(ru["maxSurge"]) == 0 {
                errs.append(FieldErrors.invalid(rp.child("maxUnavailable"), IntOrPercent.render(ru["maxUnavailable"]), "may not be 0 when `maxSurge` is 0"))
            }
            errs += IntOrPercent.notMoreThan100(ru["maxUnavailable"], rp.child("maxUnavailable"))
            return errs
        case let t:
            let rendered = "apps.DeploymentStrategy{Type:\(GoValue.quote(t)), RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}"
            return [FieldError(.notSupported, p.description, rendered, "supported values: \"Recreate\", \"RollingUpdate\"")]
        }
    }

    static func validateStatefulSet(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        var errs: [FieldError] = []
        errs += PodSpecValidation.enumValue(s.string(at: "podManagementPolicy"), spec.child("podManagementPolicy"), ["OrderedReady", "Parallel"])
        let us = s["updateStrategy"] ?? .emptyObject
        switch us.string(at: "type") ?? "" {
        case "OnDelete":
            if us.has("rollingUpdate") {
                errs.append(FieldErrors.invalid(spec.child("updateStrategy", "rollingUpdate"), "apps.RollingUpdateStatefulSetStrategy{...}",
                                                "only allowed for updateStrategy 'RollingUpdate'"))
            }
        case "RollingUpdate":
            errs += FieldErrors.nonNegative(us[path: "rollingUpdate", "partition"]?.intValue, spec.child("updateStrategy", "rollingUpdate", "partition"))
        case "":
            errs.append(FieldErrors.required(spec.child("updateStrategy")))
        case let t:
            errs.append(FieldErrors.invalid(spec.child("updateStrategy"), GoValue.quote(t), "must be 'RollingUpdate' or 'OnDelete'"))
        }
        errs += FieldErrors.nonNegative(s.int(at: "replicas"), spec.child("replicas"))
        errs += FieldErrors.nonNegative(s.int(at: "minReadySeconds"), spec.child("minReadySeconds"))
        errs += selectorAndTemplate(s, what: "statefulset", podSpec: false)
        for (i, pvc) in s.array(at: "volumeClaimTemplates").enumerated() {
            let name = pvc[path: "metadata", "name"]?.stringValue ?? ""
            let pp = spec.child("volumeClaimTemplates").index(i)
            if name.isEmpty { errs.append(FieldErrors.required(pp.child("metadata", "name"), "name or generateName is required")) }
            else { errs += FieldErrors.each(NameRules.dns1123Subdomain(name), pp.child("metadata", "name"), name) }
        }
        if let old {
            // Only replicas, ordinals, template, updateStrategy, retention policy and minReadySeconds may change.
            func frozen(_ v: Value?) -> Value {
                var v = v ?? .emptyObject
                for f in ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"] { v[f] = nil }
                return v
            }
            if frozen(obj["spec"]) != frozen(old["spec"]) {
                errs.append(FieldErrors.forbidden(spec, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"))
            }
        }
        return errs
    }

    static func validateDaemonSet(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        var errs = selectorAndTemplate(s, what: "daemonset")
        errs += FieldErrors.nonNegative(s.int(at: "minReadySeconds"), spec.child("minReadySeconds"))
        errs += FieldErrors.nonNegative(s.int(at: "revisionHistoryLimit"), spec.child("revisionHistoryLimit"))
        let us = s["updateStrategy"] ?? .emptyObject
        let t = us.string(at: "type") ?? ""
        if !["OnDelete", "RollingUpdate"].contains(t) {
            errs.append(FieldErrors.notSupported(spec.child("updateStrategy", "type"), t, ["OnDelete", "RollingUpdate"]))
        }
        if t == "RollingUpdate", let ru = us["rollingUpdate"] {
            let rp = spec.child("updateStrategy", "rollingUpdate")
            errs += IntOrPercent.validatePositive(ru["maxUnavailable"], rp.child("maxUnavailable"))
            errs += IntOrPercent.validatePositive(ru["maxSurge"], rp.child("maxSurge"))
            if IntOrPercent.rawValue(ru["maxUnavailable"]) == 0 && IntOrPercent.rawValue(ru["maxSurge"]) == 0 {
                errs.append(FieldErrors.invalid(rp.child("maxUnavailable"), IntOrPercent.render(ru["maxUnavailable"]), "may not be 0 when `maxSurge` is 0"))
            }
        }
        return errs + immutableSelector(obj, old)
    }
}

/// intstr.IntOrString fields such as maxSurge/maxUnavailable (`3` or `"25%"`).
enum IntOrPercent {
    /// `%#v` of an intstr.IntOrString: `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`.
    static func render(_ v: Value?) -> String {
        switch v {
        case .string(let s)?: return "intstr.IntOrString{Type:1, IntVal:0, StrVal:\(GoValue.quote(s))}"
        default: return "intstr.IntOrString{Type:0, IntVal:\(v?.intValue ?? 0), StrVal:\"\"}"
        }
    }

    /// The number before `%`, or the integer; nil for a malformed percent.
    static func rawValue(_ v: Value?) -> Int? {
        switch v {
        case .string(let s)?: return s.hasSuffix("%") ? Int(s.dropLast()) : nil
        case let x?: return x.intValue
        case nil: return 0
        }
    }

    static func validatePositive(_ v: Value?, _ p: FieldPath) -> [FieldError] {
        switch v {
        case .string(let s)?:
            let digits = s.dropLast()
            if !s.hasSuffix("%") || digits.isEmpty || !digits.allSatisfy(\.isNumber) {
                return [FieldErrors.invalid(p, render(v), NameRules.regexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", ["1%", "93%"]))]
            }
            return []
        case let x?: return (x.intValue ?? 0) < 0 ? [FieldErrors.invalid(p, int: x.intValue ?? 0, FieldErrors.negative)] : []
        case nil: return []
        }
    }

    static func notMoreThan100(_ v: Value?, _ p: FieldPath) -> [FieldError] {
        guard case .string(let s)? = v, let n = rawValue(v), n > 100 else { return [] }
        return [FieldErrors.invalid(p, render(.string(s)), "must not be greater than 100%")]
    }
}
