// Prepared table rows: the cells of an object that do not depend on the time, computed once per object state
// (resourceVersion) and kept, so that `get pods -A` over thousands of unchanged pods only renders ages.

/// A cell as prepared from an object: fixed text, or text around the age of a moment (`5m`, `3 (45s ago)`).
public enum TimedCell: Sendable, Equatable {
    case text(String)
    /// `prefix + HumanDuration(now − at) + suffix`; `<unknown>` replaces the age when `at` is nil.
    case since(Timestamp?, prefix: String = "", suffix: String = "")

    public func render(_ now: Timestamp) -> String {
        switch self {
        case .text(let s): return s
        case .since(let t, let prefix, let suffix):
            let age = HumanDuration.age(t, now: now)
            return prefix.isEmpty && suffix.isEmpty ? age : prefix + age + suffix
        }
    }
}

/// Prepared rows by resourceVersion (unique within one cluster's store); one cache per cluster.
public final class TableRowCache {
    private var rows: [String: [TimedCell]] = [:]
    /// Beyond this many entries the cache starts over (old object states are never asked for again).
    public var limit = 100_000

    public init() {}

    /// The prepared cells of an object: cached when the object has a resourceVersion and its table prepares rows.
    public func cells(_ spec: TableSpec, _ obj: Value, now: Timestamp) -> [String] {
        guard let prepare = spec.prepare else { return spec.cells(obj, now) }
        guard let rv = obj["metadata"]?["resourceVersion"]?.stringValue else { return prepare(obj).map { $0.render(now) } }
        if let hit = rows[rv] { return hit.map { $0.render(now) } }
        let prepared = prepare(obj)
        if rows.count >= limit { rows.removeAll(keepingCapacity: true) }
        rows[rv] = prepared
        return prepared.map { $0.render(now) }
    }
}
