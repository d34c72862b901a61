// `kubectl top pod|node`: usage as metrics-server reports it, read from the simulated containers' programs.
import MiniCluster

enum Metrics {
    /// The resource metrics API of `cluster` (tests may install a fake container directory).
    static func server(_ cluster: Cluster) -> ResourceMetrics {
        ResourceMetrics(directory: ContainerAccess.directory(cluster), now: cluster.now)
    }

    /// A container's usage as metrics-server reports it.
    static func usage(_ pod: PodTarget, _ container: String, _ metrics: ResourceMetrics) -> ResourceUsage {
        metrics.usage(namespace: pod.namespace, pod: pod.name, container: container)
            ?? ResourceMetrics.baseline("\(pod.name)/\(container)")
    }

    static func cpu(_ m: Int) -> String { "\(m)m" }
    static func memory(_ b: Int64) -> String { "\(b / (1 << 20))Mi" }
}

struct TopPodVerb: KubectlVerb {
    let path = ["top", "pod"]
    var aliases: [String] { ["pods", "po"] }
    var flags: [FlagSpec] {
        [FlagSpec("all-namespaces", "A", .bool, default: "false", usage: "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
         FlagSpec("containers", .bool, default: "false", usage: "If present, print usage of containers within a pod."),
         FlagSpec("field-selector", usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
         FlagSpec("no-headers", .bool, default: "false", usage: "If present, print output without headers."),
         FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
         FlagSpec("sort-by", usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'."),
         FlagSpec("sum", .bool, default: "false", usage: "Print the sum of the resource usage"),
         FlagSpec("use-protocol-buffers", .bool, default: "true", usage: "Enables using protocol-buffers to access Metrics API.")]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let sortBy = f.string("sort-by")
        guard sortBy.isEmpty || sortBy == "cpu" || sortBy == "memory" else {
            throw KubectlFailure.plain("error: --sort-by accepts only cpu or memory")
        }
        let cluster = try k.cluster()
        guard let podType = cluster.registry.lookup(kind: "Pod") else { return 1 }
        let all = f.bool("all-namespaces")
        let ns = all ? nil : k.namespace
        var pods: [PodTarget]
        if let name = f.args.first {
            pods = [PodTarget(pod: try cluster.api.get(podType, namespace: k.namespace, name: name))]
        } else {
            pods = try cluster.api.list(podType, namespace: ns, labelSelector: f.string("selector"),
                                        fieldSelector: f.string("field-selector")).map(PodTarget.init)
        }
        pods = pods.filter { $0.pod[path: "status", "phase"]?.stringValue == "Running" }
        if pods.isEmpty {
            if f.args.isEmpty {
                k.io.errLine(all ? "No resources found" : "No resources found in \(k.namespace) namespace.")
                return 0
            }
            throw KubectlFailure.plain("error: metrics not available yet")
        }
        struct Row { var ns: String; var pod: String; var container: String; var usage: ResourceUsage }
        var rows: [Row] = []
        let metrics = Metrics.server(cluster)
        for p in pods {
            guard metrics.hasSample(p.pod) else {
                if !f.args.isEmpty { throw KubectlFailure.plain("error: metrics not available yet") }
                continue
            }
            for c in p.containers {
                rows.append(Row(ns: p.namespace, pod: p.name, container: c, usage: Metrics.usage(p, c, metrics)))
            }
        }
        if rows.isEmpty {
            throw KubectlFailure.plain("error: metrics not available yet")
        }
        var table: [[String]] = []
        if f.bool("containers") {
            table = rows.map { (all ? [$0.ns] : []) + [$0.pod, $0.container, Metrics.cpu($0.usage.cpuMillicores), Metrics.memory($0.usage.memoryBytes), ""] }
            if sortBy == "cpu" { table = sortRows(rows.map(\.usage.cpuMillicores).map(Int64.init), table) }
            if sortBy == "memory" { table = sortRows(rows.map(\.usage.memoryBytes), table) }
            if !f.bool("no-headers") { table.insert((all ? ["NAMESPACE"] : []) + ["POD", "NAME", "CPU(cores)", "MEMORY(bytes)", ""], at: 0) }
        } else {
            var perPod: [(ns: String, pod: String, usage: ResourceUsage)] = []
            for r in rows {
                if let i = perPod.lastIndex(where: { $0.ns == r.ns && $0.pod == r.pod }) {
                    perPod[i].usage.cpuMillicores += r.usage.cpuMillicores
                    perPod[i].usage.memoryBytes += r.usage.memoryBytes
                } else { perPod.append((r.ns, r.pod, r.usage)) }
            }
            table = perPod.map { (all ? [$0.ns] : []) + [$0.pod, Metrics.cpu($0.usage.cpuMillicores), Metrics.memory($0.usage.memoryBytes), ""] }
            if sortBy == "cpu" { table = sortRows(perPod.map { Int64($0.usage.cpuMillicores) }, table) }
            if sortBy == "memory" { table = sortRows(perPod.map(\.usage.memoryBytes), table) }
            if !f.bool("no-headers") { table.insert((all ? ["NAMESPACE"] : []) + ["NAME", "CPU(cores)", "MEMORY(bytes)", ""], at: 0) }
            if f.bool("sum") {
                let cpu = perPod.reduce(0) { $0 + $1.usage.cpuMillicores }, mem = perPod.reduce(Int64(0)) { $0 + $1.usage.memoryBytes }
                table.append((all ? [""] : []) + ["", "________", "________", ""])
                table.append((all ? [""] : []) + ["", Metrics.cpu(cpu), Metrics.memory(mem), ""])
            }
        }
        k.io.out(TabWriter().format(table))
        return 0
    }

    /// Rows in descending order of `keys` (kubectl's sort for --sort-by), stable.
    private func sortRows(_ keys: [Int64], _ rows: [[String]]) -> [[String]] {
        zip(keys, rows).enumerated().sorted { a, b in a.element.0 != b.element.0 ? a.element.0 > b.element.0 : a.offset < b.offset }
            .map(\.element.1)
    }
}

struct TopNodeVerb: KubectlVerb {
    let path = ["top", "node"]
    var aliases: [String] { ["nodes", "no"] }
    var flags: [FlagSpec] {
        [FlagSpec("no-headers", .bool, default: "false", usage: "If present, print output without headers"),
         FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
         FlagSpec("show-capacity", .bool, default: "false", usage: "Print node resources based on Capacity instead of Allocatable(default) of the nodes."),
         FlagSpec("sort-by", usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'."),
         FlagSpec("use-protocol-buffers", .bool, default: "true", usage: "Enables using protocol-buffers to access Metrics API.")]
    }

    /// What the node's system daemons use besides pods (kubelet, containerd, the OS).
    static let systemUsage = ResourceUsage(cpuMillicores: 48, memoryBytes: 612 << 20)

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let sortBy = f.string("sort-by")
        guard sortBy.isEmpty || sortBy == "cpu" || sortBy == "memory" else {
            throw KubectlFailure.plain("error: --sort-by accepts only cpu or memory")
        }
        let cluster = try k.cluster()
        guard let nodeType = cluster.registry.lookup(kind: "Node"), let podType = cluster.registry.lookup(kind: "Pod") else { return 1 }
        var nodes: [Value]
        if let name = f.args.first {
            nodes = [try cluster.api.get(nodeType, namespace: nil, name: name)]
        } else {
            nodes = try cluster.api.list(nodeType, namespace: nil, labelSelector: f.string("selector"), fieldSelector: nil)
        }
        if nodes.isEmpty {
            k.io.errLine("No resources found")
            return 0
        }
        let pods = cluster.api.list(podType, namespace: nil).map(PodTarget.init)
            .filter { $0.pod[path: "status", "phase"]?.stringValue == "Running" }
        var rows: [(name: String, usage: ResourceUsage, cpuPct: Int, memPct: Int)] = []
        let metrics = Metrics.server(cluster)
        for n in nodes {
            let name = n[path: "metadata", "name"]?.stringValue ?? ""
            var u = Self.systemUsage
            for p in pods where p.nodeName == name {
                for c in p.containers {
                    let cu = Metrics.usage(p, c, metrics)
                    u.cpuMillicores += cu.cpuMillicores
                    u.memoryBytes += cu.memoryBytes
                }
            }
            let source = f.bool("show-capacity") ? "capacity" : "allocatable"
            let cpuTotal = n[path: "status", source, "cpu"]?.quantityValue?.milliValue ?? 0
            let memTotal = n[path: "status", source, "memory"]?.quantityValue?.value ?? 0
            rows.append((name, u, cpuTotal > 0 ? Int(Int64(u.cpuMillicores) * 100 / cpuTotal) : 0,
                         memTotal > 0 ? Int(u.memoryBytes * 100 / memTotal) : 0))
        }
        if sortBy == "cpu" { rows.sort { $0.usage.cpuMillicores > $1.usage.cpuMillicores } }
        if sortBy == "memory" { rows.sort { $0.usage.memoryBytes > $1.usage.memoryBytes } }
        var table = rows.map { [$0.name, Metrics.cpu($0.usage.cpuMillicores), "\($0.cpuPct)%", Metrics.memory($0.usage.memoryBytes), "\($0.memPct)%", ""] }
        if !f.bool("no-headers") { table.insert(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)", ""], at: 0) }
        k.io.out(TabWriter().format(table))
        return 0
    }
}
