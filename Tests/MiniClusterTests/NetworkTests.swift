import MiniCluster
import TestSupport
import XCTest

final class NetworkTests: XCTestCase {
    /// The network does not keep the directory alive (the kubelets own theirs); the test keeps it alive.
    private let dir = HostnameDirectory()

    private func fixture() throws -> (ServiceFixture, HostnameDirectory) {
        let f = ServiceFixture()
        f.cluster.network.containers = dir
        for (name, ip) in [("web-1", "10.8.0.5"), ("web-2", "10.8.1.7"), ("web-3", "10.8.2.9")] {
            try f.pod(name, ip: ip)
            dir.processes[name] = HostnameProcess(pod: name, ports: [8080])
        }
        return (f, dir)
    }

    private func get(_ f: ServiceFixture, _ host: String, _ port: Int, from ns: String? = "default", source: String? = nil) -> String {
        switch f.cluster.network.send(HTTPRequest(host: host, port: port), fromNamespace: ns, sourceIP: source, now: f.cluster.now) {
        case .success(let r): return "\(r.status) \(r.body.trimmingCharacters(in: .newlines))"
        case .failure(let e): return "\(e)"
        }
    }

    func testDNSNamesFromAPod() throws {
        let f = ServiceFixture()
        let web = try f.service("web")
        let ip = web[path: "spec", "clusterIP"]?.stringValue
        try f.api.create(f.cluster.registry.lookup(kind: "Namespace")!, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "other"]], namespace: nil)
        try f.service("hl", spec: ["clusterIP": "None"])
        try f.pod("a", ip: "10.8.0.5")
        try f.pod("b", ip: "10.8.0.6", ready: false)
        try f.pod("named", labels: ["app": "web"], ip: "10.8.0.7", spec: ["hostname": "db-0", "subdomain": "hl"])
        try f.service("alias", selector: nil, ports: [], type: "ExternalName", spec: ["externalName": "web.default.svc.cluster.local"])
        let n = f.cluster.network
        let cases: [(String, String?, [String])] = [
            ("web", "default", [ip ?? "?"]),
            ("web.default", "default", [ip ?? "?"]),
            ("web.default", "other", [ip ?? "?"]),
            ("web", "other", []),
            ("web.default.svc", "other", [ip ?? "?"]),
            ("web.default.svc.cluster.local", "other", [ip ?? "?"]),
            ("web.default.svc.cluster.local.", "other", [ip ?? "?"]),
            ("WEB.default", "other", [ip ?? "?"]),
            ("kubernetes.default", "other", ["34.118.224.1"]),
            ("hl", "default", ["10.8.0.5", "10.8.0.7"]),
            ("db-0.hl.default.svc.cluster.local", "kube-system", ["10.8.0.7"]),
            ("db-0.hl", "default", ["10.8.0.7"]),
            ("10-8-0-6.default.pod.cluster.local", "default", ["10.8.0.6"]),
            ("alias", "default", [ip ?? "?"]),
            ("nosuch", "default", []),
            ("web", nil, []),
            ("34.1.2.3", nil, ["34.1.2.3"]),
        ]
        for (host, ns, want) in cases {
            XCTAssertEqual(n.resolveAll(host, fromNamespace: ns), want, "\(host) from \(ns ?? "outside")")
        }
    }

    func testRequestsThroughAClusterIPSpreadOverReadyPods() throws {
        let (f, _) = try fixture()
        let svc = try f.service("web")
        let ip = svc[path: "spec", "clusterIP"]?.stringValue ?? ""
        try f.setReady("web-3", false)
        var seen: [String: Int] = [:]
        for _ in 0..<30 { seen[get(f, "web", 80), default: 0] += 1 }
        XCTAssertEqual(Set(seen.keys), ["200 Hostname: web-1", "200 Hostname: web-2"], "not-ready web-3 gets nothing")
        XCTAssertTrue(seen.values.allSatisfy { $0 > 5 }, "\(seen)")
        XCTAssertEqual(get(f, ip, 80).prefix(3), "200")
        XCTAssertEqual(get(f, ip, 81), "timedOut", "no rule for that port: the packet goes nowhere")
        XCTAssertEqual(get(f, ip, 80, from: nil), "timedOut", "cluster IPs are not reachable from outside")
        XCTAssertEqual(get(f, "nosuch", 80), "unknownHost(\"nosuch\")")
    }

    func testNoReadyEndpointsIsRefused() throws {
        let (f, _) = try fixture()
        try f.service("web", selector: ["app": "nothing"])
        XCTAssertEqual(get(f, "web", 80), "connectionRefused")
    }

    func testPodIPsDirectlyAndLocalhost() throws {
        let (f, _) = try fixture()
        XCTAssertEqual(get(f, "10.8.0.5", 8080), "200 Hostname: web-1")
        XCTAssertEqual(get(f, "10.8.0.5", 80), "connectionRefused", "nothing listens on 80")
        XCTAssertEqual(get(f, "10.8.0.5", 8080, from: nil), "timedOut", "pod IPs are private to the VPC")
        XCTAssertEqual(get(f, "localhost", 8080, source: "10.8.1.7"), "200 Hostname: web-2")
        XCTAssertEqual(get(f, "10.99.0.1", 80), "timedOut")
    }

    func testLoadBalancerIPFromOutside() throws {
        let (f, _) = try fixture()
        try f.service("web", type: "LoadBalancer")
        f.cluster.advance(by: .minutes(1))
        let ip = try f.externalIPCell("web")
        var seen = Set<String>()
        for _ in 0..<30 { seen.insert(get(f, ip, 80, from: nil)) }
        XCTAssertEqual(seen, ["200 Hostname: web-1", "200 Hostname: web-2", "200 Hostname: web-3"])
        XCTAssertEqual(get(f, ip, 8080, from: nil), "timedOut", "the forwarding rule only has port 80")
    }

    func testNodePortOnANode() throws {
        let (f, _) = try fixture()
        let node = f.cluster.registry.lookup(kind: "Node")!
        if (try? f.api.get(node, namespace: nil, name: "node-a")) == nil {
            try f.api.create(node, ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-a"]], namespace: nil)
            try f.api.updateStatus(node, namespace: nil, name: "node-a", status: ["addresses": [
                ["type": "InternalIP", "address": "10.128.0.2"], ["type": "ExternalIP", "address": "34.70.1.2"]]])
        }
        let svc = try f.service("web", type: "NodePort")
        let nodePort = svc[path: "spec", "ports"]?[0]?["nodePort"]?.intValue ?? 0
        XCTAssertEqual(get(f, "34.70.1.2", nodePort, from: nil).prefix(3), "200")
        XCTAssertEqual(get(f, "10.128.0.2", nodePort).prefix(3), "200")
        XCTAssertEqual(get(f, "10.128.0.2", nodePort, from: nil), "timedOut", "internal IPs are not reachable from outside")
        XCTAssertEqual(get(f, "34.70.1.2", 30000 + (nodePort - 30000 + 1) % 2768, from: nil), "connectionRefused")
    }

    func testSessionAffinityClientIP() throws {
        let (f, _) = try fixture()
        try f.service("web", spec: ["sessionAffinity": "ClientIP"])
        let first = get(f, "web", 80, source: "10.8.3.3")
        for _ in 0..<10 { XCTAssertEqual(get(f, "web", 80, source: "10.8.3.3"), first) }
    }
}
