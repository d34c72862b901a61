// `describe statefulset` and `describe daemonset`.
import MiniCluster

enum SetDescribers {
    static func statefulSet(_ s: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = s["spec"] ?? .null
        w.write(0, "Name:\t\(s.metadataName)\n")
        w.write(0, "Namespace:\t\(s.metadataNamespace ?? "")\n")
        w.write(0, "CreationTimestamp:\t\(DescribeFormat.time(s.creationTimestamp))\n")
        w.write(0, "Selector:\t\(DescribeSelector.string(spec["selector"]))\n")
        w.labels("Labels", s.labels)
        w.annotations("Annotations", s.annotations)
        w.write(0, "Replicas:\t\(spec.dInt("replicas") ?? 1) desired | \(s.dInt("status", "replicas") ?? 0) total\n")
        w.write(0, "Update Strategy:\t\(spec.dStr("updateStrategy", "type"))\n")
        if let ru = spec[path: "updateStrategy", "rollingUpdate"], !ru.isNull, let partition = ru.dInt("partition") {
            w.write(1, "Partition:\t\(partition)\n")
            if ru.dHas("maxUnavailable") { w.write(1, "MaxUnavailable:\t\(ru.dStr("maxUnavailable"))\n") }
        }
        let p = ctx.podPhases(selector: spec["selector"], owner: s)
        w.write(0, "Pods Status:\t\(p.running) Running / \(p.waiting) Waiting / \(p.succeeded) Succeeded / \(p.failed) Failed\n")
        PodTemplateSection.write(spec["template"], w)
        claimTemplates(spec.dArr("volumeClaimTemplates"), w)
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: s, in: ctx), w, ctx) }
        return w.text
    }

    private static func claimTemplates(_ list: [Value], _ w: PrefixWriter) {
        guard !list.isEmpty else { w.write(0, "Volume Claims:\t<none>\n"); return }
        w.write(0, "Volume Claims:\n")
        for pvc in list {
            w.write(1, "Name:\t\(pvc.metadataName)\n")
            w.write(1, "StorageClass:\t\(StorageDescribers.claimClass(pvc))\n")
            w.labels("Labels", pvc.labels, initialIndent: "  ")
            w.labels("Annotations", pvc.annotations, initialIndent: "  ")
            let storage = pvc[path: "spec", "resources", "requests", "storage"]
            w.write(1, "Capacity:\t\(storage.map { DescribeQuantity.text($0) } ?? "<default>")\n")
            w.write(1, "Access Modes:\t\(DescribeFormat.goList(pvc.dArr("spec", "accessModes").map(\.dText)))\n")
        }
    }

    static func daemonSet(_ d: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = d["spec"] ?? .null, status = d["status"] ?? .null
        w.write(0, "Name:\t\(d.metadataName)\n")
        w.write(0, "Selector:\t\(DescribeSelector.string(spec["selector"]))\n")
        w.write(0, "Node-Selector:\t\(DescribeFormat.labels(spec.dMap("template", "spec", "nodeSelector")))\n")
        w.labels("Labels", d.labels)
        w.annotations("Annotations", d.annotations)
        w.write(0, "Desired Number of Nodes Scheduled: \(status.dInt("desiredNumberScheduled") ?? 0)\n")
        w.write(0, "Current Number of Nodes Scheduled: \(status.dInt("currentNumberScheduled") ?? 0)\n")
        w.write(0, "Number of Nodes Scheduled with Up-to-date Pods: \(status.dInt("updatedNumberScheduled") ?? 0)\n")
        w.write(0, "Number of Nodes Scheduled with Available Pods: \(status.dInt("numberAvailable") ?? 0)\n")
        w.write(0, "Number of Nodes Misscheduled: \(status.dInt("numberMisscheduled") ?? 0)\n")
        let p = ctx.podPhases(selector: spec["selector"], owner: d)
        w.write(0, "Pods Status:\t\(p.running) Running / \(p.waiting) Waiting / \(p.succeeded) Succeeded / \(p.failed) Failed\n")
        PodTemplateSection.write(spec["template"], w)
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: d, in: ctx), w, ctx) }
        return w.text
    }
}
