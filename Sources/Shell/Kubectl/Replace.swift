// `kubectl replace -f FILE [--force]`: PUTs each manifest object over the live one (`replaced`); with --force,
// deletes and recreates it.
import MiniCluster

struct ReplaceVerb: KubectlVerb {
    let path = ["replace"]
    var flags: [FlagSpec] {
        ManifestReader.flags("The files that contain the configurations to replace.") + [
            MutationFlags.dryRun,
            FlagSpec("cascade", default: "background", noOptDefault: "background", usage: "Must be \"background\", \"orphan\", or \"foreground\"."),
            FlagSpec("field-manager", default: "kubectl-replace", usage: "Name of the manager used to track field ownership."),
            FlagSpec("force", .bool, default: "false", usage: "If true, immediately remove resources from API and bypass graceful deletion."),
            FlagSpec("grace-period", .int, default: "-1", usage: "Period of time in seconds given to the resource to terminate gracefully."),
            FlagSpec("output", "o", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
            FlagSpec("raw", usage: "Raw URI to PUT to the server."),
            FlagSpec("save-config", .bool, default: "false", usage: "If true, the configuration of current object will be saved in its annotation."),
            FlagSpec("subresource", usage: "If specified, replace will operate on the subresource of the requested object."),
            FlagSpec("timeout", .duration, default: "0s", usage: "The length of time to wait before giving up on a delete."),
            FlagSpec("validate", default: "strict", noOptDefault: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false)."),
            FlagSpec("wait", .bool, default: "false", usage: "If true, wait for resources to be gone before returning."),
            FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
            FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template."),
            FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
        ]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if f.strings("filename").isEmpty, f.string("kustomize").isEmpty {
            throw KubectlFailure.plain("must specify one of -f and -k")
        }
        let propagation = try DeleteVerb.cascade(f.string("cascade"), k)
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let force = f.bool("force")
        if f.int("grace-period") >= 0, !force { throw KubectlFailure.plain("--grace-period must have --force specified") }
        if (GoDuration.parse(f.string("timeout")) ?? 0) != 0, !force {
            throw KubectlFailure.plain("--timeout must have --force specified")
        }
        if force, dryRun != .none { throw KubectlFailure.plain("--dry-run can not be used when --force is set") }
        let cluster = try k.cluster()
        let manifests = try ManifestReader.read(f, k, registry: cluster.registry)
        if manifests.objects.isEmpty, manifests.errors.isEmpty {
            throw KubectlFailure.plain("no objects passed to replace")
        }
        var errors = manifests.errors
        if force {
            // kubectl deletes every object first (ignoring ones already gone), then creates them again.
            let grace = f.int("grace-period")
            for m in manifests.objects {
                do {
                    if let e = Impersonation.denial(f, cluster, verb: "delete", type: m.type, name: m.name, namespace: m.namespace) {
                        throw e
                    }
                    try cluster.api.delete(m.type, namespace: m.namespace, name: m.name, propagation: propagation,
                                           gracePeriod: grace >= 0 ? grace : nil)
                    k.io.outLine("\(ResultPrinter.typeName(m.type)) \"\(m.name)\" deleted")
                } catch let e as APIError where e.reason == .notFound {
                } catch {
                    errors.append(KubectlErrors.withSource("deleting", m.source, error))
                }
            }
        }
        for m in manifests.objects {
            var obj = m.object
            if f.bool("save-config") || obj[path: "metadata", "annotations", LastAppliedConfig.key] != nil {
                obj = LastAppliedConfig.annotated(obj)
            }
            do {
                if force {
                    obj.remove(path: ["metadata", "resourceVersion"])
                    if let e = Impersonation.denial(f, cluster, verb: "create", type: m.type, name: "", namespace: m.namespace) { throw e }
                    let created = try cluster.api.create(m.type, obj, namespace: m.namespace)
                    try printer.print(created, type: m.type, operation: "replaced", k)
                    continue
                }
                if dryRun == .client {
                    try printer.print(obj, type: m.type, operation: "replaced", k)
                    continue
                }
                if let e = Impersonation.denial(f, cluster, verb: "update", type: m.type, name: m.name, namespace: m.namespace) { throw e }
                let replaced = try cluster.api.update(m.type, obj, namespace: m.namespace, dryRun: dryRun == .server)
                try printer.print(replaced, type: m.type, operation: "replaced", k)
            } catch let e as KubectlFailure {
                errors.append(e)
            } catch {
                errors.append(KubectlErrors.withSource(force ? "creating" : "replacing", m.source, error))
            }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }
}
