@testable import MiniCluster
import XCTest

final class DeploymentControllerTests: XCTestCase {
    typealias F = WorkloadFixture

    func replicaSets(_ f: F) -> [Value] {
        f.list("ReplicaSet").sorted { DeploymentUtil.revision($0) < DeploymentUtil.revision($1) }
    }

    func testNewDeploymentCreatesHashedReplicaSetAndBecomesAvailable() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 3))
        let rss = f.list("ReplicaSet")
        XCTAssertEqual(rss.count, 1)
        let rs = rss[0]
        let hash = rs.labels["pod-template-hash"] ?? ""
        XCTAssertEqual(rs.metadataName, "web-\(hash)")
        XCTAssertTrue(hash.count >= 8 && hash.allSatisfy { "456789bcdf".contains($0) }, hash)
        XCTAssertEqual(rs[path: "spec", "selector", "matchLabels"], ["app": "web", "pod-template-hash": .string(hash)])
        XCTAssertEqual(rs.annotations, ["deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "3",
                                        "deployment.kubernetes.io/max-replicas": "4"])
        XCTAssertEqual(f.activePods().count, 3)
        XCTAssertTrue(f.activePods().allSatisfy { $0.metadataName.hasPrefix(rs.metadataName + "-") })
        XCTAssertEqual(f.events(reason: "ScalingReplicaSet"), ["Scaled up replica set \(rs.metadataName) to 3"])
        var d = try f.get("Deployment", "web")
        XCTAssertEqual(d.annotations["deployment.kubernetes.io/revision"], "1")
        XCTAssertEqual(f.condition(d, "Progressing")?["reason"], "ReplicaSetUpdated")
        XCTAssertEqual(f.condition(d, "Available")?["reason"], "MinimumReplicasUnavailable")
        f.run(seconds: 3)
        d = try f.get("Deployment", "web")
        XCTAssertEqual(d[path: "status", "availableReplicas"], 3)
        XCTAssertEqual(d[path: "status", "updatedReplicas"], 3)
        XCTAssertNil(d[path: "status", "unavailableReplicas"])
        XCTAssertEqual(f.condition(d, "Available")?["message"], "Deployment has minimum availability.")
        XCTAssertEqual(f.condition(d, "Progressing")?["message"], .string("ReplicaSet \"\(rs.metadataName)\" has successfully progressed."))
        XCTAssertEqual((d[path: "status", "conditions"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }, ["Available", "Progressing"])
        XCTAssertEqual(d[path: "status", "observedGeneration"], 1)
    }

    func testSameTemplateSameHashAndCollisionCountChangesIt() {
        let t: Value = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "c", "image": "nginx"]]]]
        XCTAssertEqual(TemplateHash.compute(t, collisionCount: nil), TemplateHash.compute(t, collisionCount: nil))
        XCTAssertNotEqual(TemplateHash.compute(t, collisionCount: nil), TemplateHash.compute(t, collisionCount: 1))
        XCTAssertEqual(TemplateHash.safeEncode("0123456789"), "456789bcdf")
    }

    func testFenceposts() {
        func d(_ replicas: Int, _ surge: Value, _ unavailable: Value) -> Value {
            ["spec": ["replicas": .int(replicas), "strategy": ["type": "RollingUpdate",
                                                               "rollingUpdate": ["maxSurge": surge, "maxUnavailable": unavailable]]]]
        }
        let cases: [(Value, Int, Int)] = [
            (d(3, "25%", "25%"), 1, 0), (d(10, "25%", "25%"), 3, 2), (d(4, 0, 0), 0, 1), (d(5, "0%", "0%"), 0, 1),
            (d(3, 2, 1), 2, 1), (d(1, "50%", "50%"), 1, 0), (d(2, 0, 5), 0, 2),
        ]
        for (dep, surge, unavailable) in cases {
            XCTAssertEqual(DeploymentUtil.maxSurge(dep), surge, "\(dep)")
            XCTAssertEqual(DeploymentUtil.maxUnavailable(dep), unavailable, "\(dep)")
        }
        XCTAssertEqual(DeploymentUtil.maxSurge(["spec": ["replicas": 3, "strategy": ["type": "Recreate"]]]), 0)
    }

    func testRollingUpdateKeepsAvailabilityAndRecordsRevisions() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 3))
        f.run(seconds: 3)
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:1.16.1"]] }
        var maxPods = 0, minAvailable = 3
        try f.run(seconds: 30) {
            maxPods = max(maxPods, f.activePods().count)
            minAvailable = min(minAvailable, f.activePods().filter { $0[path: "status", "phase"] == "Running" }.count)
        }
        XCTAssertLessThanOrEqual(maxPods, 4)
        XCTAssertGreaterThanOrEqual(minAvailable, 3)
        let rss = replicaSets(f)
        XCTAssertEqual(rss.count, 2)
        XCTAssertEqual(rss.map { DeploymentUtil.replicas($0) }, [0, 3])
        let d = try f.get("Deployment", "web")
        XCTAssertEqual(d.annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(f.condition(d, "Progressing")?["reason"], "NewReplicaSetAvailable")
        let new = rss[1].metadataName, old = rss[0].metadataName
        XCTAssertEqual(Array(f.events(reason: "ScalingReplicaSet").prefix(3)), [
            "Scaled up replica set \(old) to 3", "Scaled up replica set \(new) to 1", "Scaled down replica set \(old) to 2 from 3",
        ])
        XCTAssertTrue(f.activePods().allSatisfy { $0.metadataName.hasPrefix(new) })
    }

    func testRollbackReusesTheOldReplicaSetWithANewRevision() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 2))
        f.run(seconds: 3)
        let first = f.list("ReplicaSet")[0].metadataName
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:1.16.1"]] }
        f.run(seconds: 20)
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:1.14.2"]] }
        f.run(seconds: 20)
        XCTAssertEqual(f.list("ReplicaSet").count, 2)
        let back = try f.get("ReplicaSet", first)
        XCTAssertEqual(back.annotations["deployment.kubernetes.io/revision"], "3")
        XCTAssertEqual(back.annotations["deployment.kubernetes.io/revision-history"], "1")
        XCTAssertEqual(DeploymentUtil.replicas(back), 2)
        XCTAssertEqual(try f.get("Deployment", "web").annotations["deployment.kubernetes.io/revision"], "3")
    }

    func testRevisionHistoryLimitRemovesOldestEmptyReplicaSets() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 1, extraSpec: ["revisionHistoryLimit": 1]))
        for tag in ["1.1", "1.2", "1.3"] {
            f.run(seconds: 5)
            try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": .string("nginx:\(tag)")]] }
        }
        f.run(seconds: 10)
        XCTAssertEqual(replicaSets(f).map { DeploymentUtil.revision($0) }, [3, 4])
    }

    func testRecreateEmptiesOldReplicaSetBeforeCreatingTheNewOne() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 3, strategy: ["type": "Recreate"]))
        f.run(seconds: 3)
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:1.16.1"]] }
        try f.run(seconds: 10) {
            let images = Set(f.activePods().compactMap { $0[path: "spec", "containers"]?[0]?["image"]?.stringValue })
            XCTAssertLessThanOrEqual(images.count, 1, "never old and new pods together")
        }
        XCTAssertEqual(replicaSets(f).map { DeploymentUtil.replicas($0) }, [0, 3])
        XCTAssertEqual(f.activePods().count, 3)
    }

    func testProgressDeadlineExceededWhenImageNeverStarts() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 2, extraSpec: ["progressDeadlineSeconds": 30]))
        f.run(seconds: 5)
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:does-not-exist"]] }
        f.run(seconds: 25)
        XCTAssertEqual(f.condition(try f.get("Deployment", "web"), "Progressing")?["reason"], "ReplicaSetUpdated")
        f.run(seconds: 10)
        let d = try f.get("Deployment", "web")
        let c = f.condition(d, "Progressing")
        XCTAssertEqual(c?["status"], "False")
        XCTAssertEqual(c?["reason"], "ProgressDeadlineExceeded")
        let new = replicaSets(f)[1].metadataName
        XCTAssertEqual(c?["message"], .string("ReplicaSet \"\(new)\" has timed out progressing."))
        XCTAssertEqual(f.condition(d, "Available")?["status"], "True", "old pods still serve")
    }

    func testPausedDeploymentDoesNotRollOutButScales() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 2))
        f.run(seconds: 3)
        try f.updateSpec("web") { $0[path: "spec", "paused"] = true }
        XCTAssertEqual(f.condition(try f.get("Deployment", "web"), "Progressing")?["reason"], "DeploymentPaused")
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:1.16.1"]] }
        f.run(seconds: 5)
        XCTAssertEqual(f.list("ReplicaSet").count, 1)
        try f.updateSpec("web") { $0[path: "spec", "replicas"] = 4 }
        f.run(seconds: 5)
        XCTAssertEqual(f.activePods().count, 4)
        try f.updateSpec("web") { $0[path: "spec", "paused"] = nil }
        f.run(seconds: 30)
        XCTAssertEqual(replicaSets(f).map { DeploymentUtil.replicas($0) }, [0, 4])
        XCTAssertEqual(f.condition(try f.get("Deployment", "web"), "Progressing")?["reason"], "NewReplicaSetAvailable")
    }

    func testScalingMidRolloutIsProportional() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 10, strategy: ["type": "RollingUpdate",
                                                                   "rollingUpdate": ["maxSurge": 3, "maxUnavailable": 2]]))
        f.run(seconds: 3)
        try f.updateSpec("web") { $0[path: "spec", "template", "spec", "containers"] = [["name": "c", "image": "nginx:does-not-exist"]] }
        f.run(seconds: 5)
        let before = replicaSets(f).map { DeploymentUtil.replicas($0) }
        XCTAssertEqual(before, [8, 5])
        try f.updateSpec("web") { $0[path: "spec", "replicas"] = 30 }
        let after = replicaSets(f).map { DeploymentUtil.replicas($0) }
        XCTAssertEqual(after.reduce(0, +), 30 + 3, "replicas + maxSurge (an int: 3) of the new size")
        XCTAssertEqual(after, [20, 13], "8:5 kept (8·33/13 ≈ 20, 5·33/13 ≈ 13)")
    }

    func testDeletingTheDeploymentRemovesReplicaSetsAndPods() throws {
        let f = F()
        try f.create(F.deployment("web", replicas: 2))
        try f.api.delete(f.type("Deployment"), namespace: "default", name: "web")
        f.cluster.settle()
        XCTAssertEqual(f.list("ReplicaSet").count, 0)
        XCTAssertEqual(f.list("Pod").count, 0)
    }
}
