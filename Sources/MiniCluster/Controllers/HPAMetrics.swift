// An autoscaler's metrics, one by one (computeReplicasForMetrics): each gives a replica count or a failure, the
// highest count wins, and each has a status entry. Resource and ContainerResource metrics come from the pods'
// simulated usage; the cluster serves no custom or external metrics API, so those metrics fail as they would.

enum HPAMetrics {
    /// A pod of the target as read once per sync: its state and, per container, usage and requests.
    struct PodView {
        let name: String, phase: String, deleting: Bool
        let ready: (status: Bool, since: Timestamp)?
        let startTime: Timestamp?
        /// Per container (regular ones and restartable init containers), nil usage without a sample.
        let containers: [(name: String, usage: ResourceUsage?, requests: Value?)]

        init(_ pod: Value, metrics: ResourceMetrics) {
            name = pod.metadataName
            phase = pod[path: "status", "phase"]?.stringValue ?? ""
            deleting = pod.deletionTimestamp != nil
            let cond = (pod[path: "status", "conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
            ready = cond.map { c in
                (c["status"]?.stringValue == "True",
                 c["lastTransitionTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? Timestamp(ms: 0))
            }
            startTime = pod[path: "status", "startTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
            let sampled = metrics.containers(of: pod)
            var list: [(name: String, usage: ResourceUsage?, requests: Value?)] = []
            for c in pod[path: "spec", "containers"]?.arrayValue ?? [] {
                let n = c["name"]?.stringValue ?? ""
                list.append((n, sampled?.first { $0.name == n }?.usage, c[path: "resources", "requests"]))
            }
            for c in pod[path: "spec", "initContainers"]?.arrayValue ?? [] where c["restartPolicy"]?.stringValue == "Always" {
                // A sidecar's usage is not among the sampled regular containers: metrics-server reports it with
                // the pod, which this simulation leaves at zero.
                list.append((c["name"]?.stringValue ?? "", sampled == nil ? nil : ResourceUsage(cpuMillicores: 0, memoryBytes: 0),
                             c[path: "resources", "requests"]))
            }
            containers = list
        }

        /// The calculator's view for one resource, over all containers or the one named.
        func sample(_ resource: String, container: String?) -> HPAPod {
            var usage: Int64? = 0
            var request: Result<Int64, HPAPod.MissingRequest> = .success(0)
            for c in containers where container == nil || container == c.name {
                if let u = c.usage, let total = usage {
                    usage = total + (resource == "cpu" ? Int64(u.cpuMillicores) : u.memoryBytes * 1000)
                } else {
                    usage = nil
                }
                if case .success(let sum) = request {
                    if let q = c.requests?[resource]?.quantityValue { request = .success(sum + q.milliValue) }
                    else { request = .failure(.init(container: c.name)) }
                }
            }
            if containers.isEmpty { usage = nil }
            return HPAPod(name: name, phase: phase, deleting: deleting, ready: ready, startTime: startTime, usage: usage,
                          request: request)
        }
    }

    struct Failure {
        /// The event's and the ScalingActive condition's reason (`FailedGetResourceMetric` …).
        let reason: String
        /// The event's message.
        let message: String
        /// The same, as computeReplicasForMetrics wraps it for `FailedComputeMetricsReplicas`.
        let wrapped: String
    }

    struct Evaluation {
        /// The highest valid proposal; nil when every metric failed.
        var replicas: Int?
        /// How the winning metric is named in conditions and events.
        var metricName = ""
        var statuses: [Value] = []
        var failures: [Failure] = []
    }

    static func evaluate(_ specs: [Value], current: Int, pods: [PodView], now: Timestamp) -> Evaluation {
        var out = Evaluation()
        for spec in specs {
            let type = spec["type"]?.stringValue ?? ""
            switch type {
            case "Resource", "ContainerResource":
                let key = type == "Resource" ? "resource" : "containerResource"
                let src = spec[key] ?? .emptyObject
                let resource = src["name"]?.stringValue ?? ""
                let container = type == "Resource" ? nil : src["container"]?.stringValue
                let samples = pods.map { $0.sample(resource, container: container) }
                let t = src["target"] ?? .emptyObject
                let target: HPAReplicaCalculator.Target
                let name: String
                if let avg = t["averageValue"]?.quantityValue {
                    target = .averageValue(avg.milliValue)
                    name = "\(resource) \(container == nil ? "" : "container ")resource"
                } else if let u = t["averageUtilization"]?.intValue {
                    target = .utilization(u)
                    name = "\(resource) \(container == nil ? "" : "container ")resource utilization (percentage of request)"
                } else {
                    let m = "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set"
                    out.fail(Failure(reason: type == "Resource" ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric",
                                     message: m, wrapped: "failed to get \(resource) resource metric value: \(m)"))
                    continue
                }
                do {
                    let p = try HPAReplicaCalculator.replicas(current: current, target: target, resource: resource, pods: samples, now: now)
                    var cur: Value = ["averageValue": .string(Quantity(milli: p.average).description)]
                    if let u = p.utilization { cur["averageUtilization"] = .int(u) }
                    var st: Value = ["name": .string(resource), "current": cur]
                    if let container { st["container"] = .string(container) }
                    var entry: Value = ["type": .string(type)]
                    entry[key] = st
                    out.statuses.append(entry)
                    out.propose(p.replicas, name)
                } catch {
                    let m = "failed to get \(resource) utilization: \(error.message)"
                    out.fail(Failure(reason: type == "Resource" ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric",
                                     message: m, wrapped: "failed to get \(resource) \(container == nil ? "" : "container ")resource metric value: \(m)"))
                }
            case "Pods":
                let metric = spec[path: "pods", "metric", "name"]?.stringValue ?? ""
                let m = "unable to get metric \(metric): unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered"
                out.fail(Failure(reason: "FailedGetPodsMetric", message: m, wrapped: "failed to get pods metric value: \(m)"))
            case "Object":
                let metric = spec[path: "object", "metric", "name"]?.stringValue ?? ""
                let m = "unable to get metric \(metric): unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered"
                out.fail(Failure(reason: "FailedGetObjectMetric", message: m, wrapped: "failed to get object metric value: \(m)"))
            case "External":
                let metric = spec[path: "external", "metric", "name"]?.stringValue ?? ""
                let m = "unable to get external metric \(metric): unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered"
                out.fail(Failure(reason: "FailedGetExternalMetric", message: m, wrapped: "failed to get external metric value: \(m)"))
            default:
                let m = "unknown metric source type \"\(type)\""
                out.fail(Failure(reason: "InvalidMetricSourceType", message: m, wrapped: m))
            }
        }
        return out
    }
}

private extension HPAMetrics.Evaluation {
    mutating func propose(_ n: Int, _ name: String) {
        if replicas == nil || n > replicas! { replicas = n; metricName = name }
    }

    mutating func fail(_ f: HPAMetrics.Failure) {
        failures.append(f)
        statuses.append(["type": ""])
    }
}
