// `gcloud compute instances list` (the node VMs of every cluster) and `gcloud container get-server-config`.
import MiniCluster

enum GCloudCompute {
    static func instancesList(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let project = try c.project(a)
        let zones = a.value("zones").map { Set($0.split(separator: ",").map(String.init)) }
        let vms = c.cloud.clusters.filter { $0.project == project && $0.status == "RUNNING" }
            .flatMap { c.session.instances(of: $0) }
            .filter { zones?.contains($0.zone) ?? true }
            .filter { a.positionals.isEmpty || a.positionals.contains($0.name) }
            .sorted { ($0.zone, $0.name) < ($1.zone, $1.name) }
        if vms.isEmpty { c.status("Listed 0 items."); return 0 }
        c.io.out(GCloudTable.render([["NAME", "ZONE", "MACHINE_TYPE", "PREEMPTIBLE", "INTERNAL_IP", "EXTERNAL_IP", "STATUS"]]
            + vms.map { [$0.name, $0.zone, $0.machineType, "", $0.internalIP, $0.externalIP, $0.status] }))
        return 0
    }

    static func serverConfig(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        _ = try c.project(a)
        guard let location = try c.location(a) else { return 1 }
        c.status("Fetching server config for \(location)")
        let v = c.cloud.defaultVersion
        let older = ["1.32.8-gke.1134000", "1.31.13-gke.1023000", "1.30.14-gke.1286000"]
        var y = "channels:\n"
        for (ch, d) in [("RAPID", "1.33.5-gke.1080000"), ("REGULAR", v), ("STABLE", "1.31.13-gke.1023000")] {
            y += "- channel: \(ch)\n  defaultVersion: \(d)\n  validVersions:\n  - \(d)\n"
        }
        y += "defaultClusterVersion: \(v)\ndefaultImageType: COS_CONTAINERD\n"
        y += "validImageTypes:\n- COS_CONTAINERD\n- UBUNTU_CONTAINERD\n"
        y += "validMasterVersions:\n" + ([v] + older).map { "- \($0)\n" }.joined()
        y += "validNodeVersions:\n" + ([v] + older).map { "- \($0)\n" }.joined()
        c.io.out(y)
        return 0
    }
}
