// `helm list|status|history|get values|get manifest|show values`: reading releases and charts.
import Foundation
import MiniCluster

enum HelmInfoVerbs {
    static let all: [HelmVerb] = [
        HelmVerb(path: "list", use: "helm list [flags]", args: (0, 0),
                 flags: [FlagSpec("all-namespaces", "A", .bool, default: "false", usage: "list releases across all namespaces"),
                         FlagSpec("all", "a", .bool, default: "false", usage: "show all releases without any filter applied")]) { c in
            let kube = try c.kube()
            let rows = kube.latest(namespace: c.flags.bool("all-namespaces") ? nil : c.namespace)
                .filter { c.flags.bool("all") || ["deployed", "failed"].contains($0.status) }
                .map { [$0.name, $0.namespace, String($0.version), $0.lastDeployed.goString, $0.status, $0.chartLabel, $0.appVersion] }
            c.io.out(Helm.table([["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"]] + rows))
        },
        HelmVerb(path: "status", use: "helm status RELEASE_NAME [flags]", args: (1, 1),
                 flags: [FlagSpec("revision", .int, default: "0", usage: "if set, display the status of the named release with revision")]) { c in
            let r = try release(c)
            printStatus(r, c.io)
        },
        HelmVerb(path: "history", use: "helm history RELEASE_NAME [flags]", args: (1, 1),
                 flags: [FlagSpec("max", .int, default: "256", usage: "maximum number of revision to include in history")]) { c in
            let history = try c.kube().history(c.args[0], namespace: c.namespace)
            guard !history.isEmpty else { throw HelmError("release: not found") }
            let rows = history.suffix(max(c.flags.int("max"), 1)).map {
                [String($0.version), $0.lastDeployed.ansiC, $0.status, $0.chartLabel, $0.appVersion, $0.description]
            }
            c.io.out(Helm.table([["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"]] + rows))
        },
        HelmVerb(path: "get values", use: "helm get values RELEASE_NAME [flags]", args: (1, 1),
                 flags: [FlagSpec("all", "a", .bool, default: "false", usage: "dump all (computed) values"),
                         FlagSpec("revision", .int, default: "0", usage: "get the named release with revision")]) { c in
            let r = try release(c)
            let all = c.flags.bool("all")
            c.io.outLine(all ? "COMPUTED VALUES:" : "USER-SUPPLIED VALUES:")
            let v = all ? r.computed : r.config
            c.io.out(v == .emptyObject ? "null\n" : YAMLCodec.encode(v))
        },
        HelmVerb(path: "get manifest", use: "helm get manifest RELEASE_NAME [flags]", args: (1, 1),
                 flags: [FlagSpec("revision", .int, default: "0", usage: "get the named release with revision")]) { c in
            c.io.out(try release(c).manifest)
        },
        HelmVerb(path: "show values", use: "helm show values [CHART] [flags]", args: (1, 1),
                 flags: [FlagSpec("version", usage: "specify a version constraint for the chart version to use")]) { c in
            c.io.out(try HelmRepoVerbs.resolve(c.args[0], version: c.flags.string("version"), c.session).valuesYAML)
        },
    ]

    /// The named release at `--revision`, or its newest revision.
    static func release(_ c: HelmCall) throws -> HelmRelease {
        let history = try c.kube().history(c.args[0], namespace: c.namespace)
        let want = c.flags.isSet("revision") ? c.flags.int("revision") : 0
        guard let r = want > 0 ? history.first(where: { $0.version == want }) : history.last else {
            throw HelmError("release: not found")
        }
        return r
    }

    /// The status block `helm install`, `upgrade` and `status` print.
    static func printStatus(_ r: HelmRelease, _ io: CommandIO) {
        io.outLine("NAME: \(r.name)")
        io.outLine("LAST DEPLOYED: \(r.lastDeployed.ansiC)")
        io.outLine("NAMESPACE: \(r.namespace)")
        io.outLine("STATUS: \(r.status)")
        io.outLine("REVISION: \(r.version)")
        io.outLine("TEST SUITE: None")
        if !r.notes.isEmpty {
            io.outLine("NOTES:")
            io.outLine(r.notes.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
