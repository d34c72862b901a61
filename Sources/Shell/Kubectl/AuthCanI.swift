// `kubectl auth can-i VERB TYPE[/NAME] | VERB /URL`: asks the cluster's RBAC authorizer whether an identity may
// make a request; prints yes or no and exits 0 or 1 as kubectl 1.32 does. Without --as the learner asks for
// themself, and they are bound to cluster-admin (as a GKE project owner is), so the answer is always yes.
import MiniCluster

struct AuthCanIVerb: KubectlVerb {
    let path = ["auth", "can-i"]
    let flags: [FlagSpec] = [
        FlagSpec("all-namespaces", "A", .bool, default: "false", usage: "If true, check the specified action in all namespaces."),
        FlagSpec("subresource", usage: "SubResource such as pod/log or deployment/scale"),
        FlagSpec("quiet", "q", .bool, default: "false", usage: "If true, suppress output and just return the exit code."),
        FlagSpec("list", .bool, default: "false", usage: "If true, prints all allowed actions."),
        FlagSpec("no-headers", .bool, default: "false", usage: "If true, prints allowed actions without headers"),
    ]

    /// Verbs kubectl knows for resources and for non-resource URLs (others get a warning, not an error).
    static let resourceVerbs: Set<String> = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
                                             "use", "bind", "impersonate", "*", "approve", "sign", "escalate", "attest"]
    static let nonResourceURLVerbs: Set<String> = ["get", "put", "post", "head", "options", "delete", "patch", "*"]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if f.bool("list") { return try AccessList.run(f, k) }
        guard f.args.count == 2 else {
            // kubectl words this usage error itself, with a full stop after the help hint.
            throw KubectlFailure.raw("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n")
        }
        let cluster = try k.cluster()
        let allNamespaces = f.bool("all-namespaces")
        let namespace = allNamespaces ? "" : k.namespace
        var req = AuthzRequest(user: Self.identity(f), verb: f.args[0])
        let target = f.args[1]
        // kubectl's warnings end in a newline of their own, so a blank line follows each.
        func warn(_ message: String) { k.io.errLine("Warning: \(message)\n") }
        if target.hasPrefix("/") {
            req.path = target
            if !Self.nonResourceURLVerbs.contains(req.verb) { warn("verb '\(req.verb)' is not a known verb") }
        } else {
            let parts = target.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            req.name = parts.count > 1 ? parts[1] : ""
            req.subresource = f.string("subresource")
            req.namespace = namespace
            let type = cluster.registry.lookup(parts[0])
            if let t = type {
                req.resource = t.plural
                req.apiGroup = t.group
            } else {
                req.resource = parts[0]
                warn("the server doesn't have a resource type '\(parts[0])'")
            }
            if !allNamespaces {
                if let t = type, !t.namespaced {
                    warn("resource '\(t.plural)' is not namespace scoped" + (t.group.isEmpty ? "" : " in group '\(t.group)'"))
                }
                if !Self.resourceVerbs.contains(req.verb) { warn("verb '\(req.verb)' is not a known verb") }
            }
        }
        if f.bool("no-headers") { throw KubectlFailure.plain("--no-headers cannot be set without --list specified") }
        let allowed = f.isSet("as") ? RBACAuthorizer.allows(req, policy: Self.policy(cluster)) : true
        if !f.bool("quiet") { k.io.outLine(allowed ? "yes" : "no") }
        return allowed ? 0 : 1
    }

    /// The identity `--as`/`--as-group` name, with the groups the API server's impersonation adds.
    static func identity(_ f: ParsedFlags) -> UserInfo {
        UserInfo.impersonating(f.string("as"), groups: f.isSet("as-group") ? f.strings("as-group") : [])
    }

    /// Every stored Role, ClusterRole and binding.
    static func policy(_ cluster: Cluster) -> RBACPolicy {
        func all(_ kind: String) -> [Value] {
            guard let t = cluster.registry.lookup(kind: kind) else { return [] }
            return cluster.api.list(t, namespace: nil)
        }
        return RBACPolicy(roles: all("Role"), clusterRoles: all("ClusterRole"), roleBindings: all("RoleBinding"),
                          clusterRoleBindings: all("ClusterRoleBinding"))
    }
}

/// `--as`/`--as-group` on ordinary verbs: the API server authorizes the impersonated identity and refuses with
/// Forbidden what its RBAC bindings do not grant. Without --as the learner (cluster-admin) may do anything.
enum Impersonation {
    /// The identity `--as` names, or nil for the learner's own (who may do anything).
    static func requester(_ f: ParsedFlags) -> UserInfo? { f.isSet("as") ? AuthCanIVerb.identity(f) : nil }

    static func authorize(_ f: ParsedFlags, _ cluster: Cluster, verb: String, type: ResourceType, subresource: String = "",
                          name: String, namespace: String?) throws {
        try authorize(requester(f), cluster, verb: verb, type: type, subresource: subresource, name: name, namespace: namespace)
    }

    static func authorize(_ user: UserInfo?, _ cluster: Cluster, verb: String, type: ResourceType, subresource: String = "",
                          name: String, namespace: String?) throws {
        if let e = denial(user, cluster, verb: verb, type: type, subresource: subresource, name: name, namespace: namespace) {
            throw KubectlFailure.api(e)
        }
    }

    static func denial(_ f: ParsedFlags, _ cluster: Cluster, verb: String, type: ResourceType, name: String,
                       namespace: String?) -> APIError? {
        denial(requester(f), cluster, verb: verb, type: type, name: name, namespace: namespace)
    }

    /// The API server's Forbidden answer to the impersonated identity's request, or nil when there is no --as or
    /// RBAC allows it. A request without a name (create, list) names only the resource: `pods is forbidden: …`; a
    /// subresource request names the resource it belongs to (`deployments.apps "web" is forbidden: … "deployments/scale"`).
    static func denial(_ user: UserInfo?, _ cluster: Cluster, verb: String, type: ResourceType, subresource: String = "",
                       name: String, namespace: String?) -> APIError? {
        guard let user else { return nil }
        let req = AuthzRequest(user: user, verb: verb, apiGroup: type.group, resource: type.plural, subresource: subresource,
                               name: name, namespace: type.namespaced ? namespace ?? "" : "")
        guard !RBACAuthorizer.allows(req, policy: AuthCanIVerb.policy(cluster)) else { return nil }
        let subject = name.isEmpty ? type.qualifiedPlural : "\(type.qualifiedPlural) \(GoValue.quote(name))"
        return APIError(reason: .forbidden, code: 403, message: "\(subject) is forbidden: \(RBACAuthorizer.forbiddenMessage(req))")
    }
}
