// registry.k8s.io/e2e-test-images/agnhost: the Kubernetes test image's subcommands that tutorials use — netexec,
// serve-hostname, liveness, grpc-health-checking, porter, pause.
import Foundation

final class AgnhostProgram: ServerProgram {
    let subcommand: String
    /// grpc-health-checking's status, switched through its HTTP port.
    private var serving = true
    private var httpPort = 8080
    private var grpcPort = 5000
    private var porter: [Int: String] = [:]

    init(ctx: ContainerContext, args: [String]) {
        subcommand = args.first ?? "pause"
        var ports: Set<Int> = []
        func flag(_ name: String) -> Int? {
            for a in args where a.hasPrefix("--\(name)=") { return Int(a.dropFirst(name.count + 3)) }
            if let i = args.firstIndex(of: "--\(name)"), i + 1 < args.count { return Int(args[i + 1]) }
            return nil
        }
        switch subcommand {
        case "netexec": httpPort = flag("http-port") ?? 8080; ports = [httpPort]
        case "serve-hostname": httpPort = flag("port") ?? 9376; ports = [httpPort]
        case "liveness": httpPort = 8080; ports = [8080]
        case "grpc-health-checking":
            grpcPort = flag("port") ?? 5000; httpPort = flag("http-port") ?? 8080; ports = [grpcPort, httpPort]
        case "porter":
            for (k, v) in ctx.environment where k.hasPrefix("SERVE_PORT_") {
                if let p = Int(k.dropFirst(11)) { porter[p] = v; ports.insert(p) }
            }
        case "test-webserver": httpPort = 80; ports = [80]
        default: break
        }
        super.init(ctx: ctx, ports: ports)
        ctx.baselineMemory = 6 << 20
        let t = SystemApplets.strftime("I%m%d %H:%M:%S.000000", ctx.now)
        switch subcommand {
        case "netexec": emit("\(t)       1 log.go:245] Started HTTP server on port \(httpPort)", .stderr)
        case "serve-hostname": emit("\(t)       1 log.go:245] Serving on port \(httpPort).", .stderr)
        case "grpc-health-checking":
            emit("\(t)       1 grpc-health-checking.go:132] gRPC server starting to listen on 0.0.0.0:\(grpcPort)", .stderr)
            emit("\(t)       1 grpc-health-checking.go:115] Starting HTTP server on port \(httpPort)", .stderr)
        default: break
        }
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        spend(1)
        let ok = { (s: String) in HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: s) }
        let parts = r.path.split(separator: "?", maxSplits: 1)
        let path = parts.first.map(String.init) ?? "/"
        let query = parts.count > 1 ? String(parts[1]) : ""
        switch subcommand {
        case "serve-hostname": return ok(ctx.hostname)
        case "porter": return ok(porter[port] ?? "")
        case "test-webserver": return ok("Hello World!")
        case "liveness":
            let age = Double((ctx.now - ctx.startedAt).ms) / 1000
            return path == "/healthz" && age > 10 ? HTTPResponse(status: 500, body: "error: \(age)") : ok("ok")
        case "grpc-health-checking":
            if path == "/make-not-serving" { serving = false } else if path == "/make-serving" { serving = true }
            return ok("")
        default:
            switch path {
            case "/hostname": return ok(ctx.hostname)
            case "/clientip": return ok("\(client(r)):43210")
            case "/healthz", "/": return ok(path == "/" ? "NOW: \(ctx.now.rfc3339)" : "")
            case "/echo":
                let msg = query.split(separator: "&").first { $0.hasPrefix("msg=") }.map { String($0.dropFirst(4)) } ?? ""
                return ok(msg.removingPercentEncoding ?? msg)
            case "/exit":
                let code = query.split(separator: "&").first { $0.hasPrefix("code=") }.flatMap { Int32($0.dropFirst(5)) } ?? 0
                plannedExit = (ctx.now, code)
                return HTTPResponse(status: 200, body: "")
            default: return HTTPResponse(status: 404, body: "404 page not found\n")
            }
        }
    }

    override func grpcHealth(port: Int, service: String, now: Timestamp) -> Bool? {
        guard subcommand == "grpc-health-checking", port == grpcPort, listens(on: port, now: now) else { return nil }
        return serving
    }
}
