@testable import MiniCluster
import XCTest

/// printPod's READY / STATUS / RESTARTS derivation over a table of pod states (reference §3).
final class TablePodStatusTests: XCTestCase {
    let now = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!

    func ago(_ s: Int64) -> Value { .string((now + Duration.seconds(-s)).rfc3339) }

    func waiting(_ reason: String, name: String = "app", restarts: Int = 0, last: Value? = nil) -> Value {
        var c: Value = ["name": .string(name), "ready": false, "restartCount": .int(restarts), "state": ["waiting": ["reason": .string(reason)]]]
        if let last { c["lastState"] = ["terminated": ["exitCode": 1, "finishedAt": last]] }
        return c
    }
    func running(_ name: String = "app", ready: Bool = true, restarts: Int = 0, last: Value? = nil) -> Value {
        var c: Value = ["name": .string(name), "ready": .bool(ready), "restartCount": .int(restarts), "started": true,
                        "state": ["running": ["startedAt": "2026-11-26T08:00:00Z"]]]
        if let last { c["lastState"] = ["terminated": ["exitCode": 137, "finishedAt": last]] }
        return c
    }
    func terminated(_ reason: String?, exit: Int, signal: Int? = nil, name: String = "app") -> Value {
        var t: Value = ["exitCode": .int(exit)]
        if let reason { t["reason"] = .string(reason) }
        if let signal { t["signal"] = .int(signal) }
        return ["name": .string(name), "ready": false, "restartCount": 0, "state": ["terminated": t]]
    }

    func pod(containers: Int = 1, inits: [Value] = [], phase: String, reason: String? = nil, statuses: [Value] = [],
             initStatuses: [Value] = [], conditions: [Value] = [], deleting: Bool = false) -> Value {
        var spec: Value = ["containers": .array((0..<containers).map { ["name": .string("c\($0)"), "image": "nginx"] })]
        if !inits.isEmpty { spec["initContainers"] = .array(inits) }
        var status: Value = ["phase": .string(phase)]
        if let reason { status["reason"] = .string(reason) }
        if !statuses.isEmpty { status["containerStatuses"] = .array(statuses) }
        if !initStatuses.isEmpty { status["initContainerStatuses"] = .array(initStatuses) }
        if !conditions.isEmpty { status["conditions"] = .array(conditions) }
        var meta: Value = ["name": "p", "namespace": "default", "creationTimestamp": ago(300)]
        if deleting { meta["deletionTimestamp"] = ago(5) }
        return ["metadata": meta, "spec": spec, "status": status]
    }

    func check(_ p: Value, _ ready: String, _ status: String, _ restarts: String, line: UInt = #line) {
        let s = PodSummary.of(p, now: now)
        XCTAssertEqual(s, PodSummary(ready: ready, status: status, restarts: restarts), line: line)
    }

    func testMainContainerStates() {
        check(pod(phase: "Pending"), "0/1", "Pending", "0")
        check(pod(phase: "Pending", statuses: [waiting("ContainerCreating")]), "0/1", "ContainerCreating", "0")
        check(pod(phase: "Running", statuses: [running()]), "1/1", "Running", "0")
        check(pod(phase: "Running", statuses: [running(ready: false)]), "0/1", "Running", "0")
        check(pod(phase: "Succeeded", statuses: [terminated("Completed", exit: 0)]), "0/1", "Completed", "0")
        check(pod(phase: "Failed", statuses: [terminated("Error", exit: 1)]), "0/1", "Error", "0")
        check(pod(phase: "Running", statuses: [terminated("OOMKilled", exit: 137)]), "0/1", "OOMKilled", "0")
        check(pod(phase: "Failed", statuses: [terminated(nil, exit: 2)]), "0/1", "ExitCode:2", "0")
        check(pod(phase: "Failed", statuses: [terminated(nil, exit: 137, signal: 9)]), "0/1", "Signal:9", "0")
        check(pod(phase: "Pending", statuses: [waiting("ErrImagePull")]), "0/1", "ErrImagePull", "0")
        check(pod(phase: "Pending", statuses: [waiting("ImagePullBackOff")]), "0/1", "ImagePullBackOff", "0")
        check(pod(phase: "Pending", statuses: [waiting("CreateContainerConfigError")]), "0/1", "CreateContainerConfigError", "0")
    }

    func testRestartsShowTheLastRestartAge() {
        check(pod(phase: "Running", statuses: [waiting("CrashLoopBackOff", restarts: 3, last: ago(45))]), "0/1", "CrashLoopBackOff", "3 (45s ago)")
        check(pod(phase: "Running", statuses: [running(restarts: 1, last: ago(330))]), "1/1", "Running", "1 (5m30s ago)")
        // A restart count without a recorded termination prints the bare number.
        check(pod(phase: "Running", statuses: [running(restarts: 2)]), "1/1", "Running", "2")
        // Restarts add up over containers; the newest termination wins.
        check(pod(containers: 2, phase: "Running", statuses: [running("a", restarts: 1, last: ago(600)), running("b", restarts: 2, last: ago(90))]),
              "2/2", "Running", "3 (90s ago)")
    }

    func testFirstContainerInSpecOrderWins() {
        // The loop runs last to first, so the first container's reason is the one left standing.
        check(pod(containers: 2, phase: "Running", statuses: [waiting("CrashLoopBackOff", name: "a"), waiting("ErrImagePull", name: "b")]),
              "0/2", "CrashLoopBackOff", "0")
        check(pod(containers: 2, phase: "Running", statuses: [running("a"), waiting("ContainerCreating", name: "b")]), "1/2", "ContainerCreating", "0")
    }

    func testCompletedWithARunningContainer() {
        let statuses = [terminated("Completed", exit: 0, name: "a"), running("b")]
        check(pod(containers: 2, phase: "Running", statuses: statuses, conditions: [["type": "Ready", "status": "False"]]), "1/2", "NotReady", "0")
        check(pod(containers: 2, phase: "Running", statuses: statuses, conditions: [["type": "Ready", "status": "True"]]), "1/2", "Running", "0")
    }

    func testInitContainers() {
        let inits: [Value] = [["name": "i1", "image": "busybox"], ["name": "i2", "image": "busybox"]]
        let mainWaiting = [waiting("PodInitializing", name: "c0")]
        check(pod(inits: inits, phase: "Pending", statuses: mainWaiting, initStatuses: [running("i1", ready: false), waiting("PodInitializing", name: "i2")]),
              "0/1", "Init:0/2", "0")
        check(pod(inits: inits, phase: "Pending", statuses: mainWaiting, initStatuses: [terminated("Completed", exit: 0, name: "i1"), running("i2", ready: false)]),
              "0/1", "Init:1/2", "0")
        check(pod(inits: inits, phase: "Pending", statuses: mainWaiting, initStatuses: [terminated("Error", exit: 1, name: "i1")]), "0/1", "Init:Error", "0")
        check(pod(inits: inits, phase: "Pending", statuses: mainWaiting, initStatuses: [terminated(nil, exit: 3, name: "i1")]), "0/1", "Init:ExitCode:3", "0")
        check(pod(inits: inits, phase: "Pending", statuses: mainWaiting,
                  initStatuses: [waiting("CrashLoopBackOff", name: "i1", restarts: 4, last: ago(20))]), "0/1", "Init:CrashLoopBackOff", "4 (20s ago)")
        check(pod(inits: inits, phase: "Pending", statuses: mainWaiting, initStatuses: [waiting("ImagePullBackOff", name: "i1")]),
              "0/1", "Init:ImagePullBackOff", "0")
        // Every init container done: the main containers decide.
        check(pod(inits: inits, phase: "Pending", statuses: mainWaiting,
                  initStatuses: [terminated("Completed", exit: 0, name: "i1"), terminated("Completed", exit: 0, name: "i2")]), "0/1", "PodInitializing", "0")
        // Init restarts do not count once the pod is initialized.
        var done = terminated("Completed", exit: 0, name: "i1")
        done["restartCount"] = 2
        check(pod(inits: [inits[0]], phase: "Running", statuses: [running("c0")], initStatuses: [done]), "1/1", "Running", "0")
    }

    func testSidecarsCountAsContainers() {
        let inits: [Value] = [["name": "proxy", "image": "envoy", "restartPolicy": "Always"]]
        check(pod(inits: inits, phase: "Running", statuses: [running("c0")], initStatuses: [running("proxy", restarts: 1, last: ago(70))],
                  conditions: [["type": "Initialized", "status": "True"]]), "2/2", "Running", "1 (70s ago)")
    }

    func testPodLevelReasons() {
        check(pod(phase: "Failed", reason: "Evicted"), "0/1", "Evicted", "0")
        check(pod(phase: "Pending", conditions: [["type": "PodScheduled", "status": "False", "reason": "SchedulingGated"]]), "0/1", "SchedulingGated", "0")
        check(pod(phase: "Running", statuses: [running()], deleting: true), "1/1", "Terminating", "0")
        check(pod(phase: "Succeeded", statuses: [terminated("Completed", exit: 0)], deleting: true), "0/1", "Completed", "0")
        check(pod(phase: "Running", reason: "NodeLost", statuses: [running()], deleting: true), "1/1", "Unknown", "0")
    }

    func testPodRowCells() {
        var p = pod(phase: "Running", statuses: [running()])
        p[path: "status", "podIPs"] = [["ip": "10.4.0.7"]]
        p[path: "spec", "nodeName"] = "node-1"
        p[path: "spec", "readinessGates"] = [["conditionType": "x/ok"], ["conditionType": "y/ok"]]
        p[path: "status", "conditions"] = [["type": "x/ok", "status": "True"]]
        XCTAssertEqual(Tables.spec(for: ResourceRegistry().lookup("pods")!).cells(p, now),
                       ["p", "1/1", "Running", "0", "5m", "10.4.0.7", "node-1", "<none>", "1/2"])
    }

    func testAgeAndMissingTimestamp() {
        var p = pod(phase: "Pending")
        XCTAssertEqual(Tables.pod.cells(p, now)[4], "5m")
        p[path: "metadata", "creationTimestamp"] = nil
        XCTAssertEqual(Tables.pod.cells(p, now)[4], "<unknown>")
        p[path: "metadata", "creationTimestamp"] = ago(-30)
        XCTAssertEqual(Tables.pod.cells(p, now)[4], "<invalid>")
    }

    func testCanonicalTimestampFastPathAgreesWithFoundation() {
        for s in ["2026-11-26T09:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2024-12-31T12:34:56Z"] {
            XCTAssertEqual(Timestamp.parseCanonical(s).map { Timestamp(ms: $0).rfc3339 }, s)
        }
        XCTAssertNil(Timestamp.parseCanonical("2026-11-26T09:00:00.5Z"))
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-26T09:00:00.500Z")?.ms, Timestamp(rfc3339: "2026-11-26T09:00:00Z")!.ms + 500)
    }
}
