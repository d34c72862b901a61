// The attach/detach controller's part of a pod start, in short: a persistent disk must be attached to the pod's
// node before the kubelet can mount it, which takes a few seconds and is reported as `SuccessfulAttachVolume`.
// A disk stays attached to the node it went to last, so a later pod on that node starts at once.
// (Not simulated: detaching, and the Multi-Attach error of a ReadWriteOnce disk still attached elsewhere.)

extension Kubelets {
    /// Attaches the disks of the claims a new pod mounts to its node; returns how long the pod waits for them
    /// (zero for a pod without claims, the usual case: its volumes are not searched further).
    func attachVolumes(of pod: Value, node: String) -> Duration {
        let claims = VolumeMatching.claimNames(pod)
        if claims.isEmpty || node.isEmpty { return .seconds(0) }
        guard let pvcType = api.registry.lookup(kind: "PersistentVolumeClaim"),
              let pvType = api.registry.lookup(kind: "PersistentVolume") else { return .seconds(0) }
        let ns = pod.metadataNamespace ?? "default"
        var wait = Duration.seconds(0)
        for claim in claims {
            guard let c = try? api.get(pvcType, namespace: ns, name: claim),
                  let volume = c[path: "spec", "volumeName"]?.stringValue, !volume.isEmpty,
                  let pv = try? api.get(pvType, namespace: nil, name: volume),
                  pv[path: "spec", "csi"] != nil || pv[path: "spec", "gcePersistentDisk"] != nil,
                  attachedVolumes[volume] != node else { continue }
            attachedVolumes[volume] = node
            wait = attachDelay
            let message = "AttachVolume.Attach succeeded for volume \"\(volume)\""
            clock.schedule(after: attachDelay) { [weak events] in
                events?.record(pod, reason: "SuccessfulAttachVolume", message: message, component: "attachdetach-controller")
            }
        }
        return wait
    }
}
