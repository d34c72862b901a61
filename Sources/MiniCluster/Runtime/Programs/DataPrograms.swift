// Data stores: redis, postgres, mysql, mongo, cassandra. The databases refuse to start without their password
// environment variable, with the official images' messages, so a Deployment without it ends in CrashLoopBackOff.
import Foundation

/// redis-server with a small in-memory store that `redis-cli` reaches.
final class RedisProgram: ServerProgram {
    private var store: [String: String] = [:]

    init(ctx: ContainerContext) {
        super.init(ctx: ctx, ports: [6379], readyAfter: .milliseconds(10))
        ctx.baselineMemory = 3 << 20
        let v = ctx.image.tag.version
        let t = { (role: String) in "1:\(role) \(SystemApplets.strftime("%d %b %Y %H:%M:%S.000", ctx.now))" }
        emit("\(t("C")) # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.")
        emit("\(t("C")) * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo")
        emit("\(t("C")) * Redis version=\(v), bits=64, commit=00000000, modified=0, pid=1, just started")
        emit("\(t("C")) # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf")
        emit("\(t("M")) * monotonic clock: POSIX clock_gettime")
        emit("\(t("M")) * Running mode=standalone, port=6379.")
        emit("\(t("M")) * Server initialized")
        emit("\(t("M")) * Ready to accept connections tcp")
    }

    override var extraCommands: [String: Applet] {
        ["redis-cli": { [weak self] argv, io, _ in
            guard let self, self.isRunning else {
                io.err("Could not connect to Redis at 127.0.0.1:6379: Connection refused\n")
                return 1
            }
            var args = Array(argv.dropFirst())
            while let a = args.first, a.hasPrefix("-") { args.removeFirst(); if a == "-h" || a == "-p" || a == "-a" { _ = args.isEmpty ? "" : args.removeFirst() } }
            guard let cmd = args.first?.uppercased() else { io.out("127.0.0.1:6379> \n"); return 0 }
            switch cmd {
            case "PING": io.out("PONG\n")
            case "SET" where args.count >= 3: self.store[args[1]] = args[2]; io.out("OK\n")
            case "GET" where args.count >= 2: io.out(self.store[args[1]].map { "\($0)\n" } ?? "(nil)\n")
            case "DEL" where args.count >= 2: io.out("(integer) \(self.store.removeValue(forKey: args[1]) == nil ? 0 : 1)\n")
            case "KEYS": io.out(self.store.isEmpty ? "(empty array)\n" : self.store.keys.sorted().enumerated().map { "\($0.offset + 1)) \"\($0.element)\"\n" }.joined())
            case "DBSIZE": io.out("(integer) \(self.store.count)\n")
            case "INFO": io.out("# Server\r\nredis_version:\(self.ctx.image.tag.version)\r\nredis_mode:standalone\r\ntcp_port:6379\r\n")
            default: io.out("(error) ERR unknown command '\(args[0])', with args beginning with: \n")
            }
            return 0
        }]
    }

    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        guard isRunning else { return }
        let t = "1:M \(SystemApplets.strftime("%d %b %Y %H:%M:%S.000", now))"
        for l in ["# User requested shutdown...", "* Saving the final RDB snapshot before exiting.", "* DB saved on disk", "# Redis is now ready to exit, bye bye..."] {
            ctx.log("\(t) \(l)")
        }
        exit(0, at: now)
    }
}

/// postgres, mysql, mongo, cassandra: a start-up that takes a while, a port, and their password rules.
final class DatabaseProgram: ServerProgram {
    let kind: ProgramKind

    init(ctx: ContainerContext, kind: ProgramKind) {
        self.kind = kind
        let env = ctx.environmentMap
        let v = ctx.image.tag.version
        switch kind {
        case .postgres:
            super.init(ctx: ctx, ports: [5432], readyAfter: .seconds(3))
            ctx.baselineMemory = 24 << 20
            let data = env["PGDATA"] ?? "/var/lib/postgresql/data"
            let initialised = ctx.fs.exists(data + "/PG_VERSION")
            if !initialised, (env["POSTGRES_PASSWORD"] ?? "").isEmpty, env["POSTGRES_HOST_AUTH_METHOD"] != "trust" {
                for l in ["Error: Database is uninitialized and superuser password is not specified.",
                          "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
                          "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".", "",
                          "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all",
                          "       connections without a password. This is *not* recommended.", "",
                          "       See PostgreSQL documentation about \"trust\":",
                          "       https://www.postgresql.org/docs/current/auth-trust.html"] { emit(l, .stderr) }
                plannedExit = (ctx.now, 1)
                return
            }
            if initialised {
                emit("", .stdout)
                emit("PostgreSQL Database directory appears to contain a database; Skipping initialization")
                emit("")
            } else {
                _ = ctx.fs.makeDirectory(data, parents: true)
                _ = ctx.fs.write(file: data + "/PG_VERSION", (v.split(separator: ".").first.map(String.init) ?? v) + "\n", append: false)
                for l in ["The files belonging to this database system will be owned by user \"postgres\".",
                          "This user must also own the server process.", "",
                          "The database cluster will be initialized with locale \"en_US.utf8\".", "",
                          "Success. You can now start the database server using:", "",
                          "    pg_ctl -D \(data) -l logfile start", "",
                          "PostgreSQL init process complete; ready for start up.", ""] { emit(l, after: .seconds(2)) }
            }
            let t = { (d: Int64) in SystemApplets.strftime("%Y-%m-%d %H:%M:%S.000 UTC", ctx.now + .seconds(d)) }
            emit("\(t(3)) [1] LOG:  starting PostgreSQL \(v) (Debian \(v)-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit", after: .seconds(3), .stderr)
            emit("\(t(3)) [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432", after: .seconds(3), .stderr)
            emit("\(t(3)) [1] LOG:  listening on IPv6 address \"::\", port 5432", after: .seconds(3), .stderr)
            emit("\(t(3)) [1] LOG:  database system is ready to accept connections", after: .seconds(3), .stderr)
        case .mysql:
            super.init(ctx: ctx, ports: [3306, 33060], readyAfter: .seconds(12))
            ctx.baselineMemory = 360 << 20
            let t = SystemApplets.strftime("%Y-%m-%d %H:%M:%S+00:00", ctx.now)
            emit("\(t) [Note] [Entrypoint]: Entrypoint script for MySQL Server \(v)-1.el9 started.")
            let env = ctx.environmentMap
            if ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"].allSatisfy({ (env[$0] ?? "").isEmpty }) {
                emit("\(t) [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified", .stderr)
                for l in ["    You need to specify one of the following as an environment variable:", "    - MYSQL_ROOT_PASSWORD",
                          "    - MYSQL_ALLOW_EMPTY_PASSWORD", "    - MYSQL_RANDOM_ROOT_PASSWORD"] { emit(l, .stderr) }
                plannedExit = (ctx.now, 1)
                return
            }
            emit("\(t) [Note] [Entrypoint]: Switching to dedicated user 'mysql'")
            emit("\(t) [Note] [Entrypoint]: Initializing database files", after: .seconds(1))
            emit("\(SystemApplets.strftime("%Y-%m-%dT%H:%M:%S.000000Z", ctx.now + .seconds(12))) 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '\(v)'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.", after: .seconds(12))
        case .mongo:
            super.init(ctx: ctx, ports: [27017], readyAfter: .seconds(2))
            ctx.baselineMemory = 150 << 20
            emit("{\"t\":{\"$date\":\"\(ctx.now.rfc3339)\"},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23016,   \"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":27017,\"ssl\":\"off\"}}", after: .seconds(2))
        default:
            super.init(ctx: ctx, ports: [9042, 7000, 7199], readyAfter: .seconds(40))
            let heap = env["MAX_HEAP_SIZE"].flatMap(SystemApplets.bytes) ?? (1 << 30)
            ctx.baselineMemory = heap + (300 << 20)
            if ctx.wouldExceedLimit(adding: 0) { plannedExit = (ctx.now + .seconds(8), 137); oomKilled = true }
            emit("INFO  [main] \(SystemApplets.strftime("%Y-%m-%d %H:%M:%S,000", ctx.now)) YamlConfigurationLoader.java:97 - Configuration location: file:/etc/cassandra/cassandra.yaml")
            emit("INFO  [main] \(SystemApplets.strftime("%Y-%m-%d %H:%M:%S,000", ctx.now + .seconds(40))) CassandraDaemon.java:761 - Startup complete", after: .seconds(40))
        }
    }

    override var extraCommands: [String: Applet] {
        switch kind {
        case .postgres:
            return ["pg_isready": { [weak self] _, io, _ in
                let up = self.map { $0.listens(on: 5432, now: $0.ctx.now) } ?? false
                io.out("/var/run/postgresql:5432 - \(up ? "accepting connections" : "no response")\n")
                return up ? 0 : 2
            }]
        case .mysql:
            return ["mysqladmin": { [weak self] _, io, _ in
                guard let self, self.listens(on: 3306, now: self.ctx.now) else {
                    io.err("mysqladmin: connect to server at 'localhost' failed\nerror: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'\nCheck that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n")
                    return 1
                }
                io.out("mysqld is alive\n")
                return 0
            }]
        default: return [:]
        }
    }

    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        guard isRunning else { return }
        if kind == .postgres {
            ctx.log("\(SystemApplets.strftime("%Y-%m-%d %H:%M:%S.000 UTC", now)) [1] LOG:  received fast shutdown request", .stderr)
            ctx.log("\(SystemApplets.strftime("%Y-%m-%d %H:%M:%S.000 UTC", now)) [1] LOG:  database system is shut down", .stderr)
        }
        // The others shut down cleanly and exit 0; Cassandra is a JVM, which runs its shutdown hooks and then exits
        // with 128 + SIGTERM's number, as the JVM does for a signal.
        exit(kind == .cassandra ? 143 : 0, at: now)
    }
}
