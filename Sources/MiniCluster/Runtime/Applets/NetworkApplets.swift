// Network commands inside a container: busybox wget and nslookup, curl. Requests leave through the launch's
// `NetworkDialer` (the cluster network); localhost reaches the container's own server.
import Foundation

enum NetworkApplets {
    static let table: [String: Applet] = ["wget": wget, "curl": curl, "nslookup": nslookup]

    /// `http://host:port/path` → parts; a missing scheme means http.
    static func parseURL(_ s: String) -> (host: String, port: Int, path: String)? {
        var rest = Substring(s)
        if let r = rest.range(of: "://") {
            guard rest[..<r.lowerBound].lowercased() == "http" || rest[..<r.lowerBound].lowercased() == "https" else { return nil }
            let https = rest[..<r.lowerBound].lowercased() == "https"
            rest = rest[r.upperBound...]
            return split(rest, defaultPort: https ? 443 : 80)
        }
        return split(rest, defaultPort: 80)
    }

    private static func split(_ rest: Substring, defaultPort: Int) -> (host: String, port: Int, path: String)? {
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let hostPort = rest[..<slash]
        let path = slash == rest.endIndex ? "/" : String(rest[slash...])
        var host = String(hostPort), port = defaultPort
        if let colon = hostPort.lastIndex(of: ":") {
            guard let p = Int(hostPort[hostPort.index(after: colon)...]) else { return nil }
            host = String(hostPort[..<colon]); port = p
        }
        guard !host.isEmpty else { return nil }
        return (host, port, path)
    }

    static func isLocal(_ host: String, _ h: AppletHost) -> Bool {
        host == "localhost" || host == "127.0.0.1" || host == h.ctx.launch.podIP || host == h.ctx.hostname
    }

    /// Resolves a name as the pod's DNS would; IPs stand for themselves.
    static func resolve(_ name: String, _ h: AppletHost) -> String? {
        if isLocal(name, h) { return name == "localhost" || name == "127.0.0.1" ? "127.0.0.1" : h.ctx.launch.podIP }
        if name.split(separator: ".").count == 4, name.split(separator: ".").allSatisfy({ Int($0) != nil }) { return name }
        return h.ctx.launch.network.resolve(name, fromNamespace: h.ctx.launch.namespace)
    }

    /// Whether looking `name` up needs the cluster DNS and the pod's egress policies keep its queries from it:
    /// the resolver then waits out its timeout (musl's 5 s) and gives up.
    static func dnsBlocked(_ name: String, _ h: AppletHost) -> Bool {
        guard !isLocal(name, h), !ServiceKind.isIPv4(name), !h.ctx.launch.podIP.isEmpty else { return false }
        return !h.ctx.launch.network.dnsAnswers(toPodIP: h.ctx.launch.podIP)
    }

    /// How long the resolver waits for a DNS server that never answers.
    static let resolverTimeout = Duration.seconds(5)

    /// How long the kernel keeps retrying a SYN nobody answers (a NetworkPolicy drops it) before connect() fails
    /// with ETIMEDOUT: tcp_syn_retries=6, a little over two minutes as curl reports it on Linux.
    static let kernelConnectTimeout = Duration.milliseconds(134_000)

    /// Sends a request from this container; a response, or the network's failure.
    static func send(_ req: HTTPRequest, _ h: AppletHost) -> Result<HTTPResponse, NetworkError> {
        var req = req
        req.sourceIP = h.ctx.launch.podIP
        if isLocal(req.host, h) {
            // Over the loopback device the client's address is the loopback one too.
            if resolve(req.host, h) == "127.0.0.1" { req.sourceIP = "127.0.0.1" }
            // This container's own program first, then the pod's other containers: they share its network
            // namespace, so a sidecar answers on localhost.
            if let r = h.localHTTP(req) { return .success(r) }
            let podIP = h.ctx.launch.podIP
            guard !podIP.isEmpty else { return .failure(.connectionRefused) }
            return h.ctx.launch.network.sendWithinPod(req, podIP: podIP, now: h.now)
        }
        return h.ctx.launch.network.send(req, fromNamespace: h.ctx.launch.namespace, sourceIP: h.ctx.launch.podIP, now: h.now)
    }

    static func reason(_ code: Int) -> String {
        [200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
         400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed",
         500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"][code] ?? "Unknown"
    }

    static let wget: Applet = { argv, io, host in
        var quiet = false, spider = false
        var output: String?
        var timeout = Duration.seconds(900)
        var url: String?
        var args = Array(argv.dropFirst())
        while !args.isEmpty {
            let a = args.removeFirst()
            switch a {
            case "-q", "--quiet": quiet = true
            case "-O", "--output-document": output = args.isEmpty ? nil : args.removeFirst()
            case "--spider": spider = true
            case "-T", "--timeout": timeout = SystemApplets.duration(args.isEmpty ? "" : args.removeFirst()) ?? timeout
            default:
                if a.hasPrefix("-O") { output = String(a.dropFirst(2)) } else if a.hasPrefix("--timeout=") {
                    timeout = SystemApplets.duration(String(a.dropFirst(10))) ?? timeout
                } else if a.hasPrefix("-"), a.count > 1, !a.hasPrefix("--") {
                    // A cluster like `-qO-` or `-qO file`: a letter taking a value takes the rest of the word.
                    var rest = Substring(a.dropFirst())
                    while let c = rest.first {
                        rest = rest.dropFirst()
                        if c == "q" { quiet = true; continue }
                        if c == "O" || c == "T" {
                            let v = rest.isEmpty ? (args.isEmpty ? "" : args.removeFirst()) : String(rest)
                            if c == "O" { output = v } else { timeout = SystemApplets.duration(v) ?? timeout }
                            break
                        }
                    }
                } else if !a.hasPrefix("-") { url = a }
            }
        }
        guard let url, let u = parseURL(url) else {
            io.err(url == nil ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n"
                              : "wget: not an http or ftp url: \(url ?? "")\n")
            return 1
        }
        let blocked = dnsBlocked(u.host, host)
        if blocked { _ = host.sleep(resolverTimeout) }
        guard !blocked, let ip = resolve(u.host, host) else {
            io.err("wget: bad address '\(u.host)'\n")
            return 1
        }
        if !quiet { io.err("Connecting to \(u.host)\(u.port == 80 ? "" : ":\(u.port)") (\(ip):\(u.port))\n") }
        let req = HTTPRequest(method: spider ? "HEAD" : "GET", host: u.host, port: u.port, path: u.path,
                              headers: ["User-Agent": "Wget", "Host": u.host])
        switch send(req, host) {
        case .failure(.connectionRefused):
            io.err("wget: can't connect to remote host (\(ip)): Connection refused\n")
            return 1
        case .failure(.timedOut):
            // busybox arms alarm(-T, 900 s by default) around connect(); the kernel gives up sooner than 900 s.
            if timeout.ms <= kernelConnectTimeout.ms {
                _ = host.sleep(timeout)
                io.err("wget: download timed out\n")
            } else {
                _ = host.sleep(kernelConnectTimeout)
                io.err("wget: can't connect to remote host (\(ip)): Connection timed out\n")
            }
            return 1
        case .failure(.unknownHost(let n)):
            io.err("wget: bad address '\(n)'\n")
            return 1
        case .success(let r):
            guard r.status < 400 else {
                io.err("wget: server returned error: HTTP/1.1 \(r.status) \(reason(r.status))\n")
                return 1
            }
            if spider {
                if !quiet { io.err("remote file exists\n") }
                return 0
            }
            let size = r.body.utf8.count
            let bar = "|********************************|"
            if output == "-" {
                if !quiet { io.err("writing to stdout\n") }
                io.out(r.body)
                if !quiet { io.err("-                    100% \(bar) \(String(size).leftPadded(5, with: " "))  0:00:00 ETA\nwritten to stdout\n") }
                return 0
            }
            let file = output ?? (u.path.split(separator: "/").last.map(String.init) ?? "index.html")
            if !host.fs.exists(file), output == nil, host.fs.isDirectory(file) { return 1 }
            if !quiet { io.err("saving to '\(file)'\n") }
            if case .failure(let e) = host.fs.write(file: file, r.body, append: false) {
                io.err("wget: can't open '\(file)': \(e.text)\n")
                return 1
            }
            if !quiet {
                io.err("\(file.padding(toLength: max(20, file.count), withPad: " ", startingAt: 0)) 100% \(bar) \(String(size).leftPadded(5, with: " "))  0:00:00 ETA\n'\(file)' saved\n")
            }
            return 0
        }
    }

    static let nslookup: Applet = { argv, io, host in
        guard let name = argv.dropFirst().first(where: { !$0.hasPrefix("-") }) else {
            io.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n")
            return 1
        }
        let dns = "34.118.224.10"
        let ns = host.ctx.launch.namespace
        let network = host.ctx.launch.network
        // The name the search list turns it into (the first that resolves).
        var fqdn = name
        if !name.hasSuffix("."), name.split(separator: ".").count < 5 {
            for suffix in ["\(ns).svc.cluster.local", "svc.cluster.local", "cluster.local"]
            where network.resolve("\(name).\(suffix)", fromNamespace: ns) != nil {
                fqdn = "\(name).\(suffix)"
                break
            }
        }
        if dnsBlocked(name, host) {
            // No answer ever comes back (a policy drops the queries): busybox gives up after its retries.
            _ = host.sleep(.seconds(10))
            if host.ctx.image.tag.version.hasPrefix("1.2") {
                io.out("Server:    \(dns)\nAddress 1: \(dns)\n\n")
                io.err("nslookup: can't resolve '\(name)'\n")
            } else {
                io.out(";; connection timed out; no servers could be reached\n\n")
            }
            return 1
        }
        let ip = resolve(name, host)
        if host.ctx.image.tag.version.hasPrefix("1.2") {
            // busybox 1.2x, as the DNS debugging page shows it.
            io.out("Server:    \(dns)\nAddress 1: \(dns) kube-dns.kube-system.svc.cluster.local\n\n")
            guard let ip else {
                io.err("nslookup: can't resolve '\(name)'\n")
                return 1
            }
            io.out("Name:      \(name)\nAddress 1: \(ip)\(fqdn == name ? "" : " \(fqdn)")\n")
            return 0
        }
        io.out("Server:\t\t\(dns)\nAddress:\t\(dns):53\n\n")
        guard let ip else {
            io.out("** server can't find \(name): NXDOMAIN\n\n")
            return 1
        }
        // An alias (an ExternalName service): the CNAME record comes with the answer to both of busybox's queries,
        // the A one (before the target's address) and the AAAA one (alone: the cluster has no IPv6 addresses).
        if let target = network.canonicalName(of: fqdn) {
            let alias = "\(fqdn)\tcanonical name = \(target)\n"
            io.out(alias + "Name:\t\(target)\nAddress: \(ip)\n\n" + alias + "\n")
            return 0
        }
        io.out("Name:\t\(fqdn)\nAddress: \(ip)\n\n")
        return 0
    }
}
