// `--sort-by` (kubectl's sorter.go): a relaxed JSONPath field (`.metadata.name`, `{.status.startTime}`), values
// compared as numbers, as resource quantities when both strings parse as one, else lexically; objects missing
// the field sort first; an error when no object has the field.
import MiniCluster

enum SortBy {
    /// Sorts objects by the field, stably. Throws kubectl's errors for bad paths and unsortable values.
    static func sort(_ objects: [Value], by spec: String) throws -> [Value] {
        let (expr, path) = try parse(spec)
        let keys = objects.map { lookup($0, path) }
        if !keys.contains(where: { $0 != nil }) {
            throw KubectlFailure.plain("couldn't find any field with path \"\(expr)\" in the list of objects")
        }
        var failure: String?
        let order = objects.indices.sorted { i, j in
            guard let a = keys[i] else { return keys[j] != nil }
            guard let b = keys[j] else { return false }
            do { return try less(a, b) } catch {
                failure = failure ?? "Field \(expr) in [][][]reflect.Value is an unsortable type: interface, err: \(error)"
                return i < j
            }
        }
        if let failure { throw KubectlFailure.plain(failure) }
        return order.map { objects[$0] }
    }

    /// `RelaxedJSONPathExpression`: accepts `a.b`, `.a.b`, `{a.b}`, `{.a.b}`; returns `{.a.b}` and its segments.
    static func parse(_ spec: String) throws -> (String, [String]) {
        var body = Substring(spec)
        if body.hasPrefix("{"), body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        if body.hasPrefix(".") { body = body.dropFirst() }
        guard !body.isEmpty, !body.contains("{"), !body.contains("}") else {
            throw KubectlFailure.plain("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
        }
        var segments: [String] = []
        for part in body.split(separator: ".", omittingEmptySubsequences: false) {
            var p = Substring(part)
            // `containers[0]` → `containers`, `[0]`
            if let open = p.firstIndex(of: "[") {
                if open > p.startIndex { segments.append(String(p[..<open])) }
                p = p[open...]
                while let o = p.firstIndex(of: "["), let c = p.firstIndex(of: "]"), o < c {
                    segments.append(String(p[o...c]))
                    p = p[p.index(after: c)...]
                }
            } else {
                segments.append(String(p))
            }
        }
        return ("{.\(body)}", segments)
    }

    /// Follows the segments; nil when a step is missing (kubectl allows missing keys while sorting).
    static func lookup(_ obj: Value, _ path: [String]) -> Value? {
        var cur: Value? = obj
        for seg in path {
            if seg.hasPrefix("["), seg.hasSuffix("]") {
                guard let a = cur?.arrayValue, let i = Int(seg.dropFirst().dropLast()) else { return nil }
                let idx = i < 0 ? a.count + i : i
                cur = a.indices.contains(idx) ? a[idx] : nil
            } else {
                cur = cur?[seg]
            }
            if cur == nil { return nil }
        }
        if case .null? = cur { return nil }
        return cur
    }

    struct Unsortable: Error, CustomStringConvertible { var description: String }

    static func less(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.string(let x), .string(let y)):
            if let qx = Quantity.parse(x), let qy = Quantity.parse(y) { return qx < qy }
            return x < y
        case (.bool, _): throw Unsortable(description: "unsortable type: bool")
        case (.object, _): throw Unsortable(description: "unsortable type: map[string]interface {}")
        case (.array, _): throw Unsortable(description: "unsortable type: []interface {}")
        default: throw Unsortable(description: "unsortable interface: interface")
        }
    }
}

/// Just enough of resource.Quantity to order values: a decimal number with an optional SI, binary or exponent suffix.
enum Quantity {
    static func parse(_ s: String) -> Double? {
        guard let first = s.first, first.isNumber || first == "." || first == "+" || first == "-" else { return nil }
        let suffixes: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                            ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
                                            ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9),
                                            ("T", 1e12), ("P", 1e15), ("E", 1e18)]
        for (suffix, mult) in suffixes where s.hasSuffix(suffix) {
            guard let n = number(String(s.dropLast(suffix.count))) else { return nil }
            return n * mult
        }
        return number(s)
    }

    private static func number(_ s: String) -> Double? {
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(s)
    }
}
