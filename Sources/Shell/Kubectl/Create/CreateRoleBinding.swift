// `kubectl create rolebinding|clusterrolebinding NAME --role|--clusterrole=… [--user] [--group] [--serviceaccount=ns:name]`
import MiniCluster

struct CreateRoleBindingVerb: CreateGenerator {
    let clusterScoped: Bool
    var path: [String] { ["create", clusterScoped ? "clusterrolebinding" : "rolebinding"] }
    var ownFlags: [FlagSpec] {
        var f = [
            FlagSpec("clusterrole", usage: "ClusterRole this binding should reference."),
            FlagSpec("user", .stringArray, usage: "Usernames to bind; repeat for several."),
            FlagSpec("group", .stringArray, usage: "Groups to bind; repeat for several."),
            FlagSpec("serviceaccount", .stringArray, usage: "Service accounts to bind, as <namespace>:<name>; repeat for several."),
        ]
        if !clusterScoped { f.append(FlagSpec("role", usage: "Role this RoleBinding should reference.")) }
        return f
    }
    var requiredFlags: [String] { clusterScoped ? ["clusterrole"] : [] }
    var serverErrorPrefix: String? { "failed to create \(clusterScoped ? "clusterrolebinding" : "rolebinding"): " }

    func validate(_ c: CreateCall) throws {
        if !clusterScoped, c.flags.string("clusterrole").isEmpty == c.flags.string("role").isEmpty {
            throw KubectlFailure.plain("exactly one of clusterrole or role must be specified")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        let f = c.flags
        let group = "rbac.authorization.k8s.io"
        var subjects: [Value] = []
        for u in f.strings("user") { subjects.append(["kind": "User", "apiGroup": .string(group), "name": .string(u)]) }
        for g in f.strings("group") { subjects.append(["kind": "Group", "apiGroup": .string(group), "name": .string(g)]) }
        for sa in f.strings("serviceaccount") {
            let t = sa.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard t.count == 2, !t[0].isEmpty, !t[1].isEmpty else { throw KubectlFailure.plain("serviceaccount must be <namespace>:<name>") }
            subjects.append(["kind": "ServiceAccount", "name": .string(t[1]), "namespace": .string(t[0])])
        }
        let role = f.string("role")
        let roleRef: Value = ["apiGroup": .string(group), "kind": role.isEmpty ? "ClusterRole" : "Role",
                              "name": .string(role.isEmpty ? f.string("clusterrole") : role)]
        let kind = clusterScoped ? "ClusterRoleBinding" : "RoleBinding"
        let meta = Build.meta(name: c.name, namespace: clusterScoped ? Value?.none : c.enforcedNamespace)
        return Build.object(Build.head(kind, "\(group)/v1", meta)
                            + [("subjects", Build.opt(!(subjects.isEmpty), .array(subjects))), ("roleRef", roleRef)])
    }
}
