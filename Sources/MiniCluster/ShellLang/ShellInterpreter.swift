// Runs a parsed script. Commands come from a lookup closure (the learner's kubectl, or a container's busybox);
// files for redirects and globs come from a `ShellFiles` seam, so the same interpreter serves both worlds.

/// How the shell started a command: waiting for it, in the background (`cmd &`), or in the shell's own place
/// (`exec cmd`). Commands that simply run to their end may ignore it; a long-running program started from a shell
/// cannot.
public enum ShellStart: Sendable { case foreground, background, replacingShell }

/// A command's standard streams as the interpreter hands them over.
public struct ShellIO {
    public var stdin: String
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// False when stdout is a pipe or a file.
    public var outIsTerminal: Bool
    public var start: ShellStart
    public init(stdin: String = "", out: @escaping (String) -> Void, err: @escaping (String) -> Void, outIsTerminal: Bool = true,
                start: ShellStart = .foreground) {
        self.stdin = stdin; self.out = out; self.err = err; self.outIsTerminal = outIsTerminal; self.start = start
    }
}

/// Where redirects and globs reach files. Errors carry sh's wording of the cause ("nonexistent directory").
public protocol ShellFiles: AnyObject {
    func read(_ path: String) throws -> String
    /// Writes (or appends) text, creating the file.
    func write(_ path: String, _ text: String, append: Bool) throws
    /// The paths matching a glob pattern (with `\` escapes), sorted; empty when none match.
    func glob(_ pattern: String) -> [String]
}

/// A file error in the words sh uses after `can't open`/`can't create`.
public struct ShellFileError: Error, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Non-local exits: `exit`, `break`, `continue`, an interrupt.
enum ShControl: Error {
    case exit(Int32)
    case breakLoop(Int)
    case continueLoop(Int)
    case interrupted
}

public final class ShellInterpreter {
    /// A program: argv (with argv[0]) and streams in, exit status out.
    public typealias Program = (_ argv: [String], _ io: ShellIO) -> Int32

    public let env: ShellEnvironment
    public var lookup: (String) -> Program?
    public var files: ShellFiles?
    /// How a missing command is reported (busybox: `sh: foo: not found`).
    public var notFound: (String) -> String = { "sh: \($0): not found\n" }
    /// Where `command -v` says a command the lookup finds lives (`/bin/ls` in a container); the name by default.
    public var commandPath: (String) -> String = { $0 }
    /// Polled before each command; true stops the run with status 130 (Ctrl-C in the REPL).
    public var isInterrupted: () -> Bool = { false }
    /// dash and busybox ash run the last command of a `sh -c` string in the shell's place, as if with `exec`: set
    /// for a container's `sh -c`, so an image program started last there (`echo warming; redis-server`) becomes the
    /// container's program and receives its signals. (Builtins and tools run the same either way.)
    public var execsLastCommand = false
    /// How deep in lists the interpreter is (1: the script's own list).
    private var listDepth = 0
    /// Set once `exit` ran; the caller decides what leaving means.
    public private(set) var exitRequested: Int32?
    var loopDepth = 0
    /// The status of the last `$(…)` of the command being expanded.
    var substitutionStatus: Int32?
    var conditionDepth = 0

    public init(env: ShellEnvironment = ShellEnvironment(), lookup: @escaping (String) -> Program?) {
        self.env = env
        self.lookup = lookup
    }

    /// Parses and runs a whole script; a syntax error prints sh's message and returns 2.
    @discardableResult
    public func run(_ text: String, io: ShellIO) -> Int32 {
        switch ShellParser.parseScript(text) {
        case .success(let s): return run(s, io: io)
        case .failure(let e):
            io.err("\(e)\n")
            env.lastStatus = 2
            return 2
        }
    }

    /// Runs a parsed script; returns (and records as `$?`) the status of the last command.
    @discardableResult
    public func run(_ script: Sh.Script, io: ShellIO) -> Int32 {
        do {
            return try runList(script, io: io)
        } catch ShControl.exit(let code) {
            exitRequested = code
            env.lastStatus = code
            return code
        } catch ShControl.interrupted {
            env.lastStatus = 130
            return 130
        } catch {
            // break/continue outside a loop end the list quietly, as in sh.
            return env.lastStatus
        }
    }

    /// Forgets an earlier `exit` (a REPL that chose not to leave).
    public func clearExitRequest() { exitRequested = nil }

    func runList(_ script: Sh.Script, io: ShellIO) throws -> Int32 {
        var status = env.lastStatus
        listDepth += 1
        defer { listDepth -= 1 }
        for (i, item) in script.items.enumerated() {
            var io = io
            io.start = item.background ? .background : .foreground
            if execsLastCommand, listDepth == 1, i == script.items.count - 1, !item.background { io.start = .replacingShell }
            let (st, checked) = try runAndOr(item.andOr, io: io)
            status = st
            if env.errexit, status != 0, checked, conditionDepth == 0 { throw ShControl.exit(status) }
        }
        return status
    }

    /// Runs an and-or list; `checked` says whether its status counts for `set -e` (only the last pipeline's does).
    private func runAndOr(_ a: Sh.AndOr, io lastIO: ShellIO) throws -> (status: Int32, checked: Bool) {
        // Only the last pipeline may take the shell's place (`echo x && redis-server`); the others run before it.
        var io = lastIO
        if io.start == .replacingShell, !a.rest.isEmpty { io.start = .foreground }
        var status = a.rest.isEmpty ? try runPipeline(a.first, io: lastIO) : try asCondition { try runPipeline(a.first, io: io) }
        var checked = a.rest.isEmpty && !a.first.negated
        for (i, link) in a.rest.enumerated() where (link.op == .and) == (status == 0) {
            if i == a.rest.count - 1 {
                status = try runPipeline(link.pipeline, io: lastIO)
                checked = !link.pipeline.negated
            } else {
                status = try asCondition { try runPipeline(link.pipeline, io: io) }
            }
        }
        return (status, checked)
    }

    private func asCondition(_ body: () throws -> Int32) throws -> Int32 {
        conditionDepth += 1
        defer { conditionDepth -= 1 }
        return try body()
    }

    private func runPipeline(_ p: Sh.Pipeline, io: ShellIO) throws -> Int32 {
        if p.negated { conditionDepth += 1 }
        defer { if p.negated { conditionDepth -= 1 } }
        var input = io.stdin
        var status: Int32 = 0
        // A pipeline's commands, or a negated one, run beside the shell, never in its place.
        var io = io
        if io.start == .replacingShell, p.commands.count > 1 || p.negated { io.start = .foreground }
        for (i, cmd) in p.commands.enumerated() {
            let last = i == p.commands.count - 1
            var buffer = ""
            let out: (String) -> Void = last ? io.out : { buffer += $0 }
            status = try runCommand(cmd, io: ShellIO(stdin: input, out: out, err: io.err,
                                                     outIsTerminal: last ? io.outIsTerminal : false, start: io.start))
            input = buffer
        }
        if p.negated { status = status == 0 ? 1 : 0 }
        env.lastStatus = status
        return status
    }

    private func runCommand(_ c: Sh.Command, io: ShellIO) throws -> Int32 {
        if isInterrupted() { throw ShControl.interrupted }
        switch c {
        case .simple(let s):
            let status = try runSimple(s, io: io)
            env.lastStatus = status
            return status
        case .compound(let body, let redirects):
            guard let rio = try applyRedirects(redirects, io: io) else { return 1 }
            let status = try runCompound(body, io: rio)
            env.lastStatus = status
            return status
        }
    }

    private func runCompound(_ c: Sh.Compound, io: ShellIO) throws -> Int32 {
        switch c {
        case .braceGroup(let s):
            return try runList(s, io: io)
        case .subshell(let s):
            let saved = (env.variables, env.exported, env.positional)
            defer { (env.variables, env.exported, env.positional) = saved }
            do { return try runList(s, io: io) } catch ShControl.exit(let code) { return code }
        case .ifClause(let branches, let otherwise):
            for b in branches where try runCondition(b.condition, io: io) == 0 {
                return try runList(b.body, io: io)
            }
            if let otherwise { return try runList(otherwise, io: io) }
            return 0
        case .loop(let cond, let body, let until):
            var status: Int32 = 0
            loopDepth += 1
            defer { loopDepth -= 1 }
            while (try runCondition(cond, io: io) == 0) != until {
                do { status = try runList(body, io: io) } catch let ctl as ShControl {
                    if case .breakLoop(let n) = ctl { if n > 1 { throw ShControl.breakLoop(n - 1) }; break }
                    if case .continueLoop(let n) = ctl { if n > 1 { throw ShControl.continueLoop(n - 1) }; continue }
                    throw ctl
                }
            }
            return status
        case .forLoop(let name, let words, let body):
            let items = try words.map { try $0.flatMap { try expandFields($0, io: io) } } ?? env.positional
            var status: Int32 = 0
            loopDepth += 1
            defer { loopDepth -= 1 }
            for item in items {
                env.set(name, item)
                do { status = try runList(body, io: io) } catch let ctl as ShControl {
                    if case .breakLoop(let n) = ctl { if n > 1 { throw ShControl.breakLoop(n - 1) }; break }
                    if case .continueLoop(let n) = ctl { if n > 1 { throw ShControl.continueLoop(n - 1) }; continue }
                    throw ctl
                }
            }
            return status
        }
    }

    private func runCondition(_ s: Sh.Script, io: ShellIO) throws -> Int32 {
        try asCondition { try runList(s, io: io) }
    }

    private func runSimple(_ s: Sh.SimpleCommand, io: ShellIO) throws -> Int32 {
        let argv: [String]
        var values: [(String, String)] = []
        substitutionStatus = nil
        do {
            argv = try s.words.flatMap { try expandFields($0, io: io) }
            for a in s.assignments { values.append((a.name, try expandString(a.value, io: io))) }
        } catch let e as ShExpansionError {
            io.err(e.message)
            return e.status
        }
        guard let rio = try applyRedirects(s.redirects, io: io) else { return 1 }
        guard let name = argv.first else {
            for (n, v) in values { env.set(n, v) }
            // A bare assignment's status is that of its last command substitution, if any.
            return substitutionStatus ?? 0
        }
        if name == "exec" {
            // `exec cmd args…`: the command takes the shell's place. It runs as it would have, and the shell ends
            // with its status (nothing after it runs; the host decides what the end means, as for `exit`).
            // Without a command, exec keeps only the assignments (its redirections are not made the shell's).
            let rest = Array(argv.dropFirst())
            guard !rest.isEmpty else {
                for (n, v) in values { env.set(n, v) }
                return substitutionStatus ?? 0
            }
            var eio = rio
            eio.start = .replacingShell
            throw ShControl.exit(try runArgv(rest, values, eio))
        }
        return try runArgv(argv, values, rio)
    }

    /// Runs an expanded command line: a special builtin, or the program the host's lookup gives (with `A=b cmd`
    /// assignments in its environment only).
    func runArgv(_ argv: [String], _ values: [(String, String)], _ rio: ShellIO) throws -> Int32 {
        let name = argv[0]
        if name == "command" { return try commandBuiltin(argv, values, rio) }
        if let special = specialBuiltin(name) {
            for (n, v) in values { env.set(n, v) }
            return try special(argv, rio)
        }
        guard let program = lookup(name) else {
            rio.err(notFound(name))
            return 127
        }
        // `A=b cmd`: the command sees A exported; the shell forgets it afterwards.
        let saved = values.map { ($0.0, env.variables[$0.0], env.exported.contains($0.0)) }
        for (n, v) in values { env.set(n, v, export: true) }
        defer {
            for (n, old, wasExported) in saved {
                env.variables[n] = old
                if !wasExported { env.exported.remove(n) }
            }
        }
        return program(argv, rio)
    }

    /// Applies redirects left to right; nil (after printing sh's message) when one fails.
    private func applyRedirects(_ redirects: [Sh.Redirect], io: ShellIO) throws -> ShellIO? {
        if redirects.isEmpty { return io }
        var stdin = io.stdin
        var sinks: [Int: (String) -> Void] = [1: io.out, 2: io.err]
        var terminal: [Int: Bool] = [1: io.outIsTerminal, 2: true]
        let discard: (String) -> Void = { _ in }
        do {
            for r in redirects {
                let target: String
                if let doc = r.hereDoc {
                    target = try expandString(doc.body, io: io)
                } else {
                    target = try expandString(r.target, io: io)
                }
                switch r.op {
                case .output, .append, .outputBoth, .appendBoth:
                    let sink = try fileSink(target, append: r.op == .append || r.op == .appendBoth, io: io)
                    guard let sink else { return nil }
                    if r.op == .outputBoth || r.op == .appendBoth {
                        sinks[1] = sink; sinks[2] = sink; terminal[1] = false; terminal[2] = false
                    } else {
                        sinks[r.fd ?? 1] = sink; terminal[r.fd ?? 1] = false
                    }
                case .dupOutput:
                    let fd = r.fd ?? 1
                    if target == "-" { sinks[fd] = discard; terminal[fd] = false } else if let n = Int(target) {
                        guard let s = sinks[n] else { io.err("sh: \(n): bad file descriptor\n"); return nil }
                        sinks[fd] = s
                        terminal[fd] = terminal[n] ?? false
                    } else {
                        guard let sink = try fileSink(target, append: false, io: io) else { return nil }
                        sinks[1] = sink; sinks[2] = sink; terminal[1] = false; terminal[2] = false
                    }
                case .input, .readWrite:
                    if (r.fd ?? 0) != 0 { continue }
                    if target == "/dev/null" { stdin = ""; continue }
                    guard let files else { io.err("sh: can't open \(target): no such file\n"); return nil }
                    do { stdin = try files.read(target) } catch let e as ShellFileError {
                        io.err("sh: can't open \(target): \(e.reason)\n")
                        return nil
                    }
                case .dupInput:
                    continue
                case .hereDoc:
                    if (r.fd ?? 0) == 0 { stdin = target }
                }
            }
        } catch let e as ShExpansionError {
            io.err(e.message)
            return nil
        }
        return ShellIO(stdin: stdin, out: sinks[1] ?? discard, err: sinks[2] ?? discard, outIsTerminal: terminal[1] ?? false,
                       start: io.start)
    }

    private func fileSink(_ path: String, append: Bool, io: ShellIO) throws -> ((String) -> Void)? {
        if path == "/dev/null" { return { _ in } }
        guard let files else {
            io.err("sh: can't create \(path): Permission denied\n")
            return nil
        }
        do { try files.write(path, "", append: append) } catch let e as ShellFileError {
            io.err("sh: can't create \(path): \(e.reason)\n")
            return nil
        }
        return { text in try? files.write(path, text, append: true) }
    }
}
