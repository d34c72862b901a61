// The commands a container's userland offers (busybox applets, or the GNU tools of Debian-based images), and
// `sh` itself: scripts run through the one shell interpreter of ShellLang.

enum Applets {
    /// Every command by name.
    static let table: [String: Applet] = {
        var t: [String: Applet] = [:]
        for s in shells { t[s] = shell }
        t.merge(FileApplets.table) { a, _ in a }
        t.merge(TextApplets.table) { a, _ in a }
        t.merge(SystemApplets.table) { a, _ in a }
        t.merge(NetworkApplets.table) { a, _ in a }
        return t
    }()

    static let shells: Set<String> = ["sh", "bash", "ash", "dash"]
    /// Applets Debian-based images do not have (procps, wget, nslookup are not installed there).
    static let busyboxOnly: Set<String> = ["wget", "nslookup", "ps", "free", "top", "nc", "ping"]
    /// Tools only some images add (curl in nginx and curlimages/curl, stress in the stress images).
    static let imageOnly: Set<String> = ["curl", "stress", "dig", "host"]

    static func base(_ name: String) -> String {
        // Without a "/" byte no character is "/": the name is its own base (splitting by Character costs more).
        guard name.utf8.contains(UInt8(ascii: "/")) else { return name }
        return name.split(separator: "/").last.map(String.init) ?? name
    }

    /// `sh [-c SCRIPT [NAME [ARGS…]] | FILE [ARGS…]]`; with neither, the script comes from stdin.
    static let shell: Applet = { argv, io, host in
        let shellName = argv.first ?? "sh"
        var args = Array(argv.dropFirst())
        var script: String?
        var errexit = false
        while let a = args.first, a.hasPrefix("-"), a.count > 1, a != "--" {
            args.removeFirst()
            if a == "-c" || a.hasPrefix("-") && a.contains("c") && !a.hasPrefix("--") {
                if a.contains("e") { errexit = true }
                guard !args.isEmpty else {
                    io.err(host.userland == .busybox ? "sh: -c requires an argument\n" : "\(base(shellName)): -c: option requires an argument\n")
                    return 2
                }
                script = args.removeFirst()
                break
            }
            if a.contains("e") { errexit = true }
        }
        var name = shellName
        let commandString = script != nil
        if script == nil, let file = args.first {
            switch host.fs.read(file: file) {
            case .success(let t): script = t; name = file; args.removeFirst()
            case .failure:
                io.err(host.userland == .busybox ? "sh: can't open '\(file)': No such file or directory\n"
                                               : "\(base(shellName)): \(file): No such file or directory\n")
                return 127
            }
        } else if script != nil, !args.isEmpty {
            name = args.removeFirst()
        }
        return run(script ?? io.stdin, name: name, args: args, errexit: errexit, shell: shellName, io: io, host: host,
                   execsLastCommand: commandString)
    }

    /// Runs script text through the interpreter with the container's commands and files.
    static func run(_ script: String, name: String, args: [String], errexit: Bool, shell: String, io: ShellIO,
                    host: AppletHost, execsLastCommand: Bool = false) -> Int32 {
        let env = ShellEnvironment(Dictionary(host.environment, uniquingKeysWith: { _, b in b }))
        env.scriptName = name
        env.positional = args
        env.errexit = errexit
        env.set("PWD", host.fs.cwd, export: true)
        let interp = ShellInterpreter(env: env) { cmd in
            guard let applet = host.command(cmd) else { return nil }
            return { argv, io in applet(argv, io, host) }
        }
        interp.files = host.fs
        interp.execsLastCommand = execsLastCommand
        interp.notFound = { host.notFound($0, shell: shell) }
        interp.commandPath = { host.path(of: $0) }
        interp.isInterrupted = { host.tick(); return host.stopped() }
        let saved = host.shellEnv
        host.shellEnv = env
        host.shellDepth += 1
        defer { host.shellEnv = saved; host.shellDepth -= 1 }
        let status = interp.run(script, io: io)
        return host.stopped() ? 137 : status
    }
}
