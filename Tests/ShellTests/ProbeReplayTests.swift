// Probe replay must be invisible: the same scenario with replay on and off gives the same logs, events,
// statuses, restarts and usage, byte for byte, over a few virtual hours with a liveness failure, an exec that
// deletes the probed file, a file written back, and a pod deleted mid-way.
import Foundation
@testable import MiniCluster
import Shell
import TestSupport
import XCTest

final class ProbeReplayTests: XCTestCase {
    private static let manifest = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 3
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
            image: nginx:1.27
            ports:
            - containerPort: 80
            livenessProbe:
              httpGet:
                path: /
                port: 80
              periodSeconds: 10
            readinessProbe:
              httpGet:
                path: /index.html
                port: 80
              periodSeconds: 5
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: solo
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        livenessProbe:
          httpGet:
            path: /index.html
            port: 80
          initialDelaySeconds: 3
          periodSeconds: 10
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 10
          successThreshold: 2
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: tcp
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        livenessProbe:
          tcpSocket:
            port: 80
          periodSeconds: 7
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 3
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: liveness-exec
    spec:
      containers:
      - name: liveness
        image: busybox
        args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
        livenessProbe:
          exec:
            command: ["cat", "/tmp/healthy"]
          initialDelaySeconds: 5
          periodSeconds: 5
    """

    /// Everything the scenario shows, as one transcript.
    private func transcript(replay: Bool) throws -> (text: String, replayed: Int) {
        let saved = ProbeReplay.enabled
        ProbeReplay.enabled = replay
        defer { ProbeReplay.enabled = saved }
        let before = ProbeReplay.replayedRuns
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        try Self.manifest.write(to: workspace.appendingPathComponent("probes.yaml"), atomically: true, encoding: .utf8)
        let session = ShellSession.withDefaultCluster(cwd: workspace)
        var text = ""
        func sh(_ line: String) {
            let o = Output()
            let status = session.runLine(line, output: o)
            text += "$ \(line)\n\(o.stdout)\(o.stderr)[exit \(status)]\n"
        }
        func snapshot() {
            sh("kubectl get pods -o wide")
            sh("kubectl top pods")
            sh("kubectl get events --sort-by=.lastTimestamp")
            sh("kubectl get pods -o yaml")
        }
        let web = "-l app=web --all-containers --prefix --timestamps"
        sh("kubectl apply -f probes.yaml")
        session.sleep(.minutes(3))
        snapshot()
        sh("kubectl logs solo --timestamps --tail=7")
        sh("kubectl logs \(web) --tail=4")
        // The probed file goes: liveness fails three times (404), the container is killed and comes back.
        session.sleep(.seconds(17))
        sh("kubectl exec solo -- rm /usr/share/nginx/html/index.html")
        session.sleep(.seconds(4))
        sh("kubectl logs solo --tail=3")
        session.sleep(.minutes(2))
        snapshot()
        sh("kubectl logs solo --previous --timestamps")
        // A file written over the page: the answer changes (still a success) and the replay follows the new one.
        sh("kubectl exec tcp -- sh -c 'echo hi > /usr/share/nginx/html/index.html'")
        session.sleep(.seconds(31))
        sh("kubectl logs tcp --tail=6 --timestamps")
        session.sleep(.minutes(47))
        sh("kubectl top pods")
        sh("kubectl logs solo --since=2m --timestamps")
        sh("kubectl delete pod tcp")
        session.sleep(.minutes(1))
        snapshot()
        session.sleep(.minutes(120))
        snapshot()
        sh("kubectl logs \(web)")
        sh("kubectl logs solo --timestamps")
        sh("kubectl logs liveness-exec --timestamps")
        return (text, ProbeReplay.replayedRuns - before)
    }

    func testReplayChangesNothingAnyoneCanSee() throws {
        let real = try transcript(replay: false)
        let replayed = try transcript(replay: true)
        XCTAssertEqual(real.replayed, 0)
        XCTAssertGreaterThan(replayed.replayed, 10_000, "steady probes were replayed, not run")
        XCTAssertTrue(real.text.contains("Liveness probe failed: HTTP probe failed with statuscode: 404"))
        XCTAssertTrue(real.text.contains("\"GET / HTTP/1.1\" 200 3 \"-\" \"kube-probe/1.32\""), "the file written back is served")
        let a = real.text.split(separator: "\n", omittingEmptySubsequences: false)
        let b = replayed.text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertGreaterThan(a.count, 3_000)
        if let i = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) {
            XCTFail("line \(i + 1) differs:\nreal:     \(a[i])\nreplayed: \(b[i])\ncontext: \(a[max(0, i - 5)...i].joined(separator: "\n"))")
        }
        XCTAssertEqual(a.count, b.count)
    }
}
