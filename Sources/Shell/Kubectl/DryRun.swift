// Flags and printing shared by kubectl's mutating verbs: `--dry-run`, `--validate`, `--field-manager`,
// `--save-config`, the print flags (`-o`, `--template` …) and the `<type>/<name> created (dry run)` line.
import MiniCluster

/// What `--dry-run` asked for.
public enum DryRunStrategy: Equatable {
    case none, client, server

    /// The suffix kubectl appends to the operation word (`created (dry run)`).
    public var suffix: String {
        switch self {
        case .none: return ""
        case .client: return " (dry run)"
        case .server: return " (server dry run)"
        }
    }

    /// Reads `--dry-run` the way kubectl's GetDryRunStrategy does, writing its deprecation warnings.
    public static func from(_ f: ParsedFlags, _ k: KubectlContext) throws -> DryRunStrategy {
        let raw = f.string("dry-run")
        if let b = parseBool(raw) {
            let target = b ? "client" : "none"
            MutationFlags.klogWarning("helpers.go:716", "--dry-run=\(raw) is deprecated (boolean value) and can be replaced with --dry-run=\(target).", k)
            return b ? .client : .none
        }
        switch raw {
        case MutationFlags.dryRunNoOpt:
            MutationFlags.klogWarning("helpers.go:702", "--dry-run is deprecated and can be replaced with --dry-run=client.", k)
            return .client
        case "client": return .client
        case "server": return .server
        case "none": return .none
        default:
            throw KubectlFailure.plain("Invalid dry-run value (\(raw)). Must be \"none\", \"server\", or \"client\".")
        }
    }
}

/// The flag declarations mutating verbs share, so every verb lists them identically.
public enum MutationFlags {
    /// The value pflag stores for a bare `--dry-run`.
    static let dryRunNoOpt = "unchanged"

    public static let dryRun = FlagSpec("dry-run", default: "none", noOptDefault: dryRunNoOpt,
                                        usage: "Must be \"none\", \"server\", or \"client\". With client, only print the object; with server, submit it without persisting it.")
    public static let validate = FlagSpec("validate", default: "strict", noOptDefault: "strict",
                                          usage: "Must be one of: strict (or true), warn, ignore (or false).")
    public static let saveConfig = FlagSpec("save-config", .bool, default: "false",
                                            usage: "If true, store the object's configuration in its last-applied annotation.")
    public static func fieldManager(_ name: String) -> FlagSpec {
        FlagSpec("field-manager", default: name, usage: "Name of the manager used to track field ownership.")
    }

    /// `-o` and the template flags (kubectl's PrintFlags).
    public static let printFlags: [FlagSpec] = [
        FlagSpec("output", "o", usage: "Output format: one of json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file."),
        FlagSpec("template", usage: "Template string or path to a template file for -o=go-template or -o=jsonpath."),
        FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore missing keys in templates."),
        FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep managedFields when printing JSON or YAML."),
    ]

    /// The flags every `kubectl create <generator>` has besides its own.
    public static let createCommon: [FlagSpec] = printFlags + [dryRun, validate, saveConfig, fieldManager("kubectl-create")]

    /// Reads `--validate` (kubectl's GetValidationDirective); only its error matters to the simulator.
    public static func checkValidate(_ f: ParsedFlags) throws {
        let v = f.string("validate")
        if parseBool(v) != nil || ["strict", "warn", "ignore"].contains(v) { return }
        throw KubectlFailure.plain("invalid - validate option \"\(v)\"; must be one of: strict (or true), warn, ignore (or false)")
    }

    /// A klog warning line as kubectl writes it (`W1126 09:00:00.000000    4242 helpers.go:702] …`).
    static func klogWarning(_ source: String, _ message: String, _ k: KubectlContext) {
        let ts = (k.session.currentCluster?.now ?? Timestamp(rfc3339: "2026-11-26T09:00:00Z")!).rfc3339
        // "2026-11-26T09:00:00Z" → "W1126 09:00:00.000000"
        let chars = Array(ts)
        let mmdd = String(chars[5...6]) + String(chars[8...9])
        let hms = String(chars[11...18])
        k.io.errLine("W\(mmdd) \(hms).000000    4242 \(source)] \(message)")
    }
}

/// Prints the objects a mutating verb produced: `-o` output, or `<type>/<name> <verb>[ (dry run)]`.
/// One printer per command run, because YAML output separates the second and later objects with `---`.
public final class MutationPrinter {
    let output: ObjectOutput?
    let verbWord: String
    let dryRun: DryRunStrategy
    private var printed = 0

    /// Reads `-o` (with `--template` and `--allow-missing-template-keys`) the way kubectl's PrintFlags do.
    public init(_ f: ParsedFlags, verb: String = "created", dryRun: DryRunStrategy, session: ShellSession) throws {
        output = try ObjectOutput.parse(flags: f, tables: false, session: session)
        verbWord = verb
        self.dryRun = dryRun
    }

    /// `typed`: kubectl printed a Go struct (generators), so `-o json` keeps field order; unstructured objects
    /// (`create -f`) print with sorted keys.
    public func print(_ obj: Value, typed: Bool = true, _ k: KubectlContext) throws {
        printed += 1
        guard var out = output else {
            k.io.outLine("\(ObjectOutput.name(of: obj)) \(verbWord)\(dryRun.suffix)")
            return
        }
        out.sortJSONKeys = !typed
        if printed > 1, case .yaml = out.format { k.io.out("---\n") }
        try out.print([obj], asList: false, io: k.io)
    }

    /// `kubectl run --expose -o yaml` writes a bare `---` after the service.
    public var isYAML: Bool {
        if let output, case .yaml = output.format { return true }
        return false
    }
}
