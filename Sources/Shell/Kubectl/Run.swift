// `kubectl run NAME --image=… [--port] [--env] [--labels] [--restart] [--command] [-- args]`: one Pod built the way
// kubectl's run generator builds it (label run=NAME, container named after the pod), optionally with a Service.
import Foundation
import MiniCluster

struct RunVerb: KubectlVerb {
    let path = ["run"]
    let flags: [FlagSpec] = ([
        FlagSpec("image", usage: "The image for the container to run."),
        FlagSpec("image-pull-policy", usage: "The image pull policy for the container."),
        FlagSpec("port", usage: "The port that this container exposes."),
        FlagSpec("env", .stringArray, usage: "Environment variables to set in the container."),
        FlagSpec("labels", "l", usage: "Comma-separated labels to apply to the pod; replaces run=NAME."),
        FlagSpec("annotations", .stringArray, usage: "Annotations to apply to the pod."),
        FlagSpec("restart", default: "Always", usage: "The pod's restart policy: Always, OnFailure or Never."),
        FlagSpec("command", .bool, default: "false", usage: "Use the arguments after -- as the command instead of args."),
        FlagSpec("expose", .bool, default: "false", usage: "Also create a ClusterIP service for the pod (needs --port)."),
        FlagSpec("overrides", usage: "An inline JSON override for the generated object."),
        FlagSpec("override-type", default: "merge", usage: "How --overrides applies: json, merge or strategic."),
        FlagSpec("privileged", .bool, default: "false", usage: "Run the container in privileged mode."),
        FlagSpec("stdin", "i", .bool, default: "false", usage: "Keep stdin open on the container."),
        FlagSpec("tty", "t", .bool, default: "false", usage: "Allocate a TTY for the container."),
        FlagSpec("attach", .bool, default: "false", usage: "Wait for the pod to run, then attach to it."),
        FlagSpec("leave-stdin-open", .bool, default: "false", usage: "Leave stdin open after the first attach."),
        FlagSpec("rm", .bool, default: "false", usage: "Delete the pod after it exits (attached runs only)."),
        FlagSpec("quiet", "q", .bool, default: "false", usage: "Suppress prompt messages."),
        FlagSpec("pod-running-timeout", .duration, default: "1m0s", usage: "How long to wait for the pod to run."),
        FlagSpec("timeout", .duration, default: "0s", usage: "How long to wait before giving up on a delete."),
        FlagSpec("wait", .bool, default: "false", usage: "Wait for resources to be gone before returning."),
        FlagSpec("force", .bool, default: "false", usage: "Delete immediately (with --rm)."),
        FlagSpec("grace-period", .int, default: "-1", usage: "Seconds given to the pod to terminate (with --rm)."),
        FlagSpec("cascade", default: "background", usage: "Deletion cascading strategy (with --rm)."),
        FlagSpec("filename", "f", .stringSlice, usage: "Files used to delete the resource (with --rm)."),
        FlagSpec("kustomize", "k", usage: "A kustomization directory (with --rm)."),
        FlagSpec("recursive", "R", .bool, default: "false", usage: "Process directories of -f recursively."),
    ] + MutationFlags.printFlags + [MutationFlags.dryRun, MutationFlags.saveConfig, MutationFlags.fieldManager("kubectl-run")])
        .sorted { $0.name < $1.name }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try CreateFlow.checkRequired(["image"], f)
        let dryRun = try DryRunStrategy.from(f, k)
        let attach = f.isSet("attach") ? f.bool("attach") : f.bool("stdin")
        let printer = try MutationPrinter(f, dryRun: dryRun, session: k.session)
        let beforeDash = f.args.count - (f.argsAfterDash?.count ?? 0)
        if f.args.isEmpty || beforeDash == 0 { throw KubectlFailure.usage("NAME is required for run") }
        let image = f.string("image")
        if image.isEmpty { throw KubectlFailure.plain("--image is required") }
        if !RunPod.isValidImageReference(image) {
            throw KubectlFailure.plain("Invalid image name \(GoFormat.q(image)): invalid reference format")
        }
        if f.bool("tty"), !f.bool("stdin") { throw KubectlFailure.usage("-i/--stdin is required for containers with -t/--tty=true") }
        if f.bool("expose"), f.string("port").isEmpty { throw KubectlFailure.usage("--port must be set when exposing a service") }
        let restart = try RunPod.restartPolicy(f)
        if !attach, f.bool("rm") { throw KubectlFailure.usage("--rm should only be used for attached containers") }
        if attach, dryRun != .none {
            throw KubectlFailure.usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)")
        }
        let pull = f.string("image-pull-policy")
        if !["", "Always", "IfNotPresent", "Never"].contains(pull) { throw KubectlFailure.usage("invalid image pull policy: \(pull)") }

        let name = f.args[0]
        var pod = try RunPod.build(name: name, restart: restart, f, k)
        if !f.string("overrides").isEmpty { pod = try RunPod.override(pod, f) }
        let created = try create(pod, f, k, dryRun)
        if attach {
            // kubectl prints nothing for the created pod when it attaches (and --expose is created first).
            if f.bool("expose") { try printer.print(try create(RunPod.service(name: name, f, k), f, k, dryRun), k) }
            return try RunAttach.run(created, f, k, cluster: try k.cluster(), restart: restart)
        }
        if f.bool("expose") {
            let svc = try create(RunPod.service(name: name, f, k), f, k, dryRun)
            try printer.print(svc, k)
            if printer.isYAML { k.io.outLine("---") }
        }
        try printer.print(created, k)
        return 0
    }

    /// Creates through the API server unless a client dry run; errors print as the server words them.
    private func create(_ obj: Value, _ f: ParsedFlags, _ k: KubectlContext, _ dryRun: DryRunStrategy) throws -> Value {
        if dryRun == .client {
            return obj
        }
        var o = obj
        CreateFlow.annotateIfAsked(&o, f)
        let cluster = try k.cluster()
        guard let type = cluster.registry.lookup(apiVersion: o.apiVersion, kind: o.kind) else { return o }
        try Impersonation.authorize(f, cluster, verb: "create", type: type, name: "", namespace: k.namespace)
        return try cluster.api.create(type, o, namespace: k.namespace, dryRun: dryRun == .server)
    }
}
