// Judges checks against a cluster's state: a pure reading of the API (plus, for `kubectl:` checks, a read-only
// kubectl run), answering pass or a reason in the learner's words.
import Foundation
import MiniCluster
import Shell

public enum CheckJudge {
    /// Judges one check in the session's current cluster. `taskStart` is when the check's task became the current
    /// one (nil: it has not yet), for counts of what was created since.
    public static func judge(_ check: Check, session: ShellSession, taskStart: Timestamp? = nil) -> CheckOutcome {
        let verdict = state(check, session: session, taskStart: taskStart)
        if let explain = check.explain, !verdict.passed { return .fail(explain) }
        return verdict
    }

    /// The verdict with the generic reason.
    static func state(_ check: Check, session: ShellSession, taskStart: Timestamp?) -> CheckOutcome {
        if case .docker(let query, let expect) = check.kind { return command("docker", query, expect, session) }
        if case .gcloud(let query, let expect) = check.kind { return command("gcloud", query, expect, session) }
        if let verdict = CloudChecks.judge(check.kind, session: session) { return verdict }
        guard let cluster = session.currentCluster else {
            return .fail("there is no cluster to check (kubectl is not pointed at one)")
        }
        let ns = check.effectiveNamespace
        switch check.kind {
        case .exists(let ref):
            return object(ref, ns, cluster) == nil ? .fail("there is no \(ref.type.kind.lowercased()) named \(ref.name)\(inNamespace(ref.type, ns))") : .pass
        case .absent(let ref):
            return object(ref, ns, cluster) == nil ? .pass : .fail("\(ref) still exists\(inNamespace(ref.type, ns))")
        case .count(let type, let selector, let phase, let ready, let fields, let sinceTask, let expect):
            let sel = (try? LabelSelector.parse(selector ?? "")) ?? LabelSelector()
            let fs = (try? FieldSelector.parse(fields ?? "", for: type)) ?? FieldSelector()
            var items = cluster.api.list(type, namespace: type.namespaced ? ns : nil, selector: sel, fields: fs)
            if let phase { items = items.filter { $0["status"]?["phase"]?.stringValue == phase } }
            if ready { items = items.filter(ReadyCheck.podIsReady) }
            if sinceTask { items = items.filter { createdSince(taskStart ?? cluster.now, $0) } }
            let what = (ready ? "ready " : "") + (isOne(expect) ? type.singular : plural(type)) + ([selector, fields].compactMap { $0 }.isEmpty ? "" : " with " + [selector, fields].compactMap { $0 }.joined(separator: ",")) + (phase.map { " in phase \($0)" } ?? "")
                + (sinceTask ? " created since this task began" : "")
            return compare(String(items.count), expect) ? .pass
                : .fail("expected \(countWords(expect)) \(what)\(inNamespace(type, ns)), found \(items.count)")
        case .jsonpath(let ref, let path, let expect):
            guard let obj = object(ref, ns, cluster) else { return .fail("there is no \(ref.type.kind.lowercased()) named \(ref.name)\(inNamespace(ref.type, ns))") }
            let value: String
            do { value = try JSONPath(path).execute(obj) } catch { return .fail("cannot read \(path) of \(ref): \(error)") }
            return compare(value, expect) ? .pass
                : .fail("expected \(path) of \(ref) \(expect.words), found \(value.isEmpty ? "nothing" : value)")
        case .condition(let ref, let type, let status):
            guard let obj = object(ref, ns, cluster) else { return .fail("there is no \(ref.type.kind.lowercased()) named \(ref.name)\(inNamespace(ref.type, ns))") }
            let cond = obj["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
            guard let actual = cond?["status"]?.stringValue else { return .fail("\(ref) has no \(type) condition yet") }
            return actual == status ? .pass : .fail("expected condition \(type) of \(ref) to be \(status), found \(actual)")
        case .rolledOut(let ref):
            guard let obj = object(ref, ns, cluster) else { return .fail("there is no \(ref.type.kind.lowercased()) named \(ref.name)\(inNamespace(ref.type, ns))") }
            return RolloutState.judge(obj, ref: ref)
        case .ready(let ref, let expect):
            guard let obj = object(ref, ns, cluster) else { return .fail("there is no \(ref.type.kind.lowercased()) named \(ref.name)\(inNamespace(ref.type, ns))") }
            return ReadyCheck.judge(obj, ref: ref, expect: expect)
        case .http(let url, let host, let status, let body, let from, let timesOut):
            return HTTPCheck.judge(url: url, host: host, status: status, body: body, namespace: check.namespace, from: from,
                                   timesOut: timesOut, cluster: cluster, session: session)
        case .logs(let ref, let container, let text):
            guard let pod = object(ref, ns, cluster) else { return .fail("there is no pod named \(ref.name)\(inNamespace(ref.type, ns))") }
            let name = container ?? pod["spec"]?["containers"]?[0]?["name"]?.stringValue ?? ""
            guard let process = cluster.kubelets.process(namespace: ns, pod: ref.name, container: name, previous: false) else {
                return .fail("container \(name) of \(ref) has not started yet, so it has no logs")
            }
            return process.logs.contains { $0.text.contains(text) } ? .pass
                : .fail("the logs of container \(name) of \(ref) do not contain \"\(text)\" yet")
        case .kubectl(let query, let expect):
            return command("kubectl", query, expect, session)
        case .docker(let query, let expect):
            return command("docker", query, expect, session)
        case .gcloud(let query, let expect):
            return command("gcloud", query, expect, session)
        case .gkeCluster, .currentContext:
            return CloudChecks.judge(check.kind, session: session)!
        }
    }

    /// Whether an object was created at or after `start`. creationTimestamp has whole seconds, so the second the
    /// task began in counts whole: what a command typed right after creates shares that second.
    static func createdSince(_ start: Timestamp, _ object: Value) -> Bool {
        guard let text = object["metadata"]?["creationTimestamp"]?.stringValue, let created = Timestamp(rfc3339: text) else {
            return false
        }
        return created.ms >= start.ms - ((start.ms % 1000) + 1000) % 1000
    }

    /// Runs a read-only kubectl or docker command and compares its trimmed standard output.
    static func command(_ tool: String, _ query: String, _ expect: Expectation, _ session: ShellSession) -> CheckOutcome {
        let out = Output()
        let saved = session.lastStatus
        // A check looks at the cluster as it is: an exec'd command in it waits no time.
        let status = session.withTimeHeld { session.runLine("\(tool) " + query, output: out) }
        session.lastStatus = saved
        let text = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // `auth can-i` exits 1 when its answer is "no": that is an answer to compare, not a failure.
        let answered = status == 1 && tool == "kubectl" && text == "no" && query.contains("can-i")
        if status != 0, !answered { return .fail("`\(tool) \(query)` failed: \(out.stderr.trimmingCharacters(in: .whitespacesAndNewlines))") }
        return compare(text, expect) ? .pass : .fail("expected the output of `\(tool) \(query)` \(expect.words), it printed \(printed(text))")
    }

    /// A command's output as a failure reason quotes it: whole when short, else its size and last line.
    public static func printed(_ text: String) -> String {
        if text.isEmpty { return "nothing" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count == 1, text.count <= 100 { return text }
        let last = String(lines.last ?? "")
        let shown = last.count > 80 ? String(last.prefix(80)) + "…" : last
        return lines.count == 1 ? "\"\(shown)\"" : "\(lines.count) lines, the last being \"\(shown)\""
    }

    static func object(_ ref: ObjectRef, _ ns: String, _ cluster: Cluster) -> Value? {
        try? cluster.api.get(ref.type, namespace: ref.type.namespaced ? ns : nil, name: ref.name)
    }

    static func inNamespace(_ t: ResourceType, _ ns: String) -> String { t.namespaced ? " in namespace \(ns)" : "" }

    static func plural(_ t: ResourceType) -> String { t.plural }

    /// Whether a count expectation asks for exactly, at least or at most one: the noun after it is singular.
    static func isOne(_ e: Expectation) -> Bool {
        switch e {
        case .equals(let s): return s == "1"
        case .atLeast(let n), .atMost(let n): return n == 1
        default: return false
        }
    }

    static func countWords(_ e: Expectation) -> String {
        switch e {
        case .equals(let s): return s
        case .atLeast(let n): return "at least \(Check.number(n))"
        case .atMost(let n): return "at most \(Check.number(n))"
        default: return e.words
        }
    }

    /// Whether `value` meets the expectation; numeric comparisons need a number.
    static func compare(_ value: String, _ e: Expectation) -> Bool {
        switch e {
        case .equals(let s): return value == s
        case .contains(let s): return value.contains(s)
        case .matches(let r):
            guard let re = try? NSRegularExpression(pattern: r) else { return false }
            return re.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        case .atLeast(let n): return Double(value.trimmingCharacters(in: .whitespaces)).map { $0 >= n } ?? false
        case .atMost(let n): return Double(value.trimmingCharacters(in: .whitespaces)).map { $0 <= n } ?? false
        }
    }
}
