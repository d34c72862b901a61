// Runs controllers the way kube-controller-manager does: event handlers only enqueue keys; all work happens in
// `sync(key)`, on the virtual clock. A key is processed once however many events queued it.

/// One controller: which changes concern it, and the work for one key (`namespace/name`, or `name`).
public protocol Controller: AnyObject {
    var name: String { get }
    /// The keys a store change makes dirty for this controller (often the object's own key, or its owner's).
    func keys(for event: WatchEvent) -> [String]
    /// The resource types whose changes `keys(for:)` looks at (also for what it keeps up to date); nil, the
    /// default, means every type. Changes of other types are not delivered (an Event written for every pod
    /// reaches no controller).
    var watchedResources: [ResourceType]? { get }
    /// For a controller that only cares about pods some kinds control (a Job's, a StatefulSet's): those kinds, with
    /// "" for pods no controller owns. Pod changes of other owners are not delivered: the manager reads each pod's
    /// controller reference once for all such controllers, instead of each reading it (most pods belong to
    /// ReplicaSets, and each read costs). nil, the default, delivers every pod change.
    var podOwnerKinds: Set<String>? { get }
    /// Brings the world one step closer to what the object with this key asks for. Must be idempotent.
    func sync(_ key: String)
}

extension Controller {
    public var watchedResources: [ResourceType]? { nil }
    public var podOwnerKinds: Set<String>? { nil }
}

public final class ControllerManager {
    private let clock: VirtualClock
    private var controllers: [Controller] = []
    /// One controller's pending keys: in order, and as a set (a key queued twice runs once).
    private final class Queue {
        /// Kept alive by its queue (and so by the manager), registered or not: a weak reference would give every
        /// controller a side table, and slow down each of its retains and releases.
        let controller: Controller
        /// Its place in `queueList`, which the clock's closures name it by.
        let index: Int
        var items: [String] = []
        var set: Set<String> = []
        /// The key last queued, while it is in `set`.
        var last: String?
        var scheduled = false
        /// `controller.podOwnerKinds`, read once (an array: comparing a few short strings is cheaper than hashing).
        let podOwnerKinds: [String]?
        init(_ c: Controller, index: Int) {
            controller = c; self.index = index
            podOwnerKinds = c.podOwnerKinds.map(Array.init)
        }
    }
    /// By controller, made on first use and kept (a drain scheduled for a queue finds it). A controller stays alive
    /// with its queue, so its identifier is never reused for another while the manager lives.
    private var queues: [ObjectIdentifier: Queue] = [:]
    private var queueList: [Queue] = []
    /// What the store's and the clock's closures hold instead of the manager itself (see `Anchor`).
    private lazy var anchor = Anchor(self)
    /// Virtual delay between an event and the sync that reacts to it; 0 means "on the next settle".
    public var latency = Duration.milliseconds(0)
    /// Off: store changes queue nothing (tests that render hand-built objects exactly as they were stored).
    public var enabled = true

    public init(clock: VirtualClock, store: Store) {
        self.clock = clock
        store.observe { [anchor] e in anchor.target?.dispatch(e) }
    }

    deinit { anchor.clear() }

    public func register(_ c: Controller) {
        controllers.append(c)
        interested = [:]
        recent = (nil, nil)
    }

    /// Where a type's changes go: the queues of the controllers that watch it, in registration order, and whether
    /// some of them filter Pod changes by owner (`podOwnerKinds`).
    private struct Route {
        let queues: [Queue]
        /// A Pod route with a queue that filters by owner.
        let filtersPods: Bool
    }
    /// Per resource type, its route.
    private var interested: [ResourceType: Route] = [:]
    /// The last two types looked up, with their routes: writes of pods and of their Events come in turns, and
    /// comparing types is cheaper than hashing one.
    private var recent: (newer: (type: ResourceType, route: Route)?, older: (type: ResourceType, route: Route)?)

    private func queues(for t: ResourceType) -> Route {
        if let r = recent.newer, r.type == t { return r.route }
        if let r = recent.older, r.type == t { return r.route }
        let route: Route
        if let known = interested[t] { route = known } else {
            let qs = controllers.filter { $0.watchedResources.map { $0.contains(t) } ?? true }.map(queue(of:))
            route = Route(queues: qs, filtersPods: t.kind == "Pod" && t.group.isEmpty && qs.contains { $0.podOwnerKinds != nil })
            interested[t] = route
        }
        recent = ((t, route), recent.newer)
        return route
    }

    private func queue(of c: Controller) -> Queue {
        let id = ObjectIdentifier(c)
        if let q = queues[id] { return q }
        // A controller that was never registered (tests drive some directly) still gets its keys run.
        let q = Queue(c, index: queueList.count)
        queues[id] = q
        queueList.append(q)
        return q
    }

    /// Queues a key for a controller; used by handlers and by controllers that want a later resync
    /// (`enqueue(after:)`).
    public func enqueue(_ key: String, for c: Controller, after delay: Duration? = nil) {
        let q = queue(of: c)
        if let delay, delay.ms > 0 {
            // The clock's closures name the queue by its place: holding the queue would hold its controller, and
            // some controllers hold the clock.
            clock.schedule(after: delay) { [anchor, i = q.index] in
                guard let self = anchor.target else { return }
                self.enqueue(key, on: self.queueList[i])
            }
            return
        }
        enqueue(key, on: q)
    }

    private func enqueue(_ key: String, on q: Queue) {
        // The key queued last is in the set (until the queue drains): a handler that names the same key for a run
        // of events (a ReplicaSet for each of its pods) is answered without hashing it again. `==` is the set's own
        // equality, so this skips exactly the inserts that would find the key there.
        if let last = q.last, last == key { return }
        if q.set.insert(key).inserted { q.items.append(key) }
        q.last = key
        guard !q.scheduled else { return }
        q.scheduled = true
        clock.schedule(after: latency) { [anchor, i = q.index] in
            guard let self = anchor.target else { return }
            self.drain(self.queueList[i])
        }
    }

    /// Reads pods' controller references (pods of one ReplicaSet share their stored array).
    private let owners = ControllerRefMemo()
    /// While a change is dispatched: its `metadata.ownerReferences` and what they say, once read.
    private var eventOwner: (refs: Value?, read: ControllerRefMemo.Read)?
    private var dispatching = false

    /// The controller reference of a pod change, and the stored references it was read from: while the change is
    /// dispatched, read once for the manager's filter and every controller that asks, instead of once by each.
    func podOwner(_ e: WatchEvent) -> (refs: Value?, read: ControllerRefMemo.Read) {
        if dispatching, let o = eventOwner { return o }
        let refs = e.object[path: "metadata", "ownerReferences"]
        let o = (refs, owners.read(refs))
        if dispatching { eventOwner = o }
        return o
    }

    private func dispatch(_ e: WatchEvent) {
        guard enabled else { return }
        let route = queues(for: e.resource)
        guard route.filtersPods else {
            for q in route.queues {
                for k in q.controller.keys(for: e) { enqueue(k, on: q) }
            }
            return
        }
        let outer = (eventOwner, dispatching)
        eventOwner = nil
        dispatching = true
        defer { (eventOwner, dispatching) = outer }
        // The pod's controller kinds, read once for all filtering queues: after, and before when a write changed them.
        var read: ControllerRefMemo.Read?
        var oldKind: String?
        for q in route.queues {
            if let wanted = q.podOwnerKinds {
                if read == nil { (read, oldKind) = owners(of: e) }
                let wasWanted = oldKind.map { wanted.contains($0) } ?? false
                if !wasWanted, !verdict(read!, q, wanted) { continue }
            }
            for k in q.controller.keys(for: e) { enqueue(k, on: q) }
        }
    }

    /// The pod change's controller reference, and the kind before it when the write changed the references.
    private func owners(of e: WatchEvent) -> (ControllerRefMemo.Read, String?) {
        let (refs, read) = podOwner(e)
        guard !e.statusOnly, let old = e.oldObject else { return (read, nil) }
        let oldRefs = old[path: "metadata", "ownerReferences"]
        let same = oldRefs == nil ? refs == nil : refs.map { oldRefs!.isIdentical(to: $0) } ?? false
        return (read, same ? nil : ControllerRefMemo.Read(oldRefs?.arrayValue ?? []).kind ?? "")
    }

    /// The reference read whose verdicts `verdicts` holds (pods of one owner share one read), and per queue: 0 not
    /// asked yet, 1 not delivered, 2 delivered.
    private var verdictRead: ControllerRefMemo.Read?
    private var verdicts: [UInt8] = []

    /// Whether a queue wants pods of this controller kind, judged once per shared read.
    private func verdict(_ read: ControllerRefMemo.Read, _ q: Queue, _ wanted: [String]) -> Bool {
        if verdictRead !== read {
            verdictRead = read
            verdicts = Array(repeating: 0, count: queueList.count)
        }
        if verdicts.count <= q.index { verdicts += Array(repeating: 0, count: q.index + 1 - verdicts.count) }
        if verdicts[q.index] == 0 { verdicts[q.index] = wanted.contains(read.kind ?? "") ? 2 : 1 }
        return verdicts[q.index] == 2
    }

    private func drain(_ q: Queue) {
        q.scheduled = false
        // Keys queued while syncing go into a fresh batch, run at the same virtual instant.
        let batch = q.items
        q.items = []
        // The set keeps its room: a busy queue (the kubelets', thousands of pods) would otherwise grow it again,
        // rehashing at every doubling, for each batch.
        q.set.removeAll(keepingCapacity: true)
        q.last = nil
        let c = q.controller
        for k in batch { c.sync(k) }
    }
}

/// Controller keys: `namespace/name`, or `name` for an object without a namespace.
enum ControllerKey {
    /// The namespace ("" when there is none) and the name.
    static func split(_ key: String) -> (namespace: String, name: String) {
        // By bytes: keys are made of API names (DNS labels and subdomains, ASCII), and a search by Character
        // costs a grapheme break check per character.
        guard let slash = key.utf8.firstIndex(of: UInt8(ascii: "/")) else { return ("", key) }
        return (String(key[..<slash]), String(key[key.utf8.index(after: slash)...]))
    }

    /// `"\(namespace)/\(name)"`, its bytes copied into one buffer of the right size (appending or interpolating
    /// piece by piece cost about four times as much).
    static func join(_ namespace: String, _ name: String) -> String {
        var namespace = namespace, name = name
        return namespace.withUTF8 { a in
            name.withUTF8 { b in
                String(unsafeUninitializedCapacity: a.count + 1 + b.count) { buffer in
                    let out = UnsafeMutableRawBufferPointer(buffer)
                    out.copyMemory(from: UnsafeRawBufferPointer(a))
                    out[a.count] = UInt8(ascii: "/")
                    UnsafeMutableRawBufferPointer(rebasing: out[(a.count + 1)...]).copyMemory(from: UnsafeRawBufferPointer(b))
                    return a.count + 1 + b.count
                }
            }
        }
    }
}

extension WatchEvent {
    /// `namespace/name` or `name`, the key most controllers use.
    public var objectKey: String {
        // A namespaced object's store key holds its namespace and name as the metadata does (both "" when not
        // strings): read from there, the metadata is not searched again.
        if resource.namespaced {
            let k = key
            return k.namespace.isEmpty ? k.name : ControllerKey.join(k.namespace, k.name)
        }
        if let ns = object.metadataNamespace, !ns.isEmpty { return "\(ns)/\(object.metadataName)" }
        return object.metadataName
    }
}
