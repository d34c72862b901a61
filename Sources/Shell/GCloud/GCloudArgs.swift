// gcloud's argument parsing (Python argparse under calliope): `--flag=value` or `--flag value`, boolean flags,
// positionals anywhere, and the errors it prints (`unrecognized arguments: …`, `argument --zone/-z: expected one
// argument`, `argument NAME: Must be specified.` followed by the command's usage).
import MiniCluster

/// A gcloud usage error: the message after `ERROR: (gcloud.PATH) ` and whether the usage block follows.
struct GCloudFailure: Error {
    var message: String
    var showsUsage = false
    var exitCode: Int32 = 1
    /// Unrecognized arguments end with the help-search hint instead of usage.
    var searchHint = false

    static func usage(_ m: String) -> GCloudFailure { GCloudFailure(message: m, showsUsage: true, exitCode: 2) }
}

struct GCloudArgs {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var bools: [String: Bool] = [:]
    /// Flag names in the order given (argparse names the later of two conflicting flags).
    var order: [String] = []

    func value(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { bools[name] ?? false }

    /// `--release-channel`'s value, checked against its choices as argparse does.
    func releaseChannel() throws -> String? {
        guard let v = value("release-channel") else { return nil }
        let choices = ["rapid", "regular", "extended", "stable", "None"]
        guard choices.contains(v) else {
            throw GCloudFailure.usage("argument --release-channel: \(v) must be one of [\(choices.joined(separator: ", "))]")
        }
        return v
    }
    func has(_ name: String) -> Bool { values[name] != nil || bools[name] != nil }

    /// Flags every command accepts (calliope's global flags).
    static let globalValueFlags: Set<String> = ["project", "account", "format", "verbosity", "configuration", "flags-file",
                                                "billing-project", "impersonate-service-account", "filter", "limit", "sort-by", "page-size"]
    static let globalBoolFlags: Set<String> = ["quiet", "help", "log-http", "user-output-enabled", "trace-token"]
    /// Flags of our commands that take no value (besides `--enable-*`/`--disable-*`/`--no-*`).
    static let boolFlags: Set<String> = ["async", "internal-ip", "dns-endpoint", "spot", "preemptible", "installation", "all",
                                         "enable-autoscaling", "enable-network-policy", "shielded-secure-boot", "generate-password",
                                         "set-password", "uri", "install-connect-agent", "has-private-issuer",
                                         "uninstall-connect-agent", "allow-vulnerability-scanning", "immutable-tags",
                                         "allow-snapshot-overwrites"]
    static let intFlags: Set<String> = ["num-nodes", "min-nodes", "max-nodes", "size", "total-min-nodes", "total-max-nodes",
                                        "max-pods-per-node", "local-ssd-count", "max-surge-upgrade", "max-unavailable-upgrade"]
    /// Integer flags with a least value, by command: a cluster is created with at least one node per zone
    /// (flags.AddNumNodes: BoundedInt(1)); a node pool may be created with or resized to zero.
    static let lowerBounds: [String: [String: Int]] = ["container clusters create": ["num-nodes": 1]]
    static let shortFlags: [String: String] = ["-q": "quiet", "-z": "zone", "-h": "help"]
    /// The flags every command lists (GCLOUD WIDE FLAGS), offered as "did you mean" suggestions with its own.
    static let wideFlags = ["--access-token-file", "--account", "--billing-project", "--configuration", "--flags-file", "--flatten",
                            "--format", "--help", "-h", "--impersonate-service-account", "--log-http", "--project", "--quiet", "-q",
                            "--trace-token", "--user-output-enabled", "--verbosity"]

    static func isBool(_ name: String) -> Bool {
        boolFlags.contains(name) || globalBoolFlags.contains(name) || name.hasPrefix("enable-") || name.hasPrefix("disable-")
    }

    /// Parses `args` for a command accepting `flags` (names without dashes) and at most `maxPositionals`
    /// positional arguments (nil: any number); the rest are unrecognized, as argparse reports them.
    static func parse(_ args: [String], flags: Set<String>, maxPositionals: Int? = nil) throws -> GCloudArgs {
        let (p, unknown) = try scan(args, flags: flags, maxPositionals: maxPositionals)
        if !unknown.isEmpty { throw unrecognized(unknown, flags: flags) }
        return p
    }

    /// `parse` without the unrecognized-arguments error: the arguments and what was not recognized.
    /// `lowerBounds`: integer flags the command declares with a least value (arg_parsers.BoundedInt).
    static func scan(_ args: [String], flags: Set<String>, maxPositionals: Int? = nil,
                     lowerBounds: [String: Int] = [:]) throws -> (GCloudArgs, [String]) {
        var p = GCloudArgs()
        var unknown: [String] = []
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]; i += 1
            if onlyPositionals || a == "-" || !a.hasPrefix("-") {
                if let maxPositionals, p.positionals.count >= maxPositionals { unknown.append(a) } else { p.positionals.append(a) }
                continue
            }
            if a == "--" { onlyPositionals = true; continue }
            var name: String
            var attached: String?
            if let long = shortFlags[a] { name = long } else if a.hasPrefix("--") {
                let body = a.dropFirst(2)
                if let eq = body.firstIndex(of: "=") { name = String(body[..<eq]); attached = String(body[body.index(after: eq)...]) } else { name = String(body) }
            } else { unknown.append(a); continue }
            var negated = false
            if !flags.contains(name), !globalValueFlags.contains(name), !globalBoolFlags.contains(name),
               name.hasPrefix("no-"), flags.contains(String(name.dropFirst(3))), isBool(String(name.dropFirst(3))) {
                name = String(name.dropFirst(3)); negated = true
            }
            guard flags.contains(name) || globalValueFlags.contains(name) || globalBoolFlags.contains(name) else { unknown.append(a); continue }
            if isBool(name) {
                if let attached { throw GCloudFailure.usage("argument \(display(name)): ignored explicit argument '\(attached)'") }
                p.bools[name] = !negated
                p.order.append(name)
                continue
            }
            var v = attached
            if v == nil, i < args.count, !args[i].hasPrefix("-") || args[i] == "-" { v = args[i]; i += 1 }
            guard let value = v else { throw GCloudFailure.usage("argument \(display(name)): expected one argument") }
            if intFlags.contains(name), Int(value) == nil {
                throw GCloudFailure.usage("argument \(display(name)): Value must be an integer; received: \(value)")
            }
            if let least = lowerBounds[name], let n = Int(value), n < least {
                throw GCloudFailure.usage("argument \(display(name)): Value must be greater than or equal to \(least); received: \(value)")
            }
            // argparse checks a flag's choices as it reads it, before any unrecognized argument is reported.
            if name == "release-channel" { p.values[name] = value; _ = try p.releaseChannel() }
            p.values[name] = value
            p.order.append(name)
        }
        return (p, unknown)
    }

    /// calliope's `unrecognized arguments:` error, each flag with the closest known one (`--zon (did you mean
    /// '--zone'?)`): one argument on the same line, several one a line.
    static func unrecognized(_ unknown: [String], flags: Set<String>) -> GCloudFailure {
        let choices = flags.sorted().map { "--" + $0 } + wideFlags + (flags.contains("zone") ? ["-z"] : [])
        var messages: [String] = []
        for arg in unknown {
            let parts = arg.split(separator: "=", omittingEmptySubsequences: false)
            let flag = String(parts[0])
            let suggestion = flag.hasPrefix("--") || parts.count > 1 ? GCloudSuggest.closeMatch(flag, choices) : nil
            if suggestion == nil, messages.contains(arg) { continue }
            messages.append(suggestion.map { "\(arg) (did you mean '\($0)'?)" } ?? arg)
        }
        let hint = "To search the help text of gcloud commands, run:\n  gcloud help -- SEARCH_TERMS"
        if messages.count > 1 {
            return GCloudFailure(message: "unrecognized arguments:\n  " + (messages + [hint]).joined(separator: "\n  "), exitCode: 2)
        }
        return GCloudFailure(message: "unrecognized arguments: " + messages[0] + " \n\n" + hint, exitCode: 2)
    }

    /// argparse names a flag with its short form too (`--zone/-z`).
    static func display(_ name: String) -> String {
        if let short = shortFlags.first(where: { $0.value == name })?.key, name == "zone" { return "--\(name)/\(short)" }
        return "--\(name)"
    }
}

extension GCloudUsage {
    /// The flag names (without dashes) a command's recorded usage lists, so every real flag is accepted.
    static func flags(of path: String) -> Set<String> {
        guard let block = blocks[path] else { return [] }
        // Usage lines wrap inside long flag names; lines that do not end a flag continue the same word.
        var joined = ""
        for line in block.split(separator: "\n") {
            let t = line.drop { $0 == " " }
            if let last = joined.last, last != "|", last != " ", !t.hasPrefix("--"), !t.hasPrefix("optional") { joined += t } else { joined += " " + t }
        }
        var names: Set<String> = []
        var rest = Substring(joined)
        while let r = rest.range(of: "--") {
            var name = rest[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "[" || $0 == "]" }
            rest = rest[r.upperBound...].dropFirst(name.count)
            if name.hasPrefix("[no-]") { name = name.dropFirst(5); names.insert("no-" + name) }
            if !name.isEmpty, !name.contains("[") { names.insert(String(name)) }
        }
        return names
    }

    /// How many positional arguments the command's usage line takes (`NAME` one, `NAME [NAME ...]` any: nil).
    static func maxPositionals(of path: String) -> Int? {
        guard let first = blocks[path]?.split(separator: "\n").first else { return nil }
        let words = first.split(separator: " ").dropFirst(2 + path.split(separator: " ").count)
        var n = 0
        for w in words {
            // `(MEMBERSHIP_NAME : --location=LOCATION)`: a name positional that a flag may stand in for.
            if w.hasPrefix("("), w.dropFirst().first?.isUppercase == true { n += 1; break }
            if w.hasPrefix("[optional") || w.hasPrefix("(") || w.hasPrefix("--") || w.hasPrefix("[--") { break }
            if w.hasSuffix("...]") { return nil }
            n += 1
        }
        return n
    }
}
