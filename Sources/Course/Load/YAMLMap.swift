// Reads a YAML mapping of a lesson file into typed fields, reporting wrong types, missing and unknown keys at
// the line they are on. Yams stays at this edge: everything past it is plain Swift values.
import Yams

/// A node of a YAML block, with the line its block starts at so marks become file lines.
struct YNode {
    let node: Node
    let file: String
    /// Added to Yams' 1-based line to get the file's line.
    let lineOffset: Int
    let diags: Diagnostics

    var line: Int { (node.mark?.line ?? 1) + lineOffset }

    func error(_ message: String) { diags.error(file, line, message) }

    func child(_ n: Node) -> YNode { YNode(node: n, file: file, lineOffset: lineOffset, diags: diags) }

    /// The node as a string scalar (numbers and booleans as written), or nil with an error.
    func string(_ what: String) -> String? {
        guard case .scalar(let s) = node else { error("\(what) must be a text, not a \(shape)"); return nil }
        return s.string
    }

    var isNull: Bool {
        if case .scalar(let s) = node, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return true }
        return false
    }

    var shape: String {
        switch node {
        case .scalar: return "text"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }

    /// A list of nodes; a single scalar counts as a one-item list when `single` allows it.
    func list(_ what: String) -> [YNode]? {
        switch node {
        case .sequence(let seq): return seq.map { child($0) }
        default: error("\(what) must be a list, not a \(shape)"); return nil
        }
    }

    func stringList(_ what: String) -> [(String, Int)]? {
        guard let items = list(what) else { return nil }
        return items.compactMap { item in item.string("each item of \(what)").map { ($0, item.line) } }
    }

    /// The node as a mapping reader, or nil with an error.
    func map(_ what: String, allowed: [String]) -> YAMLMap? {
        guard case .mapping(let m) = node else { error("\(what) must be a mapping, not a \(shape)"); return nil }
        return YAMLMap(self, mapping: m, what: what, allowed: allowed)
    }
}

/// A mapping whose keys are checked against the allowed set on creation.
struct YAMLMap {
    let at: YNode
    let what: String
    private(set) var entries: [(key: String, value: YNode, line: Int)] = []

    init(_ at: YNode, mapping: Node.Mapping, what: String, allowed: [String]) {
        self.at = at
        self.what = what
        var seen: Set<String> = []
        for (k, v) in mapping {
            let key = k.string ?? ""
            let line = (k.mark?.line ?? 1) + at.lineOffset
            if !seen.insert(key).inserted {
                at.diags.error(at.file, line, "duplicate key \"\(key)\" in \(what)")
                continue
            }
            if !allowed.contains(key) {
                at.diags.error(at.file, line, "unknown key \"\(key)\" in \(what) (known keys: \(allowed.joined(separator: ", ")))")
                continue
            }
            entries.append((key, at.child(v), line))
        }
    }

    var keys: [String] { entries.map(\.key) }

    subscript(key: String) -> YNode? { entries.first { $0.key == key }?.value }

    func lineOf(_ key: String) -> Int { entries.first { $0.key == key }?.line ?? at.line }

    func has(_ key: String) -> Bool { self[key] != nil }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let n = self[key] else {
            if required { at.error("\(what) needs \"\(key)\"") }
            return nil
        }
        return n.string("\"\(key)\"")
    }

    func int(_ key: String) -> Int? {
        guard let s = string(key) else { return nil }
        guard let i = Int(s) else { self[key]?.error("\"\(key)\" must be a whole number, not \"\(s)\""); return nil }
        return i
    }

    func double(_ key: String) -> Double? {
        guard let s = string(key) else { return nil }
        guard let d = Double(s) else { self[key]?.error("\"\(key)\" must be a number, not \"\(s)\""); return nil }
        return d
    }

    func bool(_ key: String) -> Bool? {
        guard let s = string(key) else { return nil }
        switch s {
        case "true", "True", "yes": return true
        case "false", "False", "no": return false
        default: self[key]?.error("\"\(key)\" must be true or false, not \"\(s)\""); return nil
        }
    }

    func stringList(_ key: String) -> [(String, Int)] {
        guard let n = self[key] else { return [] }
        if case .scalar = n.node, !n.isNull, let s = n.string("\"\(key)\"") { return [(s, n.line)] }
        if n.isNull { return [] }
        return n.stringList("\"\(key)\"") ?? []
    }
}

/// Parses one YAML document, reporting a syntax error at its file line.
func composeYAML(_ text: String, file: String, lineOffset: Int, diags: Diagnostics) -> YNode? {
    do {
        // Lesson fields are read as the text written (YNode.string), so no implicit tag resolution is needed: the
        // default resolver matches regular expressions against every scalar, also when Yams hashes mapping keys to
        // find duplicates. The encoding is named so Yams does not read the process environment on every call.
        guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return nil }
        return YNode(node: node, file: file, lineOffset: lineOffset, diags: diags)
    } catch let e as YamlError {
        let (line, problem) = yamlProblem(e)
        diags.error(file, line + lineOffset, "invalid YAML: \(problem)")
        return nil
    } catch {
        diags.error(file, 1 + lineOffset, "invalid YAML: \(error)")
        return nil
    }
}

/// The line and the problem of a Yams error, without Yams' echo of the input.
private func yamlProblem(_ e: YamlError) -> (Int, String) {
    switch e {
    case .scanner(let ctx, let problem, let mark, _), .parser(let ctx, let problem, let mark, _),
         .composer(let ctx, let problem, let mark, _):
        return (mark.line, [problem, ctx?.text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "))
    case .duplicatedKeysInMapping(let dups, let ctx):
        return (ctx.mark.line, "duplicate keys \(dups.joined(separator: ", "))")
    default:
        return (1, "\(e)")
    }
}
