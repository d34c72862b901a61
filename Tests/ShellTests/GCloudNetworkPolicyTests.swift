import Foundation
import MiniCluster
import Shell
import XCTest

/// Which clusters enforce NetworkPolicies: sandbox and lesson clusters always; clusters made with gcloud only with
/// `--enable-network-policy` or `--enable-dataplane-v2`, and from the moment an update turns the former on.
final class GCloudNetworkPolicyTests: XCTestCase {
    private func run(_ s: ShellSession, _ line: String) { XCTAssertEqual(s.runLine(line, output: Output()), 0, line) }

    func testEnforcementFollowsTheClusterFlags() {
        XCTAssertEqual(ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory).currentCluster?.network.enforcesNetworkPolicy, true)
        let s = ShellSession(cwd: FileManager.default.temporaryDirectory)
        run(s, "gcloud container clusters create plain --zone us-central1-a --num-nodes 1 --quiet")
        XCTAssertEqual(s.currentCluster?.network.enforcesNetworkPolicy, false, "no flag: policies are stored, not enforced")
        run(s, "gcloud container clusters update plain --zone us-central1-a --enable-network-policy --quiet")
        XCTAssertEqual(s.currentCluster?.network.enforcesNetworkPolicy, true)
        run(s, "gcloud container clusters create calico --zone us-central1-a --num-nodes 1 --enable-network-policy --quiet")
        XCTAssertEqual(s.currentCluster?.network.enforcesNetworkPolicy, true)
        run(s, "gcloud container clusters create dpv2 --zone us-central1-a --num-nodes 1 --enable-dataplane-v2 --quiet")
        XCTAssertEqual(s.currentCluster?.network.enforcesNetworkPolicy, true)
    }
}
