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
        cells(spec, obj, resourceVersion: obj["metadata"]?["resourceVersion"]?.stringValue, now: now)
    }

    /// The same, for a caller that already read the object's resourceVersion.
    public func cells(_ spec: TableSpec, _ obj: Value, resourceVersion rv: String?, now: Timestamp) -> [String] {
        guard let prepare = spec.prepare else { return spec.cells(obj, now) }
        guard let rv else { return prepare(obj).map { $0.render(now) } }
        if let hit = rows[rv] { return render(hit, now) }
        let prepared = prepare(obj)
        if rows.count >= limit { rows.removeAll(keepingCapacity: true) }
        rows[rv] = prepared
        return render(prepared, now)
    }

    /// The last list prepared, kept with its array: the store hands out the same array while a type is unchanged,
    /// so a repeated `get pods -A` reads none of 10,000 objects again (holding the array keeps its buffer alive,
    /// so an equal address means the same, unchanged list).
    private var lastList: (key: String, objects: [Value], rows: [[TimedCell]?], namespaces: [String])?

    /// Every object's prepared cells and namespace, for a whole list; nil entries for tables without prepared rows.
    public func preparedList(_ spec: TableSpec, key: String, _ objects: [Value]) -> (rows: [[TimedCell]?], namespaces: [String]) {
        func address(_ a: [Value]) -> UnsafeRawPointer? { a.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } }
        if let last = lastList, last.key == key, last.objects.count == objects.count, address(last.objects) == address(objects) {
            return (last.rows, last.namespaces)
        }
        var rows: [[TimedCell]?] = [], namespaces: [String] = []
        rows.reserveCapacity(objects.count)
        namespaces.reserveCapacity(objects.count)
        // The store patches a changed object into its list in place, so after one pod changed the list is new but
        // all other elements are the very objects of the last list: those reuse their row without being read. Both
        // lists are in key order, so one walk over the last list also gets past objects added or deleted since.
        let previous = lastList.flatMap { $0.key == key ? $0 : nil }
        var j = 0
        for obj in objects {
            if let previous, j < previous.objects.count {
                let ahead = min(j + 8, previous.objects.count)
                if let k = (j..<ahead).first(where: { Self.sameStorage(obj, previous.objects[$0]) }) {
                    namespaces.append(previous.namespaces[k])
                    rows.append(previous.rows[k])
                    j = k + 1
                    continue
                }
            }
            // A changed or new object: its row is prepared here and kept only with this list (not by
            // resourceVersion: a whole list of changed objects would grow that map by thousands of entries).
            namespaces.append(obj["metadata"]?["namespace"]?.stringValue ?? "")
            rows.append(spec.prepare?(obj))
        }
        lastList = (key, objects, rows, namespaces)
        return (rows, namespaces)
    }

    /// True when two objects share their storage, so they are equal. This is sound because the last list keeps its
    /// objects alive: a shared buffer is never changed in place (copy on write), so an object that changed since
    /// has a buffer of its own.
    static func sameStorage(_ a: Value, _ b: Value) -> Bool {
        guard case .object(let x) = a, case .object(let y) = b, x.count == y.count else { return false }
        let px = x.values.withUnsafeBufferPointer { $0.baseAddress }
        return px != nil && px == y.values.withUnsafeBufferPointer { $0.baseAddress }
    }

    /// `HumanDuration` of now − at; consecutive rows with the same moment reuse the text.
    public func age(_ at: Timestamp, now: Timestamp) -> String {
        if let last = lastAge, last.at == at, last.now == now { return last.text }
        let text = HumanDuration.age(at, now: now)
        lastAge = (at, now, text)
        return text
    }

    /// The last age rendered: objects created in the same second (a ReplicaSet's pods) share their AGE text.
    private var lastAge: (at: Timestamp, now: Timestamp, text: String)?

    private func render(_ cells: [TimedCell], _ now: Timestamp) -> [String] {
        var out: [String] = []
        out.reserveCapacity(cells.count)
        for cell in cells {
            switch cell {
            case .text(let s): out.append(s)
            case .since(let at?, let prefix, let suffix):
                let age = self.age(at, now: now)
                out.append(prefix.isEmpty && suffix.isEmpty ? age : prefix + age + suffix)
            case .since(nil, _, _): out.append(cell.render(now))
            }
        }
        return out
    }
}
