// The learner's side of `kubectl exec -it POD -- sh`: lines typed (or the script's following lines) run in the
// container's shell until it exits; then kubectl's own exit status follows the shell's.
import MiniCluster

public final class AttachedShell {
    let shell: ContainerShell
    let cluster: Cluster
    unowned let session: ShellSession

    init(shell: ContainerShell, cluster: Cluster, session: ShellSession) {
        self.shell = shell; self.cluster = cluster; self.session = session
    }

    /// What a terminal shows before each line.
    public var prompt: String { shell.prompt }

    /// Runs one line inside the container; detaches the session when the shell exits. Returns the line's status.
    @discardableResult
    public func feed(_ line: String, output: Output) -> Int32 {
        let (r, exited) = shell.run(line: line, now: cluster.now)
        output.write(r.stdout, to: .stdout)
        output.write(r.stderr, to: .stderr)
        if let code = exited {
            session.attachedShell = nil
            if code != 0 { output.write("command terminated with exit code \(code)\n", to: .stderr) }
            session.lastStatus = code
            return code
        }
        session.lastStatus = r.status
        return r.status
    }
}
