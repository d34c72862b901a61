// The gkeCluster and currentContext checks: judged on a session without a cluster (a gcloud lesson's start),
// and lint's messages for bad ones.
import Course
import Foundation
import MiniCluster
import Shell
import XCTest

final class CloudCheckTests: CloudSessionTestCase {
    private func cluster(_ name: String, location: String? = nil, nodes: Int? = nil, machine: String? = nil) -> CheckKind {
        .gkeCluster(GKEClusterExpectation(name: name, location: location, nodes: nodes, machineType: machine))
    }

    func testGKEClusterFailsUntilCreatedThenComparesNodesAndMachine() {
        XCTAssertEqual(judge(cluster("hello")), .fail("there is no GKE cluster named hello"))
        run("gcloud container clusters create hello --zone us-central1-a --num-nodes 2 --machine-type e2-standard-2")
        XCTAssertEqual(judge(cluster("hello")), .pass)
        XCTAssertEqual(judge(cluster("hello", location: "us-central1-a", nodes: 2, machine: "e2-standard-2")), .pass)
        XCTAssertEqual(judge(cluster("hello", nodes: 3)), .fail("expected the GKE cluster hello to have 3 nodes, it has 2"))
        XCTAssertEqual(judge(cluster("hello", machine: "e2-medium")),
                       .fail("expected the nodes of hello to be e2-medium machines, they are e2-standard-2"))
        XCTAssertEqual(judge(cluster("hello", location: "us-central1")),
                       .fail("the GKE cluster hello is in us-central1-a, not in us-central1"))
    }

    func testGKEClusterAbsentPassesOnlyWithoutTheCluster() {
        let gone = CheckKind.gkeCluster(GKEClusterExpectation(name: "hello", absent: true))
        let goneHere = CheckKind.gkeCluster(GKEClusterExpectation(name: "hello", location: "us-central1", absent: true))
        XCTAssertEqual(judge(gone), .pass)
        run("gcloud container clusters create hello --zone us-central1-a --num-nodes 1")
        XCTAssertEqual(judge(gone), .fail("the GKE cluster hello still exists in us-central1-a"))
        XCTAssertEqual(judge(goneHere), .pass)
        run("gcloud container clusters delete hello --zone us-central1-a --quiet")
        XCTAssertEqual(judge(gone), .pass)
    }

    func testRegionalClusterCountsNodesInEveryZone() {
        run("gcloud container clusters create ha --region us-central1 --num-nodes 1 --quiet")
        XCTAssertEqual(judge(cluster("ha", location: "us-central1", nodes: 3)), .pass)
        // The MiniCluster has the same nodes, one per zone.
        let out = Output()
        _ = session.runLine("kubectl get nodes -L topology.kubernetes.io/zone --no-headers", output: out)
        let zones = out.stdout.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        XCTAssertEqual(zones.sorted(), ["us-central1-a", "us-central1-b", "us-central1-c"])
    }

    func testCurrentContextByClusterNameOrFullName() {
        XCTAssertEqual(judge(.currentContext("hello")), .fail("kubectl has no current context yet (get-credentials writes one)"))
        run("gcloud container clusters create hello --zone us-central1-a --num-nodes 1")
        run("gcloud container clusters create other --zone us-central1-a --num-nodes 1")
        XCTAssertEqual(judge(.currentContext("hello")), .fail("kubectl points at gke_kubetutor-project_us-central1-a_other, not at hello"))
        run("gcloud container clusters get-credentials hello --zone us-central1-a")
        XCTAssertEqual(judge(.currentContext("hello")), .pass)
        XCTAssertEqual(judge(.currentContext("gke_kubetutor-project_us-central1-a_hello")), .pass)
    }

    func testLintReportsBadCloudChecks() throws {
        let messages = try LintFixture.lintLab("""
        ```task
        id: make
        title: Make a cluster
        do: Make one.
        checks:
          - gkeCluster: Hello_1
          - gkeCluster: hello
            location: mars-east1
            machineType: e2-giant
            selector: app=web
          - currentContext: hello
            namespace: demo
        solution:
          - gcloud container clusters create hello --zone us-central1-a
        ```

        """)
        XCTAssertEqual(messages, [
            "F/ch/lesson.md:15: \"Hello_1\" cannot be a GKE cluster name (lowercase letters, digits and dashes, starting with a letter, at most 40)",
            "F/ch/lesson.md:19: \"selector\" does not apply to a gkeCluster check",
            "F/ch/lesson.md:17: unknown zone or region \"mars-east1\"",
            "F/ch/lesson.md:18: unknown machine type \"e2-giant\"",
            "F/ch/lesson.md:21: a currentContext check is not about a namespace",
        ].sorted())
    }
}
