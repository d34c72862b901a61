// `kubectl rollout history`: a Deployment's revisions (its ReplicaSets) with their change causes, or one
// revision's pod template (`--revision=N`).
import MiniCluster

struct RolloutHistoryVerb: KubectlVerb {
    let path = ["rollout", "history"]
    var flags: [FlagSpec] {
        Rollout.fileFlags + [FlagSpec("revision", .int, default: "0", usage: "See the details, including podTemplate of the revision specified")]
            + MutationFlags.printFlags
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let revision = f.int("revision")
        if revision < 0 { throw KubectlFailure.plain("revision must be a positive integer: \(revision)") }
        let printer = try ResultPrinter(f, dryRun: .none, session: k.session)
        let cluster = try k.cluster()
        return try Rollout.each(f, k, cluster: cluster) { t, live in
            guard ["Deployment", "DaemonSet", "StatefulSet"].contains(t.type.kind) else {
                throw KubectlFailure.plain("no history viewer has been implemented for \(goQuote(t.type.kind))")
            }
            let history = Rollout.history(of: live, kind: t.type.kind, cluster: cluster)
            if printer.output != nil {
                // -o prints each revision as an object: a Deployment's ReplicaSet, a DaemonSet with that template.
                for h in history where revision == 0 || h.revision == revision { try printer.print(h.shown, type: t.type, operation: "", k) }
                return
            }
            let text: String
            if revision > 0 {
                guard let h = history.last(where: { $0.revision == revision }) else {
                    throw KubectlFailure.plain("unable to find the specified revision")
                }
                let w = PrefixWriter(unaligned: true)
                PodTemplateSection.write(h.template, w)
                text = w.text
            } else if history.isEmpty {
                text = "No rollout history found."
            } else {
                var tab = GoTabWriter(minWidth: 0, padding: 2)
                tab.write("REVISION\tCHANGE-CAUSE\n")
                for h in history {
                    tab.write("\(h.revision)\t\(h.annotations[WorkloadKeys.changeCause].flatMap { $0.isEmpty ? nil : $0 } ?? "<none>")\n")
                }
                tab.flush()
                text = tab.output
            }
            let with = revision > 0 ? "with revision #\(revision)" : ""
            k.io.out("\(ResultPrinter.typeName(t.type))/\(live.metadataName) \(with)\n\(text)\n")
        }
    }

    private func goQuote(_ s: String) -> String { "\"\(s)\"" }
}

/// `kubectl rollout undo [--to-revision=N]`: copies an earlier ReplicaSet's template (and change cause) back
/// into the Deployment, as kubectl's rollbacker does.
struct RolloutUndoVerb: KubectlVerb {
    let path = ["rollout", "undo"]
    var flags: [FlagSpec] {
        Rollout.fileFlags + [MutationFlags.dryRun,
                             FlagSpec("to-revision", .int, default: "0", usage: "The revision to rollback to. Default to 0 (last revision).")]
            + MutationFlags.printFlags
    }

    /// Annotations that stay the Deployment's own in a rollback.
    static let kept: Set<String> = [WorkloadKeys.lastApplied, WorkloadKeys.revision, WorkloadKeys.revisionHistory,
                                    WorkloadKeys.desiredReplicas, WorkloadKeys.maxReplicas, "deprecated.deployment.rollback.to"]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let dryRun = try DryRunStrategy.from(f, k)
        let toRevision = f.int("to-revision")
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let cluster = try k.cluster()
        return try Rollout.each(f, k, cluster: cluster) { t, live in
            if t.type.kind == "DaemonSet" || t.type.kind == "StatefulSet" {
                return try Self.fromRevisions(live, t, toRevision: toRevision, dryRun: dryRun, printer: printer, cluster: cluster, k)
            }
            guard t.type.kind == "Deployment" else {
                throw KubectlFailure.plain("no rollbacker has been implemented for \"\(t.type.kind)\"")
            }
            // DeploymentRollbacker lists the ReplicaSets first, then refuses a paused Deployment.
            try Self.mayList("ReplicaSet", t, cluster) { "failed to retrieve replica sets from deployment \(t.name): \($0)" }
            let rs = try Self.target(live, toRevision: toRevision, cluster: cluster)
            if live[path: "spec", "paused"]?.boolValue == true {
                throw KubectlFailure.plain("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
            }
            let template = Rollout.withoutHash(rs[path: "spec", "template"])
            if template == Rollout.withoutHash(live[path: "spec", "template"]) {
                k.io.outLine("\(ResultPrinter.typeName(t.type))/\(live.metadataName) skipped rollback (current template already matches revision \(toRevision))")
                return
            }
            var obj = live
            obj[path: "spec", "template"] = template
            var annotations: [String: String] = live.annotations.filter { Self.kept.contains($0.key) }
            for (key, v) in rs.annotations where !Self.kept.contains(key) { annotations[key] = v }
            obj[path: "metadata", "annotations"] = annotations.isEmpty ? nil : Value(stringMap: annotations)
            if dryRun != .client { try Self.mayPatch(t, cluster, toRevision: toRevision) }
            let written = dryRun == .client ? obj : try cluster.api.update(t.type, obj, namespace: t.namespace, dryRun: dryRun == .server)
            try printer.print(written, type: t.type, operation: "rolled back", k)
        }
    }

    /// DaemonSetRollbacker and StatefulSetRollbacker: put an earlier ControllerRevision's template back.
    static func fromRevisions(_ live: Value, _ t: ObjectTarget, toRevision: Int, dryRun: DryRunStrategy, printer: ResultPrinter,
                              cluster: Cluster, _ k: KubectlContext) throws {
        try mayList("ControllerRevision", t, cluster) { "unable to find history controlled by \(t.type.kind) \(t.name): \($0)" }
        let history = Rollout.history(of: live, kind: t.type.kind, cluster: cluster)
        if toRevision < 0 { throw KubectlFailure.plain("unable to find specified revision \(toRevision) in history") }
        if toRevision == 0, history.count <= 1 { throw KubectlFailure.plain("no last revision to roll back to") }
        let target = toRevision == 0 ? history[history.count - 2] : history.first { $0.revision == toRevision }
        guard let target, let template = target.template else {
            throw KubectlFailure.plain("unable to find specified revision \(toRevision) in history")
        }
        let current = live[path: "spec", "template"] ?? .emptyObject
        if template.sortedKeys == current.sortedKeys {
            k.io.outLine("\(ResultPrinter.typeName(t.type))/\(live.metadataName) skipped rollback (current template already matches revision \(toRevision))")
            return
        }
        var obj = live
        obj[path: "spec", "template"] = template
        if dryRun != .client { try mayPatch(t, cluster, toRevision: toRevision) }
        let written = dryRun == .client ? obj : try cluster.api.update(t.type, obj, namespace: t.namespace, dryRun: dryRun == .server)
        try printer.print(written, type: t.type, operation: "rolled back", k)
    }

    /// Refuses, in the rollbacker's `words`, an `--as` identity that may not list `kind` in the target's namespace
    /// (the rollbackers read a workload's history before they change anything).
    static func mayList(_ kind: String, _ t: ObjectTarget, _ cluster: Cluster, words: (String) -> String) throws {
        guard let type = cluster.registry.lookup(kind: kind),
              let e = Impersonation.denial(t.requester, cluster, verb: "list", type: type, name: "", namespace: t.namespace)
        else { return }
        throw KubectlFailure.plain(words(e.message))
    }

    /// Refuses an `--as` identity that may not patch the workload, in every rollbacker's words for a failed patch.
    static func mayPatch(_ t: ObjectTarget, _ cluster: Cluster, toRevision: Int) throws {
        if let e = Impersonation.denial(t.requester, cluster, verb: "patch", type: t.type, name: t.name, namespace: t.namespace) {
            throw KubectlFailure.plain("failed restoring revision \(toRevision): \(e.message)")
        }
    }

    /// The ReplicaSet of `toRevision`, or of the revision before the latest.
    static func target(_ d: Value, toRevision: Int, cluster: Cluster) throws -> Value {
        let history = Rollout.replicaSets(of: d, cluster: cluster)
        if toRevision > 0 {
            guard let rs = history.first(where: { $0.revision == toRevision })?.rs else {
                throw KubectlFailure.plain("unable to find specified revision \(toRevision) in history")
            }
            return rs
        }
        guard history.count >= 2 else {
            throw KubectlFailure.plain("no rollout history found for deployment \"\(d.metadataName)\"")
        }
        return history[history.count - 2].rs
    }
}
