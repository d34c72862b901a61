// The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): pods with stable names `<set>-0`,
// `<set>-1` …, each with its own claims from the volume claim templates. With the default OrderedReady policy it
// creates them one at a time in order, waiting for each to be Running and Ready, and removes them from the highest
// ordinal down; Parallel does both at once. RollingUpdate replaces pods from the highest ordinal down to the
// partition, one at a time; OnDelete waits for the learner to delete them.

public final class StatefulSetController: Controller {
    public let name = "statefulset-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let setType: ResourceType
    let podType: ResourceType
    let claimType: ResourceType?
    private var hot = HotLoopGuard()

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        setType = api.registry.lookup(kind: "StatefulSet")!
        podType = api.registry.lookup(kind: "Pod")!
        claimType = api.registry.lookup(kind: "PersistentVolumeClaim")
    }

    public var watchedResources: [ResourceType]? { [setType, podType] }
    /// Only its own pods reach `keys(for:)`.
    public var podOwnerKinds: Set<String>? { ["StatefulSet"] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == setType { return e.type == .deleted ? [] : [e.objectKey] }
        guard e.resource == podType else { return [] }
        // Only its own pods arrive (podOwnerKinds); the manager has read their controller reference already.
        let read = manager.podOwner(e).read
        guard read.kind == "StatefulSet", let n = read.name else { return [] }
        return [ControllerKey.join(e.key.namespace, n)]
    }

    public func sync(_ key: String) {
        guard hot.allow(key, now: api.clock.now) else { manager.enqueue(key, for: self, after: .seconds(1)); return }
        let (ns, setName) = ControllerKey.split(key)
        guard let set = try? api.get(setType, namespace: ns, name: setName), set.deletionTimestamp == nil else { return }
        let hash = StatefulSetUtil.hash(set)
        let update = StatefulSetUtil.revisionName(set, hash: hash)
        let revisions = WorkloadHistory.construct(api, set, hash: hash)
        let current = set[path: "status", "currentRevision"]?.stringValue ?? update
        let pods = api.list(podType, namespace: ns).filter { OwnerRefs.controller(of: $0)?["uid"]?.stringValue == set.uid }
        let replicas = set[path: "spec", "replicas"]?.intValue ?? 1
        let monotonic = set[path: "spec", "podManagementPolicy"]?.stringValue != "Parallel"

        var byOrdinal: [Int: Value] = [:], condemned: [(Int, Value)] = []
        for p in pods {
            guard let i = StatefulSetUtil.ordinal(of: p.metadataName, set: setName) else { continue }
            if i < replicas { byOrdinal[i] = p } else { condemned.append((i, p)) }
        }

        var blocked = false
        for i in 0..<replicas where !blocked {
            guard let p = byOrdinal[i] else {
                createPod(set, ordinal: i, template: versionedSet(set, ordinal: i, current: current, update: update, revisions: revisions),
                          revision: i < partition(set) && current != update ? current : update)
                if monotonic { blocked = true }
                continue
            }
            if StatefulSetUtil.isFinished(p), p.deletionTimestamp == nil {
                events.record(set, type: "Warning", reason: "RecreatingFailedPod",
                              message: "StatefulSet \(ns)/\(setName) is recreating failed Pod \(p.metadataName)", component: name)
                deletePod(p, of: set)
                if monotonic { blocked = true }
                continue
            }
            if monotonic, p.deletionTimestamp != nil || !StatefulSetUtil.isRunningAndReady(p) { blocked = true }
        }

        // Scale down from the highest ordinal: in order, one at a time, and only while the rest are healthy.
        if !blocked {
            for (_, p) in condemned.sorted(by: { $0.0 > $1.0 }) {
                if p.deletionTimestamp != nil { if monotonic { break } else { continue } }
                deletePod(p, of: set)
                if set[path: "spec", "persistentVolumeClaimRetentionPolicy", "whenScaled"]?.stringValue == "Delete" {
                    deleteClaims(of: p, set: set)
                }
                if monotonic { blocked = true; break }
            }
        }

        // RollingUpdate: from the highest ordinal down to the partition, one pod at a time, each waiting for the last.
        if !blocked, set[path: "spec", "updateStrategy", "type"]?.stringValue ?? "RollingUpdate" == "RollingUpdate" {
            for i in stride(from: replicas - 1, through: partition(set), by: -1) {
                guard let p = byOrdinal[i] else { break }
                if p.labels["controller-revision-hash"] != update {
                    if p.deletionTimestamp == nil { deletePod(p, of: set) }
                    break
                }
                if !StatefulSetUtil.isRunningAndReady(p) { break }
            }
        }

        writeStatus(set, current: current, update: update, revisions: revisions)
    }

    /// The ordinals below this keep the current revision during a RollingUpdate.
    private func partition(_ set: Value) -> Int {
        guard set[path: "spec", "updateStrategy", "type"]?.stringValue ?? "RollingUpdate" == "RollingUpdate" else { return 0 }
        return set[path: "spec", "updateStrategy", "rollingUpdate", "partition"]?.intValue ?? 0
    }

    /// The set as an ordinal is created from it: with the current revision's template below the partition, else as it is.
    private func versionedSet(_ set: Value, ordinal: Int, current: String, update: String, revisions: [Value]) -> Value {
        guard ordinal < partition(set), current != update,
              let rev = revisions.first(where: { $0.metadataName == current }), let t = WorkloadHistory.template(of: rev) else {
            return set
        }
        var old = set
        old[path: "spec", "template"] = t
        return old
    }

    private func createPod(_ set: Value, ordinal: Int, template: Value, revision: String) {
        let podName = "\(set.metadataName)-\(ordinal)"
        if let claimType {
            for t in set[path: "spec", "volumeClaimTemplates"]?.arrayValue ?? [] {
                let claimName = StatefulSetUtil.claimName(t, set: set.metadataName, ordinal: ordinal)
                if (try? api.get(claimType, namespace: set.metadataNamespace, name: claimName)) != nil { continue }
                var claim = StatefulSetUtil.claim(set, template: t, ordinal: ordinal)
                if set[path: "spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"]?.stringValue == "Delete" {
                    var ref = OwnerRefs.reference(to: set)
                    ref["controller"] = nil
                    claim[path: "metadata", "ownerReferences"] = [ref]
                }
                do {
                    _ = try api.create(claimType, claim, namespace: set.metadataNamespace, strict: false)
                    events.record(set, reason: "SuccessfulCreate",
                                  message: "create Claim \(claimName) Pod \(podName) in StatefulSet \(set.metadataName) success", component: name)
                } catch {
                    let message = (error as? APIError)?.message ?? "\(error)"
                    events.record(set, type: "Warning", reason: "FailedCreate",
                                  message: "create Claim \(claimName) for Pod \(podName) in StatefulSet \(set.metadataName) failed error: \(message)", component: name)
                    return
                }
            }
        }
        var pod = StatefulSetUtil.pod(template, ordinal: ordinal, revision: revision)
        pod[path: "metadata", "ownerReferences"] = [OwnerRefs.reference(to: set)]
        do {
            _ = try api.create(podType, pod, namespace: set.metadataNamespace, strict: false)
            events.record(set, reason: "SuccessfulCreate", message: "create Pod \(podName) in StatefulSet \(set.metadataName) successful", component: name)
        } catch {
            let message = (error as? APIError)?.message ?? "\(error)"
            events.record(set, type: "Warning", reason: "FailedCreate",
                          message: "create Pod \(podName) in StatefulSet \(set.metadataName) failed error: \(message)", component: name)
        }
    }

    private func deletePod(_ pod: Value, of set: Value) {
        guard (try? api.delete(podType, namespace: pod.metadataNamespace, name: pod.metadataName)) != nil else { return }
        events.record(set, reason: "SuccessfulDelete",
                      message: "delete Pod \(pod.metadataName) in StatefulSet \(set.metadataName) successful", component: name)
    }

    private func deleteClaims(of pod: Value, set: Value) {
        guard let claimType, let i = StatefulSetUtil.ordinal(of: pod.metadataName, set: set.metadataName) else { return }
        for t in set[path: "spec", "volumeClaimTemplates"]?.arrayValue ?? [] {
            _ = try? api.delete(claimType, namespace: set.metadataNamespace, name: StatefulSetUtil.claimName(t, set: set.metadataName, ordinal: i))
        }
    }

    /// Status from the pods as they are now; a finished rolling update makes the update revision current.
    private func writeStatus(_ set: Value, current: String, update: String, revisions: [Value]) {
        let (ns, setName) = (set.metadataNamespace ?? "default", set.metadataName)
        let pods = api.list(podType, namespace: ns).filter { p in
            OwnerRefs.controller(of: p)?["uid"]?.stringValue == set.uid && StatefulSetUtil.ordinal(of: p.metadataName, set: setName) != nil
        }
        var status = StatefulSetUtil.status(set, pods: pods, current: current, update: update, now: api.clock.now)
        let replicas = set[path: "spec", "replicas"]?.intValue ?? 1
        let updated = status["updatedReplicas"]?.intValue ?? 0, ready = status["readyReplicas"]?.intValue ?? 0
        if current != update, updated == replicas, ready == replicas, status["replicas"]?.intValue == replicas {
            status = StatefulSetUtil.status(set, pods: pods, current: update, update: update, now: api.clock.now)
        }
        if status != (set["status"] ?? .emptyObject) {
            _ = try? api.updateStatus(setType, namespace: ns, name: setName, status: status)
        }
        let live = Set(pods.compactMap { $0.labels["controller-revision-hash"] }.map { String($0.dropFirst(setName.count + 1)) })
        WorkloadHistory.cleanup(api, set, revisions: revisions, liveHashes: live)
        // Availability after minReadySeconds comes from the clock, not from an event.
        if let m = set[path: "spec", "minReadySeconds"]?.intValue, m > 0,
           (status["availableReplicas"]?.intValue ?? 0) < ready {
            manager.enqueue(ControllerKey.join(ns, setName), for: self, after: .seconds(Int64(m)))
        }
    }
}
