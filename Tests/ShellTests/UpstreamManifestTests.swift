import Foundation
import MiniCluster
import Shell
import TestSupport
import XCTest

/// The Kubernetes documentation's own manifests (read from shared/reference/manifests, never copied into the repo)
/// apply object by object; broken variants fail with the API server's words.
final class UpstreamManifestTests: XCTestCase {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/reference/manifests").standardizedFileURL

    func files() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: Self.dir.path) else {
            throw XCTSkip("no reference manifests at \(Self.dir.path)")
        }
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    func run(_ session: ShellSession, _ line: String) -> (out: String, err: String, status: Int32) {
        let o = Output()
        let s = session.runLine(line, output: o)
        return (o.stdout, o.stderr, s)
    }

    /// Every object of every manifest is created, reported in order as `type/name created`, and can be read back.
    func testEveryManifestApplies() throws {
        let registry = ResourceRegistry()
        for file in try files() {
            let text = try String(contentsOf: Self.dir.appendingPathComponent(file), encoding: .utf8)
            let objects = try YAMLCodec.decodeAll(text)
            XCTAssertFalse(objects.isEmpty, file)
            let session = ShellSession.withDefaultCluster(cwd: Self.dir, seed: 1)
            for ns in Set(objects.compactMap(\.metadataNamespace)) where !["default", "kube-system"].contains(ns) {
                XCTAssertEqual(run(session, "kubectl create namespace \(ns)").status, 0)
            }
            let r = run(session, "kubectl apply -f \(file)")
            XCTAssertEqual(r.status, 0, "\(file): \(r.err)")
            let expected = objects.map { o -> String in
                let t = registry.lookup(apiVersion: o.apiVersion, kind: o.kind)
                return "\(t?.qualifiedSingular ?? o.kind)/\(o.metadataName) created"
            }
            XCTAssertEqual(r.out.split(separator: "\n").map(String.init), expected, file)
            for o in objects {
                guard let t = registry.lookup(apiVersion: o.apiVersion, kind: o.kind) else { continue }
                let ns = o.metadataNamespace ?? "default"
                let g = run(session, "kubectl get \(t.qualifiedPlural)/\(o.metadataName) -n \(ns) -o name")
                XCTAssertEqual(g.out, "\(t.qualifiedSingular)/\(o.metadataName)\n", "\(file): \(g.err)")
            }
        }
    }

    /// Broken variants of real manifests: each fails with the API server's own message and exit 1.
    func testBrokenVariantsFailWithServerMessages() throws {
        _ = try files()
        let cases: [(file: String, edit: (inout Value) -> Void, message: String)] = [
            ("examples__web__guestbook__frontend-deployment.yaml", { $0[path: "spec", "replicas"] = -1 },
             "The Deployment \"frontend\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
            ("examples__web__guestbook__frontend-deployment.yaml", { $0[path: "metadata", "name"] = "Front_End" },
             "The Deployment \"Front_End\" is invalid: metadata.name: Invalid value: \"Front_End\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
            ("website__application__deployment-update.yaml", { $0["apiVersion"] = "extensions/v1beta1" },
             "error: resource mapping not found for name: \"nginx-deployment\" namespace: \"\" from \"broken.json\": no matches for kind \"Deployment\" in version \"extensions/v1beta1\"\nensure CRDs are installed first"),
            ("website__pods__commands.yaml", { $0[path: "spec", "containers"] = [["name": "c"]] },
             "The Pod \"command-demo\" is invalid: spec.containers[0].image: Required value"),
        ]
        for c in cases {
            let text = try String(contentsOf: Self.dir.appendingPathComponent(c.file), encoding: .utf8)
            var obj = try XCTUnwrap(YAMLCodec.decodeAll(text).first)
            c.edit(&obj)
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-broken-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: tmp) }
            try JSONCodec.encode(obj).write(to: tmp.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
            let session = ShellSession.withDefaultCluster(cwd: tmp, seed: 1)
            let r = run(session, "kubectl apply -f broken.json")
            XCTAssertEqual(r.status, 1, c.file)
            XCTAssertEqual(r.err, c.message + "\n", c.file)
        }
    }
}
