// `kubectl create secret` and `kubectl create service` without a subcommand: kubectl prints the group's help to
// stderr and fails; an unknown subcommand is a usage error.
import Foundation
import MiniCluster

struct CreateGroupVerb: KubectlVerb {
    let path: [String]
    let aliases: [String]
    let summary: String
    let subcommands: [(String, String)]
    let flags: [FlagSpec] = []

    static let secret = CreateGroupVerb(path: ["create", "secret"], aliases: [], summary: "Create a secret of the given type.", subcommands: [
        ("docker-registry", "Create a secret for use with a Docker registry"),
        ("generic", "Create a secret from a local file, directory, or literal value"),
        ("tls", "Create a TLS secret"),
    ])
    static let service = CreateGroupVerb(path: ["create", "service"], aliases: ["svc"], summary: "Create a service of the given type.", subcommands: [
        ("clusterip", "Create a ClusterIP service"),
        ("externalname", "Create an ExternalName service"),
        ("loadbalancer", "Create a LoadBalancer service"),
        ("nodeport", "Create a NodePort service"),
    ])

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        // RequireNoArguments: every word, joined.
        if !f.args.isEmpty { throw KubectlFailure.usage("unknown command \"\(f.args.joined(separator: " "))\"") }
        let width = (subcommands.map(\.0.count).max() ?? 0) + 3
        var s = summary + "\n\nAvailable Commands:\n"
        for (name, text) in subcommands { s += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + text + "\n" }
        s += "\nUsage:\n  \(commandPath) (\(subcommands.map(\.0).joined(separator: " | "))) [options]\n\n"
        s += "Use \"\(commandPath) <command> --help\" for more information about a given command.\n"
        s += "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n"
        k.io.err(s)
        return 1
    }
}
