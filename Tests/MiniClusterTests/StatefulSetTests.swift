@testable import MiniCluster
import XCTest

/// StatefulSet identities, claims and status (table tests), and the ordered start through virtual time.
final class StatefulSetTests: XCTestCase {
    let set: Value = ["metadata": ["name": "web", "namespace": "default", "uid": "u1"],
                      "spec": ["replicas": 3, "serviceName": "nginx", "selector": ["matchLabels": ["app": "nginx"]],
                               "template": ["metadata": ["labels": ["app": "nginx"]],
                                            "spec": ["containers": [["name": "nginx", "image": "nginx"]],
                                                     "volumes": [["name": "www", "emptyDir": .emptyObject]]]],
                               "volumeClaimTemplates": [["metadata": ["name": "www", "labels": ["tier": "data"]],
                                                         "spec": ["accessModes": ["ReadWriteOnce"]]]]]]

    func testOrdinals() {
        let cases: [(String, Int?)] = [("web-0", 0), ("web-12", 12), ("web-", nil), ("web-01", nil), ("web-x", nil),
                                       ("webby-1", nil), ("web-1-2", nil), ("other-0", nil)]
        for (name, want) in cases { XCTAssertEqual(StatefulSetUtil.ordinal(of: name, set: "web"), want, name) }
    }

    func testPodIdentityAndClaims() {
        let pod = StatefulSetUtil.pod(set, ordinal: 2, revision: "web-abc")
        XCTAssertEqual(pod.metadataName, "web-2")
        XCTAssertEqual(pod.labels, ["app": "nginx", "controller-revision-hash": "web-abc",
                                    "statefulset.kubernetes.io/pod-name": "web-2", "apps.kubernetes.io/pod-index": "2"])
        XCTAssertEqual(pod[path: "spec", "hostname"], "web-2")
        XCTAssertEqual(pod[path: "spec", "subdomain"], "nginx")
        // The claim template's volume replaces the template's own volume of that name.
        XCTAssertEqual(pod[path: "spec", "volumes"], [["name": "www", "persistentVolumeClaim": ["claimName": "www-web-2"]]])
        let claim = StatefulSetUtil.claim(set, template: set[path: "spec", "volumeClaimTemplates"]![0]!, ordinal: 2)
        XCTAssertEqual(claim.metadataName, "www-web-2")
        XCTAssertEqual(claim.labels, ["tier": "data", "app": "nginx"])
    }

    func testStatusCountsByRevision() {
        func pod(_ name: String, _ rev: String, ready: Bool, deleting: Bool = false) -> Value {
            var p: Value = ["metadata": ["name": .string(name), "labels": ["controller-revision-hash": .string(rev)]],
                            "status": ["phase": "Running", "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False"),
                                                                             "lastTransitionTime": "2026-11-26T09:00:00Z"]]]]
            if deleting { p[path: "metadata", "deletionTimestamp"] = "2026-11-26T09:00:00Z" }
            return p
        }
        let s = StatefulSetUtil.status(set, pods: [pod("web-0", "old", ready: true), pod("web-1", "new", ready: true),
                                                   pod("web-2", "new", ready: false), pod("web-3", "old", ready: true, deleting: true)],
                                       current: "old", update: "new", now: Timestamp(ms: 1_800_000_000_000))
        XCTAssertEqual(s["replicas"], 3)
        XCTAssertEqual(s["readyReplicas"], 2)
        XCTAssertEqual(s["currentReplicas"], 1)
        XCTAssertEqual(s["updatedReplicas"], 2)
        XCTAssertEqual(s["currentRevision"], "old")
        XCTAssertEqual(s["updateRevision"], "new")
    }

    func testOrderedReadyStartsOnePodAtATime() throws {
        let cluster = Cluster(options: .sandbox)
        let t = cluster.registry.lookup(kind: "StatefulSet")!
        var s = set
        s[path: "metadata", "uid"] = nil
        s["spec"]?["volumeClaimTemplates"] = nil
        s[path: "spec", "template", "spec", "volumes"] = nil
        _ = try cluster.api.create(t, s, namespace: "default")
        cluster.settle()
        func names() -> [String] {
            cluster.api.list(cluster.registry.lookup(kind: "Pod")!, namespace: "default").map(\.metadataName).sorted()
        }
        XCTAssertEqual(names(), ["web-0"], "web-1 waits until web-0 is Running and Ready")
        cluster.advance(by: .seconds(60))
        XCTAssertEqual(names(), ["web-0", "web-1", "web-2"])
        XCTAssertEqual(try cluster.api.get(t, namespace: "default", name: "web")[path: "status", "readyReplicas"], 3)
    }
}
