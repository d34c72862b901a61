import Foundation
import MiniCluster
import Shell
import TestSupport
import XCTest

/// Thousands of damaged manifests and random command lines, fixed seed: every one must be answered — a result
/// (exit 0) or an error message on stderr (non-zero exit) — and nothing may crash. A longer run is in `make bench`.
final class FuzzTests: XCTestCase {
    var workspace: URL!

    override func setUpWithError() throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: workspace) }

    static let manifestDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/reference/manifests").standardizedFileURL

    func manifests() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: Self.manifestDir.path) else {
            throw XCTSkip("no reference manifests at \(Self.manifestDir.path)")
        }
        return try names.filter { $0.hasSuffix(".yaml") }.sorted().map {
            try String(contentsOf: Self.manifestDir.appendingPathComponent($0), encoding: .utf8)
        }
    }

    /// Runs one line and checks the answer's shape.
    func answer(_ session: ShellSession, _ line: String, file: StaticString = #filePath, lineNo: UInt = #line) {
        let out = Output()
        let status = session.runLine(line, output: out)
        // grep finding nothing exits 1 in silence, as the real one does.
        let silentGrep = status == 1 && line.split(separator: " ").contains("grep")
        if status != 0, !silentGrep {
            // `2>&1` in a line sends the message to stdout, so look at both streams.
            XCTAssertFalse(out.combined.isEmpty, "exit \(status) with no message for: \(line)", file: file, line: lineNo)
        }
    }

    func testMutatedManifestTextIsAnswered() throws {
        let docs = try manifests()
        var rng = SeededRandom(seed: 20261126)
        let session = ShellSession.withDefaultCluster(cwd: workspace, seed: 1)
        let path = workspace.appendingPathComponent("m.yaml")
        for i in 0..<600 {
            let text = Fuzz.mutateText(docs[i % docs.count], using: &rng)
            try text.write(to: path, atomically: true, encoding: .utf8)
            answer(session, i % 2 == 0 ? "kubectl apply -f m.yaml" : "kubectl create -f m.yaml --dry-run=client -o yaml")
        }
    }

    func testMutatedManifestTreesAreAnswered() throws {
        let docs = try manifests()
        var rng = SeededRandom(seed: 7)
        let session = ShellSession.withDefaultCluster(cwd: workspace, seed: 1)
        let path = workspace.appendingPathComponent("t.json")
        for i in 0..<600 {
            guard let objs = try? YAMLCodec.decodeAll(docs[i % docs.count]), let first = objs.first else { continue }
            let mutated = Fuzz.mutateTree(first, using: &rng)
            try JSONCodec.encode(mutated).write(to: path, atomically: true, encoding: .utf8)
            answer(session, i % 3 == 0 ? "kubectl create -f t.json" : "kubectl apply -f t.json")
        }
    }

    func testRandomCommandLinesAreAnswered() {
        var rng = SeededRandom(seed: 42)
        let session = ShellSession.withDefaultCluster(cwd: workspace, seed: 1)
        for _ in 0..<2000 { answer(session, Fuzz.commandLine(using: &rng)) }
    }
}
