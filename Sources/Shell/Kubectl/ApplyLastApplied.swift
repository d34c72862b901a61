// The `kubectl.kubernetes.io/last-applied-configuration` annotation: what client-side apply remembers of the
// manifest it sent last, so the next apply can tell which fields the user removed.
import MiniCluster

enum LastAppliedConfig {
    static let key = StrategicMergePatch.lastAppliedAnnotation

    /// kubectl's GetModifiedConfiguration text (the manifest already carries its namespace).
    static func json(of obj: Value) -> String {
        StrategicMergePatch.lastAppliedConfiguration(of: obj, namespace: nil)
    }

    /// The object with the annotation set to its own configuration (CreateApplyAnnotation).
    static func annotated(_ obj: Value) -> Value {
        var out = obj
        let text = json(of: obj)
        var annotations = out[path: "metadata", "annotations"]?.objectValue ?? [:]
        annotations[key] = .string(text)
        out[path: "metadata", "annotations"] = .object(annotations)
        return out
    }

    /// The configuration recorded on a live object, if it has one that parses.
    static func recorded(on live: Value) -> Value? {
        guard let text = live[path: "metadata", "annotations", key]?.stringValue, !text.isEmpty else { return nil }
        return try? JSONCodec.decode(text)
    }

    /// Removes null fields everywhere (kubectl prunes them before creating, to match what an update keeps).
    static func pruneNulls(_ v: Value) -> Value {
        switch v {
        case .object(let o):
            var out = o
            for (k, x) in o { if x.isNull { out[k] = nil } else { out[k] = pruneNulls(x) } }
            return .object(out)
        case .array(let a): return .array(a.map(pruneNulls))
        default: return v
        }
    }
}
