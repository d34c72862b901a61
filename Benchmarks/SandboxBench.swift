// Benchmark: how long `kubetutor sandbox` takes from process start to being ready for the first command.
import Foundation

/// Spawns `kubetutor sandbox` (found next to this binary) with a one-line `exit` script: process start to ready.
func sandboxStartup() {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kubetutor")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        print("sandbox start to first prompt: skipped (no kubetutor next to the bench binary)")
        return
    }
    report("sandbox: process start to first prompt (script `exit`)", median(21) {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["sandbox"]
        p.currentDirectoryURL = FileManager.default.temporaryDirectory
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return }
        input.fileHandleForWriting.write(Data("exit\n".utf8))
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
    })
}
