// The workload verbs against the real kubectl 1.32 where it answers offline: their flags, flag and usage errors,
// and `set … --local` edits of a manifest.
import Foundation
import TestSupport
import XCTest

final class OracleWorkloadTests: XCTestCase {
    static let commands: [[String]] = [
        ["scale"], ["autoscale"], ["wait"], ["rollout", "status"], ["rollout", "history"], ["rollout", "undo"],
        ["rollout", "pause"], ["rollout", "resume"], ["rollout", "restart"], ["set", "image"], ["set", "env"],
        ["set", "resources"],
    ]

    func testFlagsMatchRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("the real kubectl 1.32 is not installed") }
        let h = try OracleHarness()
        defer { h.remove() }
        for c in Self.commands {
            guard let real = RealKubectl.run(c + ["--help"]) else { return XCTFail("real kubectl did not run") }
            let ours = h.ours(c + ["--help"])
            XCTAssertEqual(ours.status, 0)
            XCTAssertEqual(OracleCreateHelpTests.flagList(ours.out), OracleCreateHelpTests.flagList(real.out),
                           "flags of kubectl \(c.joined(separator: " "))")
        }
    }

    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels:
        app: web
    spec:
      replicas: 2
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
        spec:
          containers:
          - name: nginx
            image: nginx:1.25
            env:
            - name: MODE
              value: fast
          - name: sidecar
            image: busybox

    """

    func testErrorsAndLocalEditsMatchRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("the real kubectl 1.32 is not installed") }
        let h = try OracleHarness()
        defer { h.remove() }
        try h.write("d.yaml", Self.deployment)
        for args: [String] in [
            ["scale", "deploy", "web"], ["scale", "deploy/web", "--replicas=-1"],
            ["autoscale", "deploy/web"], ["autoscale", "deploy/web", "--max=0"], ["autoscale", "deploy/web", "--max=2", "--min=5"],
            ["wait", "deploy/web"], ["wait", "deploy/web", "--for=ready"], ["wait", "deploy/web", "--for=jsonpath={.status"],
            ["rollout", "status"], ["rollout", "status", "deploy/web", "--timeout=abc"],
            ["set", "image", "-f", "d.yaml", "--local", "nginx=nginx:1.26"],
            ["set", "image", "-f", "d.yaml", "--local", "nginx=nginx:1.26", "-o", "name"],
            ["set", "image", "-f", "d.yaml", "--local", "*=nginx:1.26", "-o", "jsonpath={.spec.template.spec.containers[*].image}"],
            ["set", "image", "-f", "d.yaml", "--local", "nosuch=nginx:1.26"],
            ["set", "image", "-f", "d.yaml", "--local"],
            ["set", "image", "-f", "d.yaml", "--local", "nginx=nginx:2", "stray"],
            ["set", "env", "-f", "d.yaml", "--local", "A=1", "MODE-", "-o", "jsonpath={.spec.template.spec.containers[*].env}"],
            ["set", "env", "-f", "d.yaml", "--local", "-c", "nginx", "A=1", "-o", "jsonpath={.spec.template.spec.containers[*].env}"],
            ["set", "env", "-f", "d.yaml", "--local", "--list"],
            ["set", "env", "-f", "d.yaml", "--local", "B=2"],
            ["set", "resources", "-f", "d.yaml", "--local", "--limits=cpu=200m,memory=512Mi", "--requests=cpu=0.1",
             "-o", "jsonpath={.spec.template.spec.containers[*].resources}"],
            ["set", "resources", "-f", "d.yaml", "--local", "-c", "side*", "--limits=cpu=1", "-o", "jsonpath={.spec.template.spec.containers[1].resources}"],
            ["set", "resources", "-f", "d.yaml", "--local"],
            ["set", "resources", "-f", "d.yaml", "--local", "--limits=cpu=2x"],
        ] {
            h.assertSame(args)
        }
    }

    func testRolloutGroupHelpMatchesRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("the real kubectl 1.32 is not installed") }
        let h = try OracleHarness()
        defer { h.remove() }
        h.assertSame(["rollout"])
    }
}
