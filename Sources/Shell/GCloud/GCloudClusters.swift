// `gcloud container clusters create|list|describe|get-credentials|resize|update|delete` against the simulated
// Container API, with gcloud's progress lines, prompts and errors. Creating makes a real MiniCluster.
import Foundation
import MiniCluster

enum GCloudClusters {
    static func create(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let requestedChannel = try a.releaseChannel()
        let name = try c.name(a)
        let project = try c.project(a)
        guard let location = try c.location(a) else { return 1 }
        // Printed by every create while parsing its options (flags.WarnForUnspecifiedKubeletReadonlyPort).
        c.status("Note: The Kubelet readonly port (10255) is now deprecated. Please update your workloads to use the recommended alternatives. See https://cloud.google.com/kubernetes-engine/docs/how-to/disable-kubelet-readonly-port for ways to check usage and for migration instructions.")
        guard GCPCatalog.isRegion(location) || GCPCatalog.region(ofZone: location) != nil else {
            throw GCloudFailure(message: "ResponseError: code=404, message=Location \"\(location)\" does not exist.")
        }
        let machine = a.value("machine-type") ?? "e2-medium"
        guard GCPCatalog.machineTypes.contains(machine) else {
            throw GCloudFailure(message: "ResponseError: code=400, message=Invalid machine type \"\(machine)\" in zone \"\(GCPCatalog.isRegion(location) ? GCPCatalog.zones(of: location).first ?? location : location)\".")
        }
        guard GCPCatalog.isClusterName(name) else {
            throw GCloudFailure(message: "ResponseError: code=400, message=Invalid value for field \"cluster.name\": \"\(name)\". Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?)' (only alphanumerics and '-' allowed, must start with a letter and end with an alphanumeric, and must be no longer than 40 characters).")
        }
        if c.cloud.cluster(named: name, project: project, location: location) != nil {
            throw GCloudFailure(message: "ResponseError: code=409, message=Already exists: projects/\(project)/locations/\(location)/clusters/\(name).")
        }
        let zones = try nodeLocations(a, location: location)
        let perZone = Int(a.value("num-nodes") ?? "3") ?? 3
        let autoscaling = try autoscalingRange(a)
        let channel = requestedChannel == "None" ? "UNSPECIFIED" : (requestedChannel ?? "regular").uppercased()
        let version = c.cloud.defaultVersion
        let context = "gke_\(project)_\(location)_\(name)"
        let pool = GKENodePool(name: "default-pool", machineType: machine, nodeCountPerZone: perZone, autoscaling: autoscaling,
                               version: version, groupHash: GoogleCloud.groupHash(cluster: name, pool: "default-pool", project: project))
        var cluster = GKECluster(name: name, project: project, location: location, nodeLocations: zones, nodePools: [pool],
                                 releaseChannel: channel, version: version, endpoint: GKEEndpoint.address(for: context),
                                 status: "PROVISIONING", workloadPool: a.value("workload-pool"),
                                 networkPolicy: a.flag("enable-network-policy"), createTime: c.session.cloudNow)
        cluster.dataplaneV2 = a.flag("enable-dataplane-v2")
        c.cloud.add(cluster)
        c.io.err("Creating cluster \(name) in \(location)...")
        c.session.passCloudTime(GoogleCloud.creationTime(for: cluster))
        c.io.errLine(" Cluster is being health-checked (master is healthy)...done.")
        cluster.status = "RUNNING"
        c.cloud.update(cluster)
        c.status("Created [\(cluster.selfLink)].")
        c.status("To inspect the contents of your cluster, go to: https://console.cloud.google.com/kubernetes/workload_/gcloud/\(location)/\(name)?project=\(project)")
        c.session.attach(cluster)
        c.status("kubeconfig entry generated for \(name).")
        c.io.out(table([cluster]))
        return 0
    }

    static func nodeLocations(_ a: GCloudArgs, location: String) throws -> [String] {
        if let list = a.value("node-locations") {
            let zones = list.split(separator: ",").map(String.init)
            for z in zones where GCPCatalog.region(ofZone: z) == nil {
                throw GCloudFailure(message: "ResponseError: code=400, message=Location \"\(z)\" does not exist.")
            }
            return zones
        }
        return GCPCatalog.isRegion(location) ? GCPCatalog.defaultNodeZones(of: location) : [location]
    }

    static func autoscalingRange(_ a: GCloudArgs) throws -> ClosedRange<Int>? {
        guard a.flag("enable-autoscaling") else { return nil }
        guard let max = a.value("max-nodes").flatMap({ Int($0) }) ?? a.value("total-max-nodes").flatMap({ Int($0) }) else {
            throw GCloudFailure(message: "Must specify both --max-nodes and --min-nodes or --total-max-nodes and --total-min-nodes to enable autoscaling.")
        }
        let min = a.value("min-nodes").flatMap { Int($0) } ?? 0
        guard min <= max else { throw GCloudFailure(message: "ResponseError: code=400, message=Max node count must be >= min node count.") }
        return min...max
    }

    static func table(_ list: [GKECluster]) -> String {
        var rows = [["NAME", "LOCATION", "MASTER_VERSION", "MASTER_IP", "MACHINE_TYPE", "NODE_VERSION", "NUM_NODES", "STATUS"]]
        for k in list {
            rows.append([k.name, k.location, k.version, k.endpoint, k.nodePools.first?.machineType ?? "",
                         k.nodePools.first?.version ?? "", String(k.nodeCount), k.status])
        }
        return GCloudTable.render(rows)
    }

    static func list(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let project = try c.project(a)
        let where_ = a.value("location") ?? a.value("region") ?? a.value("zone")
        let found = c.cloud.clusters.filter { $0.project == project && (where_ == nil || $0.location == where_) }
            .sorted { ($0.location, $0.name) < ($1.location, $1.name) }
        if found.isEmpty { c.status("Listed 0 items."); return 0 }
        c.io.out(table(found))
        return 0
    }

    /// The cluster NAME in the location, or gcloud's not-found error (with a hint when it lives elsewhere).
    static func find(_ c: GCloudContext, _ a: GCloudArgs, name: String) throws -> GKECluster {
        let project = try c.project(a)
        guard let location = try c.location(a) else { throw GCloudFailure(message: "") }
        if let k = c.cloud.cluster(named: name, project: project, location: location) { return k }
        let api = "ResponseError: code=404, message=Not found: projects/\(project)/locations/\(location)/clusters/\(name)."
        if let other = c.cloud.clusters.first(where: { $0.name == name && $0.project == project }) {
            throw GCloudFailure(message: "\(api)\nCould not find [\(name)] in [\(location)].\nDid you mean [\(name)] in [\(other.location)]?")
        }
        throw GCloudFailure(message: "\(api)\nNo cluster named '\(name)' in \(project).")
    }

    static func getCredentials(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let name = try c.name(a)
        c.status("Fetching cluster endpoint and auth data.")
        let k = try find(c, a, name: name)
        c.session.attach(k)
        c.status("kubeconfig entry generated for \(name).")
        return 0
    }

    static func describe(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let k = try find(c, a, name: try c.name(a))
        c.io.out(GCloudDescribe.cluster(k, groups: Dictionary(uniqueKeysWithValues: k.nodePools.map { ($0.name, c.session.instanceGroupURLs(k, pool: $0)) })))
        return 0
    }

    static func delete(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        guard !a.positionals.isEmpty else { throw GCloudFailure.usage("argument NAME [NAME ...]: Must be specified.") }
        let project = try c.project(a)
        guard let location = try c.location(a) else { return 1 }
        _ = try c.confirm("The following clusters will be deleted.\n" + a.positionals.map { " - [\($0)] in [\(location)]" }.joined(separator: "\n"), a)
        var errors: [String] = []
        for name in a.positionals {
            guard let k = c.cloud.cluster(named: name, project: project, location: location) else {
                errors.append("ResponseError: code=404, message=Not found: projects/\(project)/locations/\(location)/clusters/\(name).")
                continue
            }
            c.io.err("Deleting cluster \(name)...")
            c.session.passCloudTime(.seconds(150 + (k.isRegional ? 60 : 0)))
            c.io.errLine("done.")
            c.cloud.remove(named: name, project: project, location: location)
            c.session.detach(k)
            c.status("Deleted [\(k.selfLink)].")
        }
        if !errors.isEmpty {
            throw GCloudFailure(message: "Some requests did not succeed:\n" + errors.map { " - \($0)" }.joined(separator: "\n"))
        }
        return 0
    }

    static func resize(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let name = try c.name(a)
        guard let size = (a.value("num-nodes") ?? a.value("size")).flatMap({ Int($0) }) else {
            throw GCloudFailure.usage("Exactly one of (--num-nodes | --size) must be specified.")
        }
        var k = try find(c, a, name: name)
        let poolName = a.value("node-pool") ?? k.nodePools.first?.name ?? "default-pool"
        guard let i = k.nodePools.firstIndex(where: { $0.name == poolName }) else {
            throw GCloudFailure(message: "No node pool named '\(poolName)' in \(name).")
        }
        _ = try c.confirm("Pool [\(poolName)] for [\(name)] will be resized to \(size) node(s) in each zone it spans.", a)
        c.io.err("Resizing \(name)...")
        c.session.passCloudTime(.seconds(60))
        c.io.errLine("done.")
        k.nodePools[i].nodeCountPerZone = size
        c.cloud.update(k)
        c.session.miniCluster(k)?.resizePool(c.session.shape(k.nodePools[i], of: k))
        c.status("Updated [\(k.selfLink)].")
        return 0
    }

    /// The autoscaling flags `update` takes together; every other flag of the exclusive list stands alone.
    static let autoscalingFlags: Set<String> = ["enable-autoscaling", "min-nodes", "max-nodes", "total-min-nodes", "total-max-nodes", "location-policy"]

    static func update(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let requestedChannel = try a.releaseChannel()
        // Exactly one kind of change per command, checked as argparse does (it names the first flag in name order).
        let exclusive = Set(GCloudCommandTree.updateExactlyOne.components(separatedBy: " | ").map { String($0.dropFirst(2)) })
        let given = Set(a.order).filter { exclusive.contains($0) || autoscalingFlags.contains($0) }
        let kinds = Set(given.map { autoscalingFlags.contains($0) ? "autoscaling" : $0 })
        if kinds.count != 1 {
            let list = "Exactly one of (\(GCloudCommandTree.updateExactlyOne)) must be specified."
            throw GCloudFailure.usage(kinds.isEmpty ? list : "argument --\(given.sorted()[0]): \(list)")
        }
        let name = try c.name(a)
        var k = try find(c, a, name: name)
        if a.has("enable-autoscaling") {
            let poolName = a.value("node-pool") ?? k.nodePools.first?.name ?? "default-pool"
            if let i = k.nodePools.firstIndex(where: { $0.name == poolName }) {
                k.nodePools[i].autoscaling = a.flag("enable-autoscaling") ? try autoscalingRange(a) : nil
            }
        }
        if a.value("node-locations") != nil { k.nodeLocations = try nodeLocations(a, location: k.location) }
        if let ch = requestedChannel { k.releaseChannel = ch == "None" ? "UNSPECIFIED" : ch.uppercased() }
        if let wp = a.value("workload-pool") { k.workloadPool = wp }
        if a.has("enable-network-policy") { k.networkPolicy = a.flag("enable-network-policy") }
        // Settings the simulation does not model (labels, maintenance windows …) are accepted and change nothing here.
        c.io.err("Updating \(name)...")
        c.session.passCloudTime(.seconds(90))
        c.io.errLine("done.")
        c.cloud.update(k)
        c.session.miniCluster(k)?.network.enforcesNetworkPolicy = k.enforcesNetworkPolicy
        if a.value("node-locations") != nil, let mc = c.session.miniCluster(k) {
            // Every pool follows the new node zones: VMs in dropped zones go, new zones get the pool's size.
            mc.removeNodes(mc.nodeNames.filter { !k.nodeLocations.contains(mc.zone(ofNode: $0) ?? "") })
            for p in k.nodePools { mc.resizePool(c.session.shape(p, of: k)) }
        }
        c.status("Updated [\(k.selfLink)].")
        c.status("To inspect the contents of your cluster, go to: https://console.cloud.google.com/kubernetes/workload_/gcloud/\(k.location)/\(name)?project=\(k.project)")
        return 0
    }
}
