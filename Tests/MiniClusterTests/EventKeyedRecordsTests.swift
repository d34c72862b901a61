@testable import MiniCluster
import OrderedCollections
import XCTest

/// The correlator's small tables answer as the dictionaries and ordered set they replace: the same record for
/// every key over random edits (below and past the size where a dictionary starts indexing them), `default:` made
/// only for a new key, and an aggregate record's messages kept and dropped as an ordered set keeps them.
final class EventKeyedRecordsTests: XCTestCase {
    private typealias LogKey = EventRecorder.LogKey

    /// Keys that share parts with each other (reasons, messages of one length, fields compared last), so that
    /// every comparison is exercised and dictionary hashes collide.
    private func logKey(_ g: inout SeededRandom, spread: UInt64) -> LogKey {
        let n = g.next() % spread
        if n % 7 == 0 { return .aggregate(.init(type: n % 2 == 0 ? "Normal" : "Warning", reason: "R\(n % 3)")) }
        return .event(fieldPath: n % 5 == 0 ? "" : "spec.containers{c\(n % 2)}", type: n % 11 == 0 ? "Warning" : "Normal",
                      reason: "R\(n % 3)", message: "message \(n % 10)\(n / 10)")
    }

    func testRecordsAnswerAsADictionary() {
        let limit = EventRecorder.KeyedRecords<LogKey, Int>.linearLimit
        for (seed, spread) in [(1, 4), (2, 12), (3, UInt64(limit + 1)), (4, 40), (5, 200)] as [(UInt64, UInt64)] {
            var g = SeededRandom(seed: seed)
            var table = EventRecorder.KeyedRecords<LogKey, Int>()
            var model: [LogKey: Int] = [:]
            var peak = 0
            for step in 0..<3_000 {
                let key = logKey(&g, spread: spread)
                switch g.next() % 10 {
                case 0:
                    table[key] = nil
                    model[key] = nil
                case 1:
                    table[key] = step
                    model[key] = step
                case 2:
                    if g.next() % 50 == 0 {
                        table.removeAll()
                        model.removeAll()
                    }
                default:
                    var made = false
                    let seen = table.edit(key, default: { made = true; return -step }) { r -> Int in
                        r += 1
                        return r
                    }
                    XCTAssertEqual(made, model[key] == nil, "seed \(seed) step \(step)")
                    model[key, default: -step] += 1
                    XCTAssertEqual(seen, model[key])
                }
                XCTAssertEqual(table[key], model[key], "seed \(seed) step \(step)")
                XCTAssertEqual(table.count, model.count)
                XCTAssertEqual(table.isEmpty, model.isEmpty)
                peak = max(peak, model.count)
            }
            for (key, record) in model { XCTAssertEqual(table[key], record, "seed \(seed)") }
            if spread > UInt64(limit) { XCTAssertGreaterThan(peak, limit, "seed \(seed): the indexed form is tested") }
        }
    }

    /// The aggregate record (an array searched in order) against the ordered set it was: the same answers, and
    /// the same messages in the same order, over repeats, long gaps and more than 10 messages.
    func testAggregateRecordKeepsMessagesAsAnOrderedSet() {
        var g = SeededRandom(seed: 7)
        var record = EventRecorder.AggregateRecord()
        var set: OrderedSet<String> = []
        var lastMs: Int64 = .min
        var now: Int64 = 0
        for step in 0..<5_000 {
            now += g.next() % 40 == 0 ? EventRecorder.aggregateIntervalMs + 1 : Int64(g.next() % 1_000)
            let message = "Created pod: web-\(g.next() % 14)"
            if lastMs == .min || now - lastMs > EventRecorder.aggregateIntervalMs { set = [] }
            set.append(message)
            lastMs = now
            let expected = set.count >= EventRecorder.aggregateMaxEvents
            if expected { set.removeFirst() }
            XCTAssertEqual(record.observe(message, atMs: now), expected, "step \(step)")
            XCTAssertEqual(record.localKeys, Array(set), "step \(step)")
        }
    }
}
