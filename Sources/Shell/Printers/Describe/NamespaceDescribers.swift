// `describe namespace` (with its quotas and limit ranges), `describe resourcequota`, `describe limitrange`.
import MiniCluster

enum NamespaceDescribers {
    static func namespace(_ ns: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(ns.metadataName)\n")
        w.labels("Labels", ns.labels)
        w.annotations("Annotations", ns.annotations)
        w.write(0, "Status:\t\(ns.dStr("status", "phase"))\n")
        let conditions = ns.dArr("status", "conditions")
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t------------------\t------\t-------\n")
            for c in conditions {
                w.write(1, "\(c.dStr("type"))\t\(c.dStr("status"))\t\(DescribeFormat.time(c.dTime("lastTransitionTime")))\t"
                    + "\(c.dStr("reason"))\t\(c.dStr("message"))\n")
            }
        }
        w.write(0, "\n")
        quotas(ctx.list("ResourceQuota", namespace: ns.metadataName), w)
        w.write(0, "\n")
        limitRanges(ctx.list("LimitRange", namespace: ns.metadataName), w)
        return w.text
    }

    /// The `Resource Quotas` section: per quota its name, scopes and a `Resource  Used  Hard` table.
    static func quotas(_ list: [Value], _ w: PrefixWriter) {
        guard !list.isEmpty else { w.write(0, "No resource quota.\n"); return }
        w.write(0, "Resource Quotas\n")
        for q in list.sorted(by: { $0.metadataName < $1.metadataName }) {
            w.write(1, "Name:\t\(q.metadataName)\n")
            let scopes = q.dArr("spec", "scopes").map(\.dText).sorted()
            if !scopes.isEmpty {
                w.write(1, "Scopes:\t\(scopes.joined(separator: ", "))\n")
                for s in scopes { if let help = scopeHelp(s) { w.write(1, "* \(help)\n") } }
            }
            w.write(1, "Resource\tUsed\tHard\n")
            w.write(1, "--------\t---\t---\n")
            let hard = q.dMap("status", "hard"), used = q["status"]?["used"]
            for r in hard.keys.sorted() {
                w.write(1, "\(r)\t\(DescribeQuantity.text(used?[r]))\t\(hard[r] ?? "")\n")
            }
        }
    }

    /// The `Resource Limits` table merged from every limit range, or `No LimitRange resource.`
    static func limitRanges(_ list: [Value], _ w: PrefixWriter) {
        guard !list.isEmpty else { w.write(0, "No LimitRange resource.\n"); return }
        w.write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n")
        w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
        for lr in list { limitRows(lr, prefix: " ", w) }
    }

    private static func limitRows(_ lr: Value, prefix: String, _ w: PrefixWriter) {
        for item in lr.dArr("spec", "limits") {
            let fields = ["min", "max", "defaultRequest", "default", "maxLimitRequestRatio"]
            var names = Set<String>()
            for f in fields { names.formUnion(item.dMap(f).keys) }
            // kubectl walks a Go map here; sorting keeps our output stable.
            for r in names.sorted() {
                let cells = fields.map { f in item[f]?[r].map { DescribeQuantity.text($0) } ?? "-" }
                w.write(0, "\(prefix)\(item.dStr("type"))\t\(r)\t" + cells.joined(separator: "\t") + "\n")
            }
        }
    }

    static func limitRange(_ lr: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(lr.metadataName)\n")
        w.write(0, "Namespace:\t\(lr.metadataNamespace ?? "")\n")
        w.write(0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n")
        w.write(0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
        limitRows(lr, prefix: "", w)
        return w.text
    }

    static func resourceQuota(_ q: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(q.metadataName)\n")
        w.write(0, "Namespace:\t\(q.metadataNamespace ?? "")\n")
        let scopes = q.dArr("spec", "scopes").map(\.dText).sorted()
        if !scopes.isEmpty {
            w.write(0, "Scopes:\t\(scopes.joined(separator: ", "))\n")
            for s in scopes { if let help = scopeHelp(s) { w.write(0, " * \(help)\n") } }
        }
        w.write(0, "Resource\tUsed\tHard\n")
        w.write(0, "--------\t----\t----\n")
        let hard = q.dMap("status", "hard"), used = q["status"]?["used"]
        for r in hard.keys.sorted() { w.write(0, "\(r)\t\(DescribeQuantity.text(used?[r]))\t\(hard[r] ?? "")\n") }
        return w.text
    }

    private static func scopeHelp(_ scope: String) -> String? {
        switch scope {
        case "Terminating":
            return "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system."
        case "NotTerminating":
            return "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate."
        case "BestEffort":
            return "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service."
        case "NotBestEffort":
            return "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service."
        default: return nil
        }
    }
}
