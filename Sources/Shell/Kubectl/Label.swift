// `kubectl label` and (through the same engine) `kubectl annotate`: `key=value` / `key-` changes to
// metadata.labels or metadata.annotations, with --overwrite, --list, --resource-version, selectors and dry-run.
import Foundation
import MiniCluster
import OrderedCollections

/// What differs between label and annotate; everything else is shared.
enum MetadataMapKind {
    case labels, annotations

    var field: String { self == .labels ? "labels" : "annotations" }
    var pairType: String { self == .labels ? "label" : "annotation" }
}

struct LabelVerb: KubectlVerb {
    let path = ["label"]
    var flags: [FlagSpec] { MetadataMapCommand.flags(manager: "kubectl-label") }
    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try MetadataMapCommand(kind: .labels).run(f, k)
    }
}

/// The shared label/annotate engine (kubectl's label.go and annotate.go behave alike apart from wording).
struct MetadataMapCommand {
    let kind: MetadataMapKind

    static func flags(manager: String) -> [FlagSpec] {
        ManifestReader.flags("Filename, directory, or URL to files identifying the resource to update") + [
            MutationFlags.dryRun,
            FlagSpec("all", .bool, default: "false", usage: "Select all resources, in the namespace of the specified resource types"),
            FlagSpec("all-namespaces", "A", .bool, default: "false", usage: "If true, check the specified action in all namespaces."),
            FlagSpec("field-manager", default: manager, usage: "Name of the manager used to track field ownership."),
            FlagSpec("field-selector", usage: "Selector (field query) to filter on, supports '=', '==', and '!='."),
            FlagSpec("list", .bool, default: "false", usage: "If true, display the labels/annotations for a given resource."),
            FlagSpec("local", .bool, default: "false", usage: "If true, will NOT contact api-server but run locally."),
            FlagSpec("output", "o", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
            FlagSpec("overwrite", .bool, default: "false", usage: "If true, allow labels/annotations to be overwritten, otherwise reject updates that overwrite existing ones."),
            FlagSpec("resource-version", usage: "If non-empty, the update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource."),
            FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='."),
            FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
            FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
            FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template."),
        ]
    }

    /// kubectl's GetResourcesAndPairs: resource words first, then `k=v` / `k-` changes.
    static func split(_ args: [String], pairType: String) throws -> (resources: [String], pairs: [String]) {
        var resources: [String] = [], pairs: [String] = []
        for s in args {
            let isPair = (s.contains("=") && !s.hasPrefix("=")) || (s.hasSuffix("-") && s != "-")
            if isPair { pairs.append(s); continue }
            if !pairs.isEmpty { throw KubectlFailure.plain("all resources must be specified before \(pairType) changes: \(s)") }
            resources.append(s)
        }
        return (resources, pairs)
    }

    /// Parses the changes: new values by key (in the order given) and keys to remove.
    func parsePairs(_ pairs: [String]) throws -> (set: [(String, String)], remove: [String]) {
        var set: [(String, String)] = [], remove: [String] = []
        var invalid: [String] = []
        for p in pairs {
            if p.contains("="), !p.hasPrefix("=") {
                let parts = p.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
                if kind == .labels {
                    guard parts.count == 2 else { throw KubectlFailure.plain("invalid label spec: \(p)") }
                    let errs = Self.labelValueErrors(parts[1])
                    if !errs.isEmpty {
                        throw KubectlFailure.plain("invalid label value: \(goQuoted(p)): \(errs.joined(separator: ";"))")
                    }
                    set.append((parts[0], parts[1]))
                } else {
                    set.append((parts[0], parts.dropFirst().joined(separator: "=")))
                }
            } else if p.hasSuffix("-"), p != "-" {
                remove.append(String(p.dropLast()))
            } else if kind == .labels {
                throw KubectlFailure.plain("unknown label spec: \(p)")
            } else {
                invalid.append(p)
            }
        }
        if !invalid.isEmpty { throw KubectlFailure.plain("invalid annotation format: \(invalid.joined(separator: ", "))") }
        let both = remove.filter { r in set.contains { $0.0 == r } }
        if !both.isEmpty {
            throw KubectlFailure.plain(kind == .labels ? "can not both modify and remove a label in the same command"
                : "can not both modify and remove the following annotation(s) in the same command: \(both.joined(separator: ", "))")
        }
        return (set, remove)
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let dryRun = try DryRunStrategy.from(f, k)
        let (resources, pairs) = try Self.split(f.args, pairType: kind.pairType)
        let changes = try parsePairs(pairs)
        let list = f.bool("list")
        if list, !f.string("output").isEmpty { throw KubectlFailure.plain("--list and --output may not be specified together") }
        if f.bool("all"), !f.string("selector").isEmpty { throw KubectlFailure.plain("cannot set --all and --selector at the same time") }
        if f.bool("all"), !f.string("field-selector").isEmpty {
            throw KubectlFailure.plain("cannot set --all and --field-selector at the same time")
        }
        if resources.isEmpty, f.strings("filename").isEmpty {
            throw KubectlFailure.plain("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        if changes.set.isEmpty, changes.remove.isEmpty, !list {
            throw KubectlFailure.plain("at least one \(kind.pairType) update is required")
        }
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let cluster = try k.cluster()
        let targets = try ResourceTargets.resolve(resources, f, k, cluster: cluster, allowEmptySelector: f.bool("all"))
        let resourceVersion = f.string("resource-version")
        if !targets.singleItemImplied, !resourceVersion.isEmpty {
            throw KubectlFailure.plain("--resource-version may only be used with a single resource")
        }
        var errors: [KubectlFailure] = []
        for item in targets.items {
            switch item {
            case .failure(let e): errors.append(e)
            case .target(let t):
                do {
                    try apply(changes, to: t, cluster: cluster, dryRun: dryRun, list: list, single: targets.singleItemImplied,
                              resourceVersion: resourceVersion, overwrite: f.bool("overwrite"), printer: printer, k)
                } catch let e as KubectlFailure { errors.append(e) } catch let e as APIError { errors.append(.api(e)) }
            }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }

    /// Changes one object and prints the outcome.
    func apply(_ changes: (set: [(String, String)], remove: [String]), to t: ObjectTarget, cluster: Cluster,
               dryRun: DryRunStrategy, list: Bool, single: Bool, resourceVersion: String, overwrite: Bool,
               printer: ResultPrinter, _ k: KubectlContext) throws {
        let live = try ResourceTargets.live(t, cluster)
        let old = live[path: "metadata", kind.field]?.objectValue
        let current = live[path: "metadata", kind.field]?.stringMap ?? [:]
        let local = dryRun == .client || list
        if !local, kind == .labels {
            for key in changes.remove where current[key] == nil { k.io.outLine("label \(goQuoted(key)) not found.") }
        }
        if !overwrite { try checkOverwrites(changes.set, current) }
        var map = old ?? [:]
        for (key, value) in changes.set { map[key] = .string(value) }
        for key in changes.remove { map[key] = nil }
        var updated = live
        updated[path: "metadata", kind.field] = .object(map)
        if !resourceVersion.isEmpty { updated[path: "metadata", "resourceVersion"] = .string(resourceVersion) }

        var result = updated
        if !local {
            var patchMeta: Value = [kind.field: mergePatch(old ?? [:], map)]
            if !resourceVersion.isEmpty { patchMeta["resourceVersion"] = .string(resourceVersion) }
            try Impersonation.authorize(t.requester, cluster, verb: "patch", type: t.type, name: t.name, namespace: t.namespace)
            let response = try cluster.api.patch(t.type, namespace: t.namespace, name: t.name, patch: ["metadata": patchMeta],
                                                 type: .merge, dryRun: dryRun == .server)
            if kind == .annotations { result = response }
        }
        if list {
            let shown = updated[path: "metadata", kind.field]?.stringMap ?? [:]
            var indent = ""
            if !single {
                indent = " "
                let group = t.type.group
                k.io.outLine("Listing \(kind.field) for \(t.type.kind).\(group)/\(t.name):")
            }
            for key in shown.keys.sorted() { k.io.outLine("\(indent)\(key)=\(shown[key] ?? "")") }
            return
        }
        try printer.print(result, type: t.type, operation: operation(old: old, new: map, overwrite: overwrite), k)
    }

    /// label: `labeled`, `not labeled` (nothing changed) or `unlabeled` (the object got shorter without
    /// --overwrite), exactly kubectl's updateDataChangeMsg; annotate always says `annotated`.
    func operation(old: OrderedDictionaryOfValues?, new: OrderedDictionaryOfValues, overwrite: Bool) -> String {
        guard kind == .labels else { return "annotated" }
        let before = old.map { jsonLength($0) } ?? -1
        let after = jsonLength(new)
        if let old, Value.object(old).sortedKeys == Value.object(new).sortedKeys { return "not labeled" }
        if !overwrite, old != nil, after < before { return "unlabeled" }
        return "labeled"
    }

    func jsonLength(_ m: OrderedDictionaryOfValues) -> Int { JSONCodec.encodeCompact(Value.object(m).sortedKeys).utf8.count }

    /// The JSON merge patch for one map: changed keys with their value, removed keys as null.
    func mergePatch(_ old: OrderedDictionaryOfValues, _ new: OrderedDictionaryOfValues) -> Value {
        var out = OrderedDictionaryOfValues()
        for (key, v) in new where old[key] != v { out[key] = v }
        for key in old.keys where new[key] == nil { out[key] = .null }
        return .object(out)
    }

    func checkOverwrites(_ set: [(String, String)], _ current: [String: String]) throws {
        let clashes = set.filter { key, value in
            guard let have = current[key], have != value else { return false }
            return !(kind == .annotations && key == "kubernetes.io/change-cause")
        }.sorted { $0.0 < $1.0 }
        if clashes.isEmpty { return }
        if kind == .labels {
            let (key, _) = clashes[0]
            throw KubectlFailure.plain("'\(key)' already has a value (\(current[key] ?? "")), and --overwrite is false")
        }
        let list = clashes.map { "'\($0.0)' already has a value (\(current[$0.0] ?? ""))" }.joined(separator: "; ")
        throw KubectlFailure.plain("--overwrite is false but found the following declared annotation(s): \(list)")
    }

    /// Label value rules (checked client-side by kubectl).
    static func labelValueErrors(_ v: String) -> [String] { MiniCluster.NameRules.labelValue(v) }

    /// Go's %q for the plain strings these messages quote.
    func goQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

typealias OrderedDictionaryOfValues = OrderedDictionary<String, Value>
