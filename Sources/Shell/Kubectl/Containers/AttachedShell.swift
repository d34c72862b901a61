// The learner's side of `kubectl exec -it POD -- sh`: lines typed (or the script's following lines) run in the
// container's shell until it exits; then kubectl's own exit status follows the shell's.
import MiniCluster

public final class AttachedShell {
    let shell: ContainerShell
    /// The clock the container's program runs on (the cluster's, or the docker host's for `docker exec -it`).
    let now: () -> Timestamp
    /// kubectl exec reports a shell's non-zero exit; docker (and kubectl run's attach) only pass the status on.
    var reportsExitCode: Bool
    /// Runs once the shell has exited, after its last output (kubectl run --rm deletes its pod here).
    var onExit: ((Int32, Output) -> Void)?
    unowned let session: ShellSession

    convenience init(shell: ContainerShell, cluster: Cluster, session: ShellSession) {
        self.init(shell: shell, now: { cluster.now }, reportsExitCode: true, session: session)
    }

    init(shell: ContainerShell, now: @escaping () -> Timestamp, reportsExitCode: Bool, session: ShellSession) {
        self.shell = shell; self.now = now; self.reportsExitCode = reportsExitCode; self.session = session
    }

    /// What a terminal shows before each line.
    public var prompt: String { shell.prompt }

    /// Runs one line inside the container; detaches the session when the shell exits. Returns the line's status.
    @discardableResult
    public func feed(_ line: String, output: Output) -> Int32 {
        let (r, exited) = shell.run(line: line, now: now())
        output.write(r.stdout, to: .stdout)
        output.write(r.stderr, to: .stderr)
        if let code = exited {
            session.attachedShell = nil
            if code != 0, reportsExitCode { output.write("command terminated with exit code \(code)\n", to: .stderr) }
            onExit?(code, output)
            session.lastStatus = code
            return code
        }
        session.lastStatus = r.status
        return r.status
    }
}
