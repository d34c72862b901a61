// `describe node` (describeNode): identity, taints, lease, conditions, addresses, capacity, system info,
// the pods running there and what they request.
import MiniCluster

enum NodeDescriber {
    static func describe(_ node: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = node["spec"] ?? .null, status = node["status"] ?? .null
        w.write(0, "Name:\t\(node.metadataName)\n")
        let roles = self.roles(node.labels)
        w.write(0, "Roles:\t\(roles.isEmpty ? "<none>" : roles.joined(separator: ","))\n")
        w.labels("Labels", node.labels)
        w.annotations("Annotations", node.annotations)
        w.write(0, "CreationTimestamp:\t\(DescribeFormat.time(node.creationTimestamp))\n")
        w.taints("Taints", spec.dArr("taints"))
        w.write(0, "Unschedulable:\t\(spec.dBool("unschedulable") ?? false)\n")
        lease(node.metadataName, ctx, w)
        let conditions = status.dArr("conditions")
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in conditions {
                w.write(1, "\(c.dStr("type")) \t\(c.dStr("status")) \t\(DescribeFormat.time(c.dTime("lastHeartbeatTime"))) \t"
                    + "\(DescribeFormat.time(c.dTime("lastTransitionTime"))) \t\(c.dStr("reason")) \t\(c.dStr("message"))\n")
            }
        }
        w.write(0, "Addresses:\n")
        for a in status.dArr("addresses") { w.write(1, "\(a.dStr("type")):\t\(a.dStr("address"))\n") }
        for (title, key) in [("Capacity", "capacity"), ("Allocatable", "allocatable")] {
            guard let list = status[key]?.objectValue, !list.isEmpty else { continue }
            w.write(0, "\(title):\n")
            for r in list.keys.sorted() { w.write(0, "  \(r):\t\(DescribeQuantity.text(list[r]))\n") }
        }
        let info = status["nodeInfo"] ?? .null
        w.write(0, "System Info:\n")
        for (label, key) in [("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"),
                             ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"),
                             ("Operating System", "operatingSystem"), ("Architecture", "architecture"),
                             ("Container Runtime Version", "containerRuntimeVersion"), ("Kubelet Version", "kubeletVersion"),
                             ("Kube-Proxy Version", "kubeProxyVersion")] {
            w.write(0, "  \(label):\t\(info.dStr(key))\n")
        }
        if !spec.dStr("podCIDR").isEmpty { w.write(0, "PodCIDR:\t\(spec.dStr("podCIDR"))\n") }
        let cidrs = spec.dArr("podCIDRs").map(\.dText)
        if !cidrs.isEmpty { w.write(0, "PodCIDRs:\t\(cidrs.joined(separator: ","))\n") }
        if !spec.dStr("providerID").isEmpty { w.write(0, "ProviderID:\t\(spec.dStr("providerID"))\n") }
        let pods = ctx.list("Pod", namespace: nil).filter {
            $0.dStr("spec", "nodeName") == node.metadataName && !["Succeeded", "Failed"].contains($0.dStr("status", "phase"))
        }
        NodeResources.write(pods: pods, node: node, ctx, w)
        if ctx.showEvents {
            // Controllers tag node events with the node's uid, the kubelet with its name.
            let events = EventsSection.find(for: node, in: ctx) + EventsSection.find(for: node, in: ctx, uid: node.metadataName)
            EventsSection.write(events, w, ctx)
        }
        return w.text
    }

    /// Roles from `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`, sorted.
    static func roles(_ labels: [String: String]) -> [String] {
        var roles = Set<String>()
        for (k, v) in labels {
            if k.hasPrefix("node-role.kubernetes.io/") {
                let role = String(k.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if k == "kubernetes.io/role", !v.isEmpty {
                roles.insert(v)
            }
        }
        return roles.sorted()
    }

    private static func lease(_ node: String, _ ctx: DescribeContext, _ w: PrefixWriter) {
        guard ctx.cluster.registry.lookup(kind: "Lease") != nil else {
            w.write(0, "Lease:\tFailed to get lease: the server could not find the requested resource\n")
            return
        }
        guard let lease = ctx.get("Lease", namespace: "kube-node-lease", name: node) else {
            w.write(0, "Lease:\tFailed to get lease: leases.coordination.k8s.io \"\(node)\" not found\n")
            return
        }
        w.write(0, "Lease:\n")
        let holder = lease.dStr("spec", "holderIdentity")
        w.write(1, "HolderIdentity:\t\(lease.dHas("spec", "holderIdentity") ? holder : "<unset>")\n")
        w.write(1, "AcquireTime:\t\(lease.dTime("spec", "acquireTime").map { DescribeFormat.time($0) } ?? "<unset>")\n")
        w.write(1, "RenewTime:\t\(lease.dTime("spec", "renewTime").map { DescribeFormat.time($0) } ?? "<unset>")\n")
    }
}
