import MiniCluster
import XCTest

/// The nodes and kube-system workloads a new cluster starts with.
final class NodeBootstrapTests: XCTestCase {
    func nodes(_ c: Cluster) -> [Value] { c.api.list(c.registry.lookup(kind: "Node")!, namespace: nil) }

    func testDefaultClusterHasThreeGKENodesInOneZone() throws {
        let c = Cluster(options: .sandbox)
        let all = nodes(c)
        XCTAssertEqual(all.count, 3)
        let pattern = try NSRegularExpression(pattern: "^gke-kubetutor-default-pool-[0-9a-f]{8}-[a-z0-9]{4}$")
        for n in all {
            let name = n.metadataName
            XCTAssertNotNil(pattern.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)), name)
            XCTAssertEqual(n.labels["kubernetes.io/hostname"], name)
            XCTAssertEqual(n.labels["topology.kubernetes.io/zone"], "us-central1-a")
            XCTAssertEqual(n.labels["topology.kubernetes.io/region"], "us-central1")
            XCTAssertEqual(n.labels["node.kubernetes.io/instance-type"], "e2-medium")
            XCTAssertEqual(n.labels["cloud.google.com/gke-nodepool"], "default-pool")
            XCTAssertEqual(n[path: "status", "allocatable", "cpu"]?.stringValue, "940m")
            XCTAssertEqual(n[path: "status", "capacity", "cpu"]?.stringValue, "2")
            XCTAssertEqual(n[path: "status", "nodeInfo", "kubeletVersion"]?.stringValue, "v1.32.9-gke.1108000")
            let ready = n[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
            XCTAssertEqual(ready?["status"]?.stringValue, "True")
            XCTAssertEqual(n[path: "status", "addresses"]?.arrayValue?.first?["address"]?.stringValue?.hasPrefix("10.128.0."), true)
        }
        XCTAssertEqual(Set(all.compactMap { $0[path: "spec", "podCIDR"]?.stringValue }).count, 3)
        // One 8-hex instance group per zone.
        XCTAssertEqual(Set(all.map { $0.metadataName.split(separator: "-")[4] }).count, 1)
    }

    /// Bootstrap creates its objects as trusted (no validation pass, for start-up time). With validation forced on,
    /// every one of them passes it and the store ends up the same object for object, for the sandbox's cluster, a
    /// regional one, another seed, and nodes a resize adds later.
    func testBootstrapObjectsPassValidationAndAreStoredTheSame() {
        var regional = Cluster.Options.sandbox
        regional.makeRegional()
        regional.nodesPerZone = 2
        var seven = Cluster.Options.sandbox
        seven.seed = 7
        for base in [Cluster.Options.sandbox, regional, seven] {
            var checked = base
            checked.verifyBootstrapObjects = true
            let fast = Cluster(options: base), full = Cluster(options: checked)
            var pool = NodePoolShape()
            pool.name = "extra"
            pool.nodesPerZone = 1
            for c in [fast, full] {
                c.addNodes(pool)
                c.settle()
            }
            let types = fast.store.populatedTypes.sorted { $0.kind < $1.kind }
            XCTAssertEqual(types.map(\.kind), full.store.populatedTypes.sorted { $0.kind < $1.kind }.map(\.kind))
            XCTAssertGreaterThan(fast.store.count(fast.registry.lookup(kind: "Pod")!), 20)
            for t in types {
                let a = fast.store.list(t), b = full.store.list(t)
                XCTAssertEqual(a.count, b.count, t.kind)
                // The first difference only: everything after it differs in uid and resourceVersion too.
                if let (x, _) = zip(a, b).first(where: { $0 != $1 }) { XCTFail("\(t.kind) \(x.metadataName) is stored differently") }
            }
        }
    }

    func testSameSeedSameNodes() {
        XCTAssertEqual(nodes(Cluster(options: .sandbox)).map(\.metadataName), nodes(Cluster(options: .sandbox)).map(\.metadataName))
        var o = Cluster.Options.sandbox
        o.seed = 7
        XCTAssertNotEqual(nodes(Cluster(options: o)).map(\.metadataName), nodes(Cluster(options: .sandbox)).map(\.metadataName))
    }

    func testRegionalClusterSpreadsNodesOverThreeZones() {
        var o = Cluster.Options.sandbox
        o.makeRegional("europe-west1")
        o.nodesPerZone = 1
        let all = nodes(Cluster(options: o))
        XCTAssertEqual(all.count, 3)
        XCTAssertEqual(Set(all.compactMap { $0.labels["topology.kubernetes.io/zone"] }), ["europe-west1-a", "europe-west1-b", "europe-west1-c"])
    }

    func testMachineTypeReservations() {
        XCTAssertEqual(MachineType.named("e2-medium").allocatableMilliCPU, 940)
        XCTAssertEqual(MachineType.named("e2-standard-4").allocatableMilliCPU, 3920)
        XCTAssertEqual(MachineType.named("e2-standard-2").allocatableMilliCPU, 1930)
    }

    func testKubeSystemWorkloadsRunOnTheNodes() throws {
        let c = Cluster(options: .sandbox)
        let pods = c.api.list(c.registry.lookup(kind: "Pod")!, namespace: "kube-system")
        let names = Set(c.nodeNames)
        XCTAssertTrue(pods.allSatisfy { names.contains($0[path: "spec", "nodeName"]?.stringValue ?? "") })
        XCTAssertTrue(pods.allSatisfy { $0[path: "status", "phase"]?.stringValue == "Running" })
        XCTAssertEqual(pods.filter { $0.metadataName.hasPrefix("kube-proxy-gke-") }.count, 3)
        XCTAssertEqual(pods.filter { $0.metadataName.hasPrefix("fluentbit-gke-") }.count, 3)
        let dns = pods.filter { $0.metadataName.hasPrefix("kube-dns-") && !$0.metadataName.hasPrefix("kube-dns-autoscaler") }
        XCTAssertEqual(dns.count, 2)
        XCTAssertEqual(Set(dns.compactMap { $0[path: "spec", "nodeName"]?.stringValue }).count, 2, "kube-dns replicas spread")
        XCTAssertTrue(c.api.list(c.registry.lookup(kind: "Pod")!, namespace: "default").isEmpty)
        let svc = try c.api.get(c.registry.lookup(kind: "Service")!, namespace: "kube-system", name: "kube-dns")
        XCTAssertEqual(svc[path: "spec", "clusterIP"]?.stringValue, "34.118.224.10")
    }
}
