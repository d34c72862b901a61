// Values as helm combines them: chart defaults, then each -f file, then each --set, deep-merged in that order.
import MiniCluster

enum HelmValues {
    /// Deep merge: maps merge key by key, anything else in `top` replaces `base`; a null in `top` deletes the key.
    static func merge(_ base: Value, _ top: Value) -> Value {
        guard case .object(var a) = base, case .object(let b) = top else { return top }
        for (k, v) in b {
            if v.isNull { a[k] = nil; continue }
            a[k] = a[k].map { merge($0, v) } ?? v
        }
        return .object(a)
    }

    /// Parses one `--set` argument (`a.b=1,c=true`) into a values tree, typed as helm's strvals does.
    static func parseSet(_ s: String) throws -> Value {
        var out: Value = .emptyObject
        for pair in splitUnescaped(s, ",") where !pair.isEmpty {
            guard let eq = pair.firstIndex(of: "=") else {
                throw HelmError("failed parsing --set data: key \"\(pair)\" has no value")
            }
            let key = String(pair[..<eq]), raw = String(pair[pair.index(after: eq)...])
            let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if path.contains(where: \.isEmpty) { throw HelmError("failed parsing --set data: key \"\(key)\" has no value") }
            out[pathArray: path] = typed(raw)
        }
        return out
    }

    /// strvals' typing: integers, true/false, null; everything else stays a string.
    static func typed(_ raw: String) -> Value {
        if raw == "true" { return .bool(true) }
        if raw == "false" { return .bool(false) }
        if raw == "null" { return .null }
        if let i = Int(raw), !(raw.hasPrefix("0") && raw.count > 1) { return .int(i) }
        return .string(raw)
    }

    private static func splitUnescaped(_ s: String, _ sep: Character) -> [String] {
        var out: [String] = [], cur = "", escaped = false
        for c in s {
            if escaped { cur.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == sep { out.append(cur); cur = ""; continue }
            cur.append(c)
        }
        out.append(cur)
        return out
    }
}

/// An error helm prints as `Error: MESSAGE`.
struct HelmError: Error {
    var message: String
    init(_ m: String) { message = m }
}
