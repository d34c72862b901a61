// GNU `wget` on the learner's machine: fetches a URL from the simulated clusters into a workspace file (or
// stdout with `-O -`), with wget's log on stderr (`-q` silences it) and its exit codes (4 network, 8 HTTP error).
// Simplified: one attempt, no retries.
import Foundation
import MiniCluster

struct Wget: ShellCommand {
    let name = "wget"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        var quiet = false, output: String?, timeout: Duration?
        var urls: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            switch a {
            case "-q", "--quiet": quiet = true
            case "-O", "--output-document", "-T", "--timeout":
                guard i < args.count else {
                    io.err("wget: option requires an argument -- '\(a.last ?? "O")'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n")
                    return 2
                }
                if a.hasPrefix("-O") || a.hasPrefix("--output") { output = args[i] } else { timeout = Double(args[i]).map { Duration.milliseconds(Int64($0 * 1000)) } }
                i += 1
            case "-qO-", "-qO", "-O-":
                quiet = quiet || a.hasPrefix("-q")
                if a.hasSuffix("-") && a != "-qO" { output = "-" } else if i < args.count { output = args[i]; i += 1 }
            default:
                if a.hasPrefix("--output-document=") { output = String(a.dropFirst("--output-document=".count)) }
                else if a.hasPrefix("-O"), a.count > 2 { output = String(a.dropFirst(2)) }
                else if a.hasPrefix("-") && a.count > 1 {
                    io.err("wget: invalid option -- '\(a.dropFirst().prefix(1))'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n")
                    return 2
                } else { urls.append(a) }
            }
        }
        guard let url = urls.first else {
            io.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n")
            return 1
        }
        let log: (String) -> Void = { if !quiet { io.err($0) } }
        guard let parts = SandboxNetwork.parse(url) else {
            log("\(url): Unsupported scheme.\n")
            return 1
        }
        log("--\(Self.clock(SandboxNetwork.now(session)))--  \(parts.text)\n")
        guard let ip = SandboxNetwork.resolve(parts.host) else {
            log("Resolving \(parts.host) (\(parts.host))... failed: Name or service not known.\n")
            log("wget: unable to resolve host address ‘\(parts.host)’\n")
            return 4
        }
        let named = ip != parts.host
        if named { log("Resolving \(parts.host) (\(parts.host))... \(ip)\n") }
        log(named ? "Connecting to \(parts.host) (\(parts.host))|\(ip)|:\(parts.port)... " : "Connecting to \(ip):\(parts.port)... ")
        let request = HTTPRequest(host: parts.host, port: parts.port, path: parts.path,
                                  headers: ["Host": parts.host, "User-Agent": "Wget/1.21.3", "Accept": "*/*"])
        let response: HTTPResponse
        switch SandboxNetwork.send(request, to: ip, session: session) {
        case .success(let r): response = r
        case .failure(.timedOut):
            session.sleep(timeout ?? Curl.kernelConnectTimeout)
            log("failed: Connection timed out.\n")
            return 4
        case .failure:
            log("failed: Connection refused.\n")
            return 4
        }
        log("connected.\nHTTP request sent, awaiting response... \(response.status) \(SandboxNetwork.reason(response.status))\n")
        guard response.status < 400 else {
            log("\(Self.clock(SandboxNetwork.now(session))) ERROR \(response.status): \(SandboxNetwork.reason(response.status)).\n\n")
            return 8
        }
        let size = response.body.utf8.count
        let type = SandboxNetwork.header(response, "Content-Type").map { " [\($0.split(separator: ";").first.map(String.init) ?? $0)]" } ?? ""
        log("Length: \(size)\(type)\n")
        let file = output ?? Self.fileName(parts.path, session)
        if file == "-" {
            log("Saving to: ‘STDOUT’\n\n")
            io.out(response.body)
        } else {
            log("Saving to: ‘\(file)’\n\n")
            if let problem = session.writeFile(file, response.body, append: false) {
                io.err("\(file): \(problem.message)\n")
                return 3
            }
        }
        let shown = file == "-" ? "-" : file
        log("\(shown.padding(toLength: max(shown.count, 19), withPad: " ", startingAt: 0)) 100%[===================>] \(String(size).leftPadded(7, with: " "))  --.-KB/s    in 0s      \n\n")
        log("\(Self.clock(SandboxNetwork.now(session))) (\(size) B/s) - \(file == "-" ? "written to stdout" : "‘\(file)’ saved") [\(size)/\(size)]\n\n")
        return 0
    }

    /// `2026-11-26 09:00:00`
    static func clock(_ t: Timestamp) -> String {
        let s = t.rfc3339
        return String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(8))
    }

    /// The file name wget picks: the last path segment or `index.html`, with `.1`, `.2` … when taken.
    static func fileName(_ path: String, _ session: ShellSession) -> String {
        let last = path.split(separator: "?").first.map(String.init)?.split(separator: "/").last.map(String.init) ?? ""
        let base = last.isEmpty ? "index.html" : last
        var name = base, n = 0
        while session.resolve(name).map({ FileManager.default.fileExists(atPath: $0.path) }) == true { n += 1; name = "\(base).\(n)" }
        return name
    }
}
