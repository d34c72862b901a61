// Evaluates a parsed JSONPath over a Value the way client-go walks Go values: nulls are skipped, missing keys
// are errors unless allowed, `{range}` bodies run once per result until the matching `{end}`.
import MiniCluster

struct JSONPathRun {
    typealias Node = JSONPath.Node
    let nodes: [Node]
    let allowMissingKeys: Bool
    private var beginRange = 0
    private var inRange = 0
    private var endRange = 0
    private var lastEnd: Int?

    init(nodes: [Node], allowMissingKeys: Bool) {
        self.nodes = nodes
        self.allowMissingKeys = allowMissingKeys
    }

    private func fail(_ m: String) -> JSONPath.ExecError { JSONPath.ExecError(message: m) }

    /// client-go's FindResults over the top-level nodes from `start`, sharing the range counters.
    mutating func find(_ cur: [Value], from start: Int) throws -> [[Value]] {
        var full: [[Value]] = []
        var i = start
        while i < nodes.count {
            let results = try walk(cur, nodes[i])
            if endRange > 0 && endRange <= inRange {
                endRange -= 1
                lastEnd = i
                break
            }
            if beginRange > 0 {
                beginRange -= 1
                inRange += 1
                if results.isEmpty {
                    _ = try find([.null], from: i + 1)
                } else {
                    for v in results { full += try find([v], from: i + 1) }
                }
                inRange -= 1
                if let e = lastEnd, e > i { i = e }
                i += 1
                continue
            }
            full.append(results)
            i += 1
        }
        return full
    }

    private mutating func walk(_ input: [Value], _ node: Node) throws -> [Value] {
        switch node {
        case .list(let list): return try evalList(input, list)
        case .text(let s): return [.string(s)]
        case .field(let name): return try evalField(input, name)
        case .array(let params): return try evalArray(input, params)
        case .filter(let left, let right, let op): return try evalFilter(input, left, right, op)
        case .int(let n): return input.map { _ in .int(n) }
        case .float(let d): return input.map { _ in .double(d) }
        case .bool(let b): return input.map { _ in .bool(b) }
        case .wildcard: return input.flatMap(Self.children)
        case .recursive: return input.flatMap(Self.descendants)
        case .union(let lists):
            var out: [Value] = []
            for l in lists { out += try evalList(input, l) }
            return out
        case .identifier(let name):
            switch name {
            case "range":
                beginRange += 1
                return input
            case "end":
                guard inRange > 0 else { throw fail("not in range, nothing to end") }
                endRange += 1
                return []
            default:
                throw fail("unrecognized identifier \(name)")
            }
        }
    }

    private mutating func evalList(_ input: [Value], _ list: [Node]) throws -> [Value] {
        var cur = input
        for n in list { cur = try walk(cur, n) }
        return cur
    }

    private func evalField(_ input: [Value], _ name: String) throws -> [Value] {
        if input.isEmpty { return [] }
        var out: [Value] = []
        for v in input {
            if case .object(let o) = v, let x = o[name] { out.append(x) }
        }
        if out.isEmpty && !allowMissingKeys { throw fail("\(name) is not found") }
        return out
    }

    private func evalArray(_ input: [Value], _ template: [JSONPath.Param]) throws -> [Value] {
        var out: [Value] = []
        for v in input {
            if v.isNull { continue }
            guard case .array(let items) = v else { throw fail("\(GoValueFormat.typeName(v)) is not array or slice") }
            var p = template
            let n = items.count
            if !p[0].known { p[0].value = 0 }
            if p[0].value < 0 { p[0].value += n }
            if !p[1].known { p[1].value = n }
            if p[1].value < 0 || (p[1].value == 0 && p[1].derived) { p[1].value += n }
            guard p[1].value != p[0].value else { return out }
            if p[0].value >= n || p[0].value < 0 {
                throw fail("array index out of bounds: index \(p[0].value), length \(n)")
            }
            if p[1].value > n || p[1].value < 0 {
                throw fail("array index out of bounds: index \(p[1].value - 1), length \(n)")
            }
            if p[0].value > p[1].value {
                throw fail("starting index \(p[0].value) is greater than ending index \(p[1].value)")
            }
            var step = 1
            if p[2].known {
                guard p[2].value > 0 else { throw fail("step must be > 0") }
                step = p[2].value
            }
            out += stride(from: p[0].value, to: p[1].value, by: step).map { items[$0] }
        }
        return out
    }

    private mutating func evalFilter(_ input: [Value], _ left: [Node], _ right: [Node], _ op: String) throws -> [Value] {
        var out: [Value] = []
        for v in input {
            guard case .array(let items) = v else {
                throw fail("\(GoValueFormat.v(v)) is not array or slice and cannot be filtered")
            }
            for item in items {
                let lefts: [Value]
                do { lefts = try evalList([item], left) } catch {
                    if op == "exists" { continue }
                    throw error
                }
                if op == "exists" {
                    if !lefts.isEmpty { out.append(item) }
                    continue
                }
                if lefts.isEmpty { continue }
                guard lefts.count == 1 else { throw fail("can only compare one element at a time") }
                let rights = try evalList([item], right)
                if rights.isEmpty { continue }
                guard rights.count == 1 else { throw fail("can only compare one element at a time") }
                if try Self.compare(lefts[0], op, rights[0]) { out.append(item) }
            }
        }
        return out
    }

    /// The forked text/template comparison functions: same basic kind required, bools only for (in)equality.
    static func compare(_ a: Value, _ op: String, _ b: Value) throws -> Bool {
        enum Basic: Equatable { case bool(Bool), int(Int), float(Double), string(String) }
        func basic(_ v: Value) throws -> Basic {
            switch v {
            case .bool(let x): return .bool(x)
            case .int(let x): return .int(x)
            case .double(let x): return .float(x)
            case .string(let x): return .string(x)
            default: throw JSONPath.ExecError(message: "invalid type for comparison")
            }
        }
        let x = try basic(a), y = try basic(b)
        let incompatible = JSONPath.ExecError(message: "incompatible types for comparison")
        func equal() throws -> Bool {
            switch (x, y) {
            case (.bool, .bool), (.int, .int), (.float, .float), (.string, .string): return x == y
            default: throw incompatible
            }
        }
        func less() throws -> Bool {
            switch (x, y) {
            case (.int(let l), .int(let r)): return l < r
            case (.float(let l), .float(let r)): return l < r
            case (.string(let l), .string(let r)): return Array(l.utf8).lexicographicallyPrecedes(Array(r.utf8))
            case (.bool, .bool): throw JSONPath.ExecError(message: "invalid type for comparison")
            default: throw incompatible
            }
        }
        switch op {
        case "==": return try equal()
        case "!=": return try !equal()
        case "<": return try less()
        case "<=": return try less() || equal()
        case ">": return try !(less() || equal())
        case ">=": return try !less()
        default: throw JSONPath.ExecError(message: "unrecognized filter operator \(op)")
        }
    }

    /// What `*` yields: an object's values, an array's items, a string's bytes.
    static func children(_ v: Value) -> [Value] {
        switch v {
        case .object(let o): return Array(o.values)
        case .array(let a): return a
        case .string(let s): return s.utf8.map { .int(Int($0)) }
        default: return []
        }
    }

    /// What `..` yields: every node that has children, depth first, starting with the node itself.
    static func descendants(_ v: Value) -> [Value] {
        let kids = children(v)
        guard !kids.isEmpty else { return [] }
        return [v] + kids.flatMap(descendants)
    }
}
