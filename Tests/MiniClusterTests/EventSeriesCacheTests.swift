@testable import MiniCluster
import XCTest

/// The scheduler's recorder forgets an event when events.k8s.io's finishSeries would: at its runs, every 6 minutes
/// from the recorder's start, each event last seen more than 6 minutes before the run.
final class EventSeriesCacheTests: XCTestCase {
    /// `forgettingRunMs` against the runs themselves, one by one.
    func testForgettingRunIsTheFirstRunMoreThanSixMinutesLater() {
        var g = SeededRandom(seed: 5)
        let period = EventRecorder.SeriesCache.finishMs
        for _ in 0..<2000 {
            let start = Int64(g.next() % 10_000_000)
            let cache = EventRecorder.SeriesCache(startMs: start)
            let seen = start + Int64(g.next() % UInt64(period * 5)) - (g.next() % 8 == 0 ? Int64(g.next() % 1000) : 0)
            var run = start
            while !(seen < run - period) { run += period }
            XCTAssertEqual(cache.forgettingRunMs(lastSeen: seen), run, "start \(start) seen \(seen)")
        }
    }

    /// (first event, repeat; minutes after the recorder's start, the repeat less `early` ms) → folds into the first.
    func testRepeatFoldsUntilARunForgetsTheEvent() throws {
        let table: [(first: Int64, again: Int64, early: Int64, folds: Bool)] = [
            (0, 12, 1, true), (0, 12, 0, false),          // seen at the start: the run at 6 min keeps it
            (1, 12, 1, true), (1, 12, 0, false),
            (6, 18, 1, true), (6, 18, 0, false),          // seen exactly at a run
            (7, 18, 1, true), (7, 18, 0, false), (12, 18, 0, true), (12, 24, 0, false),
            (0, 5, 0, true), (3, 9, 0, true),
        ]
        for row in table {
            let c = Cluster()
            let evType = c.registry.lookup(kind: "Event")!
            let obj = try c.api.create(c.registry.lookup(kind: "ConfigMap")!, ["metadata": ["name": "c"]], namespace: "default")
            let start = c.events.series.startMs
            func at(_ ms: Int64) { c.advance(by: .milliseconds(ms - c.clock.now.ms)) }
            at(start + row.first * 60_000)
            c.events.record(obj, type: "Warning", reason: "FailedScheduling", message: "m", component: "default-scheduler")
            at(start + row.again * 60_000 - row.early)
            c.events.record(obj, type: "Warning", reason: "FailedScheduling", message: "m", component: "default-scheduler")
            let counts = c.api.list(evType, namespace: "default").filter { $0["reason"] == "FailedScheduling" }
                .map { $0["count"]?.intValue ?? 0 }
            XCTAssertEqual(counts, row.folds ? [2] : [1, 1], "\(row)")
        }
    }

    /// A series seen every 5 minutes (an unschedulable pod's retries) is never forgotten; one left alone is, and the
    /// cache holds only what is not forgotten.
    func testSeriesLiveOnAndTheCacheEmpties() throws {
        let c = Cluster()
        let evType = c.registry.lookup(kind: "Event")!
        let cm = c.registry.lookup(kind: "ConfigMap")!
        let a = try c.api.create(cm, ["metadata": ["name": "a"]], namespace: "default")
        let b = try c.api.create(cm, ["metadata": ["name": "b"]], namespace: "default")
        c.events.record(b, reason: "Scheduled", message: "once", component: "default-scheduler")
        for _ in 0..<13 {
            c.events.record(a, type: "Warning", reason: "FailedScheduling", message: "m", component: "default-scheduler")
            c.advance(by: .minutes(5))
        }
        let counts = c.api.list(evType, namespace: "default").filter { $0["reason"] == "FailedScheduling" }
            .map { $0["count"]?.intValue ?? 0 }
        XCTAssertEqual(counts, [13])
        XCTAssertEqual(c.events.series.count, 1, "b's event is forgotten")
        c.advance(by: .minutes(20))
        c.events.record(b, reason: "Scheduled", message: "twice", component: "default-scheduler")
        XCTAssertEqual(c.events.series.count, 1, "only the new one is kept")
    }
}
