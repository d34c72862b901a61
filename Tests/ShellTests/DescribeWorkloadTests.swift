import MiniCluster
@testable import Shell
import TestSupport
import XCTest

/// `describe deployment` / `replicaset` against hand-built objects shaped like the recorded ones (Appendix C).
final class DescribeWorkloadTests: XCTestCase {
    static let template = """
    {"metadata":{"labels":{"app":"%APP%"%HASH%}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25",
      "ports":[{"containerPort":80,"protocol":"TCP"}]}]}}
    """

    static func template(app: String, hash: String?, image: String = "nginx:1.25") -> String {
        template.replacingOccurrences(of: "%APP%", with: app)
            .replacingOccurrences(of: "%HASH%", with: hash.map { #","pod-template-hash":"\#($0)""# } ?? "")
            .replacingOccurrences(of: "nginx:1.25", with: image)
    }

    static func deployment(_ name: String, uid: String, created: String, replicas: Int, revision: Int) -> String {
        """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"\(name)","namespace":"default","uid":"\(uid)",
          "creationTimestamp":"\(created)","labels":{"app":"\(name)"},
          "annotations":{"deployment.kubernetes.io/revision":"\(revision)"}},
         "spec":{"replicas":\(replicas),"selector":{"matchLabels":{"app":"\(name)"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
          "template":\(template(app: name, hash: nil))},
         "status":{"replicas":\(replicas),"updatedReplicas":\(replicas),"availableReplicas":\(replicas),"readyReplicas":\(replicas),
          "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},
            {"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
        """
    }

    static func replicaSet(_ name: String, deployment: String, uid: String, created: String, hash: String, replicas: Int,
                           image: String = "nginx:1.25") -> String {
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"\(name)","namespace":"default","uid":"rs-\(hash)",
          "creationTimestamp":"\(created)","labels":{"app":"\(deployment)","pod-template-hash":"\(hash)"},
          "annotations":{"deployment.kubernetes.io/desired-replicas":"\(replicas)","deployment.kubernetes.io/max-replicas":"\(replicas + 1)",
            "deployment.kubernetes.io/revision":"1"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"\(deployment)","uid":"\(uid)","controller":true}]},
         "spec":{"replicas":\(replicas),"selector":{"matchLabels":{"app":"\(deployment)","pod-template-hash":"\(hash)"}},
          "template":\(template(app: deployment, hash: hash, image: image))},
         "status":{"replicas":\(replicas)}}
        """
    }

    func session() -> ShellSession {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s,
            Self.deployment("web", uid: "d-web", created: "2026-11-26T09:43:33Z", replicas: 3, revision: 1),
            Self.replicaSet("web-7c5ddbdf54", deployment: "web", uid: "d-web", created: "2026-11-26T09:43:33Z",
                            hash: "7c5ddbdf54", replicas: 3),
            Self.deployment("app", uid: "d-app", created: "2026-11-26T08:49:03Z", replicas: 2, revision: 2),
            // The old ReplicaSet ran another image; scaled to zero it still shows under OldReplicaSets.
            Self.replicaSet("app-6b7f8d9c4", deployment: "app", uid: "d-app", created: "2026-11-26T08:49:03Z",
                            hash: "6b7f8d9c4", replicas: 0, image: "nginx:1.24"),
            Self.replicaSet("app-5d8f7b9c6d", deployment: "app", uid: "d-app", created: "2026-11-26T09:46:30Z",
                            hash: "5d8f7b9c6d", replicas: 2),
            // Matches app's selector but belongs to nobody: not listed.
            Self.replicaSet("app-orphan", deployment: "app", uid: "nobody", created: "2026-11-26T09:00:00Z",
                            hash: "0rphan", replicas: 1),
            DescribeFixture.event("web.1", about: "Deployment", "web", uid: "d-web", reason: "ScalingReplicaSet",
                                  message: "Scaled up replica set web-7c5ddbdf54 from 0 to 3", component: "deployment-controller",
                                  first: "2026-11-26T09:43:33Z"))
        let scaling = [("Scaled up replica set app-5d8f7b9c6d from 0 to 1", "09:46:33"),
                       ("Scaled down replica set app-6b7f8d9c4 from 2 to 1", "09:46:43"),
                       ("Scaled up replica set app-5d8f7b9c6d from 1 to 2", "09:46:43"),
                       ("Scaled down replica set app-6b7f8d9c4 from 1 to 0", "09:46:53")]
        for (i, (msg, t)) in scaling.enumerated() {
            DescribeFixture.put(s, DescribeFixture.event("app.\(i)", about: "Deployment", "app", uid: "d-app",
                                                         reason: "ScalingReplicaSet", message: msg,
                                                         component: "deployment-controller", first: "2026-11-26T\(t)Z"))
        }
        return s
    }

    func check(_ command: String, _ want: String, _ s: ShellSession? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let r = DescribeFixture.run(s ?? session(), command)
        XCTAssertEqual(r.err, "", file: file, line: line)
        if r.out != want { XCTFail("\(command) differs:\n" + Transcript.diff(expected: want, actual: r.out), file: file, line: line) }
    }

    func testDeploymentMatchesRecording() { check("kubectl describe deployment web", AppendixC.deployment_web) }
    func testRolledDeploymentMatchesRecording() { check("kubectl describe deploy app", AppendixC.deployment_app) }

    func testReplicaSetMatchesRecording() {
        let s = session()
        // The recording was made with no pods; a pod of another owner must not count either.
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"stray","namespace":"default","uid":"p1",
          "labels":{"app":"web","pod-template-hash":"7c5ddbdf54"}},"spec":{"containers":[]},"status":{"phase":"Running"}}
        """)
        check("kubectl describe rs web-7c5ddbdf54", AppendixC.rs_web_7c5ddbdf54, s)
    }

    func testReplicaSetCountsItsPodsByPhase() {
        let s = session()
        for (i, phase) in ["Running", "Running", "Pending", "Failed"].enumerated() {
            DescribeFixture.put(s, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7c5ddbdf54-\(i)","namespace":"default","uid":"p\(i)",
              "labels":{"app":"web","pod-template-hash":"7c5ddbdf54"},
              "ownerReferences":[{"kind":"ReplicaSet","name":"web-7c5ddbdf54","uid":"rs-7c5ddbdf54","controller":true}]},
             "spec":{"containers":[]},"status":{"phase":"\(phase)"}}
            """)
        }
        let out = DescribeFixture.run(s, "kubectl describe rs web-7c5ddbdf54").out
        XCTAssertTrue(out.contains("Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 1 Failed\n"), out)
    }

    func testDeploymentWithoutReplicaSetsOmitsThoseLines() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, Self.deployment("solo", uid: "d-solo", created: "2026-11-26T09:43:33Z", replicas: 1, revision: 1))
        let out = DescribeFixture.run(s, "kubectl describe deployment solo").out
        XCTAssertFalse(out.contains("OldReplicaSets"), out)
        XCTAssertTrue(out.hasSuffix("  Progressing   True    NewReplicaSetAvailable\nEvents:         <none>\n"), out)
    }
}
