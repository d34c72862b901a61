// `kubectl wait --for=condition=…|delete|create|jsonpath=…`: waits (virtual time in scripts, wall time in the
// REPL) until each selected object meets the condition, printing `<type>/<name> condition met`.
import MiniCluster

struct WaitVerb: KubectlVerb {
    let path = ["wait"]
    let flags: [FlagSpec] = [
        FlagSpec("all", .bool, default: "false", usage: "Select all resources in the namespace of the specified resource types"),
        FlagSpec("all-namespaces", "A", .bool, default: "false", usage: "If present, list the requested object(s) across all namespaces."),
        FlagSpec("field-selector", usage: "Selector (field query) to filter on, supports '=', '==', and '!='."),
        FlagSpec("filename", "f", .stringSlice, default: "", usage: "identifying the resource."),
        FlagSpec("for", usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]."),
        FlagSpec("local", .bool, default: "false", usage: "If true, annotation will NOT contact api-server but run locally."),
        FlagSpec("recursive", "R", .bool, default: "true", usage: "Process the directory used in -f, --filename recursively."),
        FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
        FlagSpec("timeout", .duration, default: "30s", usage: "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week."),
    ] + MutationFlags.printFlags

    enum Condition {
        case delete, create
        case condition(String, String)
        case jsonpath(JSONPath, String?)

        static func parse(_ s: String) throws -> Condition {
            let lower = s.lowercased()
            if lower == "delete" { return .delete }
            if lower == "create" { return .create }
            if lower.hasPrefix("condition=") {
                let rest = String(s.dropFirst("condition=".count))
                if let i = rest.firstIndex(of: "=") { return .condition(String(rest[..<i]), String(rest[rest.index(after: i)...])) }
                return .condition(rest, "true")
            }
            if lower.hasPrefix("jsonpath=") {
                let rest = String(s.dropFirst("jsonpath=".count))
                guard let close = rest.lastIndex(of: "}") else {
                    throw KubectlFailure.plain("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
                }
                let expr = String(rest[...close])
                let after = rest[rest.index(after: close)...]
                let value: String? = after.hasPrefix("=") ? String(after.dropFirst()) : nil
                if after.count > 0, value == nil { throw KubectlFailure.plain("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'") }
                do { return .jsonpath(try JSONPath(expr), value) } catch let e as JSONPath.ParseError {
                    throw KubectlFailure.plain(e.message)
                }
            }
            throw KubectlFailure.plain("unrecognized condition: \"\(s)\"")
        }

        /// Whether `obj` (nil: absent) meets the condition.
        func met(_ obj: Value?) -> Bool {
            switch self {
            case .delete: return obj == nil
            case .create: return obj != nil
            case .condition(let type, let want):
                guard let obj else { return false }
                return (obj[path: "status", "conditions"]?.arrayValue ?? []).contains {
                    $0["type"]?.stringValue?.lowercased() == type.lowercased()
                        && $0["status"]?.stringValue?.lowercased() == want.lowercased()
                }
            case .jsonpath(let p, let want):
                guard let obj, let results = try? p.findResults(obj), let first = results.first, !first.isEmpty else { return false }
                guard let want else { return true }
                return first.count == 1 && JSONPath.text(of: [first[0]]) == want
            }
        }
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let condition = try Condition.parse(f.string("for"))
        let raw = GoDuration.parse(f.string("timeout")) ?? 30_000
        let timeout = raw < 0 ? Duration.seconds(7 * 86_400) : Duration(ms: raw)
        let printer = try ResultPrinter(f, dryRun: .none, session: k.session)
        let cluster = try k.cluster()
        let set = try ResourceTargets.resolve(f.args, f, k, cluster: cluster, selectAll: f.bool("all"), allowEmptySelector: f.bool("all"))
        var targets: [ObjectTarget] = []
        var errors: [KubectlFailure] = []
        for item in set.items {
            switch item {
            case .target(let t):
                if case .create = condition { targets.append(t); continue }
                if (try? ResourceTargets.live(t, cluster)) == nil {
                    if case .delete = condition { continue }
                    errors.append(.api(.notFound(t.type, t.name)))
                    continue
                }
                targets.append(t)
            case .failure(let e): errors.append(e)
            }
        }
        if targets.isEmpty, errors.isEmpty {
            // Named objects that are already gone have met --for=delete.
            if case .delete = condition, !set.items.isEmpty, f.string("selector").isEmpty, !f.bool("all") { return 0 }
            throw KubectlFailure.plain("no matching resources found")
        }
        for t in targets {
            let last = Waiter(session: k.session)
            var object: Value?
            let outcome = last.run(timeout: timeout) {
                object = try? ResourceTargets.live(t, cluster)
                return condition.met(object)
            }
            switch outcome {
            case .done: try printer.print(object ?? t.object ?? ["metadata": ["name": .string(t.name)]], type: t.type, operation: "condition met", k)
            case .timedOut: errors.append(.plain("timed out waiting for the condition on \(t.type.plural)/\(t.name)"))
            case .interrupted: return 130
            }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }
}
