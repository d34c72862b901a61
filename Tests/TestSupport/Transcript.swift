// Golden transcripts: a file of `$ command` lines, each followed by the exact terminal output expected
// (stdout and stderr interleaved as written, then `[exit N]` when the status is not 0).
// Re-record every golden file with KUBETUTOR_RECORD=1 and review the diff like code.
import Foundation
import MiniCluster
import Shell

public enum Transcript {
    public struct Options {
        public var seed: UInt64 = 1
        public init() {}
    }

    /// The commands of a transcript file: `$ ` starts a command, `> ` continues it (here-documents, `\`).
    public static func commands(in text: String) -> [String] {
        var cmds: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("$ ") { cmds.append(String(line.dropFirst(2))) }
            else if line.hasPrefix("> "), !cmds.isEmpty { cmds[cmds.count - 1] += "\n" + line.dropFirst(2) }
            else if line == ">", !cmds.isEmpty { cmds[cmds.count - 1] += "\n" }
        }
        return cmds
    }

    /// Runs the commands on a fresh sandbox session and renders the transcript as it should read.
    /// `cwd` is the workspace folder (files the commands read); `# seed: N` on the first line sets the seed;
    /// a header line `# workspace: empty` runs in a fresh empty folder instead (for transcripts that write files).
    public static func render(_ text: String, cwd: URL) -> String {
        var seed: UInt64 = 1
        if let first = text.split(separator: "\n").first, first.hasPrefix("# seed: "), let s = UInt64(first.dropFirst(8)) {
            seed = s
        }
        var cwd = cwd
        let header = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("#") }
        var scratch: URL?
        if header.contains("# workspace: empty") {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-transcript-\(UUID().uuidString)")
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            scratch = dir
            cwd = dir
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        // `# cluster: none` starts as `kubetutor sandbox --no-cluster` does.
        let session = header.contains("# cluster: none") ? ShellSession(cwd: cwd) : ShellSession.withDefaultCluster(cwd: cwd, seed: seed)
        session.env = session.env.merging(["HOME": cwd.path]) { _, new in new }
        for line in text.split(separator: "\n") where line.hasPrefix("# fixture: ") {
            Fixtures.apply(String(line.dropFirst(11)), to: session)
        }
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { out += line + "\n" } else { break }
        }
        for cmd in commands(in: text) {
            let lines = cmd.split(separator: "\n", omittingEmptySubsequences: false)
            out += "$ " + lines[0] + "\n"
            for l in lines.dropFirst() { out += (l.isEmpty ? ">" : "> " + l) + "\n" }
            let o = Output()
            let status = session.attachedShell.map { $0.feed(cmd, output: o) } ?? session.runLine(cmd, output: o)
            var text = o.combined
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            out += text
            if status != 0 { out += "[exit \(status)]\n" }
        }
        return out
    }

    /// Compares a golden file with a fresh run; records it instead when KUBETUTOR_RECORD is set.
    /// Returns nil when they match, else a unified-ish diff for the failure message.
    public static func check(file: URL, cwd: URL? = nil) throws -> String? {
        let text = try String(contentsOf: file, encoding: .utf8)
        let actual = render(text, cwd: cwd ?? file.deletingLastPathComponent())
        if ProcessInfo.processInfo.environment["KUBETUTOR_RECORD"] != nil {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        if actual == text { return nil }
        return diff(expected: text, actual: actual)
    }

    public static func diff(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<missing>"
            let al = i < a.count ? String(a[i]) : "<missing>"
            if el != al { out.append("line \(i + 1):\n  expected: \(el)\n  actual:   \(al)") }
            if out.count > 12 { break }
        }
        return out.joined(separator: "\n")
    }
}

/// The real kubectl 1.32 binary, when this machine has it (oracle tests skip otherwise).
public enum RealKubectl {
    public static let path: String? = {
        let candidates = ["/usr/lib/google-cloud-sdk/bin/kubectl.1.32", "/usr/local/bin/kubectl.1.32"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs the real kubectl with an empty kubeconfig in `cwd`; returns (stdout, stderr, status).
    public static func run(_ args: [String], cwd: URL? = nil) -> (out: String, err: String, status: Int32)? {
        guard let path else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["KUBECONFIG"] = "/dev/null"
        p.environment = env
        if let cwd { p.currentDirectoryURL = cwd }
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        do { try p.run() } catch { return nil }
        let od = o.fileHandleForReading.readDataToEndOfFile()
        let ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: od, as: UTF8.self), String(decoding: ed, as: UTF8.self), p.terminationStatus)
    }
}
