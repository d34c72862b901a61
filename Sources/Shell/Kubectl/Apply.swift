// `kubectl apply -f`: client-side apply. Creates what is missing (recording the manifest in the last-applied
// annotation), patches what exists with a three-way merge, and reports created/configured/unchanged per object.
import MiniCluster

struct ApplyVerb: KubectlVerb {
    let path = ["apply"]
    var flags: [FlagSpec] {
        ManifestReader.flags("The files that contain the configurations to apply.") + [
            MutationFlags.dryRun,
            FlagSpec("output", "o", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
            FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
            FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template."),
            FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
            FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='."),
            FlagSpec("all", .bool, default: "false", usage: "Select all resources in the namespace of the specified resource types."),
            FlagSpec("prune", .bool, default: "false", usage: "Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config."),
            FlagSpec("prune-allowlist", .stringArray, usage: "Overwrite the default allowlist with <group/version/kind> for --prune"),
            FlagSpec("force", .bool, default: "false", usage: "If true, immediately remove resources from API and bypass graceful deletion."),
            FlagSpec("grace-period", .int, default: "-1", usage: "Period of time in seconds given to the resource to terminate gracefully."),
            FlagSpec("cascade", default: "background", noOptDefault: "background", usage: "Must be \"background\", \"orphan\", or \"foreground\"."),
            FlagSpec("overwrite", .bool, default: "true", usage: "Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration"),
            FlagSpec("openapi-patch", .bool, default: "true", usage: "If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec."),
            FlagSpec("server-side", .bool, default: "false", usage: "If true, apply runs in the server instead of the client."),
            FlagSpec("force-conflicts", .bool, default: "false", usage: "If true, server-side apply will force the changes against conflicts."),
            FlagSpec("field-manager", default: "kubectl-client-side-apply", usage: "Name of the manager used to track field ownership."),
            FlagSpec("validate", default: "strict", noOptDefault: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false)."),
            FlagSpec("wait", .bool, default: "false", usage: "If true, wait for resources to be gone before returning. This waits for finalizers."),
            FlagSpec("timeout", .duration, default: "0s", usage: "The length of time to wait before giving up on a delete."),
            FlagSpec("subresource", usage: "If specified, apply will operate on the subresource of the requested object."),
        ]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if !f.args.isEmpty {
            throw KubectlFailure.usage("Unexpected args: [\(f.args.joined(separator: " "))]")
        }
        if f.strings("filename").isEmpty, f.string("kustomize").isEmpty {
            throw KubectlFailure.plain("must specify one of -f and -k")
        }
        let dryRun = try DryRunStrategy.from(f, k)
        if f.bool("server-side"), dryRun == .client {
            throw KubectlFailure.plain("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)")
        }
        if f.bool("force"), f.bool("server-side") { throw KubectlFailure.plain("--force cannot be used with --server-side") }
        if dryRun == .server, f.bool("force") { throw KubectlFailure.plain("--dry-run=server cannot be used with --force") }
        if f.bool("all"), !f.string("selector").isEmpty {
            throw KubectlFailure.plain("cannot set --all and --selector at the same time")
        }
        var pruner = try ApplyPruner(f, dryRun: dryRun, k)
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let cluster = try k.cluster()
        if pruner != nil { try pruner?.resolveAllowlist(cluster.registry) }
        var manifests = try ManifestReader.read(f, k, registry: cluster.registry)
        // -l also filters the files' objects (the builder's label filter), with or without --prune.
        let selector = f.string("selector")
        if !selector.isEmpty {
            let parsed: LabelSelector
            do { parsed = try LabelSelector.parse(selector) } catch let e as LabelSelectorError { throw KubectlFailure.plain(e.message) }
            manifests.objects.removeAll { !parsed.matches($0.object.labels) }
        }
        if manifests.objects.isEmpty, manifests.errors.isEmpty {
            throw KubectlFailure.plain("no objects passed to apply")
        }
        var errors = manifests.errors
        for m in manifests.objects {
            do {
                let result = try Self.applyOne(m, cluster: cluster, dryRun: dryRun, printer: printer, k)
                pruner?.visited(m, result)
            } catch let e as KubectlFailure {
                errors.append(e)
            }
        }
        if let pruner, errors.isEmpty {
            do { try pruner.prune(cluster: cluster, printer: printer, k) } catch let e as KubectlFailure { errors.append(e) }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }

    /// Applies one manifest object (kubectl's applyOneObject, client-side path).
    @discardableResult
    static func applyOne(_ m: MappedManifest, cluster: Cluster, dryRun: DryRunStrategy, printer: ResultPrinter,
                         _ k: KubectlContext) throws -> Value {
        let api = cluster.api
        if m.name.isEmpty {
            if let g = m.object[path: "metadata", "generateName"]?.stringValue, !g.isEmpty {
                throw KubectlFailure.plain("from \(g): cannot use generate name with apply")
            }
        }
        let modified = LastAppliedConfig.annotated(m.object)
        let live: Value
        // With --as, each request kubectl makes (get, then create or patch) is authorized on its own.
        func refuse(_ verb: String, name: String) throws {
            if let e = Impersonation.denial(k.flags, cluster, verb: verb, type: m.type, name: name, namespace: m.namespace) {
                throw e
            }
        }
        do {
            try refuse("get", name: m.name)
            live = try api.get(m.type, namespace: m.namespace, name: m.name)
        } catch let e as APIError where e.reason == .notFound {
            let toCreate = LastAppliedConfig.pruneNulls(modified)
            var result = toCreate
            if dryRun != .client {
                do {
                    try refuse("create", name: "")
                    result = try api.create(m.type, toCreate, namespace: m.namespace, dryRun: dryRun == .server)
                } catch {
                    throw KubectlErrors.withSource("creating", m.source, error)
                }
            }
            try printer.print(result, type: m.type, operation: "created", k)
            return result
        } catch {
            throw KubectlErrors.withSource("retrieving current configuration of:\n\(describe(m))\nfrom server for:", m.source, error)
        }
        if dryRun == .client {
            try printer.print(live, type: m.type, operation: "configured", k)
            return live
        }
        if live[path: "metadata", "annotations", LastAppliedConfig.key] == nil {
            k.io.errLine("Warning: resource \(m.type.plural)/\(m.name) is missing the \(LastAppliedConfig.key) annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.")
        }
        let patch = StrategicMergePatch.threeWay(original: LastAppliedConfig.recorded(on: live), modified: modified,
                                                 current: live, type: m.type)
        if patch.objectValue?.isEmpty ?? false {
            try printer.print(live, type: m.type, operation: "unchanged", k)
            return live
        }
        let patched: Value
        do {
            try refuse("patch", name: m.name)
            patched = try api.patch(m.type, namespace: m.namespace, name: m.name, patch: patch, type: .strategic,
                                    dryRun: dryRun == .server)
        } catch {
            let body = JSONCodec.encodeCompact(patch.sortedKeys)
            throw KubectlErrors.withSource("applying patch:\n\(body)\nto:\n\(describe(m))\nfor:", m.source, error)
        }
        try printer.print(patched, type: m.type, operation: "configured", k)
        return patched
    }

    /// resource.Info's String(): how kubectl names the object in long apply errors.
    static func describe(_ m: MappedManifest) -> String {
        let t = m.type
        return "Resource: \"\(t.group)/\(t.version), Resource=\(t.plural)\", GroupVersionKind: \"\(t.group)/\(t.version), Kind=\(t.kind)\"\n"
            + "Name: \"\(m.name)\", Namespace: \"\(m.namespace ?? "")\""
    }
}
