// The HorizontalPodAutoscaler table: REFERENCE, TARGETS (per metric `current/target`), MINPODS, MAXPODS, REPLICAS.

extension Tables {
    static let horizontalPodAutoscaler = TableSpec(["Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"]) { o, now in
        let spec = o["spec"]
        let ref = (spec?[path: "scaleTargetRef", "kind"]?.stringValue ?? "") + "/" + (spec?[path: "scaleTargetRef", "name"]?.stringValue ?? "")
        return [o.metadataName, ref, hpaTargets(o), spec?["minReplicas"]?.intValue.map(String.init) ?? "<unset>",
                Cell.int(spec?["maxReplicas"]), Cell.int(o[path: "status", "currentReplicas"]), Cell.age(o, now)]
    }

    /// TARGETS: each metric as `current/target` (resources prefixed `cpu: `), `<unknown>` until measured;
    /// two at most, then ` + N more...`; `<none>` without metrics.
    static func hpaTargets(_ o: Value) -> String {
        var specs = o[path: "spec", "metrics"]?.arrayValue ?? []
        var statuses = o[path: "status", "currentMetrics"]?.arrayValue ?? []
        // An autoscaling/v1 object carries only a CPU utilisation target.
        if specs.isEmpty, let cpu = o[path: "spec", "targetCPUUtilizationPercentage"]?.intValue {
            specs = [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(cpu)]]]]
            if let cur = o[path: "status", "currentCPUUtilizationPercentage"]?.intValue {
                statuses = [["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": .int(cur)]]]]
            }
        }
        if specs.isEmpty { return "<none>" }
        var list: [String] = []
        for (i, m) in specs.enumerated() {
            let st: Value? = i < statuses.count ? statuses[i] : nil
            func q(_ v: Value?) -> String { quantity(v) }
            switch m["type"]?.stringValue ?? "" {
            case "External", "Object":
                let key = m["type"]?.stringValue == "External" ? "external" : "object"
                let target = m[path: key, "target"]
                let cur = st?[key]
                if let avg = target?["averageValue"] {
                    list.append("\(cur?[path: "current", "averageValue"].map(q) ?? "<unknown>")/\(q(avg)) (avg)")
                } else {
                    list.append("\(cur.map { q($0[path: "current", "value"]) } ?? "<unknown>")/\(q(target?["value"]))")
                }
            case "Pods":
                let cur = st?["pods"].map { q($0[path: "current", "averageValue"]) } ?? "<unknown>"
                list.append("\(cur)/\(q(m[path: "pods", "target", "averageValue"]))")
            case "Resource", "ContainerResource":
                let key = m["type"]?.stringValue == "Resource" ? "resource" : "containerResource"
                let r = m[key], cur = st?[key]
                let name = r?["name"]?.stringValue ?? ""
                if let avg = r?[path: "target", "averageValue"] {
                    list.append("\(name): \(cur.map { q($0[path: "current", "averageValue"]) } ?? "<unknown>")/\(q(avg))")
                } else {
                    let c = cur?[path: "current", "averageUtilization"]?.intValue.map { "\($0)%" } ?? "<unknown>"
                    let t = r?[path: "target", "averageUtilization"]?.intValue.map { "\($0)%" } ?? "<auto>"
                    list.append("\(name): \(c)/\(t)")
                }
            default:
                list.append("<unknown type>")
            }
        }
        if list.count > 2 { return list.prefix(2).joined(separator: ", ") + " + \(list.count - 2) more..." }
        return list.joined(separator: ", ")
    }

    static let hpaTables: [String: TableSpec] = ["autoscaling/HorizontalPodAutoscaler": horizontalPodAutoscaler]
}
