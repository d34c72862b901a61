import MiniCluster
import TestSupport
import XCTest

/// NetworkPolicies enforced by the simulated network: requests between pods, through a Service (judged at the
/// backend after DNAT), DNS lookups under egress isolation, and clusters that do not enforce.
final class NetworkPolicyNetworkTests: XCTestCase {
    private let dir = HostnameDirectory()

    private func fixture() throws -> ServiceFixture {
        let f = ServiceFixture()
        f.cluster.network.containers = dir
        try f.pod("web-1", labels: ["app": "web"], ip: "10.8.0.5", containerPorts: [["name": "http", "containerPort": 8080]])
        dir.processes["web-1"] = HostnameProcess(pod: "web-1", ports: [8080])
        try f.pod("client", labels: ["app": "client"], ip: "10.8.0.20")
        try f.pod("front", labels: ["role": "frontend"], ip: "10.8.0.21")
        try f.service("web")
        return f
    }

    private func policy(_ f: ServiceFixture, _ name: String, _ spec: Value) throws {
        let t = try XCTUnwrap(f.cluster.registry.lookup(kind: "NetworkPolicy"))
        try f.api.create(t, ["apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": ["name": .string(name)],
                             "spec": spec], namespace: "default")
    }

    private func get(_ f: ServiceFixture, _ host: String, _ port: Int = 80, from source: String?) -> String {
        let ns: String? = source == nil ? nil : "default"
        switch f.cluster.network.send(HTTPRequest(host: host, port: port), fromNamespace: ns, sourceIP: source, now: f.cluster.now) {
        case .success(let r): return "\(r.status)"
        case .failure(let e): return "\(e)"
        }
    }

    private let client = "10.8.0.20", front = "10.8.0.21"

    func testDefaultDenyThenAllowOneLabel() throws {
        let f = try fixture()
        XCTAssertEqual(get(f, "web", from: client), "200", "no policy: everything reaches everything")
        try policy(f, "default-deny-ingress", ["podSelector": .emptyObject])
        XCTAssertEqual(get(f, "web", from: client), "timedOut", "isolated: the packet is dropped, the client waits")
        XCTAssertEqual(get(f, "web", from: front), "timedOut")
        XCTAssertEqual(get(f, "10.8.0.5", 8080, from: front), "timedOut", "straight to the pod IP as well")
        try policy(f, "allow-frontend", ["podSelector": ["matchLabels": ["app": "web"]],
                                         "ingress": [["from": [["podSelector": ["matchLabels": ["role": "frontend"]]]]]]])
        XCTAssertEqual(get(f, "web", from: front), "200", "the labelled client gets through the Service")
        XCTAssertEqual(get(f, "10.8.0.5", 8080, from: front), "200", "and to the pod IP")
        XCTAssertEqual(get(f, "web", from: client), "timedOut", "the other client still times out")
        XCTAssertEqual(get(f, "web.default.svc.cluster.local", from: client), "timedOut")
    }

    func testPortsAreJudgedAfterTheServiceTranslatesThem() throws {
        let f = try fixture()
        try policy(f, "svc-port", ["podSelector": .emptyObject, "ingress": [["ports": [["port": 80]]]]])
        XCTAssertEqual(get(f, "web", from: client), "timedOut", "the service port 80 means nothing to the pod on 8080")
        try policy(f, "pod-port", ["podSelector": .emptyObject, "ingress": [["ports": [["port": "http"]]]]])
        XCTAssertEqual(get(f, "web", from: client), "200", "the named container port 8080 is what the backend sees")
    }

    func testNamespaceSelectorAndOutsideTraffic() throws {
        let f = try fixture()
        try policy(f, "from-default", ["podSelector": .emptyObject, "ingress": [["from": [
            ["namespaceSelector": ["matchLabels": ["kubernetes.io/metadata.name": "default"]]]]]]])
        XCTAssertEqual(get(f, "web", from: client), "200", "every pod of a namespace matched by its name label")
        try f.service("web-lb", type: "LoadBalancer")
        f.cluster.advance(by: .seconds(90))
        let lb = try f.externalIPCell("web-lb")
        XCTAssertEqual(get(f, lb, from: nil), "timedOut", "the learner's machine is no pod of the namespace")
        try policy(f, "from-anywhere", ["podSelector": .emptyObject, "ingress": [["from": [["ipBlock": ["cidr": "0.0.0.0/0"]]]]]])
        XCTAssertEqual(get(f, lb, from: nil), "200", "an ipBlock covering every address lets it in")
    }

    func testEgressAndDNS() throws {
        let f = try fixture()
        let clusterIP = try XCTUnwrap(f.api.get(f.svcType, namespace: "default", name: "web")[path: "spec", "clusterIP"]?.stringValue)
        try policy(f, "front-egress", ["podSelector": ["matchLabels": ["role": "frontend"]], "policyTypes": ["Egress"]])
        XCTAssertEqual(get(f, "web", from: front), "unknownHost(\"web\")", "DNS queries are dropped too: no name resolves")
        XCTAssertEqual(get(f, clusterIP, from: front), "timedOut", "an address needs no DNS, but the packet is dropped")
        XCTAssertEqual(get(f, "web", from: client), "200", "other pods are not isolated")
        XCTAssertFalse(f.cluster.network.dnsAnswers(toPodIP: front))
        try policy(f, "front-dns", ["podSelector": ["matchLabels": ["role": "frontend"]], "policyTypes": ["Egress"],
                                    "egress": [["to": [["ipBlock": ["cidr": "34.118.224.10/32"]]], "ports": [["port": 53, "protocol": "UDP"]]]]])
        XCTAssertTrue(f.cluster.network.dnsAnswers(toPodIP: front))
        XCTAssertEqual(get(f, "web", from: front), "timedOut", "the name resolves now; the connection is still dropped")
        try policy(f, "front-web", ["podSelector": ["matchLabels": ["role": "frontend"]], "policyTypes": ["Egress"],
                                    "egress": [["to": [["podSelector": ["matchLabels": ["app": "web"]]]]]]])
        XCTAssertEqual(get(f, "web", from: front), "200")
    }

    func testAClusterWithoutEnforcementIgnoresPolicies() throws {
        let f = try fixture()
        try policy(f, "default-deny-ingress", ["podSelector": .emptyObject])
        f.cluster.network.enforcesNetworkPolicy = false
        XCTAssertEqual(get(f, "web", from: client), "200")
        f.cluster.network.enforcesNetworkPolicy = true
        XCTAssertEqual(get(f, "web", from: client), "timedOut")
    }

    func testDefaultingFillsPolicyTypes() throws {
        let f = try fixture()
        try policy(f, "eg", ["podSelector": .emptyObject, "egress": [.emptyObject]])
        let t = try XCTUnwrap(f.cluster.registry.lookup(kind: "NetworkPolicy"))
        let p = try f.api.get(t, namespace: "default", name: "eg")
        XCTAssertEqual(p[path: "spec", "policyTypes"], ["Ingress", "Egress"])
        XCTAssertEqual(get(f, "web", from: client), "timedOut", "Ingress is isolated too, with no ingress rule")
    }
}
