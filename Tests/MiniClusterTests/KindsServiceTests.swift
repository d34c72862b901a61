import MiniCluster
import XCTest

final class KindsServiceTests: XCTestCase {
    func svc(_ name: String, _ spec: Value) -> Value {
        ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)], "spec": spec]
    }

    func testDefaultsAndAllocation() throws {
        let f = KindsFixture()
        let s = try f.create(svc("web", ["selector": ["app": "web"], "ports": [["port": 80]]]))
        let spec = s["spec"]!
        XCTAssertEqual(spec["type"], "ClusterIP")
        XCTAssertEqual(spec["sessionAffinity"], "None")
        XCTAssertEqual(spec["internalTrafficPolicy"], "Cluster")
        XCTAssertEqual(spec["ipFamilyPolicy"], "SingleStack")
        XCTAssertEqual(spec["ipFamilies"], ["IPv4"])
        XCTAssertEqual(spec[path: "ports"]?[0], ["port": 80, "protocol": "TCP", "targetPort": 80])
        let ip = spec["clusterIP"]!.stringValue!
        XCTAssertTrue(ip.hasPrefix("34.118.22") || ip.hasPrefix("34.118.23"), ip)
        XCTAssertEqual(spec["clusterIPs"], Value.array([.string(ip)]))
        XCTAssertNil(spec["externalTrafficPolicy"])
        let np = try f.create(svc("np", ["type": "NodePort", "selector": ["app": "web"], "ports": [["port": 80, "targetPort": 8080]]]))
        XCTAssertEqual(np[path: "spec", "externalTrafficPolicy"], "Cluster")
        let nodePort = np[path: "spec", "ports"]?[0]?["nodePort"]?.intValue ?? 0
        XCTAssertTrue((30000...32767).contains(nodePort), "\(nodePort)")
        XCTAssertNotEqual(np[path: "spec", "clusterIP"]?.stringValue, ip)
        let lb = try f.create(svc("lb", ["type": "LoadBalancer", "ports": [["port": 443]]]))
        XCTAssertEqual(lb[path: "spec", "allocateLoadBalancerNodePorts"], true)
        XCTAssertEqual(lb[path: "status"], ["loadBalancer": [:]])
        let headless = try f.create(svc("db", ["clusterIP": "None", "selector": ["app": "db"], "ports": [["port": 5432]]]))
        XCTAssertEqual(headless[path: "spec", "clusterIPs"], ["None"])
        let ext = try f.create(svc("ext", ["type": "ExternalName", "externalName": "db.example.com"]))
        XCTAssertNil(ext[path: "spec", "clusterIP"])
        XCTAssertNil(ext[path: "spec", "internalTrafficPolicy"])
        let kubernetes = try f.api.get(f.type("Service"), namespace: "default", name: "kubernetes")
        XCTAssertEqual(kubernetes[path: "spec", "clusterIP"], "34.118.224.1", "the first address, as on GKE")
    }

    func testValidation() {
        let dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        let cases: [(Value, [String])] = [
            (svc("Svc_Bad", ["ports": [["port": 80]]]), ["metadata.name: Invalid value: \"Svc_Bad\": \(dns1035)"]),
            (svc("web", ["selector": ["app": "web"]]), ["spec.ports: Required value"]),
            (svc("web", ["ports": [["port": 80], ["port": 443]]]), ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]),
            (svc("web", ["ports": [["port": 0]]]), ["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                                              "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"]),
            (svc("web", ["ports": [["port": 80, "nodePort": 30080]]]), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]),
            (svc("web", ["type": "NodePort", "ports": [["port": 80, "nodePort": 80]]]),
             ["spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"]),
            (svc("web", ["type": "ExternalName"]), ["spec.externalName: Required value"]),
            (svc("web", ["type": "Magic", "ports": [["port": 80]]]),
             ["spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""]),
            (svc("web", ["ports": [["name": "a", "port": 80], ["name": "b", "port": 80]]]),
             ["spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"]),
            (svc("web", ["clusterIP": "10.0.0.300", "ports": [["port": 80]]]),
             ["spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]),
        ]
        for (obj, want) in cases { XCTAssertEqual(KindsFixture().errors(obj), want, "\(obj)") }
    }

    func testClusterIPIsImmutable() throws {
        let f = KindsFixture()
        try f.create(svc("web", ["clusterIP": "34.118.230.7", "ports": [["port": 80]]]))
        XCTAssertEqual(f.updateErrors(f.type("Service"), "web") { $0[path: "spec", "clusterIP"] = "34.118.230.8"; $0[path: "spec", "clusterIPs"] = ["34.118.230.8"] },
                       ["spec.clusterIPs[0]: Invalid value: []string{\"34.118.230.8\"}: may not change once set"])
        XCTAssertEqual(f.updateErrors(f.type("Service"), "web") { $0[path: "spec", "ports"] = [["port": 8080]] }, [])
    }
}
