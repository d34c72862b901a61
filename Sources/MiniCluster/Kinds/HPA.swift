// HorizontalPodAutoscaler, stored as autoscaling/v2: defaults, autoscaling/v1 conversion both ways, validation.

extension KindSpec {
    static let horizontalPodAutoscaler = KindSpec(type: .builtIn("HorizontalPodAutoscaler", group: "autoscaling"),
                                                  defaults: HPA.defaults, validate: validator(.subdomain, HPA.validate))
}

public enum HPA {
    typealias D = PodSpecDefaults

    static func defaults(_ obj: inout Value, _ ctx: DefaultingContext) {
        convertFromV1(&obj)
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "minReplicas", 1)
        if spec.array(at: "metrics").isEmpty { spec["metrics"] = [cpuMetric(80)] }
        if var b = spec["behavior"], b.isObject {
            var up = b["scaleUp"]?.objectValue.map(Value.object) ?? .emptyObject
            D.setIfMissing(&up, "stabilizationWindowSeconds", 0)
            D.setIfMissing(&up, "selectPolicy", "Max")
            D.setIfMissing(&up, "policies", [["type": "Pods", "value": 4, "periodSeconds": 15],
                                              ["type": "Percent", "value": 100, "periodSeconds": 15]])
            var down = b["scaleDown"]?.objectValue.map(Value.object) ?? .emptyObject
            D.setIfMissing(&down, "selectPolicy", "Max")
            D.setIfMissing(&down, "policies", [["type": "Percent", "value": 100, "periodSeconds": 15]])
            b["scaleUp"] = up
            b["scaleDown"] = down
            spec["behavior"] = b
        }
        obj["spec"] = spec
        D.setIfMissing(&obj, "status", ["currentMetrics": nil, "desiredReplicas": 0])
    }

    static func cpuMetric(_ percent: Int) -> Value {
        ["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(percent)]]]
    }

    /// An autoscaling/v1 object (targetCPUUtilizationPercentage) becomes its v2 form; v2 objects pass unchanged.
    public static func convertFromV1(_ obj: inout Value) {
        guard var spec = obj["spec"], spec.isObject, spec.has("targetCPUUtilizationPercentage") || obj.apiVersion == "autoscaling/v1" else { return }
        if let pct = spec.int(at: "targetCPUUtilizationPercentage") { spec["metrics"] = [cpuMetric(pct)] }
        spec["targetCPUUtilizationPercentage"] = nil
        obj["spec"] = spec
        if var status = obj["status"], status.isObject, status.has("currentCPUUtilizationPercentage") {
            if let cur = status.int(at: "currentCPUUtilizationPercentage") {
                status["currentMetrics"] = [["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": .int(cur)]]]]
            }
            status["currentCPUUtilizationPercentage"] = nil
            obj["status"] = status
        }
        obj["apiVersion"] = "autoscaling/v2"
    }

    /// The autoscaling/v1 view of a stored (v2) object, for clients that ask for v1.
    public static func toV1(_ obj: Value) -> Value {
        var out = obj
        out["apiVersion"] = "autoscaling/v1"
        var spec = obj["spec"] ?? .emptyObject
        let cpu = spec.array(at: "metrics").first { $0.string(at: "type") == "Resource" && $0[path: "resource", "name"]?.stringValue == "cpu" }
        spec["metrics"] = nil
        spec["behavior"] = nil
        if let pct = cpu?[path: "resource", "target", "averageUtilization"] { spec["targetCPUUtilizationPercentage"] = pct }
        out["spec"] = spec
        if let status = obj["status"], status.isObject {
            var s: Value = .emptyObject
            for f in ["currentReplicas", "desiredReplicas", "lastScaleTime", "observedGeneration"] { s[f] = status[f] }
            let cur = status.array(at: "currentMetrics").first { $0[path: "resource", "name"]?.stringValue == "cpu" }
            if let c = cur?[path: "resource", "current", "averageUtilization"] { s["currentCPUUtilizationPercentage"] = c }
            out["status"] = s
        }
        return out
    }

    static let spec = FieldPath("spec")

    static func validate(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        var errs: [FieldError] = []
        let minR = s.int(at: "minReplicas")
        let maxR = s.int(at: "maxReplicas") ?? 0
        if let minR, minR < 1 { errs.append(FieldErrors.invalid(spec.child("minReplicas"), int: minR, "must be greater than or equal to 1")) }
        if maxR < 1 { errs.append(FieldErrors.invalid(spec.child("maxReplicas"), int: maxR, "must be greater than 0")) }
        if let minR, maxR < minR { errs.append(FieldErrors.invalid(spec.child("maxReplicas"), int: maxR, "must be greater than or equal to `minReplicas`")) }
        let ref = s["scaleTargetRef"] ?? .emptyObject
        let rp = spec.child("scaleTargetRef")
        let kind = ref.string(at: "kind") ?? ""
        if kind.isEmpty { errs.append(FieldErrors.required(rp.child("kind"))) }
        else { errs += FieldErrors.each(NameRule.pathSegment.messages(kind), rp.child("kind"), kind) }
        let name = ref.string(at: "name") ?? ""
        if name.isEmpty { errs.append(FieldErrors.required(rp.child("name"))) }
        else { errs += FieldErrors.each(NameRule.pathSegment.messages(name), rp.child("name"), name) }
        for (i, m) in s.array(at: "metrics").enumerated() { errs += metric(m, spec.child("metrics").index(i)) }
        for dir in ["scaleUp", "scaleDown"] {
            guard let rules = s[path: "behavior", dir], rules.isObject else { continue }
            let bp = spec.child("behavior", dir)
            if let w = rules.int(at: "stabilizationWindowSeconds"), w < 0 || w > 3600 {
                errs.append(FieldErrors.invalid(bp.child("stabilizationWindowSeconds"), int: w,
                                                w < 0 ? "must be greater than or equal to zero" : "must be less than or equal to 3600"))
            }
            for (i, p) in rules.array(at: "policies").enumerated() {
                let pp = bp.child("policies").index(i)
                errs += PodSpecValidation.enumValue(p.string(at: "type"), pp.child("type"), ["Percent", "Pods"])
                if (p.int(at: "value") ?? 0) <= 0 { errs.append(FieldErrors.invalid(pp.child("value"), int: p.int(at: "value") ?? 0, "must be greater than zero")) }
                let period = p.int(at: "periodSeconds") ?? 0
                if period <= 0 || period > 1800 {
                    errs.append(FieldErrors.invalid(pp.child("periodSeconds"), int: period, period <= 0 ? "must be greater than zero" : "must be less than or equal to 1800"))
                }
            }
        }
        return errs
    }

    static let metricTypes = ["ContainerResource", "External", "Object", "Pods", "Resource"]

    static func metric(_ m: Value, _ p: FieldPath) -> [FieldError] {
        let type = m.string(at: "type") ?? ""
        guard metricTypes.contains(type) else {
            return type.isEmpty ? [FieldErrors.required(p.child("type"), "must specify a metric source type")]
                : [FieldErrors.notSupported(p.child("type"), type, metricTypes)]
        }
        let key = type.prefix(1).lowercased() + type.dropFirst()
        guard let src = m[key], src.isObject else {
            return [FieldErrors.required(p.child(key), "must populate information for the given metric source")]
        }
        var errs: [FieldError] = []
        let sp = p.child(key)
        if type == "Resource" || type == "ContainerResource" {
            if (src.string(at: "name") ?? "").isEmpty { errs.append(FieldErrors.required(sp.child("name"), "must specify a resource name")) }
        }
        let target = src["target"] ?? .emptyObject
        let tp = sp.child("target")
        let ttype = target.string(at: "type") ?? ""
        switch ttype {
        case "Utilization":
            guard let u = target.int(at: "averageUtilization") else {
                errs.append(FieldErrors.required(tp.child("averageUtilization"), "must set either a target raw value or a target utilization"))
                break
            }
            if u <= 0 { errs.append(FieldErrors.invalid(tp.child("averageUtilization"), int: u, "must be greater than 0")) }
        case "Value", "AverageValue":
            let field = ttype == "Value" ? "value" : "averageValue"
            if target[field]?.quantityValue == nil { errs.append(FieldErrors.required(tp.child(field), "must set either a target value or averageValue")) }
        case "":
            errs.append(FieldErrors.required(tp.child("type"), "must specify a metric target type"))
        default:
            errs.append(FieldErrors.invalid(tp.child("type"), string: ttype, "must be either Utilization, Value, or AverageValue"))
        }
        return errs
    }
}
