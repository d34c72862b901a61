// The persistent volume binder (pkg/controller/volume/persistentvolume/pv_controller.go) with the two protection
// controllers beside it (pvcprotection, pvprotection): binds claims to volumes, asks an external provisioner
// for a new volume when none fits, keeps both sides' phases, releases a volume whose claim is gone, and lets a
// claim or volume marked for deletion go once nothing uses it. Claim keys are `namespace/name`, volume keys a
// bare name (volumes have no namespace), so one queue serves both.

public final class PersistentVolumeController: Controller {
    public let name = "persistentvolume-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let pvType: ResourceType, pvcType: ResourceType, classType: ResourceType, podType: ResourceType, nodeType: ResourceType
    /// --pvclaimbinder-sync-period: how often an unbound claim is looked at again (a volume may have appeared).
    static let resync = Duration.seconds(15)
    /// When each claim (by uid) last got each waiting event: a claim's own writes sync it again at once, and the
    /// real controller says it once per resync, not once per write.
    private var lastSaid: [String: Timestamp] = [:]
    /// When each waiting claim's next resync is due.
    private var resyncAt: [String: Timestamp] = [:]

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        pvType = api.registry.lookup(kind: "PersistentVolume")!
        pvcType = api.registry.lookup(kind: "PersistentVolumeClaim")!
        classType = api.registry.lookup(kind: "StorageClass")!
        podType = api.registry.lookup(kind: "Pod")!
        nodeType = api.registry.lookup(kind: "Node")!
    }

    public var watchedResources: [ResourceType]? { [pvType, pvcType, podType] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == podType {
            // Only a pod's deletion matters (a claim being deleted may now go); every other pod write is answered
            // by the event type alone.
            guard e.type == .deleted else { return [] }
            let claims = VolumeMatching.claimNames(e.object)
            if claims.isEmpty { return [] }
            let ns = e.object.metadataNamespace ?? "default"
            return claims.map { ControllerKey.join(ns, $0) }
        }
        if e.resource == pvcType {
            var out = [e.objectKey]
            if let v = e.object[path: "spec", "volumeName"]?.stringValue, !v.isEmpty { out.append(v) }
            return out
        }
        guard e.resource == pvType else { return [] }
        var out = [e.objectKey]
        if let ref = e.object[path: "spec", "claimRef"], let n = ref["name"]?.stringValue {
            out.append(ControllerKey.join(ref["namespace"]?.stringValue ?? "default", n))
        }
        return out
    }

    public func sync(_ key: String) {
        switch VolumeMatching.subject(key, in: api, volumes: pvType, claims: pvcType) {
        case .volume(let pv): syncVolume(pv)
        case .claim(let claim): syncClaim(claim, key: key)
        case nil: break
        }
    }

    // MARK: claims

    private func syncClaim(_ claim: Value, key: String) {
        if claim.deletionTimestamp != nil { releaseClaimIfUnused(claim); return }
        let volumeName = claim[path: "spec", "volumeName"]?.stringValue ?? ""
        if !volumeName.isEmpty { syncBoundClaim(claim, volumeName); return }
        let className = VolumeMatching.className(claim)
        // A class that does not exist binds at once (IsDelayBindingMode); it only matters if provisioning is needed.
        let storageClass = className.isEmpty ? nil : try? api.get(classType, namespace: nil, name: className)
        let delayed = storageClass?["volumeBindingMode"]?.stringValue == "WaitForFirstConsumer"
        var nodeLabels: [String: String]?
        if delayed {
            guard let node = claim.annotations[VolumeMatching.Annotation.selectedNode] else {
                // emitEventForUnboundDelayBindingClaim: a consumer that exists but has no node yet is named.
                let waiting = unscheduledPods(using: claim)
                if waiting.isEmpty {
                    say(claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding")
                } else {
                    say(claim, "WaitForPodScheduled", "waiting for pod\(waiting.count > 1 ? "s" : "") \(waiting.joined(separator: ",")) to be scheduled")
                }
                resyncLater(key)
                return
            }
            nodeLabels = (try? api.get(nodeType, namespace: nil, name: node))?.labels ?? [:]
        }
        if let pv = VolumeMatching.bestMatch(for: claim, in: api.list(pvType, namespace: nil), nodeLabels: nodeLabels) {
            bind(claim, pv)
            return
        }
        if className.isEmpty {
            say(claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set")
        } else if let sc = storageClass {
            if let provisioner = sc["provisioner"]?.stringValue, provisioner != "kubernetes.io/no-provisioner" {
                askProvisioner(claim, provisioner)
            }
        } else {
            say(claim, "ProvisioningFailed", "storageclass.storage.k8s.io \"\(className)\" not found", type: "Warning")
        }
        resyncLater(key)
    }

    /// provisionClaim for an external provisioner: the claim is annotated with the provisioner that should act
    /// (the CSI driver, for an in-tree plugin migrated to one) and an event says what it waits for.
    private func askProvisioner(_ claim: Value, _ provisioner: String) {
        let external = provisioner == PDCSI.inTree ? PDCSI.driver : provisioner
        let a = claim.annotations
        if a[VolumeMatching.Annotation.storageProvisioner] != external {
            api.mutate(pvcType, ObjectKey(of: claim, in: pvcType)) { c in
                c[path: "metadata", "annotations", VolumeMatching.Annotation.betaStorageProvisioner] = .string(external)
                c[path: "metadata", "annotations", VolumeMatching.Annotation.storageProvisioner] = .string(external)
            }
        }
        say(claim, "ExternalProvisioning",
            "Waiting for a volume to be created either by the external provisioner '\(external)' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.")
    }

    /// Looks at a waiting claim again after the resync period; one timer per claim however often it syncs.
    private func resyncLater(_ key: String) {
        let now = api.clock.now
        if let due = resyncAt[key], now < due { return }
        resyncAt[key] = now + Self.resync
        manager.enqueue(key, for: self, after: Self.resync)
    }

    /// An event about a waiting claim, at most once per resync period for each reason.
    private func say(_ claim: Value, _ reason: String, _ message: String, type: String = "Normal") {
        let k = claim.uid + "/" + reason, now = api.clock.now
        if let last = lastSaid[k], now < last + Self.resync { return }
        lastSaid[k] = now
        events.record(claim, type: type, reason: reason, message: message, component: name)
    }

    private func syncBoundClaim(_ claim: Value, _ volumeName: String) {
        guard let pv = try? api.get(pvType, namespace: nil, name: volumeName) else {
            // A claim that asks for a volume by name waits for it; one that was bound to it has lost it.
            guard claim.annotations[VolumeMatching.Annotation.bindCompleted] != nil else {
                resyncLater(ControllerKey.join(claim.metadataNamespace ?? "default", claim.metadataName))
                return
            }
            if claim[path: "status", "phase"]?.stringValue != "Lost" {
                var s = claim["status"] ?? .emptyObject
                s["phase"] = "Lost"
                _ = api.updateStatus(pvcType, current: claim, status: s)
                events.record(claim, type: "Warning", reason: "ClaimLost",
                              message: "Bound claim has lost its PersistentVolume. Data on the volume is lost!", component: name)
            }
            return
        }
        let ref = pv[path: "spec", "claimRef"]
        if ref == nil || ref?.isNull == true || VolumeMatching.isBound(pv, to: claim) { bind(claim, pv) }
    }

    /// bind(): the volume's claimRef and phase first, then the claim's volumeName, annotations and status. Each
    /// write is skipped when it would change nothing, so a sync of a bound pair writes nothing.
    private func bind(_ claim: Value, _ pv: Value) {
        let byController = !(pv[path: "spec", "claimRef"]?.isObject ?? false)
        api.mutate(pvType, ObjectKey(of: pv, in: pvType)) { v in
            if byController {
                v[path: "spec", "claimRef"] = VolumeMatching.claimRef(claim)
                v[path: "metadata", "annotations", VolumeMatching.Annotation.boundByController] = "yes"
            }
            if v[path: "status", "phase"]?.stringValue != "Bound" {
                v[path: "status", "phase"] = "Bound"
                v[path: "status", "lastPhaseTransitionTime"] = .string(api.clock.nowRFC3339)
            }
        }
        let claimByController = (claim[path: "spec", "volumeName"]?.stringValue ?? "").isEmpty
        api.mutate(pvcType, ObjectKey(of: claim, in: pvcType)) { c in
            c[path: "spec", "volumeName"] = .string(pv.metadataName)
            c[path: "metadata", "annotations", VolumeMatching.Annotation.bindCompleted] = "yes"
            if claimByController { c[path: "metadata", "annotations", VolumeMatching.Annotation.boundByController] = "yes" }
            c["status"] = VolumeMatching.boundStatus(c, volume: pv)
        }
    }

    /// The pods that mount the claim and have not been given a node.
    private func unscheduledPods(using claim: Value) -> [String] {
        api.list(podType, namespace: claim.metadataNamespace ?? "default").filter { p in
            (p[path: "spec", "nodeName"]?.stringValue ?? "").isEmpty && VolumeMatching.claimNames(p).contains(claim.metadataName)
        }.map(\.metadataName).sorted()
    }

    /// pvcprotection: the finalizer goes once no pod that has not finished mounts the claim.
    private func releaseClaimIfUnused(_ claim: Value) {
        guard claim.finalizers.contains(Storage.pvcProtection) else { return }
        let inUse = api.list(podType, namespace: claim.metadataNamespace ?? "default").contains { p in
            let phase = p[path: "status", "phase"]?.stringValue
            return phase != "Succeeded" && phase != "Failed" && VolumeMatching.claimNames(p).contains(claim.metadataName)
        }
        if inUse { return }
        api.mutate(pvcType, ObjectKey(of: claim, in: pvcType)) { c in
            c[path: "metadata", "finalizers"] = .array(c.finalizers.filter { $0 != Storage.pvcProtection }.map(Value.string))
        }
    }

    // MARK: volumes

    private func syncVolume(_ pv: Value) {
        let phase = pv[path: "status", "phase"]?.stringValue ?? ""
        if pv.deletionTimestamp != nil {
            // pvprotection: a volume that is not bound may go.
            if phase != "Bound", pv.finalizers.contains(Storage.pvProtection) {
                api.mutate(pvType, ObjectKey(of: pv, in: pvType)) { v in
                    v[path: "metadata", "finalizers"] = .array(v.finalizers.filter { $0 != Storage.pvProtection }.map(Value.string))
                }
            }
            return
        }
        guard let ref = pv[path: "spec", "claimRef"], ref.isObject, let claimName = ref["name"]?.stringValue else {
            if phase != "Available" { setPhase(pv, "Available") }
            return
        }
        let claim = try? api.get(pvcType, namespace: ref["namespace"]?.stringValue ?? "default", name: claimName)
        if let claim, VolumeMatching.isBound(pv, to: claim) {
            let claimVolume = claim[path: "spec", "volumeName"]?.stringValue ?? ""
            if claimVolume == pv.metadataName, phase != "Bound" { setPhase(pv, "Bound") }
            return
        }
        // The claim is gone (or is another claim of that name): the volume is released, and its reclaim policy
        // decides what happens next. Delete is the provisioner's job for volumes it made; Retain keeps the data.
        if phase != "Released", phase != "Failed" { setPhase(pv, "Released") }
    }

    private func setPhase(_ pv: Value, _ phase: String) {
        var s = pv["status"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        s["phase"] = .string(phase)
        // The volume registry stamps every phase change (PersistentVolumeLastPhaseTransitionTime, GA in 1.31).
        s["lastPhaseTransitionTime"] = .string(api.clock.nowRFC3339)
        _ = api.updateStatus(pvType, current: pv, status: s)
    }
}
