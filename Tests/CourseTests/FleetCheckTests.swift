// `gcloud:` checks (read-only gcloud commands, for fleet state) and the `{mci:NAME}` placeholder of `http:` checks,
// which reaches a Multi Cluster Ingress VIP through the fleet whichever cluster kubectl points at.
import Course
import Foundation
import MiniCluster
import Shell
import XCTest

final class FleetCheckTests: CloudSessionTestCase {
    func testGCloudCheckReadsFleetState() {
        let list = CheckKind.gcloud(query: "container fleet memberships list", expect: .contains("gke-us"))
        run("gcloud config set project p")
        XCTAssertEqual(judge(list), .fail("expected the output of `gcloud container fleet memberships list` to contain \"gke-us\", it printed nothing"))
        run("gcloud container clusters create gke-us --zone us-central1-a --num-nodes 1")
        run("gcloud container fleet memberships register gke-us --gke-cluster=us-central1-a/gke-us")
        XCTAssertEqual(judge(list), .pass)
        guard case .fail(let why) = judge(.gcloud(query: "container fleet ingress describe", expect: .contains("gke-us"))) else {
            return XCTFail("the feature is not enabled yet")
        }
        XCTAssertTrue(why.hasPrefix("`gcloud container fleet ingress describe` failed: ERROR: (gcloud.container.fleet.ingress.describe) NOT_FOUND"), why)
    }

    func testMCIPlaceholderRoutesThroughTheFleet() {
        run("gcloud config set project p")
        run("gcloud container clusters create gke-eu --zone europe-west1-b --num-nodes 1")
        run("kubectl create deployment hello --image=gcr.io/google-samples/hello-app:2.0")
        run("gcloud container clusters create gke-us --zone us-central1-a --num-nodes 1")
        run("kubectl create deployment hello --image=gcr.io/google-samples/hello-app:1.0")
        run("gcloud container fleet memberships register gke-us --gke-cluster=us-central1-a/gke-us")
        run("gcloud container fleet memberships register gke-eu --gke-cluster=europe-west1-b/gke-eu")
        run("gcloud container fleet ingress enable --config-membership=gke-us")
        let check = CheckKind.http(url: "http://{mci:web}/", host: nil, status: 200, body: .contains("Version: 1.0.0"))
        XCTAssertEqual(judge(check), .fail("there is no multiclusteringress named web in namespace default"))
        let manifest = """
            kubectl apply -f - <<EOF
            apiVersion: networking.gke.io/v1
            kind: MultiClusterService
            metadata: {name: web}
            spec: {template: {spec: {selector: {app: hello}, ports: [{port: 8080, targetPort: 8080}]}}}
            ---
            apiVersion: networking.gke.io/v1
            kind: MultiClusterIngress
            metadata: {name: web}
            spec: {template: {spec: {backend: {serviceName: web, servicePort: 8080}}}}
            EOF
            """
        run(manifest)
        XCTAssertEqual(judge(check), .fail("multiclusteringress/web has no VIP yet (its global load balancer is still being created)"))
        run("sleep 200")
        // kubectl points at the other member: the placeholder still finds the MCI in the config cluster.
        run("kubectl config use-context gke_p_europe-west1-b_gke-eu")
        XCTAssertEqual(judge(check), .pass)
    }

    func testLintAcceptsOnlyReadingGCloudChecks() throws {
        let messages = try LintFixture.lintLab("""
        ```task
        id: make
        title: Register
        do: Register.
        checks:
          - gcloud: container fleet memberships list
            contains: gke-us
          - gcloud: container fleet memberships register x --gke-cluster=us-central1-a/x
            contains: x
          - gcloud: container fleet memberships list | grep x
            contains: x
          - http: "http://{mci}/"
            status: 200
        solution:
          - gcloud container clusters create hello --zone us-central1-a
        ```

        """)
        XCTAssertEqual(messages, [
            "F/ch/lesson.md:17: a gcloud check may only read: end the command path in one of describe, get-value, list",
            "F/ch/lesson.md:19: a gcloud check runs one gcloud command: no pipes, redirections or substitutions",
            "F/ch/lesson.md:21: {mci:MULTICLUSTERINGRESS} needs a name",
        ].sorted())
    }
}
