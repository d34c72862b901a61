// How far the HorizontalPodAutoscaler moves a target in one step: the stabilization window that keeps it from
// scaling down on a dip, the scale-up rate limit, min/max, and the `behavior` policies when the object has them.
// What it remembers between syncs lives in `HPAScaling.Memory`, one per autoscaler.

enum HPAScaling {
    /// `--horizontal-pod-autoscaler-downscale-stabilization`.
    static let downscaleStabilization = Duration.seconds(300)

    /// A condition as the controller sets it: type, status, reason and message.
    struct Condition: Equatable {
        var type: String, status: Bool, reason: String, message: String
    }

    /// What the controller remembers of one autoscaler: its recent recommendations and scale changes.
    struct Memory {
        var recommendations: [(replicas: Int, at: Timestamp)] = []
        var scaleUps: [(change: Int, at: Timestamp)] = []
        var scaleDowns: [(change: Int, at: Timestamp)] = []
    }

    /// One autoscaling direction's rules (`spec.behavior.scaleUp|scaleDown`), as defaulted.
    struct Rules: Equatable {
        struct Policy: Equatable { var type: String, value: Int, periodSeconds: Int }
        var stabilizationSeconds: Int
        var selectPolicy: String
        var policies: [Policy]

        init(_ v: Value?, defaultWindow: Int) {
            stabilizationSeconds = v?["stabilizationWindowSeconds"]?.intValue ?? defaultWindow
            selectPolicy = v?["selectPolicy"]?.stringValue ?? "Max"
            policies = (v?["policies"]?.arrayValue ?? []).map {
                Policy(type: $0["type"]?.stringValue ?? "", value: $0["value"]?.intValue ?? 0,
                       periodSeconds: $0["periodSeconds"]?.intValue ?? 0)
            }
        }
    }

    /// The count to scale to from `current`, given the metrics' `proposed` count, and the AbleToScale and
    /// ScalingLimited conditions that explain it. Records the recommendation in `memory`.
    static func normalize(current: Int, proposed: Int, min lo: Int, max hi: Int, behavior: Value?,
                          memory: inout Memory, now: Timestamp) -> (replicas: Int, able: Condition, limited: Condition) {
        guard let behavior, behavior.isObject else {
            let stabilized = stabilize(proposed, memory: &memory, now: now)
            let able = stabilized != proposed
                ? Condition(type: "AbleToScale", status: true, reason: "ScaleDownStabilized",
                            message: "recent recommendations were higher than current one, applying the highest recent recommendation")
                : ready
            let (n, reason, message) = limit(current: current, desired: stabilized, min: lo, max: hi)
            return (n, able, Condition(type: "ScalingLimited", status: n != stabilized, reason: reason, message: message))
        }
        let up = Rules(behavior["scaleUp"], defaultWindow: 0)
        let down = Rules(behavior["scaleDown"], defaultWindow: Int(downscaleStabilization.ms / 1000))
        let (stabilized, reason, message) = stabilize(current: current, desired: proposed, up: up, down: down,
                                                      memory: &memory, now: now)
        let able = stabilized != proposed ? Condition(type: "AbleToScale", status: true, reason: reason, message: message) : ready
        let (n, r, m) = limit(current: current, desired: stabilized, min: lo, max: hi, up: up, down: down, memory: memory, now: now)
        return (n, able, Condition(type: "ScalingLimited", status: n != stabilized, reason: r, message: m))
    }

    static let ready = Condition(type: "AbleToScale", status: true, reason: "ReadyForNewScale",
                                 message: "recommended size matches current size")

    /// Records a change made, for the `behavior` policies' periods.
    static func recordScale(from old: Int, to new: Int, behavior: Value?, memory: inout Memory, now: Timestamp) {
        guard let behavior, behavior.isObject else { return }
        func longest(_ r: Rules) -> Int64 { Int64(r.policies.map(\.periodSeconds).max() ?? 0) * 1000 }
        if new > old {
            let keep = longest(Rules(behavior["scaleUp"], defaultWindow: 0))
            memory.scaleUps.removeAll { now.ms - $0.at.ms > keep }
            memory.scaleUps.append((new - old, now))
        } else {
            let keep = longest(Rules(behavior["scaleDown"], defaultWindow: 0))
            memory.scaleDowns.removeAll { now.ms - $0.at.ms > keep }
            memory.scaleDowns.append((old - new, now))
        }
    }

    /// Without `behavior`: the highest recommendation of the stabilization window, this one included.
    private static func stabilize(_ proposed: Int, memory: inout Memory, now: Timestamp) -> Int {
        let cutoff = now.ms - downscaleStabilization.ms
        var highest = proposed
        for r in memory.recommendations where r.at.ms >= cutoff { highest = max(highest, r.replicas) }
        memory.recommendations.removeAll { $0.at.ms < cutoff }
        memory.recommendations.append((proposed, now))
        return highest
    }

    /// With `behavior`: kept between the lowest recommendation of the scale-up window and the highest of the
    /// scale-down window.
    private static func stabilize(current: Int, desired: Int, up: Rules, down: Rules, memory: inout Memory,
                                  now: Timestamp) -> (Int, String, String) {
        let upCut = now.ms - Int64(up.stabilizationSeconds) * 1000, downCut = now.ms - Int64(down.stabilizationSeconds) * 1000
        var upRec = desired, downRec = desired
        for r in memory.recommendations {
            if r.at.ms > upCut { upRec = min(upRec, r.replicas) }
            if r.at.ms > downCut { downRec = max(downRec, r.replicas) }
        }
        memory.recommendations.removeAll { $0.at.ms < upCut && $0.at.ms < downCut }
        memory.recommendations.append((desired, now))
        let n = min(max(current, upRec), downRec)
        if desired >= current {
            return (n, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
        }
        return (n, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
    }

    /// Without `behavior`: min/max, and at most double (or 4) per step.
    static func limit(current: Int, desired: Int, min lo: Int, max hi: Int) -> (Int, String, String) {
        let upLimit = max(2 * current, 4)
        let (ceiling, reason, message) = hi > upLimit
            ? (upLimit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
            : (hi, "TooManyReplicas", "the desired replica count is more than the maximum replica count")
        if desired < lo { return (lo, "TooFewReplicas", "the desired replica count is less than the minimum replica count") }
        if desired > ceiling { return (ceiling, reason, message) }
        return (desired, "DesiredWithinRange", "the desired count is within the acceptable range")
    }

    /// With `behavior`: min/max and each direction's policies over their periods.
    private static func limit(current: Int, desired: Int, min lo: Int, max hi: Int, up: Rules, down: Rules,
                              memory: Memory, now: Timestamp) -> (Int, String, String) {
        func changed(_ events: [(change: Int, at: Timestamp)], _ period: Int) -> Int {
            events.filter { $0.at.ms > now.ms - Int64(period) * 1000 }.reduce(0) { $0 + $1.change }
        }
        if desired > current {
            var limit = current
            if up.selectPolicy != "Disabled" {
                var result = up.selectPolicy == "Min" ? Int.max : Int.min
                for p in up.policies {
                    let start = current - changed(memory.scaleUps, p.periodSeconds) + changed(memory.scaleDowns, p.periodSeconds)
                    let proposed = p.type == "Pods" ? start + p.value : Int((Double(start) * (1 + Double(p.value) / 100)).rounded(.up))
                    result = up.selectPolicy == "Min" ? min(result, proposed) : max(result, proposed)
                }
                limit = max(result, current)
            }
            if hi > limit {
                if desired > limit { return (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate") }
            } else if desired > hi {
                return (hi, "TooManyReplicas", "the desired replica count is more than the maximum replica count")
            }
        } else if desired < current {
            var limit = current
            if down.selectPolicy != "Disabled" {
                var result = down.selectPolicy == "Min" ? Int.min : Int.max
                for p in down.policies {
                    let start = current - changed(memory.scaleUps, p.periodSeconds) + changed(memory.scaleDowns, p.periodSeconds)
                    let proposed = p.type == "Pods" ? start - p.value : Int(Double(start) * (1 - Double(p.value) / 100))
                    result = down.selectPolicy == "Min" ? max(result, proposed) : min(result, proposed)
                }
                limit = min(result, current)
            }
            if lo < limit {
                if desired < limit { return (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate") }
            } else if desired < lo {
                return (lo, "TooFewReplicas", "the desired replica count is less than the minimum replica count")
            }
        }
        return (desired, "DesiredWithinRange", "the desired count is within the acceptable range")
    }
}
