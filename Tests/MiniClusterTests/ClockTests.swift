import MiniCluster
import XCTest

final class ClockTests: XCTestCase {
    func testTimestampFormats() {
        let t = Timestamp(rfc3339: "2026-11-26T09:43:53Z")!
        XCTAssertEqual(t.rfc3339, "2026-11-26T09:43:53Z")
        XCTAssertEqual(t.rfc1123Z, "Thu, 26 Nov 2026 09:43:53 +0000")
        XCTAssertEqual(Timestamp(ms: 0).rfc3339, "1970-01-01T00:00:00Z")
    }

    func testTimersFireInOrder() {
        let c = VirtualClock(start: Timestamp(seconds: 0))
        var fired: [String] = []
        c.schedule(after: .seconds(5)) { fired.append("b@\(c.now.ms)") }
        c.schedule(after: .seconds(1)) { fired.append("a@\(c.now.ms)") }
        c.schedule(after: .seconds(5)) { fired.append("c@\(c.now.ms)") }
        c.advance(by: .seconds(3))
        XCTAssertEqual(fired, ["a@1000"])
        c.advance(by: .seconds(10))
        XCTAssertEqual(fired, ["a@1000", "b@5000", "c@5000"])
        XCTAssertEqual(c.now.ms, 13000)
    }

    func testNowTextFollowsTheClock() {
        let c = VirtualClock(start: Timestamp(rfc3339: "2026-11-26T09:43:53Z")!)
        XCTAssertEqual(c.nowRFC3339, "2026-11-26T09:43:53Z")
        var seen: [String] = []
        c.schedule(after: .milliseconds(400)) { seen.append(c.nowRFC3339) }
        c.schedule(after: .milliseconds(1_200)) { seen.append(c.nowRFC3339) }
        c.advance(by: .seconds(90))
        XCTAssertEqual(seen, ["2026-11-26T09:43:53Z", "2026-11-26T09:43:54Z"])
        XCTAssertEqual(c.nowRFC3339, "2026-11-26T09:45:23Z")
        XCTAssertEqual(c.nowRFC3339, c.now.rfc3339)
    }

    func testSeededRandomRepeats() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7)
        XCTAssertEqual(a.nameSuffix(), b.nameSuffix())
        XCTAssertEqual(a.uuid(), b.uuid())
    }
}
