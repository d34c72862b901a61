// The external-provisioner sidecar of GKE's persistent disk CSI driver (kubernetes-csi/external-provisioner):
// makes a disk and its PersistentVolume for each claim the binder hands it (annotation
// volume.kubernetes.io/storage-provisioner), in the zone of the node the scheduler chose, and deletes both when a
// volume it made is released with reclaim policy Delete. The disk itself is simulated: creating one takes
// `diskCreation` of virtual time.

public final class CSIProvisioner: Controller {
    public let name = "csi-provisioner"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let pvType: ResourceType, pvcType: ResourceType, classType: ResourceType, nodeType: ResourceType
    /// What events from it name as their source: `<driver>_<controller host>_<instance uuid>`, as the sidecar's
    /// leader identity reads.
    let identity: String
    /// What its volumes carry as `storage.kubernetes.io/csiProvisionerIdentity`: start time in ms, 8081, the driver.
    let provisionerIdentity: String
    /// The GCP project the disks' handles name.
    let project: String
    /// How long a new disk takes.
    static let diskCreation = Duration.seconds(3)
    static let finalizer = "external-provisioner.volume.kubernetes.io/finalizer"
    /// Claims (by uid) whose disk is being made, and when it is ready.
    private var inFlight: [String: Timestamp] = [:]

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager, seed: UInt64, project: String) {
        self.api = api
        self.events = events
        self.manager = manager
        self.project = project
        pvType = api.registry.lookup(kind: "PersistentVolume")!
        pvcType = api.registry.lookup(kind: "PersistentVolumeClaim")!
        classType = api.registry.lookup(kind: "StorageClass")!
        nodeType = api.registry.lookup(kind: "Node")!
        var r = SeededRandom(seed: seed &+ 0x7064_6373_69)
        let host = "gke-" + String(r.hex64().prefix(20)) + "-" + String(r.hex64().prefix(4)) + "-" + String(r.hex64().prefix(4)) + "-vm"
        identity = "\(PDCSI.driver)_\(host)_\(r.uuid())"
        // The middle number is the sidecar's first draw from Go's unseeded math/rand (rand.Intn(10000)): always 8081.
        provisionerIdentity = "\(api.clock.now.ms)-8081-\(PDCSI.driver)"
    }

    public var watchedResources: [ResourceType]? { [pvcType, pvType] }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == pvcType {
            guard e.type != .deleted, e.object.annotations[VolumeMatching.Annotation.storageProvisioner] == PDCSI.driver,
                  (e.object[path: "spec", "volumeName"]?.stringValue ?? "").isEmpty else { return [] }
            return [e.objectKey]
        }
        guard e.resource == pvType, e.type != .deleted, Self.isOurs(e.object) else { return [] }
        return [e.objectKey]
    }

    static func isOurs(_ pv: Value) -> Bool {
        let by = pv.annotations[VolumeMatching.Annotation.provisionedBy]
        return by == PDCSI.driver || by == PDCSI.inTree
    }

    public func sync(_ key: String) {
        switch VolumeMatching.subject(key, in: api, volumes: pvType, claims: pvcType) {
        case .volume(let pv): syncVolume(pv)
        case .claim(let claim): syncClaim(claim, key: key)
        case nil: break
        }
    }

    private func syncClaim(_ claim: Value, key: String) {
        guard claim.deletionTimestamp == nil, (claim[path: "spec", "volumeName"]?.stringValue ?? "").isEmpty,
              claim.annotations[VolumeMatching.Annotation.storageProvisioner] == PDCSI.driver,
              let sc = try? api.get(classType, namespace: nil, name: VolumeMatching.className(claim)) else { return }
        let delayed = sc["volumeBindingMode"]?.stringValue == "WaitForFirstConsumer"
        let node = claim.annotations[VolumeMatching.Annotation.selectedNode]
        if delayed, node == nil { return }
        let pvName = "pvc-" + claim.uid
        if (try? api.get(pvType, namespace: nil, name: pvName)) != nil { return }
        let now = api.clock.now
        guard let due = inFlight[claim.uid] else {
            events.record(claim, reason: "Provisioning",
                          message: "External provisioner is provisioning volume for claim \"\(claim.metadataNamespace ?? "default")/\(claim.metadataName)\"",
                          component: identity)
            inFlight[claim.uid] = now + Self.diskCreation
            manager.enqueue(key, for: self, after: Self.diskCreation)
            return
        }
        if now < due { return }
        inFlight[claim.uid] = nil
        let zone = node.flatMap { (try? api.get(nodeType, namespace: nil, name: $0))?.labels[PDCSI.zoneKey] } ?? defaultZone(claim)
        let pv = Self.volume(for: claim, class: sc, name: pvName, zone: zone, project: project, identity: provisionerIdentity)
        guard (try? api.create(pvType, pv, namespace: nil, strict: false)) != nil else { return }
        events.record(claim, reason: "ProvisioningSucceeded", message: "Successfully provisioned volume \(pvName)", component: identity)
    }

    /// A zone for a claim that binds at once: one of the zones the cluster's nodes are in, picked by its uid.
    private func defaultZone(_ claim: Value) -> String {
        let zones = Set(api.list(nodeType, namespace: nil).compactMap { $0.labels[PDCSI.zoneKey] }).sorted()
        guard !zones.isEmpty else { return "us-central1-a" }
        return zones[Int(claim.uid.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xffff }) % zones.count]
    }

    /// The PersistentVolume made for a claim: its size and access modes, the class's reclaim policy, the disk as
    /// the CSI source (or, for the migrated in-tree class, as a gcePersistentDisk), pinned to the disk's zone.
    static func volume(for claim: Value, class sc: Value, name: String, zone: String, project: String,
                       identity: String) -> Value {
        let inTree = sc["provisioner"]?.stringValue == PDCSI.inTree
        var annotations: Value = [VolumeMatching.Annotation.provisionedBy: .string(inTree ? PDCSI.inTree : PDCSI.driver),
                                  "volume.kubernetes.io/provisioner-deletion-secret-name": "",
                                  "volume.kubernetes.io/provisioner-deletion-secret-namespace": ""]
        if inTree { annotations[VolumeMatching.Annotation.migratedTo] = .string(PDCSI.driver) }
        let zoneKey = inTree ? "topology.kubernetes.io/zone" : PDCSI.zoneKey
        var spec: Value = [
            "accessModes": claim[path: "spec", "accessModes"] ?? .array([]),
            "capacity": ["storage": claim[path: "spec", "resources", "requests", "storage"] ?? "1Gi"],
            "claimRef": VolumeMatching.claimRef(claim),
            "nodeAffinity": ["required": ["nodeSelectorTerms": [["matchExpressions": [
                ["key": .string(zoneKey), "operator": "In", "values": [.string(zone)]]]]]]],
            "persistentVolumeReclaimPolicy": sc["reclaimPolicy"] ?? "Delete",
            "storageClassName": .string(sc.metadataName),
            "volumeMode": claim[path: "spec", "volumeMode"] ?? "Filesystem",
        ]
        if inTree {
            spec["gcePersistentDisk"] = ["fsType": "ext4", "pdName": .string(name)]
        } else {
            spec["csi"] = ["driver": .string(PDCSI.driver), "fsType": "ext4",
                           "volumeAttributes": ["storage.kubernetes.io/csiProvisionerIdentity": .string(identity)],
                           "volumeHandle": .string("projects/\(project)/zones/\(zone)/disks/\(name)")]
        }
        return ["apiVersion": "v1", "kind": "PersistentVolume",
                "metadata": ["name": .string(name), "annotations": annotations,
                             "finalizers": [.string(Self.finalizer)]],
                "spec": spec]
    }

    /// A released volume of ours with reclaim policy Delete: the disk goes, then the volume.
    private func syncVolume(_ pv: Value) {
        let k = ObjectKey(of: pv, in: pvType)
        if pv.deletionTimestamp != nil {
            if pv.finalizers.contains(Self.finalizer), pv[path: "status", "phase"]?.stringValue != "Bound" {
                api.mutate(pvType, k) { v in
                    v[path: "metadata", "finalizers"] = .array(v.finalizers.filter { $0 != Self.finalizer }.map(Value.string))
                }
            }
            return
        }
        guard pv[path: "status", "phase"]?.stringValue == "Released",
              pv[path: "spec", "persistentVolumeReclaimPolicy"]?.stringValue == "Delete" else { return }
        _ = try? api.delete(pvType, namespace: nil, name: pv.metadataName)
    }
}
