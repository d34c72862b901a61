// `kubetutor sandbox`: free play on a fresh cluster. Script mode when stdin is not a terminal (or --script);
// otherwise an interactive prompt where virtual time follows wall time.
import ArgumentParser
import Foundation
import MiniCluster
import Shell

struct Sandbox: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Free play on a fresh three-node GKE-like cluster.")

    @Option(name: .long, help: "Seed for names and addresses, so runs repeat exactly.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Run the commands of this file instead of reading standard input.")
    var script: String?

    @Flag(name: .customShort("e"), help: "Stop at the first command that fails (script mode).")
    var stopOnError = false

    @Flag(name: .long, help: "Start without any cluster (kubectl then has no server).")
    var noCluster = false

    func run() throws { try Self.start(seed: seed, script: script, stopOnError: stopOnError, noCluster: noCluster) }

    /// The command's work, callable without ArgumentParser (see `FastStart`).
    static func start(seed: UInt64, script: String?, stopOnError: Bool, noCluster: Bool) throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let interactive = script == nil && isatty(0) == 1
        let session = makeSession(cwd: cwd, startAtWallTime: interactive, seed: seed, noCluster: noCluster)
        if interactive {
            leave(Repl(session: session).run(), keeping: session)
        }
        let text: String
        if let script {
            guard let data = FileManager.default.contents(atPath: script) else {
                FileHandle.standardError.write(Data("kubetutor: cannot read \(script)\n".utf8))
                throw ExitCode(1)
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let output = Output { stream, chunk in
            FileHandle(fileDescriptor: stream == .stdout ? 1 : 2).write(Data(chunk.utf8))
        }
        var runner = ScriptRunner(stopOnError: stopOnError)
        runner.clearOutputAfterEachCommand = true
        leave(runner.run(text, session: session, output: output), keeping: session)
    }

    /// Ends the process while the session is still alive: releasing a cluster (every object, pod and program in
    /// it) only spends time at exit — 3–4% of a sandbox start-and-exit in perf, more for a big cluster.
    private static func leave(_ code: Int32, keeping session: ShellSession) -> Never {
        withExtendedLifetime(session) { Foundation.exit(code) }
    }

    /// The session: one cluster (unless --no-cluster), HOME and PWD at the workspace.
    static func makeSession(cwd: URL, startAtWallTime: Bool, seed: UInt64, noCluster: Bool) -> ShellSession {
        let env = ["HOME": cwd.path, "PWD": cwd.path, "USER": ProcessInfo.processInfo.environment["USER"] ?? "learner"]
        let start = startAtWallTime ? Timestamp(ms: Int64(Date().timeIntervalSince1970 * 1000)) : nil
        if noCluster {
            let s = ShellSession(cwd: cwd, env: env)
            // Clusters gcloud creates start at the cloud's time.
            if let start { s.cloud.now = start }
            return s
        }
        let s = ShellSession.withDefaultCluster(cwd: cwd, seed: seed, start: start)
        s.env = s.env.merging(env) { _, new in new }
        return s
    }
}
