// nginx as the official image runs it: the entrypoint's lines (1.19+), the master's notices, files served from
// /usr/share/nginx/html with access-log lines on stdout and errors on stderr, a graceful exit on SIGQUIT.
import Foundation

final class NginxProgram: ServerProgram {
    let version: String
    /// nginx's error-log time: `2026/11/26 09:00:05`.
    var errTime: String { time("%Y/%m/%d %H:%M:%S") }
    private var old: Bool { ContainerContext.isOldNginx(version) }
    private static let workerPIDs = [29, 30]
    /// Made once: every nginx listens on the same port.
    private static let ports: Set<Int> = [80]
    private var workers: [Int] { Self.workerPIDs }

    init(ctx: ContainerContext) {
        version = ctx.image.tag.version
        super.init(ctx: ctx, ports: Self.ports, readyAfter: .milliseconds(40))
        ctx.baselineMemory = 3 << 20
        guard !old else { return }
        let notices = Self.notices(version: version, at: ctx.now)
        reserveLines(Self.entrypointLines.count + notices.count)
        for l in Self.entrypointLines { emit(l) }
        for n in notices { emit(n, after: .milliseconds(30), .stderr) }
    }

    private static let entrypointLines = [
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
        "/docker-entrypoint.sh: Configuration complete; ready for start up",
    ]

    /// The last start-up notices made: every nginx started at the same instant with the same version shares them.
    private static var lastNotices: (ms: Int64, version: String, lines: [String])?

    /// The error log's notices at start-up (`2026/11/26 09:00:05 [notice] 1#1: nginx/1.25.5` …).
    static func notices(version: String, at now: Timestamp) -> [String] {
        if let l = lastNotices, l.ms == now.ms, Value.sameBytes(l.version, version) { return l.lines }
        let t = SystemApplets.strftime("%Y/%m/%d %H:%M:%S", now)
        let notices = ["using the \"epoll\" event method", "nginx/\(version)", "built by gcc 12.2.0 (Debian 12.2.0-14) ",
                       "OS: Linux 6.6.56+", "getrlimit(RLIMIT_NOFILE): 1048576:1048576", "start worker processes"]
            + workerPIDs.map { "start worker process \($0)" }
        let lines = notices.map { "\(t) [notice] 1#1: \($0)" }
        lastNotices = (now.ms, version, lines)
        return lines
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        spend(1)
        let root = "/usr/share/nginx/html"
        let path = r.path.split(separator: "?").first.map(String.init) ?? "/"
        var file = root + path
        if file.hasSuffix("/") { file += "index.html" }
        let fs = ctx.fs
        let server = ("Server", "nginx/\(version)")
        let date = ("Date", time("%a, %d %b %Y %H:%M:%S GMT"))
        let response: HTTPResponse
        if fs.isDirectory(file) {
            let body = errorPage(301, "Moved Permanently")
            response = HTTPResponse(status: 301, headers: [server, date, ("Content-Type", "text/html"),
                                                            ("Content-Length", "\(body.utf8.count)"),
                                                            ("Location", "http://\(r.host)\(path)/")], body: body)
        } else if case .success(let text) = fs.read(file: file) {
            let body = r.method == "HEAD" ? "" : text
            response = HTTPResponse(status: 200, headers: [server, date, ("Content-Type", file.hasSuffix(".html") ? "text/html" : "text/plain"),
                                                            ("Content-Length", "\(text.utf8.count)"), ("Connection", "keep-alive"),
                                                            ("Accept-Ranges", "bytes")], body: body)
        } else {
            let worker = workers[requests % workers.count]
            ctx.log("\(errTime) [error] \(worker)#\(worker): *\(requests) open() \"\(file)\" failed (2: No such file or directory), client: \(client(r)), server: localhost, request: \"\(r.method) \(r.path) HTTP/1.1\", host: \"\(r.host)\"", .stderr)
            let body = errorPage(404, "Not Found")
            response = HTTPResponse(status: 404, headers: [server, date, ("Content-Type", "text/html"),
                                                            ("Content-Length", "\(body.utf8.count)")], body: body)
        }
        let size = response.status == 200 ? (r.method == "HEAD" ? 0 : response.body.utf8.count) : response.body.utf8.count
        ctx.log("\(client(r)) - - \(clfTime) \"\(r.method) \(r.path) HTTP/1.1\" \(response.status) \(size) \"-\" \"\(r.headers["User-Agent"] ?? "-")\" \"-\"")
        return response
    }

    /// A file or directory answer (200 or 301) depends only on the files, which `stateGeneration` watches; the
    /// replayed run does what `http` then `serve` do for it: count the request, spend the CPU, log the line.
    override func replayToken(for r: HTTPRequest, port: Int) -> ReplayToken? {
        guard isRunning, ports.contains(port) else { return nil }
        let path = r.path.split(separator: "?").first.map(String.init) ?? "/"
        var file = "/usr/share/nginx/html" + path
        if file.hasSuffix("/") { file += "index.html" }
        let status: Int, size: Int
        if ctx.fs.isDirectory(file) {
            (status, size) = (301, errorPage(301, "Moved Permanently").utf8.count)
        } else if case .success(let text) = ctx.fs.read(file: file) {
            (status, size) = (200, r.method == "HEAD" ? 0 : text.utf8.count)
        } else {
            return nil
        }
        let head = "\(client(r)) - - "
        let tail = " \"\(r.method) \(r.path) HTTP/1.1\" \(status) \(size) \"-\" \"\(r.headers["User-Agent"] ?? "-")\" \"-\""
        return ReplayToken { [weak self] _ in
            guard let self else { return }
            self.requests += 1
            self.spend(1)
            self.ctx.log(head + self.clfTime + tail)
        }
    }

    private func errorPage(_ code: Int, _ text: String) -> String {
        "<html>\r\n<head><title>\(code) \(text)</title></head>\r\n<body>\r\n<center><h1>\(code) \(text)</h1></center>\r\n<hr><center>nginx/\(version)</center>\r\n</body>\r\n</html>\r\n"
    }

    /// The image's STOPSIGNAL is SIGQUIT: workers finish and the master exits 0.
    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        guard isRunning else { return }
        if !old {
            let t = errTime
            ctx.log("\(t) [notice] 1#1: signal 3 (SIGQUIT) received, shutting down", .stderr)
            for w in workers {
                ctx.log("\(t) [notice] \(w)#\(w): gracefully shutting down", .stderr)
                ctx.log("\(t) [notice] \(w)#\(w): exiting", .stderr)
                ctx.log("\(t) [notice] \(w)#\(w): exit", .stderr)
            }
            for w in workers {
                ctx.log("\(t) [notice] 1#1: signal 17 (SIGCHLD) received from \(w)", .stderr)
                ctx.log("\(t) [notice] 1#1: worker process \(w) exited with code 0", .stderr)
            }
            ctx.log("\(t) [notice] 1#1: exit", .stderr)
        }
        exit(0, at: now)
    }

    override var extraCommands: [String: Applet] {
        ["nginx": { [version] argv, io, _ in
            if argv.contains("-v") { io.err("nginx version: nginx/\(version)\n"); return 0 }
            if argv.contains("-t") {
                io.err("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n")
                return 0
            }
            if argv.contains("-s") { return 0 }
            io.err("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n")
            return 1
        }]
    }
}
