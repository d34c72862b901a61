// A learner's command line: the clusters kubectl can reach, the workspace folder, environment, and the commands.
import Foundation
import MiniCluster

/// A program the shell can run (`kubectl`, `echo`, `grep` …).
public protocol ShellCommand {
    var name: String { get }
    /// Runs with argv[0] removed; returns the exit status.
    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32
}

public final class ShellSession {
    /// Clusters by kubeconfig cluster-entry name (for added GKE clusters, the same as the context name).
    public var clusters: [String: Cluster] = [:]
    public var kubeconfig = KubeConfig()
    /// The shell's variables; `env` is the exported part that commands see.
    public let shell: ShellEnvironment
    /// The folder whose real files commands read and write.
    public var cwd: URL
    /// The workspace: commands may not reach files outside it (lesson files must not touch the learner's machine).
    public var root: URL
    public private(set) var commands: [String: ShellCommand] = [:]
    /// How `sleep` passes time; nil advances every cluster's virtual clock at once (scripts, tests).
    public var sleepHandler: ((Duration) -> Void)?
    /// While true, commands exec'd into containers run at once instead of waiting (a check being judged, or an
    /// exec already waiting: the clusters are being advanced). See `withTimeHeld`.
    public internal(set) var timeHeld = false
    /// Lazily made so its lookup closure can reach the session.
    public private(set) lazy var interpreter: ShellInterpreter = makeInterpreter()
    /// Runs `$EDITOR` for `kubectl edit`; tests and the TUI replace it.
    public var editorLauncher: EditorLauncher = ProcessEditorLauncher()
    /// A shell inside a container that `kubectl exec -it` attached: the following input lines go to it until it
    /// exits (Kubectl/Containers/AttachedShell.swift).
    public var attachedShell: AttachedShell?
    /// Local ports forwarded into clusters by `kubectl port-forward` (what `curl localhost:PORT` reaches).
    public let portForwards = PortForwards()
    /// The learner's docker engine, once a `docker` command made it (Shell/Docker/).
    public var dockerHost: DockerHost?
    /// The simulated Google Cloud `gcloud` talks to.
    public var cloud = GoogleCloud()
    /// Fleets (GKE Hub) by project: registered clusters and Multi Cluster Ingress (GCloud/GCloudFleet.swift).
    public var fleets: [String: Fleet] = [:]
    /// Answers a prompt (gcloud's `Do you want to continue`) when stdin is empty: script mode's next line, the REPL's input.
    public var promptReader: (() -> String?)?
    /// `helm repo add`'s repositories (name, URL), in the order added (helm's repositories.yaml).
    var helmRepos: [(name: String, url: String)] = []

    public init(cwd: URL, env: [String: String] = [:]) {
        self.cwd = cwd
        self.root = cwd.standardizedFileURL
        self.shell = ShellEnvironment(env)
        register(Kubectl())
        register(Docker())
        register(GCloud())
        register(Helm())
        Builtins.registerAll(in: self)
    }

    /// The exported variables (what commands see as their environment).
    public var env: [String: String] {
        get { shell.exportedVariables }
        set {
            for k in shell.exported where newValue[k] == nil { shell.unset(k) }
            for (k, v) in newValue { shell.set(k, v, export: true) }
        }
    }

    /// `$?`
    public var lastStatus: Int32 {
        get { shell.lastStatus }
        set { shell.lastStatus = newValue }
    }

    public func register(_ c: ShellCommand) { commands[c.name] = c }

    /// A session with one GKE-like cluster and kubectl pointed at it (what the sandbox starts with).
    public static func withDefaultCluster(cwd: URL, seed: UInt64 = 1, start: Timestamp? = nil) -> ShellSession {
        let s = ShellSession(cwd: cwd)
        var o = Cluster.Options.sandbox
        o.seed = seed
        if let start { o.start = start }
        s.addCluster(Cluster(options: o), project: "kubetutor-project", location: "us-central1-a")
        return s
    }

    /// Adds a cluster and a kubeconfig context for it (GKE naming: `gke_PROJECT_LOCATION_NAME`), and switches to it.
    /// `endpoint` is the control plane's public IP; by default one derived from the context name.
    public func addCluster(_ c: Cluster, project: String, location: String, endpoint: String? = nil) {
        let ctx = "gke_\(project)_\(location)_\(c.name)"
        clusters[ctx] = c
        kubeconfig.contexts[ctx] = KubeConfig.Context(cluster: ctx, user: ctx, namespace: nil)
        kubeconfig.clusters[ctx] = KubeConfig.ClusterEntry(server: "https://" + (endpoint ?? GKEEndpoint.address(for: ctx)),
                                                           certificateAuthorityData: GKEEndpoint.caData(for: ctx))
        kubeconfig.users[ctx] = KubeConfig.User()
        kubeconfig.currentContext = ctx
    }

    /// The cluster the current context points at, if any (through the context's cluster entry).
    public var currentCluster: Cluster? {
        guard let ctx = kubeconfig.currentContext, let entry = kubeconfig.contexts[ctx] else { return nil }
        return clusters[entry.cluster]
    }

    /// Resolves a path typed by the user against the workspace.
    public func url(for path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        if path.hasPrefix("~/"), let home = env["HOME"] { return URL(fileURLWithPath: home).appendingPathComponent(String(path.dropFirst(2))) }
        return cwd.appendingPathComponent(path)
    }

    /// Runs one argv (already split into words) with the given IO.
    public func run(argv: [String], io: CommandIO) -> Int32 {
        guard let first = argv.first else { return 0 }
        guard let cmd = commands[first] else {
            io.errLine("sh: \(first): command not found")
            return 127
        }
        return cmd.run(Array(argv.dropFirst()), io: io, session: self)
    }
}

/// The parts of a kubeconfig the simulator needs (`kubectl config view` prints them as kubectl would).
public struct KubeConfig {
    public struct Context: Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
        public init(cluster: String, user: String, namespace: String? = nil) {
            self.cluster = cluster; self.user = user; self.namespace = namespace
        }
    }
    /// Where a cluster's API server listens and the CA that signs its certificate.
    public struct ClusterEntry: Equatable {
        public var server: String
        public var certificateAuthorityData: String
        public init(server: String, certificateAuthorityData: String) {
            self.server = server; self.certificateAuthorityData = certificateAuthorityData
        }
    }
    /// A user: GKE users authenticate through the gke-gcloud-auth-plugin exec plugin; others carry a token.
    public struct User: Equatable {
        public var execPlugin: String?
        public var token: String?
        public init(execPlugin: String? = "gke-gcloud-auth-plugin", token: String? = nil) {
            self.execPlugin = execPlugin; self.token = token
        }
    }
    public var contexts: [String: Context] = [:]
    public var clusters: [String: ClusterEntry] = [:]
    public var users: [String: User] = [:]
    public var currentContext: String?
    /// The file kubectl would say it edits (messages like `deleted context x from …`).
    public var path = "~/.kube/config"

    public init() {}

    /// The namespace of the current context, or `default`.
    public var namespace: String {
        guard let c = currentContext, let ns = contexts[c]?.namespace, !ns.isEmpty else { return "default" }
        return ns
    }

    /// The API server URL of the current context's cluster.
    public var currentServer: String? {
        guard let c = currentContext, let ctx = contexts[c] else { return nil }
        return clusters[ctx.cluster]?.server
    }
}
