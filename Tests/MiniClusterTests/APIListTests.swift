import MiniCluster
import XCTest

final class APIListTests: XCTestCase {
    func testListWithLabelAndFieldSelectors() throws {
        let f = APIFixture()
        try f.make("Pod", "a", labels: ["app": "web", "tier": "front"], extra: ["spec": ["nodeName": "n1"], "status": ["phase": "Running"]])
        try f.make("Pod", "b", labels: ["app": "web"], extra: ["spec": ["nodeName": "n2"], "status": ["phase": "Pending"]])
        try f.make("Pod", "c", labels: ["app": "db"], extra: ["status": ["phase": "Running"]])
        let pods = f.type("Pod")
        func names(_ l: String?, _ fs: String?) throws -> [String] {
            try f.api.list(pods, namespace: "default", labelSelector: l, fieldSelector: fs).map(\.metadataName)
        }
        let cases: [(String?, String?, [String])] = [
            (nil, nil, ["a", "b", "c"]),
            ("app=web", nil, ["a", "b"]),
            ("app!=web", nil, ["c"]),
            ("tier", nil, ["a"]),
            ("!tier", nil, ["b", "c"]),
            ("app in (db,web),tier notin (front)", nil, ["b", "c"]),
            (nil, "status.phase=Running", ["a", "c"]),
            (nil, "status.phase!=Running", ["b"]),
            (nil, "spec.nodeName==n2", ["b"]),
            (nil, "spec.host=n1", ["a"]),
            (nil, "metadata.name=c", ["c"]),
            ("app=web", "status.phase=Running", ["a"]),
            (nil, "metadata.namespace=default", ["a", "b", "c"]),
        ]
        for (l, fs, want) in cases { XCTAssertEqual(try names(l, fs), want, "\(l ?? "-") / \(fs ?? "-")") }
    }

    func testSelectorErrorsAreBadRequests() {
        let f = APIFixture()
        let pods = f.type("Pod"), deploys = f.type("Deployment"), nodes = f.type("Node"), jobs = f.type("Job")
        XCTAssertAPIError(try f.api.list(pods, namespace: nil, labelSelector: nil, fieldSelector: "foo=bar"),
                          .badRequest, "field label not supported: foo")
        XCTAssertAPIError(try f.api.list(deploys, namespace: nil, labelSelector: nil, fieldSelector: "spec.replicas=1"),
                          .badRequest, "\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
        XCTAssertAPIError(try f.api.list(nodes, namespace: nil, labelSelector: nil, fieldSelector: "metadata.namespace=x"),
                          .badRequest, "field label not supported: metadata.namespace")
        XCTAssertAPIError(try f.api.list(jobs, namespace: nil, labelSelector: nil, fieldSelector: "status.active=1"),
                          .badRequest, "field label \"status.active\" not supported for batchv1.Job")
        XCTAssertAPIError(try f.api.list(pods, namespace: nil, labelSelector: "a b", fieldSelector: nil),
                          .badRequest, "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")
    }

    func testKubectlWordingOfListErrors() throws {
        let f = APIFixture()
        let pods = f.type("Pod")
        do {
            _ = try f.api.list(pods, namespace: nil, labelSelector: "", fieldSelector: "foo=bar")
            XCTFail("expected an error")
        } catch let e as APIError {
            XCTAssertEqual(e.forList(pods, labelSelector: "", fieldSelector: "foo=bar").kubectlMessage,
                           #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo"#)
        }
        XCTAssertEqual(f.type("Deployment").gvrDescription, "apps/v1, Resource=deployments")
    }

    func testOtherKindsSelectableFields() throws {
        let f = APIFixture()
        try f.make("Secret", "s1", extra: ["type": "Opaque"])
        try f.make("Secret", "s2", extra: ["type": "kubernetes.io/tls", "data": ["tls.crt": "", "tls.key": ""]])
        XCTAssertEqual(try f.api.list(f.type("Secret"), namespace: "default", labelSelector: nil,
                                      fieldSelector: "type=kubernetes.io/tls").map(\.metadataName), ["s2"])
        try f.make("Event", "e1", extra: ["involvedObject": ["kind": "Pod", "name": "web"], "reason": "Pulled", "type": "Normal",
                                          "source": ["component": "kubelet"]])
        try f.make("Event", "e2", extra: ["involvedObject": ["kind": "Pod", "name": "db"], "reason": "Failed", "type": "Warning"])
        let events = f.type("Event")
        for (sel, want) in [("involvedObject.name=web", ["e1"]), ("type=Warning", ["e2"]), ("source=kubelet", ["e1"]),
                            ("involvedObject.kind=Pod,reason!=Pulled", ["e2"])] {
            XCTAssertEqual(try f.api.list(events, namespace: nil, labelSelector: nil, fieldSelector: sel).map(\.metadataName), want, sel)
        }
        XCTAssertEqual(try f.api.list(f.type("Namespace"), namespace: nil, labelSelector: nil,
                                      fieldSelector: "status.phase=Active").count, 4)
    }
}
