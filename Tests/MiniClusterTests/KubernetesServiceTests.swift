import MiniCluster
import XCTest

/// The control plane puts its `kubernetes` Service back after a deletion (`kubectl delete all --all`).
final class KubernetesServiceTests: XCTestCase {
    func testDeletedKubernetesServiceComesBackWithItsAddress() throws {
        let cluster = Cluster()
        let svc = cluster.registry.lookup(kind: "Service")!
        let before = try cluster.api.get(svc, namespace: "default", name: "kubernetes")
        _ = try cluster.api.delete(svc, namespace: "default", name: "kubernetes")
        cluster.advance(by: .seconds(5))
        XCTAssertNil((try? cluster.api.get(svc, namespace: "default", name: "kubernetes"))?.metadataName, "gone until the next pass")
        cluster.advance(by: .seconds(5))
        let after = try cluster.api.get(svc, namespace: "default", name: "kubernetes")
        XCTAssertNotEqual(after.uid, before.uid)
        XCTAssertEqual(after[path: "spec", "clusterIP"], before[path: "spec", "clusterIP"])
        XCTAssertEqual(after[path: "spec", "ports"], before[path: "spec", "ports"])
        XCTAssertEqual(after.labels, before.labels)
    }
}
