// Records core/v1 Events the way client-go's recorder does: named `<object>.<hex unix nanos>`, and repeats of the
// same reason and message for the same object folded into one Event with a count.

import OrderedCollections

public final class EventRecorder {
    unowned let api: APIServer
    private let eventType: ResourceType
    /// Folding key → event name, so a repeat bumps the count instead of creating a new Event.
    private var seen: [String: (namespace: String, name: String)] = [:]
    private var lastNanos: Int64 = 0
    /// Several events often share one instant: it is formatted once.
    private let timeText = TimestampText()

    public init(api: APIServer) {
        self.api = api
        self.eventType = api.registry.lookup(kind: "Event")!
    }

    /// Records an event about `object`. `type` is "Normal" or "Warning"; `fieldPath` names a container
    /// (`spec.containers{nginx}`) when the event is about one.
    public func record(_ object: Value, type: String = "Normal", reason: String, message: String,
                       component: String, host: String? = nil, fieldPath: String? = nil) {
        // Events about cluster-scoped objects (nodes) live in `default`; their involvedObject has no namespace.
        let objectNamespace = object.metadataNamespace ?? ""
        let ns = objectNamespace.isEmpty ? "default" : objectNamespace
        let now = timeText(api.clock.now)
        let fold = [object.uid, fieldPath ?? "", reason, message, component, host ?? ""].joined(separator: "\u{1}")
        if let at = seen[fold], var ev = try? api.get(eventType, namespace: at.namespace, name: at.name) {
            ev["count"] = .int((ev["count"]?.intValue ?? 1) + 1)
            ev["lastTimestamp"] = .string(now)
            _ = try? api.update(eventType, ev, namespace: at.namespace, strict: false)
            return
        }
        // Unique, increasing nanoseconds even when several events share a virtual instant.
        lastNanos = max(lastNanos + 1, api.clock.now.ms * 1_000_000)
        let name = "\(object.metadataName).\(String(lastNanos, radix: 16))"
        // Built key by key in the order the literals had (no key repeats, so no lookups while building).
        var involved: [(String, Value)] = [
            ("apiVersion", .string(object.apiVersion)), ("kind", .string(object.kind)),
            ("name", .string(object.metadataName)), ("uid", .string(object.uid)),
        ]
        involved.reserveCapacity(7)
        if !objectNamespace.isEmpty { involved.append(("namespace", .string(objectNamespace))) }
        if let rv = object[path: "metadata", "resourceVersion"] { involved.append(("resourceVersion", rv)) }
        if let fieldPath { involved.append(("fieldPath", .string(fieldPath))) }
        var source: [(String, Value)] = [("component", .string(component))]
        if let host { source.append(("host", .string(host))) }
        let stamp = Value.string(now)
        let ev = Value.object(OrderedDictionary(uncheckedUniqueKeysWithValues: [
            ("apiVersion", "v1"), ("kind", "Event"),
            ("metadata", .object(OrderedDictionary(uncheckedUniqueKeysWithValues: [("name", .string(name)), ("namespace", .string(ns))]))),
            ("involvedObject", .object(OrderedDictionary(uncheckedUniqueKeysWithValues: involved))),
            ("reason", .string(reason)), ("message", .string(message)),
            ("source", .object(OrderedDictionary(uncheckedUniqueKeysWithValues: source))),
            ("firstTimestamp", stamp), ("lastTimestamp", stamp), ("count", 1), ("type", .string(type)),
            ("eventTime", nil), ("reportingComponent", .string(component)), ("reportingInstance", .string(host ?? "")),
        ]))
        // The Event is built here and valid whenever its name is (the only part taken from elsewhere): it skips
        // re-validation then. A name the API would refuse goes the full way, to fail exactly as it did.
        let created: Value?
        if NameRules.dns1123Subdomain(name).isEmpty, type == "Normal" || type == "Warning" {
            created = try? api.createVouched(eventType, ev, namespace: ns)
        } else {
            created = try? api.create(eventType, ev, namespace: ns, strict: false)
        }
        if created != nil { seen[fold] = (ns, name) }
    }
}
