// Go's text conventions that generator output depends on: compact encoding/json (for the last-applied annotation and
// the docker config a secret holds) and `%q` quoting in error messages.
import Foundation
import MiniCluster

enum GoJSON {
    /// `json.Marshal` of a value: no spaces, keys in the value's order, `<`, `>` and `&` escaped as Go does.
    static func compact(_ v: Value) -> String {
        var s = ""
        write(v, into: &s)
        return s
    }

    private static func write(_ v: Value, into s: inout String) {
        switch v {
        case .null: s += "null"
        case .bool(let b): s += b ? "true" : "false"
        case .int(let i): s += String(i)
        case .double(let d):
            s += d == d.rounded() && abs(d) < 1e21 ? String(Int64(d)) : String(d)
        case .string(let str): s += quote(str)
        case .array(let a):
            s += "["
            for (i, x) in a.enumerated() {
                if i > 0 { s += "," }
                write(x, into: &s)
            }
            s += "]"
        case .object(let o):
            s += "{"
            for (i, (k, x)) in o.enumerated() {
                if i > 0 { s += "," }
                s += quote(k) + ":"
                write(x, into: &s)
            }
            s += "}"
        }
    }

    /// A JSON string literal as Go's encoder writes it (HTML-safe).
    static func quote(_ str: String) -> String {
        var out = "\""
        for u in str.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += String(format: "\\u%04x", u.value)
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

enum GoFormat {
    /// Go's `%q` for ordinary text: the one implementation in MiniCluster (which also writes \a \b \f \v as Go does).
    static func q(_ s: String) -> String { GoValue.quote(s) }
}

/// The `kubectl.kubernetes.io/last-applied-configuration` annotation `--save-config` adds.
enum LastApplied {
    static let key = "kubectl.kubernetes.io/last-applied-configuration"

    /// Stores the object's own compact JSON (without this annotation) in the annotation, as kubectl does.
    /// `sortedKeys`: the object is unstructured (read from a file), so Go marshals its maps with sorted keys.
    static func annotate(_ obj: inout Value, sortedKeys: Bool = false) {
        var bare = obj
        var annotations = bare[path: "metadata", "annotations"]?.objectValue ?? [:]
        annotations[key] = nil
        // An unstructured object keeps an emptied map (`"annotations":{}`); a typed one omits it.
        bare[path: "metadata", "annotations"] = Build.opt(sortedKeys || !annotations.isEmpty, .object(annotations))
        let json = GoJSON.compact(sortedKeys ? bare.sortedKeys : bare) + "\n"
        annotations[key] = .string(json)
        // Go marshals maps with sorted keys.
        let sorted = Value(stringMap: annotations.reduce(into: [String: String]()) { $0[$1.key] = $1.value.stringValue ?? "" })
        if obj[path: "metadata", "annotations"] != nil {
            obj[path: "metadata", "annotations"] = sorted
        } else {
            // annotations sits after labels in ObjectMeta; rebuild metadata to keep that order.
            var meta = obj["metadata"]?.objectValue ?? [:]
            let order = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                         "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels"]
            var rebuilt = Value.emptyObject
            for k in order { if let v = meta[k] { rebuilt[k] = v; meta[k] = nil } }
            rebuilt["annotations"] = sorted
            for (k, v) in meta { rebuilt[k] = v }
            obj["metadata"] = rebuilt
        }
    }
}
