// `describe hpa` (autoscaling/v2): target, metrics as `current / target`, bounds, behavior, conditions.
import MiniCluster

enum HPADescriber {
    static func describe(_ hpa: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = hpa["spec"] ?? .null, status = hpa["status"] ?? .null
        let kind = spec.dStr("scaleTargetRef", "kind")
        w.write(0, "Name:\t\(hpa.metadataName)\n")
        w.write(0, "Namespace:\t\(hpa.metadataNamespace ?? "")\n")
        w.labels("Labels", hpa.labels)
        w.annotations("Annotations", hpa.annotations)
        w.write(0, "CreationTimestamp:\t\(DescribeFormat.time(hpa.creationTimestamp))\n")
        w.write(0, "Reference:\t\(kind)/\(spec.dStr("scaleTargetRef", "name"))\n")
        w.write(0, "Metrics:\t( current / target )\n")
        let current = status.dArr("currentMetrics")
        for (i, m) in spec.dArr("metrics").enumerated() {
            metric(m, current: i < current.count ? current[i] : nil, w)
        }
        w.write(0, "Min replicas:\t\(spec.dInt("minReplicas").map(String.init) ?? "<unset>")\n")
        w.write(0, "Max replicas:\t\(spec.dInt("maxReplicas") ?? 0)\n")
        if let b = spec["behavior"], !b.isNull {
            w.write(0, "Behavior:\n")
            direction("Scale Up", b["scaleUp"], w)
            direction("Scale Down", b["scaleDown"], w)
        }
        w.write(0, "\(kind) pods:\t")
        w.write(0, "\(status.dInt("currentReplicas") ?? 0) current / \(status.dInt("desiredReplicas") ?? 0) desired\n")
        let conditions = status.dArr("conditions")
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tReason\tMessage\n")
            w.write(1, "----\t------\t------\t-------\n")
            for c in conditions {
                w.write(1, "\(c.dStr("type"))\t\(c.dStr("status"))\t\(c.dStr("reason"))\t\(c.dStr("message"))\n")
            }
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: hpa, in: ctx), w, ctx) }
        return w.text
    }

    private static func metric(_ m: Value, current cur: Value?, _ w: PrefixWriter) {
        func q(_ v: Value?) -> String { DescribeQuantity.text(v) }
        switch m.dStr("type") {
        case "Resource", "ContainerResource":
            let key = m.dStr("type") == "Resource" ? "resource" : "containerResource"
            let src = m[key] ?? .null, now = cur?[key]
            let head = key == "resource" ? "resource \(src.dStr("name")) on pods"
                : "resource \(src.dStr("name")) of container \"\(src.dStr("container"))\" on pods"
            w.write(1, head)
            if src.dHas("target", "averageValue") {
                let c = now.map { q($0[path: "current", "averageValue"]) } ?? "<unknown>"
                w.write(0, ":\t\(c) / \(q(src[path: "target", "averageValue"]))\n")
            } else {
                var c = "<unknown>"
                if let now, let u = now.dInt("current", "averageUtilization") {
                    c = "\(u)% (\(q(now[path: "current", "averageValue"])))"
                }
                let t = src.dInt("target", "averageUtilization").map { "\($0)%" } ?? "<auto>"
                w.write(1, "(as a percentage of request):\t\(c) / \(t)\n")
            }
        case "Pods":
            let src = m["pods"] ?? .null
            let c = cur?["pods"].map { q($0[path: "current", "averageValue"]) } ?? "<unknown>"
            w.write(1, "\"\(src.dStr("metric", "name"))\" on pods:\t\(c) / \(q(src[path: "target", "averageValue"]))\n")
        case "Object":
            let src = m["object"] ?? .null
            w.write(1, "\"\(src.dStr("metric", "name"))\" on \(src.dStr("describedObject", "kind"))/\(src.dStr("describedObject", "name")) ")
            let field = src.dStr("target", "type") == "AverageValue" ? "averageValue" : "value"
            let c = cur?["object"].map { q($0[path: "current", field]) } ?? "<unknown>"
            let label = field == "averageValue" ? "(target average value)" : "(target value)"
            w.write(0, "\(label):\t\(c) / \(q(src[path: "target", field]))\n")
        case "External":
            let src = m["external"] ?? .null
            let field = src.dHas("target", "averageValue") ? "averageValue" : "value"
            let c = cur?["external"].map { q($0[path: "current", field]) } ?? "<unknown>"
            let label = field == "averageValue" ? "(target average value)" : "(target value)"
            w.write(1, "\"\(src.dStr("metric", "name"))\" \(label):\t\(c) / \(q(src[path: "target", field]))\n")
        default:
            w.write(1, "<unknown metric type \"\(m.dStr("type"))\">\n")
        }
    }

    private static func direction(_ title: String, _ rules: Value?, _ w: PrefixWriter) {
        guard let rules, !rules.isNull else { return }
        w.write(1, "\(title):\n")
        if let s = rules.dInt("stabilizationWindowSeconds") { w.write(2, "Stabilization Window: \(s) seconds\n") }
        let policies = rules.dArr("policies")
        guard !policies.isEmpty else { return }
        w.write(2, "Select Policy: \(rules.dHas("selectPolicy") ? rules.dStr("selectPolicy") : "Max")\n")
        w.write(2, "Policies:\n")
        for p in policies {
            w.write(3, "- Type: \(p.dStr("type"))\tValue: \(p.dInt("value") ?? 0)\tPeriod: \(p.dInt("periodSeconds") ?? 0) seconds\n")
        }
    }
}
