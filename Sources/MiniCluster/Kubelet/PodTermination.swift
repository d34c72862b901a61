// Graceful pod deletion on the node: `Killing` events, SIGTERM, SIGKILL after the grace period, then the kubelet
// removes the pod from the API server (a delete with grace 0), as a real kubelet finishes a graceful delete.
//
// The removal is not instant. The kubelet's pod worker (pkg/kubelet/pod_workers.go, podWorkerLoop) waits before
// each sync for a pod status newer than its last sync from the PLEG cache, which the generic PLEG refreshes on its
// 1 s relist period (pkg/kubelet/pleg/generic.go); its own comment says this adds about a second to the move from
// syncing to terminating and again to terminated. So the terminating sync (SyncTerminatingPod: the `Killing` events,
// SIGTERM, SIGKILL after the grace period) starts at the first relist after the deletion, and the terminated sync
// (SyncTerminatedPod: volumes unmounted, cgroup removed, then the status manager's TerminatePod, whose sync writes
// the terminal phase and, finding the pod's resources reclaimed, deletes it with grace 0,
// pkg/kubelet/status/status_manager.go) at the first relist after that one and after the last container stopped.
// Until the terminating sync the containers run on and stay ready: `kubectl get -w` shows `1/1 Terminating`, then
// `0/1 Terminating` once they stopped, then `0/1 Completed` (or `Error`) as the pod goes. An nginx pod therefore
// stays `Terminating` for 1–2 s, a pod that ignores SIGTERM for its grace period and up to 2 s more. Relists fall on
// the cluster clock's whole seconds.

extension PodWorker {
    /// The pod got a deletionTimestamp: stop every container within `grace` seconds.
    func beginTermination(grace: Int) {
        guard !terminating else { return }
        terminating = true
        let sync = Self.nextRelist(after: now)
        terminatingSyncAt = sync
        terminationGrace = grace
        wake(at: sync)
    }

    /// The terminating sync: stop every container within the deletion's grace period.
    private func stopAll(grace: Int) {
        stopsSent = true
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
    }

    /// Once nothing runs any more, the pod leaves the node and the API server.
    func stepTermination() {
        if !stopsSent {
            guard let sync = terminatingSyncAt, now >= sync else { return }
            stopAll(grace: terminationGrace)
        }
        for s in allSlots {
            if case .stopping(let killAt) = s.activity, now >= killAt { forceKill(s) }
        }
        guard !allSlots.contains(where: \.isRunning) else { return }
        // Everything stopped: the status shows the containers' ends (written by `step`) until the terminated sync.
        let due = removalAt ?? Self.nextRelist(after: max(now, terminatingSyncAt ?? now))
        if removalAt == nil {
            removalAt = due
            wake(at: due)
        }
        guard now >= due else { return }
        terminatedSyncDone = true
        writeStatusNow()
        shutdown()
        _ = try? kubelets.api.delete(kubelets.podType, namespace: namespace, name: name, gracePeriod: 0)
    }

    /// The first PLEG relist strictly after `t` (relists every second, on the clock's whole seconds).
    static func nextRelist(after t: Timestamp) -> Timestamp {
        Timestamp(ms: (t.ms >= 0 ? t.ms / 1000 : (t.ms - 999) / 1000) * 1000 + 1000)
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
