// The HorizontalPodAutoscaler's arithmetic, as kube-controller-manager's replica calculator does it for resource
// metrics: pods grouped into ready, unready, missing and ignored; utilization against requests; a tolerance; and
// the cautious treatment of pods without samples. Pure functions of the pods' state, tested by tables.

/// One pod of the scale target as the calculator sees it.
struct HPAPod {
    var name: String
    var phase: String
    var deleting = false
    /// The Ready condition: its status and when it last changed; nil when the pod has none.
    var ready: (status: Bool, since: Timestamp)?
    var startTime: Timestamp?
    /// The resource's usage in milli-units (millicores; bytes × 1000), nil without a sample.
    var usage: Int64?
    /// The containers' summed request in milli-units, or the first container without one.
    var request: Result<Int64, MissingRequest>

    struct MissingRequest: Error { let container: String }
}

/// A failure the controller words into its events and conditions.
struct HPAError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}

enum HPAReplicaCalculator {
    /// kube-controller-manager's defaults (`--horizontal-pod-autoscaler-*`).
    static let tolerance = 0.1
    static let cpuInitializationPeriod = Duration.seconds(300)
    static let delayOfInitialReadinessStatus = Duration.seconds(30)

    enum Target: Equatable {
        /// A percentage of the pods' requests.
        case utilization(Int)
        /// An average per pod, in milli-units.
        case averageValue(Int64)
    }

    struct Proposal: Equatable {
        var replicas: Int
        /// The measured utilization (percent), for a utilization target.
        var utilization: Int?
        /// The average usage per pod counted, in milli-units.
        var average: Int64
    }

    /// The replica count the metric asks for, given `current` replicas and the target's pods.
    static func replicas(current: Int, target: Target, resource: String, pods: [HPAPod], now: Timestamp) throws(HPAError) -> Proposal {
        var metrics: [String: Int64] = [:]
        for p in pods { if let u = p.usage { metrics[p.name] = u } }
        if metrics.isEmpty {
            throw HPAError("unable to get metrics for resource \(resource): no metrics returned from resource metrics API")
        }
        if pods.isEmpty { throw HPAError("no pods returned by selector while calculating replica count") }
        let groups = group(pods, resource: resource, now: now)
        for name in groups.ignored.union(groups.unready) { metrics[name] = nil }
        if metrics.isEmpty { throw HPAError("did not receive metrics for targeted pods (pods might be unready)") }

        // Requests matter only for a utilization target (an average value is compared as it is).
        var requests: [String: Int64] = [:]
        if case .utilization = target {
            for p in pods {
                switch p.request {
                case .success(let r): requests[p.name] = r
                case .failure(let m): throw HPAError("missing request for \(resource) in container \(m.container) of Pod \(p.name)")
                }
            }
        }

        func ratio(_ metrics: [String: Int64]) throws(HPAError) -> (ratio: Double, utilization: Int?, average: Int64) {
            switch target {
            case .utilization(let t):
                var used: Int64 = 0, requested: Int64 = 0, n: Int64 = 0
                for (name, m) in metrics {
                    guard let r = requests[name] else { continue }
                    used += m; requested += r; n += 1
                }
                if requested == 0 { throw HPAError("no metrics returned matched known pods") }
                let u = Int(used * 100 / requested)
                return (Double(u) / Double(t), u, used / n)
            case .averageValue(let t):
                let avg = metrics.values.reduce(0, +) / Int64(metrics.count)
                return (Double(avg) / Double(t), nil, avg)
            }
        }

        let first = try ratio(metrics)
        let usage = first.ratio
        let scaleUpWithUnready = !groups.unready.isEmpty && usage > 1
        if !scaleUpWithUnready && groups.missing.isEmpty {
            if abs(1 - usage) <= tolerance { return Proposal(replicas: current, utilization: first.utilization, average: first.average) }
            return Proposal(replicas: Int((usage * Double(groups.readyCount)).rounded(.up)), utilization: first.utilization,
                            average: first.average)
        }
        // Pods without a sample count as fully busy when scaling down and idle when scaling up; unready pods as
        // idle when scaling up: the calculator moves only when the missing data could not reverse the decision.
        for name in groups.missing {
            if usage < 1 {
                switch target {
                case .utilization(let t): metrics[name] = (requests[name] ?? 0) * Int64(max(100, t)) / 100
                case .averageValue(let t): metrics[name] = t
                }
            } else if usage > 1 {
                metrics[name] = 0
            }
        }
        if scaleUpWithUnready { for name in groups.unready { metrics[name] = 0 } }
        let second = try ratio(metrics).ratio
        let keep = Proposal(replicas: current, utilization: first.utilization, average: first.average)
        if abs(1 - second) <= tolerance || (usage < 1 && second > 1) || (usage > 1 && second < 1) { return keep }
        let proposed = Int((second * Double(metrics.count)).rounded(.up))
        if (second < 1 && proposed > current) || (second > 1 && proposed < current) { return keep }
        return Proposal(replicas: proposed, utilization: first.utilization, average: first.average)
    }

    struct Groups: Equatable {
        var readyCount = 0
        var unready: Set<String> = []
        var missing: Set<String> = []
        var ignored: Set<String> = []
    }

    /// Sorts the pods as the calculator counts them: deleted and Failed pods are ignored, Pending ones unready, pods
    /// without a sample missing; for CPU, a pod still starting up (or never yet ready) is unready too, so that its
    /// start-up burst does not scale the target.
    static func group(_ pods: [HPAPod], resource: String, now: Timestamp) -> Groups {
        var g = Groups()
        for p in pods {
            if p.deleting || p.phase == "Failed" { g.ignored.insert(p.name); continue }
            if p.phase == "Pending" { g.unready.insert(p.name); continue }
            guard p.usage != nil else { g.missing.insert(p.name); continue }
            if resource == "cpu" {
                var unready: Bool
                if let ready = p.ready, let start = p.startTime {
                    if now < start + cpuInitializationPeriod {
                        // The sample is taken now over `window`: it must not reach back before the last transition.
                        unready = !ready.status || now < ready.since + ResourceMetrics.window
                    } else {
                        unready = !ready.status && ready.since < start + delayOfInitialReadinessStatus
                    }
                } else {
                    unready = true
                }
                if unready { g.unready.insert(p.name); continue }
            }
            g.readyCount += 1
        }
        return g
    }
}
