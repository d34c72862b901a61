// `kubectl run -i/-t/--attach [--rm]`: creates the pod, waits for it to run (run.go's handleAttachPod), then
// either hands the following input lines to its shell (`-it … -- sh`) or prints what the container writes
// until it ends; `--rm` deletes the pod afterwards (`pod "x" deleted`), and `--restart=Never` passes the
// container's exit code on as kubectl does.
import MiniCluster

enum RunAttach {
    static func run(_ created: Value, _ f: ParsedFlags, _ k: KubectlContext, cluster: Cluster, restart: String) throws -> Int32 {
        let name = created.metadataName, namespace = created.metadataNamespace ?? k.namespace
        guard let podType = cluster.registry.lookup(kind: "Pod") else { return 1 }
        let container = created[path: "spec", "containers"]?[0]?["name"]?.stringValue ?? name
        let timeout = Waiter.timeout(f.string("pod-running-timeout")) ?? .minutes(1)
        var pod = created
        // podRunningAndReady: done when Running and Ready, or when the pod already finished.
        let outcome = Waiter(session: k.session, step: .milliseconds(100)).run(timeout: timeout) {
            guard let live = try? cluster.api.get(podType, namespace: namespace, name: name) else { return false }
            pod = live
            let phase = live[path: "status", "phase"]?.stringValue ?? ""
            if phase == "Succeeded" || phase == "Failed" { return true }
            let ready = live[path: "status", "conditions"]?.arrayValue?.contains {
                $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
            } ?? false
            return phase == "Running" && ready
        }
        switch outcome {
        case .interrupted: return 130
        case .timedOut:
            // run.go defers --rm's deletion, so the Pod goes even when the wait fails (a quick command with the
            // default restart policy never leaves its Pod ready); Ctrl-C above ends kubectl before that.
            if f.bool("rm") { deletePod(name, namespace: namespace, cluster: cluster, io: k.io) }
            throw KubectlFailure.plain("timed out waiting for the condition")
        case .done: break
        }
        let tty = f.bool("tty"), stdin = f.bool("stdin")
        let command = pod[path: "spec", "containers"]?[0]?["args"]?.arrayValue?.compactMap(\.stringValue)
            ?? pod[path: "spec", "containers"]?[0]?["command"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let phase = pod[path: "status", "phase"]?.stringValue ?? ""
        let running = phase == "Running"

        // An interactive shell: the script's (or the learner's) next lines go to it until it exits.
        if running, tty, stdin, k.io.stdin.isEmpty, command.count == 1,
           let process = ContainerAccess.directory(cluster)?.process(namespace: namespace, pod: name, container: container, previous: false),
           let shell = (process as? InteractiveContainer)?.openShell(command, now: cluster.now,
                                                                     clock: ExecTime.clock(k.session, cluster, process, namespace: namespace,
                                                                                           pod: name, container: container)) {
            if !f.bool("quiet") { k.io.errLine("If you don't see a command prompt, try pressing enter.") }
            let attached = AttachedShell(shell: shell, cluster: cluster, session: k.session)
            attached.reportsExitCode = false
            let session = k.session
            attached.onExit = { _, output in
                let io = CommandIO(output: output)
                if f.bool("rm") {
                    deletePod(name, namespace: namespace, cluster: cluster, io: io)
                } else if restart == "Always" {
                    io.outLine("Session ended, resume using 'kubectl attach \(name) -c \(container) -i -t' command when the pod is running")
                }
                session.settleClusters()
            }
            k.session.attachedShell = attached
            return 0
        }

        // Otherwise kubectl streams the container's output (logs once it has finished) until it ends.
        if tty, !f.bool("quiet"), running { k.io.errLine("If you don't see a command prompt, try pressing enter.") }
        let waitForExit = restart == "Never" || restart == "OnFailure"
        if running, waitForExit {
            _ = Waiter(session: k.session, step: .milliseconds(100)).run(timeout: nil) {
                let p = (try? cluster.api.get(podType, namespace: namespace, name: name))?[path: "status", "phase"]?.stringValue ?? ""
                return p == "Succeeded" || (restart == "Never" && p == "Failed")
            }
        }
        if let process = ContainerAccess.directory(cluster)?.process(namespace: namespace, pod: name, container: container, previous: false) {
            _ = process.advance(to: cluster.now)
            k.io.out(process.logs.map { $0.text + "\n" }.joined())
        }
        let final = (try? cluster.api.get(podType, namespace: namespace, name: name)) ?? pod
        if f.bool("rm") { deletePod(name, namespace: namespace, cluster: cluster, io: k.io) }
        guard waitForExit else { return 0 }
        switch final[path: "status", "phase"]?.stringValue ?? "" {
        case "Succeeded": return 0
        case "Failed":
            let terminated = final[path: "status", "containerStatuses"]?[0]?["state"]?["terminated"]
            let code = terminated?["exitCode"]?.intValue ?? 0
            if final[path: "status", "containerStatuses"]?.arrayValue?.count != 1 || terminated == nil || code == 0 {
                throw KubectlFailure.raw("pod \(namespace)/\(name) failed with unknown exit code\n")
            }
            let reason = terminated?["reason"]?.stringValue ?? ""
            let message = terminated?["message"]?.stringValue ?? ""
            // checkErr's fatal: the message as is, with a newline added only when it lacks one.
            let text = "pod \(namespace)/\(name) terminated (\(reason))\n\(message)"
            k.io.err(text.hasSuffix("\n") ? text : text + "\n")
            return Int32(truncatingIfNeeded: code)
        case let p: throw KubectlFailure.plain("pod \(namespace)/\(name) left in phase \(p)")
        }
    }

    /// `--rm`: run's deletion (delete flags without --wait): `pod "x" deleted`.
    static func deletePod(_ name: String, namespace: String, cluster: Cluster, io: CommandIO) {
        guard let podType = cluster.registry.lookup(kind: "Pod") else { return }
        do {
            try cluster.api.delete(podType, namespace: namespace, name: name)
            io.outLine("pod \"\(name)\" deleted")
        } catch let e as APIError {
            io.errLine(e.kubectlMessage)
        } catch {}
    }
}
