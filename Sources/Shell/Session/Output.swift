// Where commands write: an ordered record of stdout and stderr chunks, so transcripts keep their interleaving.

public enum OutputStream: Sendable { case stdout, stderr }

public final class Output {
    public private(set) var chunks: [(stream: OutputStream, text: String)] = []
    /// Called for each chunk as it is written (the REPL prints live; tests just read `chunks`).
    public var onWrite: ((OutputStream, String) -> Void)?

    public init(onWrite: ((OutputStream, String) -> Void)? = nil) { self.onWrite = onWrite }

    public func write(_ s: String, to stream: OutputStream) {
        guard !s.isEmpty else { return }
        chunks.append((stream, s))
        onWrite?(stream, s)
    }

    public var stdout: String { chunks.filter { $0.stream == .stdout }.map(\.text).joined() }
    public var stderr: String { chunks.filter { $0.stream == .stderr }.map(\.text).joined() }
    /// Both streams in the order they were written, as a terminal shows them.
    public var combined: String { chunks.map(\.text).joined() }
    public func clear() { chunks.removeAll() }
}

/// A command's view of its standard streams. stdout may be a pipe buffer rather than the terminal.
public final class CommandIO {
    public let stdin: String
    /// False when stdout goes to a pipe or a file (ls then prints one name a line, as the real one does).
    public var stdoutIsTerminal = true
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    public init(stdin: String = "", out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.stdin = stdin
        self.writeOut = out
        self.writeErr = err
    }

    /// IO that writes straight to an `Output`.
    public convenience init(stdin: String = "", output: Output) {
        self.init(stdin: stdin, out: { output.write($0, to: .stdout) }, err: { output.write($0, to: .stderr) })
    }

    public func out(_ s: String) { writeOut(s) }
    public func err(_ s: String) { writeErr(s) }
    /// Writes a line (adds the newline) to stdout.
    public func outLine(_ s: String) { writeOut(s + "\n") }
    /// Writes a line (adds the newline) to stderr.
    public func errLine(_ s: String) { writeErr(s + "\n") }
}
