// Cell helpers shared by every kind's table (the small formatting functions of printers.go, in our words).

enum Cell {
    /// AGE: HumanDuration of now − creationTimestamp, `<unknown>` without one.
    static func age(_ obj: Value, _ now: Timestamp) -> String { since(time(obj["metadata"]?["creationTimestamp"]), now) }

    /// `translateTimestampSince`: a timestamp as an age, `<unknown>` when absent.
    static func since(_ t: Timestamp?, _ now: Timestamp) -> String { HumanDuration.age(t, now: now) }

    /// A timestamp field read from an RFC 3339 string.
    static func time(_ v: Value?) -> Timestamp? { v?.stringValue.flatMap { Timestamp(rfc3339: $0) } }

    /// An integer field printed with `%d`, 0 when missing.
    static func int(_ v: Value?) -> String { String(v?.intValue ?? 0) }

    /// `CONTAINERS` and `IMAGES` wide cells of a pod spec: names and images joined by `,`.
    static func containersAndImages(_ podSpec: Value?) -> (String, String) {
        let cs = podSpec?["containers"]?.arrayValue ?? []
        return (cs.map { $0["name"]?.stringValue ?? "" }.joined(separator: ","),
                cs.map { $0["image"]?.stringValue ?? "" }.joined(separator: ","))
    }

    /// A label-selector object in its canonical string form; `<none>` when empty.
    static func selector(_ sel: Value?) -> String { LabelSelector.format(sel) }

    /// A map selector (Service `spec.selector`, nodeSelector) as `k=v,…` sorted by key; `<none>` when empty.
    static func mapSelector(_ m: [String: String]?) -> String {
        guard let m, !m.isEmpty else { return "<none>" }
        return m.keys.sorted().map { "\($0)=\(m[$0] ?? "")" }.joined(separator: ",")
    }

    /// The length of an object or array field (DATA, SECRETS columns).
    static func count(_ v: Value?) -> Int {
        switch v {
        case .object(let o)?: return o.count
        case .array(let a)?: return a.count
        default: return 0
        }
    }

    /// Up to `max` items joined by `,`, then ` + N more...` (hosts, endpoints, HPA targets).
    static func joinLimited(_ items: [String], max: Int, separator: String = ",") -> String {
        if items.count <= max { return items.joined(separator: separator) }
        return items.prefix(max).joined(separator: separator) + " + \(items.count - max) more..."
    }

    /// Go's `%v` of a bool.
    static func bool(_ b: Bool) -> String { b ? "true" : "false" }

    /// A string field, or `fallback` when missing or empty.
    static func string(_ v: Value?, or fallback: String) -> String {
        guard let s = v?.stringValue, !s.isEmpty else { return fallback }
        return s
    }

    /// Go's `%v` of an IntOrString field (`1`, `25%`).
    static func intOrString(_ v: Value?) -> String? {
        switch v {
        case .int(let i)?: return String(i)
        case .string(let s)?: return s
        case .double(let d)? where d == d.rounded(): return String(Int(d))
        default: return nil
        }
    }
}
