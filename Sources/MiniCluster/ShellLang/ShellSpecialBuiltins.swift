// The builtins that change the shell itself, so every host (learner's terminal, container) gets them:
// `:` `true` `false` `exit` `export` `unset` `set` `shift` `break` `continue`, and `exec` (in the interpreter's
// runSimple: the command it runs takes the shell's place).

extension ShellInterpreter {
    /// Names the interpreter runs itself, before asking `lookup`.
    public static let specialBuiltins = [":", "true", "false", "exit", "export", "unset", "set", "shift", "break", "continue",
                                         "exec"]

    func specialBuiltin(_ name: String) -> ((_ argv: [String], _ io: ShellIO) throws -> Int32)? {
        switch name {
        case ":", "true": return { _, _ in 0 }
        case "false": return { _, _ in 1 }
        case "exit": return exitBuiltin
        case "export": return exportBuiltin
        case "unset":
            return { [env] argv, _ in
                for n in argv.dropFirst() where n != "-v" { env.unset(n) }
                return 0
            }
        case "set": return setBuiltin
        case "shift":
            return { [env] argv, io in
                let n = argv.count > 1 ? Int(argv[1]) ?? -1 : 1
                guard n >= 0, n <= env.positional.count else {
                    io.err("sh: shift: can't shift that many\n")
                    return 1
                }
                env.positional.removeFirst(n)
                return 0
            }
        case "break", "continue":
            return { [unowned self] argv, io in
                let n = argv.count > 1 ? Int(argv[1]) ?? 0 : 1
                guard n >= 1 else {
                    io.err("sh: \(name): Illegal number: \(argv[1])\n")
                    return 2
                }
                guard loopDepth > 0 else { return 0 }
                throw name == "break" ? ShControl.breakLoop(n) : ShControl.continueLoop(n)
            }
        default: return nil
        }
    }

    private func exitBuiltin(_ argv: [String], _ io: ShellIO) throws -> Int32 {
        guard argv.count > 1 else { throw ShControl.exit(env.lastStatus) }
        guard let n = Int(argv[1]), n >= 0 else {
            io.err("sh: exit: Illegal number: \(argv[1])\n")
            throw ShControl.exit(2)
        }
        throw ShControl.exit(Int32(truncatingIfNeeded: n & 0xff))
    }

    private func exportBuiltin(_ argv: [String], _ io: ShellIO) throws -> Int32 {
        let args = argv.dropFirst().filter { $0 != "-p" }
        if args.isEmpty {
            for name in env.exported.sorted() {
                let v = env[name] ?? ""
                io.out("export \(name)='\(v.replacingOccurrences(of: "'", with: "'\"'\"'"))'\n")
            }
            return 0
        }
        var status: Int32 = 0
        for a in args {
            let name: String
            if let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                guard ShellEnvironment.isName(name) else {
                    io.err("sh: export: bad variable name\n")
                    status = 1
                    continue
                }
                env.set(name, String(a[a.index(after: eq)...]), export: true)
            } else {
                name = a
                guard ShellEnvironment.isName(name) else {
                    io.err("sh: export: bad variable name\n")
                    status = 1
                    continue
                }
                env.exported.insert(name)
            }
        }
        return status
    }

    private func setBuiltin(_ argv: [String], _ io: ShellIO) throws -> Int32 {
        var args = Array(argv.dropFirst())
        if args.isEmpty {
            for (k, v) in env.variables.sorted(by: { $0.key < $1.key }) { io.out("\(k)='\(v)'\n") }
            return 0
        }
        while let a = args.first, a.hasPrefix("-") || a.hasPrefix("+") {
            args.removeFirst()
            if a == "--" { env.positional = args; return 0 }
            let on = a.hasPrefix("-")
            for c in a.dropFirst() {
                switch c {
                case "e": env.errexit = on
                case "u", "x", "o": break
                default:
                    io.err("sh: set: illegal option -\(c)\n")
                    return 2
                }
            }
        }
        if !args.isEmpty { env.positional = args }
        return 0
    }
}
