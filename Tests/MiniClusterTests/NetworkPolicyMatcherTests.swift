@testable import MiniCluster
import XCTest

/// Table tests of NetworkPolicy semantics: which pods a policy selects and isolates, and what each kind of peer and
/// port entry lets through.
final class NetworkPolicyMatcherTests: XCTestCase {
    private func pod(_ name: String, ns: String = "default", labels: [String: String], ip: String,
                     ports: Value = [["name": "http", "containerPort": 8080, "protocol": "TCP"]], hostNetwork: Bool = false) -> Value {
        var spec: Value = ["containers": [["name": "app", "image": "nginx", "ports": ports]]]
        if hostNetwork { spec["hostNetwork"] = true }
        return ["apiVersion": "v1", "kind": "Pod",
                "metadata": ["name": .string(name), "namespace": .string(ns), "labels": Value(stringMap: labels)],
                "spec": spec, "status": ["phase": "Running", "podIP": .string(ip)]]
    }

    private func policy(_ name: String, ns: String = "default", select: [String: String] = [:], types: [String] = ["Ingress"],
                        ingress: [Value]? = nil, egress: [Value]? = nil) -> Value {
        var spec: Value = ["podSelector": select.isEmpty ? .emptyObject : ["matchLabels": Value(stringMap: select)],
                           "policyTypes": .array(types.map { .string($0) })]
        if let ingress { spec["ingress"] = .array(ingress) }
        if let egress { spec["egress"] = .array(egress) }
        return ["apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                "metadata": ["name": .string(name), "namespace": .string(ns)], "spec": spec]
    }

    private let namespaces: [String: [String: String]] = [
        "default": ["kubernetes.io/metadata.name": "default"],
        "prod": ["kubernetes.io/metadata.name": "prod", "team": "shop"],
        "dev": ["kubernetes.io/metadata.name": "dev"],
    ]

    private lazy var web = pod("web", labels: ["app": "web"], ip: "10.8.0.10")
    private lazy var front = pod("front", labels: ["role": "frontend"], ip: "10.8.0.11")
    private lazy var other = pod("other", labels: ["app": "other"], ip: "10.8.0.12")
    private lazy var prodFront = pod("pf", ns: "prod", labels: ["role": "frontend"], ip: "10.8.1.5")
    private lazy var devFront = pod("df", ns: "dev", labels: ["role": "frontend"], ip: "10.8.2.5")

    /// Whether `from` may open port `port` on `to` under `policies` (egress at `from`, ingress at `to`).
    private func allowed(_ policies: [Value], _ from: PolicyPeer, _ to: Value, port: Int = 8080, proto: String = "TCP") -> Bool {
        let labels: (String) -> [String: String]? = { self.namespaces[$0] }
        if let c = from.pod, !NetworkPolicyMatcher.allows(policies, .egress, pod: c, peer: .pod(to), port: port, proto: proto,
                                                          destination: to, namespaceLabels: labels) { return false }
        return NetworkPolicyMatcher.allows(policies, .ingress, pod: to, peer: from, port: port, proto: proto,
                                           destination: to, namespaceLabels: labels)
    }

    func testSelectionAndIsolation() {
        let denyAll = policy("deny", types: ["Ingress"])
        let onlyWeb = policy("web", select: ["app": "web"])
        let elsewhere = policy("prod-deny", ns: "prod")
        let egressOnly = policy("eg", types: ["Egress"])
        let host = pod("h", labels: ["app": "web"], ip: "10.128.0.2", hostNetwork: true)
        let cases: [(String, Value, Value, PolicyDirection, Bool)] = [
            ("empty podSelector selects every pod of its namespace", denyAll, other, .ingress, true),
            ("matchLabels selects a matching pod", onlyWeb, web, .ingress, true),
            ("matchLabels leaves others alone", onlyWeb, other, .ingress, false),
            ("a policy never reaches into another namespace", elsewhere, web, .ingress, false),
            ("an Ingress-only policy does not isolate egress", denyAll, web, .egress, false),
            ("an Egress-only policy does not isolate ingress", egressOnly, web, .ingress, false),
            ("an Egress policy isolates egress", egressOnly, web, .egress, true),
            ("host-network pods are outside policies", denyAll, host, .ingress, false),
        ]
        for (what, p, pod, dir, isolated) in cases {
            XCTAssertEqual(!NetworkPolicyMatcher.isolating([p], pod, dir).isEmpty, isolated, what)
        }
    }

    func testPeers() {
        func allow(_ peers: [Value]) -> [Value] { [policy("p", select: ["app": "web"], ingress: [["from": .array(peers)]])] }
        let frontend: Value = ["podSelector": ["matchLabels": ["role": "frontend"]]]
        let shopNS: Value = ["namespaceSelector": ["matchLabels": ["team": "shop"]]]
        let both: Value = ["namespaceSelector": ["matchLabels": ["team": "shop"]], "podSelector": ["matchLabels": ["role": "frontend"]]]
        let byName: Value = ["namespaceSelector": ["matchLabels": ["kubernetes.io/metadata.name": "dev"]]]
        let block: Value = ["ipBlock": ["cidr": "10.8.0.0/16", "except": ["10.8.2.0/24"]]]
        let exprs: Value = ["podSelector": ["matchExpressions": [["key": "role", "operator": "In", "values": ["frontend", "api"]]]]]
        let outside = PolicyPeer(ip: "203.0.113.25")
        let cases: [(String, [Value], PolicyPeer, Bool)] = [
            ("no policy: everything gets in", [], .pod(other), true),
            ("deny-all (no rules) keeps a pod of the same namespace out", [policy("d")], .pod(front), false),
            ("an empty rule lets everyone in", [policy("a", ingress: [.emptyObject])], .pod(other), true),
            ("an empty rule lets the outside in too", [policy("a", ingress: [.emptyObject])], outside, true),
            ("podSelector: a matching pod of the same namespace", allow([frontend]), .pod(front), true),
            ("podSelector: a pod without the label", allow([frontend]), .pod(other), false),
            ("podSelector alone does not reach other namespaces", allow([frontend]), .pod(prodFront), false),
            ("podSelector: not a pod at all", allow([frontend]), outside, false),
            ("matchExpressions In", allow([exprs]), .pod(front), true),
            ("namespaceSelector: any pod of a matching namespace", allow([shopNS]), .pod(prodFront), true),
            ("namespaceSelector: a pod of another namespace", allow([shopNS]), .pod(devFront), false),
            ("namespaceSelector: the policy's own namespace needs the labels too", allow([shopNS]), .pod(front), false),
            ("both selectors: matching pod in matching namespace", allow([both]), .pod(prodFront), true),
            ("both selectors: matching pod, wrong namespace", allow([both]), .pod(devFront), false),
            ("kubernetes.io/metadata.name picks a namespace by name", allow([byName]), .pod(devFront), true),
            ("ipBlock: inside the CIDR", allow([block]), .pod(prodFront), true),
            ("ipBlock: in an except range", allow([block]), .pod(devFront), false),
            ("ipBlock: outside the CIDR", allow([block]), outside, false),
            ("ipBlock 0.0.0.0/0 matches the outside", allow([["ipBlock": ["cidr": "0.0.0.0/0"]]]), outside, true),
            ("peers are alternatives", allow([shopNS, frontend]), .pod(front), true),
            ("two policies add up", [policy("d"), policy("f", ingress: [["from": [frontend]]])], .pod(front), true),
        ]
        for (what, policies, from, want) in cases {
            XCTAssertEqual(allowed(policies, from, web), want, what)
        }
    }

    func testPorts() {
        func allow(_ ports: [Value]) -> [Value] { [policy("p", select: ["app": "web"], ingress: [["ports": .array(ports)]])] }
        let cases: [(String, [Value], Int, String, Bool)] = [
            ("a number", allow([["port": 8080, "protocol": "TCP"]]), 8080, "TCP", true),
            ("another number", allow([["port": 8080, "protocol": "TCP"]]), 9090, "TCP", false),
            ("protocol defaults to TCP", allow([["port": 8080]]), 8080, "TCP", true),
            ("UDP rule, TCP traffic", allow([["port": 8080, "protocol": "UDP"]]), 8080, "TCP", false),
            ("no port: every port of the protocol", allow([["protocol": "TCP"]]), 9999, "TCP", true),
            ("a named port of the destination pod", allow([["port": "http", "protocol": "TCP"]]), 8080, "TCP", true),
            ("a name the pod does not have", allow([["port": "metrics", "protocol": "TCP"]]), 8080, "TCP", false),
            ("endPort: inside the range", allow([["port": 8000, "endPort": 8100, "protocol": "TCP"]]), 8080, "TCP", true),
            ("endPort: above the range", allow([["port": 8000, "endPort": 8050, "protocol": "TCP"]]), 8080, "TCP", false),
            ("ports are alternatives", allow([["port": 80], ["port": 8080]]), 8080, "TCP", true),
        ]
        for (what, policies, port, proto, want) in cases {
            XCTAssertEqual(allowed(policies, .pod(other), web, port: port, proto: proto), want, what)
        }
        let both = [policy("p", select: ["app": "web"], ingress: [["ports": [["port": 8080]], "from": [["podSelector": ["matchLabels": ["role": "frontend"]]]]]])]
        XCTAssertTrue(allowed(both, .pod(front), web), "port and peer both match")
        XCTAssertFalse(allowed(both, .pod(front), web, port: 80), "the peer matches but not the port")
        XCTAssertFalse(allowed(both, .pod(other), web), "the port matches but not the peer")
    }

    func testEgress() {
        let denyOut = policy("no-out", select: ["role": "frontend"], types: ["Egress"])
        let toWeb = policy("to-web", select: ["role": "frontend"], types: ["Egress"],
                           egress: [["to": [["podSelector": ["matchLabels": ["app": "web"]]]], "ports": [["port": "http"]]]])
        XCTAssertFalse(allowed([denyOut], .pod(front), web), "egress isolated, no rule")
        XCTAssertTrue(allowed([denyOut], .pod(other), web), "the policy does not select the client")
        XCTAssertTrue(allowed([toWeb], .pod(front), web), "named port resolved on the destination")
        XCTAssertFalse(allowed([toWeb], .pod(front), other), "a destination the rule does not name")
        XCTAssertTrue(allowed([toWeb], PolicyPeer(ip: "203.0.113.25"), web), "egress rules say nothing about other clients")
    }

    func testCIDRs() {
        let ip = IPv4.parse("10.8.3.7")!
        XCTAssertTrue(IPv4.cidr("10.8.0.0/16", contains: ip))
        XCTAssertTrue(IPv4.cidr("10.8.3.7/32", contains: ip))
        XCTAssertTrue(IPv4.cidr("0.0.0.0/0", contains: ip))
        XCTAssertFalse(IPv4.cidr("10.9.0.0/16", contains: ip))
        XCTAssertFalse(IPv4.cidr("10.8.3.0/33", contains: ip))
        XCTAssertNil(IPv4.parse("10.8.3"))
        XCTAssertNil(IPv4.parse("10.8.3.256"))
    }
}
