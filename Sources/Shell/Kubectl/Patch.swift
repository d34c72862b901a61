// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (or --patch-file, or -f): decodes the patch
// (YAML or JSON) client-side and lets the server apply it; says `patched` or `patched (no change)`.
import Foundation
import MiniCluster

struct PatchVerb: KubectlVerb {
    let path = ["patch"]
    var flags: [FlagSpec] {
        ManifestReader.flags("Filename, directory, or URL to a file identifying the resource to update") + [
            MutationFlags.dryRun,
            FlagSpec("field-manager", default: "kubectl-patch", usage: "Name of the manager used to track field ownership."),
            FlagSpec("local", .bool, default: "false", usage: "If true, patch will operate on the content of the file, not the server-side resource."),
            FlagSpec("output", "o", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
            FlagSpec("patch", "p", usage: "The patch to be applied to the resource JSON file."),
            FlagSpec("patch-file", usage: "A file containing a patch to be applied to the resource."),
            FlagSpec("type", default: "strategic", usage: "The type of patch being provided; one of [json merge strategic]"),
            FlagSpec("subresource", usage: "If specified, patch will operate on the subresource of the requested object."),
            FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
            FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template."),
            FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
        ]
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let inline = f.string("patch"), file = f.string("patch-file")
        if !inline.isEmpty, !file.isEmpty { throw KubectlFailure.plain("cannot specify --patch and --patch-file together") }
        if inline.isEmpty, file.isEmpty {
            throw KubectlFailure.plain("must specify --patch or --patch-file containing the contents of the patch")
        }
        if f.bool("local"), !f.args.isEmpty { throw KubectlFailure.plain("cannot specify --local and server resources") }
        if f.bool("local"), dryRun == .server {
            throw KubectlFailure.plain("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        }
        guard let type = PatchType(rawValue: f.string("type").lowercased()) else {
            throw KubectlFailure.plain("--type must be one of [json merge strategic], not \"\(f.string("type"))\"")
        }
        var text = inline
        if !file.isEmpty {
            guard let data = try? String(contentsOf: k.session.url(for: file), encoding: .utf8) else {
                throw KubectlFailure.plain("unable to read patch file: open \(file): no such file or directory")
            }
            text = data
        }
        let patch: Value
        do {
            patch = try YAMLCodec.decode(text)
        } catch let e as YAMLError {
            throw KubectlFailure.plain("unable to parse \"\(inline)\": yaml: " + (e.line.map { "line \($0): " } ?? "") + e.problem)
        }
        let cluster = try k.cluster()
        let targets = try ResourceTargets.resolve(f.args, f, k, cluster: cluster)
        var errors: [KubectlFailure] = []
        var count = 0
        for item in targets.items {
            guard case .target(let t) = item else {
                if case .failure(let e) = item { errors.append(e) }
                continue
            }
            count += 1
            do {
                // kubectl patch sends the PATCH alone (no GET): only that is authorized; `before` is for the message.
                try Impersonation.authorize(t.requester, cluster, verb: "patch", type: t.type, name: t.name, namespace: t.namespace)
                let before = try cluster.api.get(t.type, namespace: t.namespace, name: t.name)
                let after = try cluster.api.patch(t.type, namespace: t.namespace, name: t.name, patch: patch, type: type,
                                                  dryRun: dryRun != .none)
                let changed = Self.comparable(before) != Self.comparable(after)
                try printer.print(after, type: t.type, operation: changed ? "patched" : "patched (no change)", k)
            } catch let e as APIError {
                errors.append(.api(e))
            } catch let e as KubectlFailure {
                errors.append(e)
            }
        }
        if !errors.isEmpty {
            KubectlErrors.report(errors, k)
            return 1
        }
        if count == 0 { throw KubectlFailure.plain("no objects passed to patch") }
        return 0
    }

    /// The object without the bookkeeping a write changes on its own.
    static func comparable(_ v: Value) -> Value {
        var o = v
        o.remove(path: ["metadata", "resourceVersion"])
        o.remove(path: ["metadata", "managedFields"])
        return o
    }
}
