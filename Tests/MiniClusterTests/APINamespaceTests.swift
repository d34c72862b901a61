import MiniCluster
import XCTest

final class APINamespaceTests: XCTestCase {
    func testBootstrapAndNewNamespaceContents() throws {
        let f = APIFixture()
        let nsType = f.type("Namespace")
        XCTAssertEqual(f.api.list(nsType, namespace: nil).map(\.metadataName), ["default", "kube-node-lease", "kube-public", "kube-system"])
        let ns = try f.make("Namespace", "dev", ns: nil)
        XCTAssertEqual(ns[path: "status", "phase"], "Active")
        XCTAssertEqual(ns[path: "spec", "finalizers"], ["kubernetes"])
        XCTAssertEqual(ns.labels, ["kubernetes.io/metadata.name": "dev"])
        XCTAssertTrue(f.exists("ServiceAccount", "default", ns: "dev"))
        let ca = try f.api.get(f.type("ConfigMap"), namespace: "dev", name: "kube-root-ca.crt")
        XCTAssertEqual(ca.annotations["kubernetes.io/description"]?.hasPrefix("Contains a CA bundle"), true)
        XCTAssertEqual(ca[path: "data", "ca.crt"]?.stringValue?.hasPrefix("-----BEGIN CERTIFICATE-----"), true)
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            XCTAssertTrue(f.exists("ServiceAccount", "default", ns: ns), ns)
        }
    }

    func testAdmission() throws {
        let f = APIFixture()
        let cm = f.type("ConfigMap"), nsType = f.type("Namespace")
        XCTAssertAPIError(try f.api.create(cm, ["metadata": ["name": "c"]], namespace: "nope"), .notFound, "namespaces \"nope\" not found")
        for ns in ["default", "kube-system", "kube-public"] {
            XCTAssertAPIError(try f.api.delete(nsType, namespace: nil, name: ns), .forbidden,
                              "namespaces \"\(ns)\" is forbidden: this namespace may not be deleted")
        }
    }

    func testTermination() throws {
        let f = APIFixture()
        let nsType = f.type("Namespace"), pods = f.type("Pod")
        try f.make("Namespace", "dev", ns: nil)
        try f.make("Pod", "p", ns: "dev")
        try f.make("ConfigMap", "c", ns: "dev")
        f.api.gracePeriodPolicies[pods] = { _, requested in requested ?? 30 }
        let out = try f.api.delete(nsType, namespace: nil, name: "dev")
        XCTAssertEqual(out[path: "status", "phase"], "Terminating")
        XCTAssertNotNil(out.deletionTimestamp)
        XCTAssertAPIError(try f.api.create(f.type("ConfigMap"), ["metadata": ["name": "x"]], namespace: "dev"), .forbidden,
                          "configmaps \"x\" is forbidden: unable to create new content in namespace dev because it is being terminated")
        XCTAssertAPIError(try f.api.create(pods, ["metadata": ["generateName": "x-"]], namespace: "dev"), .forbidden,
                          "pods \"x-\" is forbidden: unable to create new content in namespace dev because it is being terminated")
        XCTAssertAPIError(try f.api.delete(nsType, namespace: nil, name: "dev"), .conflict,
                          "Operation cannot be fulfilled on namespaces \"dev\": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.")
        f.settle()
        XCTAssertFalse(f.exists("ConfigMap", "c", ns: "dev"))
        XCTAssertFalse(f.exists("ServiceAccount", "default", ns: "dev"))
        XCTAssertTrue(f.exists("Pod", "p", ns: "dev"), "the pod is still terminating")
        XCTAssertTrue(f.exists("Namespace", "dev", ns: nil))
        try f.api.delete(pods, namespace: "dev", name: "p", gracePeriod: 0)
        f.settle()
        XCTAssertFalse(f.exists("Namespace", "dev", ns: nil), "empty: the namespace goes")
        XCTAssertAPIError(try f.api.create(f.type("ConfigMap"), ["metadata": ["name": "x"]], namespace: "dev"), .notFound, "namespaces \"dev\" not found")
    }

    func testDryRunNamespaceDelete() throws {
        let f = APIFixture()
        try f.make("Namespace", "dev", ns: nil)
        let out = try f.api.delete(f.type("Namespace"), namespace: nil, name: "dev", dryRun: true)
        XCTAssertEqual(out[path: "status", "phase"], "Terminating")
        f.settle()
        XCTAssertEqual(try f.api.get(f.type("Namespace"), namespace: nil, name: "dev")[path: "status", "phase"], "Active")
    }
}

final class ClusterBootstrapTests: XCTestCase {
    func testKubernetesServiceAndEndpoints() throws {
        let f = APIFixture()
        let svc = try f.api.get(f.type("Service"), namespace: "default", name: "kubernetes")
        XCTAssertEqual(svc.labels, ["component": "apiserver", "provider": "kubernetes"])
        XCTAssertEqual(svc[path: "spec", "ports"]?[0]?["port"], 443)
        let ep = try f.api.get(f.type("Endpoints"), namespace: "default", name: "kubernetes")
        XCTAssertEqual(ep[path: "subsets"]?[0]?["addresses"]?[0]?["ip"], .string(Cluster.controlPlaneIP))
        XCTAssertTrue(f.exists("EndpointSlice", "kubernetes"))
    }
}
