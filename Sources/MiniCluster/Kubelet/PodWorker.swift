// One pod on one node: its sandbox, then init containers one at a time, then the app containers (image pull,
// create, start), exits and restarts with back-off, in virtual time. Timers only call `step()`, which looks at
// the time and moves every container as far as it can; status goes to the API server when it changed.

final class PodWorker {
    unowned let kubelets: Kubelets
    let namespace: String
    let name: String
    let uid: String
    let nodeName: String
    var pod: Value
    let hostIP: String
    let podCIDR: String?
    var podIP: String?
    let startTime: Timestamp
    let sandboxAt: Timestamp
    var sandboxReady = false
    /// Whether status shows the sandbox (its address, PodReadyToStartContainers). The kubelet's first sync of a
    /// pod writes the status it finds before it starts work, then makes the sandbox, pulls every image and starts
    /// the containers in one go; the status the next sync writes is the first to show the sandbox. So the sandbox
    /// shows once no first pull is under way: with the containers' start, or with the failure that ended the sync.
    var sandboxShown = false
    /// `podIP` once status shows the sandbox.
    var shownPodIP: String? { sandboxShown ? podIP : nil }
    let initSlots: [ContainerSlot]
    let slots: [ContainerSlot]
    let restartPolicy: String
    var nodeReady = true
    var terminating = false
    /// While terminating: when the kubelet's terminating sync runs (PodTermination.swift), with the deletion's
    /// grace period, and whether it ran (sent the containers their stop).
    var terminatingSyncAt: Timestamp?
    var terminationGrace = 0
    var stopsSent = false
    /// While terminating, once nothing runs: when the pod leaves the API server (PodTermination.swift).
    var removalAt: Timestamp?
    /// The terminated sync ran: no container can run any more, so the status shows a terminal phase.
    var terminatedSyncDone = false
    /// The pod reached Succeeded or Failed: nothing more runs.
    var terminal = false
    /// Gone from the node (deleted, or replaced by a pod of the same name).
    var finished = false
    /// Volumes that live as long as the pod (emptyDir), by volume name.
    var podVolumes: [String: VolumeDirectory] = [:]
    /// Set while a volume cannot be mounted.
    var mountBlockedSince: Timestamp?
    /// Whether the disks of the claims it mounts are attached to its node.
    var disksAttached = false
    /// A ConfigMap or Secret changed since the last step: containers blocked on configuration retry now.
    var configChanged = false
    /// Something the status shows changed since the last write.
    var dirty = true
    /// While this worker writes the status: the stored pod the write replaces, whose resourceVersion tells the
    /// write's event (the store announces the write before `updateStatus` returns).
    private var replacing: Value?
    /// The pod as this worker's last status write stored it, until the sync its write queued takes it as `pod`.
    var writtenPod: Value?
    /// Something besides this worker's own status writes changed the pod or its node since the last full sync.
    var needsFullSync = false
    /// The pod's QoS class: resources cannot change on a pod, so it is worked out once.
    private(set) lazy var qosClass = kubelets.qosClass(pod["spec"] ?? .emptyObject)
    /// `startTime` as status shows it (first asked for at that instant, so the kubelet's formatter has it).
    private(set) lazy var startTimeText = kubelets.timeText(startTime)
    /// `hostIPs` as status shows it (shared by the node's pods).
    private(set) lazy var hostIPs = kubelets.hostAddresses(hostIP)
    private var podIPsShown: (ip: String, value: Value)?
    /// `podIPs` as status shows it for the pod's address.
    func podIPs(_ ip: String) -> Value {
        if let p = podIPsShown, p.ip == ip { return p.value }
        let v = PodStatusBuilder.addresses(ip)
        podIPsShown = (ip, v)
        return v
    }

    init(kubelets: Kubelets, pod: Value, hostIP: String, podCIDR: String?) {
        self.kubelets = kubelets
        self.pod = pod
        namespace = pod.metadataNamespace ?? "default"
        name = pod.metadataName
        uid = pod.uid
        let spec = pod["spec"]
        nodeName = spec?["nodeName"]?.stringValue ?? ""
        self.hostIP = hostIP
        self.podCIDR = podCIDR
        startTime = kubelets.clock.now
        sandboxAt = startTime + kubelets.sandboxDelay
        restartPolicy = spec?["restartPolicy"]?.stringValue ?? "Always"
        initSlots = (spec?["initContainers"]?.arrayValue ?? []).map { ContainerSlot(spec: $0, isInit: true) }
        slots = (spec?["containers"]?.arrayValue ?? []).map { ContainerSlot(spec: $0, isInit: false) }
    }

    var now: Timestamp { kubelets.clock.now }
    var allSlots: [ContainerSlot] { initSlots.isEmpty ? slots : initSlots + slots }
    var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
    /// A static pod's copy in the API server (kube-proxy on GKE): the kubelet never gives those a terminal phase.
    var isMirrorPod: Bool { pod[path: "metadata", "annotations", "kubernetes.io/config.mirror"] != nil }
    /// The key its syncs are queued under (`kubeletKey` of the key the kubelet keeps it under).
    var kubeletKey = ""

    /// Waiting for a ConfigMap or Secret (a volume or an env reference), so their creation should wake the pod.
    var blockedOnConfig: Bool {
        mountBlockedSince != nil || allSlots.contains {
            if case .waiting("CreateContainerConfigError", _, _) = $0.activity { return true }
            return false
        }
    }

    /// Runs `step()` at `t`. The timer holds the worker strongly, so a worker the kubelet forgot lives until its
    /// last pending wake, which then finds it `finished` and does nothing. A weak capture would do the same, but
    /// would give every worker a side table, which slows each of its retains and releases for good.
    func wake(at t: Timestamp) {
        kubelets.clock.schedule(at: t) { self.step() }
    }

    func start() {
        dirty = true
        writeStatus()
        wake(at: sandboxAt)
    }

    /// Moves every container as far as the current instant allows.
    func step() {
        guard !finished else { return }
        defer {
            if sandboxReady, !sandboxShown, !allSlots.contains(where: \.isPulling) {
                sandboxShown = true
                dirty = true
            }
            writeStatus()
        }
        guard nodeReady, !terminal else { return }
        if !sandboxReady {
            guard now >= sandboxAt else { return }
            if !disksAttached {
                // Persistent disks are attached to the node first (VolumeAttach.swift); most pods have none.
                if let until = kubelets.attachWait(for: self) { wake(at: until); return }
                disksAttached = true
            }
            if let e = kubelets.mountError(for: self) {
                // Volumes come before the sandbox: the pod stays ContainerCreating and tries again.
                if mountBlockedSince == nil { mountBlockedSince = now }
                kubelets.events.record(pod, type: "Warning", reason: "FailedMount", message: e, component: "kubelet", host: nodeName)
                wake(at: now + kubelets.mountRetry)
                return
            }
            mountBlockedSince = nil
            // Not news for status yet: it shows the sandbox from `sandboxShown` on.
            sandboxReady = true
            podIP = sandboxAddress()
        }
        observeExits()
        if terminating { stepTermination(); return }
        var initsDone = true
        for s in initSlots {
            drive(s)
            if !s.initDone { initsDone = false; break }
        }
        if initsDone {
            var pullBusy = false
            for s in slots { drive(s, pullBusy: &pullBusy) }
        }
        configChanged = false
        if PodStatusBuilder.phase(self).isTerminal { becomeTerminal() }
    }

    /// The sandbox's address: a pod on the host's network has the node's; the others get one from the node's pod
    /// range. (Kept out of `step`, which runs at every wake-up.)
    @inline(never)
    private func sandboxAddress() -> String? {
        pod[path: "spec", "hostNetwork"]?.boolValue == true ? hostIP : kubelets.ipam.allocate(node: nodeName, podCIDR: podCIDR)
    }

    /// Succeeded or Failed: sidecars are stopped and the sandbox goes away; the status stays.
    private func becomeTerminal() {
        terminal = true
        dirty = true
        for s in allSlots where s.isRunning {
            s.process?.kill(now: now)
            s.generation += 1
            s.current?.exit = (137, "Error", now)
            s.activity = .exited
            s.ready = false
        }
    }

    private func drive(_ s: ContainerSlot) {
        var busy = false
        drive(s, pullBusy: &busy)
    }

    /// One container's next move. `pullBusy` serialises image pulls within the pod, as the kubelet does.
    private func drive(_ s: ContainerSlot, pullBusy: inout Bool) {
        switch s.activity {
        case .idle:
            if !pullBusy { beginPull(s) }
        case .pulling(let until, let outcome):
            if now >= until { finishPull(s, outcome) }
        case .waiting(let reason, _, let retryAt):
            guard now >= retryAt || (configChanged && reason == "CreateContainerConfigError") else { break }
            switch reason {
            case "ErrImagePull": enterPullBackOff(s)
            case "ImagePullBackOff", "CreateContainerConfigError", "InvalidImageName": beginPull(s)
            case "CrashLoopBackOff": restart(s)
            default: restartOrBackOff(s)
            }
        case .running, .stopping:
            break
        case .exited:
            guard shouldRestart(s), let exit = s.current?.exit else { break }
            let due = exit.at + kubelets.restartDelay
            if now >= due { restartOrBackOff(s) } else { wake(at: due) }
        }
        if case .pulling = s.activity { pullBusy = true }
    }

    /// Whether an exited container comes back, by the pod's restart policy (init containers: never after success).
    func shouldRestart(_ s: ContainerSlot) -> Bool {
        if s.isSidecar || s.specChanged { return true }
        let code = s.current?.exit?.code ?? 0
        if s.isInit { return code != 0 && restartPolicy != "Never" }
        switch restartPolicy {
        case "Never": return false
        case "OnFailure": return code != 0
        default: return true
        }
    }

    /// After an exit: restart now, or wait out the back-off as `CrashLoopBackOff`.
    private func restartOrBackOff(_ s: ContainerSlot) {
        let exitAt = s.current?.exit?.at ?? now
        if s.crashBackoff.inBackOff(since: exitAt), let until = s.crashBackoff.until, until > now {
            let delay = KubeletText.goDuration(s.crashBackoff.delay ?? Backoff.initial)
            let message = "back-off \(delay) restarting failed container=\(s.name) pod=\(name)_\(namespace)(\(uid))"
            s.activity = .waiting(reason: "CrashLoopBackOff", message: message, retryAt: until)
            s.lastWaiting = ("CrashLoopBackOff", message)
            event(s, type: "Warning", reason: "BackOff",
                  message: "Back-off restarting failed container \(s.name) in pod \(name)_\(namespace)(\(uid))")
            dirty = true
            wake(at: until)
        } else {
            restart(s)
        }
    }

    private func restart(_ s: ContainerSlot) {
        s.crashBackoff.next(at: now)
        beginPull(s)
    }

    private func beginPull(_ s: ContainerSlot) {
        // Read once: each use of an unowned reference checks the object is still alive.
        let kubelets = self.kubelets, now = kubelets.clock.now
        guard let runtime = kubelets.runtime else { return }
        if let invalid = kubelets.invalidImageName(s.image) {
            event(s, type: "Warning", reason: "InspectFailed", message: invalid)
            event(s, type: "Warning", reason: "Failed", message: "Error: InvalidImageName")
            let retry = now + kubelets.configErrorRetry
            s.activity = .waiting(reason: "InvalidImageName", message: invalid, retryAt: retry)
            s.lastWaiting = ("InvalidImageName", invalid)
            dirty = true
            wake(at: retry)
            return
        }
        let policy = s.spec["imagePullPolicy"]?.stringValue ?? "IfNotPresent"
        let outcome = runtime.pull(image: s.image, policy: policy, node: nodeName, now: now)
        if case .pulled(_, _, true) = outcome {
            event(s, reason: "Pulled", message: "Container image \"\(s.image)\" already present on machine")
            create(s)
            return
        }
        event(s, reason: "Pulling", message: kubelets.messages.pulling(s.image))
        var took = kubelets.failedPullTime
        if case .pulled(let t, _, _) = outcome { took = t }
        let until = now + took
        // A first pull shows as the wait before it did (the container is being created): no status to write.
        var firstPull = false
        if case .idle = s.activity, s.current == nil, s.lastWaiting == nil { firstPull = true }
        if !firstPull { dirty = true }
        s.activity = .pulling(until: until, outcome: outcome)
        if until > now { wake(at: until) } else { finishPull(s, outcome) }
    }

    private func finishPull(_ s: ContainerSlot, _ outcome: PullOutcome) {
        switch outcome {
        case .pulled(let took, let size, _):
            event(s, reason: "Pulled", message: kubelets.messages.pulled(s.image, took: took, size: size))
            create(s)
        case .failed(let message):
            event(s, type: "Warning", reason: "Failed", message: "Failed to pull image \"\(s.image)\": \(message)")
            event(s, type: "Warning", reason: "Failed", message: "Error: ErrImagePull")
            s.pullBackoff.next(at: now)
            let shown = now + kubelets.errImagePullShown
            s.activity = .waiting(reason: "ErrImagePull", message: message, retryAt: shown)
            s.lastWaiting = ("ErrImagePull", message)
            dirty = true
            wake(at: shown)
        }
    }

    /// `ErrImagePull` turns into `ImagePullBackOff` until the pull back-off ends.
    private func enterPullBackOff(_ s: ContainerSlot) {
        guard let until = s.pullBackoff.until, until > now else { beginPull(s); return }
        event(s, reason: "BackOff", message: "Back-off pulling image \"\(s.image)\"")
        event(s, type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff")
        s.activity = .waiting(reason: "ImagePullBackOff", message: "Back-off pulling image \"\(s.image)\"", retryAt: until)
        s.lastWaiting = ("ImagePullBackOff", "Back-off pulling image \"\(s.image)\"")
        dirty = true
        wake(at: until)
    }

    /// Resolves the launch and starts the container.
    private func create(_ s: ContainerSlot) {
        let kubelets = self.kubelets, now = kubelets.clock.now
        guard let runtime = kubelets.runtime else { return }
        dirty = true
        let launch: ContainerLaunch
        switch kubelets.launch(for: s, in: self) {
        case .failure(let e):
            event(s, type: "Warning", reason: "Failed", message: "Error: \(e.message)")
            let retry = now + kubelets.configErrorRetry
            s.activity = .waiting(reason: e.reason, message: e.message, retryAt: retry)
            s.lastWaiting = (e.reason, e.message)
            wake(at: retry)
            return
        case .success(let l):
            launch = l
        }
        let instance = s.current == nil ? 0 : s.restartCount + 1
        let id = KubeletText.containerID(podUID: uid, container: s.name, instance: instance)
        switch runtime.start(launch, now: now) {
        case .success(let process):
            if s.current != nil {
                s.previous = s.current
                s.previousProcess = s.process
                s.restartCount += 1
            }
            s.current = ContainerInstance(containerID: id, startedAt: now, exit: nil)
            s.process = process
            s.specChanged = false
            s.activity = .running
            s.lastWaiting = nil
            s.generation += 1
            let texts = kubelets.messages.createdAndStarted(s.name)
            event(s, reason: "Created", message: texts.created)
            event(s, reason: "Started", message: texts.started)
            startProbes(s)
            if let w = process.nextWake { wake(at: w > now ? w : now) }
        case .failure(let e):
            event(s, type: "Warning", reason: "Failed", message: "Error: \(e.message)")
            if s.current != nil {
                s.previous = s.current
                s.previousProcess = s.process
                s.restartCount += 1
            }
            s.current = ContainerInstance(containerID: id, startedAt: now, exit: (128, "StartError", now))
            s.process = nil
            s.generation += 1
            let retry = now + kubelets.restartDelay
            s.activity = .waiting(reason: e.reason, message: e.message, retryAt: retry)
            wake(at: retry)
        }
    }

    /// The pod was updated in place; of a container's spec only its image may change. A running container with a
    /// new image is stopped and started again from it (whatever the restart policy); one waiting on the old image
    /// (a failed pull, a crash back-off) tries the new one at once, since the kubelet keys back-offs by the
    /// container's definition. Init containers that already finished are not run again.
    func applySpecChange(_ pod: Value) {
        for s in allSlots where !(s.isInit && !s.isSidecar && s.initDone) {
            let specs = pod[path: "spec", s.isInit ? "initContainers" : "containers"]?.arrayValue ?? []
            guard let new = specs.first(where: { $0["name"]?.stringValue == s.name }),
                  let image = new["image"]?.stringValue, image != s.image else { continue }
            s.spec["image"] = .string(image)
            s.pullBackoff = Backoff()
            s.crashBackoff = Backoff()
            dirty = true
            switch s.activity {
            case .running:
                s.specChanged = true
                stop(s, message: "Container \(s.name) definition changed, will be restarted", grace: podGracePeriod)
            case .stopping, .exited:
                s.specChanged = true
            case .waiting(let reason, let message, _):
                s.activity = .waiting(reason: reason, message: message, retryAt: now)
            case .idle, .pulling:
                break
            }
        }
    }

    /// Asks every running program whether it exited by now.
    func observeExits() {
        for s in allSlots where s.isRunning {
            guard let p = s.process else { continue }
            if case .exited(let code, let reason, let at) = p.advance(to: now) {
                handleExit(s, code: code, reason: reason, at: at)
            } else if let w = p.nextWake, w > now {
                wake(at: w)
            }
        }
    }

    func handleExit(_ s: ContainerSlot, code: Int32, reason: String, at: Timestamp) {
        s.current?.exit = (code, reason, at)
        s.activity = .exited
        s.ready = false
        s.started = false
        s.generation += 1
        dirty = true
        if !terminating, shouldRestart(s) { wake(at: at + kubelets.restartDelay) }
    }

    /// Records a kubelet event about one of this pod's containers.
    func event(_ s: ContainerSlot, type: String = "Normal", reason: String, message: String) {
        let kubelets = self.kubelets
        let fieldPath: String
        if let f = s.fieldPath { fieldPath = f } else {
            fieldPath = kubelets.fieldPath(isInit: s.isInit, name: s.name)
            s.fieldPath = fieldPath
        }
        kubelets.events.record(pod, type: type, reason: reason, message: message, component: "kubelet", host: nodeName,
                               fieldPath: fieldPath)
    }

    /// Writes the pod's status when something it shows changed.
    func writeStatus() {
        guard dirty, !finished else { return }
        dirty = false
        let kubelets = self.kubelets
        // The stored pod is most often the very value the worker holds (the pod its last sync took, which has its
        // uid): one storage, so its uid need not be read.
        guard let stored = try? kubelets.api.get(kubelets.podType, namespace: namespace, name: name),
              stored.storageIdentity.map({ $0 == pod.storageIdentity }) ?? false || stored.uid == uid else { return }
        let existing = stored["status"]
        let status = PodStatusBuilder.status(self, existing: existing ?? .emptyObject, now: now)
        guard status != existing else { return }
        replacing = stored
        let outer = kubelets.writing
        kubelets.writing = self
        defer { replacing = nil; kubelets.writing = outer }
        // Written over `stored`, still the stored pod (building the status wrote nothing), and kept for the sync
        // this write queues, which then need not fetch the pod.
        writtenPod = kubelets.api.updateStatus(kubelets.podType, current: stored, status: status)
    }

    /// Whether a change of this pod is the status write the worker is making now: it replaces the version the
    /// worker read (a write that reacted to it would replace the written one).
    func isOwnWrite(_ e: WatchEvent) -> Bool {
        guard let replacing, e.type == .modified else { return false }
        // The very object the worker read (the store hands out what it keeps) has its version. Its uid is this pod's
        // (writeStatus checked it), and a change of exactly that object while the worker writes is the write itself,
        // which keeps the uid: nothing else is written meanwhile.
        if let old = e.oldObject, old.isIdentical(to: replacing) { return true }
        guard e.object.uid == uid else { return false }
        return e.oldObject?[path: "metadata", "resourceVersion"] == replacing[path: "metadata", "resourceVersion"]
    }
}
