// The environment edits of `kubectl set env`: `KEY=value` sets, `KEY-` removes, `--list` prints what is set.
import MiniCluster

struct EnvChange {
    var set: [(String, String)] = []
    var remove: [String] = []
    /// Variables read from a ConfigMap or Secret (`--from`): name and `valueFrom`.
    var refs: [(String, Value)] = []

    static func parse(_ args: [String], prefix: String, fromGiven: Bool = false) throws -> EnvChange {
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
        if c.set.isEmpty, c.remove.isEmpty, !fromGiven { throw KubectlFailure.plain("at least one environment variable must be provided") }
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

    /// `--from=configmap/NAME|secret/NAME`: one variable per key (or per `--keys` key), each a reference to it,
    /// named as set_env's keyToEnvName does (characters other than letters, digits and `_` become `_`,
    /// upper-cased) after `--prefix`. Keys are taken in sorted order (kubectl walks a Go map).
    static func references(from obj: Value, kind: String, keys: [String], prefix: String) throws -> [(String, Value)] {
        let refKey: String, field: String
        switch kind {
        case "ConfigMap": refKey = "configMapKeyRef"; field = "data"
        case "Secret": refKey = "secretKeyRef"; field = "data"
        default: throw KubectlFailure.plain("unsupported resource specified in --from")
        }
        let all = (obj[field]?.objectValue?.keys).map { Array($0) } ?? []
        return all.sorted().filter { keys.isEmpty || keys.contains($0) }.map { key in
            let name = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" }).uppercased()
            let ref: Value = [refKey: ["key": .string(key), "name": .string(obj.metadataName)]]
            return (prefix + name, ref)
        }
    }

    func apply(_ container: inout Value, overwrite: Bool) throws {
        var env = container["env"]?.arrayValue ?? []
        for (k, ref) in refs {
            let entry: Value = ["name": .string(k), "valueFrom": ref]
            if let i = env.firstIndex(where: { $0["name"]?.stringValue == k }) { env[i] = entry } else { env.append(entry) }
        }
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
