// `kubectl auth` alone (its help on stderr, exit 1, as cobra's group commands do) or with a word no subcommand
// takes (`kubectl auth cani …`): kubectl's usage error, instead of "unknown command "auth"" for the whole group.
import MiniCluster

struct AuthRootVerb: KubectlVerb {
    let path = ["auth"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try CommandGroup.run(f, k, help: """
        Ask the cluster's authorizer about requests.

        Available Commands:
          can-i         Ask whether an identity may make a request (--list for all it may make)
          whoami        Experimental: Check self subject attributes

        Usage:
          kubectl auth [flags] [options]

        Use "kubectl auth <command> --help" for more information about a given command.
        Use "kubectl options" for a list of global command-line options (applies to all commands).

        """, onStderr: true)
    }
}
