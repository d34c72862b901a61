// Runs what the learner typed: parse with the one shell language, then interpret with the session's commands.
import MiniCluster

extension ShellSession {
    /// Runs one complete input (maybe several lines: here-documents, `\` continuations), writing to `output`;
    /// returns the exit status. A syntax error prints sh's message and returns 2.
    @discardableResult
    public func runLine(_ line: String, output: Output) -> Int32 {
        let io = ShellIO(stdin: "", out: { output.write($0, to: .stdout) }, err: { output.write($0, to: .stderr) })
        switch ShellParser.parseScript(line) {
        case .success(let script):
            if script.isEmpty { return lastStatus }
            return interpreter.run(script, io: io)
        case .failure(let e):
            io.err("\(e)\n")
            lastStatus = 2
            return 2
        }
    }

    /// Lets every cluster finish the work due at the current instant, so controllers and the garbage collector
    /// react to a command before the next one runs, as they would within milliseconds on a real cluster.
    public func settleClusters() {
        for name in clusters.keys.sorted() { clusters[name]?.settle() }
    }

    /// Whether `exit` ran, and with which status (the sandbox leaves then).
    public var exitRequested: Int32? { interpreter.exitRequested }

    /// The interpreter wired to this session: its commands, its workspace files, its variables.
    func makeInterpreter() -> ShellInterpreter {
        let i = ShellInterpreter(env: shell) { [unowned self] name in
            guard let cmd = self.commands[name] else { return nil }
            return { [unowned self] argv, io in
                let cio = CommandIO(stdin: io.stdin, out: io.out, err: io.err)
                cio.stdoutIsTerminal = io.outIsTerminal
                let status = cmd.run(Array(argv.dropFirst()), io: cio, session: self)
                self.settleClusters()
                return status
            }
        }
        i.files = WorkspaceFiles(session: self)
        i.notFound = { "sh: \($0): command not found\n" }
        return i
    }
}
