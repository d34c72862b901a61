import XCTest
@testable import MiniCluster

/// The RBAC authorizer: rule matching, binding scopes and subjects, and the Forbidden reason text.
final class RBACAuthorizerTests: XCTestCase {
    private func rule(_ verbs: [Value], groups: [Value] = [""], resources: [Value], names: [Value] = []) -> Value {
        var r: Value = ["verbs": .array(verbs), "apiGroups": .array(groups), "resources": .array(resources)]
        if !names.isEmpty { r["resourceNames"] = .array(names) }
        return r
    }

    private let sa = UserInfo.impersonating("system:serviceaccount:dev:reader")

    func testRuleMatching() {
        let table: [(Value, AuthzRequest, Bool, String)] = [
            (rule(["get", "list"], resources: ["pods"]), AuthzRequest(user: sa, verb: "list", resource: "pods", namespace: "dev"), true, "verb and resource"),
            (rule(["get"], resources: ["pods"]), AuthzRequest(user: sa, verb: "delete", resource: "pods", namespace: "dev"), false, "other verb"),
            (rule(["*"], resources: ["pods"]), AuthzRequest(user: sa, verb: "delete", resource: "pods", namespace: "dev"), true, "verb star"),
            (rule(["get"], resources: ["pods"]), AuthzRequest(user: sa, verb: "get", apiGroup: "apps", resource: "pods"), false, "other group"),
            (rule(["get"], groups: ["*"], resources: ["*"]), AuthzRequest(user: sa, verb: "get", apiGroup: "apps", resource: "deployments"), true, "group and resource star"),
            (rule(["get"], resources: ["pods"]), AuthzRequest(user: sa, verb: "get", resource: "pods", subresource: "log"), false, "subresource needs its own rule"),
            (rule(["get"], resources: ["pods/log"]), AuthzRequest(user: sa, verb: "get", resource: "pods", subresource: "log"), true, "subresource rule"),
            (rule(["get"], resources: ["pods/log"]), AuthzRequest(user: sa, verb: "get", resource: "pods"), false, "subresource rule is not the resource"),
            (rule(["get"], groups: ["apps"], resources: ["*/scale"]), AuthzRequest(user: sa, verb: "get", apiGroup: "apps", resource: "deployments", subresource: "scale"), true, "any resource's subresource"),
            (rule(["get"], resources: ["*"]), AuthzRequest(user: sa, verb: "get", resource: "pods", subresource: "exec"), true, "star covers subresources"),
            (rule(["get"], resources: ["configmaps"], names: ["app"]), AuthzRequest(user: sa, verb: "get", resource: "configmaps", name: "app"), true, "named"),
            (rule(["get"], resources: ["configmaps"], names: ["app"]), AuthzRequest(user: sa, verb: "get", resource: "configmaps", name: "other"), false, "other name"),
            (rule(["list"], resources: ["configmaps"], names: ["app"]), AuthzRequest(user: sa, verb: "list", resource: "configmaps"), false, "list has no name"),
            (["verbs": ["get"], "nonResourceURLs": ["/healthz"]], AuthzRequest(user: sa, verb: "get", path: "/healthz"), true, "path"),
            (["verbs": ["get"], "nonResourceURLs": ["/healthz"]], AuthzRequest(user: sa, verb: "get", path: "/healthz/ping"), false, "other path"),
            (["verbs": ["get"], "nonResourceURLs": ["/healthz*"]], AuthzRequest(user: sa, verb: "get", path: "/healthz/ping"), true, "path prefix"),
            (["verbs": ["get"], "nonResourceURLs": ["*"]], AuthzRequest(user: sa, verb: "get", path: "/version"), true, "path star"),
            (["verbs": ["get"], "nonResourceURLs": ["*"]], AuthzRequest(user: sa, verb: "get", resource: "pods"), false, "path rule is no resource rule"),
        ]
        for (r, req, want, what) in table {
            XCTAssertEqual(RBACAuthorizer.ruleAllows(req, r), want, what)
        }
    }

    func testImpersonatedGroups() {
        XCTAssertEqual(sa.groups, ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"])
        XCTAssertEqual(UserInfo.impersonating("jane").groups, ["system:authenticated"])
        XCTAssertEqual(UserInfo.impersonating("jane", groups: ["devs"]).groups, ["devs", "system:authenticated"])
        XCTAssertEqual(UserInfo.impersonating("system:anonymous").groups, [])
        XCTAssertNil(UserInfo.serviceAccount("system:serviceaccount:dev"))
    }

    private func binding(_ kind: String, _ name: String, ns: String?, role: (String, String), subjects: [Value]) -> Value {
        var meta: Value = ["name": .string(name)]
        if let ns { meta["namespace"] = .string(ns) }
        return ["kind": .string(kind), "metadata": meta, "subjects": .array(subjects),
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(role.0), "name": .string(role.1)]]
    }

    private var policy: RBACPolicy {
        let readPods = rule(["get", "list", "watch"], resources: ["pods"])
        return RBACPolicy(
            roles: [["metadata": ["name": "pod-reader", "namespace": "dev"], "rules": [readPods]]],
            clusterRoles: [["metadata": ["name": "view-cm"], "rules": [rule(["get", "list"], resources: ["configmaps"])]],
                           ["metadata": ["name": "node-reader"], "rules": [rule(["list"], resources: ["nodes"])]]],
            roleBindings: [
                binding("RoleBinding", "reader-pods", ns: "dev", role: ("Role", "pod-reader"), subjects: [["kind": "ServiceAccount", "name": "reader"]]),
                binding("RoleBinding", "jane-cm", ns: "dev", role: ("ClusterRole", "view-cm"), subjects: [["kind": "User", "name": "jane"]]),
                binding("RoleBinding", "dangling", ns: "dev", role: ("Role", "missing"), subjects: [["kind": "Group", "name": "system:authenticated"]]),
            ],
            clusterRoleBindings: [
                binding("ClusterRoleBinding", "ops-nodes", ns: nil, role: ("ClusterRole", "node-reader"),
                        subjects: [["kind": "Group", "name": "ops"], ["kind": "ServiceAccount", "name": "mon", "namespace": "infra"]]),
            ])
    }

    func testBindings() {
        let jane = UserInfo.impersonating("jane"), ops = UserInfo.impersonating("bob", groups: ["ops"])
        let table: [(AuthzRequest, Bool, String)] = [
            (AuthzRequest(user: sa, verb: "list", resource: "pods", namespace: "dev"), true, "SA subject defaults to the binding's namespace"),
            (AuthzRequest(user: sa, verb: "list", resource: "pods", namespace: "prod"), false, "RoleBinding only in its namespace"),
            (AuthzRequest(user: sa, verb: "list", resource: "pods"), false, "RoleBinding not cluster-wide"),
            (AuthzRequest(user: sa, verb: "delete", resource: "pods", namespace: "dev"), false, "read-only"),
            (AuthzRequest(user: UserInfo.impersonating("system:serviceaccount:prod:reader"), verb: "list", resource: "pods", namespace: "dev"), false, "same name, other namespace"),
            (AuthzRequest(user: jane, verb: "get", resource: "configmaps", namespace: "dev"), true, "ClusterRole bound in a namespace"),
            (AuthzRequest(user: jane, verb: "get", resource: "configmaps", namespace: "default"), false, "ClusterRole scoped by its RoleBinding"),
            (AuthzRequest(user: jane, verb: "list", resource: "configmaps"), false, "scoped ClusterRole not cluster-wide"),
            (AuthzRequest(user: ops, verb: "list", resource: "nodes"), true, "group subject of a ClusterRoleBinding"),
            (AuthzRequest(user: ops, verb: "list", resource: "nodes", namespace: "dev"), true, "ClusterRoleBinding counts in every namespace"),
            (AuthzRequest(user: UserInfo.impersonating("system:serviceaccount:infra:mon"), verb: "list", resource: "nodes"), true, "SA subject with namespace"),
            (AuthzRequest(user: jane, verb: "list", resource: "nodes"), false, "no binding"),
            (AuthzRequest(user: jane, verb: "get", resource: "secrets", namespace: "dev"), false, "missing role grants nothing"),
        ]
        for (req, want, what) in table {
            XCTAssertEqual(RBACAuthorizer.allows(req, policy: policy), want, what)
        }
    }

    /// A new cluster's stored policy, read as the authorizer sees it.
    private func storedPolicy(_ c: Cluster) -> RBACPolicy {
        func all(_ kind: String) -> [Value] { c.api.list(c.registry.lookup(kind: kind)!, namespace: nil) }
        return RBACPolicy(roles: all("Role"), clusterRoles: all("ClusterRole"), roleBindings: all("RoleBinding"),
                          clusterRoleBindings: all("ClusterRoleBinding"))
    }

    func testBootstrapRolesAreAggregatedAndBindable() throws {
        let c = Cluster()
        let roles = c.registry.lookup(kind: "ClusterRole")!
        let rules = { (name: String) in (try? c.api.get(roles, namespace: nil, name: name))?["rules"]?.arrayValue ?? [] }
        let allows = { (req: AuthzRequest) in RBACAuthorizer.allows(req, policy: self.storedPolicy(c)) }
        // view is filled from system:aggregate-to-view; edit holds view's rules too, admin holds edit's.
        XCTAssertEqual(rules("view"), rules("system:aggregate-to-view"))
        XCTAssertTrue(rules("view").allSatisfy(rules("edit").contains))
        XCTAssertTrue(rules("edit").allSatisfy(rules("admin").contains))
        XCTAssertGreaterThan(rules("admin").count, rules("edit").count)
        // Every identity may ask about itself; nothing more without a binding.
        XCTAssertTrue(allows(AuthzRequest(user: sa, verb: "create", apiGroup: "authorization.k8s.io", resource: "selfsubjectaccessreviews")))
        XCTAssertTrue(allows(AuthzRequest(user: sa, verb: "get", path: "/version")))
        XCTAssertFalse(allows(AuthzRequest(user: sa, verb: "list", apiGroup: "apps", resource: "deployments", namespace: "dev")))

        _ = try c.api.create(c.registry.lookup(kind: "Namespace")!, ["apiVersion": "v1", "kind": "Namespace",
                                                                     "metadata": ["name": "dev"]], namespace: nil)
        let bindings = c.registry.lookup(kind: "RoleBinding")!
        _ = try c.api.create(bindings, ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                                        "metadata": ["name": "reader-view", "namespace": "dev"],
                                        "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"],
                                        "subjects": [["kind": "ServiceAccount", "name": "reader", "namespace": "dev"]]], namespace: "dev")
        XCTAssertTrue(allows(AuthzRequest(user: sa, verb: "list", apiGroup: "apps", resource: "deployments", namespace: "dev")))
        XCTAssertFalse(allows(AuthzRequest(user: sa, verb: "list", resource: "secrets", namespace: "dev")), "view leaves secrets out")
        XCTAssertFalse(allows(AuthzRequest(user: sa, verb: "delete", resource: "pods", namespace: "dev")))
        XCTAssertFalse(allows(AuthzRequest(user: sa, verb: "list", apiGroup: "apps", resource: "deployments", namespace: "prod")))

        // A role labelled aggregate-to-view extends view (and, through it, edit and admin); unlabelling takes it back.
        let extra: Value = ["verbs": ["get", "list"], "apiGroups": ["stable.example.com"], "resources": ["crontabs"]]
        _ = try c.api.create(roles, ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                                     "metadata": ["name": "crontab-reader", "labels": ["rbac.authorization.k8s.io/aggregate-to-view": "true"]],
                                     "rules": [extra]], namespace: nil)
        c.settle()
        XCTAssertEqual(rules("view").first, extra, "roles are taken in name order")
        XCTAssertTrue(rules("edit").contains(extra) && rules("admin").contains(extra))
        XCTAssertTrue(allows(AuthzRequest(user: sa, verb: "list", apiGroup: "stable.example.com", resource: "crontabs", namespace: "dev")))
        var unlabelled = try c.api.get(roles, namespace: nil, name: "crontab-reader")
        unlabelled[path: "metadata", "labels"] = .emptyObject
        _ = try c.api.update(roles, unlabelled, namespace: nil)
        c.settle()
        XCTAssertFalse(rules("view").contains(extra))
        XCTAssertFalse(rules("admin").contains(extra))
    }

    func testForbiddenMessage() {
        XCTAssertEqual(RBACAuthorizer.forbiddenMessage(AuthzRequest(user: sa, verb: "list", resource: "pods", namespace: "dev")),
                       #"User "system:serviceaccount:dev:reader" cannot list resource "pods" in API group "" in the namespace "dev""#)
        XCTAssertEqual(RBACAuthorizer.forbiddenMessage(AuthzRequest(user: sa, verb: "get", resource: "pods", subresource: "log", name: "w", namespace: "dev")),
                       #"User "system:serviceaccount:dev:reader" cannot get resource "pods/log" in API group "" in the namespace "dev""#)
        XCTAssertEqual(RBACAuthorizer.forbiddenMessage(AuthzRequest(user: sa, verb: "list", apiGroup: "apps", resource: "deployments")),
                       #"User "system:serviceaccount:dev:reader" cannot list resource "deployments" in API group "apps" at the cluster scope"#)
        XCTAssertEqual(RBACAuthorizer.forbiddenMessage(AuthzRequest(user: sa, verb: "get", path: "/healthz")),
                       #"User "system:serviceaccount:dev:reader" cannot get path "/healthz""#)
    }
}
