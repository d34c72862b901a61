// kubectl's describe PrefixWriter: text at indentation levels (two spaces each) into the describe tabwriter
// (minwidth 0, padding 2), plus the multi-line label/annotation/toleration/taint helpers every describer uses.
import MiniCluster

/// Collects one object's description; `text` is the final, aligned output.
final class PrefixWriter {
    private var tab = GoTabWriter(minWidth: 0, padding: 2)
    /// Extra levels added to every write (kubectl's nested prefix writer).
    let indent: Int
    private let parent: PrefixWriter?

    /// Text as written, tabs kept (kubectl's PrefixWriter over a plain buffer, as `rollout history --revision`).
    private var raw: String?

    init() { indent = 0; parent = nil }

    /// A writer that keeps tabs instead of aligning cells.
    init(unaligned: Bool) { indent = 0; parent = nil; raw = unaligned ? "" : nil }

    private init(parent: PrefixWriter, indent: Int) {
        self.parent = parent
        self.indent = indent
    }

    /// A writer that shifts every level by `levels` and writes into this one.
    func nested(_ levels: Int) -> PrefixWriter { PrefixWriter(parent: self, indent: levels) }

    /// Writes `text` after `level` × two spaces. Tabs end cells, newlines end lines.
    func write(_ level: Int, _ text: String) {
        if let parent { parent.write(level + indent, text); return }
        if raw != nil { raw! += String(repeating: "  ", count: max(0, level)) + text; return }
        tab.write(String(repeating: "  ", count: max(0, level)) + text)
    }

    /// Writes a line with no indentation (Go's `WriteLine`, i.e. `Sprintln`); nested writers indent it.
    func line(_ text: String) {
        if let parent { parent.write(indent, text + "\n"); return }
        if raw != nil { raw! += text + "\n"; return }
        tab.write(text + "\n")
    }

    /// Aligns what has been written so far on its own (DescribeEvents does this before its table).
    func flush() {
        if let parent { parent.flush(); return }
        tab.flush()
    }

    /// The finished text.
    var text: String {
        if let parent { return parent.text }
        if let raw { return raw }
        tab.flush()
        return tab.output
    }
}

// MARK: - Multi-line helpers (printLabelsMultiline and friends)

extension PrefixWriter {
    /// `Labels:\tk=v` with one entry per line, sorted by key; `<none>` when empty.
    func labels(_ title: String, _ map: [String: String], initialIndent: String = "", innerIndent: String = "\t") {
        write(0, "\(initialIndent)\(title):\(innerIndent)")
        guard !map.isEmpty else { line("<none>"); return }
        for (i, key) in map.keys.sorted().enumerated() {
            if i != 0 { write(0, initialIndent); write(0, innerIndent) }
            write(0, "\(key)=\(map[key] ?? "")\n")
        }
    }

    /// `Annotations:\tk: v`, long or multi-line values on their own indented lines; last-applied is hidden.
    func annotations(_ title: String, _ map: [String: String]) {
        write(0, "\(title):\t")
        let keys = map.keys.filter { $0 != "kubectl.kubernetes.io/last-applied-configuration" }.sorted()
        guard !keys.isEmpty else { line("<none>"); return }
        let maxLen = 140
        for (i, key) in keys.enumerated() {
            if i != 0 { write(0, "\t") }
            var value = map[key] ?? ""
            if value.hasSuffix("\n") { value.removeLast() }
            if value.utf8.count + key.utf8.count + 2 > maxLen || value.contains("\n") {
                write(0, "\(key):\n")
                for part in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    write(0, "\t  \(shorten(String(part), maxLen - 2))\n")
                }
            } else {
                write(0, "\(key): \(value)\n")
            }
        }
    }

    /// `Tolerations:\tkey=value:Effect op=Exists for 300s`, sorted by key.
    func tolerations(_ title: String, _ list: [Value]) {
        write(0, "\(title):\t")
        guard !list.isEmpty else { line("<none>"); return }
        let sorted = list.enumerated().sorted { ($0.element.dStr("key"), $0.offset) < ($1.element.dStr("key"), $1.offset) }
        for (i, t) in sorted.map(\.element).enumerated() {
            if i != 0 { write(0, "\t") }
            let key = t.dStr("key"), value = t.dStr("value"), effect = t.dStr("effect")
            var s = key
            if !value.isEmpty { s += "=\(value)" }
            if !effect.isEmpty { s += ":\(effect)" }
            if t.dStr("operator") == "Exists", value.isEmpty {
                s += (key.isEmpty && effect.isEmpty) ? "op=Exists" : " op=Exists"
            }
            if let secs = t.dInt("tolerationSeconds") { s += " for \(secs)s" }
            write(0, s + "\n")
        }
    }

    /// `Taints:\tkey=value:Effect`, sorted by effect then key.
    func taints(_ title: String, _ list: [Value]) {
        write(0, "\(title):\t")
        guard !list.isEmpty else { line("<none>"); return }
        let sorted = list.sorted { "\($0.dStr("effect")),\($0.dStr("key"))" < "\($1.dStr("effect")),\($1.dStr("key"))" }
        for (i, t) in sorted.enumerated() {
            if i != 0 { write(0, "\t") }
            let value = t.dStr("value")
            write(0, "\(t.dStr("key"))\(value.isEmpty ? "" : "=" + value):\(t.dStr("effect"))\n")
        }
    }

    /// `Used By:\tpod-a` one name per line, sorted; `<none>` when empty.
    func names(_ title: String, _ names: [String]) {
        write(0, "\(title):\t")
        guard !names.isEmpty else { line("<none>"); return }
        for (i, n) in names.sorted().enumerated() {
            if i != 0 { write(0, "\t") }
            write(0, n + "\n")
        }
    }

    private func shorten(_ s: String, _ maxLength: Int) -> String {
        guard s.utf8.count > maxLength else { return s }
        return String(decoding: Array(s.utf8.prefix(maxLength)), as: UTF8.self) + "..."
    }
}
