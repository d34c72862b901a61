// kube-scheduler: places pods that have no node. Store events keep its cache current and queue pods; `sync`
// runs one attempt and either binds (spec.nodeName, PodScheduled=True, a `Scheduled` event) or leaves the pod
// Pending with PodScheduled=False/Unschedulable and a `FailedScheduling` event. Pods that fit nowhere are retried
// when the cluster changes (with the scheduler's 1 s…10 s back-off) and at least every five minutes.

public final class Scheduler: Controller {
    public let name = "default-scheduler"
    private unowned let api: APIServer
    private unowned let events: EventRecorder
    private unowned let controllers: ControllerManager
    private let clock: VirtualClock
    private let podType: ResourceType
    private let nodeType: ResourceType
    private let pvcType: ResourceType, pvType: ResourceType, classType: ResourceType
    /// Pods placed on a node whose WaitForFirstConsumer claims are being provisioned there (PreBind waits).
    private var waitingForVolumes: [String: String] = [:]
    let cache = SchedulerCache()
    private var random: SeededRandom
    /// Pods that fit nowhere at their last attempt: attempts so far and when the last one failed.
    private var unschedulable: [String: (attempts: Int, at: Timestamp)] = [:]
    private var flushScheduled: Set<String> = []
    /// Whether status writes skip the cache (see `keys(for:)`); a test clears it to compare with updating it.
    var skipsCacheOnStatusWrites = true

    static let initialBackoff = Duration.seconds(1)
    static let maxBackoff = Duration.seconds(10)
    /// podMaxInUnschedulablePodsDuration: a pod waits at most this long before it is tried again anyway.
    static let unschedulableFlush = Duration.minutes(5)

    /// A stopped scheduler leaves new pods Pending (a lesson's "scheduler is down"); starting it again
    /// picks them all up.
    public var isRunning = true {
        didSet { if isRunning, !oldValue { for key in pendingKeys() { controllers.enqueue(key, for: self) } } }
    }

    init(api: APIServer, events: EventRecorder, controllers: ControllerManager, seed: UInt64) {
        self.api = api
        self.events = events
        self.controllers = controllers
        self.clock = api.clock
        self.podType = api.registry.lookup(kind: "Pod")!
        self.nodeType = api.registry.lookup(kind: "Node")!
        pvcType = api.registry.lookup(kind: "PersistentVolumeClaim")!
        pvType = api.registry.lookup(kind: "PersistentVolume")!
        classType = api.registry.lookup(kind: "StorageClass")!
        self.random = SeededRandom(seed: seed &+ 0x7363_6865_6475_6c65)
        for n in api.list(nodeType, namespace: nil) { _ = cache.upsert(node: n) }
        for p in api.list(podType, namespace: nil) { cache.update(pod: p, key: ObjectKey(of: p, in: podType)) }
    }

    deinit { anchor.clear() }

    /// What the clock's closures hold instead of the scheduler (see `Anchor`).
    private lazy var anchor = Anchor(self)

    static func key(_ pod: Value) -> String { "\(pod.metadataNamespace ?? "default")/\(pod.metadataName)" }

    /// Whether this scheduler should place the pod now.
    static func needsScheduling(_ pod: Value) -> Bool {
        let spec = pod["spec"] ?? .null
        if let n = spec["nodeName"]?.stringValue, !n.isEmpty { return false }
        if pod.deletionTimestamp != nil { return false }
        if let s = spec["schedulerName"]?.stringValue, !s.isEmpty, s != "default-scheduler" { return false }
        if !(spec["schedulingGates"]?.arrayValue ?? []).isEmpty { return false }
        let phase = pod[path: "status", "phase"]?.stringValue
        return phase != "Succeeded" && phase != "Failed"
    }

    public var watchedResources: [ResourceType]? { [nodeType, podType, pvcType] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == pvcType { return claimChanged(e) }
        if e.resource == nodeType {
            if e.type == .deleted { cache.remove(node: e.object.metadataName); return [] }
            if cache.upsert(node: e.object) { retryUnschedulable() }
            return []
        }
        guard e.resource == podType else { return [] }
        // A pod the cache counts on a node is bound and was not finished: a status write leaves it bound, so
        // unless the write finishes it, neither the cache nor the queue has anything to do.
        if e.statusOnly, skipsCacheOnStatusWrites, cache.isAssigned(e.key), !SchedulerCache.isTerminal(e.object) {
            return []
        }
        // A status write leaves what the cache keeps of a pod (node, labels, owner, requests) as it was; unless it
        // finishes or un-finishes the pod, updating the cache would change nothing.
        if e.statusOnly, skipsCacheOnStatusWrites, let old = e.oldObject,
           SchedulerCache.isTerminal(old) == SchedulerCache.isTerminal(e.object) {
            guard Self.needsScheduling(e.object) else { return [] }
            let key = e.objectKey
            return unschedulable[key] == nil ? [key] : []  // its spec is the one that did not fit
        }
        if e.type == .deleted {
            unschedulable[e.objectKey] = nil
            if !waitingForVolumes.isEmpty { waitingForVolumes[e.objectKey] = nil }
            if cache.update(pod: nil, key: e.key) { retryUnschedulable() }
            return []
        }
        if cache.update(pod: e.object, key: e.key) { retryUnschedulable() }
        guard Self.needsScheduling(e.object) else { return [] }
        let key = e.objectKey
        // A pod already known not to fit waits for a cluster change, unless its own spec changed.
        if unschedulable[key] != nil, e.oldObject?["spec"] == e.object["spec"] { return [] }
        return [key]
    }

    /// Queues every pod that failed, each after what is left of its back-off. In the order they failed (the active
    /// queue's order for pods of one priority), then by key: a dictionary's own order changes from run to run, and
    /// with it which waiting pod got the room first.
    private func retryUnschedulable() {
        let waiting = unschedulable.sorted { $0.value.at != $1.value.at ? $0.value.at < $1.value.at : $0.key < $1.key }
        for (key, u) in waiting {
            var backoff = Self.initialBackoff
            for _ in 1..<max(1, u.attempts) where backoff < Self.maxBackoff { backoff = backoff + backoff }
            if Self.maxBackoff < backoff { backoff = Self.maxBackoff }
            let due = u.at + backoff
            controllers.enqueue(key, for: self, after: clock.now < due ? due - clock.now : nil)
        }
    }

    private func pendingKeys() -> [String] {
        api.list(podType, namespace: nil).filter(Self.needsScheduling).map(Self.key)
    }

    public func sync(_ key: String) {
        guard isRunning else { return }
        let (ns, name) = ControllerKey.split(key)
        guard !ns.isEmpty, let pod = try? api.get(podType, namespace: ns, name: name), Self.needsScheduling(pod) else {
            unschedulable[key] = nil
            return
        }
        let claims = VolumeMatching.claimNames(pod)
        guard !claims.isEmpty else {
            switch SchedulingAlgorithm.schedule(pod, cache, &random) {
            case .node(let node): bind(pod, key, to: node)
            case .unschedulable(let message): fail(pod, key, message)
            }
            return
        }
        switch VolumeBinding.check(ns, claims: claims, api: api, pvc: pvcType, pv: pvType, storageClass: classType) {
        case .refused(let why):
            waitingForVolumes[key] = nil
            fail(pod, key, FitMessage.preFilter(total: cache.orderedNodes().count, why))
        case .ready(let terms, let delayed):
            if let node = waitingForVolumes[key] {
                // PreBind: the pod goes to its node once every claim is bound there.
                if delayed.isEmpty { waitingForVolumes[key] = nil; bind(pod, key, to: node) }
                return
            }
            switch SchedulingAlgorithm.schedule(pod, cache, &random, volumeTerms: terms) {
            case .node(let node):
                if delayed.isEmpty { bind(pod, key, to: node); return }
                waitingForVolumes[key] = node
                for claim in delayed where claim.annotations[VolumeMatching.Annotation.selectedNode] != node {
                    api.mutate(pvcType, ObjectKey(of: claim, in: pvcType)) { c in
                        c[path: "metadata", "annotations", VolumeMatching.Annotation.selectedNode] = .string(node)
                    }
                }
            case .unschedulable(let message): fail(pod, key, message)
            }
        }
    }

    /// A claim that appears may let a pod waiting for it be placed; a claim that is bound (or deleted) lets the
    /// pods waiting at PreBind go on.
    private func claimChanged(_ e: WatchEvent) -> [String] {
        let bound = !(e.object[path: "spec", "volumeName"]?.stringValue ?? "").isEmpty
        if e.type == .added || bound, !unschedulable.isEmpty { retryUnschedulable() }
        // A claim deleted under a waiting pod sends it back to PreFilter, which now refuses it.
        guard !waitingForVolumes.isEmpty, bound || e.type == .deleted else { return [] }
        let prefix = (e.object.metadataNamespace ?? "default") + "/"
        return waitingForVolumes.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    private func bind(_ pod: Value, _ key: String, to node: String) {
        // The binding subresource: spec.nodeName and the PodScheduled condition change in one write, as the API
        // server's binding does (setPodNodeAndMetadata); the write skips update admission (defaulting and
        // validating the whole pod again, which a pod already stored passes unchanged).
        let k = ObjectKey(namespace: pod.metadataNamespace ?? "default", name: pod.metadataName)
        let scheduled: Value = ["type": "PodScheduled", "status": "True", "lastProbeTime": nil,
                                "lastTransitionTime": .string(clock.nowRFC3339)]
        guard let bound = api.mutate(podType, k, { p in
            p[path: "spec", "nodeName"] = .string(node)
            if let status = Self.status(p["status"], with: scheduled) { p["status"] = status }
        }) else { return }
        unschedulable[key] = nil
        events.record(bound, reason: "Scheduled", message: "Successfully assigned \(key) to \(node)", component: name)
    }

    private func fail(_ pod: Value, _ key: String, _ message: String) {
        let attempts = (unschedulable[key]?.attempts ?? 0) + 1
        unschedulable[key] = (attempts, clock.now)
        setScheduledCondition(pod, ["type": "PodScheduled", "status": "False", "lastProbeTime": nil,
                                    "lastTransitionTime": .string(clock.nowRFC3339), "reason": "Unschedulable", "message": .string(message)])
        events.record(pod, type: "Warning", reason: "FailedScheduling", message: message, component: name)
        if flushScheduled.insert(key).inserted {
            clock.schedule(after: Self.unschedulableFlush) { [anchor] in
                guard let self = anchor.target else { return }
                self.flushScheduled.remove(key)
                if self.unschedulable[key] != nil { self.controllers.enqueue(key, for: self) }
            }
        }
    }

    /// Writes the PodScheduled condition unless it already says the same (keeping its transition time then).
    private func setScheduledCondition(_ pod: Value, _ condition: Value) {
        guard let status = Self.status(pod["status"], with: condition) else { return }
        _ = try? api.updateStatus(podType, namespace: pod.metadataNamespace, name: pod.metadataName, status: status)
    }

    /// `status` with the PodScheduled condition set to `condition`; nil when it already says the same (status,
    /// reason and message), so its transition time stays.
    static func status(_ status: Value?, with condition: Value) -> Value? {
        var status = status ?? .emptyObject
        var conditions = status["conditions"]?.arrayValue ?? []
        if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == "PodScheduled" }) {
            let old = conditions[i]
            if old["status"] == condition["status"], old["reason"] == condition["reason"], old["message"] == condition["message"] { return nil }
            conditions[i] = condition
        } else {
            conditions.append(condition)
        }
        status["conditions"] = .array(conditions)
        return status
    }
}

extension Scheduler {
    /// The node the scheduler would pick for a pod right now (bootstrap places kube-system pods this way).
    func choose(_ pod: Value) -> String? {
        if case .node(let n) = SchedulingAlgorithm.schedule(pod, cache, &random) { return n }
        return nil
    }
}
