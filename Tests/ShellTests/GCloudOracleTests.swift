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

    private func real(_ args: [String], env extra: [String: String] = [:]) -> (out: String, err: String, status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.gcloud!)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["CLOUDSDK_CONFIG"] = config.path
        env["CLOUDSDK_CORE_DISABLE_USAGE_REPORTING"] = "true"
        env["CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK"] = "true"
        env.merge(extra) { _, new in new }
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
        // As the real configuration's: its log has this one command (suggestions prefer recently used groups).
        _ = s.runLine("gcloud config set project kubetutor-project", output: Output())
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
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--num-nodes", "0"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--num-nodes=0", "--bogus"],
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

    /// A group run without a command: the error, then the group's subgroups and commands (stderr, exit 2). TERM=dumb
    /// as the simulation prints no bold. The real ones run in parallel (each takes a second to start).
    func testGroupsAloneListTheirCommands() {
        let groups = ["container", "container clusters", "container node-pools", "container fleet",
                      "container fleet memberships", "artifacts", "artifacts repositories", "auth", "config", "compute",
                      "compute instances"].map { $0.split(separator: " ").map(String.init) }
        let reals = UnsafeMutableBufferPointer<(out: String, err: String, status: Int32)>.allocate(capacity: groups.count)
        reals.initialize(repeating: ("", "", 0))
        defer { reals.deallocate() }
        DispatchQueue.concurrentPerform(iterations: groups.count) { i in reals[i] = real(groups[i], env: ["TERM": "dumb"]) }
        for (i, args) in groups.enumerated() {
            let o = ours(args), cmd = "gcloud " + args.joined(separator: " ")
            XCTAssertEqual(o.status, reals[i].status, cmd)
            XCTAssertEqual(o.out, reals[i].out, cmd)
            XCTAssertEqual(o.err, reals[i].err, cmd)
        }
    }

    /// Typos: "Maybe you meant" commands for a mistyped group or command (or the top-level usage when nothing
    /// matches), "did you mean" for mistyped flags, and the choices of --release-channel.
    func testTypoSuggestionsMatch() {
        compare([
            ["containr"],
            ["conifg", "list"],
            ["container", "clusterz", "list"],
            ["container", "clusters", "creat", "web"],
            ["container", "clusters", "delet", "hello", "--zone", "us-central1-a"],
            ["compute", "instance", "list"],
            ["container", "node-pool", "list"],
            ["container", "get-server-confg"],
            ["config", "st", "compute/zone", "us-central1-a"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--release-channel=stabel"],
            ["container", "clusters", "update", "web", "--zone", "us-central1-a", "--release-channel", "STABLE"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--zon=us-central1-a", "--num-node", "3"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--enable-autoscalin"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--release-channel=stabel", "--num-node", "2"],
            ["container", "clusters", "create", "web", "--zone", "us-central1-a", "--machine_type=e2-medium"],
            ["container", "clusters", "resize", "web", "--zone", "us-central1-a", "--nodes", "3"],
            ["container", "clusters", "list", "--regin", "us-central1"],
            ["compute", "instances", "list", "--zone", "us-central1-a"],
            ["config", "set", "compute/zone", "us-central1-a", "--projet", "p"],
            ["help", "container", "clusterz"],
            ["container", "clusters", "update", "web", "--zone", "us-central1-a"],
            ["container", "clusters", "update", "web", "--zone", "us-central1-a", "--workload-pool=p.svc.id.goog", "--release-channel", "stable"],
            ["container", "clusters", "update", "web", "--zone", "us-central1-a", "--max-nodes", "3", "--enable-network-policy", "--enable-autoscaling"],
        ])
    }

    /// `--help` prints the manual page: the same sections in the same order, NAME, SYNOPSIS, GCLOUD WIDE FLAGS and
    /// NOTES as the real one, and every flag of the real flag lists in the same order and grouping (descriptions
    /// are shortened, DESCRIPTION and EXAMPLES are in our words). The real pages are read in parallel (slow starts).
    func testHelpPagesHaveTheRealSectionsAndFlags() {
        let pages = UnsafeMutableBufferPointer<String>.allocate(capacity: Self.paths.count)
        pages.initialize(repeating: "")
        defer { pages.deallocate() }
        DispatchQueue.concurrentPerform(iterations: Self.paths.count) { i in
            let args = Self.paths[i].split(separator: " ").map(String.init) + ["--help"]
            pages[i] = real(args, env: ["PAGER": "cat", "TERM": "dumb"]).out
                .replacingOccurrences(of: "\u{1b}\\[[0-9;]*m", with: "", options: .regularExpression)
        }
        for (i, path) in Self.paths.enumerated() {
            let r = Self.sections(pages[i])
            let o = ours(path.split(separator: " ").map(String.init) + ["--help"])
            XCTAssertEqual(o.status, 0, path)
            XCTAssertEqual(ours(["help"] + path.split(separator: " ").map(String.init)).out, o.out, "gcloud help \(path)")
            let mine = Self.sections(o.out)
            XCTAssertEqual(mine.map(\.0), r.map(\.0), path)
            for name in ["NAME", "SYNOPSIS", "GCLOUD WIDE FLAGS", "NOTES"] {
                XCTAssertEqual(mine.first { $0.0 == name }?.1, r.first { $0.0 == name }?.1, "\(path): \(name)")
            }
            XCTAssertEqual(Self.flagLines(o.out), Self.flagLines(pages[i]), path)
            if !path.hasPrefix("config get") { XCTAssertGreaterThan(Self.flagLines(o.out).count, 0, path) }
            XCTAssertTrue(o.out.hasSuffix("\n\n") && pages[i].hasSuffix("\n\n"), path)
        }
    }

    /// A manual page's sections: heading and body.
    static func sections(_ page: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.range(of: "^[A-Z][A-Z ]*$", options: .regularExpression) != nil { out.append((String(line), "")) } else if !out.isEmpty {
                out[out.count - 1].1 += line + "\n"
            }
        }
        return out
    }

    /// The flag entries of a page's flag lists (`     --zone=ZONE, -z ZONE`) and group headings, with their indent.
    static func flagLines(_ page: String) -> [String] {
        var inFlags = false
        var previous = ""
        // An entry starts a paragraph (a wrapped sentence of prose may also begin with `--`).
        return page.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            defer { previous = String(line) }
            if line.range(of: "^[A-Z][A-Z ]*$", options: .regularExpression) != nil { inFlags = line.hasSuffix("FLAGS") && line != "GCLOUD WIDE FLAGS"; return nil }
            let indent = line.prefix { $0 == " " }.count
            let t = line.dropFirst(indent)
            let startsParagraph = previous.trimmingCharacters(in: .whitespaces).isEmpty || previous.first?.isUppercase == true
            guard inFlags, startsParagraph, indent % 2 == 1, t.hasPrefix("--") || t.hasSuffix(":") else { return nil }
            return String(line)
        }
    }
}
