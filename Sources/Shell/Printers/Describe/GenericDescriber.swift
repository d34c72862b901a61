// The fallback for kinds without a describer (events, leases, CRDs …): every field of the object, keys sorted,
// labels made readable (`involvedObject` → `Involved Object`), as kubectl's generic describer prints them.
import MiniCluster

enum GenericDescriber {
    static func describe(_ obj: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(obj.metadataName)\n")
        w.write(0, "Namespace:\t\(obj.metadataNamespace ?? "")\n")
        w.labels("Labels", obj.labels)
        w.annotations("Annotations", obj.annotations)
        content(obj, level: 0, path: "", w)
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: obj, in: ctx), w, ctx) }
        return w.text
    }

    private static let skipped: Set<String> = [".metadata.managedFields", ".metadata.name", ".metadata.namespace",
                                               ".metadata.labels", ".metadata.annotations"]

    private static func content(_ v: Value, level: Int, path: String, _ w: PrefixWriter) {
        guard let fields = v.objectValue else { return }
        for key in fields.keys.sorted() {
            let value = fields[key] ?? .null
            let here = "\(path).\(key)"
            if skipped.contains(here) { continue }
            switch value {
            case .object:
                w.write(level, "\(label(key)):\n")
                content(value, level: level + 1, path: here, w)
            case .array(let items):
                w.write(level, "\(label(key)):\n")
                for item in items {
                    if case .object = item { content(item, level: level + 1, path: here, w) }
                    else { w.write(level + 1, "\(scalar(item))\n") }
                }
            default:
                w.write(level, "\(label(key)):\t\(scalar(value))\n")
            }
        }
    }

    private static func scalar(_ v: Value) -> String {
        switch v {
        case .null: return "<nil>"
        case .array(let a): return "[" + a.map(scalar).joined(separator: " ") + "]"
        case .object: return "map[]"
        default: return v.dText
        }
    }

    /// `smartLabelFor`: camel-case words, title-cased, common acronyms upper-cased; odd names kept as they are.
    static func label(_ field: String) -> String {
        if field.unicodeScalars.contains(where: { !($0.properties.isAlphabetic || $0 == "-") }) { return field }
        let acronyms: Set<String> = ["API", "URL", "UID", "OSB", "GUID"]
        return camelSplit(field).filter { $0 != "_" }.map { part -> String in
            if acronyms.contains(part.uppercased()) { return part.uppercased() }
            return part.prefix(1).uppercased() + part.dropFirst()
        }.joined(separator: " ")
    }

    /// fatih/camelcase: runs of one character class; an upper-case run followed by lower case gives its last letter away.
    static func camelSplit(_ s: String) -> [String] {
        func kind(_ c: Character) -> Int { c.isLowercase ? 1 : c.isUppercase ? 2 : c.isNumber ? 3 : 4 }
        var runs: [[Character]] = []
        var last = 0
        for c in s {
            let k = kind(c)
            if k == last, !runs.isEmpty { runs[runs.count - 1].append(c) } else { runs.append([c]) }
            last = k
        }
        var i = 0
        while i < runs.count - 1 {
            if let a = runs[i].first, let b = runs[i + 1].first, a.isUppercase, b.isLowercase {
                let moved = runs[i].removeLast()
                runs[i + 1].insert(moved, at: 0)
            }
            i += 1
        }
        return runs.filter { !$0.isEmpty }.map { String($0) }
    }
}
