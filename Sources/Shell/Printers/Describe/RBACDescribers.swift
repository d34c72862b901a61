// `describe role|clusterrole` (rules broken down, compacted and sorted like kubectl) and `describe rolebinding|clusterrolebinding`.
import MiniCluster

enum RBACDescribers {
    /// One policy rule as kubectl handles them here.
    struct Rule: Equatable {
        var verbs: [String] = [], apiGroups: [String] = [], resources: [String] = []
        var resourceNames: [String] = [], nonResourceURLs: [String] = []

        init(verbs: [String] = [], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
             nonResourceURLs: [String] = []) {
            self.verbs = verbs; self.apiGroups = apiGroups; self.resources = resources
            self.resourceNames = resourceNames; self.nonResourceURLs = nonResourceURLs
        }

        init(_ v: Value) {
            func list(_ k: String) -> [String] { v.dArr(k).map(\.dText) }
            self.init(verbs: list("verbs"), apiGroups: list("apiGroups"), resources: list("resources"),
                      resourceNames: list("resourceNames"), nonResourceURLs: list("nonResourceURLs"))
        }

        /// The generated protobuf `String()` kubectl sorts rules by.
        var sortKey: String {
            func l(_ a: [String]) -> String { "[" + a.joined(separator: " ") + "]" }
            return "&PolicyRule{Verbs:\(l(verbs)),APIGroups:\(l(apiGroups)),Resources:\(l(resources)),"
                + "ResourceNames:\(l(resourceNames)),NonResourceURLs:\(l(nonResourceURLs)),}"
        }
    }

    /// Splits a rule into one rule per group × resource × verb (× resource name), then per URL × verb.
    static func breakdown(_ r: Rule) -> [Rule] {
        var out: [Rule] = []
        for g in r.apiGroups {
            for res in r.resources {
                for verb in r.verbs {
                    if r.resourceNames.isEmpty {
                        out.append(Rule(verbs: [verb], apiGroups: [g], resources: [res]))
                    } else {
                        for n in r.resourceNames { out.append(Rule(verbs: [verb], apiGroups: [g], resources: [res], resourceNames: [n])) }
                    }
                }
            }
        }
        for url in r.nonResourceURLs { for verb in r.verbs { out.append(Rule(verbs: [verb], nonResourceURLs: [url])) } }
        return out
    }

    /// Merges rules that differ only by verb, then sorts them the way kubectl does.
    static func compact(_ rules: [Rule]) -> [Rule] {
        var complex: [Rule] = [], simple: [Rule] = []
        for r in rules {
            let isSimple = r.resourceNames.count <= 1 && r.nonResourceURLs.isEmpty && r.apiGroups.count == 1 && r.resources.count == 1
            guard isSimple else { complex.append(r); continue }
            if let i = simple.firstIndex(where: { $0.apiGroups == r.apiGroups && $0.resources == r.resources && $0.resourceNames == r.resourceNames }) {
                for v in r.verbs where !simple[i].verbs.contains(v) { simple[i].verbs.append(v) }
            } else {
                simple.append(r)
            }
        }
        return (complex + simple).enumerated().sorted { ($0.element.sortKey, $0.offset) < ($1.element.sortKey, $1.offset) }.map(\.element)
    }

    static func role(_ role: Value, _ ctx: DescribeContext) -> String {
        let rules = compact(role.dArr("rules").flatMap { breakdown(Rule($0)) })
        let w = PrefixWriter()
        w.write(0, "Name:\t\(role.metadataName)\n")
        w.labels("Labels", role.labels)
        w.annotations("Annotations", role.annotations)
        w.write(0, "PolicyRule:\n")
        w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n")
        w.write(1, "---------\t-----------------\t--------------\t-----\n")
        for r in rules {
            w.write(1, "\(combine(r.resources, r.apiGroups))\t\(DescribeFormat.goList(r.nonResourceURLs))\t"
                + "\(DescribeFormat.goList(r.resourceNames))\t\(DescribeFormat.goList(r.verbs))\n")
        }
        return w.text
    }

    /// `deployments.apps`, `pods/log`, `pods` (CombineResourceGroup).
    static func combine(_ resources: [String], _ groups: [String]) -> String {
        guard let first = resources.first else { return "" }
        let parts = first.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var s = parts[0]
        if let g = groups.first, !g.isEmpty { s += "." + g }
        if parts.count == 2 { s += "/" + parts[1] }
        return s
    }

    static func binding(_ b: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(b.metadataName)\n")
        w.labels("Labels", b.labels)
        w.annotations("Annotations", b.annotations)
        w.write(0, "Role:\n")
        w.write(1, "Kind:\t\(b.dStr("roleRef", "kind"))\n")
        w.write(1, "Name:\t\(b.dStr("roleRef", "name"))\n")
        w.write(0, "Subjects:\n")
        w.write(1, "Kind\tName\tNamespace\n")
        w.write(1, "----\t----\t---------\n")
        for s in b.dArr("subjects") { w.write(1, "\(s.dStr("kind"))\t\(s.dStr("name"))\t\(s.dStr("namespace"))\n") }
        return w.text
    }
}
