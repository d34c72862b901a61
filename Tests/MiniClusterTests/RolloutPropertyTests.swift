@testable import MiniCluster
import XCTest

/// Rollout invariants over random Deployments and random updates, one virtual second at a time (fixed seeds):
/// never more than replicas + maxSurge pods, never fewer than replicas − maxUnavailable available once the
/// first rollout is done, every rollout completes when its images exist, and a missing image is reported with
/// ProgressDeadlineExceeded.
final class RolloutPropertyTests: XCTestCase {
    struct Case: CustomStringConvertible {
        var replicas: Int
        var surge: Value
        var unavailable: Value
        var minReady: Int
        var updates: [String]
        var description: String { "replicas=\(replicas) surge=\(surge) unavailable=\(unavailable) minReady=\(minReady) updates=\(updates)" }
    }

    static func randomCase(_ r: inout SeededRandom) -> Case {
        func intOrPercent() -> Value {
            r.int(in: 0...1) == 0 ? .int(r.int(in: 0...3)) : .string("\(r.int(in: 0...4) * 25)%")
        }
        let replicas = r.int(in: 1...8)
        var surge = intOrPercent()
        let unavailable = intOrPercent()
        // Both explicitly 0 is invalid (the API refuses it).
        if IntOrPercent.rawValue(surge) == 0, IntOrPercent.rawValue(unavailable) == 0 { surge = 1 }
        var updates: [String] = []
        for _ in 0..<r.int(in: 1...3) { updates.append("nginx:1.\(r.int(in: 10...30))") }
        return Case(replicas: replicas, surge: surge, unavailable: unavailable, minReady: r.int(in: 0...4), updates: updates)
    }

    func available(_ f: WorkloadFixture, minReady: Int) -> Int {
        f.activePods().filter { PodUtil.isAvailable($0, minReadySeconds: minReady, now: f.cluster.now) }.count
    }

    func nonTerminated(_ f: WorkloadFixture) -> Int {
        f.list("Pod").filter(PodUtil.isActive).count
    }

    func complete(_ f: WorkloadFixture) throws -> Bool {
        let d = try f.get("Deployment", "web")
        return DeploymentUtil.isComplete(d, d["status"] ?? .emptyObject)
            && f.condition(d, "Progressing")?["reason"]?.stringValue == "NewReplicaSetAvailable"
    }

    func testRollingUpdatesKeepSurgeAndAvailabilityBoundsAndComplete() throws {
        var r = SeededRandom(seed: 20261126)
        for trial in 0..<30 {
            let c = Self.randomCase(&r)
            let f = WorkloadFixture(seed: UInt64(trial + 1))
            let strategy: Value = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": c.surge, "maxUnavailable": c.unavailable]]
            try f.create(WorkloadFixture.deployment("web", replicas: c.replicas, strategy: strategy,
                                                    extraSpec: ["minReadySeconds": .int(c.minReady)]))
            let d0 = try f.get("Deployment", "web")
            let maxPods = c.replicas + DeploymentUtil.maxSurge(d0)
            let minAvailable = c.replicas - DeploymentUtil.maxUnavailable(d0)
            var seconds = 0
            while try !complete(f), seconds < 120 { f.run(seconds: 1); seconds += 1 }
            XCTAssertTrue(try complete(f), "first rollout of \(c)")
            for (i, image) in c.updates.enumerated() {
                try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": .string(image)]] }
                // A later update may land mid-rollout (a rollover).
                let steps = i == c.updates.count - 1 ? 300 : r.int(in: 0...6)
                for _ in 0..<steps {
                    f.run(seconds: 1)
                    XCTAssertLessThanOrEqual(nonTerminated(f), maxPods, "surge bound, \(c), t=\(f.cluster.now)")
                    XCTAssertGreaterThanOrEqual(available(f, minReady: c.minReady), minAvailable, "availability bound, \(c), t=\(f.cluster.now)")
                    if i == c.updates.count - 1, try complete(f) { break }
                }
            }
            XCTAssertTrue(try complete(f), "rollout completes: \(c)")
            let images = Set(f.activePods().compactMap { $0[path: "spec", "containers"]?[0]?["image"]?.stringValue })
            XCTAssertEqual(images, [c.updates.last!], "\(c)")
        }
    }

    func testMissingImagesEndInProgressDeadlineExceeded() throws {
        var r = SeededRandom(seed: 7)
        for trial in 0..<10 {
            let c = Self.randomCase(&r)
            let f = WorkloadFixture(seed: UInt64(trial + 100))
            let strategy: Value = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": c.surge, "maxUnavailable": c.unavailable]]
            let deadline = r.int(in: 10...60)
            try f.create(WorkloadFixture.deployment("web", replicas: c.replicas, strategy: strategy,
                                                    extraSpec: ["progressDeadlineSeconds": .int(deadline)]))
            f.run(seconds: 5)
            try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:does-not-exist"]] }
            f.run(seconds: deadline - 1)
            XCTAssertNotEqual(f.condition(try f.get("Deployment", "web"), "Progressing")?["reason"], "ProgressDeadlineExceeded", "too early: \(c)")
            f.run(seconds: 3)
            let cond = f.condition(try f.get("Deployment", "web"), "Progressing")
            XCTAssertEqual(cond?["reason"], "ProgressDeadlineExceeded", "\(c) deadline=\(deadline)")
            XCTAssertEqual(cond?["status"], "False")
        }
    }

    func testRecreateNeverMixesVersionsAndCompletes() throws {
        var r = SeededRandom(seed: 99)
        for trial in 0..<10 {
            let c = Self.randomCase(&r)
            let f = WorkloadFixture(seed: UInt64(trial + 200))
            try f.create(WorkloadFixture.deployment("web", replicas: c.replicas, strategy: ["type": "Recreate"]))
            f.run(seconds: 5)
            try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": .string(c.updates[0])]] }
            for _ in 0..<60 {
                f.run(seconds: 1)
                let images = Set(f.list("Pod").filter(PodUtil.isActive).compactMap { $0[path: "spec", "containers"]?[0]?["image"]?.stringValue })
                XCTAssertLessThanOrEqual(images.count, 1, "\(c)")
                XCTAssertLessThanOrEqual(nonTerminated(f), c.replicas)
            }
            XCTAssertTrue(try complete(f), "\(c)")
        }
    }
}
