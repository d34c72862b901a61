// Web servers besides nginx: Apache httpd, php-apache (the HPA example), and the echo servers that answer with
// what they received (ealen/echo-server, registry.k8s.io/echoserver).
import Foundation

/// Apache httpd (and php-apache, which costs CPU per request): start-up notices, common-log lines, htdocs.
final class HttpdProgram: ServerProgram {
    let php: Bool
    var version: String
    private var notice: String {
        let c = ctx.now.civil
        let day = SystemApplets.strftime("%a %b %d %H:%M:%S", ctx.now)
        return "[\(day).\(String(format: "%06d", Int(ctx.now.ms % 1000) * 1000)) \(c.year)]"
    }

    init(ctx: ContainerContext, php: Bool) {
        self.php = php
        version = php ? "2.4.10" : ctx.image.tag.version
        super.init(ctx: ctx, ports: [80], readyAfter: .milliseconds(100))
        ctx.baselineMemory = php ? 10 << 20 : 5 << 20
        let name = php ? "apache2" : "httpd"
        let fqdn = "AH00558: \(name): Could not reliably determine the server's fully qualified domain name, using \(ctx.launch.podIP). Set the 'ServerName' directive globally to suppress this message"
        emit(fqdn, .stderr)
        emit(fqdn, .stderr)
        if php {
            emit("\(notice) [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations", after: .milliseconds(50), .stderr)
            emit("\(notice) [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'", after: .milliseconds(50), .stderr)
        } else {
            emit("\(notice) [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/\(version) (Unix) configured -- resuming normal operations", after: .milliseconds(50), .stderr)
            emit("\(notice) [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'", after: .milliseconds(50), .stderr)
        }
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        let response: HTTPResponse
        if php {
            // index.php loops a million square roots: about 20 ms of CPU per request.
            spend(20)
            response = HTTPResponse(status: 200, headers: [("Content-Type", "text/html")], body: "OK!")
        } else {
            spend(1)
            var file = "/usr/local/apache2/htdocs" + (r.path.split(separator: "?").first.map(String.init) ?? "/")
            if file.hasSuffix("/") { file += "index.html" }
            if case .success(let t) = ctx.fs.read(file: file) {
                response = HTTPResponse(status: 200, headers: [("Server", "Apache/\(version) (Unix)"), ("Content-Type", "text/html")], body: t)
            } else {
                response = HTTPResponse(status: 404, headers: [("Server", "Apache/\(version) (Unix)"), ("Content-Type", "text/html; charset=iso-8859-1")],
                                        body: "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n")
            }
        }
        let size = response.body.utf8.count
        let agent = php ? " \"-\" \"\(r.headers["User-Agent"] ?? "-")\"" : ""
        ctx.log("\(client(r)) - - \(clfTime) \"\(r.method) \(r.path) HTTP/1.1\" \(response.status) \(size)\(agent)")
        return response
    }

    /// httpd's STOPSIGNAL is SIGWINCH (graceful stop); php-apache's entrypoint stops on SIGTERM.
    override func terminate(now: Timestamp) {
        _ = advance(to: now)
        guard isRunning else { return }
        ctx.log(php ? "\(notice) [mpm_prefork:notice] [pid 1] AH00169: caught SIGTERM, shutting down"
                    : "\(notice) [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully", .stderr)
        exit(0, at: now)
    }
}

/// Servers that answer with the request they received.
final class EchoServerProgram: ServerProgram {
    /// registry.k8s.io/echoserver's text report, or ealen/echo-server's JSON.
    let textReport: Bool

    init(ctx: ContainerContext) {
        textReport = ctx.image.image.repository.hasSuffix("/echoserver")
        let port = textReport ? 8080 : Int(ctx.environmentMap["PORT"] ?? "") ?? 80
        super.init(ctx: ctx, ports: [port])
        ctx.baselineMemory = textReport ? 3 << 20 : 30 << 20
        if !textReport { emit("Listening on port \(port).") }
    }

    override func serve(_ r: HTTPRequest, port: Int) -> HTTPResponse? {
        spend(1)
        let headers = r.headers.map { ($0.key.lowercased(), $0.value) }.sorted { $0.0 < $1.0 }
        if textReport {
            ctx.log("\(client(r)) - - \(clfTime) \"\(r.method) \(r.path) HTTP/1.1\" 200 0 \"-\" \"\(r.headers["User-Agent"] ?? "-")\"")
            var body = "\n\nHostname: \(ctx.hostname)\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n"
            body += "Request Information:\n\tclient_address=\(client(r))\n\tmethod=\(r.method)\n\treal path=\(r.path)\n\tquery=\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://\(r.host):\(port)\(r.path)\n\n"
            body += "Request Headers:\n" + headers.map { "\t\($0.0)=\($0.1)\n" }.joined() + "\nRequest Body:\n\t-no body in request-\n\n"
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: body)
        }
        let hdrs = headers.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",")
        let body = "{\"host\":{\"hostname\":\"\(r.host)\",\"ip\":\"::ffff:\(client(r))\",\"ips\":[]},\"http\":{\"method\":\"\(r.method)\",\"baseUrl\":\"\",\"originalUrl\":\"\(r.path)\",\"protocol\":\"http\"},\"request\":{\"params\":{\"0\":\"\(r.path)\"},\"query\":{},\"cookies\":{},\"body\":{},\"headers\":{\(hdrs)}},\"environment\":{\"HOSTNAME\":\"\(ctx.hostname)\"}}"
        ctx.log("{\"name\":\"echo-server\",\"hostname\":\"\(ctx.hostname)\",\"pid\":1,\"level\":30,\"host\":{\"hostname\":\"\(r.host)\"},\"http\":{\"method\":\"\(r.method)\",\"originalUrl\":\"\(r.path)\"},\"msg\":\"\",\"time\":\"\(ctx.now.rfc3339)\",\"v\":0}")
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
    }
}
