// `docker`: the simulated Docker CLI (24+) talking to the session's local docker host. One type per verb in this
// folder; this file dispatches, parses flags (they end at the first operand, as docker's cobra commands set
// SetInterspersed(false) for run and exec) and prints errors in the CLI's words and exit codes.
import MiniCluster
import Foundation

/// A docker subcommand.
protocol DockerVerb {
    /// `run`, `image ls` …
    var path: String { get }
    /// `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`
    var usage: String { get }
    var summary: String { get }
    var flags: [FlagSpec] { get }
    /// Fewest operands; nil for none required.
    var minArgs: Int? { get }
    /// Whether flags stop at the first operand (run, exec).
    var flagsFirst: Bool { get }
    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32
}

extension DockerVerb {
    var minArgs: Int? { nil }
    var flagsFirst: Bool { false }
}

/// What a verb gets: the host, the session and the streams.
struct DockerCall {
    let host: DockerHost
    let session: ShellSession
    let io: CommandIO

    /// `Error response from daemon: …` on stderr, status 1.
    func daemonError(_ e: DockerError) -> Int32 {
        io.errLine("Error response from daemon: \(e.message)")
        return 1
    }
}

struct Docker: ShellCommand {
    let name = "docker"
    static let version = "24.0.7"

    /// Verbs by their path; `image ls` and `images` share one implementation.
    static let verbs: [String: DockerVerb] = {
        var all: [DockerVerb] = [DockerBuildVerb(), DockerImagesVerb(), DockerHistoryVerb(), DockerTagVerb(),
                                 DockerRmiVerb(), DockerPullVerb(), DockerPushVerb(), DockerLoginVerb(),
                                 DockerLogoutVerb(), DockerInspectVerb(), DockerRunVerb(), DockerCreateVerb(),
                                 DockerPsVerb(), DockerStopVerb(), DockerStartVerb(), DockerRestartVerb(),
                                 DockerKillVerb(), DockerRmVerb(), DockerLogsVerb(), DockerExecVerb(), DockerVersionVerb(),
                                 DockerPortVerb(), DockerContainerPruneVerb()]
        var m: [String: DockerVerb] = [:]
        for v in all { m[v.path] = v }
        let aliases = ["image ls": "images", "image list": "images", "image build": "build", "image history": "history",
                       "image tag": "tag", "image rm": "rmi", "image pull": "pull", "image push": "push",
                       "image inspect": "inspect", "container ls": "ps", "container list": "ps", "container run": "run",
                       "container create": "create", "container stop": "stop", "container start": "start",
                       "container restart": "restart", "container kill": "kill", "container rm": "rm",
                       "container logs": "logs", "container exec": "exec", "container inspect": "inspect",
                       "container port": "port"]
        for (a, target) in aliases { m[a] = m[target] }
        return m
    }()

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let first = args.first else { io.out(Self.help); return 0 }
        if first == "--help" || first == "-h" || first == "help" { io.out(Self.help); return 0 }
        if first == "--version" || first == "-v" { io.outLine("Docker version \(Self.version), build afdd53b"); return 0 }
        if first.hasPrefix("-") {
            io.errLine("unknown flag: \(first)")
            io.errLine("See 'docker --help'.")
            return 125
        }
        var path = first
        var rest = Array(args.dropFirst())
        if first == "image" || first == "container" {
            guard let sub = rest.first, !sub.hasPrefix("-") else {
                io.out(Self.groupHelp(first)); return 0
            }
            path = "\(first) \(sub)"
            rest.removeFirst()
            guard Self.verbs[path] != nil else {
                io.errLine("docker: '\(sub)' is not a docker \(first) command.")
                io.errLine("See 'docker \(first) --help'")
                return 1
            }
        }
        guard let verb = Self.verbs[path] else {
            io.errLine("docker: '\(first)' is not a docker command.")
            io.errLine("See 'docker --help'")
            return 1
        }
        let call = DockerCall(host: session.docker, session: session, io: io)
        let display = "docker \(path)"
        let specs = verb.flags + [FlagSpec("help", nil, .bool)]
        let parsed: ParsedFlags
        var operands: [String]
        do {
            if verb.flagsFirst {
                let (flagArgs, tail) = Self.splitAtOperand(rest, specs)
                parsed = try FlagSet(specs).parse(flagArgs)
                operands = parsed.args + tail
            } else {
                parsed = try FlagSet(specs).parse(rest)
                operands = parsed.args
            }
        } catch let e as FlagError {
            io.errLine(e.message)
            io.errLine("See '\(display) --help'.")
            return 125
        } catch { return 125 }
        if parsed.bool("help") { io.out(Self.verbHelp(verb, display)); return 0 }
        if let min = verb.minArgs, operands.count < min {
            io.errLine("\"\(display)\" requires \(verb.minArgs == 1 && path != "tag" ? "at least " : "")\(min) argument\(min == 1 ? "" : "s").")
            io.errLine("See '\(display) --help'.")
            io.errLine("")
            io.errLine("Usage:  \(verb.usage)")
            io.errLine("")
            io.errLine(verb.summary)
            return 1
        }
        if operands.first == "--" { operands.removeFirst() }
        return verb.run(parsed, operands, call)
    }

    /// Splits `[flags…] OPERAND rest…`: everything from the first operand on belongs to the container command.
    static func splitAtOperand(_ args: [String], _ specs: [FlagSpec]) -> ([String], [String]) {
        var i = 0
        let takesValue = Set(specs.filter { $0.type != .bool }.flatMap { [ "--" + $0.name ] + ($0.shorthand.map { ["-\($0)"] } ?? []) })
        while i < args.count {
            let a = args[i]
            if a == "--" { return (Array(args[..<i]), Array(args[(i + 1)...])) }
            guard a.hasPrefix("-"), a.count > 1 else { break }
            if takesValue.contains(a) { i += 2; continue }
            // A grouped shorthand whose last letter takes a value (`-dp 8080:80`).
            if !a.hasPrefix("--"), let last = a.last, a.count > 2, takesValue.contains("-\(last)") { i += 2; continue }
            i += 1
        }
        return (Array(args[..<min(i, args.count)]), i < args.count ? Array(args[i...]) : [])
    }

    static func verbHelp(_ v: DockerVerb, _ display: String) -> String {
        var s = "\nUsage:  \(v.usage)\n\n\(v.summary)\n"
        let shown = v.flags.filter { !$0.hidden }
        if !shown.isEmpty {
            s += "\nOptions:\n"
            let names = shown.map { f -> String in
                let n = (f.shorthand.map { "  -\($0), " } ?? "      ") + "--\(f.name)"
                return f.type == .bool ? n : n + " " + (f.type == .stringArray || f.type == .stringSlice ? "list" : f.type == .int ? "int" : "string")
            }
            let width = (names.map(\.count).max() ?? 0) + 3
            for (n, f) in zip(names, shown) { s += n.padding(toLength: width, withPad: " ", startingAt: 0) + f.usage + "\n" }
        }
        return s
    }

    static func groupHelp(_ group: String) -> String {
        let verbs = Self.verbs.keys.filter { $0.hasPrefix(group + " ") }.sorted()
        var s = "\nUsage:  docker \(group) COMMAND\n\nManage \(group)s\n\nCommands:\n"
        for v in verbs { s += "  " + String(v.dropFirst(group.count + 1)).padding(toLength: 12, withPad: " ", startingAt: 0) + (Self.verbs[v]?.summary ?? "") + "\n" }
        return s + "\nRun 'docker \(group) COMMAND --help' for more information on a command.\n"
    }

    static let help = """

    Usage:  docker [OPTIONS] COMMAND

    A self-sufficient runtime for containers

    Common Commands:
      run         Create and run a new container from an image
      exec        Execute a command in a running container
      ps          List containers
      build       Build an image from a Dockerfile
      pull        Download an image from a registry
      push        Upload an image to a registry
      images      List images
      login       Log in to a registry
      logout      Log out from a registry
      version     Show the Docker version information

    Management Commands:
      container   Manage containers
      image       Manage images

    Commands:
      create      Create a new container
      history     Show the history of an image
      inspect     Return low-level information on Docker objects
      kill        Kill one or more running containers
      logs        Fetch the logs of a container
      restart     Restart one or more containers
      rm          Remove one or more containers
      rmi         Remove one or more images
      start       Start one or more stopped containers
      stop        Stop one or more running containers
      tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

    Run 'docker COMMAND --help' for more information on a command.

    """
}

extension ShellSession {
    /// The learner's docker host, made on first use with the session's virtual time; `docker push` reaches
    /// every cluster of the session.
    var docker: DockerHost {
        if let h = dockerHost { return h }
        let h = DockerHost(start: currentCluster?.now ?? clusters.values.first?.now ?? Cluster.Options().start)
        h.pushTargets = { [unowned self] in self.clusters.keys.sorted().compactMap { self.clusters[$0]?.runtime.catalog } }
        // Artifact Registry hosts take pushes into repositories that exist, from a docker that holds credentials.
        h.pushRefusal = { [unowned self, unowned h] ref in
            self.cloud.pushRefusal(registry: ref.registry, path: ref.path,
                                   authenticated: h.credentialHelpers[ref.registry] != nil || h.logins[ref.registry] != nil)
        }
        h.onPush = { [unowned self, unowned h] ref, bytes in
            self.cloud.notePush(registry: ref.registry, path: ref.path, bytes: bytes, at: max(self.cloudNow, h.clock.now))
        }
        dockerHost = h
        return h
    }
}
