// `describe deployment`, `describe replicaset` and `describe replicationcontroller`.
import MiniCluster

enum DeploymentDescribers {
    static func deployment(_ d: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = d["spec"] ?? .null, status = d["status"] ?? .null
        w.write(0, "Name:\t\(d.metadataName)\n")
        w.write(0, "Namespace:\t\(d.metadataNamespace ?? "")\n")
        w.write(0, "CreationTimestamp:\t\(DescribeFormat.time(d.creationTimestamp))\n")
        w.labels("Labels", d.labels)
        w.annotations("Annotations", d.annotations)
        w.write(0, "Selector:\t\(DescribeSelector.string(spec["selector"]))\n")
        w.write(0, "Replicas:\t\(spec.dInt("replicas") ?? 1) desired | \(status.dInt("updatedReplicas") ?? 0) updated | "
            + "\(status.dInt("replicas") ?? 0) total | \(status.dInt("availableReplicas") ?? 0) available | "
            + "\(status.dInt("unavailableReplicas") ?? 0) unavailable\n")
        w.write(0, "StrategyType:\t\(spec.dStr("strategy", "type"))\n")
        w.write(0, "MinReadySeconds:\t\(spec.dInt("minReadySeconds") ?? 0)\n")
        if let ru = spec[path: "strategy", "rollingUpdate"], !ru.isNull {
            w.write(0, "RollingUpdateStrategy:\t\(intOrString(ru["maxUnavailable"])) max unavailable, "
                + "\(intOrString(ru["maxSurge"])) max surge\n")
        }
        PodTemplateSection.write(spec["template"], w)
        conditions(status.dArr("conditions"), w)
        let (old, new) = replicaSets(of: d, ctx)
        if !old.isEmpty || new != nil {
            w.write(0, "OldReplicaSets:\t\(rsList(old))\n")
            w.write(0, "NewReplicaSet:\t\(rsList(new.map { [$0] } ?? []))\n")
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: d, in: ctx), w, ctx) }
        return w.text
    }

    /// The deployment's ReplicaSets (controller ref to it, matching its selector): the oldest one whose template
    /// equals the deployment's (ignoring pod-template-hash) is new; every other one is old, scaled to 0 or not.
    static func replicaSets(of d: Value, _ ctx: DescribeContext) -> (old: [Value], new: Value?) {
        let selector = d[path: "spec", "selector"]
        let owned = ctx.list("ReplicaSet", namespace: d.metadataNamespace ?? "default").filter {
            DescribeSelector.matches(selector, $0.labels) && $0.dController?.dStr("uid") == d.uid
        }
        let sorted = owned.sorted {
            let a = $0.creationTimestamp?.ms ?? 0, b = $1.creationTimestamp?.ms ?? 0
            return a == b ? $0.metadataName < $1.metadataName : a < b
        }
        let template = withoutHash(d[path: "spec", "template"])
        let new = sorted.first { withoutHash($0[path: "spec", "template"]) == template }
        let old = sorted.filter { $0.uid != new?.uid }
        return (old, new)
    }

    private static func withoutHash(_ template: Value?) -> Value? {
        var t = template
        t?.remove(path: ["metadata", "labels", "pod-template-hash"])
        if t?[path: "metadata", "labels"]?.objectValue?.isEmpty == true { t?.remove(path: ["metadata", "labels"]) }
        return t
    }

    private static func rsList(_ list: [Value]) -> String {
        let s = list.map { "\($0.metadataName) (\($0.dInt("status", "replicas") ?? 0)/\($0.dInt("spec", "replicas") ?? 1) replicas created)" }
            .joined(separator: ", ")
        return s.isEmpty ? "<none>" : s
    }

    static func replicaSet(_ rs: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = rs["spec"] ?? .null
        w.write(0, "Name:\t\(rs.metadataName)\n")
        w.write(0, "Namespace:\t\(rs.metadataNamespace ?? "")\n")
        w.write(0, "Selector:\t\(DescribeSelector.format(spec["selector"]))\n")
        w.labels("Labels", rs.labels)
        w.annotations("Annotations", rs.annotations)
        if let c = rs.dController { w.write(0, "Controlled By:\t\(c.dStr("kind"))/\(c.dStr("name"))\n") }
        w.write(0, "Replicas:\t\(rs.dInt("status", "replicas") ?? 0) current / \(spec.dInt("replicas") ?? 1) desired\n")
        let p = ctx.podPhases(selector: spec["selector"], owner: rs)
        w.write(0, "Pods Status:\t")
        w.write(0, "\(p.running) Running / \(p.waiting) Waiting / \(p.succeeded) Succeeded / \(p.failed) Failed\n")
        PodTemplateSection.write(spec["template"], w)
        conditions(rs.dArr("status", "conditions"), w)
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: rs, in: ctx), w, ctx) }
        return w.text
    }

    static func replicationController(_ rc: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = rc["spec"] ?? .null
        let selector = spec.dMap("selector")
        w.write(0, "Name:\t\(rc.metadataName)\n")
        w.write(0, "Namespace:\t\(rc.metadataNamespace ?? "")\n")
        w.write(0, "Selector:\t\(DescribeFormat.labels(selector))\n")
        w.labels("Labels", rc.labels)
        w.annotations("Annotations", rc.annotations)
        w.write(0, "Replicas:\t\(rc.dInt("status", "replicas") ?? 0) current / \(spec.dInt("replicas") ?? 1) desired\n")
        let selectorObject: Value = ["matchLabels": Value(stringMap: selector)]
        let p = ctx.podPhases(selector: selector.isEmpty ? nil : selectorObject, owner: rc)
        w.write(0, "Pods Status:\t\(p.running) Running / \(p.waiting) Waiting / \(p.succeeded) Succeeded / \(p.failed) Failed\n")
        PodTemplateSection.write(spec["template"], w)
        conditions(rc.dArr("status", "conditions"), w)
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: rc, in: ctx), w, ctx) }
        return w.text
    }

    /// `Conditions:` table with `Type  Status  Reason` (deployments, replica sets).
    static func conditions(_ list: [Value], _ w: PrefixWriter) {
        guard !list.isEmpty else { return }
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for c in list { w.write(1, "\(c.dStr("type")) \t\(c.dStr("status"))\t\(c.dStr("reason"))\n") }
    }

    /// An IntOrString field (`25%` or `1`) as `%s` prints it; Go prints nil as `<nil>`.
    static func intOrString(_ v: Value?) -> String {
        guard let v, !v.isNull else { return "<nil>" }
        return v.dText
    }
}
