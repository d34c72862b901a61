// `kubetutor sandbox`: free play on a fresh cluster; script mode when stdin is not a terminal.
import ArgumentParser
import Foundation
import MiniCluster
import Shell

struct Sandbox: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Free play on a fresh three-node GKE-like cluster.")

    @Option(name: .long, help: "Seed for names and addresses, so runs repeat exactly.")
    var seed: UInt64 = 1

    func run() throws {
        let session = ShellSession.withDefaultCluster(cwd: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), seed: seed)
        let output = Output { stream, text in
            FileHandle(fileDescriptor: stream == .stdout ? 1 : 2).write(text.data(using: .utf8)!)
        }
        var status: Int32 = 0
        while let line = readLine() {
            status = session.runLine(line, output: output)
            output.clear()
        }
        throw ExitCode(status)
    }
}
