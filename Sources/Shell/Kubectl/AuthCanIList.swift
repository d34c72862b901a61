// `kubectl auth can-i --list`: every action the identity may take in the namespace, as kubectl 1.32 prints a
// SelfSubjectRulesReview: each rule broken down to one verb, resource and name, rules that then differ only by verb
// merged again, sorted by the rule's Go string, in four tab-aligned columns.
import MiniCluster

enum AccessList {
    typealias Rule = RBACDescribers.Rule

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
        // The same breakdown, compaction and order as `describe clusterrole`.
        for r in RBACDescribers.compact(reviewRules(granted).flatMap(RBACDescribers.breakdown)) {
            rows.append([RBACDescribers.combine(r.resources, r.apiGroups), DescribeFormat.goList(r.nonResourceURLs),
                         DescribeFormat.goList(r.resourceNames), DescribeFormat.goList(r.verbs)])
        }
        k.io.out(TabWriter().format(rows))
        return 0
    }

    /// The review's resource rules (those naming resources) and then its non-resource rules, each with only its
    /// own fields, as kubectl's convertToPolicyRule rebuilds them.
    static func reviewRules(_ granted: [Value]) -> [Rule] {
        var resource: [Rule] = [], nonResource: [Rule] = []
        for g in granted.map(Rule.init) {
            if !g.resources.isEmpty {
                resource.append(Rule(verbs: g.verbs, apiGroups: g.apiGroups, resources: g.resources, resourceNames: g.resourceNames))
            }
            if !g.nonResourceURLs.isEmpty { nonResource.append(Rule(verbs: g.verbs, nonResourceURLs: g.nonResourceURLs)) }
        }
        return resource + nonResource
    }
}
