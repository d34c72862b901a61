// Lenient field readers for describers: a missing or odd field reads as Go's zero value, never a crash.
import MiniCluster

extension Value {
    /// The field as text the way Go's `%v` prints it; "" when absent.
    func dStr(_ path: String...) -> String { self[pathArray: path]?.dText ?? "" }

    /// The field as an integer, if it is one.
    func dInt(_ path: String...) -> Int? { self[pathArray: path]?.intValue }

    /// The field as a bool, if it is one.
    func dBool(_ path: String...) -> Bool? { self[pathArray: path]?.boolValue }

    /// The field as a list; empty when absent.
    func dArr(_ path: String...) -> [Value] { self[pathArray: path]?.arrayValue ?? [] }

    /// The field as a string map (non-string values rendered as text); empty when absent.
    func dMap(_ path: String...) -> [String: String] {
        guard let o = self[pathArray: path]?.objectValue else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in o { out[k] = v.dText }
        return out
    }

    /// The field as an RFC 3339 time, if it parses.
    func dTime(_ path: String...) -> Timestamp? {
        self[pathArray: path]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
    }

    /// Whether the field is present and not null.
    func dHas(_ path: String...) -> Bool { self[pathArray: path].map { !$0.isNull } ?? false }

    /// Scalar text as Go prints it; containers print empty.
    var dText: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }

    /// The controlling owner reference, if any.
    var dController: Value? {
        dArr("metadata", "ownerReferences").first { $0.dBool("controller") == true }
    }
}

enum DescribeFormat {
    /// Go's RFC 1123 with numeric zone; the zero time when absent, as Go formats an unset `metav1.Time`.
    static func time(_ t: Timestamp?) -> String { t?.rfc1123Z ?? "Mon, 01 Jan 0001 00:00:00 +0000" }

    /// Go's `%v` of a []string: `[a b c]`.
    static func goList(_ items: [String]) -> String { "[" + items.joined(separator: " ") + "]" }

    /// `labels.FormatLabels`: sorted `k=v` joined by commas, `<none>` when empty.
    static func labels(_ map: [String: String]) -> String {
        map.isEmpty ? "<none>" : map.keys.sorted().map { "\($0)=\(map[$0] ?? "")" }.joined(separator: ",")
    }

    /// `True`/`False` as describe prints Go bools with printBool.
    static func bool(_ b: Bool) -> String { b ? "True" : "False" }
}
