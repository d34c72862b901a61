// curl inside a container (images that ship it): body to stdout, the progress meter on stderr when stdout is not a
// terminal, curl's numbered errors.
import Foundation

extension NetworkApplets {
    static let curl: Applet = { argv, io, host in
        var silent = false, showErrors = false, include = false, head = false, fail = false
        var output: String?, writeOut: String?, method: String?, data: String?
        var headers: [String: String] = [:]
        var maxTime: Duration?
        var url: String?
        var args = Array(argv.dropFirst())
        func value() -> String { args.isEmpty ? "" : args.removeFirst() }
        while !args.isEmpty {
            let a = args.removeFirst()
            switch a {
            case "-s", "--silent": silent = true
            case "-S", "--show-error": showErrors = true
            case "-i", "--include": include = true
            case "-I", "--head": head = true
            case "-f", "--fail": fail = true
            case "-L", "--location", "-v", "--verbose", "-k", "--insecure": continue
            case "-o", "--output": output = value()
            case "-w", "--write-out": writeOut = value()
            case "-X", "--request": method = value()
            case "-d", "--data", "--data-raw": data = value()
            case "-H", "--header":
                let h = value()
                if let c = h.firstIndex(of: ":") { headers[String(h[..<c])] = h[h.index(after: c)...].trimmingCharacters(in: .whitespaces) }
            case "-m", "--max-time", "--connect-timeout": maxTime = SystemApplets.duration(value())
            default:
                if a.hasPrefix("-"), a.count > 1, !a.hasPrefix("--"), a.dropFirst().allSatisfy({ "sSiIfLvk".contains($0) }) {
                    silent = silent || a.contains("s"); showErrors = showErrors || a.contains("S")
                    include = include || a.contains("i"); head = head || a.contains("I"); fail = fail || a.contains("f")
                } else if a.hasPrefix("-") {
                    io.err("curl: option \(a): is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
                    return 2
                } else { url = a }
            }
        }
        let quietErrors = silent && !showErrors
        func failWith(_ code: Int32, _ msg: String) -> Int32 {
            if !quietErrors { io.err("curl: (\(code)) \(msg)\n") }
            return code
        }
        guard let url else {
            io.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
            return 2
        }
        guard let u = parseURL(url) else { return failWith(3, "URL rejected: Malformed input to a URL function") }
        if dnsBlocked(u.host, host) {
            if let m = maxTime, m < resolverTimeout {
                _ = host.sleep(m)
                return failWith(28, "Resolving timed out after \(m.ms + 1) milliseconds")
            }
            _ = host.sleep(resolverTimeout)
            return failWith(6, "Could not resolve host: \(u.host)")
        }
        guard resolve(u.host, host) != nil else { return failWith(6, "Could not resolve host: \(u.host)") }
        var hdrs = ["Host": u.host, "User-Agent": "curl/8.11.0", "Accept": "*/*"]
        hdrs.merge(headers) { _, b in b }
        let req = HTTPRequest(method: method ?? (head ? "HEAD" : data != nil ? "POST" : "GET"), host: u.host, port: u.port,
                              path: u.path, headers: hdrs, body: data ?? "")
        let r: HTTPResponse
        switch send(req, host) {
        case .failure(.connectionRefused):
            return failWith(7, "Failed to connect to \(u.host) port \(u.port) after 0 ms: Couldn't connect to server")
        case .failure(.timedOut):
            if let m = maxTime {
                _ = host.sleep(m)
                return failWith(28, "Connection timed out after \(m.ms + 1) milliseconds")
            }
            _ = host.sleep(kernelConnectTimeout)
            return failWith(28, "Failed to connect to \(u.host) port \(u.port) after \(kernelConnectTimeout.ms) ms: Couldn't connect to server")
        case .failure(.unknownHost(let n)):
            return failWith(6, "Could not resolve host: \(n)")
        case .success(let resp): r = resp
        }
        if fail, r.status >= 400 { return failWith(22, "The requested URL returned error: \(r.status)") }
        var text = ""
        if include || head {
            text += "HTTP/1.1 \(r.status) \(reason(r.status))\r\n"
            for (k, v) in r.headers { text += "\(k): \(v)\r\n" }
            text += "\r\n"
        }
        if !head { text += r.body }
        let size = r.body.utf8.count
        if !silent, !io.outIsTerminal || output != nil {
            io.err("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
                   + "                                 Dload  Upload   Total   Spent    Left  Speed\n"
                   + "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0"
                   + "\r100 \(String(size).leftPadded(5, with: " "))  100 \(String(size).leftPadded(5, with: " "))    0     0   \(speed(size))      0 --:--:-- --:--:-- --:--:--  \(speed(size))\n")
        }
        if let output, output != "-" {
            if case .failure(let e) = host.fs.write(file: output, text, append: false) {
                return failWith(23, "Failure writing output to destination, passed \(size) returned 0 (\(e.text))")
            }
        } else {
            io.out(text)
        }
        if let w = writeOut {
            io.out(w.replacingOccurrences(of: "%{http_code}", with: String(r.status))
                .replacingOccurrences(of: "%{size_download}", with: String(size))
                .replacingOccurrences(of: "\\n", with: "\n"))
        }
        return 0
    }

    /// curl's speed column: bytes per second in its 5-character form (`615k`).
    private static func speed(_ size: Int) -> String {
        String(size >= 1000 ? "\(size / 1000)k" : "\(size * 1000 / 1024)k").leftPadded(4, with: " ")
    }
}
