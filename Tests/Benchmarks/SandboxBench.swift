// Benchmark: how long `kubetutor sandbox` takes from process start to being ready for the first command.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Spawns `kubetutor sandbox` (found next to this binary) with a one-line `exit` script: process start to ready.
/// posix_spawn + waitpid rather than Foundation's `Process`, whose wait loop adds tens of milliseconds of its own.
func sandboxStartup() {
    guard let binary = kubetutorBinary(for: "sandbox start to first prompt") else { return }
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-bench-exit.txt")
    try? Data("exit\n".utf8).write(to: script)
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(FileManager.default.temporaryDirectory.path)
    defer {
        FileManager.default.changeCurrentDirectoryPath(previous)
        try? FileManager.default.removeItem(at: script)
    }
    report("spawn of /bin/true (process start floor, for comparison)", median(21) { spawnAndWait(["/bin/true"], stdin: script.path) },
           inProcess: false)
    report("sandbox: process start to first prompt (script `exit`)", median(21) {
        spawnAndWait([binary.path, "sandbox"], stdin: script.path)
    }, inProcess: false)
}

/// The `kubetutor` built next to this benchmark binary (make bench builds both); nil, saying so, when it is missing.
func kubetutorBinary(for benchmark: String) -> URL? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kubetutor")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        print("\(benchmark): skipped (no kubetutor next to the bench binary)")
        return nil
    }
    return binary
}

/// Runs argv in the temporary folder (the sandbox's workspace) with stdin from a file and stdout/stderr to /dev/null; waits for it to exit.
private func spawnAndWait(_ argv: [String], stdin path: String) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
}
