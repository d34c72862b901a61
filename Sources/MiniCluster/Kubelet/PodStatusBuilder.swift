// The pod status a kubelet reports (kubelet_pods.go generateAPIPodStatus): phase, conditions with their transition
// times, container statuses, addresses. A function of the worker's state; printPod derives READY/STATUS from it.
import OrderedCollections

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

    /// The conditions the kubelet sets; any other condition in the stored status is kept after them.
    private static let ownConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]

    static func status(_ w: PodWorker, existing: Value, now: Timestamp) -> Value {
        let phase = phase(w)
        let inits = w.initSlots
        let initsDone = inits.allSatisfy(\.initDone)
        let old = existing["conditions"]?.arrayValue ?? []
        // The stored conditions by type, the first of each (in one pass), and the others, kept after the kubelet's.
        var priors = [Value?](repeating: nil, count: ownConditions.count), foreign: [Value] = []
        for c in old {
            if let t = c["type"]?.stringValue, let i = ownConditions.firstIndex(of: t) {
                if priors[i] == nil { priors[i] = c }
            } else {
                foreign.append(c)
            }
        }
        func prior(_ type: String) -> Value? { priors[ownConditions.firstIndex(of: type)!] }
        func nowText() -> String { w.kubelets.timeText(now) }
        func condition(_ type: String, _ ok: Bool, reason: String? = nil, message: String? = nil) -> Value {
            Self.condition(type, ok, reason: reason, message: message, prior: prior(type), now: nowText)
        }

        var conditions: [Value] = []
        conditions.reserveCapacity(5)
        conditions.append(condition("PodReadyToStartContainers", w.sandboxReady && !w.terminal))
        if initsDone || phase == .succeeded {
            conditions.append(condition("Initialized", true))
        } else {
            let pendingInits = inits.filter { !$0.initDone && !$0.isSidecar || ($0.isSidecar && !$0.started) }.map(\.name)
            conditions.append(condition("Initialized", false, reason: "ContainersNotInitialized",
                                        message: "containers with incomplete status: [\(pendingInits.joined(separator: " "))]"))
        }
        // ContainersReady, and Ready with the same status, reason and message unless the node is not ready.
        var unready: [String] = []
        for s in inits where s.isSidecar && !(s.ready && s.isRunning) { unready.append(s.name) }
        for s in w.slots where !(s.ready && s.isRunning) { unready.append(s.name) }
        var readyOK = true, readyReason: String?, readyMessage: String?
        if !unready.isEmpty {
            readyOK = false
            if phase == .succeeded {
                readyReason = "PodCompleted"
            } else {
                readyReason = "ContainersNotReady"
                readyMessage = "containers with unready status: [\(unready.joined(separator: " "))]"
            }
        }
        let containersReady = condition("ContainersReady", readyOK, reason: readyReason, message: readyMessage)
        let oldReady = prior("Ready")
        let ready: Value
        if !w.nodeReady {
            ready = Self.condition("Ready", false, reason: nil, message: nil, prior: oldReady, now: nowText)
        } else if let oldReady, unchanged(oldReady, type: "Ready", status: readyOK ? "True" : "False", reason: readyReason,
                                          message: readyMessage) {
            // What the lines below would make of it: ContainersReady renamed, with Ready's own transition time.
            ready = oldReady
        } else {
            var r = containersReady
            r["type"] = "Ready"
            if let oldReady, oldReady["status"] == r["status"] {
                r["lastTransitionTime"] = oldReady["lastTransitionTime"]
            } else if r["status"] != oldReady?["status"] {
                r["lastTransitionTime"] = .string(nowText())
            }
            ready = r
        }
        conditions.append(ready)
        conditions.append(containersReady)
        conditions.append(prior("PodScheduled") ?? condition("PodScheduled", true))
        conditions += foreign

        var status: [(String, Value)] = []
        status.reserveCapacity(11)
        status.append(("conditions", .array(conditions)))
        status.append(("containerStatuses", .array(w.slots.map { containerStatus($0, pod: w) })))
        status.append(("hostIP", .string(w.hostIP)))
        status.append(("hostIPs", w.hostIPs))
        if !inits.isEmpty {
            status.append(("initContainerStatuses", .array(inits.map { containerStatus($0, pod: w) })))
        }
        status.append(("phase", .string(phase.rawValue)))
        if let ip = w.podIP {
            status.append(("podIP", .string(ip)))
            status.append(("podIPs", w.podIPs(ip)))
        }
        status.append(("qosClass", .string(w.qosClass)))
        status.append(("startTime", .string(w.startTimeText)))
        return .object(OrderedDictionary(uncheckedUniqueKeysWithValues: status))
    }

    /// A condition the kubelet reports: `prior` (the stored condition of its type) as it is when building it again
    /// would give the same fields, else built.
    static func condition(_ type: String, _ ok: Bool, reason: String?, message: String?, prior: Value?,
                          now: () -> String) -> Value {
        if let prior, unchanged(prior, type: type, status: ok ? "True" : "False", reason: reason, message: message) {
            return prior
        }
        return builtCondition(type, ok, reason: reason, message: message, prior: prior, now: now)
    }

    /// The condition with its transition time: the prior one's while the status stays, else now.
    static func builtCondition(_ type: String, _ ok: Bool, reason: String?, message: String?, prior: Value?,
                               now: () -> String) -> Value {
        let status = ok ? "True" : "False"
        let since: Value
        if let prior, prior["status"]?.stringValue == status, let t = prior["lastTransitionTime"] {
            since = t
        } else {
            since = .string(now())
        }
        var fields: [(String, Value)] = [("lastProbeTime", .null), ("lastTransitionTime", since)]
        fields.reserveCapacity(6)
        if let message { fields.append(("message", .string(message))) }
        if let reason { fields.append(("reason", .string(reason))) }
        fields.append(("status", .string(status)))
        fields.append(("type", .string(type)))
        return .object(OrderedDictionary(uncheckedUniqueKeysWithValues: fields))
    }

    /// Whether `prior` has exactly the fields `builtCondition` gives when it keeps the transition time, in order:
    /// then building it again would give `prior` itself.
    static func unchanged(_ prior: Value, type: String, status: String, reason: String?, message: String?) -> Bool {
        guard case .object(let o) = prior, o.count == 4 + (message == nil ? 0 : 1) + (reason == nil ? 0 : 1) else { return false }
        var i = 0
        func next(_ key: String, _ value: Value?) -> Bool {
            defer { i += 1 }
            guard o.keys[i] == key else { return false }
            return value.map { o.values[i] == $0 } ?? true
        }
        guard next("lastProbeTime", .null), next("lastTransitionTime", nil) else { return false }
        if let message, !next("message", .string(message)) { return false }
        if let reason, !next("reason", .string(reason)) { return false }
        return next("status", .string(status)) && next("type", .string(type))
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
            state = ["running": ["startedAt": .string(s.current.map { s.startedAtText($0.startedAt, w.kubelets.timeText) }
                                                      ?? w.kubelets.timeText(w.now))]]
            if let p = s.previous { last = terminated(p) }
        case .exited:
            state = s.current.map(terminated) ?? waiting(initializing)
            if let p = s.previous { last = terminated(p) }
        }
        let started = s.current != nil
        var st: [(String, Value)] = []
        st.reserveCapacity(10)
        if let c = s.current { st.append(("containerID", .string(c.containerID))) }
        st.append(("image", .string(started ? w.kubelets.canonicalImage(s.image) : s.image)))
        st.append(("imageID", .string(started ? w.kubelets.imageID(s.image) : "")))
        st.append(("lastState", last))
        st.append(("name", .string(s.name)))
        st.append(("ready", .bool(s.ready && s.isRunning)))
        st.append(("restartCount", .int(s.restartCount)))
        st.append(("started", .bool(s.isRunning && s.started)))
        st.append(("state", state))
        let mounts = s.statusMounts
        if !mounts.isEmpty { st.append(("volumeMounts", .array(mounts))) }
        return .object(OrderedDictionary(uncheckedUniqueKeysWithValues: st))
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
