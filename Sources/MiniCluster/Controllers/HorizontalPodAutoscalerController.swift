// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go): every 15 s of virtual time
// it reads the target's scale and its pods' resource metrics, asks the replica calculator for a count, applies
// the stabilization and rate rules, writes the new replica count and reports status, conditions and events.

public final class HorizontalPodAutoscalerController: Controller {
    public let name = "horizontal-pod-autoscaler"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    /// The running containers metrics are read from (the kubelets), set once the cluster has them. Not weak: a
    /// weak reference would give the kubelets a side table and slow every retain and release of them (see
    /// `ClusterNetwork.containers`); the cluster owns both, and the controller only reads it while syncing.
    public unowned(unsafe) var directory: ContainerDirectory?
    let hpaType: ResourceType
    let podType: ResourceType
    /// `--horizontal-pod-autoscaler-sync-period`: each autoscaler is looked at this often, and first this long
    /// after it is created.
    static let syncPeriod = Duration.seconds(15)

    /// Keys with a sync already on the clock (an autoscaler's own status writes must not add more).
    private var pending: Set<String> = []
    private var memory: [String: HPAScaling.Memory] = [:]

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        hpaType = api.registry.lookup(kind: "HorizontalPodAutoscaler")!
        podType = api.registry.lookup(kind: "Pod")!
    }

    public var watchedResources: [ResourceType]? { [hpaType] }

    public func keys(for e: WatchEvent) -> [String] {
        let key = e.objectKey
        if e.type == .deleted { return [key] }
        // Changes wait for the next period, as the real work queue's fixed-interval limiter makes them.
        if pending.insert(key).inserted { manager.enqueue(key, for: self, after: Self.syncPeriod) }
        return []
    }

    public func sync(_ key: String) {
        pending.remove(key)
        let (ns, name) = ControllerKey.split(key)
        guard let hpa = try? api.get(hpaType, namespace: ns, name: name), hpa.deletionTimestamp == nil else {
            memory[key] = nil
            return
        }
        reconcile(hpa, key: key)
        if pending.insert(key).inserted { manager.enqueue(key, for: self, after: Self.syncPeriod) }
    }

    /// One autoscaler's conditions and status, built up during a sync as upstream's `setCondition` does.
    private struct Draft {
        var status: Value
        var conditions: [Value]
        let now: String

        init(_ hpa: Value, now: String) {
            status = hpa["status"] ?? .emptyObject
            conditions = status["conditions"]?.arrayValue ?? []
            self.now = now
        }

        mutating func set(_ c: HPAScaling.Condition) {
            let status: Value = .string(c.status ? "True" : "False")
            if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == c.type }) {
                if conditions[i]["status"] != status { conditions[i]["lastTransitionTime"] = .string(now) }
                conditions[i]["status"] = status
                conditions[i]["reason"] = .string(c.reason)
                conditions[i]["message"] = .string(c.message)
            } else {
                conditions.append(["type": .string(c.type), "status": status, "lastTransitionTime": .string(now),
                                   "reason": .string(c.reason), "message": .string(c.message)])
            }
        }

        mutating func set(_ type: String, _ status: Bool, _ reason: String, _ message: String) {
            set(HPAScaling.Condition(type: type, status: status, reason: reason, message: message))
        }
    }

    private func reconcile(_ hpa: Value, key: String) {
        let ns = hpa.metadataNamespace ?? "default"
        let spec = hpa["spec"] ?? .emptyObject
        var draft = Draft(hpa, now: api.clock.nowRFC3339)
        defer { write(hpa, draft) }

        let ref = spec["scaleTargetRef"] ?? .emptyObject
        let kind = ref["kind"]?.stringValue ?? "", targetName = ref["name"]?.stringValue ?? ""
        let target: Value
        let targetType: ResourceType
        do {
            guard let t = api.registry.lookup(kind: kind), Self.scalable.contains(kind) else {
                throw HPAError("no matches for kind \"\(kind)\" in group \"\(Self.group(ref["apiVersion"]?.stringValue ?? ""))\"")
            }
            targetType = t
            do { target = try api.get(t, namespace: ns, name: targetName) } catch let e as APIError { throw HPAError(e.message) }
        } catch {
            let message = (error as? HPAError)?.message ?? "\(error)"
            warn(hpa, "FailedGetScale", message)
            draft.set("AbleToScale", false, "FailedGetScale", "the HPA controller was unable to get the target's current scale: \(message)")
            return
        }
        draft.set("AbleToScale", true, "SucceededGetScale", "the HPA controller was able to get the target's current scale")
        let current = target[path: "spec", "replicas"]?.intValue ?? 1
        if memory[key] == nil { memory[key] = HPAScaling.Memory(recommendations: [(current, api.clock.now)]) }
        let lo = spec["minReplicas"]?.intValue ?? 1, hi = spec["maxReplicas"]?.intValue ?? 0

        var desired = 0, reason = "", rescale = true
        var statuses: [Value] = []
        if current == 0 && lo != 0 {
            rescale = false
            draft.set("ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero")
        } else if current > hi {
            desired = hi; reason = "Current number of replicas above Spec.MaxReplicas"
        } else if current < lo {
            desired = lo; reason = "Current number of replicas below Spec.MinReplicas"
        } else {
            let pods = self.pods(of: target, namespace: ns)
            let m = HPAMetrics.evaluate(spec["metrics"]?.arrayValue ?? [], current: current, pods: pods, now: api.clock.now)
            statuses = m.statuses
            for f in m.failures { warn(hpa, f.reason, f.message) }
            guard let proposal = m.replicas else {
                if let f = m.failures.first {
                    draft.set("ScalingActive", false, f.reason, "the HPA was unable to compute the replica count: \(f.message)")
                    warn(hpa, "FailedComputeMetricsReplicas", "invalid metrics (\(m.failures.count) invalid out of \(m.statuses.count)), first error is: \(f.wrapped)")
                }
                draft.status["currentReplicas"] = .int(current)
                draft.status["currentMetrics"] = statuses.isEmpty ? nil : .array(statuses)
                return
            }
            draft.set("ScalingActive", true, "ValidMetricFound", "the HPA was able to successfully calculate a replica count from \(m.metricName)")
            desired = proposal
            if desired > current { reason = "\(m.metricName) above target" }
            if desired < current { reason = "All metrics below target" }
            var mem = memory[key] ?? HPAScaling.Memory()
            let n = HPAScaling.normalize(current: current, proposed: desired, min: lo, max: hi, behavior: spec["behavior"],
                                         memory: &mem, now: api.clock.now)
            memory[key] = mem
            draft.set(n.able)
            draft.set(n.limited)
            desired = n.replicas
            rescale = desired != current
        }

        if rescale {
            var scaled = target
            scaled[path: "spec", "replicas"] = .int(desired)
            do {
                try api.update(targetType, scaled, namespace: ns, strict: false)
            } catch {
                let message = (error as? APIError)?.message ?? "\(error)"
                warn(hpa, "FailedRescale", "New size: \(desired); reason: \(reason); error: \(message)")
                draft.set("AbleToScale", false, "FailedUpdateScale", "the HPA controller was unable to update the target scale: \(message)")
                draft.status["currentReplicas"] = .int(current)
                draft.status["currentMetrics"] = statuses.isEmpty ? nil : .array(statuses)
                return
            }
            draft.set("AbleToScale", true, "SucceededRescale", "the HPA controller was able to update the target scale to \(desired)")
            events.record(hpa, reason: "SuccessfulRescale", message: "New size: \(desired); reason: \(reason)", component: name)
            var mem = memory[key] ?? HPAScaling.Memory()
            HPAScaling.recordScale(from: current, to: desired, behavior: spec["behavior"], memory: &mem, now: api.clock.now)
            memory[key] = mem
            draft.status["lastScaleTime"] = .string(api.clock.nowRFC3339)
        } else {
            desired = current
        }
        draft.status["currentReplicas"] = .int(current)
        draft.status["desiredReplicas"] = .int(desired)
        draft.status["currentMetrics"] = statuses.isEmpty ? nil : .array(statuses)
    }

    /// Writes the status when it changed (a sync that finds everything as it was writes nothing).
    private func write(_ hpa: Value, _ draft: Draft) {
        var status = draft.status
        status["conditions"] = draft.conditions.isEmpty ? nil : .array(draft.conditions)
        if status["desiredReplicas"] == nil { status["desiredReplicas"] = 0 }
        guard status != (hpa["status"] ?? .emptyObject) else { return }
        _ = try? api.updateStatus(hpaType, namespace: hpa.metadataNamespace, name: hpa.metadataName, status: status)
    }

    private func warn(_ hpa: Value, _ reason: String, _ message: String) {
        events.record(hpa, type: "Warning", reason: reason, message: message, component: name)
    }

    /// The kinds with a scale subresource the autoscaler can drive.
    static let scalable: Set<String> = ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]

    static func group(_ apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// The target's pods (those its selector matches), with what metrics-server reports for them.
    private func pods(of target: Value, namespace: String) -> [HPAMetrics.PodView] {
        let sel = (try? LabelSelector(object: target[path: "spec", "selector"])) ?? .nothing
        let metrics = ResourceMetrics(directory: directory, now: api.clock.now)
        return api.list(podType, namespace: namespace, selector: sel).map { HPAMetrics.PodView($0, metrics: metrics) }
    }
}
