// `curl` on the learner's machine (curl 8): reaches load balancers, node ports and port-forwards of the simulated
// clusters. Body to stdout; `-i`/`-I` headers, `-v` a short trace on stderr, `-o` to a workspace file (with the
// progress meter), `-w`, `-H`, `-X`, `-d`, `-f`, `-L`, `-m`/`--connect-timeout`; curl's numbered errors. An address
// nothing answers times out after 134 s of virtual time (Linux's SYN retries), as the real one does.
import Foundation
import MiniCluster

struct Curl: ShellCommand {
    let name = "curl"
    static let userAgent = "curl/8.5.0"
    /// How long the kernel keeps trying to connect before curl gives up on its own.
    static let kernelConnectTimeout = Duration.milliseconds(134_000)

    struct Options {
        var silent = false, showErrors = false, include = false, head = false, verbose = false, fail = false, follow = false
        var output: String?, writeOut: String?, method: String?, data: String?
        var headers: [(String, String)] = []
        var maxTime: Duration?, connectTimeout: Duration?
        var urls: [String] = []
    }

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let o: Options
        switch Self.parse(args) {
        case .success(let parsed): o = parsed
        case .failure(let e):
            io.err(e.text)
            return 2
        }
        guard !o.urls.isEmpty else {
            io.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
            return 2
        }
        var status: Int32 = 0
        for url in o.urls { status = fetch(url, o, io, session) }
        return status
    }

    private func fetch(_ url: String, _ o: Options, _ io: CommandIO, _ session: ShellSession) -> Int32 {
        let quiet = o.silent && !o.showErrors
        func fail(_ code: Int32, _ msg: String) -> Int32 {
            if !quiet { io.err("curl: (\(code)) \(msg)\n") }
            return code
        }
        guard var parts = SandboxNetwork.parse(url) else {
            if let r = url.range(of: "://"), !["http", "https"].contains(url[..<r.lowerBound].lowercased()) {
                return fail(1, "Protocol \"\(url[..<r.lowerBound])\" not supported")
            }
            let authority = url.components(separatedBy: "://").last?.split(separator: "/", maxSplits: 1,
                                                                         omittingEmptySubsequences: false).first ?? ""
            if authority.isEmpty || authority.hasPrefix(":") { return fail(3, "URL rejected: No host part in the URL") }
            return fail(3, "URL rejected: Port number was not a decimal number between 0 and 65535")
        }
        var method = o.method ?? (o.head ? "HEAD" : o.data != nil ? "POST" : "GET")
        for _ in 0..<50 {
            guard let ip = SandboxNetwork.resolve(parts.host) else { return fail(6, "Could not resolve host: \(parts.host)") }
            var headers = ["Host": parts.port == (parts.scheme == "https" ? 443 : 80) ? parts.host : "\(parts.host):\(parts.port)",
                           "User-Agent": Self.userAgent, "Accept": "*/*"]
            if o.data != nil { headers["Content-Type"] = "application/x-www-form-urlencoded" }
            for (k, v) in o.headers { headers[k] = v }
            let request = HTTPRequest(method: method, host: parts.host, port: parts.port, path: parts.path, headers: headers,
                                      body: o.data ?? "")
            if o.verbose { io.err("*   Trying \(ip):\(parts.port)...\n") }
            let response: HTTPResponse
            switch SandboxNetwork.send(request, to: ip, session: session) {
            case .success(let r): response = r
            case .failure(.connectionRefused) where SandboxNetwork.isForwarded(ip, parts.port, session):
                return fail(52, "Empty reply from server")
            case .failure(.connectionRefused), .failure(.unknownHost):
                return fail(7, "Failed to connect to \(parts.host) port \(parts.port) after 0 ms: Couldn't connect to server")
            case .failure(.timedOut):
                return timedOut(parts, o, session, fail)
            }
            if o.verbose { trace(request, ip, response, io) }
            if o.follow, (300...399).contains(response.status), let loc = SandboxNetwork.header(response, "Location"),
               let next = SandboxNetwork.parse(loc.hasPrefix("/") ? "\(parts.scheme)://\(parts.host):\(parts.port)\(loc)" : loc) {
                if o.include || o.head { io.out(headerBlock(response)) }
                parts = next
                if response.status != 307 && response.status != 308 && o.method == nil && !o.head { method = "GET" }
                continue
            }
            return deliver(response, parts, o, io, session, fail)
        }
        return fail(47, "Maximum (50) redirects followed")
    }

    private func timedOut(_ parts: SandboxNetwork.URLParts, _ o: Options, _ session: ShellSession,
                          _ fail: (Int32, String) -> Int32) -> Int32 {
        let limits = [o.maxTime, o.connectTimeout].compactMap { $0 }
        if let wait = limits.min(), wait < Self.kernelConnectTimeout {
            session.sleep(wait)
            if wait == o.maxTime { return fail(28, "Connection timed out after \(wait.ms + 1) milliseconds") }
            return fail(28, "Failed to connect to \(parts.host) port \(parts.port) after \(wait.ms + 1) ms: Timeout was reached")
        }
        session.sleep(Self.kernelConnectTimeout)
        return fail(28, "Failed to connect to \(parts.host) port \(parts.port) after \(Self.kernelConnectTimeout.ms) ms: Couldn't connect to server")
    }

    private func deliver(_ r: HTTPResponse, _ parts: SandboxNetwork.URLParts, _ o: Options, _ io: CommandIO,
                         _ session: ShellSession, _ fail: (Int32, String) -> Int32) -> Int32 {
        if o.fail, r.status >= 400 { return fail(22, "The requested URL returned error: \(r.status)") }
        var text = o.include || o.head ? headerBlock(r) : ""
        if !o.head { text += r.body }
        let size = o.head ? 0 : r.body.utf8.count
        let toFile = o.output.map { $0 != "-" } ?? false
        if !o.silent, !o.verbose, toFile || !io.stdoutIsTerminal { io.err(Self.progressMeter(size)) }
        if toFile, let path = o.output {
            if let problem = session.writeFile(path, text, append: false) {
                return fail(23, "Failure writing output to destination, passed \(size) returned 0 (\(problem.message))")
            }
        } else {
            io.out(text)
        }
        if o.verbose { io.err("* Connection #0 to host \(parts.host) left intact\n") }
        if let w = o.writeOut { io.out(Self.expand(w, r, parts, size)) }
        return 0
    }

    /// `HTTP/1.1 200 OK` and the response headers, CRLF-terminated as curl prints them.
    private func headerBlock(_ r: HTTPResponse) -> String {
        var s = "HTTP/1.1 \(r.status) \(SandboxNetwork.reason(r.status))\r\n"
        for (k, v) in r.headers { s += "\(k): \(v)\r\n" }
        return s + "\r\n"
    }

    /// `-v`: the connection, the request sent and the response headers, on stderr.
    private func trace(_ req: HTTPRequest, _ ip: String, _ r: HTTPResponse, _ io: CommandIO) {
        var s = "* Connected to \(req.host) (\(ip)) port \(req.port)\n> \(req.method) \(req.path) HTTP/1.1\n"
        for k in ["Host", "User-Agent", "Accept"] { if let v = req.headers[k] { s += "> \(k): \(v)\n" } }
        for (k, v) in req.headers.sorted(by: { $0.key < $1.key }) where !["Host", "User-Agent", "Accept"].contains(k) { s += "> \(k): \(v)\n" }
        s += "> \n< HTTP/1.1 \(r.status) \(SandboxNetwork.reason(r.status))\n"
        for (k, v) in r.headers { s += "< \(k): \(v)\n" }
        s += "< \n"
        io.err(s)
    }

    /// `-w` variables curl users reach for, and its `\n`/`\t` escapes.
    static func expand(_ w: String, _ r: HTTPResponse, _ parts: SandboxNetwork.URLParts, _ size: Int) -> String {
        let vars = ["http_code": String(r.status), "response_code": String(r.status), "size_download": String(size),
                    "url_effective": parts.text, "content_type": SandboxNetwork.header(r, "Content-Type") ?? "",
                    "remote_ip": SandboxNetwork.resolve(parts.host) ?? "", "remote_port": String(parts.port),
                    "time_total": "0.001000", "num_redirects": "0"]
        var out = w.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
        for (k, v) in vars { out = out.replacingOccurrences(of: "%{\(k)}", with: v) }
        return out
    }

    /// The meter curl writes to stderr when the body does not go to a terminal.
    static func progressMeter(_ size: Int) -> String {
        func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        let speed = pad(size >= 1000 ? "\(size / 1000)k" : "\(size * 1000 / 1024)", 5)
        return "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
            + "                                 Dload  Upload   Total   Spent    Left  Speed\n"
            + "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0"
            + "\r100 \(pad(String(size), 5))  100 \(pad(String(size), 5))    0     0 \(speed)      0 --:--:-- --:--:-- --:--:-- \(speed)\n"
    }
}
