import Foundation
import MiniCluster
import Shell
import TestSupport
import XCTest

/// `kubectl config …` against the real kubectl 1.32 reading the kubeconfig our `config view --raw` prints.
final class ConfigOracleTests: XCTestCase {
    private func ours(_ s: ShellSession, _ line: String) -> (String, Int32) {
        let o = Output()
        let st = s.runLine(line, output: o)
        return (o.combined, st)
    }

    func testConfigVerbsMatchTheRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let commands = [
            "config view", "config view --minify", "config view --raw", "config view -o json", "config view --raw -o json",
            "config view -o jsonpath={.clusters[0].cluster.server}", "config view -o jsonpath={.users[0].user.exec}",
            "config current-context", "config get-contexts", "config get-contexts -o name", "config get-contexts nope",
            "config get-clusters", "config get-users", "config use-context nope", "config bogus",
            "config set-context --current --namespace=dev", "config set-context --current -n dev", "config set-context",
            "config set-context other --namespace=x", "config delete-context nope", "config rename-context nope x",
        ]
        for setup in ["", "kubectl config set-context --current --namespace=dev"] {
            for cmd in commands {
                let s = ShellSession.withDefaultCluster(cwd: dir)
                if !setup.isEmpty { _ = ours(s, setup) }
                let file = dir.appendingPathComponent("kubeconfig")
                try ours(s, "kubectl config view --raw").0.write(to: file, atomically: true, encoding: .utf8)
                s.kubeconfig.path = file.path
                let o = Output()
                let status = s.runLine("kubectl " + cmd, output: o)
                guard let real = RealKubectl.run(["--kubeconfig", file.path] + cmd.split(separator: " ").map(String.init)) else {
                    throw XCTSkip("real kubectl did not run")
                }
                XCTAssertEqual(status, real.status, cmd)
                XCTAssertEqual(o.stdout, real.out, cmd)
                XCTAssertEqual(o.stderr, real.err, cmd)
            }
        }
    }

    func testClusterInfoListsClusterServices() throws {
        let s = ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory)
        s.env["TERM"] = "dumb"
        // The GKE add-on Services (kube-dns, default-http-backend, metrics-server) exist from bootstrap.
        let host = try XCTUnwrap(s.kubeconfig.currentServer)
        XCTAssertEqual(ours(s, "kubectl cluster-info").0, """
        Kubernetes control plane is running at \(host)
        GLBCDefaultBackend is running at \(host)/api/v1/namespaces/kube-system/services/default-http-backend:http/proxy
        KubeDNS is running at \(host)/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy
        Metrics-server is running at \(host)/api/v1/namespaces/kube-system/services/https:metrics-server:/proxy

        To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.

        """)
    }

    func testClusterInfoWithoutCluster() {
        let s = ShellSession(cwd: FileManager.default.temporaryDirectory)
        let o = Output()
        XCTAssertEqual(s.runLine("kubectl cluster-info", output: o), 1)
        XCTAssertEqual(o.stdout, "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
        // kubectl 1.32 with no kubeconfig first logs five client-go discovery errors (klog lines, then the message).
        let lines = o.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 6, o.stderr)
        XCTAssertTrue(lines.dropLast().allSatisfy { $0.hasPrefix("E1126 ") && $0.contains(" memcache.go:265] \"Unhandled Error\" err=") }, o.stderr)
        XCTAssertEqual(lines.last, "The connection to the server localhost:8080 was refused - did you specify the right host or port?")
    }
}
