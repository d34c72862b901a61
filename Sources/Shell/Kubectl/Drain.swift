// `kubectl drain NODE`: cordon, then evict every pod on the node that may go (cmd/drain and pkg/drain):
// DaemonSet pods need --ignore-daemonsets, emptyDir pods --delete-emptydir-data, pods without a controller
// --force; mirror pods are skipped. It waits (in virtual time) until the evicted pods are gone.
import MiniCluster

struct DrainVerb: KubectlVerb {
    let path = ["drain"]
    var flags: [FlagSpec] {
        [FlagSpec("chunk-size", .int, default: "500", usage: "Return large lists in chunks rather than all at once. Pass 0 to disable."),
         FlagSpec("delete-emptydir-data", .bool, default: "false", usage: "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained)."),
         FlagSpec("disable-eviction", .bool, default: "false", usage: "Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution."),
         MutationFlags.dryRun,
         FlagSpec("force", .bool, default: "false", usage: "Continue even if there are pods that do not declare a controller."),
         FlagSpec("grace-period", .int, default: "-1", usage: "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used."),
         FlagSpec("ignore-daemonsets", .bool, default: "false", usage: "Ignore DaemonSet-managed pods."),
         FlagSpec("pod-selector", usage: "Label selector to filter pods on the node"),
         NodeTargets.selectorFlag,
         FlagSpec("skip-wait-for-delete-timeout", .int, default: "0", usage: "If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip."),
         FlagSpec("timeout", .duration, default: "0s", usage: "The length of time to wait before giving up, zero means infinite")]
    }

    /// One pod's fate (PodDeleteStatus): delete it or not, and the warning or error it adds.
    struct Verdict {
        var delete: Bool
        var warning: String? = nil
        var error: String? = nil
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try NodeTargets.validate(f.args, f, verb: "drain")
        let dryRun = try DryRunStrategy.from(f, k)
        let cluster = try k.cluster()
        let podSelector: LabelSelector
        do { podSelector = try LabelSelector.parse(f.string("pod-selector")) } catch {
            throw KubectlFailure.plain("--pod-selector=<pod_selector> must be a valid label selector")
        }
        let requester = Impersonation.requester(f)
        let nodes = try NodeTargets.resolve(f.args, selector: f.string("selector"), cluster: cluster, requester: requester)
        NodeTargets.setUnschedulable(nodes, true, dryRun: dryRun, cluster: cluster, io: k.io, requester: requester)
        var fatal: [[String]] = [], remaining: [String] = []
        var interrupted = false
        for node in nodes {
            let errs = drain(node.metadataName, f, k, cluster, podSelector, dryRun, interrupted: &interrupted)
            if interrupted { return 130 }
            if let errs {
                k.io.errLine("error: unable to drain node \"\(node.metadataName)\" due to error: \(Self.aggregate(errs)), continuing command...")
                fatal.append(errs)
                remaining.append(node.metadataName)
                continue
            }
            k.io.outLine("node/\(node.metadataName) drained\(dryRun.suffix)")
        }
        if !remaining.isEmpty {
            k.io.errLine("There are pending nodes to be drained:")
            for n in remaining { k.io.errLine(" \(n)") }
        }
        // checkErr unwraps an aggregate of one, then prints an aggregate's errors one per line.
        if fatal.count == 1 { throw KubectlFailure.plain(fatal[0].joined(separator: "\n")) }
        if !fatal.isEmpty { throw KubectlFailure.plain(fatal.map(Self.aggregate).joined(separator: "\n")) }
        return 0
    }

    /// utilerrors.Aggregate's Error(): the message alone, or `[a, b]`.
    static func aggregate(_ errs: [String]) -> String { errs.count == 1 ? errs[0] : "[" + errs.joined(separator: ", ") + "]" }

    /// Drains one node; returns the errors when pods block it.
    private func drain(_ node: String, _ f: ParsedFlags, _ k: KubectlContext, _ cluster: Cluster,
                       _ podSelector: LabelSelector, _ dryRun: DryRunStrategy, interrupted: inout Bool) -> [String]? {
        guard let podType = cluster.registry.lookup(kind: "Pod") else { return nil }
        // GetPodsForDeletion lists the pods of every namespace; a refused list is the node's error.
        if let e = Impersonation.denial(f, cluster, verb: "list", type: podType, name: "", namespace: nil) { return [e.message] }
        let pods = cluster.api.list(podType, namespace: nil, selector: podSelector).filter { $0[path: "spec", "nodeName"]?.stringValue == node }
        var toDelete: [Value] = []
        var warnings: [(String, [String])] = [], errors: [(String, [String])] = []
        func note(_ list: inout [(String, [String])], _ msg: String, _ pod: Value) {
            let id = "\(pod.metadataNamespace ?? "")/\(pod.metadataName)"
            if let i = list.firstIndex(where: { $0.0 == msg }) { list[i].1.append(id) } else { list.append((msg, [id])) }
        }
        for pod in pods {
            let v = verdict(pod, f, cluster)
            if let w = v.warning { note(&warnings, w, pod) }
            if let e = v.error { note(&errors, e, pod) }
            if v.delete { toDelete.append(pod) }
        }
        if !errors.isEmpty {
            return errors.map { "cannot delete \($0.0): \($0.1.joined(separator: ", "))" }
        }
        if !warnings.isEmpty {
            k.io.errLine("Warning: " + warnings.map { "\($0.0): \($0.1.joined(separator: ", "))" }.joined(separator: "; "))
        }
        let verb = f.bool("disable-eviction") ? "deleting" : "evicting"
        if dryRun == .client {
            for p in toDelete { k.io.outLine("evicting pod \(p.metadataNamespace ?? "")/\(p.metadataName) (dry run)") }
            return nil
        }
        if dryRun == .server {
            for p in toDelete { k.io.outLine("evicting pod \(p.metadataNamespace ?? "")/\(p.metadataName) (server dry run)") }
            return nil
        }
        let grace = f.int("grace-period")
        let timeout = Waiter.timeout(f.string("timeout"))
        let outcome = verb == "evicting"
            ? evict(toDelete, grace: grace >= 0 ? grace : nil, timeout: timeout, k, cluster)
            : delete(toDelete, grace: grace >= 0 ? grace : nil, timeout: timeout, k, cluster)
        switch outcome {
        case .interrupted: interrupted = true; return nil
        case .failed(let errs):
            let pending = (cluster.api.list(podType, namespace: nil, selector: podSelector)
                .filter { $0[path: "spec", "nodeName"]?.stringValue == node && verdict($0, f, cluster).delete })
            if !pending.isEmpty {
                k.io.errLine("There are pending pods in node \"\(node)\" when an error occurred: \(Self.aggregate(errs))")
                for p in pending { k.io.errLine("pod/\(p.metadataName)") }
            }
            return errs
        case .done: return nil
        }
    }

    enum Outcome { case done, failed([String]), interrupted }

    /// `--disable-eviction`: delete them all, then wait until they are gone. As pkg/drain's deletePods, the first
    /// refused delete (an `--as` identity without `delete pods`) ends the drain with that error, unwaited.
    private func delete(_ pods: [Value], grace: Int?, timeout: Duration?, _ k: KubectlContext, _ cluster: Cluster) -> Outcome {
        let podType = cluster.registry.lookup(kind: "Pod")!
        let requester = Impersonation.requester(k.flags)
        for p in pods {
            if let e = Impersonation.denial(requester, cluster, verb: "delete", type: podType, name: p.metadataName,
                                            namespace: p.metadataNamespace) {
                return .failed([e.message])
            }
            _ = try? cluster.api.delete(podType, namespace: p.metadataNamespace, name: p.metadataName, gracePeriod: grace)
        }
        var pending = pods
        let outcome = Waiter(session: k.session).run(timeout: timeout) {
            pending = pending.filter { p in
                if Self.gone(p, cluster) { k.io.outLine("pod/\(p.metadataName) deleted"); return false }
                return true
            }
            return pending.isEmpty
        }
        if outcome == .interrupted { return .interrupted }
        // Without --timeout only the script cap ends the wait (kubectl would wait on); report it as the limit.
        let limit = (timeout ?? Waiter.scriptCap).goString
        if outcome == .timedOut {
            return .failed(pending.map { "error when waiting for pod \"\($0.metadataName)\" in namespace \"\($0.metadataNamespace ?? "")\" to terminate: global timeout reached: \(limit)" })
        }
        return .done
    }

    /// pkg/drain's evictPods, one pod after the other at each virtual instant: ask for an eviction, and on 429 (a
    /// PodDisruptionBudget says no) say so and ask again 5 s later; once evicted, wait until the pod is gone.
    private func evict(_ pods: [Value], grace: Int?, timeout: Duration?, _ k: KubectlContext, _ cluster: Cluster) -> Outcome {
        enum Stage { case evicting(at: Int64), deleting, finished }
        var stages = pods.map { _ in Stage.evicting(at: 0) }
        var errors: [String] = []
        var elapsed: Int64 = 0
        func attempt(_ i: Int) {
            let p = pods[i], ns = p.metadataNamespace ?? ""
            k.io.outLine("evicting pod \(ns)/\(p.metadataName)")
            if let podType = cluster.registry.lookup(kind: "Pod"),
               let e = Impersonation.denial(Impersonation.requester(k.flags), cluster, verb: "create", type: podType, subresource: "eviction",
                                            name: p.metadataName, namespace: ns) {
                errors.append("error when evicting pods/\"\(p.metadataName)\" -n \"\(ns)\": \(e.message)")
                stages[i] = .finished
                return
            }
            do {
                try cluster.api.evict(namespace: ns, name: p.metadataName, gracePeriod: grace)
                stages[i] = .deleting
            } catch let e as APIError where e.reason == .notFound {
                stages[i] = .finished
            } catch let e as APIError where e.reason == .tooManyRequests {
                k.io.errLine("error when evicting pods/\"\(p.metadataName)\" -n \"\(ns)\" (will retry after 5s): \(e.message)")
                stages[i] = .evicting(at: elapsed + 5)
            } catch {
                errors.append("error when evicting pods/\"\(p.metadataName)\" -n \"\(ns)\": \(error)")
                stages[i] = .finished
            }
        }
        let outcome = Waiter(session: k.session).run(timeout: timeout) {
            defer { elapsed += 1 }
            for i in pods.indices {
                switch stages[i] {
                case .evicting(let at) where at <= elapsed: attempt(i)
                case .deleting where Self.gone(pods[i], cluster):
                    k.io.outLine("pod/\(pods[i].metadataName) evicted")
                    stages[i] = .finished
                default: break
                }
            }
            return stages.allSatisfy { if case .finished = $0 { return true } else { return false } }
        }
        if outcome == .interrupted { return .interrupted }
        // Without --timeout the wait ends only at the script cap (kubectl would keep retrying): the pods still
        // there are errors then too, never a silent "drained".
        if outcome == .timedOut {
            let limit = (timeout ?? Waiter.scriptCap).goString
            for (i, p) in pods.enumerated() {
                let ns = p.metadataNamespace ?? ""
                switch stages[i] {
                case .evicting:
                    k.io.outLine("evicting pod \(ns)/\(p.metadataName)")
                    errors.append("error when evicting pods/\"\(p.metadataName)\" -n \"\(ns)\": global timeout reached: \(limit)")
                case .deleting:
                    errors.append("error when waiting for pod \"\(p.metadataName)\" in namespace \"\(ns)\" to terminate: global timeout reached: \(limit)")
                case .finished: break
                }
            }
        }
        return errors.isEmpty ? .done : .failed(errors)
    }

    /// Deleted, or replaced by a new pod of the same name.
    private static func gone(_ p: Value, _ cluster: Cluster) -> Bool {
        let current = try? cluster.api.get(cluster.registry.lookup(kind: "Pod")!, namespace: p.metadataNamespace, name: p.metadataName)
        return current == nil || current?.uid != p.uid
    }

    /// pkg/drain's filters in order: deleted-and-skipped, DaemonSet, mirror, local storage, unreplicated.
    private func verdict(_ pod: Value, _ f: ParsedFlags, _ cluster: Cluster) -> Verdict {
        let phase = pod[path: "status", "phase"]?.stringValue
        let finished = phase == "Succeeded" || phase == "Failed"
        let skipAfter = f.int("skip-wait-for-delete-timeout")
        if skipAfter > 0, let del = pod.deletionTimestamp, (cluster.now - del).seconds > Int64(skipAfter) { return Verdict(delete: false) }
        let controller = pod.ownerReferences.first { $0["controller"]?.boolValue == true }
        if let c = controller, c["kind"]?.stringValue == "DaemonSet", !finished {
            let dsType = cluster.registry.lookup(kind: "DaemonSet")
            let name = c["name"]?.stringValue ?? ""
            if dsType.flatMap({ try? cluster.api.get($0, namespace: pod.metadataNamespace, name: name) }) == nil {
                let msg = "daemonsets.apps \"\(name)\" not found"
                return f.bool("force") ? Verdict(delete: true, warning: msg) : Verdict(delete: false, error: msg)
            }
            if !f.bool("ignore-daemonsets") { return Verdict(delete: false, error: "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)") }
            return Verdict(delete: false, warning: "ignoring DaemonSet-managed Pods")
        }
        if pod.annotations["kubernetes.io/config.mirror"] != nil { return Verdict(delete: false) }
        let emptyDir = (pod[path: "spec", "volumes"]?.arrayValue ?? []).contains { $0["emptyDir"] != nil }
        if emptyDir, !finished {
            if !f.bool("delete-emptydir-data") { return Verdict(delete: false, error: "Pods with local storage (use --delete-emptydir-data to override)") }
            // Its warning ("deleting Pods with local storage") is dropped by the next filter, as in kubectl.
        }
        if finished || controller != nil { return Verdict(delete: true) }
        if f.bool("force") { return Verdict(delete: true, warning: "deleting Pods that declare no controller") }
        return Verdict(delete: false, error: "cannot delete Pods that declare no controller (use --force to override)")
    }
}
