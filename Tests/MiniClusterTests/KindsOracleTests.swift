import MiniCluster
import TestSupport
import XCTest

/// What the real kubectl 1.32 generates client-side must pass our strict decoding, defaulting and validation.
final class KindsOracleTests: XCTestCase {
    func testGeneratorOutputIsAccepted() throws {
        let commands: [[String]] = [
            ["create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=80"],
            ["create", "job", "pi", "--image=perl"],
            ["create", "cronjob", "c", "--image=busybox", "--schedule=*/1 * * * *"],
            ["create", "service", "clusterip", "web", "--tcp=80:8080"],
            ["create", "service", "nodeport", "np", "--tcp=80:8080"],
            ["create", "service", "loadbalancer", "lb", "--tcp=443"],
            ["create", "service", "externalname", "ext", "--external-name=db.example.com"],
            ["create", "configmap", "cm", "--from-literal=a=1"],
            ["create", "secret", "generic", "s", "--from-literal=password=x"],
            ["create", "serviceaccount", "sa"],
            ["create", "namespace", "dev"],
            ["create", "ingress", "ing", "--rule=foo.com/=svc1:80", "--rule=bar.com/*=svc2:http"],
            ["create", "quota", "q", "--hard=cpu=1,memory=1Gi,pods=10"],
            ["create", "poddisruptionbudget", "pdb", "--selector=app=web", "--min-available=1"],
            ["create", "priorityclass", "high", "--value=1000"],
        ]
        var ran = 0
        for args in commands {
            guard let r = RealKubectl.run(args + ["--dry-run=client", "-o", "json"]) else { throw XCTSkip("kubectl 1.32 not installed") }
            XCTAssertEqual(r.status, 0, "\(args): \(r.err)")
            guard let obj = try YAMLForTests.documents(r.out).first else { continue }
            XCTAssertNil(KindSchemas.strictDecodingError(obj), "\(args)")
            if obj.kind == "PriorityClass" { continue }
            XCTAssertEqual(KindsFixture().errors(obj), [], "\(args)")
            ran += 1
        }
        XCTAssertGreaterThan(ran, 10)
    }
}
