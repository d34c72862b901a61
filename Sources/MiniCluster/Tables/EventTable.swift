// The events table (core/v1 and events.k8s.io/v1 Events print alike): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE;
// wide adds SUBOBJECT and SOURCE before MESSAGE and FIRST SEEN, COUNT, NAME after it.

extension Tables {
    static let event = TableSpec(["Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*", "Message", "First Seen*",
                                  "Count*", "Name*"], nameColumn: 9) { o, now in
        eventCells(CoreEventFields(core: o), now)
    }

    static let eventsV1Event = TableSpec(columns: event.columns, nameColumn: 9) { o, now in
        eventCells(CoreEventFields(eventsV1: o), now)
    }

    /// The fields the printer reads, taken from either API version of an Event.
    struct CoreEventFields {
        var name: String, type: String, reason: String, message: String
        var involved: Value?, component: String, host: String
        var first: Timestamp?, last: Timestamp?, eventTime: Timestamp?, count: Int
        var seriesCount: Int?, seriesLast: Timestamp?

        init(core o: Value) {
            name = o.metadataName
            type = o["type"]?.stringValue ?? ""
            reason = o["reason"]?.stringValue ?? ""
            message = o["message"]?.stringValue ?? ""
            involved = o["involvedObject"]
            component = o[path: "source", "component"]?.stringValue ?? ""
            if component.isEmpty { component = o["reportingComponent"]?.stringValue ?? "" }
            host = o[path: "source", "host"]?.stringValue ?? ""
            if host.isEmpty { host = o["reportingInstance"]?.stringValue ?? "" }
            first = Cell.time(o["firstTimestamp"])
            last = Cell.time(o["lastTimestamp"])
            eventTime = Cell.time(o["eventTime"])
            count = o["count"]?.intValue ?? 0
            if let s = o["series"], s.isObject {
                seriesCount = s["count"]?.intValue ?? 0
                seriesLast = Cell.time(s["lastObservedTime"])
            }
        }

        init(eventsV1 o: Value) {
            name = o.metadataName
            type = o["type"]?.stringValue ?? ""
            reason = o["reason"]?.stringValue ?? ""
            message = o["note"]?.stringValue ?? ""
            involved = o["regarding"]
            component = o[path: "deprecatedSource", "component"]?.stringValue ?? ""
            if component.isEmpty { component = o["reportingController"]?.stringValue ?? "" }
            host = o[path: "deprecatedSource", "host"]?.stringValue ?? ""
            if host.isEmpty { host = o["reportingInstance"]?.stringValue ?? "" }
            first = Cell.time(o["deprecatedFirstTimestamp"])
            last = Cell.time(o["deprecatedLastTimestamp"])
            eventTime = Cell.time(o["eventTime"])
            count = o["deprecatedCount"]?.intValue ?? 0
            if let s = o["series"], s.isObject {
                seriesCount = s["count"]?.intValue ?? 0
                seriesLast = Cell.time(s["lastObservedTime"])
            }
        }
    }

    static func eventCells(_ e: CoreEventFields, _ now: Timestamp) -> [String] {
        let firstSeen = e.first != nil ? Cell.since(e.first, now) : Cell.since(e.eventTime, now)
        var lastSeen = e.last != nil ? Cell.since(e.last, now) : firstSeen
        var count = e.count
        if let sc = e.seriesCount {
            lastSeen = Cell.since(e.seriesLast, now)
            count = sc
        } else if count == 0 {
            count = 1
        }
        let kind = (e.involved?["kind"]?.stringValue ?? "").lowercased()
        let objName = e.involved?["name"]?.stringValue ?? ""
        let target = objName.isEmpty ? kind : "\(kind)/\(objName)"
        let source = e.component.isEmpty ? "<unknown>" : (e.host.isEmpty ? e.component : "\(e.component), \(e.host)")
        return [lastSeen, e.type, e.reason, target, e.involved?["fieldPath"]?.stringValue ?? "", source,
                e.message.trimmingWhitespace, firstSeen, String(count), e.name]
    }

    static let eventTables: [String: TableSpec] = ["/Event": event, "events.k8s.io/Event": eventsV1Event]
}

private extension String {
    /// Go's `strings.TrimSpace`.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
