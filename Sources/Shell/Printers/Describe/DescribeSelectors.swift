// Label selectors and quantities as describe needs them: thin adapters over MiniCluster's types.
// (DescribeQuantity is a stand-in until MiniCluster's Quantity lands on main.)
import MiniCluster

enum DescribeSelector {
    /// `metav1.FormatLabelSelector`: the canonical string, `<none>` when it selects everything.
    static func format(_ selector: Value?) -> String { LabelSelector.format(selector) }

    /// `LabelSelectorAsSelector(sel).String()`: the canonical string, "" when empty.
    static func string(_ selector: Value?) -> String {
        (try? LabelSelector(object: selector))?.description ?? ""
    }

    /// Whether a selector object matches labels; a missing or malformed selector matches nothing.
    static func matches(_ selector: Value?, _ labels: [String: String]) -> Bool {
        (try? LabelSelector(object: selector))?.matches(labels) ?? false
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
