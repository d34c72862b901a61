// `kubectl create -f` with client dry runs and its errors, compared with the real kubectl 1.32.
import Foundation
import TestSupport
import XCTest

final class OracleCreateFromFileTests: XCTestCase {
    static let deploy = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: fromfile
      labels:
        app: fromfile
    spec:
      replicas: 2
      selector:
        matchLabels:
          app: fromfile
      template:
        metadata:
          labels:
            app: fromfile
        spec:
          containers:
          - name: web
            image: nginx:1.25
            ports:
            - containerPort: 80

    """
    static let multi = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: multi-cm
      namespace: apps
    data:
      b: "2"
      a: "1"
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: multi-svc
      labels: {tier: fe}
    spec:
      selector: {app: web}
      ports:
      - port: 80
    ---
    apiVersion: v1
    kind: Namespace
    metadata:
      name: ns-from-file

    """
    static let unknown = """
    apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: w

    """

    static let cases: [[String]] = [
        ["create", "-f", "deploy.yaml", "--dry-run=client", "-o", "yaml"],
        ["create", "-f", "deploy.yaml", "--dry-run=client", "-o", "json"],
        ["create", "-f", "deploy.yaml", "--dry-run=client"],
        ["create", "-f", "deploy.yaml", "--dry-run=client", "-o", "name"],
        ["create", "-f", "deploy.yaml", "--dry-run=client", "-n", "team", "-o", "yaml"],
        ["create", "-f", "deploy.yaml", "--dry-run=client", "--save-config", "-o", "json"],
        ["create", "-f", "multi.yaml", "--dry-run=client"],
        ["create", "-f", "multi.yaml", "--dry-run=client", "-o", "yaml"],
        ["create", "-f", "multi.yaml", "--dry-run=client", "-o", "json"],
        ["create", "-f", "multi.yaml", "--dry-run=client", "-l", "tier=fe"],
        ["create", "-f", "multi.yaml", "--dry-run=client", "-n", "other"],
        ["create", "-f", "manifests", "--dry-run=client"],
        ["create", "-f", "deploy.yaml", "-f", "multi.yaml", "--dry-run=client", "-o", "name"],
        ["create", "-f", "missing.yaml", "--dry-run=client"],
        ["create", "-f", "empty.yaml", "--dry-run=client"],
        ["create", "--dry-run=client"],
        ["create", "foo", "--dry-run=client"],
        ["create", "-f", "deploy.yaml", "-k", "dir", "--dry-run=client"],
        ["create", "-f", "deploy.yaml", "--dry-run=client", "-o", "wide"],
    ]

    func testCreateFromFileMatchesRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("the real kubectl 1.32 is not installed") }
        let h = try OracleHarness()
        defer { h.remove() }
        try h.write("deploy.yaml", Self.deploy)
        try h.write("multi.yaml", Self.multi)
        try h.write("unknown.yaml", Self.unknown)
        try h.write("empty.yaml", "")
        try h.write("manifests/a.yaml", Self.deploy)
        try h.write("manifests/b.json", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"k":"v"}}"#)
        try h.write("manifests/notes.txt", "ignored")
        // The real kubectl validates against the server's OpenAPI unless told not to; we have no server for it.
        for c in Self.cases { h.assertSame(c + ["--validate=false"]) }
    }
}
