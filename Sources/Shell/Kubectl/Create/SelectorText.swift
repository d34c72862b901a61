// `--selector` text to a LabelSelector object, as metav1.ParseToLabelSelector builds it: equality requirements
// become matchLabels, the rest matchExpressions, sorted by key.
import Foundation
import MiniCluster

enum SelectorText {
    static func labelSelector(_ text: String) throws -> Value {
        var matchLabels: [String: String] = [:]
        var expressions: [(key: String, value: Value)] = []
        for clause in clauses(text) {
            let c = clause.trimmingCharacters(in: .whitespaces)
            if c.isEmpty { continue }
            if let r = c.range(of: "!=") {
                let k = String(c[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
                let v = String(c[r.upperBound...]).trimmingCharacters(in: .whitespaces)
                expressions.append((k, ["key": .string(k), "operator": "NotIn", "values": [.string(v)]]))
            } else if let r = c.range(of: "==") ?? c.range(of: "=") {
                let k = String(c[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
                matchLabels[k] = String(c[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            } else if let r = c.range(of: " notin ") ?? c.range(of: " in ") {
                let k = String(c[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
                let op = c[r].contains("notin") ? "NotIn" : "In"
                let inner = c[r.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
                let values = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
                expressions.append((k, ["key": .string(k), "operator": .string(op), "values": .array(values.map(Value.string))]))
            } else if c.hasPrefix("!") {
                let k = String(c.dropFirst()).trimmingCharacters(in: .whitespaces)
                expressions.append((k, ["key": .string(k), "operator": "DoesNotExist"]))
            } else {
                expressions.append((c, ["key": .string(c), "operator": "Exists"]))
            }
        }
        let sorted = expressions.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
        return Build.object([("matchLabels", Build.map(matchLabels)),
                             ("matchExpressions", sorted.isEmpty ? nil : .array(sorted.map(\.element.value)))])
    }

    /// Splits at commas that are not inside parentheses.
    private static func clauses(_ s: String) -> [String] {
        var out: [String] = [], cur = "", depth = 0
        for ch in s {
            if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            if ch == ",", depth == 0 { out.append(cur); cur = ""; continue }
            cur.append(ch)
        }
        out.append(cur)
        return out
    }
}
