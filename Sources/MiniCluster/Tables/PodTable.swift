// The pod table: READY, STATUS and RESTARTS derived from the pod's status the way printPod does (reference §3).

/// The three derived cells of a pod row.
public struct PodSummary: Equatable, Sendable {
    public var ready: String
    public var status: String
    public var restarts: String

    public init(ready: String, status: String, restarts: String) {
        self.ready = ready; self.status = status; self.restarts = restarts
    }

    /// Derives READY, STATUS and RESTARTS from a Pod object, seen at `now` (for `N (5m ago)`).
    public static func of(_ pod: Value, now: Timestamp) -> PodSummary {
        let p = prepared(pod)
        return PodSummary(ready: p.ready, status: p.status, restarts: p.restarts.render(now))
    }

    /// The same cells with RESTARTS left open on the time of the last restart.
    static func prepared(_ pod: Value) -> (ready: String, status: String, restarts: TimedCell) {
        let spec = pod["spec"], status = pod["status"]
        let phase = status?["phase"]?.stringValue ?? ""
        let podReason = status?["reason"]?.stringValue ?? ""
        var reason = podReason.isEmpty ? phase : podReason
        let conditions = status?["conditions"]?.arrayValue ?? []
        for c in conditions where c["type"]?.stringValue == "PodScheduled" && c["reason"]?.stringValue == "SchedulingGated" {
            reason = "SchedulingGated"
        }

        let initSpecs = spec?["initContainers"]?.arrayValue ?? []
        var sidecars = Set<String>()
        for c in initSpecs where c["restartPolicy"]?.stringValue == "Always" { sidecars.insert(c["name"]?.stringValue ?? "") }
        let total = (spec?["containers"]?.arrayValue?.count ?? 0) + sidecars.count
        var ready = 0, restarts = 0, sidecarRestarts = 0
        var lastRestart: Timestamp?, sidecarLastRestart: Timestamp?

        var initializing = false
        let initStatuses = status?["initContainerStatuses"]?.arrayValue ?? []
        for (i, c) in initStatuses.enumerated() {
            let count = c["restartCount"]?.intValue ?? 0
            let finished = finishedAt(c)
            restarts += count
            lastRestart = later(lastRestart, finished)
            let isSidecar = sidecars.contains(c["name"]?.stringValue ?? "")
            if isSidecar {
                sidecarRestarts += count
                sidecarLastRestart = later(sidecarLastRestart, finished)
            }
            let state = c["state"]
            let terminated = state?["terminated"], waiting = state?["waiting"]
            if let t = terminated, t["exitCode"]?.intValue ?? 0 == 0 { continue }
            if isSidecar, c["started"]?.boolValue == true {
                if c["ready"]?.boolValue == true { ready += 1 }
                continue
            }
            if let t = terminated {
                let r = t["reason"]?.stringValue ?? ""
                reason = r.isEmpty ? "Init:" + exitText(t) : "Init:" + r
            } else if let w = waiting?["reason"]?.stringValue, !w.isEmpty, w != "PodInitializing" {
                reason = "Init:" + w
            } else {
                reason = "Init:\(i)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        let initializedTrue = conditions.contains { $0["type"]?.stringValue == "Initialized" && $0["status"]?.stringValue == "True" }
        if !initializing || initializedTrue {
            restarts = sidecarRestarts
            lastRestart = sidecarLastRestart
            var hasRunning = false
            for c in (status?["containerStatuses"]?.arrayValue ?? []).reversed() {
                restarts += c["restartCount"]?.intValue ?? 0
                lastRestart = later(lastRestart, finishedAt(c))
                let state = c["state"]
                let terminated = state?["terminated"]
                if let w = state?["waiting"]?["reason"]?.stringValue, !w.isEmpty {
                    reason = w
                } else if let t = terminated {
                    let r = t["reason"]?.stringValue ?? ""
                    reason = r.isEmpty ? exitText(t) : r
                } else if c["ready"]?.boolValue == true, state?["running"] != nil {
                    hasRunning = true
                    ready += 1
                }
            }
            if reason == "Completed", hasRunning {
                let podReady = conditions.contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
                reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod["metadata"]?["deletionTimestamp"] != nil {
            if podReason == "NodeLost" {
                reason = "Unknown"
            } else if phase != "Succeeded", phase != "Failed" {
                reason = "Terminating"
            }
        }

        var restartCell = TimedCell.text(String(restarts))
        if restarts != 0, let last = lastRestart {
            restartCell = .since(last, prefix: "\(restarts) (", suffix: " ago)")
        }
        return ("\(ready)/\(total)", reason, restartCell)
    }

    /// `lastState.terminated.finishedAt` of a container status.
    private static func finishedAt(_ c: Value) -> Timestamp? {
        guard let t = c["lastState"]?["terminated"] else { return nil }
        return Cell.time(t["finishedAt"])
    }

    private static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let b else { return a }
        guard let a else { return b }
        return b > a ? b : a
    }

    /// `Signal:N` or `ExitCode:N` for a terminated state without a reason.
    private static func exitText(_ t: Value) -> String {
        if let sig = t["signal"]?.intValue, sig != 0 { return "Signal:\(sig)" }
        return "ExitCode:\(t["exitCode"]?.intValue ?? 0)"
    }
}

extension Tables {
    static let pod = TableSpec(["Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*", "Readiness Gates*"],
                               prepare: preparePod)

    static func preparePod(_ pod: Value) -> [TimedCell] {
        let s = PodSummary.prepared(pod)
        let status = pod["status"]
        let spec = pod["spec"]
        let ip = Cell.string(status?["podIPs"]?[0]?["ip"], or: "<none>")
        var gates = "<none>"
        if let rg = spec?["readinessGates"]?.arrayValue, !rg.isEmpty {
            let conditions = status?["conditions"]?.arrayValue ?? []
            let trueCount = rg.filter { g in
                let type = g["conditionType"]?.stringValue
                return conditions.first { $0["type"]?.stringValue == type }?["status"]?.stringValue == "True"
            }.count
            gates = "\(trueCount)/\(rg.count)"
        }
        let meta = pod["metadata"]
        return [.text(meta?["name"]?.stringValue ?? ""), .text(s.ready), .text(s.status), s.restarts,
                .since(Cell.time(meta?["creationTimestamp"])), .text(ip), .text(Cell.string(spec?["nodeName"], or: "<none>")),
                .text(Cell.string(status?["nominatedNodeName"], or: "<none>")), .text(gates)]
    }

    static let podTemplate = TableSpec(["Name", "Containers", "Images", "Pod Labels"]) { obj, _ in
        let (names, images) = Cell.containersAndImages(obj[path: "template", "spec"])
        let labels = obj[path: "template", "metadata", "labels"]?.stringMap ?? [:]
        return [obj.metadataName, names, images, labels.isEmpty ? "<none>" : Cell.mapSelector(labels)]
    }

    static let podTables: [String: TableSpec] = ["/Pod": pod, "/PodTemplate": podTemplate]
}
