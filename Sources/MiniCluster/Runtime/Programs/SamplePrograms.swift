// Small servers from Google's and Kubernetes' sample images: hello-app, pause, the probe examples (liveness,
// goproxy, etcd), hashicorp/http-echo.

/// `gcr.io/google-samples/hello-app`: answers every path with a greeting, its version and the pod's hostname.
final class HelloAppProgram: ServerProgram {
    init(ctx: ContainerContext) {
        let port = Int(ctx.environmentMap["PORT"] ?? "") ?? 8080
        super.init(ctx: ctx, ports: [port])
        ctx.baselineMemory = 1 << 20
        emit("\(SystemApplets.strftime("%Y/%m/%d %H:%M:%S", ctx.now)) Server listening on port \(port)")
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        spend(1)
        ctx.log("\(SystemApplets.strftime("%Y/%m/%d %H:%M:%S", ctx.now)) Serving request: \(r.path)")
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")],
                            body: "Hello, world!\nVersion: \(ctx.image.tag.version)\nHostname: \(ctx.hostname)\n")
    }

    /// A Go program without a signal handler: SIGTERM ends it at once with 2 (Go's exit on a fatal signal).
    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        exit(2, at: now)
    }
}

/// The Kubernetes Basics tutorial's `server.js`: answers every request on 8080 with the pod's name and its version,
/// and logs a line per request with the running count and uptime (Node's `console.log` of a Date is ISO 8601).
final class BootcampProgram: ServerProgram {
    init(ctx: ContainerContext) {
        super.init(ctx: ctx, ports: [8080])
        ctx.baselineMemory = 9 << 20
        emit("Kubernetes Bootcamp App Started At: \(Self.iso(ctx.now)) | Running On:  \(ctx.hostname) \n")
    }

    static func iso(_ t: Timestamp) -> String {
        let r = t.rfc3339
        return String(r.dropLast()) + String(format: ".%03dZ", Int(((t.ms % 1000) + 1000) % 1000))
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        spend(1)
        requests += 1
        let uptime = Double((ctx.now - ctx.startedAt).ms) / 1000
        let shown = uptime == uptime.rounded() ? String(Int(uptime)) : String(uptime)
        ctx.log("Running On: \(ctx.hostname) | Total Requests: \(requests) | App Uptime: \(shown) seconds | Log Time: \(Self.iso(ctx.now))")
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")],
                            body: "Hello Kubernetes bootcamp! | Running on: \(ctx.hostname) | v=\(ctx.image.tag.version)\n")
    }
}

/// `registry.k8s.io/pause`: does nothing until told to stop.
final class PauseProgram: ServerProgram {
    init(ctx: ContainerContext) {
        super.init(ctx: ctx, ports: [])
        ctx.baselineMemory = 300 << 10
        ctx.idleCPU = 0
    }

    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        exit(0, at: now)
    }
}

/// `registry.k8s.io/liveness /server`: /healthz answers 200 for the first 10 seconds, then 500.
final class LivenessProgram: ServerProgram {
    init(ctx: ContainerContext) {
        super.init(ctx: ctx, ports: [8080])
        ctx.baselineMemory = 2 << 20
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        let age = Double((ctx.now - ctx.startedAt).ms) / 1000
        if r.path.hasPrefix("/healthz"), age > 10 {
            return HTTPResponse(status: 500, body: "error: \(age)")
        }
        return HTTPResponse(status: 200, body: "ok")
    }
}

/// A TCP server without HTTP semantics worth simulating (goproxy on 8080 for the tcpSocket probe example).
final class TCPServerProgram: ServerProgram {
    init(ctx: ContainerContext, port: Int, readyAfter: Duration = .milliseconds(0)) {
        super.init(ctx: ctx, ports: [port], readyAfter: readyAfter)
        ctx.baselineMemory = 4 << 20
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        HTTPResponse(status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")], body: "404 page not found\n")
    }
}

/// etcd serving the gRPC health protocol on its client port (the grpc probe example).
final class EtcdProgram: ServerProgram {
    init(ctx: ContainerContext) {
        super.init(ctx: ctx, ports: [2379, 2380], readyAfter: .seconds(1))
        ctx.baselineMemory = 24 << 20
        emit("{\"level\":\"info\",\"ts\":\"\(ctx.now.rfc3339)\",\"caller\":\"etcdmain/etcd.go:73\",\"msg\":\"Running: \",\"args\":[\"etcd\"]}", .stderr)
        emit("{\"level\":\"info\",\"ts\":\"\(ctx.now.rfc3339)\",\"caller\":\"embed/serve.go:98\",\"msg\":\"ready to serve client requests\"}", after: .seconds(1), .stderr)
    }

    override func grpcHealth(port: Int, service: String, now: Timestamp) -> Bool? {
        listens(on: port, now: now) ? true : nil
    }
}

/// `hashicorp/http-echo -text=… -listen=:5678`: answers every request with its text.
final class HTTPEchoProgram: ServerProgram {
    let text: String

    init(ctx: ContainerContext, args: [String]) {
        var text = "hello-world", port = 5678
        for a in args {
            if a.hasPrefix("-text=") { text = String(a.dropFirst(6)) }
            if a.hasPrefix("-listen=:"), let p = Int(a.dropFirst(9)) { port = p }
        }
        if let t = ctx.environmentMap["ECHO_TEXT"] { text = t }
        self.text = text
        super.init(ctx: ctx, ports: [port])
        ctx.baselineMemory = 2 << 20
        emit("\(SystemApplets.strftime("%Y/%m/%d %H:%M:%S", ctx.now)) [INFO] server is listening on :\(port)", .stderr)
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        // The host is Go's `r.Host`, the Host header: the name the client used, with the port it asked for unless 80
        // (through a Service on port 80 that is the bare name, whatever port the container listens on).
        let hostHeader = r.port == 80 ? r.host : "\(r.host):\(r.port)"
        ctx.log("\(SystemApplets.strftime("%Y/%m/%d %H:%M:%S", ctx.now)) \(hostHeader) \(client(r)):43210 \"\(r.method) \(r.path) HTTP/1.1\" 200 \(text.utf8.count + 1) \"\(r.headers["User-Agent"] ?? "")\" 15.2µs", .stderr)
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: text + "\n")
    }
}
