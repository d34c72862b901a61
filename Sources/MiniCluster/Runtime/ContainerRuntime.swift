// The seams between the simulated kubelet (pod lifecycle, probes, restarts), the container runtime (images and
// what their programs do) and the cluster network (DNS, services, routing). Each side owns its implementation;
// this file only says what they may ask of each other.

/// Everything a runtime needs to start one container, resolved by the kubelet from the API objects.
public struct ContainerLaunch {
    public var namespace: String
    public var podName: String
    public var podUID: String
    public var podIP: String
    public var nodeName: String
    /// The container's spec as the API server stored it (image, command, args, ports, resources …).
    public var container: Value
    /// The whole pod as the kubelet last read it, for what the runtime may want of its spec beyond the container
    /// (hostname, subdomain, security context); its status may be behind (the pod's address is `podIP`).
    public var pod: Value
    /// The environment after `env`, `envFrom`, the downward API and service links were resolved.
    public var environment: [(name: String, value: String)]
    /// Volumes as mounted in this container, in `volumeMounts` order.
    public var mounts: [VolumeMount]
    /// How many times this container was restarted before (the kubelet's count).
    public var restartCount: Int
    /// The network the container's programs reach other addresses through.
    public var network: NetworkDialer

    public init(namespace: String, podName: String, podUID: String, podIP: String, nodeName: String, container: Value,
                pod: Value, environment: [(name: String, value: String)], mounts: [VolumeMount], restartCount: Int,
                network: NetworkDialer) {
        self.namespace = namespace; self.podName = podName; self.podUID = podUID; self.podIP = podIP
        self.nodeName = nodeName; self.container = container; self.pod = pod; self.environment = environment
        self.mounts = mounts; self.restartCount = restartCount; self.network = network
    }
}

/// The files of one volume. A class, so an emptyDir shared by two containers of a pod is one directory.
public final class VolumeDirectory {
    private var stored: [String: String]
    /// Files worked out when someone first looks at the directory (the service account token, which almost no
    /// container reads); they replace what `stored` holds at their paths.
    private var deferred: (() -> [String: String])?
    /// Paths relative to the volume's root → contents.
    public var files: [String: String] {
        get { settle(); return stored }
        set { settle(); stored = newValue; generation &+= 1 }
        _modify { settle(); yield &stored; generation &+= 1 }
    }
    /// Moves whenever the files change (not when deferred files are worked out: they were always there).
    public private(set) var generation = 0
    public init(files: [String: String] = [:], deferred: (() -> [String: String])? = nil) {
        stored = files
        self.deferred = deferred
    }

    private func settle() {
        guard let d = deferred else { return }
        deferred = nil
        for (path, text) in d() { stored[path] = text }
    }
}

/// One `volumeMounts` entry, resolved.
public struct VolumeMount {
    public var name: String
    public var mountPath: String
    public var subPath: String?
    public var readOnly: Bool
    public var directory: VolumeDirectory
    public init(name: String, mountPath: String, subPath: String? = nil, readOnly: Bool, directory: VolumeDirectory) {
        self.name = name; self.mountPath = mountPath; self.subPath = subPath; self.readOnly = readOnly
        self.directory = directory
    }
}

/// Pulling an image onto a node.
public enum PullOutcome: Equatable {
    /// Pulled (or found in the node's cache, then `took` is zero and `cached` true); `size` in bytes for the event.
    case pulled(took: Duration, size: Int64, cached: Bool)
    /// The message the kubelet's `Failed` event carries after `Failed to pull image "…": `.
    case failed(String)
}

/// Why a container could not be created or started (`RunContainerError`, `CreateContainerError` …).
public struct ContainerStartError: Error, Equatable {
    public var reason: String
    public var message: String
    public init(reason: String, message: String) { self.reason = reason; self.message = message }
}

/// A container's program, as far as the kubelet can see.
public enum ProcessState: Equatable {
    case running
    /// `reason` as containerStatuses report it: `Completed` (code 0), `Error`, `OOMKilled`.
    case exited(code: Int32, reason: String, at: Timestamp)
}

/// One line a program wrote, with the virtual time it wrote it.
public struct LogLine: Equatable {
    public enum Stream: Equatable { case stdout, stderr }
    public var time: Timestamp
    public var stream: Stream
    /// The line without its newline.
    public var text: String
    public init(time: Timestamp, stream: Stream, text: String) { self.time = time; self.stream = stream; self.text = text }
}

/// What a command exec'd into a container did.
public struct ExecResult: Equatable {
    public var stdout: String
    public var stderr: String
    /// The exit status; -1 when it could not start at all (then `stderr` holds the runtime's reason, e.g.
    /// `OCI runtime exec failed: … executable file not found in $PATH: unknown`).
    public var status: Int32
    /// The client gave up waiting for the command (Ctrl-C): kubectl itself ends then, without a status line.
    public var interrupted = false
    public init(stdout: String, stderr: String, status: Int32) { self.stdout = stdout; self.stderr = stderr; self.status = status }
}

/// What became of a wait of a command exec'd by a client (`kubectl exec … -- sleep 5`).
public enum ExecWake: Equatable {
    /// The time passed; the cluster's clock now reads this instant.
    case resumed(Timestamp)
    /// The container stopped or went away meanwhile: everything in it was killed, the command too.
    case stopped
    /// The client gave up (Ctrl-C, or a script's limit on waiting).
    case interrupted
}

/// How a client lets time pass for a command it exec'd: the cluster goes on for the duration (its kubelets may
/// kill the very container meanwhile). Without one, an exec'd command's sleeps take no time (exec probes).
public typealias ExecClock = (Duration) -> ExecWake

/// CPU in millicores and memory in bytes, as `kubectl top` and the HPA read them.
public struct ResourceUsage: Equatable {
    public var cpuMillicores: Int
    public var memoryBytes: Int64
    public init(cpuMillicores: Int, memoryBytes: Int64) { self.cpuMillicores = cpuMillicores; self.memoryBytes = memoryBytes }
}

/// A simulated HTTP request.
public struct HTTPRequest: Equatable {
    public var method: String
    /// The host as the client wrote it (a name or an address), for the Host header and DNS.
    public var host: String
    public var port: Int
    public var path: String
    public var headers: [String: String]
    public var body: String
    /// Where the request comes from as the server sees it (a pod IP, a node IP after SNAT), for access logs.
    public var sourceIP: String?
    public init(method: String = "GET", host: String, port: Int, path: String = "/", headers: [String: String] = [:],
                body: String = "", sourceIP: String? = nil) {
        self.method = method; self.host = host; self.port = port; self.path = path; self.headers = headers; self.body = body
        self.sourceIP = sourceIP
    }
}

public struct HTTPResponse: Equatable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: String
    public init(status: Int, headers: [(String, String)] = [], body: String) {
        self.status = status; self.headers = headers; self.body = body
    }
    public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.status == b.status && a.body == b.body && a.headers.elementsEqual(b.headers, by: { $0 == $1 })
    }
}

/// A running container. Implementations advance their program lazily in virtual time.
public protocol ContainerProcess: AnyObject {
    /// Lets the program run up to `now` and says whether it is still running.
    func advance(to now: Timestamp) -> ProcessState
    /// The next instant the program will change state on its own (exit), when known, so the kubelet can set a timer.
    var nextWake: Timestamp? { get }
    /// Runs a command inside the container (exec probes, `kubectl exec -- cmd`).
    func exec(_ argv: [String], stdin: String, now: Timestamp) -> ExecResult
    /// Runs a command whose waits pass on `clock` (`kubectl exec`); nil: at once, as `exec(_:stdin:now:)`.
    func exec(_ argv: [String], stdin: String, now: Timestamp, clock: ExecClock?) -> ExecResult
    /// An HTTP request to `port`; nil when nothing listens there (connection refused).
    func http(_ request: HTTPRequest, port: Int, now: Timestamp) -> HTTPResponse?
    /// Whether something accepts TCP connections on `port` (tcpSocket probes, port-forward).
    func listens(on port: Int, now: Timestamp) -> Bool
    /// The gRPC health status for `service` on `port`: true SERVING, false NOT_SERVING, nil when nothing answers.
    func grpcHealth(port: Int, service: String, now: Timestamp) -> Bool?
    /// SIGTERM: the program may exit at once or keep running until `kill`.
    func terminate(now: Timestamp)
    /// SIGKILL.
    func kill(now: Timestamp)
    /// What the program wrote, oldest first.
    var logs: [LogLine] { get }
    /// Resource use at `now`.
    func usage(now: Timestamp) -> ResourceUsage
    /// Probe replay (see `ProbeReplay`): a number that moves whenever anything the program's answers depend on may
    /// have changed (its files and volumes, an exec into it, a signal, an exit).
    var stateGeneration: Int { get }
    /// Whether the program stays exactly as it is until something outside it acts (no start-up lines still due,
    /// no scheduled step or planned exit): only then may a probe's result be replayed instead of run.
    var isQuiescent: Bool { get }
    /// After a request answered successfully: what answering it again would leave behind, as a token to queue
    /// with `replay`; nil when the program's answer may differ from one time to the next.
    func replayToken(for request: HTTPRequest, port: Int) -> ReplayToken?
    /// Queues one run of a replayed request at `now`; it is materialised (log lines, CPU, request counters)
    /// before anything else touches or reads the program.
    func replay(_ token: ReplayToken, now: Timestamp)
}

/// What one replayed probe run leaves behind in its program, given the instant it ran at.
public final class ReplayToken {
    let effect: (Timestamp) -> Void
    init(_ effect: @escaping (Timestamp) -> Void) { self.effect = effect }
}

public extension ContainerProcess {
    /// Programs that cannot wait ignore the clock.
    func exec(_ argv: [String], stdin: String, now: Timestamp, clock: ExecClock?) -> ExecResult {
        exec(argv, stdin: stdin, now: now)
    }
    var stateGeneration: Int { 0 }
    var isQuiescent: Bool { false }
    func replayToken(for request: HTTPRequest, port: Int) -> ReplayToken? { nil }
    func replay(_ token: ReplayToken, now: Timestamp) {}
}

/// Images and their programs.
public protocol ContainerRuntime: AnyObject {
    /// Pulls `image` (with the container's `imagePullPolicy`) onto `node`.
    func pull(image: String, policy: String, node: String, now: Timestamp) -> PullOutcome
    /// Creates and starts a container from a pulled image.
    func start(_ launch: ContainerLaunch, now: Timestamp) -> Result<ContainerProcess, ContainerStartError>
}

/// Why a simulated connection failed, in the words curl and wget use for it.
public enum NetworkError: Error, Equatable {
    /// `Could not resolve host: NAME`
    case unknownHost(String)
    /// `Failed to connect to HOST port PORT … Connection refused`
    case connectionRefused
    /// No route or nothing answers before the client gives up.
    case timedOut
}

/// The cluster network as a container (or the learner's machine) reaches it.
public protocol NetworkDialer: AnyObject {
    /// Resolves a name as the cluster DNS would for a pod in `namespace` (nil namespace: from outside the cluster).
    func resolve(_ host: String, fromNamespace namespace: String?) -> String?
    /// Sends an HTTP request from `sourceIP` (a pod IP, or nil from outside) through services to a backend.
    func send(_ request: HTTPRequest, fromNamespace namespace: String?, sourceIP: String?, now: Timestamp)
        -> Result<HTTPResponse, NetworkError>
    /// Sends an HTTP request to `localhost` of the pod with this IP: every container of a pod shares its network
    /// namespace, so whichever of them listens on the port answers (a sidecar), as it does on the pod's IP.
    func sendWithinPod(_ request: HTTPRequest, podIP: String, now: Timestamp) -> Result<HTTPResponse, NetworkError>
    /// The name a fully qualified name is an alias of (an ExternalName service's CNAME record), if it is one.
    func canonicalName(of fqdn: String) -> String?
    /// The Cassandra gossip rings of this network (one per cluster name); nil where no Cassandra can gossip.
    var cassandraRings: CassandraRings? { get }
    /// Whether the pod with this address may reach the cluster DNS (NetworkPolicies can cut its egress off).
    func dnsAnswers(toPodIP ip: String) -> Bool
}

extension NetworkDialer {
    /// Without a cluster DNS there are no aliases.
    public func canonicalName(of fqdn: String) -> String? { nil }

    /// Without policies DNS queries always get through.
    public func dnsAnswers(toPodIP ip: String) -> Bool { true }

    /// Without a cluster network there is no ring to join.
    public var cassandraRings: CassandraRings? { nil }

    /// Without a cluster network no other container is known: nothing else listens.
    public func sendWithinPod(_ request: HTTPRequest, podIP: String, now: Timestamp) -> Result<HTTPResponse, NetworkError> {
        .failure(.connectionRefused)
    }
}

/// The running containers of each pod, as the kubelets know them (logs, exec, the network's backends).
public protocol ContainerDirectory: AnyObject {
    /// The current container `container` of a pod, or its previous instance (`kubectl logs --previous`).
    func process(namespace: String, pod: String, container: String, previous: Bool) -> ContainerProcess?
}

/// An interactive shell inside a container (`kubectl exec -it … -- sh`): lines in, output out, until `exit`.
public protocol ContainerShell: AnyObject {
    /// The prompt the shell shows on a terminal (`/ # ` for busybox, `root@web:/# ` for bash).
    var prompt: String { get }
    /// Runs one line; returns its output and, once the shell exited, its status.
    func run(line: String, now: Timestamp) -> (result: ExecResult, exited: Int32?)
}

/// Containers that can open an interactive shell.
public protocol InteractiveContainer: AnyObject {
    /// A shell running `argv` (a shell name), or nil when the image has no such executable. Its commands' waits
    /// pass on `clock` (nil: at once).
    func openShell(_ argv: [String], now: Timestamp, clock: ExecClock?) -> ContainerShell?
}

public extension InteractiveContainer {
    /// A shell whose waits take no time (docker's host has no client clock yet).
    func openShell(_ argv: [String], now: Timestamp) -> ContainerShell? { openShell(argv, now: now, clock: nil) }
}
