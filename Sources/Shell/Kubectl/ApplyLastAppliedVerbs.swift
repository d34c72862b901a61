// `kubectl apply view-last-applied` and `apply set-last-applied`: read and rewrite the last-applied-configuration
// annotation that client-side apply keeps (apply_view_last_applied.go, apply_set_last_applied.go).
import MiniCluster

/// `kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)`: the annotation of each
/// live object, as YAML (default) or indented JSON.
struct ViewLastAppliedVerb: KubectlVerb {
    let path = ["apply", "view-last-applied"]
    var flags: [FlagSpec] {
        [
            FlagSpec("output", "o", default: "yaml", usage: "Output format. Must be one of (yaml, json)"),
            FlagSpec("all", .bool, default: "false", usage: "Select all resources in the namespace of the specified resource types"),
            FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
        ] + ManifestReader.flags("Filename, directory, or URL to files that contains the last-applied-configuration annotations")
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if f.args.isEmpty, f.strings("filename").isEmpty { throw KubectlFailure.plain(ResourceTargets.missingResource) }
        let cluster = try k.cluster()
        let set = try ResourceTargets.resolve(f.args, f, k, cluster: cluster, selectAll: f.bool("all"))
        // Every annotation is collected first: the first error (a missing object …) ends the command with no output.
        var configs: [String] = []
        for item in set.items {
            switch item {
            case .failure(let e): throw e
            case .target(let t):
                let live: Value
                do { live = try ResourceTargets.live(t, cluster) } catch let e as APIError { throw KubectlFailure.api(e) }
                guard let text = live[path: "metadata", "annotations", LastAppliedConfig.key]?.stringValue, !text.isEmpty else {
                    // kubectl wraps a nil error with the file name: objects named by arguments are skipped silently.
                    if t.source.isEmpty { continue }
                    throw KubectlFailure.plain("error when no last-applied-configuration annotation found on resource: \(t.name)\n \"\(t.source)\": <nil>")
                }
                configs.append(text)
            }
        }
        let format = f.string("output")
        for text in configs {
            guard let value = try? JSONCodec.decode(text) else {
                throw KubectlFailure.plain("invalid character looking for beginning of value")
            }
            switch format {
            case "json":
                // json.Indent keeps the text's trailing newline (apply's annotations end with one).
                let body = JSONCodec.encode(value, indent: 2)
                k.io.out(text.hasSuffix("\n") ? body : String(body.dropLast()))
            case "yaml":
                k.io.out(YAMLCodec.encode(value))
            default:
                throw KubectlFailure.usage("Unexpected -o output mode: \(format), the flag 'output' must be one of yaml|json")
            }
        }
        return 0
    }
}

/// `kubectl apply set-last-applied -f FILENAME`: sets each live object's annotation to the file's object, as if
/// `apply -f` had sent it, without changing anything else (a JSON merge patch of the annotation alone).
struct SetLastAppliedVerb: KubectlVerb {
    let path = ["apply", "set-last-applied"]
    var flags: [FlagSpec] {
        [
            FlagSpec("filename", "f", .stringSlice, usage: "Filename, directory, or URL to files that contains the last-applied-configuration annotations"),
            FlagSpec("create-annotation", .bool, default: "false", usage: "Will create 'last-applied-configuration' annotations if current objects doesn't have one"),
            MutationFlags.dryRun,
            FlagSpec("output", "o", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
            FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
            FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template."),
            FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
        ]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        if f.strings("filename").isEmpty { throw KubectlFailure.plain(ResourceTargets.missingResource) }
        let cluster = try k.cluster()
        let manifests = try ManifestReader.read(f, k, registry: cluster.registry)
        if let e = manifests.errors.first { throw e }
        // Validate: every object must exist and carry the annotation (unless --create-annotation); unchanged ones
        // are reported at once, the others patched afterwards.
        var changes: [(MappedManifest, String)] = []
        for m in manifests.objects {
            let live: Value
            do { live = try cluster.api.get(m.type, namespace: m.namespace, name: m.name) } catch let e as APIError {
                if e.reason == .notFound { throw KubectlFailure.api(e) }
                throw KubectlErrors.withSource("retrieving current configuration of:\n\(ApplyVerb.describe(m))\nfrom server for:", m.source, e)
            }
            let original = live[path: "metadata", "annotations", LastAppliedConfig.key]?.stringValue
            if original == nil, !f.bool("create-annotation") {
                throw KubectlFailure.plain("no last-applied-configuration annotation found on resource: \(m.name), to create the annotation, run the command with --create-annotation")
            }
            // editor.GetApplyPatch: the file's object as compact JSON with sorted keys, no trailing newline.
            let config = JSONCodec.encodeCompact(m.object.sortedKeys)
            if original == config {
                k.io.outLine("set-last-applied \(m.name): no changes required.")
            } else {
                changes.append((m, config))
            }
        }
        for (m, config) in changes {
            var result = m.object
            if dryRun != .client {
                let patch: Value = ["metadata": ["annotations": [LastAppliedConfig.key: .string(config)]]]
                result = try cluster.api.patch(m.type, namespace: m.namespace, name: m.name, patch: patch, type: .merge,
                                               dryRun: dryRun == .server)
            }
            try printer.print(result, type: m.type, operation: "configured", k)
        }
        return 0
    }
}
