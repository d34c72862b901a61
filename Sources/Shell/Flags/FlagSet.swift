// Command-line flags with pflag's rules (the library kubectl uses): flags anywhere, `-n ns`, `-nns`, `-n=ns`,
// `--namespace=ns`, `--namespace ns`, grouped boolean shorthands (`-it`), `--` ends flags; pflag's error texts.

public enum FlagType: Sendable, Equatable {
    case bool, string, int, stringArray, stringSlice, duration
}

public struct FlagSpec: Sendable {
    public var name: String
    public var shorthand: Character?
    public var type: FlagType
    public var defaultValue: String
    public var usage: String
    /// For a bool-like flag whose bare form means a value other than "true" (e.g. `--dry-run` means "unchanged").
    public var noOptDefault: String?
    public var hidden: Bool

    public init(_ name: String, _ shorthand: Character? = nil, _ type: FlagType = .string, default defaultValue: String = "",
                noOptDefault: String? = nil, hidden: Bool = false, usage: String = "") {
        self.name = name; self.shorthand = shorthand; self.type = type; self.defaultValue = defaultValue
        self.usage = usage; self.noOptDefault = noOptDefault; self.hidden = hidden
    }

    /// A flag with no shorthand.
    public init(_ name: String, _ type: FlagType, default defaultValue: String = "", noOptDefault: String? = nil,
                hidden: Bool = false, usage: String = "") {
        self.init(name, nil, type, default: defaultValue, noOptDefault: noOptDefault, hidden: hidden, usage: usage)
    }

    /// `-r, --replicas` or `--replicas`, as pflag names a flag in errors.
    public var displayName: String { shorthand.map { "-\($0), --\(name)" } ?? "--\(name)" }
}

public struct FlagError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ m: String) { message = m }
    public var description: String { message }
}

/// The parse result: values set by the user (strings as typed) and the positional arguments.
public struct ParsedFlags {
    public var specs: [String: FlagSpec]
    public var values: [String: [String]] = [:]
    public var args: [String] = []
    /// Arguments after `--` (kubectl exec/run use them as the command).
    public var argsAfterDash: [String]? = nil

    public func isSet(_ name: String) -> Bool { values[name] != nil }

    public func string(_ name: String) -> String {
        values[name]?.last ?? specs[name]?.defaultValue ?? ""
    }

    public func bool(_ name: String) -> Bool {
        parseBool(string(name)) ?? false
    }

    public func int(_ name: String) -> Int { Int(string(name)) ?? 0 }

    /// stringArray: each occurrence one value; stringSlice: each occurrence split at commas.
    public func strings(_ name: String) -> [String] {
        guard let vs = values[name] else {
            let d = specs[name]?.defaultValue ?? ""
            return d.isEmpty ? [] : (specs[name]?.type == .stringSlice ? splitCSV(d) : [d])
        }
        if specs[name]?.type == .stringSlice { return vs.flatMap(splitCSV) }
        return vs
    }
}

func parseBool(_ s: String) -> Bool? {
    switch s {
    case "1", "t", "T", "true", "TRUE", "True": return true
    case "0", "f", "F", "false", "FALSE", "False": return false
    default: return nil
    }
}

/// pflag reads stringSlice values as one CSV record.
func splitCSV(_ s: String) -> [String] {
    if s.isEmpty { return [] }
    var out: [String] = [], cur = "", inQuotes = false
    for c in s {
        if c == "\"" { inQuotes.toggle(); continue }
        if c == ",", !inQuotes { out.append(cur); cur = ""; continue }
        cur.append(c)
    }
    out.append(cur)
    return out
}

public struct FlagSet {
    public var specs: [FlagSpec]
    private var byName: [String: FlagSpec] = [:]
    private var byShort: [Character: FlagSpec] = [:]

    public init(_ specs: [FlagSpec]) {
        self.specs = specs
        for s in specs {
            byName[s.name] = s
            if let c = s.shorthand { byShort[c] = s }
        }
    }

    public func spec(_ name: String) -> FlagSpec? { byName[name] }

    /// Parses `argv` (without the command words). Throws pflag's messages.
    public func parse(_ argv: [String]) throws -> ParsedFlags {
        var out = ParsedFlags(specs: byName)
        var i = 0
        func take(_ spec: FlagSpec, _ value: String) throws {
            try validate(spec, value)
            out.values[spec.name, default: []].append(value)
        }
        while i < argv.count {
            let a = argv[i]
            i += 1
            if a == "--" {
                out.argsAfterDash = Array(argv[i...])
                out.args += argv[i...]
                break
            }
            if a.hasPrefix("--") {
                let body = String(a.dropFirst(2))
                let name: String, inline: String?
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq]); inline = String(body[body.index(after: eq)...])
                } else { name = body; inline = nil }
                guard let spec = byName[name] else { throw FlagError("unknown flag: --\(name)") }
                if let inline { try take(spec, inline); continue }
                if spec.type == .bool { try take(spec, "true"); continue }
                if let d = spec.noOptDefault { try take(spec, d); continue }
                guard i < argv.count else { throw FlagError("flag needs an argument: --\(name)") }
                try take(spec, argv[i]); i += 1
                continue
            }
            if a.hasPrefix("-"), a.count > 1 {
                var chars = Array(a.dropFirst())
                while !chars.isEmpty {
                    let c = chars.removeFirst()
                    guard let spec = byShort[c] else {
                        throw FlagError("unknown shorthand flag: '\(c)' in \(a)")
                    }
                    if chars.first == "=" {
                        chars.removeFirst()
                        try take(spec, String(chars)); chars = []; break
                    }
                    if spec.type == .bool { try take(spec, "true"); continue }
                    if let d = spec.noOptDefault, chars.isEmpty { try take(spec, d); continue }
                    if !chars.isEmpty { try take(spec, String(chars)); chars = []; break }
                    guard i < argv.count else { throw FlagError("flag needs an argument: '\(c)' in \(a)") }
                    try take(spec, argv[i]); i += 1
                }
                continue
            }
            out.args.append(a)
        }
        return out
    }

    private func validate(_ spec: FlagSpec, _ value: String) throws {
        func bad(_ detail: String) -> FlagError {
            FlagError("invalid argument \"\(value)\" for \"\(spec.displayName)\" flag: \(detail)")
        }
        switch spec.type {
        case .bool:
            if parseBool(value) == nil { throw bad("strconv.ParseBool: parsing \"\(value)\": invalid syntax") }
        case .int:
            if Int(value) == nil {
                let range = value.allSatisfy { $0.isNumber || $0 == "-" || $0 == "+" } && !value.isEmpty
                throw bad("strconv.ParseInt: parsing \"\(value)\": \(range ? "value out of range" : "invalid syntax")")
            }
        case .duration:
            if GoDuration.parse(value) == nil { throw bad("time: invalid duration \"\(value)\"") }
        default: break
        }
    }
}

/// Go's `time.ParseDuration` subset kubectl flags accept: `30s`, `1m30s`, `2h`, `500ms`, `0`.
public enum GoDuration {
    /// Milliseconds, or nil when the text is not a Go duration.
    public static func parse(_ s: String) -> Int64? {
        if s == "0" { return 0 }
        var rest = Substring(s), total = 0.0, any = false
        let units: [(String, Double)] = [("ns", 1e-6), ("us", 1e-3), ("µs", 1e-3), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        var sign = 1.0
        if rest.hasPrefix("-") { sign = -1; rest = rest.dropFirst() } else if rest.hasPrefix("+") { rest = rest.dropFirst() }
        while !rest.isEmpty {
            let num = rest.prefix { $0.isNumber || $0 == "." }
            guard !num.isEmpty, let n = Double(num) else { return nil }
            rest = rest.dropFirst(num.count)
            guard let (u, mult) = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else { return nil }
            rest = rest.dropFirst(u.count)
            total += n * mult
            any = true
        }
        return any ? Int64(sign * total) : nil
    }
}
