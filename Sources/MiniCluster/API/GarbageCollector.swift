// The garbage collector: dependents whose owners (by uid) are gone are deleted; owners deleted with the
// `orphan` finalizer release their dependents; owners with `foregroundDeletion` wait for theirs. It runs on
// the virtual clock: store events only schedule a pass, which runs on the next clock advance.

public final class GarbageCollector {
    unowned let api: APIServer
    /// Virtual delay between a change and the pass that reacts to it (0: the next advance, even of 0 s).
    public var delay = Duration.milliseconds(0)
    private var scheduled = false

    init(api: APIServer) { self.api = api }

    deinit { anchor.clear() }

    /// What the store's and the clock's closures hold instead of the collector (see `Anchor`).
    private lazy var anchor = Anchor(self)

    /// The uids of every stored object but Events, so that a dependent created under a live owner (each pod a
    /// ReplicaSet makes) does not cost a pass over the whole store. Events (several per pod) own nothing in
    /// practice; a dependent that names one as its owner only costs a pass, which finds the Event and keeps it.
    private var live: Set<String> = []

    private static func mayOwn(_ t: ResourceType) -> Bool { t.kind != "Event" }

    func start() {
        for t in api.store.populatedTypes where Self.mayOwn(t) { for obj in api.store.list(t) { live.insert(obj.uid) } }
        api.store.observe { [anchor] e in anchor.target?.noticed(e) }
    }

    private func noticed(_ e: WatchEvent) {
        switch e.type {
        case .deleted:
            live.remove(e.object.uid)
            lastLiveOwner = nil
            schedule()
        case .added, .modified:
            // A status write keeps the metadata the last write had (owners, deletion, finalizers), and nothing a
            // pass decides reads status: what that write scheduled, or found no need for, still holds.
            if e.statusOnly { return }
            let obj = e.object
            if e.type == .added, Self.mayOwn(e.resource) { live.insert(obj.uid) }
            // Without owners, deletion or finalizers (the recorder's Events) there is nothing below to find.
            if e.noOwners { return }
            // Both checks below only schedule a pass: with one already scheduled there is nothing to decide.
            guard !scheduled else { return }
            let (refs, deleting) = Self.ownersAndDeletion(obj)
            // A write that kept the owner references of an object not being deleted has nothing new for either
            // check: an owner deleted since its last write scheduled a pass then.
            if !deleting, let old = e.oldObject {
                let (oldRefs, oldDeleting) = Self.ownersAndDeletion(old)
                if !oldDeleting, refs.equalsShared(oldRefs) { return }
            }
            // A new object, or one whose owners were edited, that points at an owner no longer there.
            if let refs = refs?.arrayValue, refs.contains(where: { ref in ref["uid"]?.stringValue.map { !isLive($0) } ?? false }) {
                schedule()
                return
            }
            // The raw field first: parsing the timestamp (and listing finalizers) only for objects being deleted.
            if deleting, obj.deletionTimestamp != nil {
                let f = obj.finalizers
                if f.contains(Finalizer.orphan) || f.contains(Finalizer.foregroundDeletion) { schedule() }
            }
        }
    }

    /// `metadata.ownerReferences`, and whether `metadata.deletionTimestamp` is there: what `obj[path:]` gives for
    /// each, in one pass over the metadata's keys (`Value.forEachField`).
    static func ownersAndDeletion(_ obj: Value) -> (refs: Value?, deleting: Bool) {
        var refs: Value?, deleting = false
        // The metadata is read in place, not copied out.
        switch obj {
        case .object(let top):
            guard let i = Value.index(of: "metadata", in: top) else { break }
            top.values[i].forEachField(named: metadataFields) { i, v in if i == 0 { refs = v } else { deleting = true } }
        default: break
        }
        return (refs, deleting)
    }

    private static let metadataFields = ["ownerReferences", "deletionTimestamp"]

    /// The owner uid last found live, until something is deleted: the pods of one ReplicaSet, created one after
    /// another, name the same owner, and its uid is then compared instead of hashed.
    private var lastLiveOwner: String?

    private func isLive(_ uid: String) -> Bool {
        if let last = lastLiveOwner, Value.sameBytes(last, uid) { return true }
        guard live.contains(uid) else { return false }
        lastLiveOwner = uid
        return true
    }

    private func schedule() {
        guard !scheduled else { return }
        scheduled = true
        api.clock.schedule(after: delay) { [anchor] in
            guard let self = anchor.target else { return }
            self.scheduled = false
            self.runPass()
        }
    }

    private struct Node {
        var type: ResourceType
        var key: ObjectKey
        var object: Value
    }

    /// One sweep over every object; changes it makes trigger further passes at the same virtual instant.
    public func runPass() {
        var byUID: [String: Node] = [:]
        var dependents: [String: [Node]] = [:]
        var nodes: [Node] = []
        // Types in a fixed order so that a seeded run deletes (and numbers revisions) the same way every time.
        for t in api.store.populatedTypes.sorted(by: { ($0.group, $0.kind) < ($1.group, $1.kind) }) {
            for obj in api.store.list(t) {
                let node = Node(type: t, key: ObjectKey(of: obj, in: t), object: obj)
                byUID[obj.uid] = node
                nodes.append(node)
                for ref in obj.ownerReferences {
                    if let uid = ref["uid"]?.stringValue { dependents[uid, default: []].append(node) }
                }
            }
        }
        for owner in nodes where owner.object.deletionTimestamp != nil {
            let f = owner.object.finalizers
            let deps = dependents[owner.object.uid] ?? []
            if f.contains(Finalizer.orphan) {
                for d in deps { releaseOwner(owner.object.uid, from: d) }
                removeFinalizer(Finalizer.orphan, from: owner)
            } else if f.contains(Finalizer.foregroundDeletion) {
                for d in deps where d.object.deletionTimestamp == nil {
                    _ = try? api.delete(d.type, namespace: d.key.namespace, name: d.key.name, propagation: .foreground)
                }
                let blocking = deps.filter { d in
                    d.object.ownerReferences.contains {
                        $0["uid"]?.stringValue == owner.object.uid && $0["blockOwnerDeletion"]?.boolValue == true
                    }
                }
                if blocking.isEmpty { removeFinalizer(Finalizer.foregroundDeletion, from: owner) }
            }
        }
        for d in nodes where d.object.ownerReferences.contains(where: { ref in
            ref["uid"]?.stringValue.flatMap { byUID[$0] } == nil
        }) {
            collect(d, byUID: byUID)
        }
    }

    /// A dependent with a dangling reference: deleted when no owner is left, otherwise the reference goes.
    private func collect(_ d: Node, byUID: [String: Node]) {
        guard let current = api.store.get(d.type, d.key), current.uid == d.object.uid else { return }
        let refs = current.ownerReferences
        let alive = refs.filter { ref in ref["uid"]?.stringValue.flatMap { byUID[$0] } != nil }
        if alive.isEmpty {
            if current.deletionTimestamp == nil {
                _ = try? api.delete(d.type, namespace: d.key.namespace, name: d.key.name, propagation: .background)
            }
        } else if alive.count != refs.count {
            api.mutate(d.type, d.key) { $0[path: "metadata", "ownerReferences"] = .array(alive) }
        }
    }

    private func releaseOwner(_ uid: String, from d: Node) {
        api.mutate(d.type, d.key) { obj in
            let rest = obj.ownerReferences.filter { $0["uid"]?.stringValue != uid }
            obj[path: "metadata", "ownerReferences"] = rest.isEmpty ? nil : .array(rest)
        }
    }

    private func removeFinalizer(_ name: String, from n: Node) {
        api.mutate(n.type, n.key) { obj in
            let rest = obj.finalizers.filter { $0 != name }
            obj[path: "metadata", "finalizers"] = rest.isEmpty ? nil : .array(rest.map(Value.string))
        }
    }
}
