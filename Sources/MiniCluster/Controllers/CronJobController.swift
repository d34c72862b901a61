// The CronJob controller (pkg/controller/cronjob, v2): at each time the schedule names (UTC, virtual clock) it
// creates a Job `<cronjob>-<minutes since the epoch>` from the jobTemplate, honouring `suspend`,
// `concurrencyPolicy` and `startingDeadlineSeconds`; it keeps `status.active`, `lastScheduleTime` and
// `lastSuccessfulTime`, and deletes finished Jobs beyond the history limits.

public final class CronJobController: Controller {
    public let name = "cronjob-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let cronType: ResourceType
    let jobType: ResourceType
    static let scheduledAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        cronType = api.registry.lookup(kind: "CronJob")!
        jobType = api.registry.lookup(kind: "Job")!
    }

    public var watchedResources: [ResourceType]? { [cronType, jobType] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == cronType { return e.type == .deleted ? [] : [e.objectKey] }
        var out: [String] = []
        for obj in [e.oldObject, e.object].compactMap({ $0 }) {
            if let ref = OwnerRefs.controller(of: obj), ref["kind"]?.stringValue == "CronJob", let n = ref["name"]?.stringValue {
                let k = ControllerKey.join(e.key.namespace, n)
                if !out.contains(k) { out.append(k) }
            }
        }
        return out
    }

    public func sync(_ key: String) {
        let (ns, n) = ControllerKey.split(key)
        guard let cj = try? api.get(cronType, namespace: ns, name: n), cj.deletionTimestamp == nil else { return }
        let now = api.clock.now
        var status = cj["status"]?.objectValue.map(Value.object) ?? .emptyObject
        let jobs = api.list(jobType, namespace: ns).filter { OwnerRefs.controller(of: $0)?["uid"]?.stringValue == cj.uid }
        var active = status["active"]?.arrayValue ?? []
        reconcileActive(cj, jobs, &active, &status)
        startDueJob(cj, key: key, now: now, &active, &status)
        // Upstream cleans up after the sync proper, from the Jobs it listed before creating one.
        cleanupHistory(cj, jobs)
        writeStatus(cj, status, active)
    }

    /// Creates the Job for the latest activation not yet started, as `suspend` and `concurrencyPolicy` allow,
    /// and asks to be synced again at the next one.
    private func startDueJob(_ cj: Value, key: String, now: Timestamp, _ active: inout [Value], _ status: inout Value) {
        let ns = cj.metadataNamespace ?? ""
        let spec = cj["spec"] ?? .emptyObject
        guard spec["suspend"]?.boolValue != true,
              let schedule = CronSchedule(spec["schedule"]?.stringValue ?? "") else { return }
        var zone = CronTimeZone.utc
        if let name = spec["timeZone"]?.stringValue {
            guard let z = CronTimeZone(identifier: name) else {
                events.record(cj, type: "Warning", reason: "UnknownTimeZone", message: "invalid timeZone: \(GoValue.quote(name)): unknown time zone \(name)",
                              component: self.name)
                return
            }
            zone = z
        }
        let last = status["lastScheduleTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
        var earliest = last ?? cj.creationTimestamp ?? now
        let deadline = spec["startingDeadlineSeconds"]?.intValue
        if let deadline {
            let oldest = now + .seconds(-Int64(deadline))
            if oldest > earliest { earliest = oldest }
        }
        if let next = schedule.next(after: now, in: zone) { manager.enqueue(key, for: self, after: next - now) }
        guard let (scheduled, missed) = schedule.mostRecent(after: earliest, upTo: now, in: zone) else { return }
        if missed > 100 {
            events.record(cj, type: "Warning", reason: "TooManyMissedTimes",
                          message: "too many missed start times: \(missed). Set or decrease .spec.startingDeadlineSeconds or check clock skew",
                          component: name)
        }
        let policy = spec["concurrencyPolicy"]?.stringValue ?? "Allow"
        if policy == "Forbid", !active.isEmpty {
            events.record(cj, reason: "JobAlreadyActive",
                          message: "Not starting job because prior execution is running and concurrency policy is Forbid", component: name)
            return
        }
        if policy == "Replace" {
            for ref in active {
                let jn = ref["name"]?.stringValue ?? ""
                guard (try? api.delete(jobType, namespace: ns, name: jn, propagation: .background)) != nil else { continue }
                events.record(cj, reason: "SuccessfulDelete", message: "Deleted job \(jn)", component: name)
            }
            active = []
        }
        let job = Self.job(for: cj, at: scheduled, zone: zone)
        do {
            let made = try api.create(jobType, job, namespace: ns, strict: false)
            events.record(cj, reason: "SuccessfulCreate", message: "Created job \(made.metadataName)", component: name)
            active.append(Self.reference(to: made))
        } catch let e as APIError where e.reason == .alreadyExists {
            // Made at an earlier sync whose status write was lost: it is ours already.
        } catch {
            let message = (error as? APIError)?.message ?? "\(error)"
            events.record(cj, type: "Warning", reason: "FailedCreate", message: "Error creating job: \(message)", component: name)
            return
        }
        status["lastScheduleTime"] = .string(scheduled.rfc3339)
    }

    /// Drops finished and vanished Jobs from `active` (with the events upstream records) and notes the last success.
    private func reconcileActive(_ cj: Value, _ jobs: [Value], _ active: inout [Value], _ status: inout Value) {
        let activeUIDs = Set(active.compactMap { $0["uid"]?.stringValue })
        var lastSuccess = status["lastSuccessfulTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
        for j in jobs {
            let finished = JobStatus.finished(j)
            let listed = activeUIDs.contains(j.uid)
            if finished == nil, !listed {
                events.record(cj, type: "Warning", reason: "UnexpectedJob",
                              message: "Saw a job that the controller did not create or forgot: \(j.metadataName)", component: name)
            } else if let finished, listed {
                active.removeAll { $0["uid"]?.stringValue == j.uid }
                events.record(cj, reason: "SawCompletedJob", message: "Saw completed job: \(j.metadataName), condition: \(finished)", component: name)
            }
            if finished == "Complete", let done = j[path: "status", "completionTime"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }),
               lastSuccess.map({ done > $0 }) ?? true {
                lastSuccess = done
            }
        }
        let present = Set(jobs.map(\.uid))
        for ref in active where !present.contains(ref["uid"]?.stringValue ?? "") {
            events.record(cj, reason: "MissingJob", message: "Active job went missing: \(ref["name"]?.stringValue ?? "")",
                          component: name)
        }
        active.removeAll { !present.contains($0["uid"]?.stringValue ?? "") }
        if let lastSuccess { status["lastSuccessfulTime"] = .string(lastSuccess.rfc3339) }
    }

    /// Deletes the oldest finished Jobs beyond `successfulJobsHistoryLimit` / `failedJobsHistoryLimit`.
    private func cleanupHistory(_ cj: Value, _ jobs: [Value]) {
        for (type, field) in [("Complete", "successfulJobsHistoryLimit"), ("Failed", "failedJobsHistoryLimit")] {
            guard let limit = cj[path: "spec", field]?.intValue else { continue }
            let done = Self.oldestFirst(jobs.filter { JobStatus.finished($0) == type })
            for j in done.prefix(max(0, done.count - limit)) {
                guard (try? api.delete(jobType, namespace: j.metadataNamespace, name: j.metadataName, propagation: .background)) != nil
                else { continue }
                events.record(cj, reason: "SuccessfulDelete", message: "Deleted job \(j.metadataName)", component: name)
            }
        }
    }

    /// By start time (Jobs not started last), then by name.
    static func oldestFirst(_ jobs: [Value]) -> [Value] {
        func start(_ j: Value) -> Timestamp? { j[path: "status", "startTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0) } }
        return jobs.sorted { a, b in
            switch (start(a), start(b)) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.metadataName < b.metadataName
            }
        }
    }

    private func writeStatus(_ cj: Value, _ status: Value, _ active: [Value]) {
        var status = status
        status["active"] = active.isEmpty ? nil : .array(active)
        if status != (cj["status"] ?? .emptyObject) {
            _ = try? api.updateStatus(cronType, namespace: cj.metadataNamespace, name: cj.metadataName, status: status)
        }
    }

    /// The Job for the activation at `scheduled`: the template's metadata and spec, named after the minute.
    static func job(for cj: Value, at scheduled: Timestamp, zone: CronTimeZone = .utc) -> Value {
        let template = cj[path: "spec", "jobTemplate"] ?? .emptyObject
        var meta: Value = ["name": .string("\(cj.metadataName)-\(scheduled.ms / 60_000)"),
                           "namespace": .string(cj.metadataNamespace ?? "default")]
        if let labels = template[path: "metadata", "labels"], !labels.isNull { meta["labels"] = labels }
        var annotations = template[path: "metadata", "annotations"]?.objectValue.map(Value.object) ?? .emptyObject
        annotations[scheduledAnnotation] = .string(zone.rfc3339(scheduled))
        meta["annotations"] = annotations
        meta["ownerReferences"] = [OwnerRefs.reference(to: cj)]
        return ["apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": template["spec"] ?? .emptyObject]
    }

    /// The object reference `status.active` lists.
    static func reference(to job: Value) -> Value {
        ["apiVersion": "batch/v1", "kind": "Job", "name": .string(job.metadataName), "namespace": .string(job.metadataNamespace ?? ""),
         "resourceVersion": job[path: "metadata", "resourceVersion"] ?? "", "uid": .string(job.uid)]
    }
}
