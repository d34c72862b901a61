// The pure part of the Job controller: classifying a Job's pods, counting finished ones once, how many should be
// active, the failure back-off, whether the Job failed or completed, and the status value 1.32 writes.

struct JobStatus {
    /// Pods not finished and not being deleted.
    var active: [Value] = []
    var activeCount = 0
    var ready = 0
    var terminating = 0
    var succeeded = 0
    var failed = 0
    var startTime: Timestamp?
    var completionTime: Timestamp?
    var conditions: [Value] = []
    /// Indexed mode: the indexes that succeeded (`succeeded` is their number) and those with an active pod.
    var indexed = false
    var succeededIndexes: Set<Int> = []
    var activeIndexes: Set<Int> = []
    /// Uids of finished pods already in `succeeded` / `failed`.
    var counted: Set<String> = []
    /// Uids of pods the controller deleted itself (suspension, lower parallelism): no failures for the back-off.
    var removed: Set<String> = []
    /// Finish times of failed and succeeded pods present (for the back-off).
    private var failedAt: [Timestamp] = []
    private var succeededAt: [Timestamp] = []

    /// Reads the Job's stored counters and adds the pods that finished since (`counted` nil: nothing remembered,
    /// so the finished pods present are taken as already counted).
    init(job: Value, pods: [Value], counted remembered: Set<String>?, removed: Set<String> = [], now: Timestamp) {
        self.removed = removed
        let st = job["status"] ?? .emptyObject
        succeeded = st["succeeded"]?.intValue ?? 0
        failed = st["failed"]?.intValue ?? 0
        startTime = st["startTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
        conditions = st["conditions"]?.arrayValue ?? []
        counted = remembered ?? []
        for p in pods {
            let phase = p[path: "status", "phase"]?.stringValue ?? ""
            let finished = phase == "Succeeded" || phase == "Failed", deleting = p.deletionTimestamp != nil
            if finished {
                let at = Self.finishTime(p) ?? now
                if phase == "Succeeded" { succeededAt.append(at) } else { failedAt.append(at) }
            } else if deleting {
                terminating += 1
                // Deleted by someone else: a failure, at the time of the deletion request.
                if phase != "Succeeded", !removed.contains(p.uid), let at = p.deletionTimestamp {
                    let grace = p[path: "metadata", "deletionGracePeriodSeconds"]?.intValue ?? 0
                    failedAt.append(at + .seconds(-Int64(grace)))
                }
            } else {
                active.append(p)
                if PodUtil.isReady(p) { ready += 1 }
            }
            // A pod deleted before it succeeded counts as failed (upstream's isPodFailed), unless the controller
            // deleted it itself and marked it counted then.
            guard phase == "Succeeded" || phase == "Failed" || deleting else { continue }
            if remembered == nil { counted.insert(p.uid); continue }
            if counted.insert(p.uid).inserted { if phase == "Succeeded" { succeeded += 1 } else { failed += 1 } }
        }
        activeCount = active.count
        if JobIndexes.isIndexed(job) {
            // Succeeded indexes, not pods, count: a second success for an index adds nothing.
            indexed = true
            let completions = job[path: "spec", "completions"]?.intValue ?? 0
            succeededIndexes = JobIndexes.parse(st["completedIndexes"]?.stringValue)
            for p in pods where p[path: "status", "phase"]?.stringValue == "Succeeded" {
                if let i = JobIndexes.index(of: p), i < completions { succeededIndexes.insert(i) }
            }
            succeeded = succeededIndexes.count
            activeIndexes = Set(active.compactMap(JobIndexes.index(of:)))
        }
    }

    /// When the pod's last container stopped.
    static func finishTime(_ pod: Value) -> Timestamp? {
        (pod[path: "status", "containerStatuses"]?.arrayValue ?? [])
            .compactMap { $0[path: "state", "terminated", "finishedAt"]?.stringValue.flatMap { Timestamp(rfc3339: $0) } }.max()
    }

    /// How many pods should run: the remaining completions up to `parallelism`; without `completions`, pods run
    /// until one succeeds and then no new ones start.
    func wantActive(_ spec: Value) -> Int {
        let parallelism = spec["parallelism"]?.intValue ?? 1
        guard let completions = spec["completions"]?.intValue else { return succeeded > 0 ? min(activeCount, parallelism) : parallelism }
        return max(0, min(completions - succeeded, parallelism))
    }

    /// Whether the Job has reached its completions with nothing left running.
    func isComplete(_ spec: Value) -> Bool {
        guard activeCount == 0 else { return false }
        if let completions = spec["completions"]?.intValue { return succeeded >= completions }
        return succeeded > 0
    }

    /// The reason and message of a failure the Job has reached, if any: too many failed pods (or, with
    /// `OnFailure`, container restarts), or running longer than `activeDeadlineSeconds`.
    func failureReason(_ spec: Value, pods: [Value], now: Timestamp) -> (reason: String, message: String, success: Bool)? {
        let limit = spec["backoffLimit"]?.intValue ?? 6
        if failed > limit || Self.pastBackoffLimitOnFailure(spec, active, limit: limit) {
            return ("BackoffLimitExceeded", "Job has reached the specified backoff limit", false)
        }
        if spec["suspend"]?.boolValue != true, let ads = spec["activeDeadlineSeconds"]?.intValue, let start = startTime,
           now >= start + .seconds(Int64(ads)) {
            return ("DeadlineExceeded", "Job was active longer than specified deadline", false)
        }
        return nil
    }

    /// The finish an interim condition written earlier already decided (`SuccessCriteriaMet` or `FailureTarget`).
    func interimFinish() -> (reason: String, message: String, success: Bool)? {
        for c in conditions where c["status"]?.stringValue == "True" {
            let reason = c["reason"]?.stringValue ?? "", message = c["message"]?.stringValue ?? ""
            switch c["type"]?.stringValue {
            case "SuccessCriteriaMet": return (reason, message, true)
            case "FailureTarget": return (reason, message, false)
            default: continue
            }
        }
        return nil
    }

    /// With `restartPolicy: OnFailure` the kubelet restarts containers in place: their restarts count instead.
    static func pastBackoffLimitOnFailure(_ spec: Value, _ active: [Value], limit: Int) -> Bool {
        guard spec[path: "template", "spec", "restartPolicy"]?.stringValue == "OnFailure" else { return false }
        var restarts = 0
        for p in active {
            for f in ["initContainerStatuses", "containerStatuses"] {
                for c in p[path: "status", f]?.arrayValue ?? [] { restarts += c["restartCount"]?.intValue ?? 0 }
            }
        }
        return limit == 0 ? restarts > 0 : restarts >= limit
    }

    static let firstBackoff = Duration.seconds(10)
    /// MaxJobPodFailureBackOff in the 1.32 source (the docs still say six minutes).
    static let maxBackoff = Duration.seconds(600)

    /// The back-off for `failures` failures in a row: 10 s, doubling, capped.
    static func backoff(failures: Int) -> Duration {
        guard failures > 0 else { return .milliseconds(0) }
        var d = firstBackoff
        for _ in 1..<failures {
            d = Duration(ms: d.ms * 2)
            if d.ms >= maxBackoff.ms { return maxBackoff }
        }
        return d
    }

    /// How long to wait before replacing a failed pod: the back-off for the failures since the last success,
    /// counted from the last failure.
    func backoffRemaining(now: Timestamp) -> Duration {
        let lastSuccess = succeededAt.max()
        let recent = failedAt.filter { lastSuccess == nil || $0 > lastSuccess! }
        guard let last = recent.max() else { return .milliseconds(0) }
        let remaining = Self.backoff(failures: recent.count).ms - (now - last).ms
        return Duration(ms: max(0, remaining))
    }

    /// Adds a true condition of `type` if the Job has none.
    mutating func addCondition(_ type: String, reason: String, message: String, now: Timestamp) {
        guard !conditions.contains(where: { $0["type"]?.stringValue == type }) else { return }
        conditions.append(Self.condition(type, status: "True", reason: reason, message: message, now: now))
    }

    /// Sets a condition to True (adding it or flipping it); returns whether it changed.
    mutating func setCondition(_ type: String, reason: String, message: String, now: Timestamp) -> Bool {
        if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) {
            guard conditions[i]["status"]?.stringValue != "True" else { return false }
            conditions[i] = Self.condition(type, status: "True", reason: reason, message: message, now: now)
            return true
        }
        conditions.append(Self.condition(type, status: "True", reason: reason, message: message, now: now))
        return true
    }

    static func condition(_ type: String, status: String, reason: String, message: String, now: Timestamp) -> Value {
        ["lastProbeTime": .string(now.rfc3339), "lastTransitionTime": .string(now.rfc3339), "message": .string(message),
         "reason": .string(reason), "status": .string(status), "type": .string(type)]
    }

    /// The `Complete` or `Failed` condition type of a finished Job, if it has one.
    static func finished(_ job: Value) -> String? {
        for c in job[path: "status", "conditions"]?.arrayValue ?? [] where c["status"]?.stringValue == "True" {
            if let t = c["type"]?.stringValue, t == "Complete" || t == "Failed" { return t }
        }
        return nil
    }

    /// The status as the API shows it: zero `active`/`succeeded`/`failed` omitted, `ready` and `terminating`
    /// always there, an empty `uncountedTerminatedPods`.
    var value: Value {
        var v: Value = ["ready": .int(ready), "terminating": .int(terminating), "uncountedTerminatedPods": .emptyObject]
        if activeCount > 0 { v["active"] = .int(activeCount) }
        if succeeded > 0 { v["succeeded"] = .int(succeeded) }
        if failed > 0 { v["failed"] = .int(failed) }
        if let startTime { v["startTime"] = .string(startTime.rfc3339) }
        if let completionTime { v["completionTime"] = .string(completionTime.rfc3339) }
        if indexed, !succeededIndexes.isEmpty { v["completedIndexes"] = .string(JobIndexes.format(succeededIndexes)) }
        if !conditions.isEmpty { v["conditions"] = .array(conditions) }
        return v
    }
}
