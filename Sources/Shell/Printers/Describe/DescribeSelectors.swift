// Label selectors and quantities as describe needs them. Thin adapters so describers stay independent of how
// MiniCluster models them. TEMPORARY bodies until MiniCluster's LabelSelector / Quantity land on main.
import Foundation
import MiniCluster

enum DescribeSelector {
    /// `metav1.FormatLabelSelector`: the canonical string, `<none>` when it selects everything.
    static func format(_ selector: Value?) -> String {
        let s = string(selector)
        return s.isEmpty ? "<none>" : s
    }

    /// `LabelSelectorAsSelector(sel).String()`: the canonical string, "" when empty.
    static func string(_ selector: Value?) -> String {
        guard let selector else { return "" }
        var parts: [(String, String)] = selector.dMap("matchLabels").map { ($0.key, "\($0.key)=\($0.value)") }
        for e in selector.dArr("matchExpressions") {
            let key = e.dStr("key")
            let values = e.dArr("values").map(\.dText).sorted().joined(separator: ",")
            switch e.dStr("operator") {
            case "In": parts.append((key, "\(key) in (\(values))"))
            case "NotIn": parts.append((key, "\(key) notin (\(values))"))
            case "Exists": parts.append((key, key))
            case "DoesNotExist": parts.append((key, "!" + key))
            default: break
            }
        }
        return parts.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            .map(\.element.1).joined(separator: ",")
    }

    /// Whether a selector object matches labels; a missing selector matches nothing.
    static func matches(_ selector: Value?, _ labels: [String: String]) -> Bool {
        guard let selector, !selector.isNull else { return false }
        for (k, v) in selector.dMap("matchLabels") where labels[k] != v { return false }
        for e in selector.dArr("matchExpressions") {
            let key = e.dStr("key"), values = e.dArr("values").map(\.dText)
            switch e.dStr("operator") {
            case "In": if !(labels[key].map(values.contains) ?? false) { return false }
            case "NotIn": if labels[key].map(values.contains) ?? false { return false }
            case "Exists": if labels[key] == nil { return false }
            case "DoesNotExist": if labels[key] != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// Whether an equality map (a Service's selector) matches labels; empty matches nothing, as for Services.
    static func matches(set: [String: String], _ labels: [String: String]) -> Bool {
        !set.isEmpty && set.allSatisfy { labels[$0.key] == $0.value }
    }

    /// A `-l` selector as a predicate; throws the message kubectl prints after `error: `.
    static func parse(_ text: String) throws -> ([String: String]) -> Bool {
        var reqs: [([String: String]) -> Bool] = []
        for raw in text.split(separator: ",") {
            let term = raw.trimmingCharacters(in: .whitespaces)
            if let r = term.range(of: "!=") {
                let k = String(term[..<r.lowerBound]), v = String(term[r.upperBound...])
                reqs.append { $0[k] != v }
            } else if let r = term.range(of: "==") ?? term.range(of: "=") {
                let k = String(term[..<r.lowerBound]), v = String(term[r.upperBound...])
                reqs.append { $0[k] == v }
            } else if term.hasPrefix("!") {
                let k = String(term.dropFirst())
                reqs.append { $0[k] == nil }
            } else if !term.isEmpty {
                reqs.append { $0[term] != nil }
            }
        }
        return { labels in reqs.allSatisfy { $0(labels) } }
    }
}

enum DescribeQuantity {
    /// A quantity as `Quantity.String()` prints it.
    static func text(_ v: Value?) -> String { v?.dText ?? "0" }

    /// The value in milli-units (cpu `500m` → 500, `2` → 2000), 0 when unparseable.
    static func milli(_ v: Value?) -> Int64 {
        guard let s = v?.dText, !s.isEmpty else { return 0 }
        let suffixes: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                            ("m", 0.001), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)]
        for (suf, mult) in suffixes where s.hasSuffix(suf) {
            return Int64(((Double(s.dropLast(suf.count)) ?? 0) * mult * 1000).rounded())
        }
        return Int64(((Double(s) ?? 0) * 1000).rounded())
    }
}
