// `kubectl create -f FILE|DIR|-`: every object of the manifests, created one by one (kubectl continues past
// failures and reports them together at the end), printed as unstructured objects.
import MiniCluster

struct CreateFromFileVerb: KubectlVerb {
    let path = ["create"]
    let flags: [FlagSpec] = (MutationFlags.createCommon + [
        FlagSpec("filename", "f", .stringSlice, usage: "Files, directories or URLs with the objects to create; - reads stdin."),
        FlagSpec("kustomize", "k", usage: "A kustomization directory to create from."),
        FlagSpec("recursive", "R", .bool, default: "false", usage: "Process -f directories recursively."),
        FlagSpec("selector", "l", usage: "Only create objects whose labels match this selector."),
        FlagSpec("edit", .bool, default: "false", usage: "Edit the objects before creating them."),
        FlagSpec("windows-line-endings", .bool, default: "false", usage: "With --edit, use Windows line endings."),
        FlagSpec("raw", usage: "Raw URI to POST to the server."),
    ]).sorted { $0.name < $1.name }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if !f.args.isEmpty { throw KubectlFailure.usage("Unexpected args: [\(f.args.joined(separator: " "))]") }
        let dryRun = try DryRunStrategy.from(f, k)
        try MutationFlags.checkValidate(f)
        let printer = try MutationPrinter(f, dryRun: dryRun, session: k.session)
        let files = f.strings("filename")
        if files.isEmpty, f.string("kustomize").isEmpty { throw KubectlFailure.plain("must specify one of -f and -k") }
        if !files.isEmpty, !f.string("kustomize").isEmpty { throw KubectlFailure.plain("only one of -f or -k can be specified") }
        if !f.string("kustomize").isEmpty { throw KubectlFailure.plain("kustomize (-k) is not supported yet; use -f") }
        if !f.string("raw").isEmpty { throw KubectlFailure.plain("--raw is not supported yet") }
        if f.bool("edit") { throw KubectlFailure.plain("--edit is not supported yet; edit the file and run kubectl create -f") }

        let validate = f.string("validate") != "false" && f.string("validate") != "ignore"
        let load = try Manifest.read(files, recursive: f.bool("recursive"), validate: validate, session: k.session, stdin: k.io.stdin)
        var selector: LabelSelector?
        if f.isSet("selector") {
            do { selector = try LabelSelector.parse(f.string("selector")) } catch let e as LabelSelectorError {
                throw KubectlFailure.plain(e.message)
            }
        }
        let cluster = try k.cluster()
        var errors: [String] = load.errors.map { $0.hasPrefix("error: ") ? $0 : "error: " + $0 }
        var lastAPIError: APIError?
        var count = 0
        for item in load.objects {
            var obj = item.object
            guard let type = cluster.registry.lookup(apiVersion: obj.apiVersion, kind: obj.kind) else {
                let ns = obj.metadataNamespace ?? ""
                let gv = obj.apiVersion
                errors.append("error: resource mapping not found for name: \"\(obj.metadataName)\" namespace: \"\(ns)\" from \"\(item.source)\": no matches for kind \"\(obj.kind)\" in version \"\(gv)\"\nensure CRDs are installed first")
                continue
            }
            if let selector, !selector.matches(obj.labels) { continue }
            if type.namespaced {
                if let given = obj.metadataNamespace, k.namespaceExplicit, given != k.namespace {
                    errors.append("error: the namespace from the provided object \"\(given)\" does not match the namespace \"\(k.namespace)\". You must pass '--namespace=\(given)' to perform this operation.")
                    continue
                }
                if obj.metadataNamespace == nil { obj[path: "metadata", "namespace"] = .string(k.namespace) }
            }
            if f.bool("save-config") { LastApplied.annotate(&obj, sortedKeys: true) }
            if dryRun != .client {
                do {
                    if let e = Impersonation.denial(f, cluster, verb: "create", type: type, name: "",
                                                    namespace: obj.metadataNamespace) { throw e }
                    obj = try cluster.api.create(type, obj, namespace: type.namespaced ? obj.metadataNamespace : nil,
                                                 dryRun: dryRun == .server)
                } catch var e as APIError {
                    e.message = "error when creating \"\(item.source)\": " + e.message
                    errors.append("Error from server (\(e.reason.rawValue)): \(e.message)")
                    lastAPIError = e
                    continue
                }
            }
            count += 1
            try printer.print(obj, typed: false, k)
        }
        if errors.count == 1, let e = lastAPIError { throw KubectlFailure.api(e) }
        if errors.count == 1 { throw KubectlFailure.raw(errors[0] + "\n") }
        if !errors.isEmpty {
            // kubectl prints an aggregate one error per line, each in its own words.
            throw KubectlFailure.raw(errors.map { $0.hasPrefix("error: ") ? String($0.dropFirst(7)) : $0 }.joined(separator: "\n") + "\n")
        }
        if count == 0 { throw KubectlFailure.plain("no objects passed to create") }
        return 0
    }
}
