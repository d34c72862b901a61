// curl and wget on the learner's machine against a cluster whose pods the test runs itself (playing kubelet).
import Foundation
import MiniCluster
import Shell
import TestSupport
import XCTest

final class SandboxCurlTests: XCTestCase {
    private let dir = HostnameDirectory()
    private var session: ShellSession!
    private var cluster: Cluster { session.currentCluster! }
    private var workspace: URL!

    override func setUpWithError() throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        session = ShellSession.withDefaultCluster(cwd: workspace)
        cluster.network.containers = dir
        for (name, ip) in [("web-1", "10.8.0.5"), ("web-2", "10.8.1.7")] {
            try FakeKubelet.runPod(cluster, name, labels: ["app": "web"], ip: ip)
            dir.processes[name] = HostnameProcess(pod: name, ports: [8080])
        }
    }

    override func tearDown() { try? FileManager.default.removeItem(at: workspace) }

    /// What one command line wrote and returned.
    private struct R: Equatable {
        var out: String, err: String, status: Int32
        init(_ out: String, _ err: String, _ status: Int32) { self.out = out; self.err = err; self.status = status }
    }

    private func sh(_ line: String) -> R {
        let o = Output()
        let status = session.runLine(line, output: o)
        return R(o.stdout, o.stderr, status)
    }

    /// A LoadBalancer service for the web pods, provisioned; returns its external IP.
    private func loadBalancer() throws -> String {
        XCTAssertEqual(sh("kubectl create service loadbalancer web --tcp=80:8080").status, 0)
        session.sleep(.minutes(1))
        let ip = sh("kubectl get svc web -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").out
        XCTAssertFalse(ip.isEmpty)
        return ip
    }

    func testCurlALoadBalancerSpreadsOverPods() throws {
        let ip = try loadBalancer()
        var seen = Set<String>()
        for _ in 0..<20 {
            let r = sh("curl http://\(ip)/")
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertEqual(r.err, "", "no progress meter when stdout is a terminal")
            seen.insert(r.out)
        }
        XCTAssertEqual(seen, ["Hostname: web-1\n", "Hostname: web-2\n"])
        XCTAssertEqual(sh("curl -s -o /dev/null -w '%{http_code}\\n' \(ip)/missing").out, "404\n")
        XCTAssertEqual(sh("curl -sf \(ip)/missing"), R("", "", 22))
        XCTAssertEqual(sh("curl -fsS \(ip)/missing").err, "curl: (22) The requested URL returned error: 404\n")
        let head = sh("curl -sI \(ip)")
        XCTAssertEqual(head.out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
        XCTAssertTrue(sh("curl -i \(ip)").out.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHostname: web-"))
        let verbose = sh("curl -v \(ip)")
        XCTAssertTrue(verbose.err.hasPrefix("*   Trying \(ip):80...\n* Connected to \(ip) (\(ip)) port 80\n> GET / HTTP/1.1\n> Host: \(ip)\n"), verbose.err)
        XCTAssertTrue(verbose.err.hasSuffix("* Connection #0 to host \(ip) left intact\n"), verbose.err)
        XCTAssertEqual(sh("curl -s -H 'Host: app.example.com' -X POST -d a=1 \(ip)").status, 0)
        let sent = dir.processes.values.flatMap(\.requests).first { $0.method == "POST" }
        XCTAssertEqual(sent?.method, "POST")
        XCTAssertEqual(sent?.headers["Host"], "app.example.com")
        XCTAssertEqual(sent?.body, "a=1")
    }

    func testOutputFileAndProgressMeter() throws {
        let ip = try loadBalancer()
        let r = sh("curl -o page.txt http://\(ip)/")
        XCTAssertEqual(r.out, "")
        XCTAssertTrue(r.err.hasPrefix("  % Total    % Received % Xferd"), r.err)
        XCTAssertEqual(try String(contentsOf: workspace.appendingPathComponent("page.txt"), encoding: .utf8).prefix(9), "Hostname:")
        XCTAssertEqual(sh("curl -s \(ip) | wc -l").out.trimmingCharacters(in: .whitespaces), "1\n")
    }

    func testErrorsInCurlsWords() throws {
        XCTAssertEqual(sh("curl http://no.such.host/"), R("", "curl: (6) Could not resolve host: no.such.host\n", 6))
        XCTAssertEqual(sh("curl").err, "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
        XCTAssertEqual(sh("curl --bogus x").err, "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
        XCTAssertEqual(sh("curl ftp://x").err, "curl: (1) Protocol \"ftp\" not supported\n")
        // A load balancer with no ready backends: kube-proxy rejects.
        _ = try loadBalancer()
        _ = sh("kubectl delete pod web-1 web-2")
        let ip = sh("kubectl get svc web -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").out
        XCTAssertEqual(sh("curl \(ip)"), R("", "curl: (7) Failed to connect to \(ip) port 80 after 0 ms: Couldn't connect to server\n", 7))
        XCTAssertEqual(sh("curl -s \(ip)").status, 7)
    }

    func testClusterAddressesTimeOutFromTheLearnersMachine() throws {
        let before = cluster.now
        let pod = sh("curl http://10.8.0.5:8080/")
        XCTAssertEqual(pod, R("", "curl: (28) Failed to connect to 10.8.0.5 port 8080 after 134000 ms: Couldn't connect to server\n", 28))
        XCTAssertEqual(cluster.now.ms - before.ms, 134_000, "the wait passes in virtual time")
        XCTAssertEqual(sh("curl -m 5 10.8.0.5:8080").err, "curl: (28) Connection timed out after 5001 milliseconds\n")
        XCTAssertEqual(sh("curl --connect-timeout 3 10.8.0.5:8080").err,
                       "curl: (28) Failed to connect to 10.8.0.5 port 8080 after 3001 ms: Timeout was reached\n")
        XCTAssertEqual(sh("curl web").err, "curl: (6) Could not resolve host: web\n", "no cluster DNS outside the cluster")
    }

    func testLocalhostThroughAPortForward() throws {
        XCTAssertEqual(sh("curl localhost:8080").err, "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n")
        let ctx = session.kubeconfig.contexts[session.kubeconfig.currentContext ?? ""]?.cluster ?? ""
        session.portForwards.open(localPort: 8080, to: .init(cluster: ctx, namespace: "default", pod: "web-2", port: 8080))
        session.portForwards.open(localPort: 9000, to: .init(cluster: ctx, namespace: "default", pod: "web-2", port: 80))
        XCTAssertEqual(sh("curl -s http://localhost:8080/").out, "Hostname: web-2\n")
        XCTAssertEqual(sh("curl 127.0.0.1:9000").err, "curl: (52) Empty reply from server\n", "nothing listens on the pod's port")
        XCTAssertEqual(sh("wget -qO- localhost:8080").out, "Hostname: web-2\n")
    }

    func testWget() throws {
        let ip = try loadBalancer()
        let r = sh("wget http://\(ip)/")
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.err.hasPrefix("--2026-11-26 09:01:00--  http://\(ip)/\nConnecting to \(ip):80... connected.\nHTTP request sent, awaiting response... 200 OK\nLength: 16 [text/plain]\nSaving to: ‘index.html’\n"), r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("index.html").path))
        XCTAssertEqual(sh("wget -q \(ip)").status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("index.html.1").path))
        XCTAssertEqual(sh("wget -q -O - \(ip)/missing").status, 8)
        XCTAssertEqual(sh("wget nosuch").err, "--2026-11-26 09:01:00--  http://nosuch/\nResolving nosuch (nosuch)... failed: Name or service not known.\nwget: unable to resolve host address ‘nosuch’\n")
    }
}
