// `kubectl api-resources` and `kubectl api-versions`: the discovery view of the cluster's resource registry.
import MiniCluster

struct APIResourcesVerb: KubectlVerb {
    let path = ["api-resources"]
    let flags = [
        FlagSpec("api-group", usage: "Limit to resources in the specified API group."),
        FlagSpec("cached", .bool, default: "false", usage: "Use the cached list of resources if available."),
        FlagSpec("categories", .stringSlice, default: "", usage: "Limit to resources that belong to the specified categories."),
        FlagSpec("namespaced", .bool, default: "true", usage: "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default."),
        FlagSpec("no-headers", .bool, default: "false", usage: "When using the default or custom-column output format, don't print headers (default print headers)."),
        FlagSpec("output", "o", usage: "Output format. One of: (wide, name)."),
        FlagSpec("sort-by", usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."),
        FlagSpec("verbs", .stringSlice, default: "", usage: "Limit to resources that support the specified verbs."),
    ]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if !f.args.isEmpty { throw KubectlFailure.usage("unexpected arguments: [\(f.args.joined(separator: " "))]") }
        let output = f.string("output"), sortBy = f.string("sort-by")
        guard ["", "wide", "name"].contains(output) else { throw KubectlFailure.plain("--output \(output) is not available") }
        guard ["", "name", "kind"].contains(sortBy) else { throw KubectlFailure.plain("--sort-by accepts only name or kind") }
        let cluster = try k.cluster()
        let verbs = f.strings("verbs"), categories = f.strings("categories")
        let types = APIDiscovery.preferredResources(cluster.registry).filter { t in
            !t.verbs.isEmpty
                && (!f.isSet("api-group") || t.group == f.string("api-group"))
                && (!f.isSet("namespaced") || t.namespaced == f.bool("namespaced"))
                && verbs.allSatisfy(t.verbs.contains) && categories.allSatisfy(t.categories.contains)
        }
        let sorted = types.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            let (kx, ky) = sortBy == "name" ? (x.plural, y.plural) : sortBy == "kind" ? (x.kind, y.kind) : (x.group, y.group)
            if kx != ky { return kx < ky }
            if x.plural != y.plural { return x.plural < y.plural }
            return a.offset < b.offset
        }.map(\.element)

        if output == "name" {
            for t in sorted { k.io.outLine(t.group.isEmpty ? t.plural : "\(t.plural).\(t.group)") }
            return 0
        }
        var rows: [[String]] = []
        if !f.bool("no-headers") {
            rows.append(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"] + (output == "wide" ? ["VERBS", "CATEGORIES"] : []))
        }
        for t in sorted {
            var row = [t.plural, t.shortNames.joined(separator: ","), t.apiVersion, t.namespaced ? "true" : "false", t.kind]
            if output == "wide" { row += [t.verbs.joined(separator: ","), t.categories.joined(separator: ",")] }
            rows.append(row)
        }
        k.io.out(TabWriter().format(rows))
        return 0
    }
}

struct APIVersionsVerb: KubectlVerb {
    let path = ["api-versions"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if !f.args.isEmpty { throw KubectlFailure.usage("unexpected arguments: [\(f.args.joined(separator: " "))]") }
        let cluster = try k.cluster()
        for v in APIDiscovery.groupVersions(cluster.registry) { k.io.outLine(v) }
        return 0
    }
}

/// What the discovery endpoints would serve, derived from the registry.
enum APIDiscovery {
    /// Every served group/version, sorted as `sort.Strings` sorts them.
    static func groupVersions(_ r: ResourceRegistry) -> [String] {
        Array(Set(r.types.flatMap(\.apiVersions))).sorted()
    }

    /// Each resource once, at its group's preferred version (ServerPreferredResources).
    static func preferredResources(_ r: ResourceRegistry) -> [ResourceType] {
        var seen = Set<String>()
        return r.types.filter { seen.insert("\($0.group)/\($0.plural)").inserted }
    }
}
