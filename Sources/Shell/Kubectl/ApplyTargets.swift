// The objects a delete/label/annotate/patch/edit command acts on, as cli-runtime's builder finds them:
// `TYPE NAME…`, `TYPE/NAME…`, `TYPE -l sel`, `TYPE --all`, `-f FILE`, with `-A`. Builder-level mistakes throw
// at once; per-object failures (NotFound, bad documents) stay in order so the other objects still run.
import MiniCluster

/// One object to act on.
struct ObjectTarget {
    var type: ResourceType
    var namespace: String?
    var name: String
    /// The file it came from (`-f`), for `error when deleting "f.yaml": …`; empty otherwise.
    var source: String = ""
    /// The object when it is already known (listed by a selector, or read from a file).
    var object: Value?
    /// The identity `--as` acts as: each request made for this target is authorized for it (nil: the learner).
    var requester: UserInfo?
}

/// Targets and per-item errors, in the order kubectl visits them.
struct TargetSet {
    enum Item { case target(ObjectTarget), failure(KubectlFailure) }
    var items: [Item] = []
    /// True when exactly one object was named (kubectl's IntoSingleItemImplied).
    var singleItemImplied = false
}

enum ResourceTargets {
    static let missingResource = """
        You must provide one or more resources by argument or filename.
        Example resource specifications include:
           '-f rsrc.yaml'
           '--filename=rsrc.json'
           '<resource> <name>'
           '<resource>'
        """

    /// Resolves resource arguments and `-f`/`-l`/`--all`/`-A` into targets.
    /// - Parameter allowEmptySelector: `TYPE` alone selects everything (label/annotate `--all`).
    static func resolve(_ args: [String], _ f: ParsedFlags, _ k: KubectlContext, cluster: Cluster,
                        selectAll: Bool = false, allowEmptySelector: Bool = false) throws -> TargetSet {
        let files = f.strings("filename")
        let selector = f.specs["selector"] != nil ? f.string("selector") : ""
        let fieldSelector = f.specs["field-selector"] != nil ? f.string("field-selector") : ""
        let allNamespaces = f.specs["all-namespaces"] != nil && f.bool("all-namespaces")
        if selectAll, !selector.isEmpty {
            throw KubectlFailure.plain("setting 'all' parameter but found a non empty selector. ")
        }
        var set = TargetSet()
        if !files.isEmpty {
            if !args.isEmpty {
                throw KubectlFailure.plain("when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well")
            }
            let manifests = try ManifestReader.read(f, k, registry: cluster.registry)
            for m in manifests.objects {
                set.items.append(.target(ObjectTarget(type: m.type, namespace: m.namespace, name: m.name, source: m.source, object: m.object)))
            }
            set.items += manifests.errors.map { .failure($0) }
            set.singleItemImplied = manifests.objects.count == 1 && manifests.errors.isEmpty
            return set.requested(by: Impersonation.requester(f))
        }
        if args.isEmpty { throw KubectlFailure.plain(missingResource) }
        let selection = try ResourceArgs.parse(args, registry: cluster.registry)
        let namespace: String? = allNamespaces ? nil : k.namespace
        let useSelector = !selector.isEmpty || !fieldSelector.isEmpty || selectAll
        if selection.hasNames {
            if useSelector {
                let slashed = args.contains { $0.contains("/") }
                throw KubectlFailure.plain(slashed ? "selectors and the all flag cannot be used when passing resource/name arguments"
                                                   : "name cannot be provided when a selector is specified")
            }
            if allNamespaces, selection.types.contains(where: \.namespaced) {
                throw KubectlFailure.plain("a resource cannot be retrieved by name across all namespaces")
            }
            for item in selection.items {
                guard case .named(let t, let name) = item else { continue }
                set.items.append(.target(ObjectTarget(type: t, namespace: t.namespaced ? namespace : nil, name: name)))
            }
            set.singleItemImplied = selection.items.count == 1
            return set.requested(by: Impersonation.requester(f))
        }
        guard useSelector || allowEmptySelector else {
            throw KubectlFailure.plain("resource(s) were provided, but no name was specified")
        }
        for t in selection.types {
            do {
                if let e = Impersonation.denial(f, cluster, verb: "list", type: t, name: "", namespace: namespace) { throw e }
                let objs = try cluster.api.list(t, namespace: t.namespaced ? namespace : nil,
                                                labelSelector: selector, fieldSelector: fieldSelector)
                for o in objs {
                    set.items.append(.target(ObjectTarget(type: t, namespace: t.namespaced ? o.metadataNamespace : nil,
                                                    name: o.metadataName, object: o)))
                }
            } catch let e as APIError {
                set.items.append(.failure(.api(e.forList(t, labelSelector: selector, fieldSelector: fieldSelector))))
            }
        }
        return set.requested(by: Impersonation.requester(f))
    }

    /// The live object for a target, fetched from the server (kubectl's `Latest()` / `info.Get()`), as the target's
    /// requester may.
    static func live(_ t: ObjectTarget, _ cluster: Cluster) throws -> Value {
        if let e = Impersonation.denial(t.requester, cluster, verb: "get", type: t.type, name: t.name, namespace: t.namespace) {
            throw e
        }
        return try cluster.api.get(t.type, namespace: t.namespace, name: t.name)
    }
}

extension TargetSet {
    /// The same targets, each acting as `user`.
    func requested(by user: UserInfo?) -> TargetSet {
        guard let user else { return self }
        var out = self
        out.items = items.map { item in
            guard case .target(var t) = item else { return item }
            t.requester = user
            return .target(t)
        }
        return out
    }
}
