// The attach/detach controller's part of a pod start, in short: a persistent disk must be attached to the pod's
// node before the kubelet can mount it, which takes a few seconds and is reported as `SuccessfulAttachVolume`.
// A disk stays attached to the node it went to last, so a later pod there starts at once; a disk that pods on
// another node still use cannot follow (ReadWriteOnce), and the new pod waits with a Multi-Attach error until
// those pods are gone. (The detach itself takes no time here.)

extension Kubelets {
    /// When the disks of the claims a pod mounts will be attached to its node, or nil when they are (or it has
    /// none, the usual case: then its volumes are read once and not searched further).
    func attachWait(for w: PodWorker) -> Timestamp? {
        let claims = VolumeMatching.claimNames(w.pod)
        if claims.isEmpty { return nil }
        guard let pvcType = api.registry.lookup(kind: "PersistentVolumeClaim"),
              let pvType = api.registry.lookup(kind: "PersistentVolume") else { return nil }
        let now = clock.now
        var until: Timestamp?
        func wait(_ t: Timestamp) { if until.map({ $0 < t }) ?? true { until = t } }
        for claim in claims {
            guard let c = try? api.get(pvcType, namespace: w.namespace, name: claim),
                  let volume = c[path: "spec", "volumeName"]?.stringValue, !volume.isEmpty,
                  let pv = try? api.get(pvType, namespace: nil, name: volume),
                  pv[path: "spec", "csi"] != nil || pv[path: "spec", "gcePersistentDisk"] != nil else { continue }
            if let a = attachedVolumes[volume] {
                if a.node == w.nodeName {
                    if now < a.ready { wait(a.ready) }
                    continue
                }
                let users = podsUsing(claim, namespace: w.namespace, on: a.node)
                if !users.isEmpty {
                    if multiAttachReported.insert(w.uid + "/" + volume).inserted {
                        events.record(w.pod, type: "Warning", reason: "FailedAttachVolume",
                                      message: "Multi-Attach error for volume \"\(volume)\" Volume is already used by pod(s) \(users.joined(separator: ", "))",
                                      component: "attachdetach-controller")
                    }
                    wait(now + .seconds(1))
                    continue
                }
            }
            let ready = now + attachDelay
            attachedVolumes[volume] = (w.nodeName, ready)
            wait(ready)
            let pod = w.pod, message = "AttachVolume.Attach succeeded for volume \"\(volume)\""
            clock.schedule(after: attachDelay) { [weak events] in
                events?.record(pod, reason: "SuccessfulAttachVolume", message: message, component: "attachdetach-controller")
            }
        }
        return until
    }

    /// The pods on `node` that mount the claim and have not finished (a terminating pod still has it mounted).
    private func podsUsing(_ claim: String, namespace: String, on node: String) -> [String] {
        api.list(podType, namespace: namespace).filter { p in
            let phase = p[path: "status", "phase"]?.stringValue
            return p[path: "spec", "nodeName"]?.stringValue == node && phase != "Succeeded" && phase != "Failed"
                && VolumeMatching.claimNames(p).contains(claim)
        }.map(\.metadataName).sorted()
    }
}
