// The node's `Non-terminated Pods` and `Allocated resources` tables (describeNodeResource).
import MiniCluster

enum NodeResources {
    typealias Resources = [String: MiniCluster.Quantity]

    static func write(pods: [Value], node: Value, _ ctx: DescribeContext, _ w: PrefixWriter) {
        w.write(0, "Non-terminated Pods:\t(\(pods.count) in total)\n")
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
        let status = node["status"] ?? .null
        let allocatable = quantities(status["allocatable"]).isEmpty ? quantities(status["capacity"]) : quantities(status["allocatable"])
        let cpuAlloc = allocatable["cpu"]?.milliValue ?? 0, memAlloc = allocatable["memory"]?.value ?? 0
        for pod in pods {
            let (req, lim) = requestsAndLimits(pod)
            let cr = req["cpu"] ?? zero, cl = lim["cpu"] ?? zero, mr = req["memory"] ?? zero, ml = lim["memory"] ?? zero
            // A node without allocatable cpu/memory divides by zero in kubectl too; Go's float result prints as a huge or zero value.
            w.write(1, "\(pod.metadataNamespace ?? "")\t\(pod.metadataName)\t\t\(cr) (\(pct(cr.milliValue, cpuAlloc))%)\t"
                + "\(cl) (\(pct(cl.milliValue, cpuAlloc))%)\t\(mr) (\(pct(mr.value, memAlloc))%)\t"
                + "\(ml) (\(pct(ml.value, memAlloc))%)\t\(ctx.since(pod.creationTimestamp))\n")
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
        w.write(1, "Resource\tRequests\tLimits\n")
        w.write(1, "--------\t--------\t------\n")
        var reqs: Resources = [:], limits: Resources = [:]
        for pod in pods {
            let (r, l) = requestsAndLimits(pod)
            add(r, into: &reqs)
            add(l, into: &limits)
        }
        func row(_ name: String, _ whole: Int64, milli: Bool) {
            let r = reqs[name] ?? zero, l = limits[name] ?? zero
            let rv = milli ? r.milliValue : r.value, lv = milli ? l.milliValue : l.value
            w.write(1, "\(name)\t\(r) (\(pct(rv, whole))%)\t\(l) (\(pct(lv, whole))%)\n")
        }
        row("cpu", cpuAlloc, milli: true)
        row("memory", memAlloc, milli: false)
        row("ephemeral-storage", allocatable["ephemeral-storage"]?.value ?? 0, milli: false)
        let standard: Set<String> = ["cpu", "memory", "ephemeral-storage", "pods"]
        for name in allocatable.keys.filter({ $0.hasPrefix("hugepages-") }).sorted() {
            row(name, allocatable[name]?.value ?? 0, milli: false)
        }
        for name in allocatable.keys.filter({ !$0.hasPrefix("hugepages-") && !standard.contains($0) && $0.contains("/") }).sorted() {
            w.write(1, "\(name)\t\(reqs[name] ?? zero)\t\(limits[name] ?? zero)\n")
        }
    }

    private static let zero = MiniCluster.Quantity(mantissa: 0)

    /// Go truncates the float percentage toward zero; a zero whole gives 0 here rather than Go's NaN conversion.
    private static func pct(_ part: Int64, _ whole: Int64) -> Int64 {
        whole == 0 ? 0 : Int64(Double(part) / Double(whole) * 100)
    }

    private static func quantities(_ list: Value?) -> Resources {
        var out: Resources = [:]
        for (k, v) in list?.objectValue ?? [:] { if let q = v.quantityValue { out[k] = q } }
        return out
    }

    private static func add(_ list: Resources, into total: inout Resources) {
        for (k, v) in list { total[k] = total[k].map { $0 + v } ?? v }
    }

    /// A pod's effective requests and limits (resourcehelper.PodRequestsAndLimits): containers summed, each init
    /// container as a floor, then the pod overhead added.
    static func requestsAndLimits(_ pod: Value) -> (requests: Resources, limits: Resources) {
        var req: Resources = [:], lim: Resources = [:]
        let spec = pod["spec"] ?? .null
        for c in spec.dArr("containers") {
            add(quantities(c[path: "resources", "requests"]), into: &req)
            add(quantities(c[path: "resources", "limits"]), into: &lim)
        }
        for c in spec.dArr("initContainers") {
            for (k, v) in quantities(c[path: "resources", "requests"]) where req[k].map({ $0 < v }) ?? true { req[k] = v }
            for (k, v) in quantities(c[path: "resources", "limits"]) where lim[k].map({ $0 < v }) ?? true { lim[k] = v }
        }
        let overhead = quantities(spec["overhead"])
        if !overhead.isEmpty {
            add(overhead, into: &req)
            for (k, v) in overhead where lim[k] != nil { lim[k] = lim[k].map { $0 + v } }
        }
        return (req, lim)
    }
}
