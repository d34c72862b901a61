// `kubectl create job NAME --image=… [-- command]` (or `--from=cronjob/NAME`) and `kubectl create cronjob`.
import MiniCluster

/// A pod template with one container named after the job, as both generators build it.
private func jobPodTemplate(_ c: CreateCall, image: String, restart: String) -> Value {
    Build.object([
        ("metadata", Build.meta(name: nil)),
        ("spec", ["containers": [Build.container(name: c.name, image: image, command: c.command)],
                  "restartPolicy": .string(restart)]),
    ])
}

struct CreateJobVerb: CreateGenerator {
    let path = ["create", "job"]
    let ownFlags = [
        FlagSpec("image", usage: "Image name to run."),
        FlagSpec("from", usage: "The resource to create the Job from (only cronjob/NAME)."),
    ]
    let serverErrorPrefix: String? = "failed to create job: "

    func validate(_ c: CreateCall) throws {
        let image = c.flags.string("image"), from = c.flags.string("from")
        if image.isEmpty == from.isEmpty { throw KubectlFailure.plain("either --image or --from must be specified") }
        if !c.command.isEmpty, !from.isEmpty { throw KubectlFailure.plain("cannot specify --from and command") }
    }

    func build(_ c: CreateCall) throws -> Value {
        let from = c.flags.string("from")
        if !from.isEmpty { return try fromCronJob(from, c) }
        let spec: Value = ["template": jobPodTemplate(c, image: c.flags.string("image"), restart: "Never")]
        return Build.object(Build.head("Job", "batch/v1", Build.meta(name: c.name, namespace: c.enforcedNamespace))
                            + [("spec", spec), ("status", .emptyObject)])
    }

    /// A Job from a CronJob's jobTemplate, owned by the CronJob and marked as started by hand.
    private func fromCronJob(_ from: String, _ c: CreateCall) throws -> Value {
        let parts = from.split(separator: "/", maxSplits: 1).map(String.init)
        let cluster = try c.context.cluster()
        guard parts.count == 2, let type = cluster.registry.lookup(parts[0]) else {
            throw KubectlFailure.plain("the server doesn't have a resource type \"\(parts.count == 2 ? parts[0] : from)\"")
        }
        let cronJob = try cluster.api.get(type, namespace: c.context.namespace, name: parts[1])
        guard type.kind == "CronJob" else { throw KubectlFailure.plain("unknown object type *v1.\(type.kind)") }
        var annotations: [String: String] = ["cronjob.kubernetes.io/instantiate": "manual"]
        for (k, v) in cronJob[path: "spec", "jobTemplate", "metadata", "annotations"]?.stringMap ?? [:] { annotations[k] = v }
        let owner = Build.object([
            ("apiVersion", "batch/v1"), ("kind", "CronJob"), ("name", .string(cronJob.metadataName)),
            ("uid", .string(cronJob.uid)), ("controller", true),
        ])
        var meta = Build.meta(name: c.name, namespace: c.enforcedNamespace,
                              labels: cronJob[path: "spec", "jobTemplate", "metadata", "labels"],
                              annotations: Value(stringMap: annotations))
        meta["ownerReferences"] = [owner]
        return Build.object(Build.head("Job", "batch/v1", meta)
                            + [("spec", cronJob[path: "spec", "jobTemplate", "spec"] ?? .emptyObject), ("status", .emptyObject)])
    }
}

struct CreateCronJobVerb: CreateGenerator {
    let path = ["create", "cronjob"]
    let aliases = ["cj"]
    let ownFlags = [
        FlagSpec("image", usage: "Image name to run."),
        FlagSpec("schedule", usage: "A schedule in Cron format."),
        FlagSpec("restart", usage: "The job's restart policy: OnFailure or Never."),
    ]
    let requiredFlags = ["image", "schedule"]
    let serverErrorPrefix: String? = "failed to create cronjob: "

    func build(_ c: CreateCall) throws -> Value {
        let restart = c.flags.string("restart").isEmpty ? "OnFailure" : c.flags.string("restart")
        let jobTemplate = Build.object([
            ("metadata", Build.meta(name: c.name)),
            ("spec", ["template": jobPodTemplate(c, image: c.flags.string("image"), restart: restart)]),
        ])
        let spec = Build.object([("schedule", .string(c.flags.string("schedule"))), ("jobTemplate", jobTemplate)])
        return Build.object(Build.head("CronJob", "batch/v1", Build.meta(name: c.name, namespace: c.enforcedNamespace))
                            + [("spec", spec), ("status", .emptyObject)])
    }
}
