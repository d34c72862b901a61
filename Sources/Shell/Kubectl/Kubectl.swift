// kubectl: finds the verb (and sub-verb), parses flags with pflag rules, runs it, and renders errors as kubectl does.
import MiniCluster

/// One kubectl verb or sub-verb (`get`, `create deployment`, `rollout status`, `config view`).
public protocol KubectlVerb {
    /// The words after `kubectl` that select this verb, e.g. ["create", "deployment"].
    var path: [String] { get }
    /// Other names for the last word (`create deploy`? no; `config current-context` has none; `api-resources` …).
    var aliases: [String] { get }
    /// Flags of this verb (global flags are added by the dispatcher).
    var flags: [FlagSpec] { get }
    /// Runs the verb. Throw `KubectlFailure` for errors; return the exit status otherwise.
    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32
}

extension KubectlVerb {
    public var aliases: [String] { [] }
    public var commandPath: String { (["kubectl"] + path).joined(separator: " ") }
}

/// How a kubectl failure is worded; every one exits 1.
public enum KubectlFailure: Error {
    /// A flag parse error: `error: …` + `See 'kubectl get --help' for usage.`
    case flag(String)
    /// A usage error: `error: …` + `See 'kubectl create configmap -h' for help and examples`
    case usage(String)
    /// `error: …` alone.
    case plain(String)
    /// An API error, printed the way kubectl's checkErr does.
    case api(APIError)
    /// Text printed exactly as given (already complete lines).
    case raw(String)
}

/// What a verb works with: the session, the current cluster, the effective namespace and the IO.
public struct KubectlContext {
    public let session: ShellSession
    public let io: CommandIO
    public let flags: ParsedFlags
    public let verb: KubectlVerb

    /// The cluster of the context in use (`--context`, else the current one; `--cluster` overrides its cluster
    /// entry); throws kubectl's configuration or no-server error when there is none.
    public func cluster() throws -> Cluster {
        // client-go refuses to build a client that would send impersonation headers without a user, before it
        // looks for a server (rest.Config → transport: "requesting uid, groups or user-extra for %v without …").
        if flags.string("as").isEmpty, flags.isSet("as-group") || flags.isSet("as-uid") {
            throw KubectlFailure.plain("requesting uid, groups or user-extra for  without impersonating a user")
        }
        let config = session.kubeconfig
        let contextName = flags.isSet("context") ? flags.string("context") : config.currentContext
        var entry: String?
        if let contextName, !contextName.isEmpty {
            if let c = config.contexts[contextName] {
                entry = c.cluster
            } else if flags.isSet("context") {
                throw KubectlFailure.raw("Error in configuration: context was not found for specified context: \(contextName)\n")
            }
        }
        if flags.isSet("cluster") {
            let name = flags.string("cluster")
            guard config.clusters[name] != nil else { throw KubectlFailure.plain("no server found for cluster \"\(name)\"") }
            entry = name
        }
        if let entry, let c = session.clusters[entry] { return c }
        NoServer.report(verb: verb.path, io: io, now: session.cloud.now)
        throw KubectlFailure.raw("The connection to the server localhost:8080 was refused - did you specify the right host or port?\n")
    }

    /// `-n` if given, else the namespace of the context in use (`--context`, else the current one), else `default`.
    public var namespace: String {
        let n = flags.string("namespace")
        if !n.isEmpty { return n }
        if flags.isSet("context") {
            let ns = session.kubeconfig.contexts[flags.string("context")]?.namespace ?? ""
            return ns.isEmpty ? "default" : ns
        }
        return session.kubeconfig.namespace
    }

    /// Whether the user named the namespace explicitly (`-n`), which changes some messages.
    public var namespaceExplicit: Bool { flags.isSet("namespace") }
}

public struct Kubectl: ShellCommand {
    public let name = "kubectl"
    public static let clientVersion = "v1.32.5"
    public static let kustomizeVersion = "v5.5.0"

    /// kubectl's persistent (global) flags, accepted by every verb.
    public static let globalFlags: [FlagSpec] = [
        FlagSpec("namespace", "n", usage: "If present, the namespace scope for this CLI request"),
        FlagSpec("context", usage: "The name of the kubeconfig context to use"),
        FlagSpec("kubeconfig", usage: "Path to the kubeconfig file to use for CLI requests."),
        FlagSpec("cluster", usage: "The name of the kubeconfig cluster to use"),
        FlagSpec("user", usage: "The name of the kubeconfig user to use"),
        FlagSpec("server", "s", usage: "The address and port of the Kubernetes API server"),
        FlagSpec("request-timeout", default: "0", usage: "The length of time to wait before giving up on a single server request."),
        FlagSpec("v", "v", .int, default: "0", usage: "number for the log level verbosity"),
        FlagSpec("as", usage: "Username to impersonate for the operation."),
        FlagSpec("as-group", .stringSlice, default: "", usage: "Group to impersonate for the operation, this flag can be repeated to specify multiple groups."),
        FlagSpec("as-uid", usage: "UID to impersonate for the operation."),
        FlagSpec("token", usage: "Bearer token for authentication to the API server"),
        FlagSpec("insecure-skip-tls-verify", .bool, default: "false"),
        FlagSpec("warnings-as-errors", .bool, default: "false"),
        FlagSpec("help", "h", .bool, default: "false", usage: "help for kubectl"),
    ]

    /// Every verb kubectl knows. Add new verbs here.
    public static var verbs: [KubectlVerb] { [VersionVerb()]
        + CreateVerbs.all
        + [GetVerb(), APIResourcesVerb(), APIVersionsVerb()]
        + [DescribeVerb()]
        + Kubectl.configVerbs + [ClusterInfoVerb()]
        + [ExplainVerb(), ApplyVerb(), DeleteVerb(), LabelVerb(), AnnotateVerb(), PatchVerb(), ReplaceVerb(), EditVerb()]
        + WorkloadVerbs.all
        + [CordonVerb(desired: true), CordonVerb(desired: false), DrainVerb(), TaintVerb()]
        + [LogsVerb(), ExecVerb(), PortForwardVerb(), TopVerb(), TopPodVerb(), TopNodeVerb()]
        + [ExposeVerb(), AuthRootVerb(), AuthCanIVerb(), AuthWhoAmIVerb()]
        + applySubVerbs
    }

    /// `apply view-last-applied`, `apply set-last-applied` (typed apart: one long sum is too slow to type-check).
    static let applySubVerbs: [KubectlVerb] = [ViewLastAppliedVerb(), SetLastAppliedVerb()]

    public init() {}

    public func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let verbs = Self.verbs
        // Find the longest verb path made of the leading non-flag words (cobra strips flags to find commands).
        let words = Self.commandWords(args)
        var chosen: KubectlVerb?
        var bestLen = 0
        for v in verbs {
            let names = v.path
            guard names.count <= words.count, names.count > bestLen else { continue }
            var match = true
            for (i, n) in names.enumerated() where words[i] != n && !(i == names.count - 1 && v.aliases.contains(words[i])) {
                match = false; break
            }
            if match { chosen = v; bestLen = names.count }
        }
        guard let verb = chosen else {
            if let w = words.first {
                io.errLine("error: unknown command \"\(w)\" for \"kubectl\"")
                io.errLine("Run 'kubectl --help' for usage.")
                return 1
            }
            io.out(Self.rootHelp)
            return 0
        }
        // Drop the verb words themselves from args (first occurrences, in order).
        var rest = args
        for w in words.prefix(bestLen) {
            if let i = rest.firstIndex(of: w) { rest.remove(at: i) }
        }
        let set = FlagSet(verb.flags + Self.globalFlags.filter { g in !verb.flags.contains { $0.name == g.name } })
        let parsed: ParsedFlags
        do {
            parsed = try set.parse(rest)
        } catch let e as FlagError {
            io.errLine("error: \(e.message)")
            io.errLine("See '\(verb.commandPath) --help' for usage.")
            return 1
        } catch { return 1 }
        if parsed.bool("help") {
            io.out(KubectlHelp.text(for: verb))
            return 0
        }
        let ctx = KubectlContext(session: session, io: io, flags: parsed, verb: verb)
        do {
            return try verb.run(parsed, ctx)
        } catch let f as KubectlFailure {
            Self.report(f, verb: verb, io: io)
            return 1
        } catch let e as APIError {
            Self.report(.api(e), verb: verb, io: io)
            return 1
        } catch let e as FlagError {
            Self.report(.flag(e.message), verb: verb, io: io)
            return 1
        } catch {
            io.errLine("error: \(error)")
            return 1
        }
    }

    /// Prints a failure in kubectl's words.
    public static func report(_ f: KubectlFailure, verb: KubectlVerb, io: CommandIO) {
        switch f {
        case .flag(let m):
            io.errLine("error: \(m)")
            io.errLine("See '\(verb.commandPath) --help' for usage.")
        case .usage(let m):
            io.errLine("error: \(m)")
            io.errLine("See '\(verb.commandPath) -h' for help and examples")
        case .plain(let m):
            io.errLine(m.hasPrefix("error: ") ? m : "error: \(m)")
        case .api(let e):
            io.errLine(e.kubectlMessage)
        case .raw(let s):
            io.err(s)
        }
    }

    /// The leading words that name a command: args that are not flags, skipping values of value-taking globals.
    static func commandWords(_ args: [String]) -> [String] {
        let valueGlobals: Set<String> = ["-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server",
                                         "--request-timeout", "--as", "--as-group", "--as-uid", "--token", "-v", "--v"]
        var words: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { break }
            if a.hasPrefix("-") {
                if valueGlobals.contains(a) { i += 1 }
                i += 1
                continue
            }
            words.append(a)
            i += 1
        }
        return words
    }

    static let rootHelp = """
    kubectl controls the Kubernetes cluster manager.

     Find more information at: https://kubernetes.io/docs/reference/kubectl/

    Use "kubectl <command> --help" for more information about a given command.

    """
}

/// `kubectl version`
struct VersionVerb: KubectlVerb {
    let path = ["version"]
    let flags = [
        FlagSpec("client", .bool, default: "false", usage: "If true, shows client version only (no server required)."),
        FlagSpec("output", "o", usage: "One of 'yaml' or 'json'."),
    ]
    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        k.io.outLine("Client Version: \(Kubectl.clientVersion)")
        k.io.outLine("Kustomize Version: \(Kubectl.kustomizeVersion)")
        if f.bool("client") { return 0 }
        _ = try k.cluster()
        k.io.outLine("Server Version: \(Cluster.serverVersion)")
        return 0
    }
}

/// A command group run alone (`kubectl rollout`, `kubectl config`, `kubectl auth`): cobra's DefaultSubCommandRun
/// prints the group's help and exits 1; words no subcommand takes are RequireNoArguments' usage error, naming all
/// of them. `rollout` prints its help on stdout, `config` and `auth` on stderr, as kubectl 1.32 does.
enum CommandGroup {
    static func run(_ f: ParsedFlags, _ k: KubectlContext, help: String, onStderr: Bool) throws -> Int32 {
        if !f.args.isEmpty { throw KubectlFailure.usage("unknown command \"\(f.args.joined(separator: " "))\"") }
        if onStderr { k.io.err(help) } else { k.io.out(help) }
        return 1
    }
}

/// Help text generated from a verb's flags (the prose of kubectl's help is not ours to copy).
enum KubectlHelp {
    static func text(for v: KubectlVerb) -> String {
        var s = "Usage:\n  \(v.commandPath) [flags] [options]\n\nOptions:\n"
        for f in v.flags where !f.hidden {
            let name = f.shorthand.map { "-\($0), --\(f.name)" } ?? "--\(f.name)"
            s += "    \(name)=\(f.type == .bool ? f.defaultValue : "'\(f.defaultValue)'"):\n\t\(f.usage)\n\n"
        }
        s += "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n"
        return s
    }
}
