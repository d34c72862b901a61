// Runs a script as the sandbox's script mode reads it: each complete command (here-documents and `\`
// continuations gathered with the parser's incomplete detection) runs as if the learner had typed it.
import MiniCluster

public struct ScriptRunner {
    /// `-e`: stop at the first command that fails.
    public var stopOnError = false
    /// Drop each command's chunks from `Output` once written (a long script then keeps no copy of its output).
    public var clearOutputAfterEachCommand = false

    public init(stopOnError: Bool = false) { self.stopOnError = stopOnError }

    /// Runs every command of `text`; returns the last command's status (or `exit`'s).
    @discardableResult
    public func run(_ text: String, session: ShellSession, output: Output) -> Int32 {
        var status: Int32 = 0
        var pending: [String] = []
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        // A prompt (gcloud's `Do you want to continue`) reads the script's next line, as a real shell's stdin would.
        var i = -1
        let savedReader = session.promptReader
        session.promptReader = {
            guard i + 1 < lines.count else { return nil }
            i += 1
            return lines[i]
        }
        defer { session.promptReader = savedReader }
        while i + 1 < lines.count {
            i += 1
            let line = lines[i]
            if let attached = session.attachedShell, pending.isEmpty {
                status = attached.feed(line, output: output)
                continue
            }
            pending.append(line)
            let input = pending.joined(separator: "\n")
            let outcome = i == lines.count - 1 ? Self.final(input) : ShellParser.parse(input)
            if case .incomplete = outcome { continue }
            pending = []
            status = execute(outcome, session: session, output: output)
            if clearOutputAfterEachCommand { output.clear() }
            if let code = session.exitRequested { return code }
            if stopOnError, status != 0 { return status }
        }
        return status
    }

    private static func final(_ text: String) -> ShellParser.Outcome {
        switch ShellParser.parseScript(text) {
        case .success(let s): return .complete(s)
        case .failure(let e): return .failed(e)
        }
    }

    private func execute(_ outcome: ShellParser.Outcome, session: ShellSession, output: Output) -> Int32 {
        switch outcome {
        case .complete(let script):
            if script.isEmpty { return session.lastStatus }
            let io = ShellIO(stdin: "", out: { output.write($0, to: .stdout) }, err: { output.write($0, to: .stderr) })
            return session.interpreter.run(script, io: io)
        case .failed(let e), .incomplete(let e):
            output.write("\(e)\n", to: .stderr)
            session.lastStatus = 2
            return 2
        }
    }
}
