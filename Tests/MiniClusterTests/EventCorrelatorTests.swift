@testable import MiniCluster
import XCTest

/// client-go's EventCorrelator rules (tools/record/events_cache.go, 1.32) on the virtual clock: aggregation of
/// events that differ only by message, counting of exact repeats, and the per source+object spam filter.
final class EventCorrelatorTests: XCTestCase {
    private var cluster: Cluster!
    private var rec: EventRecorder!
    private var obj: Value!
    private var evType: ResourceType!

    override func setUpWithError() throws {
        cluster = Cluster()
        rec = EventRecorder(api: cluster.api)
        let cm = cluster.registry.lookup(kind: "ConfigMap")!
        obj = try cluster.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"]], namespace: "default")
        evType = cluster.registry.lookup(kind: "Event")!
    }

    private func events(reason: String? = nil) -> [Value] {
        cluster.api.list(evType, namespace: "default").filter {
            $0[path: "involvedObject", "name"]?.stringValue == "a" && (reason == nil || $0["reason"]?.stringValue == reason)
        }
    }

    private func created(_ i: Int, component: String = "replicaset-controller", host: String? = nil) {
        rec.record(obj, reason: "SuccessfulCreate", message: "Created pod: a-\(i)", component: component, host: host)
    }

    func testTenthSimilarEventStartsOneCombinedEvent() throws {
        for i in 1...9 { created(i) }
        XCTAssertEqual(events().count, 9)
        XCTAssertFalse(events().contains { $0["message"]!.stringValue!.hasPrefix("(combined") })
        created(10)
        var all = events()
        XCTAssertEqual(all.count, 10)
        var combined = try XCTUnwrap(all.first { $0["message"]!.stringValue!.hasPrefix("(combined") })
        XCTAssertEqual(combined["message"]?.stringValue, "(combined from similar events): Created pod: a-10")
        XCTAssertEqual(combined["count"]?.intValue, 1)
        XCTAssertEqual(combined["reason"]?.stringValue, "SuccessfulCreate")
        XCTAssertEqual(combined[path: "source", "component"]?.stringValue, "replicaset-controller")
        // The aggregator builds the combined Event afresh: no reporting controller or instance.
        XCTAssertEqual(combined["reportingComponent"]?.stringValue, "")
        XCTAssertEqual(combined["reportingInstance"]?.stringValue, "")
        XCTAssertTrue(combined.metadataName.hasPrefix("a."))
        // Later ones bump the combined Event: count, lastTimestamp and the newest message.
        cluster.advance(by: .seconds(5))
        created(11)
        created(12)
        all = events()
        XCTAssertEqual(all.count, 10)
        combined = try XCTUnwrap(all.first { $0["message"]!.stringValue!.hasPrefix("(combined") })
        XCTAssertEqual(combined["message"]?.stringValue, "(combined from similar events): Created pod: a-12")
        XCTAssertEqual(combined["count"]?.intValue, 3)
        XCTAssertEqual(combined["firstTimestamp"]?.stringValue, "2026-11-26T09:00:00Z")
        XCTAssertEqual(combined["lastTimestamp"]?.stringValue, "2026-11-26T09:00:05Z")
    }

    func testAggregationWindowIsTenMinutesFromTheLastSimilarEvent() {
        // (gap before the 10th event in seconds, combined?)
        let table: [(Int64, Bool)] = [(0, true), (599, true), (600, true), (601, false)]
        for (gap, combines) in table {
            try! setUpWithError()
            for i in 1...9 {  // each within 10 minutes of the one before
                created(i)
                if i < 9 { cluster.advance(by: .seconds(590)) }
            }
            cluster.advance(by: .seconds(gap))
            created(10)
            let combinedCount = events().filter { $0["message"]!.stringValue!.hasPrefix("(combined") }.count
            XCTAssertEqual(combinedCount, combines ? 1 : 0, "gap \(gap)s")
        }
    }

    func testSimilarMeansSameSourceObjectTypeAndReason() {
        for i in 1...5 { created(i) }
        for i in 6...10 { created(i, host: "other") }  // another source: its own aggregate
        for i in 11...15 {
            rec.record(obj, type: "Warning", reason: "SuccessfulCreate", message: "Created pod: a-\(i)", component: "replicaset-controller")
        }
        XCTAssertEqual(events().count, 15)
        XCTAssertFalse(events().contains { $0["message"]!.stringValue!.hasPrefix("(combined") })
        // A repeated message is not a new local key.
        for _ in 1...10 { created(1) }
        XCTAssertFalse(events().contains { $0["message"]!.stringValue!.hasPrefix("(combined") })
    }

    func testSpamFilterAllowsABurstOf25PerSourceAndObjectThenOneEveryFiveMinutes() {
        // Different reasons (no aggregation) and both types: the bucket is per source and object.
        for i in 1...30 {
            rec.record(obj, type: i % 2 == 0 ? "Warning" : "Normal", reason: "R\(i)", message: "m", component: "kubelet", host: "n1")
        }
        XCTAssertEqual(events().count, 25)
        XCTAssertNil(events(reason: "R26").first)
        // Another source about the same object has its own bucket.
        rec.record(obj, reason: "Other", message: "m", component: "kubelet", host: "n2")
        XCTAssertEqual(events(reason: "Other").count, 1)
        // (seconds waited, events let through)
        let table: [(Int64, Bool)] = [(299, false), (1, true), (1, false), (600, true), (0, true), (0, false)]
        for (n, (wait, passes)) in table.enumerated() {
            cluster.advance(by: .seconds(wait))
            rec.record(obj, reason: "Later\(n)", message: "m", component: "kubelet", host: "n1")
            XCTAssertEqual(events(reason: "Later\(n)").count, passes ? 1 : 0, "step \(n)")
        }
    }

    func testDroppedRepeatsStillCount() throws {
        for _ in 1...30 {
            rec.record(obj, type: "Warning", reason: "BackOff", message: "Back-off restarting failed container", component: "kubelet", host: "n1")
        }
        var backoff = try XCTUnwrap(events(reason: "BackOff").first)
        XCTAssertEqual(events(reason: "BackOff").count, 1)
        XCTAssertEqual(backoff["count"]?.intValue, 25)
        cluster.advance(by: .seconds(300))
        rec.record(obj, type: "Warning", reason: "BackOff", message: "Back-off restarting failed container", component: "kubelet", host: "n1")
        backoff = try XCTUnwrap(events(reason: "BackOff").first)
        XCTAssertEqual(backoff["count"]?.intValue, 31)
        XCTAssertEqual(backoff["firstTimestamp"]?.stringValue, "2026-11-26T09:00:00Z")
        XCTAssertEqual(backoff["lastTimestamp"]?.stringValue, "2026-11-26T09:05:00Z")
    }

    func testARepeatOfADeletedEventIsCreatedAgainWithItsCount() throws {
        rec.record(obj, reason: "Pulled", message: "m", component: "kubelet", host: "n1")
        let first = try XCTUnwrap(events().first)
        _ = try cluster.api.delete(evType, namespace: "default", name: first.metadataName)
        cluster.advance(by: .seconds(10))
        rec.record(obj, reason: "Pulled", message: "m", component: "kubelet", host: "n1")
        let again = try XCTUnwrap(events().first)
        XCTAssertEqual(again.metadataName, first.metadataName)
        XCTAssertEqual(again["count"]?.intValue, 2)
        XCTAssertEqual(again["firstTimestamp"]?.stringValue, "2026-11-26T09:00:00Z")
        XCTAssertEqual(again["lastTimestamp"]?.stringValue, "2026-11-26T09:00:10Z")
        XCTAssertEqual(again["reportingComponent"]?.stringValue, "kubelet")
    }

    /// kube-scheduler records through events.k8s.io: no aggregation, no spam filter; exact repeats still fold.
    func testTheSchedulerIsNotCorrelated() throws {
        for i in 1...30 {
            rec.record(obj, reason: "Scheduled", message: "Successfully assigned default/a-\(i) to n1", component: "default-scheduler")
        }
        XCTAssertEqual(events().count, 30)
        XCTAssertFalse(events().contains { $0["message"]!.stringValue!.hasPrefix("(combined") })
        for _ in 1...3 {
            rec.record(obj, type: "Warning", reason: "FailedScheduling", message: "0/3 nodes are available", component: "default-scheduler")
        }
        XCTAssertEqual(events(reason: "FailedScheduling").first?["count"]?.intValue, 3)
    }

    func testTokenBucketMatchesGoFloatRate() {
        var bucket = EventRecorder.TokenBucket()
        for _ in 1...25 { XCTAssertTrue(bucket.tryAccept(atMs: 0)) }
        XCTAssertFalse(bucket.tryAccept(atMs: 0))
        XCTAssertFalse(bucket.tryAccept(atMs: 299_999))
        // float32(1/300) is a little above 1/300: exactly 300 s earns a whole token.
        XCTAssertTrue(bucket.tryAccept(atMs: 300_000))
        XCTAssertFalse(bucket.tryAccept(atMs: 300_000))
        // Refill is capped at the burst.
        XCTAssertTrue((1...25).allSatisfy { _ in bucket.tryAccept(atMs: 1_000_000_000) })
        XCTAssertFalse(bucket.tryAccept(atMs: 1_000_000_000))
    }
}
