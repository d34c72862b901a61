// Label selectors and quantities as describe needs them: thin adapters over MiniCluster's types.
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
    /// A quantity field as `Quantity.String()` prints it (canonical: `1000m` → `1`); "0" when absent.
    static func text(_ v: Value?) -> String {
        guard let v, !v.isNull else { return "0" }
        return v.quantityValue?.description ?? v.dText
    }

    /// The value in milli-units (cpu `500m` → 500, `2` → 2000), 0 when absent or unparseable.
    static func milli(_ v: Value?) -> Int64 { v?.quantityValue?.milliValue ?? 0 }
}
