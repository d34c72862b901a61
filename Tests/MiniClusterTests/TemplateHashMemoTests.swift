import XCTest
@testable import MiniCluster

/// The Deployment controller's memo of templates without their hash label gives what working it out gives, for
/// templates read again (hits), edited copies and more templates than it keeps.
final class TemplateHashMemoTests: XCTestCase {
    func template(image: String, hash: String?) -> Value {
        var labels: Value = ["app": "web"]
        if let hash { labels[WorkloadKeys.podTemplateHash] = .string(hash) }
        return ["metadata": ["labels": labels], "spec": ["containers": [["name": "web", "image": .string(image)]]]]
    }

    func testMemoAnswersAsTheLongWay() {
        let memo = TemplateHashMemo()
        var rng = SeededRandom(seed: 5)
        var seen: [Value] = []
        for i in 0..<300 {
            let t: Value
            switch rng.next() % 4 {
            case 0 where !seen.isEmpty: t = seen[Int(rng.next() % UInt64(seen.count))]  // the same stored value again
            case 1 where !seen.isEmpty:
                var edited = seen[Int(rng.next() % UInt64(seen.count))]  // a copy, then an edit
                edited[path: "metadata", "labels", "app"] = .string("web\(rng.next() % 3)")
                t = edited
            default: t = template(image: "nginx:1.\(rng.next() % 30)", hash: rng.next() % 2 == 0 ? nil : "h\(i % 7)")
            }
            seen.append(t)
            XCTAssertEqual(memo.withoutHash(t), TemplateHash.withoutHash(t), "step \(i)")
        }
        XCTAssertNil(memo.withoutHash(nil))
        XCTAssertGreaterThan(memo.hits, 30)
        XCTAssertLessThan(memo.hits, 300)
    }
}
