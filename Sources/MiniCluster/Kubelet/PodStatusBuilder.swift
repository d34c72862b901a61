// The pod status a kubelet reports (kubelet_pods.go generateAPIPodStatus): phase, conditions with their transition
// times, container statuses, addresses. A function of the worker's state; printPod derives READY/STATUS from it.

enum PodPhase: String {
    case pending = "Pending", running = "Running", succeeded = "Succeeded", failed = "Failed"
    var isTerminal: Bool { self == .succeeded || self == .failed }
}

enum PodStatusBuilder {
    /// The kubelet's getPhase: init containers first, then counts of running, waiting and stopped containers.
    static func phase(_ w: PodWorker) -> PodPhase {
        for s in w.initSlots where !s.initDone {
            if !s.isSidecar, !w.shouldRestart(s), let e = s.current?.exit, e.code != 0 { return .failed }
            return .pending
        }
        var running = 0, waiting = 0, stopped = 0, succeeded = 0
        for s in w.slots {
            switch s.activity {
            case .running, .stopping:
                running += 1
            case .exited:
                stopped += 1
                if s.current?.exit?.code == 0 { succeeded += 1 }
            case .pulling, .waiting, .idle:
                if let e = s.current?.exit {
                    stopped += 1
                    if case .pulling = s.activity, e.code == 0 { succeeded += 1 }
                } else {
                    waiting += 1
                }
            }
        }
        if waiting > 0 { return .pending }
        if running > 0 { return .running }
        if stopped > 0 {
            if w.restartPolicy == "Always" { return .running }
            if stopped == succeeded { return .succeeded }
            if w.restartPolicy == "Never" { return .failed }
            return .running
        }
        return .pending
    }

    static func status(_ w: PodWorker, existing: Value, now: Timestamp) -> Value {
        let phase = phase(w)
        let inits = w.initSlots
        let initsDone = inits.allSatisfy(\.initDone)
        let old = existing["conditions"]?.arrayValue ?? []

        func condition(_ type: String, _ ok: Bool, reason: String? = nil, message: String? = nil) -> Value {
            let status = ok ? "True" : "False"
            let prior = old.first { $0["type"]?.stringValue == type }
            let since: Value
            if let prior, prior["status"]?.stringValue == status, let t = prior["lastTransitionTime"] {
                since = t
            } else {
                since = .string(w.kubelets.timeText(now))
            }
            return .obj(["lastProbeTime": .null, "lastTransitionTime": since, "message": message.map(Value.string),
                         "reason": reason.map(Value.string), "status": .string(status), "type": .string(type)])
        }

        let pendingInits = inits.filter { !$0.initDone && !$0.isSidecar || ($0.isSidecar && !$0.started) }.map(\.name)
        let unready = (inits.filter(\.isSidecar) + w.slots).filter { !($0.ready && $0.isRunning) }.map(\.name)
        var conditions: [Value] = []
        conditions.append(condition("PodReadyToStartContainers", w.sandboxReady && !w.terminal))
        if initsDone || phase == .succeeded {
            conditions.append(condition("Initialized", true))
        } else {
            conditions.append(condition("Initialized", false, reason: "ContainersNotInitialized",
                                        message: "containers with incomplete status: [\(pendingInits.joined(separator: " "))]"))
        }
        let containersReady: Value
        if unready.isEmpty {
            containersReady = condition("ContainersReady", true)
        } else if phase == .succeeded {
            containersReady = condition("ContainersReady", false, reason: "PodCompleted")
        } else {
            containersReady = condition("ContainersReady", false, reason: "ContainersNotReady",
                                        message: "containers with unready status: [\(unready.joined(separator: " "))]")
        }
        var ready = containersReady
        ready["type"] = "Ready"
        let oldReady = old.first { $0["type"]?.stringValue == "Ready" }
        if !w.nodeReady {
            ready = condition("Ready", false)
        } else if let oldReady, oldReady["status"] == ready["status"] {
            ready["lastTransitionTime"] = oldReady["lastTransitionTime"]
        } else if ready["status"] != oldReady?["status"] {
            ready["lastTransitionTime"] = .string(w.kubelets.timeText(now))
        }
        conditions.append(ready)
        conditions.append(containersReady)
        if let scheduled = old.first(where: { $0["type"]?.stringValue == "PodScheduled" }) {
            conditions.append(scheduled)
        } else {
            conditions.append(condition("PodScheduled", true))
        }
        let mine: Set<String> = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
        conditions += old.filter { !mine.contains($0["type"]?.stringValue ?? "") }

        var status: Value = [
            "conditions": .array(conditions),
            "containerStatuses": .array(w.slots.map { containerStatus($0, pod: w) }),
            "hostIP": .string(w.hostIP),
            "hostIPs": [["ip": .string(w.hostIP)]],
        ]
        if !inits.isEmpty {
            status["initContainerStatuses"] = .array(inits.map { containerStatus($0, pod: w) })
        }
        status["phase"] = .string(phase.rawValue)
        if let ip = w.podIP {
            status["podIP"] = .string(ip)
            status["podIPs"] = [["ip": .string(ip)]]
        }
        status["qosClass"] = .string(w.qosClass)
        status["startTime"] = .string(w.startTimeText)
        return status
    }

    /// One entry of containerStatuses / initContainerStatuses.
    static func containerStatus(_ s: ContainerSlot, pod w: PodWorker) -> Value {
        func terminated(_ i: ContainerInstance) -> Value {
            let e = i.exit ?? (0, "", i.startedAt)
            return ["terminated": .obj(["containerID": .string(i.containerID), "exitCode": .int(Int(e.code)),
                                        "finishedAt": .string(e.at.rfc3339),
                                        "reason": e.reason.isEmpty ? nil : .string(e.reason),
                                        "startedAt": .string(i.startedAt.rfc3339)])]
        }
        func waiting(_ reason: String, _ message: String? = nil) -> Value {
            ["waiting": .obj(["message": message.map(Value.string), "reason": .string(reason)])]
        }
        // Until a container has an instance, the kubelet shows it as being created — or, in a pod with init
        // containers, as waiting for the pod to initialise (even while its own image is pulled).
        let initializing = w.initSlots.isEmpty ? "ContainerCreating" : "PodInitializing"
        var state: Value, last: Value = .emptyObject
        switch s.activity {
        case .idle:
            state = waiting(initializing)
            if let c = s.current, c.exit != nil { state = terminated(c); last = s.previous.map(terminated) ?? .emptyObject }
        case .pulling:
            state = waiting(initializing)
            if let c = s.current, c.exit != nil { state = terminated(c); last = s.previous.map(terminated) ?? .emptyObject }
            if let shown = s.lastWaiting {
                state = waiting(shown.reason, shown.message)
                if let c = s.current, c.exit != nil { last = terminated(c) }
            }
        case .waiting(let reason, let message, _):
            state = waiting(reason, message)
            if let c = s.current, c.exit != nil { last = terminated(c) }
        case .running, .stopping:
            state = ["running": ["startedAt": .string(s.current.map { s.startedAtText($0.startedAt) } ?? w.kubelets.timeText(w.now))]]
            if let p = s.previous { last = terminated(p) }
        case .exited:
            state = s.current.map(terminated) ?? waiting(initializing)
            if let p = s.previous { last = terminated(p) }
        }
        let started = s.current != nil
        var st: Value = [:]
        if let c = s.current { st["containerID"] = .string(c.containerID) }
        st["image"] = .string(started ? w.kubelets.canonicalImage(s.image) : s.image)
        st["imageID"] = .string(started ? w.kubelets.imageID(s.image) : "")
        st["lastState"] = last
        st["name"] = .string(s.name)
        st["ready"] = .bool(s.ready && s.isRunning)
        st["restartCount"] = .int(s.restartCount)
        st["started"] = .bool(s.isRunning && s.started)
        st["state"] = state
        let mounts = s.statusMounts
        if !mounts.isEmpty { st["volumeMounts"] = .array(mounts) }
        return st
    }

    /// A container's volumeMounts as its status lists them.
    static func statusMounts(_ spec: Value) -> [Value] {
        (spec["volumeMounts"]?.arrayValue ?? []).map { m -> Value in
            var v: Value = ["mountPath": m["mountPath"] ?? "", "name": m["name"] ?? ""]
            if m["readOnly"]?.boolValue == true { v["readOnly"] = true; v["recursiveReadOnly"] = "Disabled" }
            return v
        }
    }
}
