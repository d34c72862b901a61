// `--selector` text to a LabelSelector object, as metav1.ParseToLabelSelector builds it: equality requirements
// become matchLabels, the rest matchExpressions (sorted by key, values sorted).
import MiniCluster

enum SelectorText {
    static func labelSelector(_ text: String) throws -> Value {
        let parsed: LabelSelector
        do { parsed = try LabelSelector.parse(text) } catch let e as LabelSelectorError {
            throw KubectlFailure.plain("couldn't parse the selector string \"\(text)\": \(e.message)")
        }
        var matchLabels: [String: String] = [:]
        var expressions: [Value] = []
        for r in parsed.requirements {
            let values: Value = .array(r.values.sorted().map(Value.string))
            switch r.op {
            case .equals, .doubleEquals: matchLabels[r.key] = r.values.first ?? ""
            case .notEquals, .notIn: expressions.append(["key": .string(r.key), "operator": "NotIn", "values": values])
            case .in: expressions.append(["key": .string(r.key), "operator": "In", "values": values])
            case .exists: expressions.append(["key": .string(r.key), "operator": "Exists"])
            case .doesNotExist: expressions.append(["key": .string(r.key), "operator": "DoesNotExist"])
            case .greaterThan, .lessThan:
                throw KubectlFailure.plain("\(GoFormat.q(r.op.rawValue)) is not a valid label selector operator")
            }
        }
        return Build.object([("matchLabels", Build.map(matchLabels)),
                             ("matchExpressions", Build.opt(!(expressions.isEmpty), .array(expressions)))])
    }
}
