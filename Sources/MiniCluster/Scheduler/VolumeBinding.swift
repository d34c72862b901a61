// The scheduler's VolumeBinding plugin, in short: a pod's claims must exist; claims of a class that binds at once
// must be bound before the pod is placed; bound volumes pin the pod to the nodes their node affinity allows; and
// claims of a WaitForFirstConsumer class learn the chosen node (volume.kubernetes.io/selected-node) and must be
// bound (provisioned there) before the pod is bound to that node (PreBind).

enum VolumeBinding {
    enum Verdict {
        /// A PreFilter refusal, in the plugin's words.
        case refused(String)
        /// The node selector terms of each bound volume, and the claims still waiting for their first consumer.
        case ready(terms: [[Value]], delayed: [Value])
    }

    /// The plugin's PreFilter (and the part of Filter that needs no node) for a pod that mounts `claims`.
    static func check(_ namespace: String, claims: [String], api: APIServer, pvc: ResourceType, pv: ResourceType,
                      storageClass: ResourceType) -> Verdict {
        var terms: [[Value]] = [], delayed: [Value] = []
        for name in claims {
            guard let claim = try? api.get(pvc, namespace: namespace, name: name) else {
                return .refused("persistentvolumeclaim \"\(name)\" not found")
            }
            if claim.deletionTimestamp != nil { return .refused("persistentvolumeclaim \"\(name)\" is being deleted") }
            let volumeName = claim[path: "spec", "volumeName"]?.stringValue ?? ""
            if !volumeName.isEmpty {
                if let v = try? api.get(pv, namespace: nil, name: volumeName),
                   let t = v[path: "spec", "nodeAffinity", "required", "nodeSelectorTerms"]?.arrayValue { terms.append(t) }
                continue
            }
            let className = VolumeMatching.className(claim)
            let sc = className.isEmpty ? nil : try? api.get(storageClass, namespace: nil, name: className)
            guard sc?["volumeBindingMode"]?.stringValue == "WaitForFirstConsumer" else {
                return .refused("pod has unbound immediate PersistentVolumeClaims")
            }
            delayed.append(claim)
        }
        return .ready(terms: terms, delayed: delayed)
    }
}
