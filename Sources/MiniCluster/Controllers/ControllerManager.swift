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
    /// Brings the world one step closer to what the object with this key asks for. Must be idempotent.
    func sync(_ key: String)
}

extension Controller {
    public var watchedResources: [ResourceType]? { nil }
}

public final class ControllerManager {
    private let clock: VirtualClock
    private var controllers: [Controller] = []
    private var queues: [ObjectIdentifier: (items: [String], set: Set<String>)] = [:]
    private var scheduled: Set<ObjectIdentifier> = []
    /// Virtual delay between an event and the sync that reacts to it; 0 means "on the next settle".
    public var latency = Duration.milliseconds(0)
    /// Off: store changes queue nothing (tests that render hand-built objects exactly as they were stored).
    public var enabled = true

    public init(clock: VirtualClock, store: Store) {
        self.clock = clock
        store.observe { [weak self] e in self?.dispatch(e) }
    }

    public func register(_ c: Controller) {
        controllers.append(c)
        interested = [:]
    }

    /// Per resource type, the controllers a change of it goes to, in registration order.
    private var interested: [ResourceType: [Controller]] = [:]

    private func controllers(for t: ResourceType) -> [Controller] {
        if let cs = interested[t] { return cs }
        let cs = controllers.filter { $0.watchedResources.map { $0.contains(t) } ?? true }
        interested[t] = cs
        return cs
    }

    /// Queues a key for a controller; used by handlers and by controllers that want a later resync
    /// (`enqueue(after:)`).
    public func enqueue(_ key: String, for c: Controller, after delay: Duration? = nil) {
        let id = ObjectIdentifier(c)
        if let delay, delay.ms > 0 {
            clock.schedule(after: delay) { [weak self, weak c] in
                guard let self, let c else { return }
                self.enqueue(key, for: c)
            }
            return
        }
        // In place: a copy of the queue taken out of the dictionary would copy all of it on every insert.
        if queues[id, default: ([], [])].set.insert(key).inserted { queues[id, default: ([], [])].items.append(key) }
        guard !scheduled.contains(id) else { return }
        scheduled.insert(id)
        clock.schedule(after: latency) { [weak self, weak c] in
            guard let self, let c else { return }
            self.drain(c)
        }
    }

    private func dispatch(_ e: WatchEvent) {
        guard enabled else { return }
        for c in controllers(for: e.resource) {
            for k in c.keys(for: e) { enqueue(k, for: c) }
        }
    }

    private func drain(_ c: Controller) {
        let id = ObjectIdentifier(c)
        scheduled.remove(id)
        // Keys queued while syncing go into a fresh batch, run at the same virtual instant.
        let batch = queues[id]?.items ?? []
        queues[id] = nil
        for k in batch { c.sync(k) }
    }
}

extension WatchEvent {
    /// `namespace/name` or `name`, the key most controllers use.
    public var objectKey: String {
        if let ns = object.metadataNamespace, !ns.isEmpty { return "\(ns)/\(object.metadataName)" }
        return object.metadataName
    }
}
