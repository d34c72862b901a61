import Foundation
import MiniCluster
import Shell
import XCTest

/// Controllers and the garbage collector react between commands, with no virtual time passing.
final class SettleTests: XCTestCase {
    func testGarbageCollectorRunsBetweenCommands() throws {
        let session = ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory)
        let cluster = try XCTUnwrap(session.currentCluster)
        let cm = try XCTUnwrap(cluster.registry.lookup(kind: "ConfigMap"))
        let owner = try cluster.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "owner"]], namespace: "default")
        try cluster.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": [
            "name": "dependent",
            "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": .string(owner.uid)]],
        ]], namespace: "default")
        try cluster.api.delete(cm, namespace: "default", name: "owner")
        let start = cluster.now
        // The delete above stands for a command; the collector reacts once that command is done.
        session.runLine("kubectl version --client", output: Output())
        let out = Output()
        session.runLine("kubectl get cm dependent", output: out)
        XCTAssertEqual(out.stderr, "Error from server (NotFound): configmaps \"dependent\" not found\n",
                       "the dependent is collected after the first command, before the next one")
        XCTAssertEqual(cluster.now, start, "settling does not move virtual time")
    }
}
