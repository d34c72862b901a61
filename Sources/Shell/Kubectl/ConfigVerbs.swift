// `kubectl config …`: view, current-context, get-contexts/-clusters/-users, use-context, set-context,
// delete-context, rename-context — on the session's kubeconfig, worded as kubectl 1.32 words them.
import MiniCluster

/// `kubectl config` alone (help on stderr, exit 1) or with an unknown subcommand.
struct ConfigRootVerb: KubectlVerb {
    let path = ["config"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try CommandGroup.run(f, k, help: """
        Edit the simulated kubeconfig with these subcommands.

        Available Commands:
          current-context   Print the name of the current context
          delete-context    Remove a context
          get-clusters      List the clusters
          get-contexts      List the contexts (the current one is marked with *)
          get-users         List the users
          rename-context    Give a context a new name
          set-context       Create or change a context (--current for the one in use)
          use-context       Switch to another context
          view              Print the kubeconfig

        Usage:
          kubectl config SUBCOMMAND [options]

        Use "kubectl config <command> --help" for more information about a given command.
        Use "kubectl options" for a list of global command-line options (applies to all commands).

        """, onStderr: true)
    }
}

struct ConfigViewVerb: KubectlVerb {
    let path = ["config", "view"]
    let flags = [
        FlagSpec("minify", .bool, default: "false", usage: "Remove all information not used by current-context from the output"),
        FlagSpec("raw", .bool, default: "false", usage: "Display raw byte data and sensitive data"),
        FlagSpec("flatten", .bool, default: "false", usage: "Flatten the resulting kubeconfig file into self-contained output"),
        FlagSpec("merge", .bool, default: "true", usage: "Merge the full hierarchy of kubeconfig files"),
        FlagSpec("output", "o", default: "yaml", usage: "Output format."),
        FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
        FlagSpec("allow-missing-template-keys", .bool, default: "true"),
        FlagSpec("show-managed-fields", .bool, default: "false"),
    ]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        var config = k.session.kubeconfig
        if f.bool("minify") {
            guard let c = config.currentContext, config.contexts[c] != nil else {
                throw KubectlFailure.plain("current-context must exist in order to minify")
            }
            config = config.minified()
        }
        let raw = f.bool("raw") || f.bool("flatten")
        let format = f.string("output")
        if format == "yaml" || format.isEmpty {
            k.io.out(config.yaml(raw: raw))
            return 0
        }
        if format == "name" {
            k.io.outLine("config/<unknown>")
            return 0
        }
        if format == "json" {
            // kubectl keeps the Config struct's field order here, not sorted keys.
            let text = JSONCodec.encode(config.value(raw: raw))
            k.io.out(text.hasSuffix("\n") ? text : text + "\n")
            return 0
        }
        guard let printer = try ObjectOutput.parse(format, tables: false, session: k.session) else {
            k.io.out(config.yaml(raw: raw))
            return 0
        }
        k.io.out(try printer.render(config.value(raw: raw)))
        return 0
    }
}

struct ConfigCurrentContextVerb: KubectlVerb {
    let path = ["config", "current-context"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard let c = k.session.kubeconfig.currentContext, !c.isEmpty else {
            throw KubectlFailure.plain("current-context is not set")
        }
        k.io.outLine(c)
        return 0
    }
}

struct ConfigGetContextsVerb: KubectlVerb {
    let path = ["config", "get-contexts"]
    let flags = [
        FlagSpec("output", "o", usage: "Output format. One of: (name)."),
        FlagSpec("no-headers", .bool, default: "false", usage: "When using the default or custom-column output format, don't print headers (default print headers)."),
    ]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let config = k.session.kubeconfig
        let wanted = f.args.isEmpty ? config.contexts.keys.sorted() : f.args
        let found = wanted.filter { config.contexts[$0] != nil }
        let output = f.string("output")
        if output == "name" {
            for n in found { k.io.outLine(n) }
        } else {
            var rows: [[String]] = f.bool("no-headers") ? [] : [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]
            for n in found {
                let c = config.contexts[n]!
                rows.append([n == config.currentContext ? "*" : "", n, c.cluster, c.user, c.namespace ?? ""])
            }
            k.io.out(TabWriter().format(rows))
        }
        if let missing = wanted.first(where: { config.contexts[$0] == nil }) {
            throw KubectlFailure.plain("context \(missing) not found")
        }
        return 0
    }
}

/// `get-clusters` and `get-users`: a NAME column.
struct ConfigGetNamesVerb: KubectlVerb {
    let users: Bool
    var path: [String] { ["config", users ? "get-users" : "get-clusters"] }
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let names = users ? k.session.kubeconfig.users.keys.sorted() : k.session.kubeconfig.clusters.keys.sorted()
        k.io.out((["NAME"] + names).map { $0 + "\n" }.joined())
        return 0
    }
}

struct ConfigUseContextVerb: KubectlVerb {
    let path = ["config", "use-context"]
    let aliases = ["use"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard f.args.count == 1 else {
            k.io.out("Usage:\n  kubectl config use-context CONTEXT_NAME [options]\n\n"
                + "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n")
            throw KubectlFailure.plain("Unexpected args: [\(f.args.joined(separator: " "))]")
        }
        let name = f.args[0]
        guard k.session.kubeconfig.contexts[name] != nil else {
            throw KubectlFailure.plain("no context exists with the name: \"\(name)\"")
        }
        k.session.kubeconfig.currentContext = name
        k.io.outLine("Switched to context \"\(name)\".")
        return 0
    }
}

struct ConfigSetContextVerb: KubectlVerb {
    let path = ["config", "set-context"]
    let flags = [
        FlagSpec("current", .bool, default: "false", usage: "Modify the current context"),
        FlagSpec("cluster", usage: "cluster for the context entry in kubeconfig"),
        FlagSpec("user", usage: "user for the context entry in kubeconfig"),
        FlagSpec("namespace", usage: "namespace for the context entry in kubeconfig"),
    ]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        var config = k.session.kubeconfig
        let name: String
        if f.bool("current") {
            guard f.args.isEmpty else { throw KubectlFailure.plain("you cannot specify a name and --current") }
            guard let c = config.currentContext, !c.isEmpty else { throw KubectlFailure.plain("no current context is set") }
            name = c
        } else {
            guard let n = f.args.first, !n.isEmpty else {
                throw KubectlFailure.plain("you must specify a non-empty context name or --current")
            }
            name = n
        }
        let exists = config.contexts[name] != nil
        var ctx = config.contexts[name] ?? KubeConfig.Context(cluster: "", user: "")
        if f.isSet("cluster") { ctx.cluster = f.string("cluster") }
        if f.isSet("user") { ctx.user = f.string("user") }
        if f.isSet("namespace") { ctx.namespace = f.string("namespace") }
        config.contexts[name] = ctx
        k.session.kubeconfig = config
        k.io.outLine("Context \"\(name)\" \(exists ? "modified" : "created").")
        return 0
    }
}

struct ConfigDeleteContextVerb: KubectlVerb {
    let path = ["config", "delete-context"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard let name = f.args.first else {
            throw KubectlFailure.plain("Unexpected args: []")
        }
        let config = k.session.kubeconfig
        guard config.contexts[name] != nil else {
            throw KubectlFailure.plain("cannot delete context \(name), not in \(config.path)")
        }
        if config.currentContext == name {
            k.io.errLine("warning: this removed your active context, use \"kubectl config use-context\" to select a different one")
        }
        k.session.kubeconfig.contexts[name] = nil
        k.io.outLine("deleted context \(name) from \(config.path)")
        return 0
    }
}

struct ConfigRenameContextVerb: KubectlVerb {
    let path = ["config", "rename-context"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        guard f.args.count == 2 else {
            throw KubectlFailure.usage("Unexpected args: [\(f.args.joined(separator: " "))]")
        }
        let (old, new) = (f.args[0], f.args[1])
        var config = k.session.kubeconfig
        guard let ctx = config.contexts[old] else {
            throw KubectlFailure.plain("cannot rename the context \"\(old)\", it's not in \(config.path)")
        }
        guard config.contexts[new] == nil else {
            throw KubectlFailure.plain("cannot rename the context \"\(old)\", the context \"\(new)\" already exists in \(config.path)")
        }
        config.contexts[old] = nil
        config.contexts[new] = ctx
        if config.currentContext == old { config.currentContext = new }
        k.session.kubeconfig = config
        k.io.outLine("Context \"\(old)\" renamed to \"\(new)\".")
        return 0
    }
}

extension Kubectl {
    /// The `config` family, for `Kubectl.verbs`.
    static var configVerbs: [KubectlVerb] {
        [ConfigRootVerb(), ConfigViewVerb(), ConfigCurrentContextVerb(), ConfigGetContextsVerb(),
         ConfigGetNamesVerb(users: false), ConfigGetNamesVerb(users: true), ConfigUseContextVerb(), ConfigSetContextVerb(),
         ConfigDeleteContextVerb(), ConfigRenameContextVerb()]
    }
}
