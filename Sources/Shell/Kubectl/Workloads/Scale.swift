// `kubectl scale`: sets spec.replicas of deployments, replica sets, stateful sets and replication controllers
// (through their scale subresource), with `--current-replicas` and `--resource-version` preconditions.
import MiniCluster

struct ScaleVerb: KubectlVerb {
    let path = ["scale"]
    let flags: [FlagSpec] = [
        FlagSpec("all", .bool, default: "false", usage: "Select all resources in the namespace of the specified resource types"),
        FlagSpec("current-replicas", .int, default: "-1", usage: "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition."),
        MutationFlags.dryRun,
        FlagSpec("filename", "f", .stringSlice, default: "", usage: "Filename, directory, or URL to files identifying the resource to set a new size"),
        FlagSpec("kustomize", "k", usage: "Process the kustomization directory."),
        FlagSpec("recursive", "R", .bool, default: "false", usage: "Process the directory used in -f, --filename recursively."),
        FlagSpec("replicas", .int, default: "0", usage: "The new desired number of replicas. Required."),
        FlagSpec("resource-version", usage: "Precondition for resource version. Requires that the current resource version match this value in order to scale."),
        FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
        FlagSpec("timeout", default: "0s", usage: "The length of time to wait before giving up on a scale operation, zero means don't wait."),
    ] + MutationFlags.printFlags

    /// Kinds with a scale subresource.
    static let scalable: Set<String> = ["apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "/ReplicationController"]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard f.isSet("replicas") else { throw KubectlFailure.plain("required flag(s) \"replicas\" not set") }
        let replicas = f.int("replicas")
        guard replicas >= 0 else {
            throw KubectlFailure.plain("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
        }
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let cluster = try k.cluster()
        let targets = try ResourceTargets.resolve(f.args, f, k, cluster: cluster, selectAll: f.bool("all"),
                                                  allowEmptySelector: f.bool("all"))
        let current = f.int("current-replicas"), resourceVersion = f.string("resource-version")
        var errors: [KubectlFailure] = []
        var found: [(ObjectTarget, Value)] = []
        for item in targets.items {
            switch item {
            case .failure(let e): errors.append(e)
            case .target(let t):
                // kubectl scale reads nothing first (it patches the scale subresource); the object is for our checks.
                do { found.append((t, try t.object ?? cluster.api.get(t.type, namespace: t.namespace, name: t.name))) }
                catch let e as APIError { errors.append(.api(e)) }
            }
        }
        // Nothing to scale: kubectl folds the lookup error into one message.
        if found.isEmpty, let first = errors.first {
            if case .api(let e) = first { throw KubectlFailure.plain("no objects passed to scale \(e.message)") }
            throw first
        }
        if !resourceVersion.isEmpty, found.count > 1 {
            throw KubectlFailure.plain("cannot use --resource-version with multiple resources")
        }
        for (t, live) in found {
            do {
                guard Self.scalable.contains("\(t.type.group)/\(t.type.kind)") else {
                    throw APIError(reason: .notFound, code: 404, message: "the server could not find the requested resource")
                }
                var obj = live
                let have = obj[path: "spec", "replicas"]?.intValue ?? 1
                if current != -1, current != have {
                    throw KubectlFailure.plain("Expected replicas to be \(current), was \(have)")
                }
                if !resourceVersion.isEmpty, resourceVersion != obj[path: "metadata", "resourceVersion"]?.stringValue {
                    throw KubectlFailure.plain("Expected resource version to be \(resourceVersion), was \(obj[path: "metadata", "resourceVersion"]?.stringValue ?? "")")
                }
                // With a precondition kubectl reads the scale and updates it; without, it sends one patch.
                let checked = current != -1 || !resourceVersion.isEmpty
                for verb in checked ? ["get", "update"] : ["patch"] {
                    try Impersonation.authorize(t.requester, cluster, verb: verb, type: t.type, subresource: "scale", name: t.name,
                                                namespace: t.namespace)
                }
                obj[path: "spec", "replicas"] = .int(replicas)
                let written = dryRun == .client ? obj
                    : try cluster.api.update(t.type, obj, namespace: t.namespace, dryRun: dryRun == .server)
                try printer.print(written, type: t.type, operation: "scaled", k)
            } catch let e as KubectlFailure { errors.append(e) } catch let e as APIError { errors.append(.api(e)) }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }
}
