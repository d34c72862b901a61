// Records core/v1 Events the way client-go's recorder does: named `<object>.<hex unix nanos>`, and passed through
// the EventCorrelator of tools/record (events_cache.go, client-go 1.32) for every component that records with it:
// - the aggregator: once 10 events that differ only in their message (same source, object, type, reason, reporting
//   controller and instance) are seen, each less than 10 minutes after the one before, further ones go to a single
//   Event with the message prefixed "(combined from similar events): " whose count grows;
// - the logger: a repeat of an event already recorded (same source, object, field path, type, reason, message) bumps
//   the count, lastTimestamp and message of the Event it first made;
// - the spam filter: a token bucket per source and object (burst 25, one token back every 300 s) drops writes beyond
//   that. A dropped repeat still counts: the logger saw it, so the next write carries the full count.
// kube-scheduler records through events.k8s.io (tools/events), which has no aggregator nor spam filter: its events
// only fold exact repeats into a count, as before.

import OrderedCollections

public final class EventRecorder {
    unowned let api: APIServer
    private let eventType: ResourceType
    /// Folding key → event name for components that do not correlate (the scheduler), forgotten as events.k8s.io
    /// forgets them (see `SeriesCache`).
    var series: SeriesCache
    private var foldingSource: (component: String, host: String?, value: Value)?
    /// Hashed once, by uid, reason and the message's length (see `SpamKey`: the table rehashes this word as it grows).
    struct FoldKey: Hashable {
        let uid, fieldPath, reason, message, component, host: String
        private let fieldsHash: Int

        init(uid: String, fieldPath: String, reason: String, message: String, component: String, host: String) {
            (self.uid, self.fieldPath, self.reason) = (uid, fieldPath, reason)
            (self.message, self.component, self.host) = (message, component, host)
            // The message's length, not its text: an object's events of one reason seldom share a length, and
            // hashing a long message cost more than the rest of the key.
            var h = Hasher()
            h.combine(uid)
            h.combine(reason)
            h.combine(message.utf8.count)
            fieldsHash = h.finalize()
        }

        func hash(into h: inout Hasher) { h.combine(fieldsHash) }

        static func == (a: FoldKey, b: FoldKey) -> Bool {
            a.fieldsHash == b.fieldsHash && a.uid == b.uid && a.reason == b.reason && a.message == b.message
                && a.fieldPath == b.fieldPath && a.component == b.component && a.host == b.host
        }
    }
    private var lastNanos: Int64 = 0
    /// Whether Events go through `createVouched`; a test clears it to compare with the full `create` path.
    var vouches = true

    /// Components whose recorder is the events.k8s.io one in Kubernetes 1.32 (no EventCorrelator).
    /// (A list: one string comparison per event, where a set hashed the component.)
    static let uncorrelated = ["default-scheduler"]

    // client-go's defaults (events_cache.go).
    static let aggregateMaxEvents = 10
    static let aggregateIntervalMs: Int64 = 600_000
    static let spamBurst = 25.0
    /// `defaultSpamQPS` is the float32 1/300, widened to float64 by rate.Limit.
    static let spamQPS = Double(Float(1.0 / 300.0))

    // client-go keys its three caches by strings that all begin with the source and the object (getSpamKey's
    // fields); the aggregate key adds type, reason and the reporting controller and instance (the source's
    // component and host again), the event key adds field path, type, reason and message. So the caches are kept
    // per source and object here: one lookup by that key, then small ones by what the key adds.

    /// getSpamKey's fields (source and object; not the type nor the reason). Compares every field; hashes the few
    /// that tell keys apart in practice (an object's uid goes with one kind, namespace and name; the name stands in
    /// for a uid an object does not have yet), once: the cache's table rehashes its keys when it grows and when it
    /// drops one (past 4,096 objects, once per new object), and then hashes this word rather than the strings.
    struct SpamKey: Hashable {
        let component, host, kind, namespace, name, uid, apiVersion: String
        private let fieldsHash: Int

        init(component: String, host: String, kind: String, namespace: String, name: String, uid: String,
             apiVersion: String) {
            (self.component, self.host, self.kind, self.namespace) = (component, host, kind, namespace)
            (self.name, self.uid, self.apiVersion) = (name, uid, apiVersion)
            var h = Hasher()
            h.combine(uid.isEmpty ? name : uid)
            h.combine(host)
            fieldsHash = h.finalize()
        }

        func hash(into h: inout Hasher) { h.combine(fieldsHash) }

        static func == (a: SpamKey, b: SpamKey) -> Bool {
            a.fieldsHash == b.fieldsHash && a.uid == b.uid && a.name == b.name && a.host == b.host
                && a.component == b.component && a.kind == b.kind && a.namespace == b.namespace
                && a.apiVersion == b.apiVersion
        }
    }
    /// What EventAggregatorByReasonFunc's key adds to the source and object. Hashed by the reason alone (an
    /// object's events of one reason are nearly always of one type), and compared by the reason first.
    struct TypeReason: Hashable {
        var type, reason: String
        func hash(into h: inout Hasher) { h.combine(reason) }
        static func == (a: TypeReason, b: TypeReason) -> Bool { a.reason == b.reason && a.type == b.type }
    }
    /// What the logger's key adds: getEventKey's further fields, or the aggregate key for combined events (type
    /// and reason only). Hashed by reason and message, which tell an object's events apart but for repeats;
    /// compared in full, the reason first (an object's events are mostly told apart by it, at one short
    /// comparison). A struct rather than an enum of the two: comparing enum payloads copied both keys.
    struct LogKey: Hashable {
        let isAggregate: Bool
        let fieldPath, type, reason, message: String

        static func event(fieldPath: String, type: String, reason: String, message: String) -> LogKey {
            LogKey(isAggregate: false, fieldPath: fieldPath, type: type, reason: reason, message: message)
        }

        static func aggregate(_ key: TypeReason) -> LogKey {
            LogKey(isAggregate: true, fieldPath: "", type: key.type, reason: key.reason, message: "")
        }

        func hash(into h: inout Hasher) {
            if isAggregate {
                h.combine(0 as UInt8); h.combine(reason)
            } else {
                h.combine(reason); h.combine(message)
            }
        }

        static func == (a: LogKey, b: LogKey) -> Bool {
            a.isAggregate == b.isAggregate && a.reason == b.reason && a.message == b.message && a.type == b.type
                && a.fieldPath == b.fieldPath
        }
    }
    /// The three caches' entries for one source and object.
    struct SourceObject {
        var bucket = TokenBucket()
        var aggregates = KeyedRecords<TypeReason, AggregateRecord>()
        var observations = KeyedRecords<LogKey, Observation>()
        /// The Events' `source`, built for the first one written (no host and an empty one share these caches, as
        /// in client-go, but not the object: one has no host key).
        var source: (hasHost: Bool, value: Value)?

        /// One event through client-go's order: the aggregator (whether it goes to the combined event), the logger
        /// (a repeat takes the first one's name and first timestamp with the count one higher; the observation is
        /// kept whether or not the write happens), then the spam filter (whether it is written at all).
        mutating func take(type: String, reason: String, message: String, fieldPath: String, nowMs: Int64,
                           now: String, namespace: String, newName: () -> String, component: String, host: String?)
            -> (combined: Bool, previous: Observation?, observation: Observation, source: Value?) {
            // EventAggregate: the reporting controller and instance are the source's component and host.
            let typeReason = TypeReason(type: type, reason: reason)
            let combined = aggregates.edit(typeReason, default: { AggregateRecord() }) { $0.observe(message, atMs: nowMs) }
            let logKey: LogKey = combined ? .aggregate(typeReason)
                : .event(fieldPath: fieldPath, type: type, reason: reason, message: message)
            // One lookup for both the read and the write: a new key gets its first observation (the name is made
            // only then), a known one counts one more (a count of 0 is never stored, so it tells them apart).
            var previous: Observation?
            let observation = observations.edit(logKey, default: {
                Observation(count: 0, firstTimestamp: now, namespace: namespace, name: newName())
            }) { o in
                if o.count > 0 { previous = o }
                o.count += 1
                return o
            }
            guard bucket.tryAccept(atMs: nowMs) else { return (combined, previous, observation, nil) }
            if let source, source.hasHost == (host != nil) { return (combined, previous, observation, source.value) }
            let value = EventRecorder.source(component: component, host: host)
            source = (host != nil, value)
            return (combined, previous, observation, value)
        }
    }


    struct AggregateRecord {
        /// Go keeps a set and, once it holds 10 messages, pops an arbitrary one (map order); this pops the oldest,
        /// so runs are reproducible. At most 10 messages, searched in order (cheaper than hashing one); the
        /// oldest is kept apart, so that a record of one message (most reasons of a pod) allocates nothing.
        private var oldest: String?
        private var newer: [String] = []
        var lastMs: Int64 = .min

        /// The messages, oldest first (an ordered set).
        var localKeys: [String] { oldest.map { [$0] + newer } ?? [] }

        /// Takes one more message (a fresh set when the last one came more than 10 minutes ago); true once the set
        /// is full, when the event goes to the combined one (and the oldest message leaves the set).
        mutating func observe(_ message: String, atMs now: Int64) -> Bool {
            if lastMs == .min || now - lastMs > EventRecorder.aggregateIntervalMs { self = AggregateRecord() }
            lastMs = now
            guard let first = oldest else {
                oldest = message
                return false  // one message does not fill a set of 10
            }
            if first != message, !newer.contains(message) { newer.append(message) }
            guard 1 + newer.count >= EventRecorder.aggregateMaxEvents else { return false }
            oldest = newer.removeFirst()
            return true
        }
    }
    struct Observation {
        var count: Int
        var firstTimestamp: String
        var namespace: String
        var name: String
    }
    /// golang.org/x/time/rate's limiter as flowcontrol's TryAccept uses it: starts full, refills continuously.
    struct TokenBucket {
        var tokens = EventRecorder.spamBurst
        var lastMs: Int64 = .min

        mutating func tryAccept(atMs now: Int64) -> Bool {
            var available = EventRecorder.spamBurst
            if lastMs != .min {
                // time.Duration.Seconds(): whole seconds plus the nanoseconds over, each converted on its own.
                let elapsed = max(0, now - lastMs)
                let seconds = Double(elapsed / 1000) + Double((elapsed % 1000) * 1_000_000) / 1e9
                available = min(EventRecorder.spamBurst, tokens + seconds * EventRecorder.spamQPS)
            }
            guard available >= 1 else { return false }
            tokens = available - 1
            lastMs = now
            return true
        }
    }

    /// The correlator's caches by source and object, bounded as client-go's (see `SourceObjectCache`).
    var sources = SourceObjectCache()
    /// Whether an event finds its entry through the one its subject remembers; a test clears it to compare with
    /// the table lookup.
    var remembersSources = true
    /// Whether a subject takes its name check from its correlator entry; a test clears it to compare.
    var carriesNameChecks = true

    /// What an Event says about the object it is about, read from the object once (and kept with the object: see
    /// `subject(_:)`, so a class, shared rather than copied).
    final class Subject {
        let apiVersion, kind, name, namespace, uid: String
        let resourceVersion: Value?
        /// Whether `name` is a DNS-1123 subdomain: then so is every Event name made from it (`newName` adds a dot
        /// and hex digits, one more valid label) that is not too long. Checked when an Event is to be written,
        /// unless `nameCheck` was already known (see `record`).
        var nameIsSubdomain: Bool {
            if let nameCheck { return nameCheck }
            let answer = NameRules.matchesSubdomain(name)
            nameCheck = answer
            return answer
        }
        var nameCheck: Bool?
        /// Events about cluster-scoped objects (nodes) live in `default`; their involvedObject has no namespace.
        var eventNamespace: String { namespace.isEmpty ? "default" : namespace }
        /// The last involvedObject built about this object, and for which field path.
        private var lastInvolved: (fieldPath: String?, value: Value)?
        /// The correlator entry the last event about this object went to: the next one from the same source (a
        /// pod worker's Pulled, Created, Started) takes it without hashing the key, while the cache still keeps it.
        var lastSource: SourceEntry?

        init(_ object: Value) {
            // Read from the objects' tables in place: through `Value`'s subscript each field costs a copy of the
            // object and an optional of it (about half of what reading seven fields cost).
            guard case .object(let o) = object else {
                (apiVersion, kind, name, namespace, uid, resourceVersion) = ("", "", "", "", "", nil)
                return
            }
            apiVersion = Self.string("apiVersion", in: o)
            kind = Self.string("kind", in: o)
            guard let i = Value.index(of: "metadata", in: o), case .object(let metadata) = o.values[i] else {
                (name, namespace, uid, resourceVersion) = ("", "", "", nil)
                return
            }
            name = Self.string("name", in: metadata)
            namespace = Self.string("namespace", in: metadata)
            uid = Self.string("uid", in: metadata)
            resourceVersion = Value.index(of: "resourceVersion", in: metadata).map { metadata.values[$0] }
        }

        /// `object[key]?.stringValue ?? ""`.
        private static func string(_ key: String, in o: OrderedDictionary<String, Value>) -> String {
            guard let i = Value.index(of: key, in: o), case .string(let s) = o.values[i] else { return "" }
            return s
        }

        /// The Event's involvedObject: the object's fields, then the field path when the event is about a part of
        /// it. Built once for consecutive events about the same part (a container's Pulling, Pulled, Created...).
        func involvedObject(fieldPath: String?) -> Value {
            if let last = lastInvolved, last.fieldPath == fieldPath { return last.value }
            let mask = (namespace.isEmpty ? 0 : 1) | (resourceVersion == nil ? 0 : 2) | (fieldPath == nil ? 0 : 4)
            let value = EventRecorder.involvedShapes[mask].object { v in
                v[0] = .string(apiVersion); v[1] = .string(kind)
                v[2] = .string(name); v[3] = .string(uid)
                var i = 4
                if !namespace.isEmpty { v[i] = .string(namespace); i += 1 }
                if let resourceVersion { v[i] = resourceVersion; i += 1 }
                if let fieldPath { v[i] = .string(fieldPath) }
            }
            lastInvolved = (fieldPath, value)
            return value
        }
    }

    /// The last objects events were recorded about, with what was read from them: a component records several
    /// events about one object it holds (a pod worker its pod's Pulling, Pulled, Created, Started), and an object
    /// whose storage is one kept here (the object is kept with it, so the storage stays its own) is that very
    /// object, unchanged. Looked up by storage alone: no field is read on a hit.
    private var subjectIdentities: [Value.StorageIdentity] = []
    private var subjects: [(object: Value, subject: Subject)] = []
    private var nextSubjectSlot = 0
    static let subjectMemoSize = 32

    private func subject(_ object: Value) -> Subject {
        guard let identity = object.storageIdentity else { return Subject(object) }
        if let i = subjectIdentities.firstIndex(of: identity) { return subjects[i].subject }
        let subject = Subject(object)
        if subjects.count < Self.subjectMemoSize {
            subjectIdentities.append(identity)
            subjects.append((object, subject))
        } else {
            subjectIdentities[nextSubjectSlot] = identity
            subjects[nextSubjectSlot] = (object, subject)
            nextSubjectSlot = (nextSubjectSlot + 1) % Self.subjectMemoSize
        }
        return subject
    }

    public init(api: APIServer) {
        self.api = api
        self.eventType = api.registry.lookup(kind: "Event")!
        self.series = SeriesCache(startMs: api.clock.now.ms)
    }

    /// Records an event about `object`. `type` is "Normal" or "Warning"; `fieldPath` names a container
    /// (`spec.containers{nginx}`) when the event is about one.
    public func record(_ object: Value, type: String = "Normal", reason: String, message: String,
                       component: String, host: String? = nil, fieldPath: String? = nil) {
        if Self.uncorrelated.contains(component) {
            recordFolding(object, type: type, reason: reason, message: message, component: component, host: host,
                          fieldPath: fieldPath)
            return
        }
        let subject = subject(object)
        let nowMs = api.clock.now.ms
        let hostText = host ?? ""
        let now = api.clock.nowRFC3339
        // The subject's fields are the key's object fields, so an entry it remembers that is still kept (a dropped
        // one is not revived) and has this source is the one the lookup would find.
        let entry: SourceEntry
        if remembersSources, let last = subject.lastSource, last.isLive, last.key.component == component,
           last.key.host == hostText {
            sources.touch(last)
            entry = last
        } else {
            entry = sources.entry(for: SpamKey(
                component: component, host: hostText, kind: subject.kind, namespace: subject.namespace,
                name: subject.name, uid: subject.uid, apiVersion: subject.apiVersion))
            subject.lastSource = entry
        }
        // Taken apart at once: a tuple held whole is copied field by field at every use.
        let (combined, previous, observation, written) = entry.caches.take(
            type: type, reason: reason, message: message, fieldPath: fieldPath ?? "", nowMs: nowMs, now: now,
            namespace: subject.eventNamespace, newName: { newName(subject.name) }, component: component, host: host)
        guard let source = written else { return }
        let text = combined ? "(combined from similar events): " + message : message

        // A repeat patches count, lastTimestamp and message; if that Event is gone it is created again, whole.
        if previous != nil,
           var ev = try? api.get(eventType, namespace: observation.namespace, name: observation.name) {
            ev["count"] = .int(observation.count)
            ev["lastTimestamp"] = .string(now)
            ev["message"] = .string(text)
            _ = try? api.update(eventType, ev, namespace: observation.namespace, strict: false)
            return
        }
        // The entry's key has this subject's name (the lookup compared them), and a string equal to a DNS-1123
        // subdomain has its very bytes (no other character is canonically equivalent to a lowercase letter, a
        // digit, a dot or a dash), so the name check made for an earlier value of the object holds: the kubelet's
        // pod comes back as another value between its Pulled and its Created.
        if carriesNameChecks, subject.nameCheck == nil { subject.nameCheck = entry.nameCheck }
        // The combined Event is built afresh by the aggregator: it has no reporting controller nor instance.
        create(subject, namespace: observation.namespace, name: observation.name, type: type, reason: reason,
               message: text, source: source, fieldPath: fieldPath, count: observation.count,
               firstTimestamp: observation.firstTimestamp, lastTimestamp: now,
               reporting: combined ? ("", "") : (component, hostText))
        if entry.nameCheck == nil { entry.nameCheck = subject.nameCheck }
    }

    /// Unique, increasing nanoseconds even when several events share a virtual instant.
    private func newName(_ objectName: String) -> String {
        lastNanos = max(lastNanos + 1, api.clock.now.ms * 1_000_000)
        return Self.eventName(objectName, nanos: lastNanos)
    }

    /// `objectName + "." + String(nanos, radix: 16)`, written into one buffer of the final length.
    static func eventName(_ objectName: String, nanos: Int64) -> String {
        guard nanos >= 0 else { return objectName + "." + String(nanos, radix: 16) }
        var digits = 1
        while digits < 16, nanos >> (4 * digits) != 0 { digits += 1 }
        var prefix = objectName
        return prefix.withUTF8 { head in
            let count = head.count + 1 + digits
            return String(unsafeUninitializedCapacity: count) { out in
                _ = out.initialize(fromContentsOf: head)
                out[head.count] = UInt8(ascii: ".")
                var v = nanos
                for i in stride(from: count - 1, through: head.count + 1, by: -1) {
                    out[i] = hexDigits.utf8Start[Int(v & 0xf)]
                    v >>= 4
                }
                return count
            }
        }
    }
    private static let hexDigits: StaticString = "0123456789abcdef"

    /// `NameRules.dns1123Subdomain(name).isEmpty` for a name `newName` made from the subject's name: the object's
    /// name, a dot, then hex digits (a valid label) or, before 1970, a minus sign (never valid after a dot).
    static func isValidName(_ name: String, of subject: Subject) -> Bool {
        let u = name.utf8
        guard subject.nameIsSubdomain, u.count <= NameRules.dns1123SubdomainMaxLength,
              u.count > subject.name.utf8.count + 1 else { return false }
        return u[u.index(u.startIndex, offsetBy: subject.name.utf8.count + 1)] != UInt8(ascii: "-")
    }

    /// Without a correlator (the events.k8s.io recorder): exact repeats fold into a count, nothing is dropped.
    private func recordFolding(_ object: Value, type: String, reason: String, message: String,
                               component: String, host: String?, fieldPath: String?) {
        let subject = subject(object)
        let ns = subject.eventNamespace
        let now = api.clock.nowRFC3339
        let nowMs = api.clock.now.ms
        let fold = FoldKey(uid: subject.uid, fieldPath: fieldPath ?? "", reason: reason, message: message,
                           component: component, host: host ?? "")
        series.catchUp(toMs: nowMs)
        if let at = series.repeatOf(fold, atMs: nowMs),
           var ev = try? api.get(eventType, namespace: at.namespace, name: at.name) {
            ev["count"] = .int((ev["count"]?.intValue ?? 1) + 1)
            ev["lastTimestamp"] = .string(now)
            _ = try? api.update(eventType, ev, namespace: at.namespace, strict: false)
            return
        }
        let name = newName(subject.name)
        // One component records this way (the scheduler), from no host: its source is built once.
        let source: Value
        if let last = foldingSource, last.component == component, last.host == host {
            source = last.value
        } else {
            source = Self.source(component: component, host: host)
            foldingSource = (component, host, source)
        }
        if create(subject, namespace: ns, name: name, type: type, reason: reason, message: message,
                  source: source, fieldPath: fieldPath, count: 1, firstTimestamp: now,
                  lastTimestamp: now, reporting: (component, host ?? "")) {
            series.wrote(fold, namespace: ns, name: name, atMs: nowMs)
        }
    }

    /// The keys an Event is built with, in the order the API server stores them (the server-owned metadata after
    /// name and namespace, as `create` appends it), with the involved object's and the source's optional keys as
    /// variants (see `Subject.involvedObject` and `source`). The Event's and the source's values are literals of
    /// the final length: `ObjectShape.object` starts from nulls, which for more than 10 keys take an unspecialised
    /// path (the involvedObject, of up to 7, measured the same either way).
    static let eventKeys: OrderedSet<String> = [
        "apiVersion", "kind", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp",
        "lastTimestamp", "count", "type", "eventTime", "reportingComponent", "reportingInstance",
    ]
    static let storedMetadataKeys: OrderedSet<String> = ["name", "namespace", "uid", "creationTimestamp", "resourceVersion"]
    static let requestedMetadataShape = ObjectShape(["name", "namespace"])
    static let involvedShapes = ObjectShape.variants(
        ["apiVersion", "kind", "name", "uid", "namespace", "resourceVersion", "fieldPath"],
        optional: [["namespace"], ["resourceVersion"], ["fieldPath"]])
    static let sourceKeys: [OrderedSet<String>] = [["component"], ["component", "host"]]

    /// An Event's `source`: the component, and the host when one is given.
    static func source(component: String, host: String?) -> Value {
        let values: ContiguousArray<Value> = host.map { [.string(component), .string($0)] } ?? [.string(component)]
        return .object(OrderedDictionary(uncheckedUniqueKeys: sourceKeys[host == nil ? 0 : 1], values: values))
    }

    @discardableResult
    private func create(_ subject: Subject, namespace ns: String, name: String, type: String, reason: String,
                        message: String, source: Value, fieldPath: String?, count: Int,
                        firstTimestamp: String, lastTimestamp: String,
                        reporting: (controller: String, instance: String)) -> Bool {
        let involved = subject.involvedObject(fieldPath: fieldPath)
        // One literal (see `eventKeys`): about 1,000 instructions an Event less than the shape's 14 nulls.
        func event(_ metadata: Value) -> Value {
            let values: ContiguousArray<Value> = [
                "v1", "Event", metadata, involved, .string(reason), .string(message), source,
                .string(firstTimestamp), .string(lastTimestamp), .int(count), .string(type), .null /* eventTime */,
                .string(reporting.controller), .string(reporting.instance),
            ]
            return .object(OrderedDictionary(uncheckedUniqueKeys: Self.eventKeys, values: values))
        }
        // The Event is built here and valid whenever its name is (the only part taken from elsewhere): it skips
        // re-validation then, and is built whole with the metadata the server adds. A name the API would refuse
        // goes the full way, to fail exactly as it did.
        if vouches, Self.isValidName(name, of: subject), type == "Normal" || type == "Warning" {
            return (try? api.createVouched(eventType, namespace: ns, name: name) { uid, created, rv in
                event(.object(OrderedDictionary(
                    uncheckedUniqueKeys: Self.storedMetadataKeys,
                    values: [.string(name), .string(ns), .string(uid), .string(created), .string(rv)] as ContiguousArray)))
            }) != nil
        }
        let requested = event(Self.requestedMetadataShape.object { v in v[0] = .string(name); v[1] = .string(ns) })
        return (try? api.create(eventType, requested, namespace: ns, strict: false)) != nil
    }
}
