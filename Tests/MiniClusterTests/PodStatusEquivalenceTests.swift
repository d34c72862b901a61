@testable import MiniCluster
import XCTest

/// The pod status the kubelet writes keeps stored conditions whole when they would be built the same, and builds
/// its objects in one go: it must equal the status as it was built before, field by field and in the same order,
/// for every worker state and for stored statuses someone else changed.
final class PodStatusEquivalenceTests: XCTestCase {
    typealias F = KubeletFixture

    /// The builder as it was (every condition and container status built afresh, times formatted directly).
    enum Reference {
        static func status(_ w: PodWorker, existing: Value, now: Timestamp) -> Value {
            let phase = PodStatusBuilder.phase(w)
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
            conditions.append(condition("PodReadyToStartContainers", w.sandboxShown && w.sandboxReady && !w.terminal))
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
            if let ip = w.shownPodIP {
                status["podIP"] = .string(ip)
                status["podIPs"] = [["ip": .string(ip)]]
            }
            status["qosClass"] = .string(w.qosClass)
            status["startTime"] = .string(w.startTime.rfc3339)
            return status
        }

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
                state = ["running": ["startedAt": .string(s.current.map { $0.startedAt.rfc3339 } ?? w.kubelets.timeText(w.now))]]
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
    }

    /// The stored conditions changed at random: dropped, flipped, renamed fields, reordered, foreign ones added.
    private func perturbed(_ status: Value, _ g: inout SeededRandom) -> Value {
        var s = status
        var conditions = s["conditions"]?.arrayValue ?? []
        for i in conditions.indices.reversed() {
            switch g.next() % 9 {
            case 0: conditions.remove(at: i)
            case 1: conditions[i]["status"] = conditions[i]["status"] == "True" ? "False" : "True"
            case 2: conditions[i]["lastTransitionTime"] = nil
            case 3: conditions[i]["message"] = "something else"
            case 4: conditions[i]["reason"] = nil
            case 5:
                if case .object(let o) = conditions[i] {
                    var r = Value.emptyObject
                    for (k, v) in o.reversed() { r[k] = v }
                    conditions[i] = r
                }
            case 6: conditions[i]["extra"] = "x"
            case 7: conditions[i]["lastProbeTime"] = "2024-01-01T00:00:00Z"
            default: break
            }
        }
        if g.next() % 4 == 0 { conditions.insert(["type": "DisruptionTarget", "status": "True"], at: Int(g.next() % UInt64(conditions.count + 1))) }
        if g.next() % 7 == 0 { s["conditions"] = nil } else { s["conditions"] = .array(conditions) }
        return s
    }

    private func compareAll(_ f: KubeletFixture, _ g: inout SeededRandom, _ where_: String) -> Int {
        var n = 0
        for (k, w) in f.cluster.kubelets.workers.sorted(by: { $0.key.name < $1.key.name }) {
            guard let stored = f.get(k.name)?["status"] else { continue }
            var cases = [stored, .emptyObject]
            for _ in 0..<6 { cases.append(perturbed(stored, &g)) }
            for existing in cases {
                let fast = PodStatusBuilder.status(w, existing: existing, now: f.cluster.now)
                let slow = Reference.status(w, existing: existing, now: f.cluster.now)
                XCTAssertEqual(fast, slow, "\(where_) \(k.name) from \(existing)")
                n += 1
            }
        }
        return n
    }

    func testStatusEqualsTheOneBuiltAfresh() throws {
        let f = KubeletFixture()
        f.runtime.images["init"] = .init(pull: .seconds(2), exitAfter: .seconds(5))
        f.runtime.images["badinit"] = .init(pull: .seconds(1), exitAfter: .seconds(1), exitCode: 1)
        f.runtime.images["crash"] = .init(pull: .seconds(1), exitAfter: .seconds(2), exitCode: 2)
        f.runtime.images["done"] = .init(pull: .seconds(1), exitAfter: .seconds(3), exitCode: 0)
        f.runtime.images["side"] = .init(pull: .seconds(1))
        let ifNotPresent: [String: Value] = ["imagePullPolicy": "IfNotPresent"]
        let mounts: [String: Value] = ["volumeMounts": [["name": "data", "mountPath": "/data", "readOnly": true]]]
        try f.pod("web", F.containers(F.c("nginx", "nginx"), F.c("logger", "busybox", ifNotPresent)))
        try f.pod("inits", ["initContainers": [F.c("first", "init", ifNotPresent), F.c("second", "init", ifNotPresent)],
                            "containers": [F.c("nginx", "nginx", mounts)], "volumes": [["name": "data", "emptyDir": [:]]]])
        try f.pod("initfail", ["initContainers": [F.c("setup", "badinit", ifNotPresent)], "containers": [F.c("nginx", "nginx")]])
        try f.pod("crashing", F.containers(F.c("app", "crash")))
        try f.pod("missing", F.containers(F.c("app", "nosuchimage")))
        try f.pod("job", ["restartPolicy": "Never", "containers": [F.c("app", "done")]])
        try f.pod("failing", ["restartPolicy": "OnFailure", "containers": [F.c("app", "crash")]])
        try f.pod("sidecar", ["initContainers": [F.c("proxy", "side", ["restartPolicy": "Always"])],
                              "containers": [F.c("app", "done")]])
        var g = SeededRandom(seed: 3)
        var compared = 0
        compared += compareAll(f, &g, "at start")
        for step in 0..<40 {
            f.advance(step % 5 == 0 ? 0.5 : 1.3)
            compared += compareAll(f, &g, "step \(step)")
            if step == 20 || step == 30 {
                let nodeType = f.cluster.registry.lookup(kind: "Node")!
                var node = try f.api.get(nodeType, namespace: nil, name: F.node)
                node[path: "status", "conditions"] = [["type": "Ready", "status": step == 20 ? "Unknown" : "True"]]
                try f.api.updateStatus(nodeType, namespace: nil, name: F.node, status: node["status"]!)
                f.cluster.settle()
                compared += compareAll(f, &g, "node flipped at \(step)")
            }
        }
        XCTAssertGreaterThan(compared, 2_000)
    }

    /// A condition is kept as stored only when building it would give the same object.
    func testConditionKeptOnlyWhenBuildingGivesTheSame() {
        var g = SeededRandom(seed: 5)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        var kept = 0
        let memo = PodStatusMemo()
        for _ in 0..<3_000 {
            let type = pick(["Ready", "Initialized"]), ok = g.next() % 2 == 0
            let reason = pick([nil, "ContainersNotReady", "PodCompleted"] as [String?])
            let message = pick([nil, "containers with unready status: [a]"] as [String?])
            var prior: Value? = PodStatusBuilder.builtCondition(pick(["Ready", "Initialized"]), g.next() % 2 == 0,
                                                                reason: pick([nil, reason]), message: pick([nil, message]),
                                                                prior: nil, now: { "2024-05-01T10:00:0\(Int.random(in: 0...1))Z" },
                                                                memo: memo)
            switch g.next() % 6 {
            case 0: prior = nil
            case 1: prior?["lastTransitionTime"] = nil
            case 2: prior?["extra"] = .int(1)
            case 3: prior?["lastProbeTime"] = "x"
            default: break
            }
            let fast = PodStatusBuilder.condition(type, ok, reason: reason, message: message, prior: prior, now: { "NOW" }, memo: memo)
            let slow = PodStatusBuilder.builtCondition(type, ok, reason: reason, message: message, prior: prior, now: { "NOW" },
                                                       memo: PodStatusMemo())
            XCTAssertEqual(fast, slow)
            if fast["lastTransitionTime"] != "NOW" { kept += 1 }
        }
        XCTAssertGreaterThan(kept, 100)
    }
}
