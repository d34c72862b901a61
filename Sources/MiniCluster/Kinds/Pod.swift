// Pod: scheme defaults, the admission defaults a real cluster adds on create, status on create, and validation.

extension KindSpec {
    static let pod = KindSpec(type: .builtIn("Pod"), defaults: PodKind.defaults, validate: validator(.subdomain, PodKind.validate))
}

enum PodKind {
    static let serviceAccountMountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

    static func defaults(_ obj: inout Value, _ ctx: DefaultingContext) {
        let input = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        if ctx.isCreate, let random = ctx.random {
            // Replicas of one template: see PodCreateMemo.
            let (spec, qos) = PodCreateMemo.shared.defaulted(input, random: random)
            obj["spec"] = spec
            if obj[path: "status", "phase"] == nil { obj["status"] = createdStatus(qos) }
            return
        }
        slowDefaults(&obj, ctx)
    }

    /// Defaulting without the memo: what `defaults` must give.
    static func slowDefaults(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        PodSpecDefaults.apply(&spec, isPod: true)
        if ctx.isCreate { admission(&spec, random: ctx.random) }
        obj["spec"] = spec
        if obj[path: "status", "phase"] == nil {
            obj["status"] = ["phase": "Pending", "qosClass": .string(qosClass(spec))]
        }
    }

    /// The status a pod is created with: one of three values, made once and shared (it is on every pod).
    static func createdStatus(_ qos: String) -> Value {
        switch qos {
        case "BestEffort": return statusBestEffort
        case "Burstable": return statusBurstable
        case "Guaranteed": return statusGuaranteed
        default: return ["phase": "Pending", "qosClass": .string(qos)]
        }
    }
    static let statusBestEffort: Value = ["phase": "Pending", "qosClass": "BestEffort"]
    static let statusBurstable: Value = ["phase": "Pending", "qosClass": "Burstable"]
    static let statusGuaranteed: Value = ["phase": "Pending", "qosClass": "Guaranteed"]

    static let tokenPrefix = "kube-api-access-"

    /// The token volume's name from one draw of the server's generator.
    static func tokenName(_ draw: UInt64) -> String {
        var rng = SeededRandom(seed: draw)
        return rng.name(prefix: tokenPrefix)
    }

    /// What the ServiceAccount, DefaultTolerationSeconds and Priority admission plugins add on create; `random`
    /// names the token volume (none is added without it).
    static func admission(_ spec: inout Value, random: (() -> UInt64)?) {
        let sa = spec.string(at: "serviceAccountName").flatMap { $0.isEmpty ? nil : $0 } ?? spec.string(at: "serviceAccount") ?? "default"
        spec["serviceAccountName"] = .string(sa.isEmpty ? "default" : sa)
        spec["serviceAccount"] = spec["serviceAccountName"]
        if spec["automountServiceAccountToken"]?.boolValue != false, let random,
           !spec.array(at: "volumes").contains(where: { ($0.string(at: "name") ?? "").hasPrefix(tokenPrefix) }) {
            let name = tokenName(random())
            spec["volumes"] = .array(spec.array(at: "volumes") + [tokenVolume(name)])
            for key in ["containers", "initContainers"] {
                PodSpecDefaults.mapArray(&spec, key) { c in
                    guard !c.array(at: "volumeMounts").contains(where: { $0.string(at: "mountPath") == serviceAccountMountPath }) else { return }
                    c["volumeMounts"] = .array(c.array(at: "volumeMounts") + [
                        ["mountPath": .string(serviceAccountMountPath), "name": .string(name), "readOnly": true],
                    ])
                }
            }
        }
        var tolerations = spec.array(at: "tolerations")
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
            let tolerated = tolerations.contains { t in
                let k = t.string(at: "key") ?? ""
                let effect = t.string(at: "effect") ?? ""
                return (k == key || (k.isEmpty && t.string(at: "operator") == "Exists")) && (effect.isEmpty || effect == "NoExecute")
            }
            if !tolerated {
                tolerations.append(["effect": "NoExecute", "key": .string(key), "operator": "Exists", "tolerationSeconds": 300])
            }
        }
        spec["tolerations"] = .array(tolerations)
        if spec["priority"] == nil { spec["priority"] = 0 }
        if spec["preemptionPolicy"] == nil { spec["preemptionPolicy"] = "PreemptLowerPriority" }
    }

    /// The projected service-account token volume every pod gets.
    static func tokenVolume(_ name: String) -> Value {
        [
            "name": .string(name),
            "projected": [
                "defaultMode": 420,
                "sources": [
                    ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                    ["configMap": ["items": [["key": "ca.crt", "path": "ca.crt"]], "name": "kube-root-ca.crt"]],
                    ["downwardAPI": ["items": [["fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"], "path": "namespace"]]]],
                ],
            ],
        ]
    }

    /// BestEffort, Guaranteed or Burstable from the containers' cpu and memory requests and limits.
    static func qosClass(_ spec: Value) -> String {
        let containers = spec.array(at: "containers") + spec.array(at: "initContainers")
        var any = false, guaranteed = true
        for c in containers {
            let req = c[path: "resources", "requests"]?.objectValue ?? [:]
            let lim = c[path: "resources", "limits"]?.objectValue ?? [:]
            for r in ["cpu", "memory"] {
                let rq = req[r]?.quantityValue, lq = lim[r]?.quantityValue
                if (rq.map { !$0.isZero } ?? false) || (lq.map { !$0.isZero } ?? false) { any = true }
                guard let l = lq else { guaranteed = false; continue }
                if let q = rq, q != l { guaranteed = false }
            }
        }
        if !any { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }

    static let updateForbidden = "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    static func validate(_ new: Value, _ old: Value?) -> [FieldError] {
        // A create validates from memory a spec that passed before but for its token volume's name (the replicas
        // of one template); see PodSpecValidationMemo.
        let spec = new["spec"] ?? .emptyObject
        guard let old else {
            // The output PodCreateMemo just handed out, of a template whose output passed before: see there.
            if PodCreateMemo.shared.vouches(for: spec) { return [] }
            let errs = PodSpecValidationMemo.shared.errors(spec, FieldPath("spec"))
            if errs.isEmpty { PodCreateMemo.shared.passed(spec) }
            return errs
        }
        var errs = PodSpecValidation.spec(spec, FieldPath("spec"), isPod: true)
        // Only images, activeDeadlineSeconds, tolerations (additions) and a few scheduling fields may change.
        func mutable(_ s: Value?) -> Value {
            var s = s ?? .emptyObject
            for key in ["containers", "initContainers"] { PodSpecDefaults.mapArray(&s, key) { $0["image"] = nil } }
            for f in ["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "nodeName", "schedulingGates"] { s[f] = nil }
            return s
        }
        if mutable(new["spec"]) != mutable(old["spec"]) {
            errs.append(FieldErrors.forbidden(FieldPath("spec"), updateForbidden))
        }
        return errs
    }
}
