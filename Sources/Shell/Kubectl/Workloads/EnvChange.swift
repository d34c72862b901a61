// The environment edits of `kubectl set env`: `KEY=value` sets, `KEY-` removes, `--list` prints what is set.
import MiniCluster

struct EnvChange {
    var set: [(String, String)] = []
    var remove: [String] = []

    static func parse(_ args: [String], prefix: String) throws -> EnvChange {
        var c = EnvChange()
        for a in args {
            if let i = a.firstIndex(of: "=") {
                let key = String(a[..<i])
                guard !key.isEmpty else { throw KubectlFailure.plain("environment variables must be of the form key=value and can only contain letters, numbers, and underscores") }
                c.set.append((prefix + key, String(a[a.index(after: i)...])))
            } else if a.hasSuffix("-") {
                c.remove.append(String(a.dropLast()))
            } else {
                throw KubectlFailure.plain("environment variables must be of the form key=value and can only contain letters, numbers, and underscores")
            }
        }
        if c.set.isEmpty, c.remove.isEmpty { throw KubectlFailure.plain("at least one environment variable must be provided") }
        return c
    }

    /// `-c` patterns: `*` or a name with shell-style `*` wildcards.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        if pattern == "*" || pattern == name { return true }
        guard pattern.contains("*") else { return false }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(name)
        for (i, p) in parts.enumerated() {
            if i == 0 { guard rest.hasPrefix(p) else { return false }; rest = rest.dropFirst(p.count); continue }
            if i == parts.count - 1 { return p.isEmpty || rest.hasSuffix(p) }
            guard let r = rest.range(of: p) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    func apply(_ container: inout Value, overwrite: Bool) throws {
        var env = container["env"]?.arrayValue ?? []
        for (k, v) in set {
            if let i = env.firstIndex(where: { $0["name"]?.stringValue == k }) {
                if !overwrite, env[i]["value"]?.stringValue != v {
                    throw KubectlFailure.plain("'\(k)' already has a value (\(env[i]["value"]?.stringValue ?? "")), and --overwrite is false")
                }
                env[i] = ["name": .string(k), "value": .string(v)]
            } else {
                env.append(["name": .string(k), "value": .string(v)])
            }
        }
        env.removeAll { e in remove.contains(e["name"]?.stringValue ?? "") }
        container["env"] = env.isEmpty ? nil : .array(env)
    }

    /// `# Deployment web, container nginx` then `KEY=value` lines (references as comments).
    static func list(_ obj: Value, specPath: [String], containers: String, kind: String) -> String {
        var out = ""
        for c in obj[pathArray: specPath + ["containers"]]?.arrayValue ?? [] {
            let name = c["name"]?.stringValue ?? ""
            guard matches(containers, name) else { continue }
            out += "# \(kind) \(obj.metadataName), container \(name)\n"
            for e in c["env"]?.arrayValue ?? [] {
                let k = e["name"]?.stringValue ?? ""
                if let v = e["value"]?.stringValue { out += "\(k)=\(v)\n"; continue }
                if let ref = e["valueFrom"]?["configMapKeyRef"] {
                    out += "# \(k) from configmap \(ref["name"]?.stringValue ?? ""), key \(ref["key"]?.stringValue ?? "")\n"
                } else if let ref = e["valueFrom"]?["secretKeyRef"] {
                    out += "# \(k) from secret \(ref["name"]?.stringValue ?? ""), key \(ref["key"]?.stringValue ?? "")\n"
                } else if let ref = e["valueFrom"]?["fieldRef"] {
                    out += "# \(k) from field path \(ref["fieldPath"]?.stringValue ?? "")\n"
                } else {
                    out += "\(k)=\n"
                }
            }
        }
        return out
    }
}
