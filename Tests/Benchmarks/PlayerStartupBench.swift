// Benchmark: a real `kubetutor` process on a pseudo-terminal, from spawn to its first drawn course map — what a
// learner waits for after typing the command. The in-process TUI benchmark leaves out process start (loader,
// runtime, argument parsing) and curses start-up; this one does not.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func playerStartup() {
    guard let binary = kubetutorBinary(for: "player start to first frame") else { return }
    let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Lessons").standardizedFileURL
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-bench-player-\(getpid())")
    defer { try? FileManager.default.removeItem(at: state) }
    var env = ProcessInfo.processInfo.environment
    env["TERM"] = "xterm-256color"
    env["XDG_STATE_HOME"] = state.path
    env.removeValue(forKey: "NO_COLOR")
    let argv = [binary.path, "play", "--lessons", lessons.path]
    // The status line's key hint is drawn last in the first frame (curses paints top to bottom).
    var failures = 0
    report("player: process start to first course-map frame (pty 200×60)", median(11) {
        try? FileManager.default.removeItem(at: state)
        if !spawnOnPTY(argv, env: env, until: "quit") { failures += 1 }
    }, inProcess: false)
    if failures > 0 { print("player: \(failures) runs never drew the course map") }
}

/// Spawns argv on a new 200×60 pseudo-terminal, reads its output until `marker` appears (true) or it exits or 5 s
/// pass (false), then sends `q` and waits for it.
private func spawnOnPTY(_ argv: [String], env: [String: String], until marker: String) -> Bool {
    var master: Int32 = -1, slave: Int32 = -1
    var size = winsize(ws_row: 60, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { return false }
    defer { close(master) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
    posix_spawn_file_actions_addclose(&actions, master)
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    posix_spawnattr_setflags(&attr, 0x80)  // POSIX_SPAWN_SETSID (glibc ≥ 2.26; the macro needs _GNU_SOURCE): a session of its own
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (cArgs + cEnv).forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, &attr, cArgs, cEnv) == 0 else { close(slave); return false }
    close(slave)
    var seen = [UInt8](), found = false
    let want = Array(marker.utf8)
    var buf = [UInt8](repeating: 0, count: 65536)
    let deadline = DispatchTime.now().uptimeNanoseconds + 5_000_000_000
    while !found, DispatchTime.now().uptimeNanoseconds < deadline {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 100) >= 0 else { break }
        if pfd.revents == 0 { continue }
        let n = read(master, &buf, buf.count)
        if n <= 0 { break }
        seen.append(contentsOf: buf[0..<n])
        // Only the tail can hold a new match.
        let from = max(0, seen.count - n - want.count)
        found = seen[from...].withUnsafeBufferPointer { tail in
            tail.count >= want.count && (0...(tail.count - want.count)).contains { i in
                (0..<want.count).allSatisfy { tail[i + $0] == want[$0] }
            }
        }
    }
    _ = "q".withCString { write(master, $0, 1) }
    // Drain until it exits so the next run starts on a quiet machine.
    var status: Int32 = 0
    for _ in 0..<200 {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        if poll(&pfd, 1, 10) > 0, read(master, &buf, buf.count) <= 0 { break }
        if waitpid(pid, &status, WNOHANG) == pid { return found }
    }
    kill(pid, SIGKILL)
    waitpid(pid, &status, 0)
    return found
}
