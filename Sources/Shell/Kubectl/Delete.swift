// `kubectl delete`: by name, TYPE/NAME, -f, -l, --all (with -A), with kubectl's cascade, grace-period, force
// and dry-run handling and its quoted `pod "web" deleted` lines.
import MiniCluster

struct DeleteVerb: KubectlVerb {
    let path = ["delete"]
    var flags: [FlagSpec] {
        ManifestReader.flags("containing the resource to delete.") + [
            MutationFlags.dryRun,
            FlagSpec("all", .bool, default: "false", usage: "Delete all resources, in the namespace of the specified resource types."),
            FlagSpec("all-namespaces", "A", .bool, default: "false", usage: "If present, list the requested object(s) across all namespaces."),
            FlagSpec("cascade", default: "background", noOptDefault: "background",
                     usage: "Must be \"background\", \"orphan\", or \"foreground\". Defaults to background."),
            FlagSpec("field-selector", usage: "Selector (field query) to filter on, supports '=', '==', and '!='."),
            FlagSpec("force", .bool, default: "false", usage: "If true, immediately remove resources from API and bypass graceful deletion."),
            FlagSpec("grace-period", .int, default: "-1", usage: "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative."),
            FlagSpec("ignore-not-found", .bool, default: "false", usage: "Treat \"resource not found\" as a successful delete."),
            FlagSpec("interactive", "i", .bool, default: "false", usage: "If true, delete resource only when user confirms."),
            FlagSpec("now", .bool, default: "false", usage: "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."),
            FlagSpec("output", "o", usage: "Output mode. Use \"-o name\" for shorter output (resource/name)."),
            FlagSpec("raw", usage: "Raw URI to DELETE to the server."),
            FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='."),
            FlagSpec("timeout", .duration, default: "0s", usage: "The length of time to wait before giving up on a delete."),
            FlagSpec("wait", .bool, default: "true", usage: "If true, wait for resources to be gone before returning. This waits for finalizers."),
        ]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let propagation = try Self.cascade(f.string("cascade"), k)
        var grace = f.int("grace-period")
        let force = f.bool("force")
        if f.bool("now") {
            if grace != -1 { throw KubectlFailure.plain("--now and --grace-period cannot be specified together") }
            grace = 1
        }
        if grace == 0, !force { grace = 1 }
        if force, grace < 0 { grace = 0 }
        let dryRun = try DryRunStrategy.from(f, k)
        let selector = f.string("selector"), fieldSelector = f.string("field-selector")
        let bulk = f.bool("all") || !selector.isEmpty || !fieldSelector.isEmpty
        let ignoreNotFound = f.isSet("ignore-not-found") ? f.bool("ignore-not-found") : bulk
        let cluster = try k.cluster()
        let targets = try ResourceTargets.resolve(f.args, f, k, cluster: cluster, selectAll: f.bool("all"))
        let output = f.string("output")
        if !output.isEmpty, output != "name" {
            throw KubectlFailure.plain("unexpected -o output mode: \(output). We only support '-o name'")
        }
        if grace == 0, force {
            k.io.errLine("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.")
        } else if grace > 0, force {
            throw KubectlFailure.plain("--force and --grace-period greater than 0 cannot be specified together")
        }

        var warnClusterScope = k.namespaceExplicit && !f.bool("all-namespaces")
        var found = 0
        var errors: [KubectlFailure] = []
        /// Objects deleted but still in the store (grace periods, finalizers), with their uid, for --wait.
        var pending: [(target: ObjectTarget, uid: String)] = []
        for item in targets.items {
            guard case .target(let t) = item else {
                if case .failure(let e) = item { errors.append(e) }
                continue
            }
            found += 1
            if warnClusterScope, !t.type.namespaced {
                k.io.errLine("Warning: deleting cluster-scoped resources, not scoped to the provided namespace")
                warnClusterScope = false
            }
            do {
                try Impersonation.authorize(f, cluster, verb: "delete", type: t.type, name: t.name, namespace: t.namespace)
            } catch let e as KubectlFailure {
                errors.append(e)
                continue
            }
            if dryRun != .client {
                do {
                    let gone = try cluster.api.delete(t.type, namespace: t.namespace, name: t.name, propagation: propagation,
                                                      gracePeriod: grace >= 0 ? grace : nil, dryRun: dryRun == .server)
                    if dryRun == .none { pending.append((t, gone.uid)) }
                } catch let e as APIError where e.reason == .notFound && ignoreNotFound {
                    continue  // still counted as found, so no "No resources found" (as kubectl)
                } catch {
                    errors.append(KubectlErrors.withSource("deleting", t.source, error))
                    continue
                }
            }
            Self.printDeleted(t, grace: grace, dryRun: dryRun, output: output, k)
        }
        if found == 0, errors.isEmpty {
            k.io.outLine("No resources found")
            return 0
        }
        if f.bool("wait"), !pending.isEmpty {
            switch Self.waitUntilGone(pending, timeout: f.string("timeout"), cluster: cluster, k) {
            case .interrupted: return 130
            case .timedOut(let t): errors.append(.plain("timed out waiting for the condition on \(t.type.plural)/\(t.name)"))
            case .done: break
            }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }

    enum WaitResult { case done, interrupted, timedOut(ObjectTarget) }

    /// `--wait` (the default): after every deletion was sent, waits for each object to leave the store (or be
    /// replaced by one with another uid), as kubectl's delete runs `wait --for=delete` with the uids it saw.
    /// `--timeout=0` waits as long as it takes. Virtual time passes in scripts; the REPL waits in wall time (Ctrl-C stops).
    static func waitUntilGone(_ pending: [(target: ObjectTarget, uid: String)], timeout: String, cluster: Cluster,
                              _ k: KubectlContext) -> WaitResult {
        let ms = GoDuration.parse(timeout) ?? 0
        // No timeout: the Waiter's own limit (none in the REPL, its script cap in scripts, so scripts end).
        let limit: Duration? = ms <= 0 ? nil : Duration(ms: ms)
        let started = cluster.now
        // Short steps: most objects go within a second (nginx stops at once), and later AGEs show the time spent.
        let waiter = Waiter(session: k.session, step: .milliseconds(100))
        for (t, uid) in pending {
            let left = limit.map { Duration(ms: max(0, $0.ms - (cluster.now.ms - started.ms))) }
            let outcome = waiter.run(timeout: left) {
                guard let live = try? ResourceTargets.live(t, cluster) else { return true }
                return live.uid != uid
            }
            switch outcome {
            case .done: continue
            case .interrupted: return .interrupted
            case .timedOut: return .timedOut(t)
            }
        }
        return .done
    }

    /// `pod "web" deleted`, `force deleted`, the dry-run suffixes, or `pod/web` for `-o name`.
    static func printDeleted(_ t: ObjectTarget, grace: Int, dryRun: DryRunStrategy, output: String, _ k: KubectlContext) {
        let kind = ResultPrinter.typeName(t.type)
        if output == "name" {
            k.io.outLine("\(kind)/\(t.name)")
            return
        }
        let operation = (grace == 0 ? "force deleted" : "deleted") + dryRun.suffix
        k.io.outLine("\(kind) \"\(t.name)\" \(operation)")
    }

    /// `--cascade`: background/foreground/orphan, or the deprecated booleans with kubectl's warning.
    static func cascade(_ value: String, _ k: KubectlContext) throws -> PropagationPolicy {
        if let b = parseBool(value) {
            let replacement = b ? "background" : "orphan"
            k.io.errLine("warning: --cascade=\(value) is deprecated (boolean value) and can be replaced with --cascade=\(replacement).")
            return b ? .background : .orphan
        }
        switch value {
        case "background": return .background
        case "foreground": return .foreground
        case "orphan": return .orphan
        default:
            throw KubectlFailure.plain("invalid cascade value (\(value)). Must be \"background\", \"foreground\", or \"orphan\"")
        }
    }
}
