// Graceful pod deletion on the node: `Killing` events, SIGTERM, SIGKILL after the grace period, then the kubelet
// removes the pod from the API server (a delete with grace 0), as a real kubelet finishes a graceful delete.

extension PodWorker {
    /// The pod got a deletionTimestamp: stop every container within `grace` seconds.
    func beginTermination(grace: Int) {
        guard !terminating else { return }
        terminating = true
        dirty = true
        for s in allSlots {
            switch s.activity {
            case .running:
                stop(s, message: "Stopping container \(s.name)", grace: grace)
            case .pulling, .waiting:
                s.activity = s.current == nil ? .idle : .exited
            default:
                break
            }
        }
        step()
    }

    /// Once nothing runs any more, the pod leaves the node and the API server.
    func stepTermination() {
        for s in allSlots {
            if case .stopping(let killAt) = s.activity, now >= killAt { forceKill(s) }
        }
        guard !allSlots.contains(where: \.isRunning) else { return }
        writeStatusNow()
        shutdown()
        _ = try? kubelets.api.delete(kubelets.podType, namespace: namespace, name: name, gracePeriod: 0)
    }

    /// Writes the status even if the pod is about to go (the last container states before removal).
    private func writeStatusNow() {
        dirty = true
        writeStatus()
    }

    /// Forgets the pod: kills what still runs and gives its address back.
    func shutdown() {
        guard !finished else { return }
        for s in allSlots where s.isRunning { s.process?.kill(now: now) }
        finished = true
        if let ip = podIP { kubelets.ipam.release(node: nodeName, ip: ip) }
        kubelets.forget(self)
    }
}
