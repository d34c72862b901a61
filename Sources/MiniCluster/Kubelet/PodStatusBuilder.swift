// The pod status a kubelet reports (kubelet_pods.go generateAPIPodStatus): phase, conditions with their transition
// times, container statuses, addresses. A function of the worker's state; printPod derives READY/STATUS from it.
import OrderedCollections

enum PodPhase: String {
    case pending = "Pending", running = "Running", succeeded = "Succeeded", failed = "Failed"
    var isTerminal: Bool { self == .succeeded || self == .failed }
}

/// What status building remembers from one pod to the next, kept by each cluster's kubelets: pods of one template
/// build the same conditions and unready messages at the same instants.
final class PodStatusMemo {
    /// The last unready containers' message (pods of one template have the same containers).
    fileprivate var lastUnready: (names: [String], message: String)?
    /// The last condition built of each of the kubelet's types.
    fileprivate var lastBuilt = [BuiltCondition?](repeating: nil, count: PodStatusBuilder.ownConditions.count)
}

/// A condition as `builtCondition` made it, with what it was made from (a class: looking at the last one copies a
/// reference, not six fields).
private final class BuiltCondition {
    let type: String, ok: Bool, reason: String?, message: String?, since: Value, value: Value
    init(type: String, ok: Bool, reason: String?, message: String?, since: Value, value: Value) {
        self.type = type; self.ok = ok; self.reason = reason; self.message = message; self.since = since; self.value = value
    }
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
        // A deleted pod whose terminating sync stopped everything is terminal whatever its restart policy (since
        // 1.27: getPhase's podIsTerminal), but for a static pod.
        if stopped > 0, w.terminatedSyncDone, !w.isMirrorPod { return stopped == succeeded ? .succeeded : .failed }
        if stopped > 0 {
            if w.restartPolicy == "Always" { return .running }
            if stopped == succeeded { return .succeeded }
            if w.restartPolicy == "Never" { return .failed }
            return .running
        }
        return .pending
    }

    /// The phase status shows. A deleted pod whose containers stopped stays in its phase until its terminated
    /// sync: the status manager holds back a terminal phase while the pod worker could still have running
    /// containers (mergePodStatus in pkg/kubelet/status/status_manager.go), so printPod shows `Terminating`. The
    /// status written at the terminated sync, just before the removal, has the terminal phase: `Completed`/`Error`.
    private static func shownPhase(_ phase: PodPhase, _ w: PodWorker) -> PodPhase {
        phase.isTerminal && w.terminating && !w.terminatedSyncDone ? .running : phase
    }

    /// The conditions the kubelet sets; any other condition in the stored status is kept after them.
    fileprivate static let ownConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]

    static func status(_ w: PodWorker, existing: Value, now: Timestamp) -> Value {
        let phase = phase(w)
        let inits = w.initSlots
        let initsDone = inits.allSatisfy(\.initDone)
        let old = existing["conditions"]?.arrayValue ?? []
        // The stored conditions by type, the first of each (in one pass), and the others, kept after the kubelet's.
        var priors = Priors(), foreign: [Value] = []
        for c in old {
            if let t = c["type"]?.stringValue, let i = ownConditions.firstIndex(of: t) {
                if priors[i] == nil { priors[i] = c }
            } else {
                foreign.append(c)
            }
        }
        let timeText = w.kubelets.timeText
        let memo = w.kubelets.statusMemo
        func nowText() -> String { timeText(now) }
        // `at` is the type's place in ownConditions.
        func condition(_ at: Int, _ ok: Bool, reason: String? = nil, message: String? = nil) -> Value {
            Self.condition(ownConditions[at], slot: at, ok, reason: reason, message: message, prior: priors[at], now: nowText,
                           memo: memo)
        }

        let sandbox = condition(0, w.sandboxShown && w.sandboxReady && !w.terminal)
        let initialized: Value
        if initsDone || phase == .succeeded {
            initialized = condition(1, true)
        } else {
            let pendingInits = inits.filter { !$0.initDone && !$0.isSidecar || ($0.isSidecar && !$0.started) }.map(\.name)
            initialized = condition(1, false, reason: "ContainersNotInitialized",
                                    message: "containers with incomplete status: [\(pendingInits.joined(separator: " "))]")
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
                readyMessage = unreadyMessage(unready, memo: memo)
            }
        }
        let containersReady = condition(3, readyOK, reason: readyReason, message: readyMessage)
        let oldReady = priors[2]
        let ready: Value
        if !w.nodeReady {
            ready = condition(2, false)
        } else if let oldReady, unchanged(oldReady, type: "Ready", status: readyOK ? "True" : "False", reason: readyReason,
                                          message: readyMessage) {
            // What the lines below would make of it: ContainersReady renamed, with Ready's own transition time.
            ready = oldReady
        } else if let oldReady, oldReady["status"]?.stringValue == (readyOK ? "True" : "False"),
                  oldReady["lastTransitionTime"] == nil {
            // The stored Ready lacks a transition time: it stays without one.
            var r = containersReady
            r["type"] = "Ready"
            r["lastTransitionTime"] = nil
            ready = r
        } else {
            // ContainersReady renamed, with Ready's own transition time: what builtCondition makes of the same fields
            // (ContainersReady has exactly its fields, built or kept as `unchanged` found them).
            ready = builtCondition("Ready", slot: 2, readyOK, reason: readyReason, message: readyMessage, prior: oldReady,
                                   now: nowText, memo: memo)
        }
        // A literal, not appends: see ObjectShape.nulls.
        var conditions = [sandbox, initialized, ready, containersReady, priors[4] ?? condition(4, true)]
        if !foreign.isEmpty { conditions += foreign }

        let podIP = w.shownPodIP
        let shape = statusShapes[(inits.isEmpty ? 0 : 1) | (podIP == nil ? 0 : 2)]
        return shape.object { v in
            var i = 0
            func put(_ x: Value) { v[i] = x; i += 1 }
            put(.array(conditions))
            put(.array(containerStatuses(w.slots, pod: w)))
            put(.string(w.hostIP))
            put(w.hostIPs)
            if !inits.isEmpty { put(.array(containerStatuses(inits, pod: w))) }
            put(.string(shownPhase(phase, w).rawValue))
            if let ip = podIP {
                put(.string(ip))
                put(w.podIPs(ip))
            }
            put(.string(w.qosClass))
            put(.string(w.startTimeText))
        }
    }

    /// The stored condition of each of the kubelet's types, by place in ownConditions: five fields rather than an
    /// array, which would be allocated for every status.
    private struct Priors {
        private var a, b, c, d, e: Value?
        subscript(i: Int) -> Value? {
            get {
                switch i {
                case 0: return a
                case 1: return b
                case 2: return c
                case 3: return d
                default: return e
                }
            }
            set {
                switch i {
                case 0: a = newValue
                case 1: b = newValue
                case 2: c = newValue
                case 3: d = newValue
                default: e = newValue
                }
            }
        }
    }

    /// The statuses of `slots`; one container (most pods) is a literal array (see ObjectShape.nulls).
    private static func containerStatuses(_ slots: [ContainerSlot], pod w: PodWorker) -> [Value] {
        slots.count == 1 ? [containerStatus(slots[0], pod: w)] : slots.map { containerStatus($0, pod: w) }
    }

    /// `hostIPs` or `podIPs` for one address: `[{"ip": …}]`.
    static func addresses(_ ip: String) -> Value { [addressShape.object { $0[0] = .string(ip) }] }
    static let addressShape = ObjectShape(["ip"])

    /// The status's keys, without and with init container statuses (bit 0) and the pod's address (bit 1).
    static let statusShapes = ObjectShape.variants(
        ["conditions", "containerStatuses", "hostIP", "hostIPs", "initContainerStatuses", "phase", "podIP", "podIPs",
         "qosClass", "startTime"], optional: [["initContainerStatuses"], ["podIP", "podIPs"]])

    /// `containers with unready status: [a b]`.
    static func unreadyMessage(_ names: [String], memo: PodStatusMemo) -> String {
        if let l = memo.lastUnready, l.names.count == names.count, zip(l.names, names).allSatisfy({ Value.sameBytes($0, $1) }) {
            return l.message
        }
        let message = "containers with unready status: [\(names.joined(separator: " "))]"
        memo.lastUnready = (names, message)
        return message
    }

    /// A condition the kubelet reports: `prior` (the stored condition of its type) as it is when building it again
    /// would give the same fields, else built.
    static func condition(_ type: String, _ ok: Bool, reason: String?, message: String?, prior: Value?,
                          now: () -> String, memo: PodStatusMemo) -> Value {
        condition(type, slot: ownConditions.firstIndex(of: type), ok, reason: reason, message: message, prior: prior, now: now,
                  memo: memo)
    }

    /// `condition` for a type whose place in ownConditions (`slot`, nil for another type) the caller knows.
    private static func condition(_ type: String, slot: Int?, _ ok: Bool, reason: String?, message: String?,
                                  prior: Value?, now: () -> String, memo: PodStatusMemo) -> Value {
        if let prior, unchanged(prior, type: type, status: ok ? "True" : "False", reason: reason, message: message) {
            return prior
        }
        return builtCondition(type, slot: slot, ok, reason: reason, message: message, prior: prior, now: now, memo: memo)
    }

    /// The condition with its transition time: the prior one's while the status stays, else now.
    static func builtCondition(_ type: String, _ ok: Bool, reason: String?, message: String?, prior: Value?,
                               now: () -> String, memo: PodStatusMemo) -> Value {
        builtCondition(type, slot: ownConditions.firstIndex(of: type), ok, reason: reason, message: message, prior: prior,
                       now: now, memo: memo)
    }

    private static func builtCondition(_ type: String, slot: Int?, _ ok: Bool, reason: String?, message: String?,
                                       prior: Value?, now: () -> String, memo: PodStatusMemo) -> Value {
        let status = ok ? "True" : "False"
        let since: Value
        if let prior, prior["status"]?.stringValue == status, let t = prior["lastTransitionTime"] {
            since = t
        } else {
            since = .string(now())
        }
        // Pods of one template change their conditions alike at the same instants: the last condition built of
        // this type is given again when every field is the same, byte for byte.
        if let slot, let last = memo.lastBuilt[slot], last.ok == ok, Self.sameBytes(last.reason, reason),
           Self.sameBytes(last.message, message), last.since.isIdentical(to: since), Value.sameBytes(last.type, type) {
            return last.value
        }
        let value = conditionShapes[(message == nil ? 0 : 1) | (reason == nil ? 0 : 2)].object { v in
            var i = 1
            func put(_ x: Value) { v[i] = x; i += 1 }
            put(since)  // lastProbeTime stays null
            if let message { put(.string(message)) }
            if let reason { put(.string(reason)) }
            put(.string(status))
            put(.string(type))
        }
        if let slot { memo.lastBuilt[slot] = BuiltCondition(type: type, ok: ok, reason: reason, message: message, since: since, value: value) }
        return value
    }

    /// Both nil, or the same bytes.
    static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return Value.sameBytes(a, b)
    }

    /// A condition's keys, without and with a message (bit 0) and a reason (bit 1).
    static let conditionShapes = ObjectShape.variants(
        ["lastProbeTime", "lastTransitionTime", "message", "reason", "status", "type"], optional: [["message"], ["reason"]])

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
        let kubelets = w.kubelets
        let parts = kubelets.statusParts
        func terminated(_ i: ContainerInstance) -> Value {
            let e = i.exit ?? (0, "", i.startedAt)
            let inner = terminatedShapes[e.reason.isEmpty ? 0 : 1].object { v in
                v[0] = .string(i.containerID)
                v[1] = .int(Int(e.code))
                v[2] = .string(e.at.rfc3339)
                if e.reason.isEmpty { v[3] = .string(i.startedAt.rfc3339) } else {
                    v[3] = .string(e.reason)
                    v[4] = .string(i.startedAt.rfc3339)
                }
            }
            return terminatedState.object { $0[0] = inner }
        }
        func waiting(_ reason: String, _ message: String? = nil) -> Value { parts.waitingState(reason, message) }
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
            let at = s.current.map { s.startedAtText($0.startedAt, kubelets.timeText) } ?? kubelets.timeText(w.now)
            state = parts.runningState(since: at)
            if let p = s.previous { last = terminated(p) }
        case .exited:
            state = s.current.map(terminated) ?? waiting(initializing)
            if let p = s.previous { last = terminated(p) }
        }
        let ready = s.ready && s.isRunning, started = s.isRunning && s.started
        guard let c = s.current else { return s.unstartedStatus(last: last, ready: ready, started: started, state: state) }
        return containerStatus(id: c.containerID, image: kubelets.canonicalImage(s.image), imageID: kubelets.imageID(s.image),
                               last: last, name: s.name, ready: ready, restartCount: s.restartCount, started: started,
                               state: state, mounts: s.statusMounts)
    }

    /// A container status from its fields (the id only once the container has an instance).
    static func containerStatus(id: String?, image: String, imageID: String, last: Value, name: String, ready: Bool,
                                restartCount: Int, started: Bool, state: Value, mounts: [Value]) -> Value {
        containerStatusShapes[(id == nil ? 0 : 1) | (mounts.isEmpty ? 0 : 2)].object { v in
            var i = 0
            func put(_ x: Value) { v[i] = x; i += 1 }
            if let id { put(.string(id)) }
            put(.string(image))
            put(.string(imageID))
            put(last)
            put(.string(name))
            put(.bool(ready))
            put(.int(restartCount))
            put(.bool(started))
            put(state)
            if !mounts.isEmpty { put(.array(mounts)) }
        }
    }

    /// `{"waiting": {"message": …, "reason": …}}`, the message only when there is one.
    static func makeWaiting(reason: String, message: String?) -> Value {
        let inner = waitingShapes[message == nil ? 0 : 1].object { v in
            if let message { v[0] = .string(message); v[1] = .string(reason) } else { v[0] = .string(reason) }
        }
        return waitingState.object { $0[0] = inner }
    }

    /// `{"running": {"startedAt": since}}`.
    static func makeRunning(since: String) -> Value {
        runningState.object { $0[0] = startedAtShape.object { $0[0] = .string(since) } }
    }

    /// A container status's keys, without and with a container id (bit 0) and volume mounts (bit 1).
    static let containerStatusShapes = ObjectShape.variants(
        ["containerID", "image", "imageID", "lastState", "name", "ready", "restartCount", "started", "state",
         "volumeMounts"], optional: [["containerID"], ["volumeMounts"]])
    static let waitingState = ObjectShape(["waiting"]), runningState = ObjectShape(["running"])
    static let terminatedState = ObjectShape(["terminated"]), startedAtShape = ObjectShape(["startedAt"])
    /// `waiting`'s keys, without and with a message.
    static let waitingShapes = ObjectShape.variants(["message", "reason"], optional: [["message"]])
    /// `terminated`'s keys, without and with a reason.
    static let terminatedShapes = ObjectShape.variants(["containerID", "exitCode", "finishedAt", "reason", "startedAt"],
                                                       optional: [["reason"]])

    /// A container's volumeMounts as its status lists them.
    static func statusMounts(_ spec: Value) -> [Value] {
        (spec["volumeMounts"]?.arrayValue ?? []).map { m -> Value in
            mountShapes[m["readOnly"]?.boolValue == true ? 1 : 0].object { v in
                v[0] = m["mountPath"] ?? ""
                v[1] = m["name"] ?? ""
                if v.count > 2 { v[2] = true; v[3] = "Disabled" }
            }
        }
    }

    /// A status volume mount's keys, without and with readOnly and recursiveReadOnly.
    static let mountShapes = ObjectShape.variants(["mountPath", "name", "readOnly", "recursiveReadOnly"],
                                                  optional: [["readOnly", "recursiveReadOnly"]])
}
