@testable import MiniCluster
import XCTest

/// The pod lifecycle on a simulated kubelet with a fake runtime, in virtual time.
final class KubeletLifecycleTests: XCTestCase {
    typealias F = KubeletFixture
    let ifNotPresent: [String: Value] = ["imagePullPolicy": "IfNotPresent"]

    func testNginxGoesFromContainerCreatingToRunning() throws {
        let f = KubeletFixture()
        try f.pod("web", F.containers(F.c("nginx", "nginx")))
        XCTAssertEqual(f.summary("web"), "0/1 ContainerCreating 0")
        var pod = try XCTUnwrap(f.get("web"))
        XCTAssertEqual(pod[path: "status", "phase"], "Pending")
        XCTAssertEqual(pod[path: "status", "hostIP"], "10.128.0.3")
        XCTAssertEqual(pod[path: "status", "startTime"], "2026-11-26T09:00:00Z")
        XCTAssertNil(pod[path: "status", "podIP"])
        XCTAssertEqual(pod[path: "status", "containerStatuses", ]?[0]?["image"], "nginx")

        f.advance(1)
        // The sandbox is up, but the kubelet's first sync is still pulling: status shows no address yet, and
        // PodReadyToStartContainers stays False.
        pod = try XCTUnwrap(f.get("web"))
        XCTAssertNil(pod[path: "status", "podIP"])
        XCTAssertEqual(pod[path: "status", "conditions"]?[0]?["status"], "False")
        XCTAssertEqual(f.summary("web"), "0/1 ContainerCreating 0")
        f.advance(5.2)
        XCTAssertEqual(f.summary("web"), "1/1 Running 0")
        pod = try XCTUnwrap(f.get("web"))
        XCTAssertEqual(pod[path: "status", "phase"], "Running")
        XCTAssertEqual(pod[path: "status", "podIP"], "10.8.0.2")
        XCTAssertEqual(pod[path: "status", "conditions"]?[0]?["lastTransitionTime"], "2026-11-26T09:00:06Z")
        let cs = try XCTUnwrap(pod[path: "status", "containerStatuses"]?[0])
        XCTAssertEqual(cs["image"], "docker.io/library/nginx:latest")
        XCTAssertTrue(cs["imageID"]?.stringValue?.hasPrefix("docker.io/library/nginx@sha256:") == true)
        XCTAssertEqual(cs["containerID"]?.stringValue?.count, "containerd://".count + 64)
        XCTAssertEqual(cs[path: "state", "running", "startedAt"], "2026-11-26T09:00:06Z")
        XCTAssertEqual(cs["started"], true)
        let types = (pod[path: "status", "conditions"]?.arrayValue ?? []).map { "\($0["type"]!.stringValue!)=\($0["status"]!.stringValue!)" }
        XCTAssertEqual(types, ["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"])
        XCTAssertEqual(pod[path: "status", "qosClass"], "BestEffort")
        XCTAssertEqual(f.events("web"), [
            "Pulling: Pulling image \"nginx\"",
            "Pulled: Successfully pulled image \"nginx\" in 5.123s (5.123s including waiting). Image size: 72188133 bytes.",
            "Created: Created container: nginx",
            "Started: Started container nginx",
        ])

        try f.pod("web2", F.containers(F.c("nginx", "nginx", ["imagePullPolicy": "IfNotPresent"])))
        f.advance(1)
        XCTAssertEqual(f.summary("web2"), "1/1 Running 0")
        XCTAssertEqual(f.get("web2")?[path: "status", "podIP"], "10.8.0.3")
        XCTAssertEqual(f.events("web2").first, "Pulled: Container image \"nginx\" already present on machine")
    }

    func testPodsWithoutANodeOrRuntimeAreLeftAlone() throws {
        let f = KubeletFixture()
        try f.pod("pending", F.containers(F.c("nginx", "nginx")), node: nil)
        try f.pod("elsewhere", F.containers(F.c("nginx", "nginx")), node: "no-such-node")
        f.advance(30)
        XCTAssertEqual(f.summary("pending"), "0/1 Pending 0")
        XCTAssertEqual(f.summary("elsewhere"), "0/1 Pending 0")
    }

    func testExitingContainerCrashLoopsWithDoublingBackOff() throws {
        let f = KubeletFixture()
        f.runtime.images["busybox"]?.exitCode = 1
        try f.pod("crashy", F.containers(F.c("busybox", "busybox", ["imagePullPolicy": "IfNotPresent"])))
        f.advance(1 + 1.2)
        XCTAssertEqual(f.summary("crashy"), "0/1 Error 0")
        f.advance(1)  // restarted at once the first time
        XCTAssertEqual(f.summary("crashy"), "0/1 Error 1 (1s ago)")
        f.advance(1)
        var pod = try XCTUnwrap(f.get("crashy"))
        XCTAssertEqual(f.summary("crashy"), "0/1 CrashLoopBackOff 1 (1s ago)")
        let cs = try XCTUnwrap(pod[path: "status", "containerStatuses"]?[0])
        XCTAssertEqual(cs[path: "state", "waiting", "message"]?.stringValue,
                       "back-off 10s restarting failed container=busybox pod=crashy_default(\(pod.uid))")
        XCTAssertEqual(cs[path: "lastState", "terminated", "exitCode"], 1)
        XCTAssertEqual(cs[path: "lastState", "terminated", "reason"], "Error")
        XCTAssertEqual(pod[path: "status", "phase"], "Running")
        // Restart 2 comes 10 s after restart 1, restart 3 20 s after that, then 40 s.
        var restarts: [Int64] = []
        var last = 1
        for t in 0..<200 {
            f.advance(1)
            pod = try XCTUnwrap(f.get("crashy"))
            let count = pod[path: "status", "containerStatuses"]?[0]?["restartCount"]?.intValue ?? 0
            if count != last { restarts.append(Int64(t + 1)); last = count }
        }
        XCTAssertEqual(restarts.count, 4)
        XCTAssertEqual(zip(restarts.dropFirst(), restarts).map { $0 - $1 }, [20, 40, 80])
        XCTAssertTrue(f.events("crashy").contains { $0.hasPrefix("BackOff: Back-off restarting failed container busybox in pod crashy_default(") })
    }

    func testRestartPolicyNeverAndOnFailure() throws {
        let f = KubeletFixture()
        try f.pod("done", ["restartPolicy": "Never", "containers": [F.c("busybox", "busybox")]])
        f.advance(10)
        XCTAssertEqual(f.summary("done"), "0/1 Completed 0")
        let pod = try XCTUnwrap(f.get("done"))
        XCTAssertEqual(pod[path: "status", "phase"], "Succeeded")
        let ready = pod[path: "status", "conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
        XCTAssertEqual(ready?["reason"], "PodCompleted")
        XCTAssertEqual(pod[path: "status", "conditions"]?[0]?["status"], "False")  // sandbox gone

        f.runtime.images["fail"] = .init(pull: .seconds(1), exitAfter: .seconds(3), exitCode: 2)
        try f.pod("failed", ["restartPolicy": "Never", "containers": [F.c("c", "fail")]])
        f.advance(10)
        XCTAssertEqual(f.summary("failed"), "0/1 Error 0")
        XCTAssertEqual(f.get("failed")?[path: "status", "phase"], "Failed")

        try f.pod("onfail", ["restartPolicy": "OnFailure", "containers": [F.c("c", "busybox")]])
        f.advance(10)
        XCTAssertEqual(f.summary("onfail"), "0/1 Completed 0")
        XCTAssertEqual(f.get("onfail")?[path: "status", "phase"], "Succeeded")
    }

    func testUnknownImageErrImagePullThenImagePullBackOff() throws {
        let f = KubeletFixture()
        try f.pod("bad", F.containers(F.c("app", "nginx:nope")))
        f.advance(2)
        XCTAssertEqual(f.summary("bad"), "0/1 ErrImagePull 0")
        f.advance(5)
        XCTAssertEqual(f.summary("bad"), "0/1 ImagePullBackOff 0")
        let pod = try XCTUnwrap(f.get("bad"))
        XCTAssertEqual(pod[path: "status", "containerStatuses"]?[0]?[path: "state", "waiting", "message"],
                       "Back-off pulling image \"nginx:nope\"")
        f.advance(60)
        let events = f.events("bad")
        XCTAssertEqual(events.first, "Pulling: Pulling image \"nginx:nope\" (x3)")
        XCTAssertTrue(events.contains("Failed: Error: ErrImagePull (x3)"), "\(events)")
        XCTAssertTrue(events.contains("BackOff: Back-off pulling image \"nginx:nope\" (x3)"), "\(events)")
        XCTAssertTrue(events.contains("Failed: Error: ImagePullBackOff (x3)"), "\(events)")
    }

    func testInitContainersRunOneAtATime() throws {
        let f = KubeletFixture()
        f.runtime.images["init"] = .init(pull: .seconds(2), exitAfter: .seconds(5))
        try f.pod("init-demo", ["initContainers": [F.c("first", "init", ifNotPresent), F.c("second", "init", ifNotPresent)],
                                "containers": [F.c("nginx", "nginx")]])
        XCTAssertEqual(f.summary("init-demo"), "0/1 Init:0/2 0")
        let pod = try XCTUnwrap(f.get("init-demo"))
        let initialized = pod[path: "status", "conditions"]?.arrayValue?.first { $0["type"] == "Initialized" }
        XCTAssertEqual(initialized?["message"], "containers with incomplete status: [first second]")
        XCTAssertEqual(pod[path: "status", "containerStatuses"]?[0]?[path: "state", "waiting", "reason"], "PodInitializing")
        f.advance(1 + 2 + 5 + 0.5)
        XCTAssertEqual(f.summary("init-demo"), "0/1 Init:1/2 0")
        f.advance(5.5)  // second: cached image, 5 s run
        XCTAssertEqual(f.summary("init-demo"), "0/1 PodInitializing 0")
        f.advance(5.2)
        XCTAssertEqual(f.summary("init-demo"), "1/1 Running 0")
    }

    func testFailingInitContainer() throws {
        let f = KubeletFixture()
        f.runtime.images["badinit"] = .init(pull: .seconds(1), exitAfter: .seconds(1), exitCode: 1)
        try f.pod("initfail", ["initContainers": [F.c("setup", "badinit", ifNotPresent)], "containers": [F.c("nginx", "nginx")]])
        f.advance(3.5)
        XCTAssertEqual(f.summary("initfail"), "0/1 Init:Error 0")
        f.advance(3)
        XCTAssertEqual(f.summary("initfail"), "0/1 Init:CrashLoopBackOff 1 (1s ago)")
        try f.pod("initnever", ["restartPolicy": "Never", "initContainers": [F.c("setup", "badinit")], "containers": [F.c("nginx", "nginx")]])
        f.advance(10)
        XCTAssertEqual(f.summary("initnever"), "0/1 Init:Error 0")
        XCTAssertEqual(f.get("initnever")?[path: "status", "phase"], "Failed")
    }

    func testGracefulDeleteStopsContainersThenRemovesThePod() throws {
        let f = KubeletFixture()
        f.runtime.images["stubborn"] = .init(pull: .seconds(1), onTerminate: nil)
        try f.pod("web", F.containers(F.c("nginx", "nginx")))
        try f.pod("slow", ["terminationGracePeriodSeconds": 20, "containers": [F.c("app", "stubborn")]])
        f.advance(10)
        try f.api.delete(f.podType, namespace: "default", name: "web")
        f.cluster.settle()
        // Until the kubelet's terminating sync (the next relist) nginx runs on, ready; then it stops on SIGTERM at
        // once, and the pod goes at the terminated sync (PodTerminationDelayTests).
        XCTAssertEqual(f.summary("web"), "1/1 Terminating 0")
        XCTAssertFalse(f.events("web").contains("Killing: Stopping container nginx"))
        f.advance(1)
        XCTAssertEqual(f.summary("web"), "0/1 Terminating 0")
        XCTAssertTrue(f.events("web").contains("Killing: Stopping container nginx"))
        f.advance(1)
        XCTAssertNil(f.get("web"), "nginx stopped on SIGTERM")
        try f.api.delete(f.podType, namespace: "default", name: "slow")
        f.cluster.settle()
        XCTAssertEqual(f.summary("slow"), "1/1 Terminating 0")
        f.advance(20)
        XCTAssertNotNil(f.get("slow"))
        f.advance(1)
        XCTAssertEqual(f.summary("slow"), "0/1 Terminating 0", "killed at the grace deadline after the sync")
        f.advance(1)
        XCTAssertNil(f.get("slow"))
        // Unscheduled pods go at once.
        try f.pod("pending", F.containers(F.c("nginx", "nginx")), node: nil)
        try f.api.delete(f.podType, namespace: "default", name: "pending")
        XCTAssertNil(f.get("pending"))
    }

    func testNodeNotReadyMakesPodsUnready() throws {
        let f = KubeletFixture()
        try f.pod("web", F.containers(F.c("nginx", "nginx")))
        f.advance(10)
        let nodeType = f.cluster.registry.lookup(kind: "Node")!
        var node = try f.api.get(nodeType, namespace: nil, name: F.node)
        node[path: "status", "conditions"] = [["type": "Ready", "status": "Unknown"]]
        try f.api.updateStatus(nodeType, namespace: nil, name: F.node, status: node["status"]!)
        f.cluster.settle()
        let ready = f.get("web")?[path: "status", "conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
        XCTAssertEqual(ready?["status"], "False")
    }
}

/// The kubelet with the cluster's own runtime (image catalog).
final class KubeletSimulatedRuntimeTests: XCTestCase {
    func testCatalogDigestsAndInvalidImageNames() throws {
        let f = KubeletFixture()
        f.cluster.kubelets.runtime = f.cluster.runtime
        try f.pod("web", KubeletFixture.containers(KubeletFixture.c("nginx", "nginx:1.14.2")))
        try f.pod("bad", KubeletFixture.containers(KubeletFixture.c("app", "Nginx:UPPER")))
        f.advance(20)
        XCTAssertEqual(f.summary("web"), "1/1 Running 0")
        let cs = f.get("web")?[path: "status", "containerStatuses"]?[0]
        guard case .success(let r) = f.cluster.runtime.catalog.resolve("nginx:1.14.2") else { return XCTFail() }
        XCTAssertEqual(cs?["imageID"]?.stringValue, "docker.io/library/nginx@" + r.digest)
        XCTAssertEqual(cs?["image"], "docker.io/library/nginx:1.14.2")
        XCTAssertEqual(f.summary("bad"), "0/1 InvalidImageName 0")
        XCTAssertEqual(f.events("bad").last, "Failed: Error: InvalidImageName (x2)")
    }
}
