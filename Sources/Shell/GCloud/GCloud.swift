// `gcloud`: the simulated Google Cloud CLI. Dispatches command groups (config, container, compute, artifacts,
// auth) and prints errors as calliope does: `ERROR: (gcloud.container.clusters.create) …` on stderr.
import Foundation
import MiniCluster

struct GCloud: ShellCommand {
    let name = "gcloud"

    /// Command path → handler. Each handler parses its own flags.
    static let commands: [String: (GCloudContext) throws -> Int32] = [
        "config set": GCloudConfig.set, "config get": GCloudConfig.get, "config get-value": GCloudConfig.get,
        "config unset": GCloudConfig.unset, "config list": GCloudConfig.list,
        "container clusters create": GCloudClusters.create, "container clusters list": GCloudClusters.list,
        "container clusters describe": GCloudClusters.describe, "container clusters get-credentials": GCloudClusters.getCredentials,
        "container clusters delete": GCloudClusters.delete, "container clusters resize": GCloudClusters.resize,
        "container clusters update": GCloudClusters.update,
        "container node-pools create": GCloudNodePools.create, "container node-pools list": GCloudNodePools.list,
        "container node-pools describe": GCloudNodePools.describe, "container node-pools delete": GCloudNodePools.delete,
        "container get-server-config": GCloudCompute.serverConfig,
        "container fleet memberships register": GCloudFleet.register, "container fleet memberships list": GCloudFleet.list,
        "container fleet memberships describe": GCloudFleet.describe, "container fleet memberships unregister": GCloudFleet.unregister,
        "container fleet ingress enable": GCloudFleet.ingressEnable, "container fleet ingress describe": GCloudFleet.ingressDescribe, "compute instances list": GCloudCompute.instancesList,
        "artifacts repositories create": GCloudArtifacts.create, "artifacts repositories list": GCloudArtifacts.list,
        "artifacts repositories describe": GCloudArtifacts.describe, "artifacts repositories delete": GCloudArtifacts.delete,
        "auth configure-docker": GCloudAuth.configureDocker,
    ]

    /// The groups under each group, for `Invalid choice` errors.
    static let groups: [String: [String]] = [
        "": ["artifacts", "auth", "compute", "config", "container"],
        "artifacts": ["repositories"], "artifacts repositories": ["create", "delete", "describe", "list"],
        "auth": ["configure-docker"],
        "config": ["get", "get-value", "list", "set", "unset"],
        "container": ["clusters", "fleet", "get-server-config", "node-pools"],
        "container fleet": ["ingress", "memberships"],
        "container fleet memberships": ["describe", "list", "register", "unregister"],
        "container fleet ingress": ["describe", "enable"],
        "container clusters": ["create", "delete", "describe", "get-credentials", "list", "resize", "update"],
        "container node-pools": ["create", "delete", "describe", "list"],
        "compute": ["instances"], "compute instances": ["list"],
    ]

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        session.cloud.adoptSessionClusters(session)
        // `gcloud help COMMAND…` shows the command's manual page, as `COMMAND --help` does.
        if args.first == "help", args.count > 1, !args.contains("--") {
            return run(Array(args.dropFirst()) + ["--help"], io: io, session: session)
        }
        var path: [String] = []
        var rest = args[...]
        while let word = rest.first, !word.hasPrefix("-"), Self.commands[path.joined(separator: " ")] == nil {
            guard let choices = Self.groups[path.joined(separator: " ")] else { break }
            guard choices.contains(word) else {
                let group = (["gcloud"] + path).joined(separator: ".")
                io.errLine("ERROR: (\(group)) Invalid choice: '\(word)'.")
                let suggestions = GCloudSuggest.commandSuggestions(args, history: session.cloud.recentGroups)
                if suggestions.isEmpty {
                    io.errLine(GCloudCommandTree.rootUsage)
                    return 2
                }
                io.errLine("Maybe you meant:")
                for s in suggestions { io.errLine("  " + s) }
                io.errLine("")
                io.errLine("To search the help text of gcloud commands, run:")
                io.errLine("  gcloud help -- SEARCH_TERMS")
                return 2
            }
            path.append(word); rest = rest.dropFirst()
        }
        let key = path.joined(separator: " ")
        guard let handler = Self.commands[key] else {
            let group = (["gcloud"] + path).joined(separator: ".")
            io.errLine("ERROR: (\(group)) Command name argument expected.")
            // Then the group's subgroups and commands, as calliope lists them (recorded from the real gcloud).
            if let listing = GCloudGroupListings.listings[key] { io.errLine(listing) }
            return 2
        }
        // `--help` prints the manual page; `-h` the command's usage and flag list (what calliope prints for it).
        if rest.contains("--help"), let page = GCloudHelp.page(key) {
            io.out(page)
            return 0
        }
        if rest.contains(where: { $0 == "-h" || $0 == "--help" }), let usage = GCloudUsage.blocks[key] {
            io.outLine(usage)
            io.outLine("")
            io.outLine("For detailed information on this command and its flags, run:")
            io.outLine("  gcloud \(key) --help")
            return 0
        }
        let ctx = GCloudContext(path: key, args: Array(rest), io: io, session: session)
        do {
            return try handler(ctx)
        } catch let f as GCloudFailure {
            ctx.fail(f)
            return f.exitCode
        } catch {
            io.errLine("ERROR: (\(ctx.errorPrefix)) \(error)")
            return 1
        }
    }
}

/// What a gcloud handler works with.
struct GCloudContext {
    let path: String
    let args: [String]
    let io: CommandIO
    let session: ShellSession
    var cloud: GoogleCloud { session.cloud }
    var errorPrefix: String { "gcloud." + path.replacingOccurrences(of: " ", with: ".") }

    /// Parses this command's flags: those its recorded usage lists plus `extra`.
    func parse(extra: Set<String> = []) throws -> GCloudArgs {
        let flags = GCloudUsage.flags(of: path).union(extra)
        let (a, unknown) = try GCloudArgs.scan(args, flags: flags, maxPositionals: GCloudUsage.maxPositionals(of: path),
                                               lowerBounds: GCloudArgs.lowerBounds[path] ?? [:])
        if path == "compute instances list", !a.positionals.isEmpty {
            status("WARNING: Argument `NAME` is deprecated. Use `--filter=\"name=( 'NAME' ... )\"` instead.")
        }
        if !unknown.isEmpty { throw GCloudArgs.unrecognized(unknown, flags: flags) }
        // The command runs: gcloud's log records its group, which later suggestions prefer.
        cloud.noteUsed(group: path.split(separator: " ").dropLast().joined(separator: "."))
        return a
    }

    func fail(_ f: GCloudFailure) {
        io.errLine("ERROR: (\(errorPrefix)) \(f.message)")
        if f.searchHint {
            io.errLine("")
            io.errLine("To search the help text of gcloud commands, run:")
            io.errLine("  gcloud help -- SEARCH_TERMS")
        } else if f.showsUsage, let usage = GCloudUsage.blocks[path] {
            io.errLine(usage)
            io.errLine("")
            io.errLine("For detailed information on this command and its flags, run:")
            io.errLine("  gcloud \(path) --help")
        }
    }

    /// Status output (gcloud's `log.status`): stderr.
    func status(_ s: String) { io.errLine(s) }

    /// The project: `--project`, else the `core/project` property.
    func project(_ a: GCloudArgs) throws -> String {
        if let p = a.value("project") { return p }
        if let p = cloud.properties["core/project"] { return p }
        throw GCloudFailure(message: """
            The required property [project] is not currently set.
            You may set it for your current workspace by running:

              $ gcloud config set project VALUE

            or it can be set temporarily by the environment variable [CLOUDSDK_CORE_PROJECT]
            """)
    }

    /// `--location`/`--zone`/`--region`, else the compute/zone then compute/region properties (container's rule).
    func location(_ a: GCloudArgs, required: Bool = true) throws -> String? {
        let given = a.order.filter { ["location", "region", "zone"].contains($0) }
        if Set(given).count > 1, let second = given.first(where: { $0 != given[0] }) {
            throw GCloudFailure.usage("argument \(GCloudArgs.display(second)): At most one of --location | --region | --zone can be specified.")
        }
        if let l = a.value("location") ?? a.value("region") ?? a.value("zone") { return l }
        if let z = cloud.properties["compute/zone"] ?? cloud.properties["compute/region"] { return z }
        if required { throw GCloudFailure(message: "One of [--location, --zone, --region] must be supplied.") }
        return nil
    }

    /// Positional NAME (required).
    func name(_ a: GCloudArgs, label: String = "NAME") throws -> String {
        guard let n = a.positionals.first else { throw GCloudFailure.usage("argument \(label): Must be specified.") }
        if a.positionals.count > 1 {
            throw GCloudArgs.unrecognized(Array(a.positionals.dropFirst()), flags: GCloudUsage.flags(of: path))
        }
        return n
    }

    /// console_io.PromptContinue(throw_if_unattended=True, cancel_on_no=True): the message, a blank line and
    /// `Do you want to continue (Y/n)?  `, answered by stdin's next line (re-asked until y/n/empty); `--quiet` or
    /// core/disable_prompts accept. Declining aborts with `Aborted by user.`; nobody to answer, with gcloud's
    /// unattended-prompt error.
    func confirm(_ message: String, _ a: GCloudArgs) throws -> Bool {
        if a.flag("quiet") || ["true", "1", "on", "yes"].contains(cloud.properties["core/disable_prompts"]?.lowercased() ?? "") { return true }
        io.err(message + "\n\nDo you want to continue (Y/n)?  ")
        var stdinLines = io.stdin.isEmpty ? [] : io.stdin.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while true {
            let line: String?
            if !io.stdin.isEmpty { line = stdinLines.isEmpty ? nil : stdinLines.removeFirst() } else { line = session.promptReader?() }
            guard let line else {
                io.err("\n")
                throw GCloudFailure(message: "This prompt could not be answered because you are not in an interactive session.  You can re-run the command with the --quiet flag to accept default answers for all prompts.")
            }
            let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
            if line.isEmpty || answer == "y" || answer == "yes" { io.err("\n"); return true }
            if answer == "n" || answer == "no" { io.err("\n"); throw GCloudFailure(message: "Aborted by user.") }
            io.err("Please enter 'y' or 'n':  ")
        }
    }
}
