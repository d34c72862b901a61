// Tables of Node and ComponentStatus.

extension Tables {
    static let node = TableSpec(["Name", "Status", "Roles", "Age", "Version", "Internal-IP*", "External-IP*", "OS-Image*",
                                 "Kernel-Version*", "Container-Runtime*"]) { o, now in
        let info = o[path: "status", "nodeInfo"]
        let addresses = o[path: "status", "addresses"]?.arrayValue ?? []
        func address(_ type: String) -> String {
            addresses.first { $0["type"]?.stringValue == type }?["address"]?.stringValue ?? "<none>"
        }
        return [o.metadataName, nodeStatus(o), nodeRoles(o.labels), Cell.age(o, now), info?["kubeletVersion"]?.stringValue ?? "",
                address("InternalIP"), address("ExternalIP"), Cell.string(info?["osImage"], or: "<unknown>"),
                Cell.string(info?["kernelVersion"], or: "<unknown>"), Cell.string(info?["containerRuntimeVersion"], or: "<unknown>")]
    }

    /// STATUS of a node: every condition that is True among the printer's known types (in practice `Ready`),
    /// `NotReady` when Ready is not True, `Unknown` without conditions; `,SchedulingDisabled` when cordoned.
    static func nodeStatus(_ o: Value) -> String {
        var statuses: [String] = []
        for c in o[path: "status", "conditions"]?.arrayValue ?? [] where c["type"]?.stringValue == "Ready" {
            statuses.append(c["status"]?.stringValue == "True" ? "Ready" : "NotReady")
        }
        if statuses.isEmpty { statuses.append("Unknown") }
        if o[path: "spec", "unschedulable"]?.boolValue == true { statuses.append("SchedulingDisabled") }
        return statuses.joined(separator: ",")
    }

    /// ROLES: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`, sorted; `<none>` if none.
    static func nodeRoles(_ labels: [String: String]) -> String {
        var roles = Set<String>()
        for (k, v) in labels {
            if k.hasPrefix("node-role.kubernetes.io/") {
                let role = String(k.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if k == "kubernetes.io/role", !v.isEmpty {
                roles.insert(v)
            }
        }
        return roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ",")
    }

    static let componentStatus = TableSpec(["Name", "Status", "Message", "Error"]) { o, _ in
        var status = "Unknown", message = "", error = ""
        for c in o["conditions"]?.arrayValue ?? [] where c["type"]?.stringValue == "Healthy" {
            status = c["status"]?.stringValue == "True" ? "Healthy" : "Unhealthy"
            message = c["message"]?.stringValue ?? ""
            error = c["error"]?.stringValue ?? ""
            break
        }
        return [o.metadataName, status, message, error]
    }

    static let nodeTables: [String: TableSpec] = ["/Node": node, "/ComponentStatus": componentStatus]
}
