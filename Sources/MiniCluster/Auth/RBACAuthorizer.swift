// RBAC authorization as a pure function of the stored Roles, ClusterRoles and their bindings,
// following upstream plugin/pkg/auth/authorizer/rbac (rule matching after evaluation_helpers.go).

/// Who makes a request: a user name and its groups, as the API server sees them after impersonation.
public struct UserInfo: Equatable, Sendable {
    public var name: String
    public var groups: [String]

    public init(name: String, groups: [String]) { self.name = name; self.groups = groups }

    /// The identity `--as NAME [--as-group G…]` asks for. Like the API server's impersonation filter, a service
    /// account name without explicit groups gets its service-account groups, and every identity but the anonymous
    /// user is also in `system:authenticated`.
    public static func impersonating(_ name: String, groups: [String] = []) -> UserInfo {
        var g = groups
        if g.isEmpty, let (ns, _) = serviceAccount(name) {
            g = ["system:serviceaccounts", "system:serviceaccounts:\(ns)"]
        }
        if name != "system:anonymous", !g.contains("system:authenticated") { g.append("system:authenticated") }
        return UserInfo(name: name, groups: g)
    }

    /// Namespace and name of a `system:serviceaccount:NS:NAME` user, nil for any other name.
    public static func serviceAccount(_ user: String) -> (String, String)? {
        let prefix = "system:serviceaccount:"
        guard user.hasPrefix(prefix) else { return nil }
        let parts = user.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}

/// One request to authorize: a resource request (resource set) or a non-resource path.
public struct AuthzRequest: Equatable, Sendable {
    public var user: UserInfo
    public var verb: String
    public var apiGroup = ""
    public var resource = ""
    public var subresource = ""
    public var name = ""
    public var namespace = ""
    public var path = ""

    public init(user: UserInfo, verb: String, apiGroup: String = "", resource: String = "", subresource: String = "",
                name: String = "", namespace: String = "", path: String = "") {
        self.user = user; self.verb = verb; self.apiGroup = apiGroup; self.resource = resource
        self.subresource = subresource; self.name = name; self.namespace = namespace; self.path = path
    }

    public var isResourceRequest: Bool { !resource.isEmpty }
}

/// The RBAC objects an authorization decision reads, as stored values.
public struct RBACPolicy: Sendable {
    public var roles: [Value]
    public var clusterRoles: [Value]
    public var roleBindings: [Value]
    public var clusterRoleBindings: [Value]

    public init(roles: [Value] = [], clusterRoles: [Value] = [], roleBindings: [Value] = [], clusterRoleBindings: [Value] = []) {
        self.roles = roles; self.clusterRoles = clusterRoles; self.roleBindings = roleBindings; self.clusterRoleBindings = clusterRoleBindings
    }
}

public enum RBACAuthorizer {
    /// Whether some binding grants the request. ClusterRoleBindings count everywhere; RoleBindings only in their
    /// own namespace, so a ClusterRole bound by a RoleBinding is scoped to that namespace.
    public static func allows(_ r: AuthzRequest, policy: RBACPolicy) -> Bool {
        for b in policy.clusterRoleBindings where appliesTo(r.user, binding: b, bindingNamespace: "") {
            if rules(for: b, namespace: "", policy: policy).contains(where: { ruleAllows(r, $0) }) { return true }
        }
        guard !r.namespace.isEmpty else { return false }
        for b in policy.roleBindings where b.metadataNamespace == r.namespace && appliesTo(r.user, binding: b, bindingNamespace: r.namespace) {
            if rules(for: b, namespace: r.namespace, policy: policy).contains(where: { ruleAllows(r, $0) }) { return true }
        }
        return false
    }

    /// Every rule granted to the user in `namespace` ("" for cluster-wide bindings only), in the order the rule
    /// resolver visits them (VisitRulesFor): ClusterRoleBindings first, then the namespace's RoleBindings. What a
    /// SelfSubjectRulesReview answers from RBAC.
    public static func rules(for user: UserInfo, namespace: String, policy: RBACPolicy) -> [Value] {
        var out: [Value] = []
        for b in policy.clusterRoleBindings where appliesTo(user, binding: b, bindingNamespace: "") {
            out += rules(for: b, namespace: "", policy: policy)
        }
        guard !namespace.isEmpty else { return out }
        for b in policy.roleBindings where b.metadataNamespace == namespace && appliesTo(user, binding: b, bindingNamespace: namespace) {
            out += rules(for: b, namespace: namespace, policy: policy)
        }
        return out
    }

    /// The rules a binding's roleRef names; a missing role grants nothing.
    static func rules(for binding: Value, namespace: String, policy: RBACPolicy) -> [Value] {
        let ref = binding["roleRef"] ?? .emptyObject
        let name = ref.string(at: "name") ?? ""
        switch ref.string(at: "kind") ?? "" {
        case "Role":
            guard !namespace.isEmpty else { return [] }
            return policy.roles.first { $0.metadataName == name && $0.metadataNamespace == namespace }?.array(at: "rules") ?? []
        case "ClusterRole":
            return policy.clusterRoles.first { $0.metadataName == name }?.array(at: "rules") ?? []
        default:
            return []
        }
    }

    /// Whether one of a binding's subjects is the user; a ServiceAccount subject without a namespace means the
    /// binding's own namespace.
    static func appliesTo(_ user: UserInfo, binding: Value, bindingNamespace: String) -> Bool {
        binding.array(at: "subjects").contains { s in
            let name = s.string(at: "name") ?? ""
            switch s.string(at: "kind") ?? "" {
            case "User": return user.name == name
            case "Group": return user.groups.contains(name)
            case "ServiceAccount":
                let ns = s.string(at: "namespace").flatMap { $0.isEmpty ? nil : $0 } ?? bindingNamespace
                return !ns.isEmpty && user.name == "system:serviceaccount:\(ns):\(name)"
            default: return false
            }
        }
    }

    /// One PolicyRule against a request.
    public static func ruleAllows(_ r: AuthzRequest, _ rule: Value) -> Bool {
        let list = { (k: String) in rule.array(at: k).compactMap(\.stringValue) }
        let verbs = list("verbs")
        guard verbs.contains("*") || verbs.contains(r.verb) else { return false }
        if !r.isResourceRequest {
            return list("nonResourceURLs").contains { u in
                u == "*" || u == r.path || (u.hasSuffix("*") && r.path.hasPrefix(String(u.dropLast(u.reversed().prefix { $0 == "*" }.count))))
            }
        }
        let groups = list("apiGroups")
        guard groups.contains("*") || groups.contains(r.apiGroup) else { return false }
        guard resourceMatches(list("resources"), r.resource, r.subresource) else { return false }
        let names = list("resourceNames")
        return names.isEmpty || names.contains(r.name)
    }

    /// `*` matches everything, `pods/log` a subresource exactly, `*/scale` one subresource of any resource.
    static func resourceMatches(_ ruleResources: [String], _ resource: String, _ subresource: String) -> Bool {
        let combined = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        for rr in ruleResources {
            if rr == "*" || rr == combined { return true }
            if !subresource.isEmpty, rr == "*/\(subresource)" { return true }
        }
        return false
    }

    /// The API server's reason for refusing a request (responsewriters forbiddenMessage), without the
    /// `pods is forbidden: ` prefix the Forbidden status adds.
    public static func forbiddenMessage(_ r: AuthzRequest) -> String {
        guard r.isResourceRequest else { return "User \(GoValue.quote(r.user.name)) cannot \(r.verb) path \(GoValue.quote(r.path))" }
        let res = r.subresource.isEmpty ? r.resource : "\(r.resource)/\(r.subresource)"
        let head = "User \(GoValue.quote(r.user.name)) cannot \(r.verb) resource \(GoValue.quote(res)) in API group \(GoValue.quote(r.apiGroup))"
        return r.namespace.isEmpty ? "\(head) at the cluster scope" : "\(head) in the namespace \(GoValue.quote(r.namespace))"
    }
}
