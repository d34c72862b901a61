// The simulated gcloud against the real Google Cloud CLI for what it answers offline: usage errors (unknown flags,
// missing arguments, bad values, conflicting location flags) and `-h` usage blocks with their flag lists.
// Skips when gcloud is not installed. Each run gets a fresh configuration folder with only a project set.
import Foundation
import MiniCluster
import Shell
import XCTest

final class GCloudOracleTests: XCTestCase {
    static let gcloud: String? = ["/usr/bin/gcloud", "/usr/lib/google-cloud-sdk/bin/gcloud"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private var config: URL!

    override func setUpWithError() throws {
        guard Self.gcloud != nil else { throw XCTSkip("gcloud is not installed") }
        config = FileManager.default.temporaryDirectory.appendingPathComponent("gcloud-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        _ = real(["config", "set", "project", "kubetutor-project"])
    }

    override func tearDown() { if let config { try? FileManager.default.removeItem(at: config) } }

    private func real(_ args: [String]) -> (out: String, err: String, status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.gcloud!)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["CLOUDSDK_CONFIG"] = config.path
        env["CLOUDSDK_CORE_DISABLE_USAGE_REPORTING"] = "true"
        env["CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK"] = "true"
        p.environment = env
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        p.standardInput = FileHandle.nullDevice
        try! p.run()
        let od = o.fileHandleForReading.readDataToEndOfFile()
        let ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: od, as: UTF8.self), String(decoding: ed, as: UTF8.self), p.terminationStatus)
    }

    private func ours(_ args: [String]) -> (out: String, err: String, status: Int32) {
        let s = ShellSession(cwd: FileManager.default.temporaryDirectory)
        let out = Output()
        let status = s.run(argv: ["gcloud"] + args, io: CommandIO(stdin: "", out: { out.write($0, to: .stdout) }, err: { out.write($0, to: .stderr) }))
        return (out.stdout, out.stderr, status)
    }

    private func compare(_ cases: [[String]], file: StaticString = #filePath, line: UInt = #line) {
        for args in cases {
            let r = real(args), o = ours(args)
            let cmd = "gcloud " + args.joined(separator: " ")
            XCTAssertEqual(o.status, r.status, cmd, file: file, line: line)
            XCTAssertEqual(o.out, r.out, cmd, file: file, line: line)
            XCTAssertEqual(o.err, r.err, cmd, file: file, line: line)
        }
    }

    static let paths = [
        "config set", "config get", "config get-value", "config unset", "config list",
        "container clusters create", "container clusters list", "container clusters describe",
        "container clusters get-credentials", "container clusters resize", "container clusters delete",
        "container clusters update", "container node-pools create", "container node-pools list",
        "container node-pools describe", "container node-pools delete", "container get-server-config",
        "compute instances list",
    ]

    func testUsageBlocksAndFlagListsMatch() {
        compare(Self.paths.map { $0.split(separator: " ").map(String.init) + ["-h"] })
    }

    func testUsageErrorsMatch() {
        compare([
            ["container", "clusters", "list", "--bogus"],
            ["container", "clusters", "create", "web", "--bogus-flag=1", "--zone", "us-central1-a"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--region", "us-central1"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--num-nodes=abc"],
            ["container", "clusters", "create", "web", "--zone"],
            ["container", "clusters", "create", "--zone", "us-central1-a"],
            ["container", "clusters", "get-credentials"],
            ["container", "clusters", "delete"],
            ["container", "clusters", "describe", "a", "b", "--zone", "us-central1-a"],
            ["container", "node-pools", "create", "--cluster", "web"],
            ["config", "set"],
            ["config", "set", "compute/zone"],
            ["config", "get", "nope/zone"],
            ["config", "get", "compute/colour"],
        ])
    }
}
