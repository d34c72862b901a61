// kubectl's JSONPath: parsing, evaluation, printing and errors; the oracle test runs the real kubectl 1.32.
import Foundation
import XCTest
@testable import Shell
import MiniCluster
import TestSupport

final class JSONPathTests: XCTestCase {
    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web, tier: front}
    spec:
      replicas: 3
      template:
        spec:
          containers:
          - name: nginx
            image: nginx:1.27
            ports: [{containerPort: 80, name: http}, {containerPort: 443}]
          - name: sidecar
            image: busybox
            args: ["sleep", "3600"]
    status:
      conditions:
      - {type: Available, status: "True", reason: MinimumReplicasAvailable}
      - {type: Progressing, status: "False"}
      ratio: 0.5
      empty: null
    """

    private var object: Value { (try? YAMLCodec.decodeAll(Self.deployment).first) ?? .null }

    private func run(_ template: String, allowMissing: Bool = true) throws -> String {
        var jp = try JSONPath(template)
        jp.allowMissingKeys = allowMissing
        return try jp.execute(object)
    }

    func testEvaluation() throws {
        let cases: [(String, String)] = [
            ("{.metadata.name}", "web"),
            ("{.spec.template.spec.containers[*].name}", "nginx sidecar"),
            ("{.spec.template.spec.containers[0].image}", "nginx:1.27"),
            ("{.spec.template.spec.containers[-1:].name}", "sidecar"),
            ("{.spec.template.spec.containers[0:2:1].name}", "nginx sidecar"),
            ("{.spec.template.spec.containers[1].args}", "[\"sleep\",\"3600\"]"),
            ("{.metadata.labels}", "{\"app\":\"web\",\"tier\":\"front\"}"),
            ("{.metadata.labels.*}", "web front"),
            ("{.metadata.labels['app']}", "web"),
            ("{.metadata['name','labels']}", "web {\"app\":\"web\",\"tier\":\"front\"}"),
            ("{.status.conditions[?(@.type==\"Available\")].status}", "True"),
            ("{.status.conditions[?(@.status!='True')].type}", "Progressing"),
            ("{.spec.template.spec.containers[0].ports[?(@.containerPort>100)].containerPort}", "443"),
            ("{.spec.template.spec.containers[0].ports[?(@.name)].name}", "http"),
            ("{..image}", "nginx:1.27 busybox"),
            ("{.status.ratio} {.status.empty} {.spec.replicas}", "0.5 null 3"),
            ("{range .spec.template.spec.containers[*]}{.name}{\"\\t\"}{.image}{\"\\n\"}{end}", "nginx\tnginx:1.27\nsidecar\tbusybox\n"),
            ("{range .spec.template.spec.containers[*]}[{range .ports[*]}{.containerPort},{end}]{end}", "[80,443,][]"),
            ("{.kind}/{.metadata.name}", "Deployment/web"),
            ("name: {$.metadata.name} {@.kind}", "name: web Deployment"),
            ("{.nope}", ""),
            ("{.metadata.name}{.nope.deeper}", "web"),
            ("plain text", "plain text"),
            ("{'x\\'y'}{\"\\u00e9\"}", "x'yé"),
        ]
        for (t, want) in cases { XCTAssertEqual(try run(t), want, t) }
    }

    func testJSONOutputMode() throws {
        let jp = try JSONPath("{.metadata.name}{.spec.template.spec.containers[*].name}")
        XCTAssertEqual(try jp.executeAsJSON(object), "[\n    \"web\"\n]\n[\n    \"nginx\",\n    \"sidecar\"\n]\n")
    }

    func testParseErrors() {
        let cases: [(String, String)] = [
            ("{.metadata.name", "unclosed action"),
            ("{.a[}", "unterminated array"),
            ("{.a[x]}", "invalid array index x"),
            ("{#}", "unrecognized character in action: U+0023 '#'"),
            ("{.a[?(@.x=~\"y\")]}", "unrecognized character in action: U+007E '~'"),
            ("{.a[?(@.x==1)}", "unclosed array expect ]"),
            ("{\"abc}", "unterminated quoted string"),
            ("{....a}", "invalid multiple recursive descent"),
        ]
        for (t, want) in cases {
            XCTAssertThrowsError(try JSONPath(t), t) { e in XCTAssertEqual((e as? JSONPath.ParseError)?.message, want, t) }
        }
    }

    func testExecutionErrors() {
        let cases: [(String, String)] = [
            ("{.nope}", "nope is not found"),
            ("{metadata.name}", "unrecognized identifier metadata"),
            ("{.kind} {end}", "not in range, nothing to end"),
            ("{.spec.template.spec.containers[5]}", "array index out of bounds: index 5, length 2"),
            ("{.spec.template.spec.containers[2:1]}", "array index out of bounds: index 2, length 2"),
            ("{.spec.template.spec.containers[0:1:0]}", "step must be > 0"),
            ("{.metadata[0]}", "map[string]interface {} is not array or slice"),
            ("{.status.conditions[?(@.type==1)]}", "incompatible types for comparison"),
            ("{.status.conditions[?(@.x<@.y)]}", "x is not found"),
        ]
        for (t, want) in cases {
            XCTAssertThrowsError(try run(t, allowMissing: false), t) { e in
                XCTAssertEqual((e as? JSONPath.ExecError)?.message, want, t)
            }
        }
    }

    /// The same templates through the real kubectl (`annotate --local` keeps the object unstructured, as
    /// objects from a server are), stdout and stderr compared byte for byte.
    func testMatchesRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jsonpath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.deployment.write(to: dir.appendingPathComponent("d.yaml"), atomically: true, encoding: .utf8)
        var obj = object
        obj[path: "metadata", "annotations", "k"] = "1"
        let templates = [
            "{.metadata.name}", "{.spec.template.spec.containers[*].name}", "{.metadata.labels}", "{..image}",
            "{.status.conditions[?(@.type==\"Available\")].status}", "{.status.ratio}{.status.empty}",
            "{range .spec.template.spec.containers[*]}{.name}{\"\\n\"}{end}", "{.spec.template.spec.containers[0].ports[?(@.containerPort>=80)].name}",
            "{.nope}", "{.spec.template.spec.containers[7]}", "{.kind} {end}", "{metadata.name}", "{.a[x]}", "{.metadata.name",
            "{.spec.template.spec.containers[0].ports[*]}", "{.spec}", "x{.metadata.annotations}y",
        ]
        for (n, t) in templates.enumerated() {
            for format in n < 4 ? ["jsonpath", "jsonpath-as-json"] : ["jsonpath"] {
                guard let real = RealKubectl.run(["annotate", "--local", "-f", dir.appendingPathComponent("d.yaml").path, "k=1", "-o", "\(format)=\(t)"]) else { continue }
                let out = Output()
                let io = CommandIO(output: out)
                do {
                    try ObjectOutput.print([obj], format: "\(format)=\(t)", io: io, tables: false, asList: false)
                } catch let f as KubectlFailure {
                    Kubectl.report(f, verb: VersionVerb(), io: io)
                }
                XCTAssertEqual(out.stdout, real.out, "\(format)=\(t)")
                XCTAssertEqual(out.stderr, real.err, "\(format)=\(t)")
            }
        }
    }
}
