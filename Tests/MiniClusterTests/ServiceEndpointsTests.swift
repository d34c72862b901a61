import MiniCluster
import XCTest

/// The endpoints and EndpointSlice controllers follow pods and their readiness (kubelet played by the test).
final class ServiceEndpointsTests: XCTestCase {
    func testEndpointsFollowReadiness() throws {
        let f = ServiceFixture()
        try f.service("web")
        XCTAssertEqual(f.endpointsCell("web"), "<none>", "a selector that matches nothing: an Endpoints without subsets")
        try f.pod("a", ip: "10.8.0.5")
        try f.pod("b", ip: "10.8.1.7", ready: false)
        try f.pod("c", ip: nil)
        try f.pod("other", labels: ["app": "db"], ip: "10.8.0.9")
        // Table of (step, ENDPOINTS column).
        XCTAssertEqual(f.endpointsCell("web"), "10.8.0.5:8080")
        let subset = f.endpoints("web")?["subsets"]?[0]
        XCTAssertEqual(subset?["notReadyAddresses"]?[0]?["ip"], "10.8.1.7")
        XCTAssertEqual(subset?["ports"], [["port": 8080, "protocol": "TCP"]])
        XCTAssertEqual(subset?["addresses"]?[0]?["targetRef"], ["kind": "Pod", "namespace": "default", "name": "a",
                                                                 "uid": .string(try f.api.get(f.podType, namespace: "default", name: "a").uid)])
        XCTAssertEqual(subset?["addresses"]?[0]?["nodeName"], "node-a")
        try f.setReady("b", true)
        XCTAssertEqual(f.endpointsCell("web"), "10.8.0.5:8080,10.8.1.7:8080")
        try f.setReady("a", false)
        XCTAssertEqual(f.endpointsCell("web"), "10.8.1.7:8080")
        try f.setReady("b", false)
        XCTAssertEqual(f.endpointsCell("web"), "", "only not-ready addresses: a subset the column prints as nothing")
        try f.api.delete(f.podType, namespace: "default", name: "a")
        try f.api.delete(f.podType, namespace: "default", name: "b")
        f.settle()
        XCTAssertEqual(f.endpointsCell("web"), "<none>")
    }

    func testColumnShowsThreeThenMoreInIPByteOrder() throws {
        let f = ServiceFixture()
        try f.service("web", ports: [["port": 80]])
        for (i, ip) in ["10.8.0.5", "10.8.1.7", "10.8.0.12", "10.8.2.3", "10.8.0.40"].enumerated() {
            try f.pod("p\(i)", ip: ip)
        }
        XCTAssertEqual(f.endpointsCell("web"), "10.8.0.12:80,10.8.0.40:80,10.8.0.5:80 + 2 more...")
    }

    func testNamedTargetPortResolvedPerPod() throws {
        let f = ServiceFixture()
        try f.service("web", ports: [["name": "http", "port": 80, "targetPort": "web"]])
        try f.pod("a", ip: "10.8.0.5", containerPorts: [["name": "web", "containerPort": 8080]])
        try f.pod("b", ip: "10.8.0.6", containerPorts: [["name": "web", "containerPort": 9090]])
        try f.pod("c", ip: "10.8.0.7", containerPorts: [["name": "metrics", "containerPort": 9100]])
        let subsets = f.endpoints("web")?["subsets"]?.arrayValue ?? []
        XCTAssertEqual(subsets.count, 2, "one subset per resolved port; the pod without the named port is left out")
        XCTAssertEqual(Set(subsets.map { "\($0["addresses"]?[0]?["ip"]?.stringValue ?? ""):\($0["ports"]?[0]?["port"]?.intValue ?? 0)" }),
                       ["10.8.0.5:8080", "10.8.0.6:9090"])
        let slices = f.slices("web")
        XCTAssertEqual(slices.count, 3, "one slice per distinct port set; the pod without the port gets a port-less slice, as upstream")
        XCTAssertEqual(Set(slices.compactMap { $0["ports"]?[0]?["port"]?.intValue }), [8080, 9090])
        XCTAssertEqual(slices.first { $0["ports"]?[0] != nil }?["ports"]?[0]?["name"], "http")
        XCTAssertEqual(slices.first { $0["ports"] == [] }?["endpoints"]?[0]?["addresses"], ["10.8.0.7"])
    }

    func testPublishNotReadyAddresses() throws {
        let f = ServiceFixture()
        try f.service("db", spec: ["clusterIP": "None", "publishNotReadyAddresses": true])
        try f.pod("a", ip: "10.8.0.5", ready: false)
        XCTAssertEqual(f.endpointsCell("db"), "10.8.0.5:8080")
        XCTAssertEqual(f.endpoints("db")?.labels["service.kubernetes.io/headless"], "")
        XCTAssertEqual(f.slices("db").first?[path: "endpoints"]?[0]?["conditions"], ["ready": true, "serving": false, "terminating": false])
    }

    func testSlicesOwnedLabelledAndNamedLikeUpstream() throws {
        let f = ServiceFixture()
        let svc = try f.service("web", labels: ["tier": "front"])
        let placeholder = f.slices("web")
        XCTAssertEqual(placeholder.count, 1, "an empty service keeps one placeholder slice")
        XCTAssertEqual(placeholder.first?["endpoints"], .null)
        XCTAssertEqual(placeholder.first?["ports"], .null)
        try f.pod("a", ip: "10.8.0.5")
        let slices = f.slices("web")
        XCTAssertEqual(slices.count, 1)
        let s = try XCTUnwrap(slices.first)
        XCTAssertTrue(s.metadataName.hasPrefix("web-") && s.metadataName.count == 9, s.metadataName)
        XCTAssertEqual(s.labels, ["kubernetes.io/service-name": "web", "tier": "front",
                                  "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"])
        XCTAssertEqual(s[path: "metadata", "ownerReferences"], [["apiVersion": "v1", "kind": "Service", "name": "web",
                                                                 "uid": .string(svc.uid), "controller": true, "blockOwnerDeletion": true]])
        XCTAssertEqual(s["addressType"], "IPv4")
        XCTAssertEqual(s["ports"], [["name": "", "port": 8080, "protocol": "TCP"]])
        XCTAssertEqual(s["endpoints"]?[0]?["addresses"], ["10.8.0.5"])
        XCTAssertEqual(s["endpoints"]?[0]?["conditions"], ["ready": true, "serving": true, "terminating": false])
        XCTAssertEqual(s["endpoints"]?[0]?["nodeName"], "node-a")
        XCTAssertNotNil(s[path: "metadata", "annotations", "endpoints.kubernetes.io/last-change-trigger-time"])
        try f.pod("b", ip: "10.8.0.6", ready: false)
        let updated = f.slices("web")
        XCTAssertEqual(updated.map(\.metadataName), [s.metadataName], "the same slice is updated in place")
        XCTAssertEqual(updated.first?["endpoints"]?.arrayValue?.count, 2)
    }

    func testTerminatingPodLeavesEndpointsButStaysInSliceAsTerminating() throws {
        let f = ServiceFixture()
        f.api.gracePeriodPolicies[f.podType] = { _, requested in requested ?? 30 }
        try f.service("web")
        try f.pod("a", ip: "10.8.0.5")
        try f.api.delete(f.podType, namespace: "default", name: "a")
        f.settle()
        XCTAssertEqual(f.endpointsCell("web"), "<none>")
        XCTAssertEqual(f.slices("web").first?["endpoints"]?[0]?["conditions"], ["ready": false, "serving": true, "terminating": true])
    }

    func testServicesWithoutSelectorKeepHandWrittenEndpoints() throws {
        let f = ServiceFixture()
        try f.service("external", selector: nil, ports: [["port": 5432]])
        try f.api.create(f.epType, ["apiVersion": "v1", "kind": "Endpoints", "metadata": ["name": "external"],
                                    "subsets": [["addresses": [["ip": "192.0.2.42"]], "ports": [["port": 5432]]]]], namespace: "default")
        f.settle()
        XCTAssertEqual(f.endpointsCell("external"), "192.0.2.42:5432")
        let mirrored = f.slices("external")
        XCTAssertEqual(mirrored.count, 1, "the mirroring controller copies hand-written Endpoints into a slice")
        XCTAssertEqual(mirrored.first?.labels["endpointslice.kubernetes.io/managed-by"], "endpointslicemirroring-controller.k8s.io")
        XCTAssertEqual(mirrored.first?["endpoints"], [["addresses": ["192.0.2.42"], "conditions": ["ready": true]]])
        XCTAssertEqual(mirrored.first?["ports"], [["name": "", "port": 5432, "protocol": "TCP"]])
        XCTAssertEqual(mirrored.first?[path: "metadata", "ownerReferences"]?[0]?["kind"], "Endpoints")
    }

    func testDeletingTheServiceRemovesItsEndpointsAndSlices() throws {
        let f = ServiceFixture()
        try f.service("web")
        try f.pod("a", ip: "10.8.0.5")
        try f.api.delete(f.svcType, namespace: "default", name: "web")
        f.settle()
        XCTAssertNil(f.endpoints("web"))
        XCTAssertEqual(f.slices("web"), [])
    }

    func testDeletedEndpointsAreWrittenAgain() throws {
        let f = ServiceFixture()
        try f.service("web")
        try f.pod("a", ip: "10.8.0.5")
        try f.api.delete(f.epType, namespace: "default", name: "web")
        f.settle()
        XCTAssertEqual(f.endpointsCell("web"), "10.8.0.5:8080")
    }

    func testRelabelledPodLeavesTheService() throws {
        let f = ServiceFixture()
        try f.service("web")
        try f.pod("a", ip: "10.8.0.5")
        var pod = try f.api.get(f.podType, namespace: "default", name: "a")
        pod[path: "metadata", "labels", "app"] = "debug"
        try f.api.update(f.podType, pod, namespace: "default")
        f.settle()
        XCTAssertEqual(f.endpointsCell("web"), "<none>")
    }
}
