// Tables of RoleBinding and ClusterRoleBinding. (Role and ClusterRole have no printer: NAME / CREATED AT.)

extension Tables {
    static let roleBinding = TableSpec(["Name", "Role", "Age", "Users*", "Groups*", "ServiceAccounts*"]) { o, now in
        var users: [String] = [], groups: [String] = [], sas: [String] = []
        for s in o["subjects"]?.arrayValue ?? [] {
            let name = s["name"]?.stringValue ?? ""
            switch s["kind"]?.stringValue ?? "" {
            case "User": users.append(name)
            case "Group": groups.append(name)
            case "ServiceAccount": sas.append((s["namespace"]?.stringValue ?? "") + "/" + name)
            default: break
            }
        }
        let role = (o[path: "roleRef", "kind"]?.stringValue ?? "") + "/" + (o[path: "roleRef", "name"]?.stringValue ?? "")
        return [o.metadataName, role, Cell.age(o, now), users.joined(separator: ", "), groups.joined(separator: ", "),
                sas.joined(separator: ", ")]
    }

    static let rbacTables: [String: TableSpec] = [
        "rbac.authorization.k8s.io/RoleBinding": roleBinding, "rbac.authorization.k8s.io/ClusterRoleBinding": roleBinding,
    ]
}
