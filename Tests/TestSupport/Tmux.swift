// Terminal end-to-end tests: a program in its own tmux server, driven by keys and read from the pane.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One tmux server (its own socket, no user config) running one program in a detached session.
public final class TmuxSession {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let socket: String
    private let tmux: String

    /// Starts `command` (a shell command line) in a `width`×`height` pane with `cwd` and extra environment.
    /// The program runs under `sh -c` so its exit status shows as `[exit N]` and the pane stays readable.
    public init(command: String, width: Int = 100, height: Int = 30, cwd: URL, environment: [String: String] = [:]) throws {
        guard let path = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "tmux is not installed (make test installs it)")
        }
        tmux = path
        socket = "kubetutor-test-\(UUID().uuidString.prefix(8))"
        var env = ["LANG=C.UTF-8", "SWIFT_BACKTRACE=interactive=no", "TERM=xterm-256color"]
        env += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let wrapped = "cd \(Self.quote(cwd.path)) && trap : INT; \(command); echo \"[exit $?]\"; exec sleep 600"
        var args = ["-L", socket, "-f", "/dev/null", "start-server", ";", "set", "-g", "remain-on-exit", "on", ";",
                    "new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height)]
        for e in env { args += ["-e", e] }
        args += ["sh", "-c", wrapped]
        // The server daemonizes and would inherit a captured stdout, so this call reads nothing back.
        try run(args, capture: false)
    }

    deinit { try? run(["-L", socket, "kill-server"], capture: false) }

    /// Types text literally (no key names).
    public func type(_ text: String) throws { try run(["-L", socket, "send-keys", "-t", "t", "-l", text]) }

    /// Sends tmux key names: `Enter`, `Up`, `C-a`, `C-c`, `BSpace` …
    public func keys(_ names: String...) throws { try run(["-L", socket, "send-keys", "-t", "t"] + names) }

    /// Resizes the window (the program sees SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try run(["-L", socket, "resize-window", "-t", "t", "-x", String(width), "-y", String(height)])
    }

    /// Sends a signal (`TERM`, `HUP`, …) to the program. The pane runs `sh -c '…; program; echo …'`, so the
    /// program is the pane's child.
    public func signalProgram(_ signal: String) throws {
        let pid = try display("#{pane_pid}")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        p.arguments = ["-\(signal)", "-P", pid]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failure(description: "pkill -\(signal) -P \(pid) matched no program") }
    }

    /// A tmux format evaluated for the pane: `#{alternate_on}` is 1 while a program holds the alternate screen.
    public func display(_ format: String) throws -> String {
        try run(["-L", socket, "display-message", "-p", "-t", "t", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pane's text with its scrollback, trailing blank lines removed (tmux drops trailing spaces: wait for
    /// `prompt$`, not `prompt$ `).
    public func screen() throws -> String {
        let text = try run(["-L", socket, "capture-pane", "-t", "t", "-p", "-S", "-"])
        var lines = text.components(separatedBy: "\n")
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Polls the pane every 20 ms until `predicate` holds for its text, or fails after `timeout` seconds with
    /// what was on screen.
    @discardableResult
    public func waitFor(timeout: Double = 5, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(20_000)
        }
        throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
    }

    /// Waits until `text` appears on screen `count` times (a prompt after N commands).
    @discardableResult
    public func waitFor(_ text: String, count: Int = 1, timeout: Double = 5) throws -> String {
        try waitFor(timeout: timeout, "\(count)× \"\(text)\"") { $0.components(separatedBy: text).count - 1 >= count }
    }

    /// Runs tmux with `args` and returns what it printed. posix_spawn with a clean signal mask and default
    /// handlers, not Foundation's Process: a tmux server started from a test process otherwise inherits its
    /// blocked signals (the pane's program never starts) and the exiting client is never reaped.
    @discardableResult
    private func run(_ args: [String], capture: Bool = true) throws -> String {
        var fds: [Int32] = [-1, -1]
        if capture { guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed") } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([tmux] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attr, argv, environ)
        if capture { close(fds[1]) }
        guard rc == 0 else {
            if capture { close(fds[0]) }
            throw Failure(description: "could not start tmux (\(rc))")
        }
        var data = [UInt8]()
        if capture {
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buf, buf.count)
                if n > 0 { data.append(contentsOf: buf[0..<n]); continue }
                if n < 0, errno == EINTR { continue }
                break
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return String(decoding: data, as: UTF8.self)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
