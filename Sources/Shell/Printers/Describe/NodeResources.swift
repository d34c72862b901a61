// The node's `Non-terminated Pods` and `Allocated resources` tables (describeNodeResource).
import MiniCluster

enum NodeResources {
    static func write(pods: [Value], node: Value, _ ctx: DescribeContext, _ w: PrefixWriter) {
        w.write(0, "Non-terminated Pods:\t(\(pods.count) in total)\n")
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
        let capacity = node["status"]?["capacity"], allocatableField = node["status"]?["allocatable"]
        let allocatable = (allocatableField?.objectValue?.isEmpty == false) ? allocatableField : capacity
        let cpuAlloc = DescribeQuantity.milli(allocatable?["cpu"])
        let memAlloc = DescribeQuantity.milli(allocatable?["memory"])
        func pct(_ part: Int64, _ whole: Int64) -> Int64 { whole == 0 ? 0 : Int64(Double(part) / Double(whole) * 100) }
        for pod in pods {
            let (req, lim) = requestsAndLimits(pod)
            let cr = req["cpu"] ?? 0, cl = lim["cpu"] ?? 0, mr = req["memory"] ?? 0, ml = lim["memory"] ?? 0
            w.write(1, "\(pod.metadataNamespace ?? "")\t\(pod.metadataName)\t\t\(cpu(cr)) (\(pct(cr, cpuAlloc))%)\t"
                + "\(cpu(cl)) (\(pct(cl, cpuAlloc))%)\t\(memory(mr)) (\(pct(mr, memAlloc))%)\t"
                + "\(memory(ml)) (\(pct(ml, memAlloc))%)\t\(ctx.since(pod.creationTimestamp))\n")
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
        w.write(1, "Resource\tRequests\tLimits\n")
        w.write(1, "--------\t--------\t------\n")
        var reqs: [String: Int64] = [:], limits: [String: Int64] = [:]
        for pod in pods {
            let (r, l) = requestsAndLimits(pod)
            for (k, v) in r { reqs[k, default: 0] += v }
            for (k, v) in l { limits[k, default: 0] += v }
        }
        let storageAlloc = DescribeQuantity.milli(allocatable?["ephemeral-storage"])
        for (name, whole, fmt) in [("cpu", cpuAlloc, cpu), ("memory", memAlloc, memory),
                                   ("ephemeral-storage", storageAlloc, memory)] as [(String, Int64, (Int64) -> String)] {
            let r = reqs[name] ?? 0, l = limits[name] ?? 0
            w.write(1, "\(name)\t\(fmt(r)) (\(pct(r, whole))%)\t\(fmt(l)) (\(pct(l, whole))%)\n")
        }
        let standard: Set<String> = ["cpu", "memory", "ephemeral-storage", "storage", "pods"]
        let names = (allocatable?.objectValue?.keys).map(Array.init) ?? []
        for name in names.filter({ $0.hasPrefix("hugepages-") }).sorted() {
            let r = reqs[name] ?? 0, l = limits[name] ?? 0, whole = DescribeQuantity.milli(allocatable?[name])
            w.write(1, "\(name)\t\(memory(r)) (\(pct(r, whole))%)\t\(memory(l)) (\(pct(l, whole))%)\n")
        }
        for name in names.filter({ !$0.hasPrefix("hugepages-") && !standard.contains($0) && !$0.hasPrefix("requests.") }).sorted() {
            w.write(1, "\(name)\t\(count(reqs[name] ?? 0))\t\(count(limits[name] ?? 0))\n")
        }
    }

    /// A pod's effective requests and limits in milli-units: containers summed, each init container as a floor.
    static func requestsAndLimits(_ pod: Value) -> (requests: [String: Int64], limits: [String: Int64]) {
        var req: [String: Int64] = [:], lim: [String: Int64] = [:]
        let spec = pod["spec"] ?? .null
        for c in spec.dArr("containers") {
            for (k, v) in c[path: "resources", "requests"]?.objectValue ?? [:] { req[k, default: 0] += DescribeQuantity.milli(v) }
            for (k, v) in c[path: "resources", "limits"]?.objectValue ?? [:] { lim[k, default: 0] += DescribeQuantity.milli(v) }
        }
        for c in spec.dArr("initContainers") {
            for (k, v) in c[path: "resources", "requests"]?.objectValue ?? [:] { req[k] = max(req[k] ?? 0, DescribeQuantity.milli(v)) }
            for (k, v) in c[path: "resources", "limits"]?.objectValue ?? [:] { lim[k] = max(lim[k] ?? 0, DescribeQuantity.milli(v)) }
        }
        return (req, lim)
    }

    /// CPU milli-units as a quantity prints them: `0`, `250m`, `2`.
    static func cpu(_ milli: Int64) -> String { milli % 1000 == 0 ? String(milli / 1000) : "\(milli)m" }

    /// Bytes (given in milli-units) as a quantity prints them: binary suffix when exact, else plain bytes.
    static func memory(_ milli: Int64) -> String {
        let bytes = milli / 1000
        guard bytes != 0 else { return "0" }
        for (suffix, unit) in [("Ti", Int64(1) << 40), ("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
        where bytes % unit == 0 {
            return "\(bytes / unit)\(suffix)"
        }
        return String(bytes)
    }

    private static func count(_ milli: Int64) -> String { milli % 1000 == 0 ? String(milli / 1000) : "\(milli)m" }
}
