// curl's command line: short options grouped (`-sSL`, `-XPOST`), long options with their value as the next word,
// URLs anywhere, and curl's words for an unknown option.
import Foundation
import MiniCluster

extension Curl {
    /// Options that take a value, by every spelling.
    private static let valued: [String: WritableKeyPath<Options, String?>] = [
        "-o": \.output, "--output": \.output, "-w": \.writeOut, "--write-out": \.writeOut,
        "-X": \.method, "--request": \.method, "-d": \.data, "--data": \.data, "--data-raw": \.data,
        "--data-binary": \.data, "--data-ascii": \.data,
    ]
    private static let flags: [String: WritableKeyPath<Options, Bool>] = [
        "-s": \.silent, "--silent": \.silent, "-S": \.showErrors, "--show-error": \.showErrors, "-i": \.include,
        "--include": \.include, "-I": \.head, "--head": \.head, "-v": \.verbose, "--verbose": \.verbose,
        "-f": \.fail, "--fail": \.fail, "-L": \.follow, "--location": \.follow,
    ]
    /// Accepted and without effect here (TLS, IP version, HTTP version, retries …).
    private static let ignoredFlags: Set<String> = ["-k", "--insecure", "-4", "-6", "--http1.1", "--http2", "-N", "--no-buffer",
                                                    "--compressed", "-#", "--progress-bar", "-g", "--globoff", "--fail-with-body"]
    private static let ignoredValued: Set<String> = ["-A", "--user-agent", "--retry", "--retry-delay", "-u", "--user", "-e", "--referer",
                                                     "-b", "--cookie", "-c", "--cookie-jar", "--resolve"]

    static func parse(_ args: [String]) -> Result<Options, ParseError> {
        var o = Options()
        var i = 0
        func unknown(_ a: String) -> ParseError {
            ParseError("curl: option \(a): is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
        }
        func needsValue(_ a: String) -> ParseError {
            ParseError("curl: option \(a): requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
        }
        func set(_ opt: String, _ value: String, _ o: inout Options) -> ParseError? {
            switch opt {
            case "-H", "--header":
                guard let c = value.firstIndex(of: ":") else { return nil }
                o.headers.append((String(value[..<c]), value[value.index(after: c)...].trimmingCharacters(in: .whitespaces)))
            case "-m", "--max-time", "--connect-timeout":
                guard let secs = Double(value), secs >= 0 else {
                    return ParseError("curl: option \(opt): expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
                }
                let d = Duration.milliseconds(Int64(secs * 1000))
                if opt == "--connect-timeout" { o.connectTimeout = d } else { o.maxTime = d }
            default:
                if let kp = valued[opt] { o[keyPath: kp] = value }
            }
            return nil
        }
        let takesValue = { (opt: String) in valued[opt] != nil || ["-H", "--header", "-m", "--max-time", "--connect-timeout"].contains(opt) || ignoredValued.contains(opt) }
        while i < args.count {
            let a = args[i]
            i += 1
            if a.hasPrefix("--") {
                if let kp = flags[a] { o[keyPath: kp] = true; continue }
                if ignoredFlags.contains(a) { continue }
                guard takesValue(a) else { return .failure(unknown(a)) }
                guard i < args.count else { return .failure(needsValue(a)) }
                if let e = set(a, args[i], &o) { return .failure(e) }
                i += 1
                continue
            }
            guard a.hasPrefix("-"), a.count > 1 else { o.urls.append(a); continue }
            var letters = Array(a.dropFirst())
            while !letters.isEmpty {
                let opt = "-" + String(letters.removeFirst())
                if let kp = flags[opt] { o[keyPath: kp] = true; continue }
                if ignoredFlags.contains(opt) { continue }
                guard takesValue(opt) else { return .failure(unknown(opt)) }
                var value = String(letters)
                letters = []
                if value.isEmpty {
                    guard i < args.count else { return .failure(needsValue(opt)) }
                    value = args[i]; i += 1
                }
                if let e = set(opt, value, &o) { return .failure(e) }
            }
        }
        return .success(o)
    }

    /// A command-line mistake, as curl prints it (ends with a newline).
    struct ParseError: Error, Equatable {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
