// `kubectl expose -f FILE --dry-run=client` compared with the real kubectl 1.32 (it needs only discovery, which
// the harness's cache answers; the exposed object comes from the file).
import Foundation
import TestSupport
import XCTest

final class OracleExposeTests: XCTestCase {
    static let deploy = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels:
        app: web
    spec:
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
            image: nginx
            ports:
            - containerPort: 80
              name: http

    """
    static let multi = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: multi
    spec:
      selector:
        matchLabels:
          app: multi
      template:
        metadata:
          labels:
            app: multi
        spec:
          containers:
          - name: a
            image: nginx
            ports:
            - containerPort: 80
            - containerPort: 53
              protocol: UDP
            - containerPort: 53
              protocol: TCP
          - name: b
            image: nginx
            ports:
            - containerPort: 9090

    """
    static let pod = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      labels:
        run: p
        tier: x
    spec:
      containers:
      - name: a
        image: nginx

    """
    static let exprs = """
    apiVersion: apps/v1
    kind: ReplicaSet
    metadata:
      name: rs
    spec:
      selector:
        matchExpressions:
        - key: app
          operator: In
          values: [a, b]
      template:
        metadata:
          labels:
            app: a
        spec:
          containers:
          - name: a
            image: nginx
            ports:
            - containerPort: 8080

    """
    static let svc = """
    apiVersion: v1
    kind: Service
    metadata:
      name: s
      labels:
        app: s
    spec:
      selector:
        app: s
      ports:
      - port: 443
        protocol: TCP

    """

    func testExposeFromFilesMatchesRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let h = try OracleHarness()
        defer { h.remove() }
        try h.write("dep.yaml", Self.deploy)
        try h.write("multi.yaml", Self.multi)
        try h.write("pod.yaml", Self.pod)
        try h.write("rs.yaml", Self.exprs)
        try h.write("svc.yaml", Self.svc)
        let cases: [[String]] = [
            ["expose", "-f", "dep.yaml"],
            ["expose", "-f", "dep.yaml", "-o", "yaml"],
            ["expose", "-f", "dep.yaml", "-o", "json"],
            ["expose", "-f", "dep.yaml", "--port=80", "--target-port=http", "--type=LoadBalancer", "--name=lb", "-o", "yaml"],
            ["expose", "-f", "dep.yaml", "--port=8080", "--protocol=UDP", "--labels=a=b,c=d", "--selector=x=y",
             "--external-ip=1.2.3.4", "-o", "json"],
            ["expose", "-f", "dep.yaml", "--cluster-ip=None", "--session-affinity=ClientIP", "-o", "yaml"],
            ["expose", "-f", "dep.yaml", "--type=LoadBalancer", "--load-balancer-ip=10.1.2.3", "-o", "yaml"],
            ["expose", "-f", "dep.yaml", "--load-balancer-ip=10.1.2.3", "-o", "yaml"],
            ["expose", "-f", "dep.yaml", "--port=80,81", "-o", "yaml"],
            ["expose", "-f", "dep.yaml", "-n", "dev", "-o", "yaml"],
            ["expose", "-f", "multi.yaml", "-o", "yaml"],
            ["expose", "-f", "multi.yaml", "--target-port=8080", "-o", "json"],
            ["expose", "-f", "pod.yaml"],
            ["expose", "-f", "pod.yaml", "--port=80", "-o", "yaml"],
            ["expose", "-f", "pod.yaml", "--cluster-ip=None", "-o", "yaml"],
            ["expose", "-f", "rs.yaml"],
            ["expose", "-f", "rs.yaml", "--selector=app=a", "-o", "yaml"],
            ["expose", "-f", "svc.yaml", "--name=s2", "--type=NodePort", "-o", "yaml"],
            ["expose", "-f", "dep.yaml", "--port=abc"],
            ["expose", "-f", "dep.yaml", "--labels=bad"],
            ["expose", "-f", "dep.yaml", "--session-affinity=foo"],
            ["expose", "-f", "dep.yaml", "--port=80", "-o", "name"],
            ["expose"],
            ["expose", "deployment"],
        ]
        for c in cases { h.assertSame(OracleHarness.with(c, ["--dry-run=client"])) }
    }
}
