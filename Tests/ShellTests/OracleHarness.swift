// Runs one kubectl invocation through our simulator and through the real kubectl 1.32, for byte comparisons.
// The real binary needs discovery for `run` and `create role|clusterrole`; a discovery cache written from our
// resource registry answers it offline (kubectl reads `<cache-dir>/discovery/<host>/…` before asking the server).
import Foundation
import MiniCluster
import Shell
import TestSupport
import XCTest

struct OracleHarness {
    let dir: URL

    /// A scratch workspace with a kubeconfig pointing at a closed loopback port and a fresh discovery cache.
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.kubeconfig.write(to: dir.appendingPathComponent("kubeconfig"), atomically: true, encoding: .utf8)
        try writeDiscoveryCache()
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Our kubectl on a fresh default cluster whose workspace is `dir`.
    func ours(_ args: [String]) -> (out: String, err: String, status: Int32) {
        let session = ShellSession.withDefaultCluster(cwd: dir)
        let o = Output()
        let status = session.run(argv: ["kubectl"] + args, io: CommandIO(output: o))
        return (o.stdout, o.stderr, status)
    }

    /// The real kubectl with our kubeconfig and discovery cache; klog lines about the unreachable server dropped.
    func real(_ args: [String]) -> (out: String, err: String, status: Int32)? {
        let extra = ["--kubeconfig", dir.appendingPathComponent("kubeconfig").path,
                     "--cache-dir", dir.appendingPathComponent("cache").path]
        guard let r = RealKubectl.run(extra + args, cwd: dir) else { return nil }
        let err = r.err.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("memcache.go") }
            .joined(separator: "\n")
        return (r.out, err, r.status)
    }

    /// The invocation with extra flags placed before any `--` (after it they would be container arguments).
    static func with(_ c: [String], _ flags: [String]) -> [String] {
        var a = c
        a.insert(contentsOf: flags, at: c.firstIndex(of: "--") ?? c.count)
        return a
    }

    /// Asserts that both produce the same stdout, stderr and exit status.
    func assertSame(_ args: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard let want = real(args) else { return XCTFail("real kubectl did not run", file: file, line: line) }
        let got = ours(args)
        let cmd = (["kubectl"] + args).joined(separator: " ")
        if got.out != want.out {
            XCTFail("stdout differs for \(cmd):\n" + Transcript.diff(expected: want.out, actual: got.out), file: file, line: line)
        }
        XCTAssertEqual(got.err, want.err, "stderr of \(cmd)", file: file, line: line)
        XCTAssertEqual(got.status, want.status, "exit status of \(cmd)", file: file, line: line)
    }

    static let kubeconfig = """
    apiVersion: v1
    kind: Config
    clusters:
    - cluster:
        server: http://127.0.0.1:1
      name: c
    contexts:
    - context:
        cluster: c
        user: u
      name: c
    current-context: c
    users:
    - name: u
      user: {}

    """

    /// servergroups.json and one serverresources.json per group version, from the simulator's registry.
    private func writeDiscoveryCache() throws {
        let base = dir.appendingPathComponent("cache/discovery/127.0.0.1_1")
        var byGV: [String: [ResourceType]] = [:]
        var groupOrder: [String] = []
        for t in ResourceRegistry().types {
            for v in [t.version] + t.otherVersions {
                let gv = t.group.isEmpty ? v : "\(t.group)/\(v)"
                if byGV[gv] == nil { byGV[gv] = [] }
                byGV[gv]!.append(t)
            }
            if !groupOrder.contains(t.group) { groupOrder.append(t.group) }
        }
        var groups: [String] = []
        for g in groupOrder {
            let types = ResourceRegistry().types.filter { $0.group == g }
            guard let first = types.first else { continue }
            let versions = ([first.version] + first.otherVersions).map { v -> String in
                let gv = g.isEmpty ? v : "\(g)/\(v)"
                return "{\"groupVersion\":\"\(gv)\",\"version\":\"\(v)\"}"
            }
            let preferred = g.isEmpty ? first.version : "\(g)/\(first.version)"
            groups.append("{\"name\":\"\(g)\",\"versions\":[\(versions.joined(separator: ","))],\"preferredVersion\":{\"groupVersion\":\"\(preferred)\",\"version\":\"\(first.version)\"}}")
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[\(groups.joined(separator: ","))]}"
            .write(to: base.appendingPathComponent("servergroups.json"), atomically: true, encoding: .utf8)
        for (gv, types) in byGV {
            let resources = types.map { t -> String in
                let short = t.shortNames.map { "\"\($0)\"" }.joined(separator: ",")
                let verbs = t.verbs.map { "\"\($0)\"" }.joined(separator: ",")
                return "{\"name\":\"\(t.plural)\",\"singularName\":\"\(t.singular)\",\"namespaced\":\(t.namespaced),\"kind\":\"\(t.kind)\",\"verbs\":[\(verbs)],\"shortNames\":[\(short)]}"
            }
            let d = base.appendingPathComponent(gv)
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
            try "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"\(gv)\",\"resources\":[\(resources.joined(separator: ","))]}"
                .write(to: d.appendingPathComponent("serverresources.json"), atomically: true, encoding: .utf8)
        }
    }
}
