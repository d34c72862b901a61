@testable import MiniCluster
import XCTest

/// The Job controller: its pure parts by tables, and whole Jobs on a cluster with simulated kubelets.
final class JobControllerTests: XCTestCase {
    // MARK: pure parts

    func testBackoffDoublesFromTenSecondsAndIsCapped() {
        let cases: [(Int, Int64)] = [(0, 0), (1, 10), (2, 20), (3, 40), (6, 320), (7, 600), (20, 600)]
        for (failures, seconds) in cases {
            XCTAssertEqual(JobStatus.backoff(failures: failures), .seconds(seconds), "\(failures) failures")
        }
    }

    static func pod(_ name: String, phase: String, finishedAt: String? = nil, ready: Bool = false, restarts: Int = 0) -> Value {
        var st: Value = ["phase": .string(phase), "conditions": [["type": "Ready", "status": ready ? "True" : "False"]]]
        var cs: Value = ["name": "c", "restartCount": .int(restarts)]
        if let finishedAt { cs["state"] = ["terminated": ["finishedAt": .string(finishedAt)]] }
        st["containerStatuses"] = [cs]
        return ["metadata": ["name": .string(name), "uid": .string("uid-\(name)")], "status": st]
    }

    func testWantActiveFollowsCompletionsAndParallelism() {
        let t = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
        let job: Value = ["status": ["succeeded": 3]]
        let cases: [(Value, Int)] = [
            (["completions": 5, "parallelism": 2], 2),   // 2 remaining of 5, 2 at a time
            (["completions": 4, "parallelism": 2], 1),   // one completion left
            (["completions": 3, "parallelism": 2], 0),   // done
            (["parallelism": 3], 0),                     // work queue: one success stops new pods
        ]
        for (spec, want) in cases {
            let s = JobStatus(job: job, pods: [], counted: [], now: t)
            XCTAssertEqual(s.wantActive(spec), want, "\(spec)")
        }
        let fresh = JobStatus(job: ["status": .emptyObject], pods: [], counted: [], now: t)
        XCTAssertEqual(fresh.wantActive(["parallelism": 3]), 3)
    }

    func testFinishedPodsAreCountedOnceAndRememberedWhenMemoryIsLost() {
        let t = Timestamp(rfc3339: "2026-11-26T09:01:00Z")!
        let pods = [Self.pod("a", phase: "Succeeded", finishedAt: "2026-11-26T09:00:10Z"),
                    Self.pod("b", phase: "Failed", finishedAt: "2026-11-26T09:00:20Z"),
                    Self.pod("c", phase: "Running", ready: true)]
        var s = JobStatus(job: ["status": .emptyObject], pods: pods, counted: [], now: t)
        XCTAssertEqual([s.succeeded, s.failed, s.activeCount, s.ready], [1, 1, 1, 1])
        s = JobStatus(job: ["status": ["succeeded": 1, "failed": 1]], pods: pods, counted: s.counted, now: t)
        XCTAssertEqual([s.succeeded, s.failed], [1, 1], "counted twice")
        // No memory (a restored cluster): the stored counters stand and the finished pods present count as counted.
        s = JobStatus(job: ["status": ["succeeded": 1, "failed": 1]], pods: pods, counted: nil, now: t)
        XCTAssertEqual([s.succeeded, s.failed], [1, 1])
        XCTAssertEqual(s.counted, ["uid-a", "uid-b"])
    }

    func testBackoffCountsFailuresSinceTheLastSuccess() {
        let t = Timestamp(rfc3339: "2026-11-26T09:00:30Z")!
        let pods = [Self.pod("a", phase: "Failed", finishedAt: "2026-11-26T09:00:00Z"),
                    Self.pod("b", phase: "Succeeded", finishedAt: "2026-11-26T09:00:05Z"),
                    Self.pod("c", phase: "Failed", finishedAt: "2026-11-26T09:00:10Z"),
                    Self.pod("d", phase: "Failed", finishedAt: "2026-11-26T09:00:25Z")]
        // Two failures after the success: 20 s from the last one (09:00:25) leaves 15 s.
        let s = JobStatus(job: ["status": .emptyObject], pods: pods, counted: [], now: t)
        XCTAssertEqual(s.backoffRemaining(now: t), .seconds(15))
        XCTAssertEqual(s.backoffRemaining(now: t + .seconds(20)), .seconds(0))
    }

    func testFailureReasons() {
        let t = Timestamp(rfc3339: "2026-11-26T09:01:00Z")!
        func reason(_ spec: Value, _ status: Value, _ pods: [Value] = []) -> String? {
            let s = JobStatus(job: ["status": status], pods: pods, counted: [], now: t)
            return s.failureReason(spec, pods: pods, now: t)?.reason
        }
        XCTAssertEqual(reason(["backoffLimit": 2], ["failed": 3]), "BackoffLimitExceeded")
        XCTAssertNil(reason(["backoffLimit": 2], ["failed": 2]))
        XCTAssertEqual(reason(["activeDeadlineSeconds": 60], ["startTime": "2026-11-26T09:00:00Z"]), "DeadlineExceeded")
        XCTAssertNil(reason(["activeDeadlineSeconds": 61], ["startTime": "2026-11-26T09:00:00Z"]))
        let onFailure: Value = ["backoffLimit": 3, "template": ["spec": ["restartPolicy": "OnFailure"]]]
        XCTAssertEqual(reason(onFailure, .emptyObject, [Self.pod("a", phase: "Running", restarts: 3)]), "BackoffLimitExceeded")
        XCTAssertNil(reason(onFailure, .emptyObject, [Self.pod("a", phase: "Running", restarts: 2)]))
    }

    func testStatusValueOmitsZeroCounters() {
        let t = Timestamp(rfc3339: "2026-11-26T09:01:00Z")!
        var s = JobStatus(job: ["status": .emptyObject], pods: [], counted: [], now: t)
        s.startTime = t
        XCTAssertEqual(s.value, ["ready": 0, "terminating": 0, "uncountedTerminatedPods": .emptyObject, "startTime": "2026-11-26T09:01:00Z"])
    }

    // MARK: whole Jobs

    func cluster() -> Cluster {
        var o = Cluster.Options()
        o.nodesPerZone = 3
        o.systemWorkloads = false
        return Cluster(options: o)
    }

    func job(_ name: String, command: String, extra: [String: Value] = [:]) -> Value {
        var spec: Value = ["template": ["spec": ["restartPolicy": "Never",
                                                 "containers": [["name": "c", "image": "busybox", "command": ["sh", "-c", .string(command)]]]]]]
        for (k, v) in extra { spec[k] = v }
        return ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": .string(name)], "spec": spec]
    }

    func pods(_ c: Cluster, _ job: String) -> [Value] {
        c.api.list(c.registry.lookup(kind: "Pod")!, namespace: "default").filter { $0.labels["job-name"] == job }
    }

    func get(_ c: Cluster, _ name: String) throws -> Value {
        try c.api.get(c.registry.lookup(kind: "Job")!, namespace: "default", name: name)
    }

    func events(_ c: Cluster, _ name: String) -> [String] {
        c.api.list(c.registry.lookup(kind: "Event")!, namespace: "default")
            .filter { $0[path: "involvedObject", "name"]?.stringValue == name }
            .sorted { WorkloadFixture.nanos($0) < WorkloadFixture.nanos($1) }
            .map { "\($0["reason"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")" }
    }

    func conditions(_ j: Value) -> [String] {
        (j[path: "status", "conditions"]?.arrayValue ?? []).map { "\($0["type"]!.stringValue!)/\($0["reason"]?.stringValue ?? "")" }
    }

    func testPiLikeJobCompletes() throws {
        let c = cluster()
        _ = try c.api.create(c.registry.lookup(kind: "Job")!, job("pi", command: "echo 3.14159; sleep 3"), namespace: "default")
        c.settle()
        let made = pods(c, "pi")
        XCTAssertEqual(made.count, 1)
        let pod = made[0]
        XCTAssertTrue(pod.metadataName.hasPrefix("pi-") && pod.metadataName.count == 8, pod.metadataName)
        let j = try get(c, "pi")
        XCTAssertEqual(Set(pod.labels.keys), ["batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "controller-uid", "job-name"])
        XCTAssertEqual(OwnerRefs.controller(of: pod)?["uid"]?.stringValue, j.uid)
        XCTAssertEqual(j[path: "status", "active"], 1)
        XCTAssertEqual(j[path: "status", "startTime"], "2026-11-26T09:00:00Z")
        for _ in 0..<30 { c.advance(by: .seconds(1)) }
        let done = try get(c, "pi")
        XCTAssertEqual(conditions(done), ["SuccessCriteriaMet/CompletionsReached", "Complete/CompletionsReached"])
        XCTAssertEqual(done[path: "status", "succeeded"], 1)
        XCTAssertNil(done[path: "status", "active"])
        XCTAssertNotNil(done[path: "status", "completionTime"])
        XCTAssertEqual(Tables.jobStatus(done), "Complete")
        XCTAssertEqual(events(c, "pi"), ["SuccessfulCreate: Created pod: \(pod.metadataName)", "Completed: Job completed"])
        XCTAssertEqual(pods(c, "pi").map { $0[path: "status", "phase"]?.stringValue ?? "" }, ["Succeeded"])
    }

    func testFailingJobStopsAtItsBackoffLimitAfterDoublingDelays() throws {
        let c = cluster()
        _ = try c.api.create(c.registry.lookup(kind: "Job")!, job("flaky", command: "exit 1", extra: ["backoffLimit": 2]), namespace: "default")
        c.settle()
        var created: [Timestamp] = []
        for _ in 0..<120 {
            c.advance(by: .seconds(1))
            for p in pods(c, "flaky") where !created.contains(p.creationTimestamp!) { created.append(p.creationTimestamp!) }
        }
        created.insert(Timestamp(rfc3339: "2026-11-26T09:00:00Z")!, at: 0)
        created = Array(Set(created)).sorted()
        XCTAssertEqual(created.count, 3, "backoffLimit 2 allows 3 pods")
        // Each replacement waits longer than the one before (10 s, then 20 s after a failure).
        XCTAssertGreaterThanOrEqual((created[1] - created[0]).seconds, 10)
        XCTAssertGreaterThanOrEqual((created[2] - created[1]).seconds, 20)
        let j = try get(c, "flaky")
        XCTAssertEqual(conditions(j), ["FailureTarget/BackoffLimitExceeded", "Failed/BackoffLimitExceeded"])
        XCTAssertEqual(j[path: "status", "failed"], 3)
        XCTAssertNil(j[path: "status", "completionTime"])
        XCTAssertEqual(events(c, "flaky").last, "BackoffLimitExceeded: Job has reached the specified backoff limit")
    }

    func testParallelJobNeverRunsMoreThanParallelism() throws {
        let c = cluster()
        _ = try c.api.create(c.registry.lookup(kind: "Job")!,
                             job("batch", command: "sleep 4", extra: ["completions": 5, "parallelism": 2]), namespace: "default")
        c.settle()
        var most = 0
        for _ in 0..<60 {
            c.advance(by: .seconds(1))
            most = max(most, pods(c, "batch").filter(PodUtil.isActive).count)
        }
        XCTAssertEqual(most, 2)
        XCTAssertEqual(pods(c, "batch").count, 5)
        let j = try get(c, "batch")
        XCTAssertEqual(j[path: "status", "succeeded"], 5)
        XCTAssertEqual(Tables.jobStatus(j), "Complete")
    }

    func testDeadlineFailsTheJobAndDeletesItsRunningPod() throws {
        let c = cluster()
        _ = try c.api.create(c.registry.lookup(kind: "Job")!, job("slow", command: "sleep 600", extra: ["activeDeadlineSeconds": 20]),
                             namespace: "default")
        c.settle()
        for _ in 0..<19 { c.advance(by: .seconds(1)) }
        XCTAssertEqual(conditions(try get(c, "slow")), [])
        c.advance(by: .seconds(1))
        // The pod is deleted; `Failed` waits until it has terminated (sh ignores SIGTERM: the 30 s grace period).
        var j = try get(c, "slow")
        XCTAssertEqual(conditions(j), ["FailureTarget/DeadlineExceeded"])
        XCTAssertEqual(Tables.jobStatus(j), "FailureTarget")
        XCTAssertEqual(j[path: "status", "terminating"], 1)
        XCTAssertTrue(events(c, "slow").last?.hasPrefix("SuccessfulDelete: Deleted pod: slow-") == true)
        for _ in 0..<40 { c.advance(by: .seconds(1)) }
        XCTAssertEqual(pods(c, "slow").count, 0)
        j = try get(c, "slow")
        XCTAssertEqual(conditions(j), ["FailureTarget/DeadlineExceeded", "Failed/DeadlineExceeded"])
        XCTAssertEqual(j[path: "status", "failed"], 1)
        XCTAssertEqual(j[path: "status", "terminating"], 0)
        XCTAssertEqual(events(c, "slow").last, "DeadlineExceeded: Job was active longer than specified deadline")
    }

    func testTTLDeletesTheFinishedJobAndItsPods() throws {
        let c = cluster()
        _ = try c.api.create(c.registry.lookup(kind: "Job")!, job("tidy", command: "true", extra: ["ttlSecondsAfterFinished": 30]),
                             namespace: "default")
        c.settle()
        for _ in 0..<20 { c.advance(by: .seconds(1)) }
        XCTAssertEqual(Tables.jobStatus(try get(c, "tidy")), "Complete")
        for _ in 0..<40 { c.advance(by: .seconds(1)) }
        XCTAssertThrowsError(try get(c, "tidy"))
        XCTAssertEqual(pods(c, "tidy").count, 0)
    }

    func testPodsOfReplicaSetsNeverReachTheJobController() throws {
        let c = cluster()
        let jc = JobController(api: c.api, events: c.events, manager: c.controllers)
        let podType = c.registry.lookup(kind: "Pod")!
        let rsPod: Value = ["apiVersion": "v1", "kind": "Pod",
                            "metadata": ["name": "web-abc", "namespace": "default",
                                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web", "uid": "u1", "controller": true]]]]
        XCTAssertEqual(jc.keys(for: WatchEvent(type: .added, resource: podType, object: rsPod, revision: 1)), [])
        var later = rsPod
        later[path: "status", "phase"] = "Running"
        XCTAssertEqual(jc.keys(for: WatchEvent(type: .modified, resource: podType, object: later, revision: 2, oldObject: rsPod, statusOnly: true)), [])
        let jobPod: Value = ["apiVersion": "v1", "kind": "Pod",
                             "metadata": ["name": "pi-abc", "namespace": "default",
                                          "ownerReferences": [["apiVersion": "batch/v1", "kind": "Job", "name": "pi", "uid": "u2", "controller": true]]]]
        XCTAssertEqual(jc.keys(for: WatchEvent(type: .added, resource: podType, object: jobPod, revision: 3)), ["default/pi"])
    }
}

extension JobControllerTests {
    func testADeletedRunningPodCountsAsFailedAndIsReplaced() throws {
        let c = cluster()
        let podType = c.registry.lookup(kind: "Pod")!
        _ = try c.api.create(c.registry.lookup(kind: "Job")!, job("long", command: "sleep 300"), namespace: "default")
        c.settle()
        for _ in 0..<5 { c.advance(by: .seconds(1)) }
        let first = try XCTUnwrap(pods(c, "long").first)
        _ = try c.api.delete(podType, namespace: "default", name: first.metadataName)
        c.settle()
        var j = try get(c, "long")
        XCTAssertEqual(j[path: "status", "failed"], 1)
        XCTAssertEqual(j[path: "status", "terminating"], 1)
        // The replacement waits out the first back-off, 10 s from the deletion.
        XCTAssertNil(j[path: "status", "active"])
        for _ in 0..<9 { c.advance(by: .seconds(1)) }
        XCTAssertEqual(pods(c, "long").count, 1)
        c.advance(by: .seconds(1))
        XCTAssertEqual(try get(c, "long")[path: "status", "active"], 1)
        for _ in 0..<40 { c.advance(by: .seconds(1)) }
        j = try get(c, "long")
        XCTAssertEqual(j[path: "status", "failed"], 1, "counted once")
        XCTAssertEqual(j[path: "status", "terminating"], 0)
        XCTAssertEqual(pods(c, "long").count, 1)
    }

    func testSuspendStopsThePodsWithoutCountingThemAndResumeStartsAgain() throws {
        let c = cluster()
        let jobType = c.registry.lookup(kind: "Job")!
        _ = try c.api.create(jobType, job("long", command: "sleep 300"), namespace: "default")
        c.settle()
        for _ in 0..<5 { c.advance(by: .seconds(1)) }
        var j = try get(c, "long")
        j[path: "spec", "suspend"] = true
        _ = try c.api.update(jobType, j, namespace: "default")
        for _ in 0..<40 { c.advance(by: .seconds(1)) }
        j = try get(c, "long")
        XCTAssertEqual(Tables.jobStatus(j), "Suspended")
        XCTAssertNil(j[path: "status", "failed"])
        XCTAssertEqual(pods(c, "long").count, 0)
        j[path: "spec", "suspend"] = false
        _ = try c.api.update(jobType, j, namespace: "default")
        c.settle()
        j = try get(c, "long")
        XCTAssertEqual(conditions(j), ["Suspended/JobResumed"])
        XCTAssertEqual(j[path: "status", "active"], 1)
        XCTAssertEqual(Array(events(c, "long").suffix(3).map { $0.components(separatedBy: ":")[0] }), ["Suspended", "Resumed", "SuccessfulCreate"])
    }
}

extension JobControllerTests {
    func testCompletedIndexesIntervals() {
        let cases: [(Set<Int>, String)] = [([], ""), ([0], "0"), ([0, 1], "0-1"), ([0, 1, 2, 4], "0-2,4"), ([3, 5, 6, 7, 9], "3,5-7,9")]
        for (set, text) in cases {
            XCTAssertEqual(JobIndexes.format(set), text)
            XCTAssertEqual(JobIndexes.parse(text), set)
        }
        XCTAssertEqual(JobIndexes.toCreate(count: 2, completions: 5, succeeded: [0, 2], active: [1]), [3, 4])
        XCTAssertEqual(JobIndexes.toCreate(count: 3, completions: 3, succeeded: [1], active: []), [0, 2])
    }

    func testIndexedJobGivesEachPodItsIndex() throws {
        let c = cluster()
        let spec: [String: Value] = ["completions": 4, "parallelism": 2, "completionMode": "Indexed"]
        _ = try c.api.create(c.registry.lookup(kind: "Job")!, job("idx", command: "echo item $JOB_COMPLETION_INDEX; sleep 2", extra: spec),
                             namespace: "default")
        c.settle()
        let first = pods(c, "idx").sorted { $0.metadataName < $1.metadataName }
        XCTAssertEqual(first.map { JobIndexes.index(of: $0) }, [0, 1])
        XCTAssertEqual(first.map { $0[path: "spec", "hostname"]?.stringValue }, ["idx-0", "idx-1"])
        XCTAssertTrue(first[0].metadataName.hasPrefix("idx-0-"))
        XCTAssertEqual(first[0].labels[JobIndexes.key], "0")
        for _ in 0..<40 { c.advance(by: .seconds(1)) }
        let j = try get(c, "idx")
        XCTAssertEqual(j[path: "status", "completedIndexes"], "0-3")
        XCTAssertEqual(j[path: "status", "succeeded"], 4)
        XCTAssertEqual(Tables.jobStatus(j), "Complete")
    }
}
