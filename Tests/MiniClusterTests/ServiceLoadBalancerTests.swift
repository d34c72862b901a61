import MiniCluster
import XCTest

/// The load-balancer controller: `<pending>`, then a GCP-looking external IP with GKE's events.
final class ServiceLoadBalancerTests: XCTestCase {
    func testPendingThenExternalIPWithEvents() throws {
        let f = ServiceFixture()
        try f.service("web", type: "LoadBalancer")
        XCTAssertEqual(try f.externalIPCell("web"), "<pending>")
        XCTAssertEqual(f.events(about: "web"), ["EnsuringLoadBalancer Ensuring load balancer"])
        let svc = try f.api.get(f.svcType, namespace: "default", name: "web")
        XCTAssertEqual(svc.finalizers, ["service.kubernetes.io/load-balancer-cleanup"])
        f.cluster.advance(by: .seconds(30))
        XCTAssertEqual(try f.externalIPCell("web"), "<pending>", "provisioning takes longer than 30 s")
        f.cluster.advance(by: .seconds(30))
        let ip = try f.externalIPCell("web")
        XCTAssertTrue(ip.hasPrefix("34.") || ip.hasPrefix("35."), ip)
        let ingress = try f.api.get(f.svcType, namespace: "default", name: "web")[path: "status", "loadBalancer", "ingress"]
        XCTAssertEqual(ingress, [["ip": .string(ip), "ipMode": "VIP"]])
        XCTAssertEqual(f.events(about: "web"), ["EnsuringLoadBalancer Ensuring load balancer", "EnsuredLoadBalancer Ensured load balancer"])
    }

    func testSameSeedSameAddressesDifferentSeedDifferent() throws {
        func ip(_ seed: UInt64) throws -> String {
            let f = ServiceFixture(seed: seed)
            try f.service("web", type: "LoadBalancer")
            f.cluster.advance(by: .minutes(2))
            return try f.externalIPCell("web")
        }
        XCTAssertEqual(try ip(7), try ip(7))
        XCTAssertNotEqual(try ip(7), try ip(8))
    }

    func testLeavingTypeLoadBalancerReleasesIt() throws {
        let f = ServiceFixture()
        try f.service("web", type: "LoadBalancer")
        f.cluster.advance(by: .minutes(1))
        var svc = try f.api.get(f.svcType, namespace: "default", name: "web")
        svc[path: "spec", "type"] = "ClusterIP"
        svc.remove(path: ["spec", "externalTrafficPolicy"])
        svc.remove(path: ["spec", "allocateLoadBalancerNodePorts"])
        svc[path: "spec", "ports"] = [["port": 80, "targetPort": 8080, "protocol": "TCP"]]
        try f.api.update(f.svcType, svc, namespace: "default")
        f.settle()
        let after = try f.api.get(f.svcType, namespace: "default", name: "web")
        XCTAssertEqual(after[path: "status", "loadBalancer"], .emptyObject)
        XCTAssertEqual(after.finalizers, [])
        XCTAssertEqual(Array(f.events(about: "web").suffix(2)), ["DeletingLoadBalancer Deleting load balancer", "DeletedLoadBalancer Deleted load balancer"])
        XCTAssertEqual(try f.externalIPCell("web"), "<none>")
    }

    func testDeletingALoadBalancerServiceFinishesOnTheNextSettle() throws {
        let f = ServiceFixture()
        try f.service("web", type: "LoadBalancer")
        f.cluster.advance(by: .minutes(1))
        try f.api.delete(f.svcType, namespace: "default", name: "web")
        XCTAssertNotNil(try? f.api.get(f.svcType, namespace: "default", name: "web"), "held by the cleanup finalizer")
        f.settle()
        XCTAssertNil(try? f.api.get(f.svcType, namespace: "default", name: "web"))
        XCTAssertEqual(Array(f.events(about: "web").suffix(2)), ["DeletingLoadBalancer Deleting load balancer", "DeletedLoadBalancer Deleted load balancer"])
    }

    func testExternalNameAndHeadlessColumns() throws {
        let f = ServiceFixture()
        try f.service("db", selector: nil, ports: [], type: "ExternalName", spec: ["externalName": "db.example.com"])
        XCTAssertEqual(try f.externalIPCell("db"), "db.example.com")
        try f.service("hl", spec: ["clusterIP": "None"])
        let hl = try f.api.get(f.svcType, namespace: "default", name: "hl")
        XCTAssertEqual(Tables.spec(for: f.svcType).cells(hl, f.cluster.now)[2], "None")
    }
}
