// Runs a command line typed by the learner. (Placeholder: splits on blanks; the shell-language parser replaces it.)
import MiniCluster

extension ShellSession {
    /// Runs one complete command line, writing to `output`; returns the exit status.
    @discardableResult
    public func runLine(_ line: String, output: Output) -> Int32 {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.isEmpty || words[0].hasPrefix("#") { return lastStatus }
        lastStatus = run(argv: words, io: CommandIO(output: output))
        return lastStatus
    }
}
