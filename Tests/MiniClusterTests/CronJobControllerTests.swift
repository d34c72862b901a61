@testable import MiniCluster
import XCTest

/// Cron schedules by table, and CronJobs creating Jobs through virtual time.
final class CronJobControllerTests: XCTestCase {
    static func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

    func testNextActivation() {
        // 2026-11-26 is a Thursday.
        let cases: [(String, String, String)] = [
            ("*/1 * * * *", "2026-11-26T09:00:00Z", "2026-11-26T09:01:00Z"),
            ("*/5 * * * *", "2026-11-26T09:00:30Z", "2026-11-26T09:05:00Z"),
            ("*/5 * * * *", "2026-11-26T09:05:00Z", "2026-11-26T09:10:00Z"),
            ("0 * * * *", "2026-11-26T09:00:00Z", "2026-11-26T10:00:00Z"),
            ("@hourly", "2026-11-26T23:30:00Z", "2026-11-27T00:00:00Z"),
            ("@daily", "2026-11-26T09:00:00Z", "2026-11-27T00:00:00Z"),
            ("@weekly", "2026-11-26T09:00:00Z", "2026-11-29T00:00:00Z"),
            ("@monthly", "2026-11-26T09:00:00Z", "2026-12-01T00:00:00Z"),
            ("@yearly", "2026-11-26T09:00:00Z", "2027-01-01T00:00:00Z"),
            ("30 2 * * mon-fri", "2026-11-27T03:00:00Z", "2026-11-30T02:30:00Z"),
            ("0 9,17 * * *", "2026-11-26T09:00:00Z", "2026-11-26T17:00:00Z"),
            ("5/20 * * * *", "2026-11-26T09:06:00Z", "2026-11-26T09:25:00Z"),
            ("0 0 13 * 5", "2026-11-26T09:00:00Z", "2026-11-27T00:00:00Z"),   // Friday or the 13th: either matches
            ("0 0 13 * *", "2026-11-26T09:00:00Z", "2026-12-13T00:00:00Z"),
            ("0 0 29 2 *", "2026-11-26T09:00:00Z", "2028-02-29T00:00:00Z"),
        ]
        for (spec, after, want) in cases {
            let s = CronSchedule(spec)
            XCTAssertNotNil(s, spec)
            XCTAssertEqual(s?.next(after: Self.t(after))?.rfc3339, want, "\(spec) after \(after)")
        }
        XCTAssertNil(CronSchedule("0 0 30 2 *")?.next(after: Self.t("2026-11-26T09:00:00Z")))
        for bad in ["* * * *", "61 * * * *", "*/0 * * * *", "@every 5m", "TZ=UTC * * * * *"] { XCTAssertNil(CronSchedule(bad), bad) }
    }

    func testTimeZoneShiftsTheScheduleAndTheAnnotation() throws {
        let s = try XCTUnwrap(CronSchedule("5 10 * * *"))
        let berlin = try XCTUnwrap(CronTimeZone(identifier: "Europe/Berlin"))
        // Winter: Berlin is UTC+1; summer (after the last Sunday of March): UTC+2.
        XCTAssertEqual(s.next(after: Self.t("2026-11-26T09:00:00Z"), in: berlin)?.rfc3339, "2026-11-26T09:05:00Z")
        XCTAssertEqual(s.next(after: Self.t("2026-07-01T09:00:00Z"), in: berlin)?.rfc3339, "2026-07-02T08:05:00Z")
        XCTAssertEqual(berlin.rfc3339(Self.t("2026-11-26T09:05:00Z")), "2026-11-26T10:05:00+01:00")
        XCTAssertEqual(CronTimeZone.utc.rfc3339(Self.t("2026-11-26T09:05:00Z")), "2026-11-26T09:05:00Z")
        XCTAssertEqual(CronTimeZone.validate("Mars/Olympus"), "unknown time zone Mars/Olympus")
        XCTAssertEqual(CronTimeZone.validate(""), "timeZone must be nil or non-empty string")
        XCTAssertNotNil(CronTimeZone.validate("Local"))
        XCTAssertNil(CronTimeZone.validate("America/New_York"))
    }

    func testMostRecentCountsMissedActivations() throws {
        let s = try XCTUnwrap(CronSchedule("*/1 * * * *"))
        let r = try XCTUnwrap(s.mostRecent(after: Self.t("2026-11-26T09:00:00Z"), upTo: Self.t("2026-11-26T09:03:30Z")))
        XCTAssertEqual(r.time.rfc3339, "2026-11-26T09:03:00Z")
        XCTAssertEqual(r.missed, 3)
        XCTAssertNil(s.mostRecent(after: Self.t("2026-11-26T09:00:00Z"), upTo: Self.t("2026-11-26T09:00:59Z")))
        // A year of every-minute activations is estimated, not walked; the latest is still exact.
        let long = try XCTUnwrap(s.mostRecent(after: Self.t("2025-11-26T09:00:00Z"), upTo: Self.t("2026-11-26T09:03:30Z")))
        XCTAssertEqual(long.time.rfc3339, "2026-11-26T09:03:00Z")
        XCTAssertEqual(long.missed, 365 * 1440 + 3)
    }

    func testJobNamedAfterTheScheduledMinuteWithTheTemplateAndAnOwner() {
        let cj: Value = ["apiVersion": "batch/v1", "kind": "CronJob",
                         "metadata": ["name": "hello", "namespace": "default", "uid": "u1"],
                         "spec": ["jobTemplate": ["metadata": ["labels": ["team": "a"]], "spec": ["backoffLimit": 1]]]]
        let job = CronJobController.job(for: cj, at: Self.t("2026-11-26T09:05:00Z"))
        XCTAssertEqual(job.metadataName, "hello-29928065")
        XCTAssertEqual(job.labels, ["team": "a"])
        XCTAssertEqual(job.annotations, ["batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-11-26T09:05:00Z"])
        XCTAssertEqual(OwnerRefs.controller(of: job)?["kind"], "CronJob")
        XCTAssertEqual(job[path: "spec", "backoffLimit"], 1)
    }

    // MARK: through virtual time

    func cluster() -> Cluster {
        var o = Cluster.Options()
        o.nodesPerZone = 3
        o.systemWorkloads = false
        return Cluster(options: o)
    }

    func cronJob(_ schedule: String, command: String, extra: [String: Value] = [:]) -> Value {
        var spec: Value = ["schedule": .string(schedule),
                           "jobTemplate": ["spec": ["template": ["spec": [
                               "restartPolicy": "OnFailure",
                               "containers": [["name": "c", "image": "busybox", "command": ["sh", "-c", .string(command)]]]]]]]]
        for (k, v) in extra { spec[k] = v }
        return ["apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": "hello"], "spec": spec]
    }

    func jobs(_ c: Cluster) -> [String] {
        c.api.list(c.registry.lookup(kind: "Job")!, namespace: "default").map(\.metadataName).sorted()
    }

    func run(_ c: Cluster, minutes: Int) { for _ in 0..<(minutes * 6) { c.advance(by: .seconds(10)) } }

    func testEveryMinuteKeepsThreeSuccessfulJobs() throws {
        let c = cluster()
        _ = try c.api.create(c.registry.lookup(kind: "CronJob")!, cronJob("*/1 * * * *", command: "echo hi"), namespace: "default")
        c.settle()
        XCTAssertEqual(jobs(c), [])
        run(c, minutes: 1)
        XCTAssertEqual(jobs(c), ["hello-29928061"])
        run(c, minutes: 4)
        // At 09:05:00 the fifth Job has just started: three finished ones are kept beside it.
        XCTAssertEqual(jobs(c), ["hello-29928062", "hello-29928063", "hello-29928064", "hello-29928065"])
        for _ in 0..<3 { c.advance(by: .seconds(10)) }
        XCTAssertEqual(jobs(c), ["hello-29928063", "hello-29928064", "hello-29928065"])
        let cj = try c.api.get(c.registry.lookup(kind: "CronJob")!, namespace: "default", name: "hello")
        XCTAssertEqual(cj[path: "status", "lastScheduleTime"], "2026-11-26T09:05:00Z")
        XCTAssertNotNil(cj[path: "status", "lastSuccessfulTime"])
        XCTAssertNil(cj[path: "status", "active"])
    }

    func testForbidSkipsWhileAJobRunsAndReplaceSwapsIt() throws {
        for (policy, want) in [("Forbid", ["hello-29928061"]), ("Replace", ["hello-29928062"]), ("Allow", ["hello-29928061", "hello-29928062"])] {
            let c = cluster()
            _ = try c.api.create(c.registry.lookup(kind: "CronJob")!,
                                 cronJob("*/1 * * * *", command: "sleep 600", extra: ["concurrencyPolicy": .string(policy)]),
                                 namespace: "default")
            c.settle()
            run(c, minutes: 2)
            let live = c.api.list(c.registry.lookup(kind: "Job")!, namespace: "default").filter { $0.deletionTimestamp == nil }
            XCTAssertEqual(live.map(\.metadataName).sorted(), want, policy)
        }
    }

    func testSuspendedCronJobCreatesNothing() throws {
        let c = cluster()
        _ = try c.api.create(c.registry.lookup(kind: "CronJob")!, cronJob("*/1 * * * *", command: "true", extra: ["suspend": true]),
                             namespace: "default")
        c.settle()
        run(c, minutes: 3)
        XCTAssertEqual(jobs(c), [])
    }
}
