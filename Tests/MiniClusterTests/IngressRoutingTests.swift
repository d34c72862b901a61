@testable import MiniCluster
import XCTest

/// The URL map a GKE Ingress becomes: hosts, path types, the longest match, default backends.
final class IngressRoutingTests: XCTestCase {
    func path(_ p: String, _ type: String, _ svc: String) -> Value {
        ["path": .string(p), "pathType": .string(type), "backend": ["service": ["name": .string(svc), "port": ["number": 80]]]]
    }

    func ingress(_ rules: [Value], defaultBackend: String? = nil) -> Value {
        var spec: Value = ["rules": .array(rules)]
        if let d = defaultBackend { spec["defaultBackend"] = ["service": ["name": .string(d), "port": ["number": 80]]] }
        return ["metadata": ["name": "web"], "spec": spec]
    }

    func route(_ ing: Value, _ host: String, _ path: String) -> String {
        switch IngressRouting.route(ing, host: host, path: path) {
        case .backend(let b): return b.service
        case .gkeDefault: return "<gke default>"
        }
    }

    func testPathsHostsAndDefaults() {
        let ing = ingress([
            ["http": ["paths": [path("/v1", "Prefix", "v1"), path("/v2", "Prefix", "v2"), path("/v2/beta", "Exact", "beta"),
                                path("/static/*", "ImplementationSpecific", "files")]]],
            ["host": "shop.example.com", "http": ["paths": [path("/", "Prefix", "shop")]]],
            ["host": "*.example.com", "http": ["paths": [path("/", "Prefix", "wild")]]],
        ])
        let cases: [(String, String, String)] = [
            ("34.1.2.3", "/v1", "v1"), ("34.1.2.3", "/v1/", "v1"), ("34.1.2.3", "/v1/x?y=1", "v1"),
            ("34.1.2.3", "/v10", "<gke default>"),                 // Prefix matches whole path elements
            ("34.1.2.3", "/v2/beta", "beta"), ("34.1.2.3", "/v2/beta/x", "v2"),  // Exact beats Prefix only exactly
            ("34.1.2.3", "/static/app.js", "files"), ("34.1.2.3", "/static", "<gke default>"),
            ("34.1.2.3", "/", "<gke default>"),
            ("shop.example.com", "/v1", "shop"),                   // a host's own rule beats the catch-all
            ("SHOP.example.com:80", "/", "shop"),
            ("api.example.com", "/", "wild"), ("a.b.example.com", "/", "<gke default>"),
        ]
        for (host, p, want) in cases { XCTAssertEqual(route(ing, host, p), want, "\(host)\(p)") }
        XCTAssertEqual(route(ingress([], defaultBackend: "fallback"), "x", "/anything"), "fallback")
    }

    func testOnlyGCEIngressesAreGKEs() {
        XCTAssertTrue(IngressRouting.isGCE(["spec": .emptyObject]))
        XCTAssertTrue(IngressRouting.isGCE(["spec": ["ingressClassName": "gce"]]))
        XCTAssertFalse(IngressRouting.isGCE(["spec": ["ingressClassName": "nginx"]]))
        XCTAssertFalse(IngressRouting.isGCE(["metadata": ["annotations": ["kubernetes.io/ingress.class": "nginx"]], "spec": .emptyObject]))
    }

    func testHealthIsReadFromTheBackendsAnnotation() {
        let b = IngressBackend(service: "web", port: .number(80))
        let suffix = IngressGCEController.negSuffix("default", "web", "80")
        var ing: Value = ["metadata": ["annotations": .emptyObject]]
        ing[path: "metadata", "annotations", IngressGCEController.backendsAnnotation] =
            .string("{\"k8s1-abcdefgh\(suffix)\":\"UNHEALTHY\",\"k8s1-abcdefgh-kube-system-default-http-backend-80-x\":\"HEALTHY\"}")
        XCTAssertEqual(IngressGCEController.health(of: b, namespace: "default", in: ing), "UNHEALTHY")
        XCTAssertNil(IngressGCEController.health(of: IngressBackend(service: "other", port: .number(80)), namespace: "default", in: ing))
    }
}
