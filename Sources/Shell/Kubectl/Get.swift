// `kubectl get`: resource arguments, namespace and selector scoping, then tables (per type, kubectl's layout)
// or, for -o yaml|json|name|jsonpath|custom-columns, the generic object printers.
import MiniCluster

struct GetVerb: KubectlVerb {
    let path = ["get"]
    let flags = [
        FlagSpec("all-namespaces", "A", .bool, default: "false", usage: "If present, list the requested object(s) across all namespaces."),
        FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template."),
        FlagSpec("chunk-size", .int, default: "500", usage: "Return large lists in chunks rather than all at once. Pass 0 to disable."),
        FlagSpec("field-selector", usage: "Selector (field query) to filter on, supports '=', '==', and '!='."),
        FlagSpec("filename", "f", .stringSlice, default: "", usage: "Filename, directory, or URL to files identifying the resource to get from a server."),
        FlagSpec("ignore-not-found", .bool, default: "false", usage: "If the requested object does not exist the command will return exit code 0."),
        FlagSpec("kustomize", "k", usage: "Process the kustomization directory."),
        FlagSpec("label-columns", "L", .stringSlice, default: "", usage: "Accepts a comma separated list of labels that are going to be presented as columns."),
        FlagSpec("no-headers", .bool, default: "false", usage: "When using the default or custom-column output format, don't print headers."),
        FlagSpec("output", "o", usage: "Output format."),
        FlagSpec("output-watch-events", .bool, default: "false", usage: "Output watch event objects when --watch or --watch-only is used."),
        FlagSpec("raw", usage: "Raw URI to request from the server."),
        FlagSpec("recursive", "R", .bool, default: "false", usage: "Process the directory used in -f, --filename recursively."),
        FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='."),
        FlagSpec("server-print", .bool, default: "true", usage: "If true, have the server return the appropriate table output."),
        FlagSpec("show-kind", .bool, default: "false", usage: "If present, list the resource type for the requested object(s)."),
        FlagSpec("show-labels", .bool, default: "false", usage: "When printing, show all labels as the last column (default hide labels column)"),
        FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
        FlagSpec("sort-by", usage: "If non-empty, sort list types using this field specification."),
        FlagSpec("subresource", usage: "If specified, gets the subresource of the requested object."),
        FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
        FlagSpec("watch", "w", .bool, default: "false", usage: "After listing/getting the requested object, watch for changes."),
        FlagSpec("watch-only", .bool, default: "false", usage: "Watch for changes to the requested object(s), without listing/getting first."),
    ]

    /// Every output format kubectl get accepts, as its error message lists them.
    static let allowedFormats = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let output = f.string("output")
        if f.bool("show-labels"), !output.isEmpty, output != "wide" {
            throw KubectlFailure.plain("--show-labels option cannot be used with \(output) printer")
        }
        if f.bool("output-watch-events"), !f.bool("watch"), !f.bool("watch-only") {
            throw KubectlFailure.plain("--output-watch-events option can only be used with --watch or --watch-only")
        }
        if f.isSet("kustomize") {
            throw KubectlFailure.plain("-k/--kustomize is not supported by get in this simulator yet")
        }
        let fromFiles = !f.strings("filename").isEmpty
        if fromFiles, !f.args.isEmpty {
            throw KubectlFailure.plain("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well")
        }
        if f.args.isEmpty, !fromFiles {
            k.io.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n")
            throw KubectlFailure.usage("Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).")
        }
        let cluster = try k.cluster()
        var selection = try ResourceArgs.parse(f.args, registry: cluster.registry)
        var fileNamespace: String?
        if fromFiles {
            // The objects the files name, fetched by name (kubectl's builder with --filename).
            let set = try ManifestReader.read(f, k, registry: cluster.registry)
            selection = ResourceSelection(items: set.objects.map { .named($0.type, $0.name) })
            fileNamespace = set.objects.compactMap(\.namespace).first
            if selection.items.isEmpty || !set.errors.isEmpty {
                KubectlErrors.report(set.errors, k)
                if selection.items.isEmpty { return 1 }
            }
        }
        let allNamespaces = f.bool("all-namespaces") && !fromFiles
        let labelSelector = f.string("selector"), fieldSelector = f.string("field-selector")
        if selection.hasNames {
            if allNamespaces { throw KubectlFailure.plain("a resource cannot be retrieved by name across all namespaces") }
            if !labelSelector.isEmpty || !fieldSelector.isEmpty {
                throw KubectlFailure.plain("name cannot be provided when a selector is specified")
            }
        }
        let namespace = allNamespaces ? nil : fileNamespace ?? k.namespace
        for item in selection.items {
            switch item {
            case let .named(t, n): try Impersonation.authorize(f, cluster, verb: "get", type: t, name: n, namespace: namespace)
            case let .all(t): try Impersonation.authorize(f, cluster, verb: f.bool("watch") || f.bool("watch-only") ? "watch" : "list",
                                                          type: t, name: "", namespace: namespace)
            }
        }
        // The API server's warning on every ComponentStatus request; kubectl prints each warning once, first.
        if selection.types.contains(where: { $0.kind == "ComponentStatus" && $0.group.isEmpty }) {
            k.io.errLine("Warning: v1 ComponentStatus is deprecated in v1.19+")
        }
        if f.bool("watch") || f.bool("watch-only") { return try watch(selection, f, k, cluster: cluster, namespace: namespace) }
        var result = try selection.fetch(from: cluster, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector)
        if f.bool("ignore-not-found") { result.errors.removeAll { $0.reason == .notFound } }

        let sortBy = f.string("sort-by")
        if !sortBy.isEmpty {
            for i in result.groups.indices where result.groups[i].objects.count > 1 {
                result.groups[i].objects = try SortBy.sort(result.groups[i].objects, by: sortBy)
            }
        }

        if output.isEmpty || output == "wide" {
            printTables(result, f, k, cluster: cluster, allNamespaces: allNamespaces, wide: output == "wide")
        } else {
            try GenericOutput.print(result, format: output, singleItem: selection.items.count == 1 && selection.hasNames,
                                    ignoreNotFound: f.bool("ignore-not-found"), flags: f, io: k.io)
        }
        for e in result.errors { k.io.errLine(e.kubectlMessage) }
        return result.errors.isEmpty ? 0 : 1
    }

    /// One table per type in the order requested, a blank line between non-empty tables (not with --no-headers),
    /// and kubectl's "No resources found" note on stderr when nothing at all was printed.
    private func printTables(_ result: FetchResult, _ f: ParsedFlags, _ k: KubectlContext, cluster: Cluster,
                             allNamespaces: Bool, wide: Bool) {
        var options = TablePrintOptions()
        options.wide = wide
        options.withNamespace = allNamespaces
        // kubectl decides from what the server returned: one list per listed type (even empty), one object per name.
        options.withKind = f.bool("show-kind") || Set(result.groups.map(\.type)).count > 1
        options.showLabels = f.bool("show-labels")
        options.labelColumns = f.strings("label-columns")
        options.noHeaders = f.bool("no-headers")
        var written = false
        for g in result.groups {
            let text = TablePrinter.render(g.type, g.objects, now: cluster.now, options: options, cache: cluster.tableRows)
            if text.isEmpty { continue }
            if written, !options.noHeaders { k.io.out("\n") }
            k.io.out(text)
            written = true
        }
        if !written, result.errors.isEmpty, !f.bool("ignore-not-found") {
            let allNamespaced = !allNamespaces && result.groups.allSatisfy { $0.type.namespaced }
            k.io.errLine(allNamespaced ? "No resources found in \(k.namespace) namespace." : "No resources found")
        }
    }
}
