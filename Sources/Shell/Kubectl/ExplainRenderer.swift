// Lays out `kubectl explain` pages the way kubectl 1.32's plaintext template does: GROUP/KIND/VERSION header,
// FIELD line for a field path, DESCRIPTION wrapped at 76 columns, FIELDS with `name<TAB><type>` entries.
import Foundation

enum ExplainRenderer {
    /// What a field path resolved to: the field (nil for the kind itself) and the type whose fields are listed.
    struct Target {
        var field: ExplainField?
        var description: String
        var type: ExplainType?
    }

    /// Follows `path` from the kind's root type; throws kubectl's error for a missing field.
    static func resolve(root: ExplainType, path: [String]) throws -> Target {
        var current: ExplainType? = root
        var target = Target(field: nil, description: root.description, type: root)
        for name in path {
            guard let field = current?.field(name) else {
                throw KubectlFailure.plain("field \"\(path.last ?? name)\" does not exist")
            }
            let next = field.type.refName.flatMap { ExplainCatalog.types[$0] }
            var desc = field.description
            if let next { desc += "\n" + next.description }
            target = Target(field: field, description: desc, type: next)
            current = next
        }
        return target
    }

    static func render(group: String, kind: String, version: String, target: Target, recursive: Bool) -> String {
        var s = ""
        if !group.isEmpty { s += "GROUP:      \(group)\n" }
        s += "KIND:       \(kind)\n"
        s += "VERSION:    \(version)\n\n"
        if let field = target.field {
            s += "FIELD: \(field.name) <\(field.type.display)>\n"
            if !field.enumValues.isEmpty {
                s += "ENUM:" + field.enumValues.map { "\n    " + enumText($0) }.joined()
            }
            s += "\n\n"
        }
        s += "DESCRIPTION:\n"
        let desc = target.description.isEmpty ? "<empty>" : target.description + "\n"
        s += indent(wrap(desc, 76), 4) + "\n"
        if let type = target.type, !type.fields.isEmpty {
            s += "FIELDS:\n"
            s += fieldList(type, level: 1, recursive: recursive, seen: [type.name])
        }
        return s + "\n"
    }

    /// The FIELDS block: every field sorted by name, with descriptions, or as a tree of names when recursive.
    static func fieldList(_ type: ExplainType, level: Int, recursive: Bool, seen: Set<String>) -> String {
        var s = ""
        let pad = level * 2
        for field in type.fields.sorted(by: { $0.name < $1.name }) {
            s += String(repeating: " ", count: pad) + field.name + "\t<\(field.type.display)>"
            if field.required { s += " -required-" }
            if !field.enumValues.isEmpty {
                let shown = field.enumValues.prefix(4).map(enumText).joined(separator: ", ")
                s += "\n" + String(repeating: " ", count: pad) + "enum: " + shown + (field.enumValues.count > 4 ? ", ...." : "")
            }
            s += "\n"
            if recursive {
                // A type already on the path is a cycle (e.g. JSONSchemaProps): stop there, as the template does.
                if let ref = field.type.refName, !seen.contains(ref), let sub = ExplainCatalog.types[ref] {
                    s += fieldList(sub, level: level + 1, recursive: true, seen: seen.union([ref]))
                }
            } else {
                s += indent(wrap(field.description.isEmpty ? "<no description>" : field.description, 78 - pad), pad + 2) + "\n\n"
            }
        }
        return s
    }

    static func enumText(_ v: String) -> String { v.isEmpty ? "\"\"" : v }

    /// Prefixes every line (including an empty last one) with `amount` spaces, like the template's `indent`.
    static func indent(_ s: String, _ amount: Int) -> String {
        let pad = String(repeating: " ", count: amount)
        return pad + s.replacingOccurrences(of: "\n", with: "\n" + pad)
    }

    /// Greedy word wrap at `limit` columns that keeps existing line breaks and never splits a word
    /// (the behaviour of the word-wrap writer kubectl uses).
    static func wrap(_ s: String, _ limit: Int) -> String {
        var out = "", word = "", spaces = ""
        var current = 0
        for ch in s {
            if ch == "\n" {
                if word.isEmpty {
                    if current + spaces.count <= limit { out += spaces }
                } else {
                    out += spaces + word
                }
                spaces = ""; word = ""
                out.append("\n")
                current = 0
            } else if ch == " " || ch == "\t" {
                if spaces.isEmpty || !word.isEmpty {
                    current += spaces.count + word.count
                    out += spaces + word
                    spaces = ""; word = ""
                }
                spaces.append(ch)
            } else {
                word.append(ch)
                if current + spaces.count + word.count > limit, word.count < limit {
                    out.append("\n")
                    current = 0
                    spaces = ""
                }
            }
        }
        if word.isEmpty {
            if current + spaces.count <= limit { out += spaces }
        } else {
            out += spaces + word
        }
        return out
    }
}
