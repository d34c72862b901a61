// The resource arguments every kubectl verb takes (cli-runtime's resource builder): `pods`, `pods web db`,
// `deploy,svc`, `deploy,svc web`, `pod/web svc/web`, `all`. Turns them into typed requests.
import MiniCluster

public struct ResourceSelection {
    public enum Item {
        /// Every object of the type (subject to namespace and selectors).
        case all(ResourceType)
        /// One named object.
        case named(ResourceType, String)

        public var type: ResourceType {
            switch self {
            case .all(let t), .named(let t, _): return t
            }
        }
    }
    public var items: [Item]
    /// Whether names were given (`pods web`, `pod/web`): then missing objects are NotFound errors.
    public var hasNames: Bool { items.contains { if case .named = $0 { return true }; return false } }
    /// The distinct types, in the order first requested.
    public var types: [ResourceType] {
        var seen = Set<ResourceType>(), out: [ResourceType] = []
        for i in items where seen.insert(i.type).inserted { out.append(i.type) }
        return out
    }
    /// True when more than one type was requested (tables may prefix names with `kind.group/`; the get verb
    /// decides from what it actually prints, as kubectl does).
    public var isMultiType: Bool { types.count > 1 }
}

public enum ResourceArgs {
    /// Parses resource arguments. Throws `KubectlFailure` in kubectl's words.
    /// - Parameter requireNames: verbs like delete/label need names (or a selector/--all): checked by the caller.
    public static func parse(_ args: [String], registry: ResourceRegistry) throws -> ResourceSelection {
        guard let first = args.first else { return ResourceSelection(items: []) }
        let slashed = args.filter { $0.contains("/") }
        if !slashed.isEmpty {
            if slashed.count != args.count {
                throw KubectlFailure.plain("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
            }
            var items: [ResourceSelection.Item] = []
            for a in args {
                let parts = a.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                if parts.count > 2 { throw KubectlFailure.plain("arguments in resource/name form may not have more than one slash") }
                if parts[0].isEmpty || parts[1].isEmpty {
                    throw KubectlFailure.plain("arguments in resource/name form must have a single resource and name")
                }
                items.append(.named(try resolve(parts[0], registry), parts[1]))
            }
            return ResourceSelection(items: items)
        }
        var types: [ResourceType] = []
        for word in first.split(separator: ",", omittingEmptySubsequences: true).map(String.init) {
            if word == "all" { types += registry.allCategory; continue }
            types.append(try resolve(word, registry))
        }
        let names = Array(args.dropFirst())
        if names.isEmpty { return ResourceSelection(items: types.map { .all($0) }) }
        var items: [ResourceSelection.Item] = []
        for t in types { for n in names { items.append(.named(t, n)) } }
        return ResourceSelection(items: items)
    }

    /// Resolves one typed resource name; unknown ones get kubectl's NoResourceMatch wording.
    public static func resolve(_ typed: String, _ registry: ResourceRegistry) throws -> ResourceType {
        if let t = registry.lookup(typed) { return t }
        // `deploy.v9.apps` / `foo.apps`: say which group/version was asked for, as checkErr does.
        let parts = typed.split(separator: ".", maxSplits: 2).map(String.init)
        if parts.count == 3, parts[1].hasPrefix("v"), parts[1].dropFirst().first?.isNumber == true {
            throw KubectlFailure.plain("the server doesn't have a resource type \"\(parts[0])\" in group \"\(parts[2])\" and version \"\(parts[1])\"")
        }
        if parts.count >= 2 {
            let rest = parts.dropFirst().joined(separator: ".")
            if parts.count == 2, parts[1].hasPrefix("v"), parts[1].dropFirst().first?.isNumber == true {
                throw KubectlFailure.plain("the server doesn't have a resource type \"\(parts[0])\" in version \"\(parts[1])\"")
            }
            throw KubectlFailure.plain("the server doesn't have a resource type \"\(parts[0])\" in group \"\(rest)\"")
        }
        throw KubectlFailure.plain("the server doesn't have a resource type \"\(typed)\"")
    }
}

/// Objects fetched for a selection, per item, with NotFound errors kept in order (kubectl prints found rows, then errors).
public struct FetchResult {
    public var groups: [(type: ResourceType, objects: [Value])] = []
    public var errors: [APIError] = []
    public var allObjects: [Value] { groups.flatMap(\.objects) }
}

extension ResourceSelection {
    /// Fetches the selected objects from the cluster. `namespace` nil means all namespaces (`-A`).
    /// `filter` lets the caller apply label and field selectors to listed objects.
    public func fetch(from cluster: Cluster, namespace: String?, filter: (ResourceType, Value) -> Bool = { _, _ in true }) -> FetchResult {
        var r = FetchResult()
        func append(_ t: ResourceType, _ objs: [Value]) {
            if let i = r.groups.firstIndex(where: { $0.type == t }) { r.groups[i].objects += objs } else { r.groups.append((t, objs)) }
        }
        for item in items {
            switch item {
            case .all(let t):
                append(t, cluster.api.list(t, namespace: namespace).filter { filter(t, $0) })
            case .named(let t, let name):
                do {
                    let o = try cluster.api.get(t, namespace: namespace ?? "default", name: name)
                    append(t, [o])
                } catch let e as APIError {
                    r.errors.append(e)
                } catch {}
            }
        }
        return r
    }
}

extension ResourceSelection {
    /// Fetches the selected objects, listing with label and field selectors in their string form. Selector
    /// errors throw (worded as kubectl words a failed list); NotFound for named objects is kept in `errors`.
    public func fetch(from cluster: Cluster, namespace: String?, labelSelector: String, fieldSelector: String) throws -> FetchResult {
        var r = FetchResult()
        func append(_ t: ResourceType, _ objs: [Value]) {
            if let i = r.groups.firstIndex(where: { $0.type == t }) { r.groups[i].objects += objs } else { r.groups.append((t, objs)) }
        }
        for item in items {
            switch item {
            case .all(let t):
                do {
                    append(t, try cluster.api.list(t, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector))
                } catch let e as APIError {
                    throw e.forList(t, labelSelector: labelSelector, fieldSelector: fieldSelector)
                }
            case .named(let t, let name):
                do {
                    append(t, [try cluster.api.get(t, namespace: namespace ?? "default", name: name)])
                } catch let e as APIError {
                    r.errors.append(e)
                }
            }
        }
        return r
    }
}
