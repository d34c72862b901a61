@testable import MiniCluster
import XCTest

/// The autoscaler's arithmetic, case by case (after upstream's replica_calculator_test and horizontal_test).
final class HPAReplicaCalculatorTests: XCTestCase {
    typealias C = HPAReplicaCalculator
    let now = Timestamp(ms: 3_600_000)

    /// A Running pod, ready since long before, started an hour ago, with `cpu` millicores used of `request`.
    func pod(_ name: String, cpu: Int64?, request: Int64? = 200, phase: String = "Running", readyFor seconds: Int64 = 3000,
             ready: Bool = true, startedAgo: Int64 = 3600) -> HPAPod {
        HPAPod(name: name, phase: phase, ready: (ready, Timestamp(ms: now.ms - seconds * 1000)),
               startTime: Timestamp(ms: now.ms - startedAgo * 1000), usage: cpu,
               request: request.map { .success($0) } ?? .failure(.init(container: "app")))
    }

    func replicas(_ current: Int, _ target: C.Target, _ pods: [HPAPod]) throws -> C.Proposal {
        try C.replicas(current: current, target: target, resource: "cpu", pods: pods, now: now)
    }

    func testScalesByTheRatioOfUtilizationToTarget() throws {
        // 3 pods at 100 % of a 50 % target: ceil(2 × 3) = 6.
        let p = try replicas(3, .utilization(50), (1...3).map { pod("p\($0)", cpu: 200) })
        XCTAssertEqual(p, C.Proposal(replicas: 6, utilization: 100, average: 200))
        // 250 % of a 50 % target on one pod (php-apache at its limit): 5.
        XCTAssertEqual(try replicas(1, .utilization(50), [pod("a", cpu: 500)]).replicas, 5)
        // Down: 2 pods at 10 % of a 50 % target: ceil(0.2 × 2) = 1.
        XCTAssertEqual(try replicas(2, .utilization(50), [pod("a", cpu: 20), pod("b", cpu: 20)]).replicas, 1)
    }

    func testWithinToleranceKeepsTheCount() throws {
        // 54 % of 50 % is a ratio of 1.08: inside the 0.1 tolerance.
        let p = try replicas(4, .utilization(50), (1...4).map { pod("p\($0)", cpu: 108) })
        XCTAssertEqual(p.replicas, 4)
        XCTAssertEqual(p.utilization, 54)
        // 56 % is 1.12: outside, ceil(1.12 × 4) = 5.
        XCTAssertEqual(try replicas(4, .utilization(50), (1...4).map { pod("p\($0)", cpu: 112) }).replicas, 5)
    }

    func testUtilizationIsTruncatedLikeIntegerPercentages() throws {
        // 1m of 200m is 0.5 %: reported as 0 %.
        XCTAssertEqual(try replicas(1, .utilization(50), [pod("a", cpu: 1)]).utilization, 0)
    }

    func testAverageValueTarget() throws {
        // 300m average per pod against a 100m target: 3 × 3 = 9.
        let p = try replicas(3, .averageValue(100), (1...3).map { pod("p\($0)", cpu: 300, request: nil) })
        XCTAssertEqual(p, C.Proposal(replicas: 9, utilization: nil, average: 300))
    }

    func testMissingPodsCountAsIdleOnScaleUpAndBusyOnScaleDown() throws {
        // Up: two pods at 200 % and one without a sample, counted at 0 %: (400+400+0)/600 = 133 % → 2.66 × 3 → 8.
        let up = try replicas(3, .utilization(50), [pod("a", cpu: 400), pod("b", cpu: 400), pod("c", cpu: nil)])
        XCTAssertEqual(up.replicas, 8)
        XCTAssertEqual(up.utilization, 200)
        // Down: one pod at 10 %, one missing counted at 100 %: (20+200)/400 = 55 %, above the target: the direction
        // would flip, so keep 2.
        XCTAssertEqual(try replicas(2, .utilization(50), [pod("a", cpu: 20), pod("b", cpu: nil)]).replicas, 2)
    }

    func testUnreadyAndStartingPodsDoNotDriveAScaleUp() throws {
        // A pod started 60 s ago, ready for only 10 s: inside the CPU initialization period and its sample reaches
        // back before it was ready, so it is unready and counts as 0 % on the way up.
        let fresh = pod("new", cpu: 500, readyFor: 10, startedAgo: 60)
        let p = try replicas(2, .utilization(50), [pod("a", cpu: 200), fresh])
        // Only `a` is measured: 100 % → ratio 2; with `new` at 0 %: (200+0)/400 = 50 % → ratio 1.0: keep.
        XCTAssertEqual(p.replicas, 2)
        // Pending pods are unready too; Failed and deleting pods are ignored altogether.
        let g = C.group([pod("a", cpu: 100), pod("p", cpu: nil, phase: "Pending"), pod("f", cpu: 100, phase: "Failed"),
                         { var d = pod("d", cpu: 100); d.deleting = true; return d }()], resource: "cpu", now: now)
        XCTAssertEqual(g, C.Groups(readyCount: 1, unready: ["p"], missing: [], ignored: ["f", "d"]))
    }

    func testErrorsSayWhatIsMissing() {
        XCTAssertThrowsError(try replicas(1, .utilization(50), [pod("a", cpu: nil)])) { e in
            XCTAssertEqual((e as? HPAError)?.message, "unable to get metrics for resource cpu: no metrics returned from resource metrics API")
        }
        XCTAssertThrowsError(try replicas(1, .utilization(50), [pod("a", cpu: 100, request: nil)])) { e in
            XCTAssertEqual((e as? HPAError)?.message, "missing request for cpu in container app of Pod a")
        }
        XCTAssertThrowsError(try replicas(1, .utilization(50), [pod("a", cpu: 100, ready: false, startedAgo: 60)])) { e in
            XCTAssertEqual((e as? HPAError)?.message, "did not receive metrics for targeted pods (pods might be unready)")
        }
    }
}

/// The normalization rules: stabilization, rate limits, min and max, and `behavior` policies.
final class HPAScalingTests: XCTestCase {
    typealias S = HPAScaling

    func at(_ s: Int64) -> Timestamp { Timestamp(ms: s * 1000) }

    func testScaleUpIsLimitedToDoubleOrFour() {
        XCTAssertEqual(S.limit(current: 1, desired: 10, min: 1, max: 10).0, 4)
        XCTAssertEqual(S.limit(current: 3, desired: 10, min: 1, max: 10).0, 6)
        XCTAssertEqual(S.limit(current: 3, desired: 10, min: 1, max: 10).1, "ScaleUpLimit")
        XCTAssertEqual(S.limit(current: 6, desired: 20, min: 1, max: 10).1, "TooManyReplicas")
        XCTAssertEqual(S.limit(current: 2, desired: 0, min: 1, max: 10).0, 1)
        XCTAssertEqual(S.limit(current: 2, desired: 0, min: 1, max: 10).1, "TooFewReplicas")
        XCTAssertEqual(S.limit(current: 2, desired: 3, min: 1, max: 10).1, "DesiredWithinRange")
    }

    func testScaleDownWaitsForTheStabilizationWindow() {
        var m = S.Memory(recommendations: [(5, at(0))])
        // 60 s later the metrics ask for 1: the window still holds 5.
        var n = S.normalize(current: 5, proposed: 1, min: 1, max: 10, behavior: nil, memory: &m, now: at(60))
        XCTAssertEqual(n.replicas, 5)
        XCTAssertEqual(n.able.reason, "ScaleDownStabilized")
        // Past 300 s the old recommendation has left the window.
        n = S.normalize(current: 5, proposed: 1, min: 1, max: 10, behavior: nil, memory: &m, now: at(301))
        XCTAssertEqual(n.replicas, 1)
        XCTAssertEqual(n.able.reason, "ReadyForNewScale")
        XCTAssertEqual(n.limited, S.Condition(type: "ScalingLimited", status: false, reason: "DesiredWithinRange",
                                              message: "the desired count is within the acceptable range"))
    }

    func testBehaviorPoliciesLimitEachPeriod() {
        // Scale down by at most 1 pod a minute, no window.
        let behavior: Value = ["scaleUp": ["stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                                           "policies": [["type": "Pods", "value": 4, "periodSeconds": 15]]],
                               "scaleDown": ["stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                                             "policies": [["type": "Pods", "value": 1, "periodSeconds": 60]]]]
        var m = S.Memory()
        var n = S.normalize(current: 5, proposed: 1, min: 1, max: 10, behavior: behavior, memory: &m, now: at(0))
        XCTAssertEqual(n.replicas, 4)
        XCTAssertEqual(n.limited.reason, "ScaleDownLimit")
        S.recordScale(from: 5, to: 4, behavior: behavior, memory: &m, now: at(0))
        n = S.normalize(current: 4, proposed: 1, min: 1, max: 10, behavior: behavior, memory: &m, now: at(30))
        XCTAssertEqual(n.replicas, 4, "the minute's one pod is used up")
        n = S.normalize(current: 4, proposed: 1, min: 1, max: 10, behavior: behavior, memory: &m, now: at(61))
        XCTAssertEqual(n.replicas, 3)
        // Up by at most 4 pods per 15 s.
        n = S.normalize(current: 3, proposed: 10, min: 1, max: 10, behavior: behavior, memory: &m, now: at(62))
        XCTAssertEqual(n.replicas, 7)
        XCTAssertEqual(n.limited.reason, "ScaleUpLimit")
    }
}
