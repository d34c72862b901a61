// gcloud's confirmation prompt: in script mode the next line answers it; --quiet skips it; nobody to answer gives
// gcloud's unattended-prompt error. Node pools and resizes change the MiniCluster's nodes.
import Foundation
import MiniCluster
import Shell
import XCTest

final class GCloudPromptTests: XCTestCase {
    private func script(_ text: String) -> (ShellSession, Output, Int32) {
        let s = ShellSession(cwd: FileManager.default.temporaryDirectory)
        let out = Output()
        let status = ScriptRunner().run(text, session: s, output: out)
        return (s, out, status)
    }

    private let create = "gcloud container clusters create hello --zone us-central1-a --num-nodes 1\n"

    func testNextScriptLineAnswersThePrompt() {
        let (s, out, status) = script(create + "gcloud container clusters delete hello --zone us-central1-a\ny\necho after\n")
        XCTAssertEqual(status, 0)
        XCTAssertTrue(s.cloud.clusters.isEmpty)
        XCTAssertTrue(out.stderr.contains("The following clusters will be deleted.\n - [hello] in [us-central1-a]\n\nDo you want to continue (Y/n)?  \nDeleting cluster hello...done.\n"), out.stderr)
        XCTAssertEqual(out.stdout.split(separator: "\n").last, "after")
    }

    func testNoAbortsAndOtherAnswersAskAgain() {
        let (s, out, status) = script(create + "gcloud container clusters delete hello --zone us-central1-a\nperhaps\nn\n")
        XCTAssertEqual(status, 1)
        XCTAssertEqual(s.cloud.clusters.map(\.name), ["hello"])
        XCTAssertTrue(out.stderr.hasSuffix("Do you want to continue (Y/n)?  Please enter 'y' or 'n':  \nERROR: (gcloud.container.clusters.delete) Aborted by user.\n"), out.stderr)
    }

    func testQuietSkipsAndNoReaderIsUnattended() {
        let s = ShellSession(cwd: FileManager.default.temporaryDirectory)
        XCTAssertEqual(s.runLine(create, output: Output()), 0)
        let out = Output()
        XCTAssertEqual(s.runLine("gcloud container clusters delete hello --zone us-central1-a", output: out), 1)
        XCTAssertTrue(out.stderr.hasSuffix("ERROR: (gcloud.container.clusters.delete) This prompt could not be answered because you are not in an interactive session.  You can re-run the command with the --quiet flag to accept default answers for all prompts.\n"), out.stderr)
        XCTAssertEqual(s.runLine("gcloud container clusters delete hello --zone us-central1-a --quiet", output: Output()), 0)
        XCTAssertTrue(s.cloud.clusters.isEmpty)
        XCTAssertNil(s.kubeconfig.currentContext)
    }

    func testPoolsAndResizeChangeTheNodes() {
        let s = ShellSession(cwd: FileManager.default.temporaryDirectory)
        XCTAssertEqual(s.runLine("gcloud container clusters create web --region us-central1 --num-nodes 1 --machine-type e2-standard-4", output: Output()), 0)
        let c = try! XCTUnwrap(s.currentCluster)
        XCTAssertEqual(c.nodeNames.count, 3)
        let node = try! c.api.get(c.registry.lookup(kind: "Node")!, namespace: nil, name: c.nodeNames[0])
        XCTAssertEqual(node["status"]?["capacity"]?["cpu"]?.stringValue, "4")
        XCTAssertEqual(s.runLine("gcloud container node-pools create extra --cluster web --region us-central1 --num-nodes 1", output: Output()), 0)
        XCTAssertEqual(c.nodeNames(pool: "extra").count, 3)
        // New nodes get the per-node system pods (kube-proxy's static pod, one pod of each system DaemonSet).
        let pods = c.api.list(c.registry.lookup(kind: "Pod")!, namespace: "kube-system")
        for n in c.nodeNames(pool: "extra") {
            XCTAssertTrue(pods.contains { $0.metadataName == "kube-proxy-\(n)" }, n)
            XCTAssertEqual(pods.filter { $0.metadataName.hasPrefix("fluentbit-gke-") && $0[path: "spec", "nodeName"]?.stringValue == n }.count, 1, n)
        }
        let fluentbit = try! c.api.get(c.registry.lookup(kind: "DaemonSet")!, namespace: "kube-system", name: "fluentbit-gke")
        XCTAssertEqual(fluentbit[path: "status", "desiredNumberScheduled"]?.intValue, 6)
        XCTAssertEqual(s.runLine("gcloud container clusters resize web --region us-central1 --num-nodes 2 --quiet", output: Output()), 0)
        let pool = c.nodeNames(pool: "default-pool")
        XCTAssertEqual(pool.count, 6)
        // A resize keeps each zone's instance group: names share the first node's group part per zone.
        XCTAssertEqual(Set(pool.map { $0.split(separator: "-")[4] }).count, 3, "\(pool)")
        XCTAssertEqual(s.runLine("gcloud container node-pools delete extra --cluster web --region us-central1 --quiet", output: Output()), 0)
        XCTAssertEqual(c.nodeNames.count, 6)
        XCTAssertEqual(s.runLine("gcloud container clusters resize web --region us-central1 --num-nodes 1 --quiet", output: Output()), 0)
        XCTAssertEqual(c.nodeNames.count, 3)
        let out = Output()
        XCTAssertEqual(s.runLine("gcloud compute instances list", output: out), 0)
        XCTAssertEqual(out.stdout.split(separator: "\n").count, 4, out.stdout)
        for n in c.nodeNames { XCTAssertTrue(out.stdout.contains(n), n) }
    }
}
