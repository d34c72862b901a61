// `kubectl rollout pause|resume|restart`: flip spec.paused, or stamp the pod template with
// `kubectl.kubernetes.io/restartedAt` so the controller rolls out fresh pods.
import MiniCluster

/// The three rollout verbs that patch the object and print `<type>/<name> <done>`.
struct RolloutPatchVerb: KubectlVerb {
    enum Action { case pause, resume, restart }
    let action: Action
    var path: [String] {
        switch action {
        case .pause: return ["rollout", "pause"]
        case .resume: return ["rollout", "resume"]
        case .restart: return ["rollout", "restart"]
        }
    }
    var flags: [FlagSpec] { Rollout.fileFlags + [MutationFlags.fieldManager("kubectl-rollout")] + MutationFlags.printFlags }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let printer = try ResultPrinter(f, dryRun: .none, session: k.session)
        let cluster = try k.cluster()
        return try Rollout.each(f, k, cluster: cluster) { t, live in
            let who = "\(Rollout.resourceString(t.type)) \(goQuoted(t.name))"
            var obj = live
            let kind = t.type.kind
            switch action {
            case .pause, .resume:
                guard kind == "Deployment" else {
                    throw KubectlFailure.plain("error: \(who) \(action == .pause ? "pausing" : "resuming") is not supported")
                }
                let paused = live[path: "spec", "paused"]?.boolValue == true
                if action == .pause, paused { throw KubectlFailure.plain("error: \(who) is already paused") }
                if action == .resume, !paused { throw KubectlFailure.plain("error: \(who) is not paused") }
                obj[path: "spec", "paused"] = action == .pause ? true : nil
            case .restart:
                guard ["Deployment", "DaemonSet", "StatefulSet"].contains(kind) else {
                    throw KubectlFailure.plain("error: \(who) restarting is not supported")
                }
                if kind == "Deployment", live[path: "spec", "paused"]?.boolValue == true {
                    throw KubectlFailure.plain("error: \(who) can't restart paused deployment (run rollout resume first)")
                }
                obj[path: "spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"] = .string(cluster.now.rfc3339)
            }
            if let e = Impersonation.denial(t.requester, cluster, verb: "patch", type: t.type, name: t.name, namespace: t.namespace) {
                throw KubectlFailure.plain("failed to patch: \(e.message)")
            }
            let written = try cluster.api.update(t.type, obj, namespace: t.namespace)
            let done = action == .pause ? "paused" : action == .resume ? "resumed" : "restarted"
            try printer.print(written, type: t.type, operation: done, k)
        }
    }

    private func goQuoted(_ s: String) -> String { "\"\(s)\"" }
}

/// `kubectl rollout` alone: its help, and exit 1 (cobra's DefaultSubCommandRun); with words no subcommand takes,
/// kubectl's usage error naming all of them.
struct RolloutVerb: KubectlVerb {
    let path = ["rollout"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try CommandGroup.run(f, k, help: """
            Manage the rollout of one or many resources.
                    
             Valid resource types include:

              *  deployments
              *  daemonsets
              *  statefulsets

            Examples:
              # Rollback to the previous deployment
              kubectl rollout undo deployment/abc
              
              # Check the rollout status of a daemonset
              kubectl rollout status daemonset/foo
              
              # Restart a deployment
              kubectl rollout restart deployment/abc
              
              # Restart deployments with the 'app=nginx' label
              kubectl rollout restart deployment --selector=app=nginx

            Available Commands:
              history       View rollout history
              pause         Mark the provided resource as paused
              restart       Restart a resource
              resume        Resume a paused resource
              status        Show the status of the rollout
              undo          Undo a previous rollout

            Usage:
              kubectl rollout SUBCOMMAND [options]

            Use "kubectl rollout <command> --help" for more information about a given command.
            Use "kubectl options" for a list of global command-line options (applies to all commands).

            """, onStderr: false)
    }
}
