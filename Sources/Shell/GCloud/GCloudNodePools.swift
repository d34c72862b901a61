// `gcloud container node-pools create|list|describe|delete`: pools of identical VMs inside a cluster.
import Foundation
import MiniCluster

enum GCloudNodePools {
    /// The cluster named by `--cluster` (or the container/cluster property).
    static func cluster(_ c: GCloudContext, _ a: GCloudArgs) throws -> GKECluster {
        guard let name = a.value("cluster") ?? c.cloud.properties["container/cluster"] else {
            throw GCloudFailure(message: """
                The required property [cluster] is not currently set.
                You may set it for your current workspace by running:

                  $ gcloud config set container/cluster VALUE

                or it can be set temporarily by the environment variable [CLOUDSDK_CONTAINER_CLUSTER]
                """)
        }
        return try GCloudClusters.find(c, a, name: name)
    }

    static func table(_ pools: [GKENodePool]) -> String {
        GCloudTable.render([["NAME", "MACHINE_TYPE", "DISK_SIZE_GB", "NODE_VERSION"]]
            + pools.map { [$0.name, $0.machineType, String($0.diskSizeGb), $0.version] })
    }

    static func create(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let name = try c.name(a)
        var k = try cluster(c, a)
        if k.nodePools.contains(where: { $0.name == name }) {
            throw GCloudFailure(message: "ResponseError: code=409, message=Already exists: projects/\(k.project)/locations/\(k.location)/clusters/\(k.name)/nodePools/\(name).")
        }
        let machine = a.value("machine-type") ?? "e2-medium"
        guard GCPCatalog.machineTypes.contains(machine) else {
            throw GCloudFailure(message: "ResponseError: code=400, message=Invalid machine type \"\(machine)\".")
        }
        var pool = GKENodePool(name: name, machineType: machine, nodeCountPerZone: Int(a.value("num-nodes") ?? "3") ?? 3,
                               autoscaling: try GCloudClusters.autoscalingRange(a), version: k.version,
                               groupHash: GoogleCloud.groupHash(cluster: k.name, pool: name, project: k.project))
        if let d = a.value("disk-size").flatMap({ Int($0.replacingOccurrences(of: "GB", with: "")) }) { pool.diskSizeGb = d }
        c.io.err("Creating node pool \(name)...")
        c.session.passCloudTime(.seconds(90))
        c.io.errLine("done.")
        k.nodePools.append(pool)
        c.cloud.update(k)
        c.session.miniCluster(k)?.addNodes(c.session.shape(pool, of: k))
        c.status("Created [\(k.selfLink)/nodePools/\(name)].")
        c.io.out(table([pool]))
        return 0
    }

    static func list(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let k = try cluster(c, a)
        c.io.out(table(k.nodePools))
        return 0
    }

    static func find(_ c: GCloudContext, _ a: GCloudArgs) throws -> (GKECluster, Int) {
        let name = try c.name(a)
        let k = try cluster(c, a)
        guard let i = k.nodePools.firstIndex(where: { $0.name == name }) else {
            throw GCloudFailure(message: "ResponseError: code=404, message=Not found: projects/\(k.project)/locations/\(k.location)/clusters/\(k.name)/nodePools/\(name).\nNo node pool named '\(name)' in \(k.name).")
        }
        return (k, i)
    }

    static func describe(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let (k, i) = try find(c, a)
        c.io.out(GCloudDescribe.pool(k.nodePools[i], cluster: k, groups: c.session.instanceGroupURLs(k, pool: k.nodePools[i])))
        return 0
    }

    static func delete(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        var (k, i) = try find(c, a)
        let name = k.nodePools[i].name
        _ = try c.confirm("The following node pool will be deleted.\n[\(name)] in cluster [\(k.name)] in [\(k.location)]", a)
        c.io.err("Deleting node pool \(name)...")
        c.session.passCloudTime(.seconds(90))
        c.io.errLine("done.")
        let removed = k.nodePools.remove(at: i)
        c.cloud.update(k)
        if let mc = c.session.miniCluster(k) { mc.removeNodes(mc.nodeNames(pool: removed.name)) }
        c.status("Deleted [\(k.selfLink)/nodePools/\(name)].")
        return 0
    }
}
