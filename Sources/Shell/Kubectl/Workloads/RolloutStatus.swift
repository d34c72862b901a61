// `kubectl rollout status`: prints the rollout's progress on every change of the object until it is done,
// its progress deadline passes, `--timeout` expires, or (`--watch=false`) once.
import MiniCluster

struct RolloutStatusVerb: KubectlVerb {
    let path = ["rollout", "status"]
    var flags: [FlagSpec] {
        Rollout.fileFlags + [
            FlagSpec("revision", .int, default: "0", usage: "Pin to a specific revision for showing its status. Defaults to 0 (last revision)."),
            FlagSpec("timeout", .duration, default: "0s", usage: "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."),
            FlagSpec("watch", "w", .bool, default: "true", usage: "Watch the status of the rollout until it's done."),
        ]
    }

    /// Where a rollout stands: a message, and whether it is finished.
    enum Status: Equatable {
        case waiting(String), done(String), failed(String)
    }

    /// The status viewer of a Deployment (rollout_status.go).
    static func deploymentStatus(_ d: Value, revision: Int) -> Status {
        let name = d.metadataName
        if revision > 0 {
            let current = Int(d.annotations[WorkloadKeys.revision] ?? "") ?? 0
            if current != revision { return .failed("desired revision (\(revision)) is different from the running revision (\(current))") }
        }
        let generation = d[path: "metadata", "generation"]?.intValue ?? 0
        let observed = d[path: "status", "observedGeneration"]?.intValue ?? 0
        guard generation <= observed else { return .waiting("Waiting for deployment spec update to be observed...") }
        let progressing = (d[path: "status", "conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Progressing" }
        if progressing?["reason"]?.stringValue == "ProgressDeadlineExceeded" {
            return .failed("deployment \(goQuote(name)) exceeded its progress deadline")
        }
        let want = d[path: "spec", "replicas"]?.intValue ?? 1
        func s(_ f: String) -> Int { d[path: "status", f]?.intValue ?? 0 }
        if s("updatedReplicas") < want {
            return .waiting("Waiting for deployment \(goQuote(name)) rollout to finish: \(s("updatedReplicas")) out of \(want) new replicas have been updated...")
        }
        if s("replicas") > s("updatedReplicas") {
            return .waiting("Waiting for deployment \(goQuote(name)) rollout to finish: \(s("replicas") - s("updatedReplicas")) old replicas are pending termination...")
        }
        if s("availableReplicas") < s("updatedReplicas") {
            return .waiting("Waiting for deployment \(goQuote(name)) rollout to finish: \(s("availableReplicas")) of \(s("updatedReplicas")) updated replicas are available...")
        }
        return .done("deployment \(goQuote(name)) successfully rolled out")
    }

    /// The status viewer of a DaemonSet (DaemonSetStatusViewer): only RollingUpdate has a rollout to follow.
    static func daemonSetStatus(_ ds: Value) -> Status {
        guard ds[path: "spec", "updateStrategy", "type"]?.stringValue == "RollingUpdate" else {
            return .failed("rollout status is only available for RollingUpdate strategy type")
        }
        let generation = ds[path: "metadata", "generation"]?.intValue ?? 0
        let observed = ds[path: "status", "observedGeneration"]?.intValue ?? 0
        guard generation <= observed else { return .waiting("Waiting for daemon set spec update to be observed...") }
        func s(_ f: String) -> Int { ds[path: "status", f]?.intValue ?? 0 }
        let name = goQuote(ds.metadataName), desired = s("desiredNumberScheduled")
        if s("updatedNumberScheduled") < desired {
            return .waiting("Waiting for daemon set \(name) rollout to finish: \(s("updatedNumberScheduled")) out of \(desired) new pods have been updated...")
        }
        if s("numberAvailable") < desired {
            return .waiting("Waiting for daemon set \(name) rollout to finish: \(s("numberAvailable")) of \(desired) updated pods are available...")
        }
        return .done("daemon set \(name) successfully rolled out")
    }

    /// The status viewer of a StatefulSet (StatefulSetStatusViewer).
    static func statefulSetStatus(_ sts: Value) -> Status {
        guard sts[path: "spec", "updateStrategy", "type"]?.stringValue ?? "RollingUpdate" == "RollingUpdate" else {
            return .failed("rollout status is only available for RollingUpdate strategy type")
        }
        let generation = sts[path: "metadata", "generation"]?.intValue ?? 0
        let observed = sts[path: "status", "observedGeneration"]?.intValue ?? 0
        guard observed != 0, generation <= observed else { return .waiting("Waiting for statefulset spec update to be observed...") }
        func s(_ f: String) -> Int { sts[path: "status", f]?.intValue ?? 0 }
        let replicas = sts[path: "spec", "replicas"]?.intValue ?? 1
        if s("readyReplicas") < replicas { return .waiting("Waiting for \(replicas - s("readyReplicas")) pods to be ready...") }
        if let partition = sts[path: "spec", "updateStrategy", "rollingUpdate", "partition"]?.intValue, partition > 0 {
            if s("updatedReplicas") < replicas - partition {
                return .waiting("Waiting for partitioned roll out to finish: \(s("updatedReplicas")) out of \(replicas - partition) new pods have been updated...")
            }
            return .done("partitioned roll out complete: \(s("updatedReplicas")) new pods have been updated...")
        }
        let update = sts[path: "status", "updateRevision"]?.stringValue ?? ""
        let current = sts[path: "status", "currentRevision"]?.stringValue ?? ""
        if update != current {
            return .waiting("waiting for statefulset rolling update to complete \(s("updatedReplicas")) pods at revision \(update)...")
        }
        return .done("statefulset rolling update complete \(s("currentReplicas")) pods at revision \(current)...")
    }

    private static func goQuote(_ s: String) -> String { "\"\(s)\"" }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let cluster = try k.cluster()
        let revision = f.int("revision")
        if revision < 0 { throw KubectlFailure.plain("revision must be a positive integer: \(revision)") }
        let timeout = Waiter.timeout(f.string("timeout"))
        return try Rollout.each(f, k, cluster: cluster) { t, live in
            guard ["Deployment", "DaemonSet", "StatefulSet"].contains(t.type.kind) else {
                throw KubectlFailure.plain("no status viewer has been implemented for \(t.type.kind)")
            }
            try follow(t, live, cluster: cluster, revision: revision, watch: f.bool("watch"), timeout: timeout, k)
        }
    }

    /// Prints the status now and after every change of the object (as the watch delivers it).
    private func follow(_ t: ObjectTarget, _ live: Value, cluster: Cluster, revision: Int, watch: Bool,
                        timeout: Duration?, _ k: KubectlContext) throws {
        func show(_ obj: Value) throws -> Bool {
            let status: Status
            switch t.type.kind {
            case "DaemonSet": status = Self.daemonSetStatus(obj)
            case "StatefulSet": status = Self.statefulSetStatus(obj)
            default: status = Self.deploymentStatus(obj, revision: revision)
            }
            switch status {
            case .waiting(let m): k.io.outLine(m); return false
            case .done(let m): k.io.outLine(m); return true
            case .failed(let m): throw KubectlFailure.plain(m)
            }
        }
        if !watch { _ = try show(live); return }
        var seen = cluster.store.revision
        if try show(live) { return }
        var finished = false
        let outcome = try Waiter(session: k.session).run(timeout: timeout) {
            let events = cluster.api.watch(t.type, namespace: t.namespace, fieldSelector: FieldSelector(), fromRevision: seen)
                .filter { $0.object.metadataName == t.name }
            seen = cluster.store.revision
            for e in events {
                if e.type == .deleted { throw KubectlFailure.plain("object has been deleted") }
                if try show(e.object) { finished = true; return true }
            }
            return finished
        }
        if outcome == .timedOut { throw KubectlFailure.plain("timed out waiting for the condition") }
    }
}
