// `helm`: the simulated Helm 3 CLI. This file dispatches verbs, parses flags with pflag's rules, checks argument
// counts with helm's `require` messages and prints `Error: …` (exit 1) as cobra does. Verbs live beside it.
import Foundation
import MiniCluster

/// What a verb gets.
struct HelmCall {
    let session: ShellSession
    let io: CommandIO
    let flags: ParsedFlags
    let args: [String]

    /// `-n` or the context's namespace.
    var namespace: String { flags.isSet("namespace") ? flags.string("namespace") : session.kubeconfig.namespace }

    /// The cluster of the current context, or helm's error when there is none.
    func kube(_ prefix: String = "") throws -> HelmKube {
        guard let c = session.currentCluster else {
            throw HelmError(prefix + "Kubernetes cluster unreachable: Get \"http://localhost:8080/version\": dial tcp 127.0.0.1:8080: connect: connection refused")
        }
        return HelmKube(cluster: c)
    }
}

struct HelmVerb {
    var path: String
    var use: String
    /// helm's `require` rule: (min, max); nil max means no limit.
    var args: (Int, Int?)
    var flags: [FlagSpec] = []
    var run: (HelmCall) throws -> Void
}

struct Helm: ShellCommand {
    let name = "helm"

    static let verbs: [String: HelmVerb] = {
        var m: [String: HelmVerb] = [:]
        for v in HelmRepoVerbs.all + HelmReleaseVerbs.all + HelmInfoVerbs.all { m[v.path] = v }
        let aliases = ["ls": "list", "un": "uninstall", "delete": "uninstall", "del": "uninstall", "hist": "history",
                       "repo ls": "repo list", "repo rm": "repo remove", "repo up": "repo update", "search repository": "search repo",
                       "repo remove": "repo remove"]
        for (a, t) in aliases { m[a] = m[t] }
        return m
    }()

    static let groups: Set<String> = ["repo", "search", "get", "show", "inspect"]

    func run(_ arguments: [String], io: CommandIO, session: ShellSession) -> Int32 {
        // Global flags may come before the command (`helm -n dev list`): they join the command's own flags.
        var args = arguments, leading: [String] = []
        while let a = args.first, a.hasPrefix("-"), !["-h", "--help", "--version"].contains(a) {
            args.removeFirst()
            if ["-n", "--namespace", "--kube-context"].contains(a) {
                leading.append(a)
                if let value = args.first { leading.append(value); args.removeFirst() }
            } else if a == "--debug" || a.hasPrefix("--namespace=") || a.hasPrefix("--kube-context=")
                        || a.hasPrefix("--debug=") || (a.hasPrefix("-n") && !a.hasPrefix("--")) {
                leading.append(a)
            } else {
                io.errLine(a.hasPrefix("--") ? "Error: unknown flag: \(a.split(separator: "=")[0])"
                                             : "Error: unknown shorthand flag: '\(a.dropFirst().prefix(1))' in \(a)")
                return 1
            }
        }
        guard let first = args.first, first != "help", first != "--help", first != "-h" else {
            io.out(Self.help); return 0
        }
        if first == "version" || first == "--version" {
            io.outLine("version.BuildInfo{Version:\"v3.16.3\", GitCommit:\"cfd07493f46efc9debd9cc1b02a0961186df7fdf\", GitTreeState:\"clean\", GoVersion:\"go1.22.7\"}")
            return 0
        }
        var path = first, rest = Array(args.dropFirst()) + leading
        if Self.groups.contains(first) {
            guard let sub = rest.first, !sub.hasPrefix("-") else {
                io.errLine("Error: \"helm \(first)\" requires a subcommand")  // cobra prints the group's help; close enough
                return 1
            }
            path = "\(first == "inspect" ? "show" : first) \(sub)"
            rest.removeFirst()
            guard Self.verbs[path] != nil else {
                io.errLine("Error: unknown command \"\(sub)\" for \"helm \(first)\"")
                io.errLine("Run 'helm \(first) --help' for usage.")
                return 1
            }
        }
        guard let verb = Self.verbs[path] else {
            io.errLine("Error: unknown command \"\(first)\" for \"helm\"")
            io.errLine("Run 'helm --help' for usage.")
            return 1
        }
        let global = [FlagSpec("namespace", "n", usage: "namespace scope for this request"),
                      FlagSpec("kube-context", usage: "name of the kubeconfig context to use"),
                      FlagSpec("debug", .bool, default: "false", usage: "enable verbose output"),
                      FlagSpec("help", "h", .bool, default: "false", usage: "help")]
        let parsed: ParsedFlags
        do { parsed = try FlagSet(verb.flags + global).parse(rest) } catch let e as FlagError {
            io.errLine("Error: \(e.message)"); return 1
        } catch { return 1 }
        if parsed.bool("help") { io.outLine("Usage:\n  \(verb.use)"); return 0 }
        let n = parsed.args.count, cmd = "helm \(path)"
        let (lo, hi) = verb.args
        var problem: String?
        if lo == hi, let hi, n != hi {
            problem = hi == 0 ? "\"\(cmd)\" accepts no arguments" : "\"\(cmd)\" requires \(hi) argument\(hi == 1 ? "" : "s")"
        } else if n < lo {
            problem = "\"\(cmd)\" requires at least \(lo) argument\(lo == 1 ? "" : "s")"
        } else if let hi, n > hi {
            problem = "\"\(cmd)\" accepts at most \(hi) argument\(hi == 1 ? "" : "s")"
        }
        if let problem {
            io.errLine("Error: \(problem)\n\nUsage:  \(verb.use)")
            return 1
        }
        do {
            try verb.run(HelmCall(session: session, io: io, flags: parsed, args: parsed.args))
            return 0
        } catch let e as HelmError {
            io.errLine("Error: \(e.message)"); return 1
        } catch let e as APIError {
            io.errLine("Error: \(e.message)"); return 1
        } catch {
            io.errLine("Error: \(error)"); return 1
        }
    }

    /// helm's tables (gosuri/uitable): every cell padded to its column's width, columns joined by a tab.
    static func table(_ rows: [[String]], maxWidth: Int? = nil) -> String {
        let cut = rows.map { r in r.map { c in
            guard let m = maxWidth, c.count > m else { return c }
            return String(c.prefix(m - 3)) + "..."
        } }
        var widths: [Int] = []
        for r in cut { for (i, c) in r.enumerated() { if i >= widths.count { widths.append(0) }; widths[i] = max(widths[i], c.count) } }
        return cut.map { r in r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            .joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    static let help = """
    The Kubernetes package manager

    Common actions for Helm:

    - helm search:    search for charts
    - helm pull:      download a chart to your local directory to view
    - helm install:   upload the chart to Kubernetes
    - helm list:      list releases of charts

    Usage:
      helm [command]

    Available Commands:
      get         download extended information of a named release
      history     fetch release history
      install     install a chart
      list        list releases
      repo        add, list, remove, update, and index chart repositories
      rollback    roll back a release to a previous revision
      search      search for a keyword in charts
      show        show information of a chart
      status      display the status of the named release
      uninstall   uninstall a release
      upgrade     upgrade a release
      version     print the client version information

    Use "helm [command] --help" for more information about a command.

    """
}
