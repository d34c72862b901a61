// `kubectl describe`: resolves the arguments like the resource builder, describes each object with its kind's
// describer, falls back to a name-prefix match (`describe pods web` finds `web-7c5d…`), and reports errors last.
import Foundation
import MiniCluster

struct DescribeVerb: KubectlVerb {
    let path = ["describe"]
    let flags = [
        FlagSpec("all-namespaces", "A", .bool, default: "false",
                 usage: "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
        FlagSpec("chunk-size", .int, default: "500",
                 usage: "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."),
        FlagSpec("filename", "f", .stringSlice, usage: "Filename, directory, or URL to files containing the resource to describe"),
        FlagSpec("kustomize", "k", usage: "Process the kustomization directory. This flag can't be used together with -f or -R."),
        FlagSpec("recursive", "R", .bool, default: "false",
                 usage: "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
        FlagSpec("selector", "l",
                 usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
        FlagSpec("show-events", .bool, default: "true", usage: "If true, display events related to the described object."),
    ]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let args = f.args
        if args.isEmpty && f.strings("filename").isEmpty && f.string("kustomize").isEmpty {
            throw KubectlFailure.plain("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.")
        }
        if !f.string("kustomize").isEmpty {
            throw KubectlFailure.plain("describing a kustomization is not supported yet in this simulator")
        }
        if !f.strings("filename").isEmpty { return try describeFiles(f, k) }
        let cluster = try k.cluster()
        let selection = try ResourceArgs.parse(args, registry: cluster.registry)
        let allNamespaces = f.bool("all-namespaces")
        let namespace = k.namespace
        let tupleForm = args.contains { $0.contains("/") } || (args.count > 1 && args[0].contains(","))
        let selectorText = f.string("selector").trimmingCharacters(in: .whitespaces)
        if !selectorText.isEmpty, selection.hasNames {
            throw KubectlFailure.plain(tupleForm ? "selectors and the all flag cannot be used when passing resource/name arguments"
                                                 : "name cannot be provided when a selector is specified")
        }
        if allNamespaces, selection.items.contains(where: { if case .named(let t, _) = $0 { return t.namespaced }; return false }) {
            throw KubectlFailure.plain("a resource cannot be retrieved by name across all namespaces")
        }

        // Fetch like the builder: lists filtered by selector; named objects stop at the first error unless given as TYPE/NAME.
        var found: [(ResourceType, Value)] = []
        var errors: [APIError] = []
        for item in selection.items {
            switch item {
            case .all(let t):
                let ns = allNamespaces || !t.namespaced ? nil : namespace
                do {
                    for o in try cluster.api.list(t, namespace: ns, labelSelector: selectorText, fieldSelector: nil) { found.append((t, o)) }
                } catch let e as APIError {
                    throw e.forList(t, labelSelector: selectorText, fieldSelector: "")
                }
            case .named(let t, let name):
                do {
                    found.append((t, try cluster.api.get(t, namespace: namespace, name: name)))
                } catch let e as APIError {
                    errors.append(e)
                    if !tupleForm { break }
                }
            }
            if !tupleForm, !errors.isEmpty, selection.hasNames { break }
        }

        let ctx = DescribeContext(cluster: cluster, showEvents: f.bool("show-events"))
        if found.isEmpty, errors.count == 1, errors[0].reason == .notFound, args.count == 2, !tupleForm,
           case .named(let t, let prefix)? = selection.items.first {
            let matches = cluster.api.list(t, namespace: t.namespaced ? namespace : nil).filter { $0.metadataName.hasPrefix(prefix) }
            if !matches.isEmpty {
                for o in matches { k.io.out(Describers.describe(o, type: t, ctx) + "\n") }
                return 0
            }
        }
        for (i, (t, o)) in found.enumerated() {
            k.io.out((i == 0 ? "" : "\n\n") + Describers.describe(o, type: t, ctx))
        }
        if found.isEmpty, errors.isEmpty {
            k.io.errLine(allNamespaces ? "No resources found" : "No resources found in \(namespace) namespace.")
        }
        for e in errors { k.io.errLine(e.kubectlMessage) }
        return errors.isEmpty ? 0 : 1
    }

    /// `describe -f FILE`: the builder maps each document to a type, namespace and name (mapping errors first),
    /// then each object's describer fetches it by name; a missing one is an error and the rest still print.
    private func describeFiles(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if !f.args.isEmpty {
            throw KubectlFailure.plain("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well")
        }
        let cluster = try k.cluster()
        let set = try ManifestReader.read(f, k, registry: cluster.registry)
        let ctx = DescribeContext(cluster: cluster, showEvents: f.bool("show-events"))
        var errors = set.errors
        var first = true
        for m in set.objects {
            do {
                let o = try cluster.api.get(m.type, namespace: m.namespace, name: m.name)
                k.io.out((first ? "" : "\n\n") + Describers.describe(o, type: m.type, ctx))
                first = false
            } catch let e as APIError {
                errors.append(.api(e))
            }
        }
        KubectlErrors.report(errors, k)
        return errors.isEmpty ? 0 : 1
    }
}
