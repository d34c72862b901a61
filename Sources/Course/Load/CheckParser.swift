// Reads one entry of a task's `checks:` list. Each entry names its kind by its first key (`exists: pod/web`),
// with the options that kind takes; anything else is reported at its line.
import Foundation
import MiniCluster
import Shell

enum CheckParser {
    static let kinds = ["exists", "absent", "count", "jsonpath", "condition", "rolledOut", "http", "logs", "kubectl",
                        "docker", "gcloud", "ready"] + CloudChecks.kinds
    static let expectKeys = ["equals", "matches", "contains", "atLeast", "atMost"]
    /// Keys every check takes: `namespace`, and `explain` (what the learner reads when it fails).
    static let common = ["namespace", "explain"]
    /// The options each kind accepts besides its own key and the common ones.
    static let options: [String: [String]] = [
        "exists": [], "absent": [],
        "count": ["selector", "fields", "phase", "ready", "since", "equals", "atLeast", "atMost"],
        "jsonpath": ["path"] + expectKeys,
        "condition": ["type", "status"],
        "rolledOut": [],
        "http": ["status", "host", "from", "timesOut"] + expectKeys,
        "logs": ["container", "contains"],
        "kubectl": expectKeys,
        "docker": expectKeys,
        "gcloud": expectKeys,
        "ready": ["equals", "atLeast", "atMost"],
    ].merging(CloudChecks.options) { a, _ in a }
    /// docker verbs a `docker:` check may run; `exec` only with a command that reads.
    static let dockerReadVerbs: Set<String> = ["ps", "images", "image", "history", "inspect", "logs", "container", "exec"]
    static let dockerExecReaders: Set<String> = ["cat", "ls", "test", "head", "grep", "env", "printenv"]
    /// kubectl verbs a `kubectl:` check may run: they only read.
    static let readOnlyVerbs: Set<String> = ["get", "describe", "logs", "top", "explain", "api-resources",
                                             "api-versions", "version", "cluster-info"]
    static let registry = ResourceRegistry()

    static func check(_ node: YNode) -> Check? {
        let allKeys = kinds + common + Set(options.values.flatMap { $0 }).sorted()
        guard let map = node.map("a check", allowed: allKeys) else { return nil }
        var named = map.keys.filter { kinds.contains($0) }
        // `ready` is a kind of its own and also an option of `count`.
        if named.contains("count") { named.removeAll { $0 == "ready" } }
        guard named.count == 1, let kind = named.first else {
            map.at.error(named.isEmpty ? "a check must start with one of: \(kinds.joined(separator: ", "))"
                                       : "a check has one kind, found \(named.joined(separator: " and "))")
            return nil
        }
        for key in map.keys where key != kind && !common.contains(key) && !(options[kind] ?? []).contains(key) {
            map[key]?.error("\"\(key)\" does not apply to a \(kind) check")
        }
        let ns = map.string("namespace")
        let explain = map.string("explain")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if explain?.isEmpty == true { map["explain"]?.error("\"explain\" must say something") }
        guard let k = kindValue(kind, map) else { return nil }
        return Check(kind: k, namespace: ns, line: map.lineOf(kind), explain: explain)
    }

    private static func kindValue(_ kind: String, _ map: YAMLMap) -> CheckKind? {
        switch kind {
        case "exists": return ref(map, kind).map { .exists($0) }
        case "absent": return ref(map, kind).map { .absent($0) }
        case "rolledOut":
            guard let r = ref(map, kind) else { return nil }
            guard ["Deployment", "StatefulSet", "DaemonSet"].contains(r.type.kind) else {
                map[kind]?.error("rolledOut applies to a deployment, statefulset or daemonset, not a \(r.type.kind.lowercased())")
                return nil
            }
            return .rolledOut(r)
        case "count":
            guard let typed = map.string(kind) else { return nil }
            guard let t = registry.lookup(typed) else { map[kind]?.error("unknown resource type \"\(typed)\""); return nil }
            let selector = map.string("selector")
            if let selector {
                do { _ = try LabelSelector.parse(selector) } catch {
                    map["selector"]?.error("invalid selector \"\(selector)\": \(error)")
                }
            }
            let phase = map.string("phase")
            if phase != nil, t.kind != "Pod" { map["phase"]?.error("phase only applies to counting pods") }
            if let phase, !["Pending", "Running", "Succeeded", "Failed", "Unknown"].contains(phase) {
                map["phase"]?.error("phase must be Pending, Running, Succeeded, Failed or Unknown, not \"\(phase)\"")
            }
            let fields = map.string("fields")
            if let fields {
                do { _ = try FieldSelector.parse(fields, for: t) } catch let e as LabelSelectorError {
                    map["fields"]?.error("invalid field selector \"\(fields)\": \(e.message)")
                } catch {}
            }
            let ready = map.bool("ready") ?? false
            if ready, t.kind != "Pod" { map["ready"]?.error("ready only applies to counting pods") }
            let since = map.string("since")
            if let since, since != "task" {
                map["since"]?.error("since takes one value, task (count only what was created since the task began), not \"\(since)\"")
            }
            guard let e = expectation(map, kind, numeric: true) else { return nil }
            return .count(type: t, selector: selector, phase: phase, ready: ready, fields: fields, sinceTask: since == "task", expect: e)
        case "ready":
            guard let r = ref(map, kind) else { return nil }
            let workloads = ["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController"]
            guard workloads.contains(r.type.kind) else {
                map[kind]?.error("ready applies to a pod, deployment, replicaset, statefulset or daemonset, not a \(r.type.kind.lowercased())")
                return nil
            }
            let given = map.keys.contains { expectKeys.contains($0) }
            if given, r.type.kind == "Pod" { map.at.error("a ready check of a pod takes no count") }
            let e = given ? expectation(map, kind, numeric: true) : nil
            if given, e == nil { return nil }
            return .ready(r, expect: e)
        case "jsonpath":
            guard let r = ref(map, kind) else { return nil }
            guard let path = map.string("path", required: true) else { return nil }
            do { _ = try JSONPath(path) } catch let e as JSONPath.ParseError {
                map["path"]?.error("invalid JSONPath \"\(path)\": \(e.message)")
                return nil
            } catch { return nil }
            guard let e = expectation(map, kind, numeric: false) else { return nil }
            return .jsonpath(r, path: path, expect: e)
        case "condition":
            guard let r = ref(map, kind), let type = map.string("type", required: true) else { return nil }
            let status = map.string("status") ?? "True"
            if !["True", "False", "Unknown"].contains(status) {
                map["status"]?.error("a condition's status is True, False or Unknown, not \"\(status)\"")
            }
            return .condition(r, type: type, status: status)
        case "http":
            guard let url = map.string(kind) else { return nil }
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                map[kind]?.error("http needs a URL starting with http:// (\"\(url)\")")
                return nil
            }
            if let problem = HTTPCheck.lint(url) { map[kind]?.error(problem); return nil }
            let status = map.int("status")
            let body = map.keys.contains(where: expectKeys.contains) ? expectation(map, kind, numeric: false) : nil
            let timesOut = map.bool("timesOut") ?? false
            if timesOut, status != nil || body != nil {
                map.at.error("an http check that expects a timeout takes no status or body expectation")
            } else if status == nil, body == nil, !timesOut {
                map.at.error("an http check needs a status, a body expectation or timesOut: true")
            }
            return .http(url: url, host: map.string("host"), status: status, body: body, from: map.string("from"), timesOut: timesOut)
        case "logs":
            guard let r = ref(map, kind), let text = map.string("contains", required: true) else { return nil }
            if r.type.kind != "Pod" { map[kind]?.error("logs applies to a pod, not a \(r.type.kind.lowercased())") }
            return .logs(r, container: map.string("container"), contains: text)
        case "gkeCluster", "gkeClusterAbsent", "currentContext": return CloudChecks.parse(kind, map)
        case "docker":
            guard let query = map.string(kind) else { return nil }
            guard let e = expectation(map, kind, numeric: false), validDockerQuery(query, map[kind]) else { return nil }
            return .docker(query: query, expect: e)
        case "gcloud":
            guard let query = map.string(kind) else { return nil }
            guard let e = expectation(map, kind, numeric: false), validGCloudQuery(query, map[kind]) else { return nil }
            return .gcloud(query: query, expect: e)
        default:
            guard let query = map.string(kind) else { return nil }
            guard let e = expectation(map, kind, numeric: false), validQuery(query, map[kind]) else { return nil }
            return .kubectl(query: query, expect: e)
        }
    }

    /// `kubectl: get pods -o name`: one read-only kubectl command, no pipes or redirections.
    private static func validQuery(_ q: String, _ node: YNode?) -> Bool {
        if q.contains(where: { "|;&><`$\n".contains($0) }) {
            node?.error("a kubectl check runs one kubectl command: no pipes, redirections or substitutions")
            return false
        }
        var words = q.split(separator: " ").map(String.init)
        if words.first == "kubectl" { words.removeFirst() }
        // `auth can-i` only asks the authorizer (a SelfSubjectAccessReview), so a check may use it to ask "may X do Y".
        let plain = words.filter { !$0.hasPrefix("-") }
        let canI = plain.count >= 2 && plain[0] == "auth" && plain[1] == "can-i"
        guard let verb = plain.first, readOnlyVerbs.contains(verb) || canI else {
            node?.error("a kubectl check may only read: use one of \(readOnlyVerbs.sorted().joined(separator: ", ")), auth can-i")
            return false
        }
        return true
    }

    /// gcloud commands a `gcloud:` check may end in: they only read.
    static let gcloudReadVerbs: Set<String> = ["list", "describe", "get-value"]

    /// `gcloud: container fleet memberships list`: one gcloud command whose command word only reads.
    private static func validGCloudQuery(_ q: String, _ node: YNode?) -> Bool {
        if q.contains(where: { "|;&><`$\n".contains($0) }) {
            node?.error("a gcloud check runs one gcloud command: no pipes, redirections or substitutions")
            return false
        }
        var words = q.split(separator: " ").map(String.init)
        if words.first == "gcloud" { words.removeFirst() }
        // The command word is the last of the group path: the first operand that is no group name.
        let groups: Set<String> = ["container", "fleet", "memberships", "ingress", "clusters", "node-pools", "compute", "instances", "config",
                                   "artifacts", "repositories"]
        guard let verb = words.filter({ !$0.hasPrefix("-") }).first(where: { !groups.contains($0) }), gcloudReadVerbs.contains(verb) else {
            node?.error("a gcloud check may only read: end the command path in one of \(gcloudReadVerbs.sorted().joined(separator: ", "))")
            return false
        }
        return true
    }

    /// `docker: images web`: one docker command that reads (exec only with `cat`, `ls` …).
    private static func validDockerQuery(_ q: String, _ node: YNode?) -> Bool {
        if q.contains(where: { "|;&><`$\n".contains($0) }) {
            node?.error("a docker check runs one docker command: no pipes, redirections or substitutions")
            return false
        }
        var words = q.split(separator: " ").map(String.init)
        if words.first == "docker" { words.removeFirst() }
        let operands = words.filter { !$0.hasPrefix("-") }
        guard let verb = operands.first, dockerReadVerbs.contains(verb),
              verb != "exec" || operands.count > 2 && dockerExecReaders.contains(operands[2]),
              verb != "image" && verb != "container" || ["ls", "list", "inspect", "history"].contains(operands.dropFirst().first ?? "") else {
            node?.error("a docker check may only read: use one of \(dockerReadVerbs.sorted().joined(separator: ", ")) (exec with \(dockerExecReaders.sorted().joined(separator: ", ")))")
            return false
        }
        return true
    }

    private static func ref(_ map: YAMLMap, _ key: String) -> ObjectRef? {
        guard let s = map.string(key) else { return nil }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            map[key]?.error("\(key) needs TYPE/NAME, like pod/web (\"\(s)\")")
            return nil
        }
        guard let t = registry.lookup(String(parts[0])) else {
            map[key]?.error("unknown resource type \"\(parts[0])\" in \"\(s)\"")
            return nil
        }
        return ObjectRef(type: t, name: String(parts[1]))
    }

    private static func expectation(_ map: YAMLMap, _ kind: String, numeric: Bool) -> Expectation? {
        let given = map.keys.filter(expectKeys.contains)
        guard given.count == 1, let key = given.first else {
            map.at.error(given.isEmpty ? "a \(kind) check needs one of: \((numeric ? ["equals", "atLeast", "atMost"] : expectKeys).joined(separator: ", "))"
                                       : "a \(kind) check takes one of \(given.joined(separator: ", ")), not several")
            return nil
        }
        switch key {
        case "atLeast", "atMost":
            guard let d = map.double(key) else { return nil }
            return key == "atLeast" ? .atLeast(d) : .atMost(d)
        case "matches":
            guard let r = map.string(key) else { return nil }
            if (try? NSRegularExpression(pattern: r)) == nil { map[key]?.error("invalid regular expression \"\(r)\""); return nil }
            return .matches(r)
        case "contains":
            return map.string(key).map { .contains($0) }
        default:
            guard let s = map.string(key) else { return nil }
            if numeric, Int(s) == nil { map[key]?.error("a count equals a whole number, not \"\(s)\""); return nil }
            return .equals(s)
        }
    }
}
