// gcr.io/google-samples/cassandra (the Kubernetes StatefulSet tutorial's image): Cassandra 3.11 started by
// `/run.sh`, configured by environment variables, joining the gossip ring of its cluster name through a seed.
import Foundation

/// One Cassandra node: a JVM that takes ~40 s to start, then joins its ring if it is a seed or reaches one.
final class CassandraNodeProgram: ServerProgram {
    let cluster: String, datacenter: String, rack: String
    let rings: CassandraRings?
    /// The image's cassandra.yaml sets 32 tokens per node.
    static let tokens = 32
    static let startup: Duration = .seconds(40)
    /// Whether a seed answered (or this node is one): decided at start, as the seed provider reads the list once.
    private(set) var joined = false

    init(ctx: ContainerContext) {
        let env = ctx.environmentMap
        cluster = env["CASSANDRA_CLUSTER_NAME"] ?? "Test Cluster"
        datacenter = env["CASSANDRA_DC"] ?? "DC1"
        rack = env["CASSANDRA_RACK"] ?? "Rack1"
        rings = ctx.launch.network.cassandraRings
        super.init(ctx: ctx, ports: [9042, 7000, 7199], readyAfter: Self.startup)
        let heap = env["MAX_HEAP_SIZE"].flatMap(SystemApplets.bytes) ?? (1 << 30)
        ctx.baselineMemory = heap + (300 << 20)
        let ip = ctx.launch.podIP
        let seeds = (env["CASSANDRA_SEEDS"] ?? ip).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for (k, v) in [("CASSANDRA_SEEDS", seeds.joined(separator: ",")), ("CASSANDRA_CLUSTER_NAME", cluster),
                       ("CASSANDRA_DC", datacenter), ("CASSANDRA_RACK", rack)] {
            emit("\(k) \(v)")
        }
        if ctx.wouldExceedLimit(adding: 0) { plannedExit = (ctx.now + .seconds(8), 137); oomKilled = true; return }
        let t = { (d: Duration) in SystemApplets.strftime("%Y-%m-%d %H:%M:%S,000", ctx.now + d) }
        emit("INFO  [main] \(t(.seconds(1))) YamlConfigurationLoader.java:89 - Configuration location: file:/etc/cassandra/cassandra.yaml", after: .seconds(1))
        emit("INFO  [main] \(t(.seconds(2))) CassandraDaemon.java:471 - JVM vendor/version: OpenJDK 64-Bit Server VM/1.8.0_151", after: .seconds(2))
        let fqdn = ctx.launch.pod[path: "spec", "subdomain"]?.stringValue.map {
            "\(ctx.hostname).\($0).\(ctx.launch.namespace).svc.\(ClusterNetwork.clusterDomain)"
        }
        let isSeed = seeds.contains { s in
            let s = s.lowercased()
            return s == ip || s == ctx.hostname || s == fqdn || (fqdn.map { s.hasPrefix(ctx.hostname + ".") && $0.hasPrefix(s + ".") } ?? false)
        }
        let reached = isSeed || seeds.contains { s in
            guard let rings, let addr = ctx.launch.network.resolve(s, fromNamespace: ctx.launch.namespace) else { return false }
            return rings.hasLiveMember(cluster, address: addr, now: ctx.now)
        }
        guard reached, let rings else {
            emit("ERROR [main] \(t(Self.startup)) CassandraDaemon.java:708 - Exception encountered during startup", after: Self.startup)
            emit("java.lang.RuntimeException: Unable to gossip with any peers", after: Self.startup)
            plannedExit = (ctx.now + Self.startup, 3)
            return
        }
        joined = true
        rings.join(cluster: cluster, identity: ctx.launch.namespace + "/" + ctx.launch.podName, address: ip,
                   datacenter: datacenter, rack: rack, program: self, at: readyAt)
        emit("INFO  [main] \(t(Self.startup)) StorageService.java:1449 - JOINING: Finish joining ring", after: Self.startup)
        emit("INFO  [main] \(t(Self.startup)) StorageService.java:2268 - Node /\(ip) state jump to NORMAL", after: Self.startup)
        emit("INFO  [main] \(t(Self.startup)) Server.java:156 - Starting listening for CQL clients on /0.0.0.0:9042 (unencrypted)...", after: Self.startup)
    }

    /// `nodetool status` as this node sees the ring; refused until the JVM's JMX port is up.
    func nodetool(_ args: [String], _ io: ShellIO) -> Int32 {
        guard listens(on: 7199, now: ctx.now) else {
            io.err("nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused (Connection refused)'.\n")
            return 1
        }
        switch args.first {
        case "status":
            io.out(CassandraRings.status(rings?.members(of: cluster, at: ctx.now) ?? [], now: ctx.now, tokens: Self.tokens))
            return 0
        case "version":
            io.out("ReleaseVersion: \(ctx.image.tag.version)\n")
            return 0
        default:
            io.err("nodetool: Found unexpected parameters: [\(args.joined(separator: ", "))]\nSee 'nodetool help' or 'nodetool help <command>'.\n")
            return 1
        }
    }

    /// Whether `nodetool status` shows this node `UN` (what the image's /ready-probe.sh checks).
    var isUpNormal: Bool { joined && listens(on: 7000, now: ctx.now) }

    override var extraCommands: [String: Applet] {
        let probe: Applet = { [weak self] _, _, _ in (self?.isUpNormal ?? false) ? 0 : 1 }
        return [
            "nodetool": { [weak self] argv, io, _ in self?.nodetool(Array(argv.dropFirst()), io) ?? 1 },
            "ready-probe.sh": probe, "/ready-probe.sh": probe,
            "cqlsh": { _, io, _ in
                io.err("cqlsh is not simulated here: the course checks the ring with nodetool status.\n")
                return 1
            },
        ]
    }

    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        guard isRunning else { return }
        ctx.log("INFO  [StorageServiceShutdownHook] \(SystemApplets.strftime("%Y-%m-%d %H:%M:%S,000", now)) Gossiper.java:1540 - Announcing shutdown")
        // A JVM ends on SIGTERM with 128 + 15 once its shutdown hooks ran.
        exit(143, at: now)
    }
}
