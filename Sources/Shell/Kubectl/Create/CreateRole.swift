// `kubectl create role|clusterrole NAME --verb=… --resource=… [--resource-name] [--non-resource-url] [--aggregation-rule]`
// Resources are resolved through the server's discovery (so `deploy` becomes `deployments` in group `apps`).
import MiniCluster

struct CreateRoleVerb: CreateGenerator {
    let clusterScoped: Bool
    var path: [String] { ["create", clusterScoped ? "clusterrole" : "role"] }
    var ownFlags: [FlagSpec] {
        var f = [
            FlagSpec("verb", .stringSlice, usage: "Verbs that apply to the resources of the rule."),
            FlagSpec("resource", .stringSlice, usage: "Resources the rule applies to."),
            FlagSpec("resource-name", .stringArray, usage: "Resource names the rule is limited to; repeat for several."),
        ]
        if clusterScoped {
            f.append(FlagSpec("non-resource-url", .stringSlice, usage: "A partial URL the user should have access to."))
            f.append(FlagSpec("aggregation-rule", .stringArray, usage: "A label selector (key=value,…) of ClusterRoles to aggregate."))
        }
        return f
    }
    // kubectl prints role errors as the server words them.
    let serverErrorPrefix: String? = nil

    static let validResourceVerbs = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy",
                                     "deletecollection", "use", "bind", "escalate", "impersonate"]
    static let validNonResourceVerbs = ["*", "get", "post", "put", "delete", "patch", "head", "options"]
    /// Verbs that only make sense on particular resources (group, resource).
    static let specialVerbs: [String: [(String, String)]] = [
        "use": [("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")],
        "bind": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
        "escalate": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
        "impersonate": [("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras")],
    ]

    struct ResourceRef { var resource: String, group: String, subresource: String }

    func validate(_ c: CreateCall) throws {
        let f = c.flags
        let verbs = Self.verbs(f), resources = Self.resources(f)
        let urls = clusterScoped ? unique(f.strings("non-resource-url")) : []
        if clusterScoped, f.isSet("aggregation-rule") {
            _ = try aggregationRule(f)
            if !urls.isEmpty || !verbs.isEmpty || !resources.isEmpty || !f.strings("resource-name").isEmpty {
                throw KubectlFailure.plain("aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames")
            }
            return
        }
        if verbs.isEmpty { throw KubectlFailure.plain("at least one verb must be specified") }
        if clusterScoped {
            if resources.isEmpty, urls.isEmpty { throw KubectlFailure.plain("one of resource or nonResourceURL must be specified") }
        } else if resources.isEmpty {
            for v in verbs where !Self.validResourceVerbs.contains(v) { c.context.io.errLine("Warning: '\(v)' is not a standard resource verb") }
            throw KubectlFailure.plain("at least one resource must be specified")
        }
        if !resources.isEmpty {
            for v in verbs where !Self.validResourceVerbs.contains(v) { c.context.io.errLine("Warning: '\(v)' is not a standard resource verb") }
            try validateResources(resources, verbs, c)
        }
        if !urls.isEmpty {
            for v in verbs where !Self.validNonResourceVerbs.contains(v) { throw KubectlFailure.plain("invalid verb: '\(v)' for nonResourceURL") }
            for u in urls where u != "*" {
                if u.isEmpty || !u.hasPrefix("/") { throw KubectlFailure.plain("nonResourceURL should start with /") }
                if u.dropLast().contains("*") { throw KubectlFailure.plain("nonResourceURL only supports wildcard matches when '*' is at the end") }
            }
        }
    }

    private func validateResources(_ resources: [ResourceRef], _ verbs: [String], _ c: CreateCall) throws {
        for r in resources {
            if r.resource.isEmpty { throw KubectlFailure.plain("resource must be specified if apiGroup/subresource specified") }
            if r.resource == "*" { return }
            let resolved = try resolve(r, c)
            for v in verbs {
                guard let allowed = Self.specialVerbs[v] else { continue }
                if !allowed.contains(where: { $0.0 == resolved.group && $0.1 == resolved.resource }) {
                    throw KubectlFailure.plain("can not perform '\(v)' on '\(resolved.resource)' in group '\(resolved.group)'")
                }
            }
            if !resolved.found { throw KubectlFailure.plain("the server doesn't have a resource type \"\(r.resource)\"") }
        }
    }

    /// The RESTMapper's ResourceFor: the plural resource and group the server serves, or the input unchanged.
    private func resolve(_ r: ResourceRef, _ c: CreateCall) throws -> (resource: String, group: String, found: Bool) {
        let registry = try c.context.cluster().registry
        let typed = r.group.isEmpty ? r.resource : "\(r.resource).\(r.group)"
        if let t = registry.lookup(typed) { return (t.plural, t.group, true) }
        return (r.resource, r.group, false)
    }

    static func verbs(_ f: ParsedFlags) -> [String] {
        var out: [String] = []
        for v in f.strings("verb") {
            if v == "*" { return ["*"] }
            if !out.contains(v) { out.append(v) }
        }
        return out
    }

    static func resources(_ f: ParsedFlags) -> [ResourceRef] {
        var out: [ResourceRef] = []
        for r in f.strings("resource") {
            let sections = r.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let parts = sections[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let ref = ResourceRef(resource: parts[0], group: parts.count == 2 ? parts[1] : "",
                                  subresource: sections.count == 2 ? sections[1] : "")
            if ref.resource == "*", parts.count == 1, sections.count == 1 { return [ref] }
            out.append(ref)
        }
        return out
    }

    private func unique(_ a: [String]) -> [String] { a.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// `--aggregation-rule=k=v,k2=v2` (pflag's mapStringString).
    private func aggregationRule(_ f: ParsedFlags) throws -> [String: String] {
        var m: [String: String] = [:]
        for raw in f.strings("aggregation-rule") {
            for pair in splitCSV(raw) {
                guard let eq = pair.firstIndex(of: "=") else {
                    throw KubectlFailure.flag("invalid argument \"\(raw)\" for \"--aggregation-rule\" flag: \(pair) must be formatted as key=value")
                }
                m[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            }
        }
        return m
    }

    func build(_ c: CreateCall) throws -> Value {
        let f = c.flags
        let kind = clusterScoped ? "ClusterRole" : "Role"
        let meta = Build.meta(name: c.name, namespace: clusterScoped ? Value?.none : c.enforcedNamespace)
        if clusterScoped, f.isSet("aggregation-rule") {
            let rule: Value = ["clusterRoleSelectors": [["matchLabels": Value(stringMap: try aggregationRule(f))]]]
            return Build.object(Build.head(kind, "rbac.authorization.k8s.io/v1", meta) + [("rules", .null), ("aggregationRule", rule)])
        }
        let verbs = Self.verbs(f)
        let names = unique(f.strings("resource-name"))
        var byGroup: [String: [String]] = [:]
        for r in Self.resources(f) {
            var (resource, group, _) = r.resource == "*" ? (r.resource, r.group, true) : try resolve(r, c)
            if !r.subresource.isEmpty { resource += "/" + r.subresource }
            if !(byGroup[group] ?? []).contains(resource) { byGroup[group, default: []].append(resource) }
        }
        var rules: [Value] = byGroup.keys.sorted().map { g in
            Build.object([("verbs", .array(verbs.map(Value.string))), ("apiGroups", [.string(g)]),
                          ("resources", .array(byGroup[g]!.map(Value.string))), ("resourceNames", Build.strings(names))])
        }
        let urls = clusterScoped ? unique(f.strings("non-resource-url")) : []
        if !urls.isEmpty {
            rules.append(Build.object([("verbs", .array(verbs.map(Value.string))), ("nonResourceURLs", Build.strings(urls))]))
        }
        return Build.object(Build.head(kind, "rbac.authorization.k8s.io/v1", meta) + [("rules", .array(rules))])
    }
}
