// What a command inside a container can reach: the container's files and environment, its log, the network,
// and the program's clock (sleeping suspends the program in virtual time).

/// One in-container command: argv (with argv[0]), streams, the container; returns the exit status.
typealias Applet = (_ argv: [String], _ io: ShellIO, _ host: AppletHost) -> Int32

/// Which userland an image has: busybox's applets and wording, or GNU coreutils with bash/dash.
public enum Userland: Sendable { case busybox, gnu }

final class AppletHost {
    let ctx: ContainerContext
    /// The shell's variables (for `env`, `printenv`, `cd`); nil for a command run without a shell.
    var shellEnv: ShellEnvironment?
    /// Suspends the program for a virtual duration; false when it was stopped meanwhile.
    var sleep: (Duration) -> Bool = { _ in true }
    /// Whether the program was stopped (killed, OOM); long-running commands give up.
    var stopped: () -> Bool = { false }
    /// The container's own server, for requests to localhost.
    var localHTTP: (HTTPRequest) -> HTTPResponse? = { _ in nil }
    /// Names the image adds to the applets (`nginx`, `redis-cli` …).
    var extraCommands: [String: Applet] = [:]
    /// Starts the image's own program (`redis-server`) from a shell, as `io.start` says; nil where the host cannot
    /// (a command exec'd into the container).
    var launch: ((_ make: ProgramFactory.Maker, _ io: ShellIO) -> Int32)?
    /// How many shells deep the running command is (1: the container's own shell, whose `exec` replaces it).
    var shellDepth = 0
    /// Called before each command a shell runs (busy loops pay virtual time through it).
    var tick: () -> Void = {}
    /// Called when memory passes the limit: the program is OOM-killed.
    var onOOM: () -> Void = {}

    init(ctx: ContainerContext) { self.ctx = ctx }

    var userland: Userland { ctx.image.userland }
    var fs: ContainerFilesystem { ctx.fs }
    var now: Timestamp { ctx.now }

    /// The environment a command sees: the shell's exported variables, or the container's.
    var environment: [(String, String)] {
        guard let env = shellEnv else { return ctx.environment }
        let vars = env.exportedVariables
        var out: [(String, String)] = []
        var seen: Set<String> = []
        for (n, _) in ctx.environment where vars[n] != nil { out.append((n, vars[n] ?? "")); seen.insert(n) }
        for (n, v) in vars.sorted(by: { $0.key < $1.key }) where !seen.contains(n) { out.append((n, v)) }
        return out
    }

    /// `cat: can't open 'x': No such file or directory` (busybox) or `cat: x: No such file or directory` (GNU).
    func fileError(_ tool: String, _ path: String, _ e: FileError, gnuVerb: String? = nil) -> String {
        if userland == .busybox { return "\(tool): can't open '\(path)': \(e.text)\n" }
        if let v = gnuVerb { return "\(tool): \(v) '\(path)': \(e.text)\n" }
        return "\(tool): \(path): \(e.text)\n"
    }

    /// The text of each operand (`-` or none: stdin), reporting unreadable files; false when any failed.
    func eachInput(_ tool: String, _ operands: [String], _ io: ShellIO, _ body: (String, String) -> Void) -> Bool {
        var ok = true
        for name in operands.isEmpty ? ["-"] : operands {
            if name == "-" { body(name, io.stdin); continue }
            switch fs.read(file: name) {
            case .success(let t): body(name, t)
            case .failure(let e):
                io.err(e == .isDirectory && userland == .busybox ? "\(tool): read error: Is a directory\n" : fileError(tool, name, e))
                ok = false
            }
        }
        return ok
    }

    /// Finds a command: the image's own, then the userland's applets; nil when the image lacks it.
    func command(_ name: String) -> Applet? {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        if let c = extraCommands[name] ?? extraCommands[base] { return c }
        let executables = ctx.image.image.executables
        let inImage = executables.contains(name) || executables.contains(base)
        guard let a = Applets.table[base] else {
            guard inImage, let launch, let make = ProgramFactory.server(name: base, argv: [base], image: ctx.image.image) else { return nil }
            let image = ctx.image.image
            return { argv, io, _ in
                // The maker is asked again: some programs read their arguments (http-echo's -text, agnhost's verb).
                launch(ProgramFactory.server(name: base, argv: argv, image: image) ?? make, io)
            }
        }
        // busybox has sh and ash; Debian and Ubuntu have sh (dash) and bash.
        if Applets.shells.contains(base), !inImage {
            let available: Set<String> = userland == .busybox ? ["sh", "ash"] : ["sh", "bash", "dash"]
            guard available.contains(base) else { return nil }
        }
        if !ctx.image.image.hasShell, !inImage { return nil }
        if Applets.busyboxOnly.contains(base), userland != .busybox, !inImage { return nil }
        if Applets.imageOnly.contains(base), !inImage { return nil }
        return a
    }

    /// Where a command lives, as `which` and `command -v` print it: the image's own programs in /usr/local/bin
    /// (nginx in /usr/sbin); the busybox image links every applet into /bin; elsewhere shells are in /bin and the
    /// userland's tools in /usr/bin.
    func path(of name: String) -> String {
        if name.hasPrefix("/") { return name }
        let base = Applets.base(name)
        if Applets.table[base] == nil { return base == "nginx" ? "/usr/sbin/nginx" : "/usr/local/bin/" + base }
        if ctx.image.image.repository.hasSuffix("/busybox") { return "/bin/" + base }
        return (Applets.shells.contains(base) ? "/bin/" : "/usr/bin/") + base
    }

    /// The shell's "not found" line for a missing command.
    func notFound(_ name: String, shell: String) -> String {
        if userland == .busybox { return "sh: \(name): not found\n" }
        return shell.hasSuffix("bash") ? "bash: \(name): command not found\n" : "sh: 1: \(name): not found\n"
    }
}
