// `kubectl autoscale`: creates an autoscaling/v1 HorizontalPodAutoscaler for a scalable workload (the server
// stores it as v2). The HPA controller comes later; this only makes the object.
import MiniCluster

struct AutoscaleVerb: KubectlVerb {
    let path = ["autoscale"]
    let flags: [FlagSpec] = [
        FlagSpec("cpu-percent", .int, default: "-1", usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used."),
        MutationFlags.dryRun, MutationFlags.fieldManager("kubectl-autoscale"),
        FlagSpec("filename", "f", .stringSlice, default: "", usage: "Filename, directory, or URL to files identifying the resource to autoscale."),
        FlagSpec("kustomize", "k", usage: "Process the kustomization directory."),
        FlagSpec("max", .int, default: "-1", usage: "The upper limit for the number of pods that can be set by the autoscaler. Required."),
        FlagSpec("min", .int, default: "-1", usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value."),
        FlagSpec("name", usage: "The name for the newly created object. If not specified, the name of the input resource will be used."),
        FlagSpec("recursive", "R", .bool, default: "false", usage: "Process the directory used in -f, --filename recursively."),
        MutationFlags.saveConfig,
    ] + MutationFlags.printFlags

    static let scalable: Set<String> = ["apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "/ReplicationController"]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard f.isSet("max") else { throw KubectlFailure.plain("required flag(s) \"max\" not set") }
        let maxPods = f.int("max"), minPods = f.int("min"), cpu = f.int("cpu-percent")
        if maxPods < 1 { throw KubectlFailure.plain("--max=MAXPODS is required and must be at least 1, max: \(maxPods)") }
        if maxPods < minPods {
            throw KubectlFailure.plain("--max=MAXPODS must be larger or equal to --min=MINPODS, max: \(maxPods), min: \(minPods)")
        }
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let cluster = try k.cluster()
        guard let hpaType = cluster.registry.lookup(kind: "HorizontalPodAutoscaler") else { return 1 }
        let targets = try ResourceTargets.resolve(f.args, f, k, cluster: cluster)
        var errors: [KubectlFailure] = []
        for item in targets.items {
            switch item {
            case .failure(let e): errors.append(e)
            case .target(let t):
                do {
                    let live = try t.object ?? ResourceTargets.live(t, cluster)
                    guard Self.scalable.contains("\(t.type.group)/\(t.type.kind)") else {
                        throw KubectlFailure.plain("cannot autoscale a \(t.type.kind): could not find scale subresource for \(t.type.gvrDescription)")
                    }
                    let name = f.string("name").isEmpty ? live.metadataName : f.string("name")
                    var spec: Value = ["maxReplicas": .int(maxPods)]
                    if minPods > 0 { spec["minReplicas"] = .int(minPods) }
                    spec["scaleTargetRef"] = ["apiVersion": .string(t.type.apiVersion), "kind": .string(t.type.kind), "name": .string(live.metadataName)]
                    if cpu >= 0 { spec["targetCPUUtilizationPercentage"] = .int(cpu) }
                    var hpa: Value = ["apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
                                      "metadata": ["name": .string(name), "creationTimestamp": nil], "spec": spec,
                                      "status": ["currentReplicas": 0, "desiredReplicas": 0]]
                    if dryRun == .client {
                        try printer.print(hpa, type: hpaType, operation: "autoscaled", k)
                        continue
                    }
                    hpa.remove(path: ["metadata", "creationTimestamp"])
                    hpa.remove(path: ["status"])
                    try Impersonation.authorize(f, cluster, verb: "create", type: hpaType, name: "", namespace: t.namespace ?? k.namespace)
                    let made = try cluster.api.create(hpaType, hpa, namespace: t.namespace ?? k.namespace, dryRun: dryRun == .server)
                    try printer.print(printer.output == nil ? made : HPA.toV1(made), type: hpaType, operation: "autoscaled", k)
                } catch let e as KubectlFailure { errors.append(e) } catch let e as APIError { errors.append(.api(e)) }
            }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }
}
