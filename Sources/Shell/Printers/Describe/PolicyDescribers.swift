// `describe poddisruptionbudget` and `describe priorityclass`.
import MiniCluster

enum PolicyDescribers {
    static func podDisruptionBudget(_ pdb: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = pdb["spec"] ?? .null, status = pdb["status"] ?? .null
        w.write(0, "Name:\t\(pdb.metadataName)\n")
        w.write(0, "Namespace:\t\(pdb.metadataNamespace ?? "")\n")
        if spec.dHas("minAvailable") {
            w.write(0, "Min available:\t\(spec.dStr("minAvailable"))\n")
        } else if spec.dHas("maxUnavailable") {
            w.write(0, "Max unavailable:\t\(spec.dStr("maxUnavailable"))\n")
        }
        if let sel = spec["selector"], !sel.isNull {
            w.write(0, "Selector:\t\(DescribeSelector.format(sel))\n")
        } else {
            w.write(0, "Selector:\t<unset>\n")
        }
        w.write(0, "Status:\n")
        w.write(2, "Allowed disruptions:\t\(status.dInt("disruptionsAllowed") ?? 0)\n")
        w.write(2, "Current:\t\(status.dInt("currentHealthy") ?? 0)\n")
        w.write(2, "Desired:\t\(status.dInt("desiredHealthy") ?? 0)\n")
        w.write(2, "Total:\t\(status.dInt("expectedPods") ?? 0)\n")
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: pdb, in: ctx), w, ctx) }
        return w.text
    }

    static func priorityClass(_ pc: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(pc.metadataName)\n")
        w.write(0, "Value:\t\(pc.dInt("value") ?? 0)\n")
        w.write(0, "GlobalDefault:\t\(pc.dBool("globalDefault") ?? false)\n")
        w.write(0, "PreemptionPolicy:\t\(pc.dStr("preemptionPolicy"))\n")
        w.write(0, "Description:\t\(pc.dStr("description"))\n")
        w.write(0, "Annotations:\t\(DescribeFormat.labels(pc.annotations))\n")
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: pc, in: ctx), w, ctx) }
        return w.text
    }
}
