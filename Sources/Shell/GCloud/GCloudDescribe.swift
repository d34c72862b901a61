// `describe` output: the Container API's resources as gcloud prints them by default (YAML, keys in order).
import MiniCluster

enum GCloudDescribe {
    /// `groups`: each pool's managed instance group URLs (one per zone), from `ShellSession.instanceGroupURLs`.
    static func cluster(_ k: GKECluster, groups: [String: [String]] = [:]) -> String {
        var y = ""
        let created = k.createTime.rfc3339.replacingOccurrences(of: "Z", with: "+00:00")
        y += "clusterIpv4Cidr: 10.\(GoogleCloud.hash(k.name) % 100 * 4 % 256).0.0/14\n"
        y += "createTime: '\(created)'\n"
        y += "currentMasterVersion: \(k.version)\n"
        y += "currentNodeCount: \(k.nodeCount)\n"
        y += "currentNodeVersion: \(k.nodePools.first?.version ?? k.version)\n"
        y += "endpoint: \(k.endpoint)\n"
        y += "initialClusterVersion: \(k.version)\n"
        y += "location: \(k.location)\n"
        y += "locations:\n" + k.nodeLocations.map { "- \($0)\n" }.joined()
        y += "name: \(k.name)\n"
        if k.networkPolicy { y += "networkPolicy:\n  enabled: true\n  provider: CALICO\n" }
        y += "nodePools:\n"
        for p in k.nodePools { y += pool(p, cluster: k, groups: groups[p.name] ?? [], indent: "  ", first: "- ") }
        y += "releaseChannel:\n  channel: \(k.releaseChannel)\n"
        y += "selfLink: \(k.selfLink)\n"
        y += "servicesIpv4Cidr: 34.118.224.0/20\n"
        y += "status: \(k.status)\n"
        if let wp = k.workloadPool { y += "workloadIdentityConfig:\n  workloadPool: \(wp)\n" }
        y += "zone: \(k.location)\n"
        return y
    }

    static func pool(_ p: GKENodePool, cluster k: GKECluster, groups: [String], indent: String = "", first: String = "") -> String {
        var lines: [String] = []
        if let r = p.autoscaling { lines += ["autoscaling:", "  enabled: true", "  locationPolicy: BALANCED", "  maxNodeCount: \(r.upperBound)", "  minNodeCount: \(r.lowerBound)"] }
        lines += ["config:", "  diskSizeGb: \(p.diskSizeGb)", "  diskType: pd-balanced", "  imageType: COS_CONTAINERD", "  machineType: \(p.machineType)"]
        // initialNodeCount is the size at creation; the current size shows in the cluster's currentNodeCount and
        // in the instance groups (gcloud compute instance-groups list), as on GKE.
        lines += ["initialNodeCount: \(p.initialNodeCount)"]
        if !groups.isEmpty { lines += ["instanceGroupUrls:"] + groups.map { "- \($0)" } }
        lines += ["locations:"] + k.nodeLocations.map { "- \($0)" }
        lines += ["management:", "  autoRepair: true", "  autoUpgrade: true", "name: \(p.name)",
                  "selfLink: \(k.selfLink)/nodePools/\(p.name)", "status: \(p.status)", "version: \(p.version)"]
        return lines.enumerated().map { i, l in (i == 0 ? first : indent) + l + "\n" }.joined()
    }
}
