// The pure parts of volume binding (pkg/controller/volume/persistentvolume/util): which PersistentVolume a claim
// may bind, the status a bound claim reports, and the annotations both sides carry. Kept apart from the
// controller so tests can run them on tables of objects.

enum VolumeMatching {
    enum Annotation {
        static let bindCompleted = "pv.kubernetes.io/bind-completed"
        static let boundByController = "pv.kubernetes.io/bound-by-controller"
        static let provisionedBy = "pv.kubernetes.io/provisioned-by"
        static let migratedTo = "pv.kubernetes.io/migrated-to"
        static let storageProvisioner = "volume.kubernetes.io/storage-provisioner"
        static let betaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner"
        static let selectedNode = "volume.kubernetes.io/selected-node"
        static let betaClass = "volume.beta.kubernetes.io/storage-class"
    }

    /// What a volume controller's work-queue key names: cluster-scoped keys are volumes, namespaced ones claims.
    enum Subject { case volume(Value), claim(Value) }

    /// Looks the key's object up; nil when it is gone (both volume controllers then have nothing to do).
    static func subject(_ key: String, in api: APIServer, volumes: ResourceType, claims: ResourceType) -> Subject? {
        let (ns, name) = ControllerKey.split(key)
        if ns.isEmpty { return (try? api.get(volumes, namespace: nil, name: name)).map(Subject.volume) }
        return (try? api.get(claims, namespace: ns, name: name)).map(Subject.claim)
    }

    /// A claim's or a volume's class: the beta annotation first, then `spec.storageClassName` ("" for none).
    static func className(_ o: Value) -> String {
        if let a = o.annotations[Annotation.betaClass] { return a }
        return o[path: "spec", "storageClassName"]?.stringValue ?? ""
    }

    static func modes(_ v: Value?) -> Set<String> { Set((v?.arrayValue ?? []).compactMap(\.stringValue)) }

    /// Whether the volume's claimRef names this claim (by uid when the reference has one).
    static func isBound(_ pv: Value, to claim: Value) -> Bool {
        guard let ref = pv[path: "spec", "claimRef"], ref.isObject else { return false }
        guard ref["name"]?.stringValue == claim.metadataName,
              (ref["namespace"]?.stringValue ?? "") == (claim.metadataNamespace ?? "default") else { return false }
        let uid = ref["uid"]?.stringValue ?? ""
        return uid.isEmpty || uid == claim.uid
    }

    /// Why a volume cannot serve a claim, or nil when it can (checkVolumeSatisfyClaim): class, access modes, size,
    /// volume mode, the claim's selector and, when a node is chosen, the volume's node affinity.
    static func mismatch(_ pv: Value, _ claim: Value, nodeLabels: [String: String]?) -> String? {
        if className(pv) != className(claim) { return "storageClassName does not match" }
        if !modes(pv[path: "spec", "accessModes"]).isSuperset(of: modes(claim[path: "spec", "accessModes"])) {
            return "incompatible accessMode"
        }
        if let want = claim[path: "spec", "resources", "requests", "storage"]?.quantityValue {
            guard let have = pv[path: "spec", "capacity", "storage"]?.quantityValue, !(have < want) else {
                return "requested PV is too small"
            }
        }
        let pvMode = pv[path: "spec", "volumeMode"]?.stringValue ?? "Filesystem"
        if pvMode != (claim[path: "spec", "volumeMode"]?.stringValue ?? "Filesystem") { return "incompatible volumeMode" }
        if let sel = claim[path: "spec", "selector"], !sel.isNull {
            guard let s = try? LabelSelector(object: sel), s.matches(pv.labels) else { return "selector does not match" }
        }
        if let labels = nodeLabels, let terms = pv[path: "spec", "nodeAffinity", "required", "nodeSelectorTerms"]?.arrayValue,
           !terms.contains(where: { NodeAffinity.term(matches: $0, labels: labels, nodeName: labels["kubernetes.io/hostname"] ?? "") }) {
            return "node affinity does not match"
        }
        return nil
    }

    /// findMatchingVolume: a volume already reserved for this claim if it fits, else the smallest Available
    /// volume that fits and is not reserved for another claim. `nodeLabels` is the chosen node's, for a claim
    /// whose class waits for its first consumer.
    static func bestMatch(for claim: Value, in volumes: [Value], nodeLabels: [String: String]?) -> Value? {
        var best: Value?
        for pv in volumes where pv.deletionTimestamp == nil {
            guard mismatch(pv, claim, nodeLabels: nodeLabels) == nil else { continue }
            if isBound(pv, to: claim) { return pv }
            if let ref = pv[path: "spec", "claimRef"], ref.isObject { continue }
            guard pv[path: "status", "phase"]?.stringValue == "Available" else { continue }
            if let b = best, let bs = b[path: "spec", "capacity", "storage"]?.quantityValue,
               let s = pv[path: "spec", "capacity", "storage"]?.quantityValue, !(s < bs) { continue }
            best = pv
        }
        return best
    }

    /// The reference a bound volume keeps to its claim.
    static func claimRef(_ claim: Value) -> Value {
        ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": .string(claim.metadataName),
         "namespace": .string(claim.metadataNamespace ?? "default"),
         "resourceVersion": claim[path: "metadata", "resourceVersion"] ?? "", "uid": .string(claim.uid)]
    }

    /// A bound claim's status: its volume's access modes and capacity.
    static func boundStatus(_ claim: Value, volume pv: Value) -> Value {
        var s = claim["status"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        s["phase"] = "Bound"
        s["accessModes"] = pv[path: "spec", "accessModes"] ?? .array([])
        s["capacity"] = pv[path: "spec", "capacity"] ?? .emptyObject
        return s
    }

    /// The claims a pod mounts, in the order of its volumes.
    static func claimNames(_ pod: Value) -> [String] {
        guard let volumes = pod[path: "spec", "volumes"]?.arrayValue else { return [] }
        var out: [String] = []
        for v in volumes {
            if let c = v[path: "persistentVolumeClaim", "claimName"]?.stringValue { out.append(c) }
        }
        return out
    }
}
