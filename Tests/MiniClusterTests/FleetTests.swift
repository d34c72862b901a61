@testable import MiniCluster
import XCTest

/// A fleet of two clusters with Multi Cluster Ingress: registration, the CRDs appearing only in the config cluster
/// once the feature is on, derived Services (namespace sameness), the VIP after the provisioning delay, and routing to
/// the nearest member with ready pods, failing over to the next.
final class FleetTests: XCTestCase {
    func cluster(_ name: String, zone: String, seed: UInt64) -> Cluster {
        var o = Cluster.Options()
        o.name = name; o.seed = seed; o.zones = [zone]; o.nodesPerZone = 1; o.systemWorkloads = false
        return Cluster(options: o)
    }

    let mcs: Value = [
        "apiVersion": "networking.gke.io/v1", "kind": "MultiClusterService",
        "metadata": ["name": "hello-mcs", "namespace": "default"],
        "spec": ["template": ["spec": ["selector": ["app": "hello"],
                                       "ports": [["name": "web", "protocol": "TCP", "port": 8080, "targetPort": 8080]]]]],
    ]
    let mci: Value = [
        "apiVersion": "networking.gke.io/v1", "kind": "MultiClusterIngress",
        "metadata": ["name": "hello-ingress", "namespace": "default"],
        "spec": ["template": ["spec": ["backend": ["serviceName": "hello-mcs", "servicePort": 8080]]]],
    ]

    func deployment(_ replicas: Int, image: String) -> Value {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "hello"],
         "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": "hello"]],
                  "template": ["metadata": ["labels": ["app": "hello"]],
                               "spec": ["containers": [["name": "hello", "image": .string(image)]]]]]]
    }

    /// Two clusters (us-central1 nearest the client, europe-west1 farther), registered, feature on in `us`.
    func fleet() -> (Fleet, Cluster, Cluster) {
        let us = cluster("gke-us", zone: "us-central1-a", seed: 11), eu = cluster("gke-eu", zone: "europe-west1-b", seed: 22)
        let f = Fleet(project: "p")
        // Registered in name order the other way round, so routing order cannot come from registration order.
        f.register(name: "gke-eu", cluster: eu, clusterName: "gke-eu", clusterLocation: "europe-west1-b", workloadIdentity: true, now: eu.now)
        f.register(name: "gke-us", cluster: us, clusterName: "gke-us", clusterLocation: "us-central1-a", workloadIdentity: true, now: us.now)
        return (f, us, eu)
    }

    func advance(_ cs: [Cluster], _ d: Duration) { for c in cs { c.advance(by: d) } }

    func get(_ f: Fleet, vip: String, _ url: String = "/") -> (Int, String) {
        switch f.send(HTTPRequest(host: vip, port: 80, path: url), to: vip) {
        case .success(let r)?: return (r.status, r.body)
        case .failure(let e)?: return (0, "\(e)")
        case nil: return (-1, "no such VIP")
        }
    }

    func testRegistrationGivesStableIDsAndRegionLocations() {
        let (f, us, _) = fleet()
        XCTAssertEqual(f.memberships.map(\.location), ["europe-west1", "us-central1"])
        XCTAssertEqual(f.membership(of: us)?.name, "gke-us")
        XCTAssertEqual(f.membership(named: "gke-us")?.resourceName, "projects/p/locations/us-central1/memberships/gke-us")
        XCTAssertEqual(fleet().0.membership(named: "gke-us")?.uniqueID, f.membership(named: "gke-us")?.uniqueID)
        XCTAssertEqual(f.membersByDistance().map(\.name), ["gke-us", "gke-eu"])
    }

    func testDistanceRanksRegionThenContinent() {
        let cases: [(String, String, Int)] = [
            ("us-central1", "us-central1", 0), ("us-central1", "us-east1", 1), ("us-central1", "northamerica-northeast1", 1),
            ("us-central1", "europe-west1", 2), ("europe-west1", "europe-north1", 1), ("asia-east1", "australia-southeast1", 1),
        ]
        for (a, b, d) in cases { XCTAssertEqual(Fleet.distance(a, b), d, "\(a) → \(b)") }
    }

    func testCRDsExistOnlyInTheConfigClusterOnceEnabled() throws {
        let (f, us, eu) = fleet()
        XCTAssertNil(us.registry.lookup(apiVersion: "networking.gke.io/v1", kind: "MultiClusterIngress"))
        XCTAssertNil(us.registry.lookup("mcs"), "kubectl finds no such kind before the feature is on")
        f.enableIngress(configMembership: "gke-us", now: us.now)
        XCTAssertNotNil(us.registry.lookup("mci"))
        XCTAssertNotNil(us.registry.lookup("multiclusterservices.networking.gke.io"))
        XCTAssertNil(eu.registry.lookup("mci"), "only the config cluster serves the CRDs")
        XCTAssertNoThrow(try us.api.create(MultiClusterKinds.service, mcs, namespace: "default"))
        var bad = mci
        bad[path: "spec", "template", "spec", "backend", "serviceName"] = nil
        XCTAssertThrowsError(try us.api.create(MultiClusterKinds.ingress, bad, namespace: "default")) { e in
            XCTAssertTrue("\(e)".contains("spec.template.spec.backend.serviceName"), "\(e)")
        }
    }

    func testDerivedServicesFollowNamespaceSameness() throws {
        let (f, us, eu) = fleet()
        f.enableIngress(configMembership: "gke-us", now: us.now)
        var shop = mcs
        shop[path: "metadata", "namespace"] = "shop"
        let ns = us.registry.lookup(kind: "Namespace")!
        _ = try us.api.create(ns, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop"]], namespace: nil)
        _ = try us.api.create(MultiClusterKinds.service, shop, namespace: "shop")
        advance([us, eu], .seconds(1))
        let derived = Fleet.derivedServiceName(namespace: "shop", name: "hello-mcs")
        XCTAssertTrue(derived.hasPrefix("mci-hello-mcs-svc-") && derived.count == "mci-hello-mcs-svc-".count + 16)
        let svc = us.registry.lookup(kind: "Service")!
        let made = try us.api.get(svc, namespace: "shop", name: derived)
        XCTAssertEqual(made[path: "spec", "clusterIP"]?.stringValue, "None")
        XCTAssertEqual(made[path: "spec", "selector", "app"]?.stringValue, "hello")
        XCTAssertNil(try? eu.api.get(svc, namespace: "shop", name: derived), "eu has no namespace shop yet")
        _ = try eu.api.create(ns, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop"]], namespace: nil)
        advance([us, eu], .seconds(31))
        XCTAssertNotNil(try? eu.api.get(svc, namespace: "shop", name: derived), "the retry finds the new namespace")
        XCTAssertEqual(try us.api.get(MultiClusterKinds.service, namespace: "shop", name: "hello-mcs").finalizers, ["mcs.finalizer.networking.gke.io"])
        try us.api.delete(MultiClusterKinds.service, namespace: "shop", name: "hello-mcs")
        advance([us, eu], .seconds(1))
        XCTAssertNil(try? eu.api.get(svc, namespace: "shop", name: derived), "deleting the MCS removes its derived Services")
        XCTAssertNil(try? us.api.get(MultiClusterKinds.service, namespace: "shop", name: "hello-mcs"), "then its finalizer goes")
    }

    func testVIPAfterProvisioningThenNearestReadyMemberServes() throws {
        let (f, us, eu) = fleet()
        let deploy = us.registry.lookup(kind: "Deployment")!
        _ = try us.api.create(deploy, deployment(2, image: "gcr.io/google-samples/hello-app:1.0"), namespace: "default")
        _ = try eu.api.create(deploy, deployment(2, image: "gcr.io/google-samples/hello-app:2.0"), namespace: "default")
        f.enableIngress(configMembership: "gke-us", now: us.now)
        _ = try us.api.create(MultiClusterKinds.service, mcs, namespace: "default")
        _ = try us.api.create(MultiClusterKinds.ingress, mci, namespace: "default")
        advance([us, eu], .seconds(179))
        let early = try us.api.get(MultiClusterKinds.ingress, namespace: "default", name: "hello-ingress")
        XCTAssertNil(early[path: "status", "VIP"], "the load balancer is still being built")
        advance([us, eu], .seconds(1))
        let done = try us.api.get(MultiClusterKinds.ingress, namespace: "default", name: "hello-ingress")
        let vip = try XCTUnwrap(done[path: "status", "VIP"]?.stringValue)
        XCTAssertTrue(vip.hasPrefix("34."))
        XCTAssertEqual(done[path: "status", "CloudResources", "NetworkEndpointGroups"]?.arrayValue?.count, 2)
        XCTAssertEqual(f.readyBackends(namespace: "default", service: "hello-mcs"), ["gke-us": 2, "gke-eu": 2])

        XCTAssertEqual(get(f, vip: "34.0.0.1").0, -1, "another address is not the fleet's")
        XCTAssertTrue(get(f, vip: vip).1.contains("Version: 1.0.0"), "us-central1 is nearest")
        XCTAssertEqual(f.send(HTTPRequest(host: vip, port: 443), to: vip).map { "\($0)" }, "failure(MiniCluster.NetworkError.timedOut)")

        var scaled = try us.api.get(deploy, namespace: "default", name: "hello")
        scaled[path: "spec", "replicas"] = 0
        _ = try us.api.update(deploy, scaled, namespace: "default")
        advance([us, eu], .seconds(40))
        XCTAssertEqual(f.readyBackends(namespace: "default", service: "hello-mcs")["gke-us"], 0)
        XCTAssertTrue(get(f, vip: vip).1.contains("Version: 2.0.0"), "fails over to europe-west1")

        var gone = try eu.api.get(deploy, namespace: "default", name: "hello")
        gone[path: "spec", "replicas"] = 0
        _ = try eu.api.update(deploy, gone, namespace: "default")
        advance([us, eu], .seconds(40))
        XCTAssertEqual(get(f, vip: vip).0, 502, "no ready backend anywhere: the Google Front End's 502")

        var back = try eu.api.get(deploy, namespace: "default", name: "hello")
        back[path: "spec", "replicas"] = 1
        _ = try eu.api.update(deploy, back, namespace: "default")
        advance([us, eu], .seconds(40))
        XCTAssertTrue(get(f, vip: vip).1.contains("Version: 2.0.0"))
        f.clusterDeleted(eu)
        XCTAssertEqual(f.membership(named: "gke-eu")?.clusterMissing, true, "the membership stays, marked")
        XCTAssertEqual(get(f, vip: vip).0, 502, "a deleted cluster's pods serve nothing")
        f.clusterDeleted(us)
        XCTAssertEqual(get(f, vip: vip).0, -1, "without the config cluster there is no MultiClusterIngress")
    }

    func testNEGNamesFitIn63Characters() {
        // The proportional trim ingress-gce applies: 11/36/3 characters over a budget of 38 become 9/27/2.
        XCTAssertEqual(MultiClusterIngressController.trimFieldsEvenly(38, ["asm-ingress", "mci-mcs-service-svc-k7qwrn5abcdefghi", "443"]),
                       ["asm-ingre", "mci-mcs-service-svc-k7qwrn5", "44"])
        XCTAssertEqual(MultiClusterIngressController.trimFieldsEvenly(38, ["default", "web", "80"]), ["default", "web", "80"])
        let name = MultiClusterIngressController.negName(cluster: "uid", "default", Fleet.derivedServiceName(namespace: "default", name: "hello-mcs"), "8080")
        XCTAssertEqual(name.count, 63)
        XCTAssertTrue(name.hasPrefix("k8s1-") && name.contains("-defaul-mci-hello-mcs-svc-"), name)
    }

    func testURLMapFromTheMCITemplate() {
        let spec: Value = ["template": ["spec": [
            "backend": ["serviceName": "default-mcs", "servicePort": 80],
            "rules": [["host": "shop.example.com", "http": ["paths": [["path": "/cart", "backend": ["serviceName": "cart", "servicePort": "web"]]]]]],
        ]]]
        let m: Value = ["metadata": ["name": "x"], "spec": spec]
        XCTAssertEqual(MultiClusterRouting.backends(of: m).map(\.service), ["default-mcs", "cart"])
        let ing = MultiClusterRouting.asIngress(m)
        let cases: [(String, String, String)] = [("shop.example.com", "/cart", "cart"), ("shop.example.com", "/", "default-mcs"),
                                                 ("other", "/cart", "default-mcs")]
        for (host, path, want) in cases {
            guard case .backend(let b) = IngressRouting.route(ing, host: host, path: path) else { return XCTFail("no backend for \(host)\(path)") }
            XCTAssertEqual(b.service, want, "\(host)\(path)")
        }
        guard case .backend(let named) = IngressRouting.route(ing, host: "shop.example.com", path: "/cart") else { return XCTFail() }
        XCTAssertEqual(named.port, .name("web"))
    }
}
