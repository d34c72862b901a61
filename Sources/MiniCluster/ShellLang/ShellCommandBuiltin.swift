// `command [-p] [-v|-V] NAME [ARGS…]` as dash and busybox ash have it: `-v` prints where NAME is found (a builtin's
// name, a program's path), `-V` says what it is, and without them NAME runs as a command (there are no functions
// for it to bypass).

extension ShellInterpreter {
    /// Commands dash and busybox ash run themselves, though our hosts provide some of them as programs: `command -v`
    /// names them rather than a path.
    static let regularBuiltins: Set<String> = ["echo", "printf", "test", "[", "cd", "pwd", "read", "kill", "wait", "type",
                                               "umask", "getopts", "alias", "unalias", "hash", "jobs", "fg", "bg", "command",
                                               "ulimit", "local", "trap", "eval", ".", "return"]

    func commandBuiltin(_ argv: [String], _ values: [(String, String)], _ io: ShellIO) throws -> Int32 {
        var args = Array(argv.dropFirst())
        var describe: Character?
        while let a = args.first, a.hasPrefix("-"), a.count > 1 {
            args.removeFirst()
            if a == "--" { break }
            for c in a.dropFirst() {
                switch c {
                case "p": break
                case "v", "V": describe = c
                default:
                    io.err("sh: command: Illegal option -\(c)\n")
                    return 2
                }
            }
        }
        guard let name = args.first else { return 0 }
        guard let describe else { return try runArgv(args, values, io) }
        // dash describes the first name only.
        let verbose = describe == "V"
        if Self.specialBuiltins.contains(name) || name == "command" {
            io.out(verbose ? "\(name) is a \(name == "command" ? "" : "special ")shell builtin\n" : "\(name)\n")
            return 0
        }
        guard lookup(name) != nil else {
            if verbose { io.out("\(name): not found\n") }
            return 127
        }
        if Self.regularBuiltins.contains(name) {
            io.out(verbose ? "\(name) is a shell builtin\n" : "\(name)\n")
            return 0
        }
        let path = name.contains("/") ? name : commandPath(name)
        io.out(verbose ? "\(name) is \(path)\n" : "\(path)\n")
        return 0
    }
}
