import MiniCluster
@testable import Shell
import TestSupport
import XCTest

/// The Events section fed by the cluster's own EventRecorder: lookup by involved object, time order, folding.
final class DescribeEventsTests: XCTestCase {
    func testRecordedEventsAppearWithRepeatCounts() {
        let s = DescribeFixture.session(now: "2026-11-26T09:00:00Z")
        let c = s.currentCluster!
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default","uid":"cm-1"},"data":{"a":"b"}}
        """, """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other","namespace":"default","uid":"cm-2"}}
        """)
        let cm = try! c.api.get(c.registry.lookup("cm")!, namespace: "default", name: "cfg")
        let other = try! c.api.get(c.registry.lookup("cm")!, namespace: "default", name: "other")
        c.events.record(cm, reason: "Synced", message: "first sync", component: "tester")
        c.advance(by: .seconds(30))
        for _ in 0..<3 {
            c.events.record(cm, type: "Warning", reason: "Failed", message: "could not sync", component: "tester")
            c.advance(by: .seconds(20))
        }
        c.events.record(other, reason: "Synced", message: "not about cfg", component: "tester")
        c.advance(by: .seconds(60))
        let out = DescribeFixture.run(s, "kubectl describe configmap cfg").out
        XCTAssertTrue(out.hasSuffix("""
        Events:
          Type     Reason  Age               From    Message
          ----     ------  ----              ----    -------
          Normal   Synced  2m30s             tester  first sync
          Warning  Failed  80s (x3 over 2m)  tester  could not sync

        """), out)
    }

    func testNodeEventsAreFoundByUidOrName() {
        let s = DescribeFixture.session(now: "2026-11-26T09:10:00Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","uid":"node-uid","creationTimestamp":"2026-11-26T09:00:00Z"}}
        """,
            DescribeFixture.event("n1.a", about: "Node", "n1", uid: "n1", reason: "Starting", message: "Starting kubelet.",
                                  component: "kubelet", first: "2026-11-26T09:01:00Z"),
            DescribeFixture.event("n1.b", about: "Node", "n1", uid: "node-uid", reason: "RegisteredNode",
                                  message: "Node n1 event: Registered Node n1 in Controller", component: "node-controller",
                                  first: "2026-11-26T09:02:00Z"))
        let out = DescribeFixture.run(s, "kubectl describe node n1").out
        XCTAssertTrue(out.hasSuffix("""
          Normal  Starting        9m    kubelet          Starting kubelet.
          Normal  RegisteredNode  8m    node-controller  Node n1 event: Registered Node n1 in Controller

        """), out)
    }

    func testAgeColumn() {
        let s = DescribeFixture.session(now: "2026-11-26T10:00:00Z")
        let ctx = DescribeContext(cluster: s.currentCluster!)
        let e = DescribeFixture.value(#"{"firstTimestamp":"2026-11-26T09:56:59Z","lastTimestamp":"2026-11-26T09:59:49Z","count":7}"#)
        XCTAssertEqual(EventsSection.age(e, ctx), "11s (x7 over 3m1s)")
        let series = DescribeFixture.value(#"{"eventTime":"2026-11-26T09:00:00.123456Z","series":{"count":4,"lastObservedTime":"2026-11-26T09:58:00.000000Z"}}"#)
        XCTAssertEqual(EventsSection.age(series, ctx), "2m (x4 over 59m)")
        XCTAssertEqual(EventsSection.age(DescribeFixture.value("{}"), ctx), "<unknown>")
    }
}
