import Foundation
import XCTest

/// Runs the built `kubetutor sandbox` binary in script mode and checks its exact output and exit status.
final class SandboxTests: XCTestCase {
    /// The kubetutor binary next to the test bundle (skips when it was not built).
    static func binary() throws -> URL {
        var candidates = [Bundle(for: SandboxTests.self).bundleURL.deletingLastPathComponent().appendingPathComponent("kubetutor")]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/kubetutor"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("kubetutor binary not built")
        }
        return found
    }

    private func sandbox(_ args: [String], stdin: String, cwd: URL? = nil) throws -> (out: String, err: String, status: Int32) {
        let p = Process()
        p.executableURL = try Self.binary()
        p.arguments = ["sandbox"] + args
        let dir = cwd ?? FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if cwd == nil { try? FileManager.default.removeItem(at: dir) } }
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "interactive=no"
        p.environment = env
        let i = Pipe(), o = Pipe(), e = Pipe()
        p.standardInput = i
        p.standardOutput = o
        p.standardError = e
        try p.run()
        i.fileHandleForWriting.write(Data(stdin.utf8))
        try i.fileHandleForWriting.close()
        let od = o.fileHandleForReading.readDataToEndOfFile()
        let ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: od, as: UTF8.self), String(decoding: ed, as: UTF8.self), p.terminationStatus)
    }

    func testScriptModeRunsEveryCommandAndReturnsTheLastStatus() throws {
        let script = """
        # a comment line
        echo hello
        cat <<EOF
        here $((1+1))
        EOF
        echo a \\
          b
        nope
        kubectl version --client
        false
        """
        let r = try sandbox([], stdin: script)
        XCTAssertEqual(r.out, "hello\nhere 2\na b\nClient Version: v1.32.5\nKustomize Version: v5.5.0\n")
        XCTAssertEqual(r.err, "sh: nope: command not found\n")
        XCTAssertEqual(r.status, 1)
    }

    func testStopOnErrorWithE() throws {
        let r = try sandbox(["-e"], stdin: "echo one\ncat missing\necho two\n")
        XCTAssertEqual(r.out, "one\n")
        XCTAssertEqual(r.err, "cat: missing: No such file or directory\n")
        XCTAssertEqual(r.status, 1)
    }

    func testExitStatusAndSyntaxErrors() throws {
        let r = try sandbox([], stdin: "echo 'open\n")
        XCTAssertEqual(r.err, "sh: syntax error: unterminated quoted string\n")
        XCTAssertEqual(r.status, 2)
        let e = try sandbox([], stdin: "echo a\nexit 7\necho never\n")
        XCTAssertEqual(e.out, "a\n")
        XCTAssertEqual(e.status, 7)
    }

    func testNoClusterAndSeed() throws {
        let r = try sandbox(["--no-cluster"], stdin: "kubectl version\n")
        XCTAssertEqual(r.err, "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n")
        XCTAssertEqual(r.status, 1)
        let script = "kubectl create deployment web --image=nginx\nkubectl get deployment web -o jsonpath='{.metadata.uid}'\n"
        let a = try sandbox(["--seed", "7"], stdin: script)
        let b = try sandbox(["--seed", "7"], stdin: script)
        let c = try sandbox(["--seed", "8"], stdin: script)
        XCTAssertEqual(a.out, b.out)
        XCTAssertNotEqual(a.out, c.out)
        XCTAssertEqual(a.status, 0)
    }

    func testScriptFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "echo from-file > out.txt\ncat out.txt\n".write(to: dir.appendingPathComponent("s.sh"), atomically: true, encoding: .utf8)
        let r = try sandbox(["--script", "s.sh"], stdin: "echo ignored\n", cwd: dir)
        XCTAssertEqual(r.out, "from-file\n")
        XCTAssertEqual(r.status, 0)
    }
}
