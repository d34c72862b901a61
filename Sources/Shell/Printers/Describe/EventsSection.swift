// The Events section: finding an object's events (kubectl's field selector on involvedObject) and
// rendering them as describe's table, oldest first.
import MiniCluster

enum EventsSection {
    /// Core Events about an object: same involvedObject name and namespace, and kind and uid when given
    /// (kubectl leaves the kind out for pods). Cluster-scoped objects' events may live in any namespace, and their
    /// involvedObject namespace is not checked (kubectl expects it empty; the simulator's recorder may fill it in).
    static func find(for object: Value, in ctx: DescribeContext, matchKind: Bool = true, uid: String? = nil) -> [Value] {
        let ns = object.metadataNamespace ?? ""
        let name = object.metadataName
        let kind = object.kind
        let uid = uid ?? object.uid
        return ctx.list("Event", namespace: ns.isEmpty ? nil : ns).filter { e in
            e.dStr("involvedObject", "name") == name && (ns.isEmpty || e.dStr("involvedObject", "namespace") == ns)
                && (!matchKind || kind.isEmpty || e.dStr("involvedObject", "kind") == kind)
                && (uid.isEmpty || e.dStr("involvedObject", "uid") == uid)
        }
    }

    /// Sorted by lastTimestamp (unset first), as `event.SortableEvents` orders them; ties keep list order, which
    /// follows creation because recorders name events `<object>.<hex nanoseconds>`.
    static func sorted(_ events: [Value]) -> [Value] {
        events.enumerated().sorted {
            let a = $0.element.dTime("lastTimestamp")?.ms ?? Int64.min, b = $1.element.dTime("lastTimestamp")?.ms ?? Int64.min
            return (a, $0.offset) < (b, $1.offset)
        }.map(\.element)
    }

    /// Writes `Events:` and the table, or `Events:\t<none>`.
    static func write(_ events: [Value], _ w: PrefixWriter, _ ctx: DescribeContext) {
        guard !events.isEmpty else { w.write(0, "Events:\t<none>\n"); return }
        w.flush()
        w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        w.write(1, "----\t------\t----\t----\t-------\n")
        for e in sorted(events) {
            w.write(1, "\(e.dStr("type"))\t\(e.dStr("reason"))\t\(age(e, ctx))\t\(source(e))\t\(trim(e.dStr("message")))\n")
        }
    }

    /// `5m26s`, or `11s (x7 over 3m1s)` for repeated events.
    static func age(_ e: Value, _ ctx: DescribeContext) -> String {
        let eventTime = e.dTime("eventTime")
        let first = eventTime != nil ? ctx.since(eventTime) : ctx.since(e.dTime("firstTimestamp"))
        if e.dHas("series") {
            return "\(ctx.since(e.dTime("series", "lastObservedTime"))) (x\(e.dInt("series", "count") ?? 0) over \(first))"
        }
        if let count = e.dInt("count"), count > 1 {
            return "\(ctx.since(e.dTime("lastTimestamp"))) (x\(count) over \(first))"
        }
        return first
    }

    /// `source.component`, else the reporting controller.
    static func source(_ e: Value) -> String {
        let c = e.dStr("source", "component")
        return c.isEmpty ? e.dStr("reportingComponent") : c
    }

    private static func trim(_ s: String) -> String {
        String(s.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
