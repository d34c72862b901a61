// `gcloud container fleet memberships register|list|describe|unregister` and `gcloud container fleet ingress
// enable|describe|disable`: the GKE Hub API over the session's clusters (MiniCluster's `Fleet`). Texts follow the
// Cloud SDK's surface/container/fleet commands; long-running operations pass a little virtual time.
import Foundation
import MiniCluster

enum GCloudFleet {
    static func register(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let sources = ["gke-cluster", "gke-uri", "context"].filter { a.has($0) }
        if sources.count > 1 {
            throw GCloudFailure.usage("argument \(GCloudArgs.display(sources[1])): Exactly one of (--gke-cluster | --gke-uri | [--context : --kubeconfig]) must be specified.")
        }
        if sources.isEmpty {
            throw GCloudFailure.usage("Exactly one of (--gke-cluster | --gke-uri | [--context : --kubeconfig]) must be specified.")
        }
        guard a.positionals.count <= 1 else { throw GCloudArgs.unrecognized(Array(a.positionals.dropFirst()), flags: GCloudUsage.flags(of: c.path)) }
        guard let name = a.positionals.first else {
            throw GCloudFailure.usage("argument (MEMBERSHIP_NAME : --location=LOCATION): Must be specified.")
        }
        let project = try c.project(a)
        guard let spec = a.value("gke-cluster") else {
            throw GCloudFailure(message: "kubetutor simulates registering GKE clusters only: use --gke-cluster=LOCATION/CLUSTER_NAME")
        }
        guard let slash = spec.lastIndex(of: "/") else {
            throw GCloudFailure(message: "argument --gke-cluster: \(spec) is invalid. --gke-cluster must be of format: `{REGION OR ZONE}/{CLUSTER_NAME`}`")
        }
        let location = String(spec[..<slash]), clusterName = String(spec[spec.index(after: slash)...])
        let link = "//container.googleapis.com/projects/\(project)/locations/\(location)/clusters/\(clusterName)"
        guard let k = c.cloud.cluster(named: clusterName, project: project, location: location), let cluster = c.session.miniCluster(k) else {
            throw GCloudFailure(message: "NOT_FOUND: cluster \(link) was not found")
        }
        let fleet = c.session.fleet(project: project)
        // A membership whose cluster was deleted and made again under the same name follows the new cluster.
        if let stale = fleet.membership(named: name), stale.clusterMissing, stale.clusterLink == link { fleet.unregister(name) }
        if let existing = fleet.membership(named: name) {
            guard existing.cluster === cluster else {
                throw GCloudFailure(message: "membership [\(existing.resourceName)] already exists in the Fleet with another cluster link [\(existing.clusterLink)]. If this operation is intended, please delete the membership and register again.")
            }
            c.status("Membership [\(existing.resourceName)] already registered with the cluster [\(link)] in the Fleet.")
            c.status("Finished registering to the Fleet.")
            return 0
        }
        if let other = fleet.membership(of: cluster) {
            throw GCloudFailure(message: "Error validating cluster's exclusivity state with the Fleet under parent collection [projects/\(project)/locations/\(other.location)]: the cluster is already registered as membership [\(other.name)]. Cannot proceed with the cluster registration.")
        }
        c.io.err("Waiting for membership to be created...")
        c.session.passCloudTime(.seconds(20))
        fleet.register(name: name, cluster: cluster, clusterName: clusterName, clusterLocation: location,
                       workloadIdentity: a.flag("enable-workload-identity"), now: c.session.cloudNow)
        c.io.errLine("done.")
        c.status("Finished registering to the Fleet.")
        return 0
    }

    static func list(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let project = try c.project(a)
        let members = c.session.fleets[project]?.memberships ?? []
        let shown = members.filter { a.value("location") == nil || $0.location == a.value("location") }
        if shown.isEmpty {
            c.status("Listed 0 items.")
            return 0
        }
        c.io.out(GCloudTable.render([["NAME", "UNIQUE_ID", "LOCATION"]] + shown.map { [$0.name, $0.uniqueID, $0.location] }))
        return 0
    }

    static func describe(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        guard let name = a.positionals.first else {
            throw GCloudFailure.usage("argument (MEMBERSHIP : --location=LOCATION): Must be specified.")
        }
        let project = try c.project(a)
        guard let m = c.session.fleets[project]?.membership(named: name),
              a.value("location") == nil || a.value("location") == m.location else {
            throw membershipNotFound(project, name, location: a.value("location") ?? "global")
        }
        var y = ""
        if m.workloadIdentity {
            let uri = "https://container.googleapis.com/v1/projects/\(project)/locations/\(m.clusterLocation)/clusters/\(m.clusterName)"
            y += "authority:\n  identityProvider: \(uri)\n  issuer: \(uri)\n  workloadIdentityPool: \(project).svc.id.goog\n"
        }
        y += "createTime: '\(m.createTime.rfc3339)'\n"
        y += "endpoint:\n  gkeCluster:\n"
        if m.clusterMissing { y += "    clusterMissing: true\n" }
        y += "    resourceLink: \(m.clusterLink)\n"
        y += "name: \(m.resourceName)\n"
        y += "state:\n  code: READY\n"
        y += "uniqueId: \(m.uniqueID)\n"
        y += "updateTime: '\(m.createTime.rfc3339)'\n"
        c.io.out(y)
        return 0
    }

    static func unregister(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        guard let name = a.positionals.first else {
            throw GCloudFailure.usage("argument (MEMBERSHIP_NAME : --location=LOCATION): Must be specified.")
        }
        let project = try c.project(a)
        guard let fleet = c.session.fleets[project], let m = fleet.membership(named: name) else {
            throw membershipNotFound(project, name)
        }
        c.io.err("Waiting for membership to be deleted...")
        c.session.passCloudTime(.seconds(10))
        fleet.unregister(m.name)
        c.io.errLine("done.")
        c.status("Successfully unregistered cluster [\(m.clusterLink)] from the Fleet.")
        return 0
    }

    static func ingressEnable(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let project = try c.project(a)
        let fleet = c.session.fleet(project: project)
        guard let given = a.value("config-membership") else {
            throw GCloudFailure(message: "--config-membership must be specified (kubetutor does not prompt for it)")
        }
        // The flag takes a membership name or its full resource name.
        let name = given.split(separator: "/").last.map(String.init) ?? given
        guard let m = fleet.membership(named: name) else { throw membershipNotFound(project, name) }
        if fleet.ingressConfigMembership != nil {
            c.status("Ingress Feature for project [\(project)] is already enabled")
            return 0
        }
        c.status("Enabling service [multiclusterservicediscovery.googleapis.com] on project [\(project)]...")
        c.session.passCloudTime(.seconds(5))
        let op = GoogleCloud.hash("\(project)/mcsd") % 1_000_000_000_000
        c.status("Operation \"operations/acat.p2-\(op)-\(Self.opSuffix(project))\" finished successfully.")
        c.io.err("Waiting for Feature Ingress to be created...")
        c.session.passCloudTime(.seconds(10))
        c.io.errLine("done.")
        c.io.err("Waiting for controller to start...")
        c.session.passCloudTime(.seconds(30))
        fleet.enableIngress(configMembership: m.name, now: c.session.cloudNow)
        c.io.errLine("done.")
        return 0
    }

    static func ingressDescribe(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let project = try c.project(a)
        guard let fleet = c.session.fleets[project], let config = fleet.ingressConfigMembership,
              let m = fleet.membership(named: config), let enabled = fleet.ingressEnabledTime else {
            throw GCloudFailure(message: "NOT_FOUND: Resource 'projects/\(project)/locations/global/features/multiclusteringress' was not found")
        }
        let t = "'\(enabled.rfc3339)'"
        var y = "createTime: \(t)\nmembershipStates:\n"
        for member in fleet.memberships.sorted(by: { $0.resourceName < $1.resourceName }) {
            y += "  \(member.resourceName):\n    state:\n      code: OK\n      updateTime: \(t)\n"
        }
        y += "name: projects/\(project)/locations/global/features/multiclusteringress\n"
        y += "resourceState:\n  state: ACTIVE\n"
        y += "spec:\n  multiclusteringress:\n    configMembership: \(m.resourceName)\n"
        y += "state:\n  state:\n    code: OK\n    description: Ready to use\n    updateTime: \(t)\n"
        y += "updateTime: \(t)\n"
        c.io.out(y)
        return 0
    }

    /// The Hub API's answer for a membership that does not exist (describe, unregister, ingress enable).
    static func membershipNotFound(_ project: String, _ name: String, location: String = "global") -> GCloudFailure {
        GCloudFailure(message: "NOT_FOUND: Resource 'projects/\(project)/locations/\(location)/memberships/\(name)' was not found")
    }

    /// A uuid-like tail for operation names, the same for a project every run.
    static func opSuffix(_ project: String) -> String {
        var r = SeededRandom(seed: GoogleCloud.hash(project))
        return r.uuid()
    }
}

extension ShellSession {
    /// The project's fleet, made on first use.
    func fleet(project: String) -> Fleet {
        if let f = fleets[project] { return f }
        let f = Fleet(project: project)
        fleets[project] = f
        return f
    }

    /// The Multi Cluster Ingress holding this address answers, in whichever fleet; nil when none holds it.
    public func sendToFleetVIP(_ request: HTTPRequest, ip: String) -> Result<HTTPResponse, NetworkError>? {
        for project in fleets.keys.sorted() {
            if let r = fleets[project]?.send(request, to: ip) { return r }
        }
        return nil
    }
}
