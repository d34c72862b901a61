import XCTest
@testable import MiniCluster

/// The store's change log keeps the newest changes in two halves: never more than its limit, never fewer than half
/// of it once that many were made, always the newest, in order; a watch from a revision gets every kept change after
/// it, as a scan of the whole log would.
final class ChangeLogTests: XCTestCase {
    func testKeepsTheNewestChangesInOrder() {
        let store = Store()
        store.changeLogLimit = 10
        let t = ResourceRegistry().lookup(kind: "ConfigMap")!
        for i in 1...57 {
            _ = store.put(t, ["metadata": ["name": .string("cm\(i % 7)"), "namespace": "default"], "data": ["i": .string("\(i)")]])
            let log = store.changeLog
            XCTAssertLessThanOrEqual(log.count, 10)
            XCTAssertGreaterThanOrEqual(log.count, min(i, 5))
            XCTAssertEqual(log.last?.revision, store.revision)
            XCTAssertEqual(log.map(\.revision), Array((store.revision - log.count + 1)...store.revision))
            for from in [0, store.revision - 7, store.revision - 3, store.revision] {
                var seen: [Int] = []
                store.forEachChange(after: from) { seen.append($0.revision) }
                XCTAssertEqual(seen, log.map(\.revision).filter { $0 > from }, "after \(from) at \(i)")
            }
        }
    }
}
