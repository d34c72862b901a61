// `kubectl auth can-i --list`: every action the identity may take in the namespace, as kubectl 1.32 prints a
// SelfSubjectRulesReview: each rule broken down to one verb, resource and name, rules that then differ only by verb
// merged again, sorted by the rule's Go string, in four tab-aligned columns.
import MiniCluster

enum AccessList {
    /// rbacv1.PolicyRule, as kubectl handles it.
    struct Rule: Equatable {
        var verbs: [String] = []
        var apiGroups: [String] = []
        var resources: [String] = []
        var resourceNames: [String] = []
        var nonResourceURLs: [String] = []

        /// Go's `%v` of a string slice.
        static func list(_ a: [String]) -> String { "[" + a.joined(separator: " ") + "]" }

        /// The generated `String()` kubectl sorts by.
        var goString: String {
            "&PolicyRule{Verbs:\(Self.list(verbs)),APIGroups:\(Self.list(apiGroups)),Resources:\(Self.list(resources)),"
                + "ResourceNames:\(Self.list(resourceNames)),NonResourceURLs:\(Self.list(nonResourceURLs)),}"
        }
    }

    static func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard f.args.isEmpty else { throw KubectlFailure.plain("list option must be specified with no arguments") }
        if f.bool("quiet") || f.bool("all-namespaces") || !f.string("subresource").isEmpty {
            throw KubectlFailure.plain("list option can't be specified with neither quiet, all-namespaces nor subresource options")
        }
        let cluster = try k.cluster()
        let user = f.isSet("as") ? AuthCanIVerb.identity(f)
            : UserInfo(name: k.session.cloud.properties["core/account"] ?? "", groups: ["system:authenticated"])
        let granted = RBACAuthorizer.rules(for: user, namespace: k.namespace, policy: AuthCanIVerb.policy(cluster))
        // GKE authorizes through IAM as well, with a webhook that cannot list what it allows.
        k.io.errLine("Warning: the list may be incomplete: webhook authorizer does not support user rule resolution")
        var rows: [[String]] = f.bool("no-headers") ? [] : [["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]]
        for r in sorted(compact(reviewRules(granted).flatMap(breakdown))) {
            rows.append([combineResourceGroup(r.resources, r.apiGroups), Rule.list(r.nonResourceURLs),
                         Rule.list(r.resourceNames), Rule.list(r.verbs)])
        }
        k.io.out(TabWriter().format(rows))
        return 0
    }

    /// The review's resource rules (those naming resources) and then its non-resource rules, each with only its
    /// own fields, as kubectl's convertToPolicyRule rebuilds them.
    static func reviewRules(_ granted: [Value]) -> [Rule] {
        func list(_ v: Value, _ key: String) -> [String] { (v[key]?.arrayValue ?? []).compactMap(\.stringValue) }
        var resource: [Rule] = [], nonResource: [Rule] = []
        for g in granted {
            if !list(g, "resources").isEmpty {
                resource.append(Rule(verbs: list(g, "verbs"), apiGroups: list(g, "apiGroups"), resources: list(g, "resources"),
                                     resourceNames: list(g, "resourceNames")))
            }
            if !list(g, "nonResourceURLs").isEmpty {
                nonResource.append(Rule(verbs: list(g, "verbs"), nonResourceURLs: list(g, "nonResourceURLs")))
            }
        }
        return resource + nonResource
    }

    /// BreakdownRule: one rule per group, resource, verb (and name); one per non-resource URL and verb.
    static func breakdown(_ r: Rule) -> [Rule] {
        var out: [Rule] = []
        for g in r.apiGroups {
            for res in r.resources {
                for v in r.verbs {
                    if r.resourceNames.isEmpty {
                        out.append(Rule(verbs: [v], apiGroups: [g], resources: [res]))
                    } else {
                        out += r.resourceNames.map { Rule(verbs: [v], apiGroups: [g], resources: [res], resourceNames: [$0]) }
                    }
                }
            }
        }
        for u in r.nonResourceURLs {
            out += r.verbs.map { Rule(verbs: [$0], nonResourceURLs: [u]) }
        }
        return out
    }

    /// CompactRules: rules of one group, one resource and at most one name are merged, their verbs in the order
    /// met; the others (non-resource URLs) stay as they are, repeats included.
    static func compact(_ rules: [Rule]) -> [Rule] {
        var kept: [Rule] = []
        var simple: [String: Int] = [:]
        var merged: [Rule] = []
        for r in rules {
            guard r.resourceNames.count <= 1, r.nonResourceURLs.isEmpty, r.apiGroups.count == 1, r.resources.count == 1 else {
                kept.append(r)
                continue
            }
            let key = [r.apiGroups[0], r.resources[0], r.resourceNames.first.map { "1" + $0 } ?? "0"].joined(separator: "\u{0}")
            if let i = simple[key] {
                for v in r.verbs where !merged[i].verbs.contains(v) { merged[i].verbs.append(v) }
            } else {
                simple[key] = merged.count
                merged.append(r)
            }
        }
        return kept + merged
    }

    /// Stable, by the rules' Go strings compared byte by byte.
    static func sorted(_ rules: [Rule]) -> [Rule] {
        rules.enumerated().sorted { a, b in
            let (x, y) = (Array(a.element.goString.utf8), Array(b.element.goString.utf8))
            return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
        }.map(\.element)
    }

    /// describe.CombineResourceGroup: `deployments.apps`, `pods/log`, `deployments.apps/scale`.
    static func combineResourceGroup(_ resources: [String], _ groups: [String]) -> String {
        guard let first = resources.first else { return "" }
        let parts = first.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var out = parts[0]
        if let g = groups.first, !g.isEmpty { out += "." + g }
        if parts.count == 2 { out += "/" + parts[1] }
        return out
    }
}
