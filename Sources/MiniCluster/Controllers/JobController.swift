// The Job controller (pkg/controller/job, NonIndexed completion mode): runs pods from the template until
// `completions` of them succeed, at most `parallelism` at a time, replaces failed pods after a doubling back-off,
// and fails the Job past `backoffLimit` or `activeDeadlineSeconds`. Conditions are written as 1.32 writes them,
// with the interim `SuccessCriteriaMet` / `FailureTarget` before `Complete` / `Failed`.
//
// Upstream counts finished pods through a `batch.kubernetes.io/job-tracking` finalizer; here the pods of a Job are
// never deleted behind its back, so the controller remembers which pods it has counted instead (rebuilt from the
// pods present when that memory is missing) and leaves the finalizer out.

public final class JobController: Controller {
    public let name = "job-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let jobType: ResourceType
    let podType: ResourceType
    /// Most pods created or deleted in one sync (MaxPodCreateDeletePerSync).
    public var burst = 500

    /// Pod keys by the uid of the Job that controls them, kept from store events (built by a list when missing).
    private var podsByJob: [String: Set<ObjectKey>] = [:]
    /// Per Job uid, the uids of finished pods already added to `status.succeeded` / `status.failed`.
    private var counted: [String: Set<String>] = [:]
    /// Per Job uid, the pods it deleted itself.
    private var removed: [String: Set<String>] = [:]
    private let refs = ControllerRefMemo()
    private var hot = HotLoopGuard()

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        jobType = api.registry.lookup(kind: "Job")!
        podType = api.registry.lookup(kind: "Pod")!
    }

    public var watchedResources: [ResourceType]? { [jobType, podType] }
    /// Only its own pods reach `keys(for:)`.
    public var podOwnerKinds: Set<String>? { ["Job"] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == jobType {
            if e.type == .deleted {
                podsByJob[e.object.uid] = nil
                counted[e.object.uid] = nil
                removed[e.object.uid] = nil
                return []
            }
            return [e.objectKey]
        }
        guard e.resource == podType else { return [] }
        // Most pods belong to ReplicaSets: one memo read (shared stored references) answers "not mine".
        let newRefs = e.object[path: "metadata", "ownerReferences"]
        let now = refs.read(newRefs)
        var sameRefs = e.statusOnly
        if !sameRefs, let old = e.oldObject {
            if let o = old[path: "metadata", "ownerReferences"], let n = newRefs { sameRefs = o.isIdentical(to: n) }
            else { sameRefs = old[path: "metadata", "ownerReferences"] == nil && newRefs == nil }
        } else if e.oldObject == nil { sameRefs = true }
        if sameRefs, now.kind != "Job" { return [] }
        var out: [String] = []
        let k = e.key
        func note(_ read: ControllerRefMemo.Read, deleted: Bool) {
            guard read.kind == "Job", let uid = read.uid, let n = read.name else { return }
            if podsByJob[uid] != nil {
                if deleted { podsByJob[uid]?.remove(k) } else { podsByJob[uid]?.insert(k) }
            }
            out.append(ControllerKey.join(k.namespace, n))
        }
        if !sameRefs, let old = e.oldObject {
            let before = ControllerRefMemo.Read(old.ownerReferences)
            if before.uid != now.uid { note(before, deleted: true) }
        }
        note(now, deleted: e.type == .deleted)
        return out
    }

    public func sync(_ key: String) {
        guard hot.allow(key, now: api.clock.now) else { manager.enqueue(key, for: self, after: .seconds(1)); return }
        let (ns, n) = ControllerKey.split(key)
        guard let job = try? api.get(jobType, namespace: ns, name: n), job.deletionTimestamp == nil else { return }
        if JobStatus.finished(job) != nil { return }
        let pods = ownedPods(job)
        let now = api.clock.now
        var s = JobStatus(job: job, pods: pods, counted: counted[job.uid], removed: removed[job.uid] ?? [], now: now)
        defer { counted[job.uid] = s.counted; removed[job.uid] = s.removed }
        let spec = job["spec"] ?? .emptyObject
        let suspended = spec["suspend"]?.boolValue == true
        if s.startTime == nil, !suspended { s.startTime = now }
        // An interim condition from an earlier sync stands: the Job only waits for its pods to be gone.
        var finish = s.interimFinish() ?? s.failureReason(spec, pods: pods, now: now)
        if finish == nil, let ads = spec["activeDeadlineSeconds"]?.intValue, !suspended, let start = s.startTime {
            manager.enqueue(key, for: self, after: start + .seconds(Int64(ads)) - now)
        }
        if finish != nil {
            // Active pods of a failed Job are deleted, and counted as failed.
            let deleted = deletePods(job, s.active, count: s.active.count, &s)
            s.failed += deleted
            s.activeCount -= deleted
            s.terminating += deleted
            s.ready = 0
        } else {
            if suspended {
                suspend(job, &s, now: now)
            } else {
                resumeIfSuspended(job, &s, now: now)
                manage(job, &s, now: now, key: key)
            }
            if s.isComplete(spec) { finish = ("CompletionsReached", "Reached expected number of succeeded pods", true) }
        }
        writeStatus(job, s, finish: finish, now: now)
    }

    /// The pods this Job controls (by its uid), from the index, built from a list the first time.
    private func ownedPods(_ job: Value) -> [Value] {
        let uid = job.uid
        if podsByJob[uid] == nil {
            let sel = (try? LabelSelector(object: job[path: "spec", "selector"])) ?? .nothing
            let mine = api.list(podType, namespace: job.metadataNamespace, selector: sel)
                .filter { OwnerRefs.controller(of: $0)?["uid"]?.stringValue == uid }
            podsByJob[uid] = Set(mine.map { ObjectKey(namespace: $0.metadataNamespace ?? "", name: $0.metadataName) })
        }
        return (podsByJob[uid] ?? []).sorted { $0.name < $1.name }.compactMap { api.store.get(podType, $0) }
            .filter { OwnerRefs.controller(of: $0)?["uid"]?.stringValue == uid }
    }

    /// Creates pods toward the active count the Job wants (after the failure back-off) or deletes extra ones.
    private func manage(_ job: Value, _ s: inout JobStatus, now: Timestamp, key: String) {
        let want = s.wantActive(job["spec"] ?? .emptyObject)
        if s.activeCount > want {
            let ranked = PodDeletionRank.sorted(s.active, now: now, relatedPods: s.active)
            let deleted = deletePods(job, ranked, count: min(s.activeCount - want, burst), &s)
            s.activeCount -= deleted
            s.terminating += deleted
            return
        }
        guard s.activeCount < want else { return }
        let wait = s.backoffRemaining(now: now)
        if wait.ms > 0 { manager.enqueue(key, for: self, after: wait); return }
        let pod = Self.pod(for: job), n = min(want - s.activeCount, burst)
        let indexes: [Int?] = JobIndexes.isIndexed(job)
            ? JobIndexes.toCreate(count: n, completions: job[path: "spec", "completions"]?.intValue ?? 0,
                                  succeeded: s.succeededIndexes, active: s.activeIndexes)
            : Array(repeating: nil, count: n)
        for index in indexes {
            let pod = index.map { JobIndexes.pod(pod, job: job, index: $0) } ?? pod
            do {
                let created = try api.create(podType, pod, namespace: job.metadataNamespace, strict: false)
                events.record(job, reason: "SuccessfulCreate", message: "Created pod: \(created.metadataName)", component: name)
                s.activeCount += 1
            } catch {
                let message = (error as? APIError)?.message ?? "\(error)"
                events.record(job, type: "Warning", reason: "FailedCreate", message: "Error creating: \(message)", component: name)
                return
            }
        }
    }

    /// A suspended Job keeps no pods running and says so in a `Suspended` condition.
    private func suspend(_ job: Value, _ s: inout JobStatus, now: Timestamp) {
        let deleted = deletePods(job, s.active, count: s.active.count, &s)
        s.activeCount -= deleted
        s.terminating += deleted
        if s.setCondition("Suspended", reason: "JobSuspended", message: "Job suspended", now: now) {
            events.record(job, reason: "Suspended", message: "Job suspended", component: name)
        }
    }

    /// A resumed Job flips `Suspended` to False and starts its deadline clock again.
    private func resumeIfSuspended(_ job: Value, _ s: inout JobStatus, now: Timestamp) {
        guard let i = s.conditions.firstIndex(where: { $0["type"]?.stringValue == "Suspended" }),
              s.conditions[i]["status"]?.stringValue == "True" else { return }
        s.conditions[i] = JobStatus.condition("Suspended", status: "False", reason: "JobResumed", message: "Job resumed", now: now)
        s.startTime = now
        events.record(job, reason: "Resumed", message: "Job resumed", component: name)
    }

    /// Deletes up to `count` of `pods`; returns how many went. They are marked counted: the caller decides whether
    /// they count as failed (a failed Job's) or not at all (suspension, lower parallelism).
    private func deletePods(_ job: Value, _ pods: [Value], count: Int, _ s: inout JobStatus) -> Int {
        var n = 0
        for pod in pods.prefix(count) {
            guard (try? api.delete(podType, namespace: pod.metadataNamespace, name: pod.metadataName)) != nil else { continue }
            s.counted.insert(pod.uid)
            s.removed.insert(pod.uid)
            events.record(job, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.metadataName)", component: name)
            n += 1
        }
        return n
    }

    /// Writes the status when it changed. A finished Job first gets the interim `SuccessCriteriaMet` or
    /// `FailureTarget`, and `Complete` or `Failed` (with its event) once none of its pods is still terminating
    /// (1.32 delays the terminal condition so, with JobPodReplacementPolicy on).
    private func writeStatus(_ job: Value, _ s: JobStatus, finish: (reason: String, message: String, success: Bool)?, now: Timestamp) {
        var s = s
        var terminal = false
        if let finish {
            let (interim, final) = finish.success ? ("SuccessCriteriaMet", "Complete") : ("FailureTarget", "Failed")
            s.addCondition(interim, reason: finish.reason, message: finish.message, now: now)
            if s.terminating == 0 {
                s.addCondition(final, reason: finish.reason, message: finish.message, now: now)
                if finish.success { s.completionTime = now }
                terminal = true
            }
        }
        let status = s.value
        if status != job["status"] {
            _ = try? api.updateStatus(jobType, namespace: job.metadataNamespace, name: job.metadataName, status: status)
        }
        guard let finish, terminal else { return }
        if finish.success {
            events.record(job, reason: "Completed", message: "Job completed", component: name)
        } else {
            events.record(job, type: "Warning", reason: finish.reason, message: finish.message, component: name)
        }
    }

    /// The pod a Job creates: its template, named by the API server from `<job>-`, controlled by the Job.
    static func pod(for job: Value) -> Value {
        let template = job[path: "spec", "template"] ?? .emptyObject
        var meta: Value = ["generateName": .string(ReplicaSetController.generateNamePrefix(job.metadataName)),
                           "namespace": .string(job.metadataNamespace ?? "default")]
        for f in ["labels", "annotations", "finalizers"] {
            if let v = template[path: "metadata", f], !v.isNull { meta[f] = v }
        }
        meta["ownerReferences"] = [OwnerRefs.reference(to: job)]
        return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template["spec"] ?? .emptyObject]
    }
}
