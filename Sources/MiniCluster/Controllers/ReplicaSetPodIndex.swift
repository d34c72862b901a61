// The ReplicaSet controller's view of pods, kept from store events: pods by the uid of their controller with
// what a sync needs to know of each (labels, active, ready and since when), and pods without a controller by
// namespace. For each controller it also keeps running counts for the selector and template labels its
// ReplicaSet had at its last sync (the `Basis`), so a sync costs O(pods that changed since) instead of a pass
// over every pod; a sync that brings another basis (an edited template) recounts once.

final class ReplicaSetPodIndex {
    /// What one pod shows the controller.
    struct Facts: Equatable {
        /// The labels, parsed, with `metadata.labels` as stored. One shared box: the writes of a pod and the
        /// replicas of a template carry the same labels, and copying facts then copies one reference.
        final class Labels {
            let labels: [String: String]
            /// The next write of the pod with the same stored value reuses `labels`.
            let raw: Value?
            init(_ labels: [String: String], raw: Value?) { self.labels = labels; self.raw = raw }
        }
        var labelBox: Labels
        var labels: [String: String] { labelBox.labels }
        var rawLabels: Value? { labelBox.raw }
        /// `PodUtil.isActive`: not finished and not being deleted.
        var active: Bool
        var deleting: Bool
        /// `PodUtil.isReady`, and `PodUtil.readySince`.
        var ready: Bool
        var readySince: Timestamp?
        var readySinceText: String?

        /// `previous`: facts read before, of this pod or of another; what is a function of the same stored text
        /// (labels, ready-since) is taken from them. `statusOnly`: `pod` is the one `previous` was read from with
        /// another status (`WatchEvent.statusOnly`), so what metadata gives is `previous`'s.
        init(_ pod: Value, previous: Facts? = nil, statusOnly: Bool = false) {
            if statusOnly, let previous {
                labelBox = previous.labelBox
                deleting = previous.deleting
            } else {
                let metadata = pod["metadata"]
                let raw = metadata?["labels"]
                // Identical stored labels (byte for byte) can stand for each other: the box is shared. Equal ones
                // give the same labels (as `equalsShared` would), kept with this pod's stored value.
                let identical: Bool
                switch (previous?.rawLabels, raw) {
                case (nil, nil): identical = previous != nil
                case let (a?, b?): identical = a.isIdentical(to: b)
                default: identical = false
                }
                if identical, let previous {
                    labelBox = previous.labelBox
                } else if let previous, let a = previous.rawLabels, let raw, a == raw {
                    labelBox = Labels(previous.labels, raw: raw)
                } else {
                    labelBox = Labels(pod.labels, raw: raw)
                }
                // PodUtil.isActive, with the deletion timestamp parsed only when there is one (as Value.deletionTimestamp).
                deleting = metadata?["deletionTimestamp"] != nil && pod.deletionTimestamp != nil
            }
            let status = Self.status(pod)
            active = status.phase != "Succeeded" && status.phase != "Failed" && !deleting
            ready = status.ready
            // The transition time's text is kept so the next write with the same text does not parse it again.
            readySinceText = status.since
            if let previous, previous.readySinceText == readySinceText {
                readySince = previous.readySince
            } else {
                readySince = readySinceText.flatMap { Timestamp(rfc3339: $0) }
            }
        }

        /// `status.phase` ("" when not a string); whether the first condition of type Ready has status True
        /// (`PodUtil.isReady`), and then its `lastTransitionTime` text. Read in place, field by field as
        /// `pod[path:]` would find each, without copying out the objects on the way.
        static func status(_ pod: Value) -> (phase: String, ready: Bool, since: String?) {
            switch pod {
            case .object(let top):
                guard let s = Value.index(of: "status", in: top) else { return ("", false, nil) }
                switch top.values[s] {
                case .object(let status):
                    var phase = ""
                    if let i = Value.index(of: "phase", in: status), case .string(let p) = status.values[i] { phase = p }
                    guard let c = Value.index(of: "conditions", in: status) else { return (phase, false, nil) }
                    switch status.values[c] {
                    case .array(let conditions):
                        for condition in conditions {
                            switch condition {
                            case .object(let o):
                                guard let t = Value.index(of: "type", in: o), case .string(let type) = o.values[t],
                                      type == "Ready" else { continue }
                                guard let v = Value.index(of: "status", in: o), case .string(let value) = o.values[v],
                                      value == "True" else { return (phase, false, nil) }
                                guard let l = Value.index(of: "lastTransitionTime", in: o),
                                      case .string(let since) = o.values[l] else { return (phase, true, nil) }
                                return (phase, true, since)
                            default: continue
                            }
                        }
                        return (phase, false, nil)
                    default: return (phase, false, nil)
                    }
                default: return ("", false, nil)
                }
            default: return ("", false, nil)
            }
        }

        /// The fields' equality; one box of labels is equal to itself without comparing what it holds.
        static func == (a: Facts, b: Facts) -> Bool {
            a.active == b.active && a.deleting == b.deleting && a.ready == b.ready && a.readySince == b.readySince
                && a.readySinceText == b.readySinceText
                && (a.labelBox === b.labelBox || (a.labels == b.labels && a.rawLabels == b.rawLabels))
        }
    }

    /// What the counts depend on besides the pods.
    struct Basis: Equatable {
        var selector: LabelSelector
        var templateLabels: [String: String]

        init(_ rs: Value, selector: LabelSelector) {
            self.selector = selector
            templateLabels = rs[path: "spec", "template", "metadata", "labels"]?.stringMap ?? [:]
        }

        /// What a claimed pod adds, its labels already compared with the template's.
        func counts(_ f: Facts, fullyLabeled: Bool) -> Counts {
            var c = Counts()
            guard f.active else { return c }
            c.active = 1
            if fullyLabeled { c.fullyLabeled = 1 }
            if f.ready { c.ready = 1 }
            return c
        }

        func fullyLabeled(_ f: Facts) -> Bool { templateLabels.allSatisfy { f.labels[$0.key] == $0.value } }
    }

    /// Counts over a ReplicaSet's claimed active pods (what `ReplicaSetStatus` reports).
    struct Counts: Equatable {
        var active = 0, fullyLabeled = 0, ready = 0, available = 0

        static func += (a: inout Counts, b: Counts) {
            a.active += b.active; a.fullyLabeled += b.fullyLabeled; a.ready += b.ready; a.available += b.available
        }
        static func -= (a: inout Counts, b: Counts) {
            a.active -= b.active; a.fullyLabeled -= b.fullyLabeled; a.ready -= b.ready; a.available -= b.available
        }
    }

    /// The pods one controller uid owns. Live: pod events keep it current while a sync holds it.
    final class Owned {
        fileprivate(set) var facts: [ObjectKey: Facts] = [:]
        fileprivate var basis: Basis?
        /// Sums of `contribution` over `facts` (`available` is not kept: it depends on the time).
        fileprivate var sums = Counts()
        /// Owned pods that do not match the selector and are not being deleted: ClaimPods releases them.
        fileprivate(set) var mismatched: Set<ObjectKey> = []

        /// The last labels compared with the basis, as stored, with what the comparison gave: a ReplicaSet's pods
        /// carry its template's labels, one stored value for all of them, so most pods are answered by comparing
        /// storage. Identical labels give the same answers; cleared when the basis changes.
        private var lastMatch: (raw: Value, selected: Bool, full: Bool)?

        /// Whether the selector matches the pod's labels, and whether they carry all of the template's.
        private func match(_ f: Facts, _ basis: Basis) -> (selected: Bool, full: Bool) {
            if let raw = f.rawLabels, let m = lastMatch, m.raw.isIdentical(to: raw) { return (m.selected, m.full) }
            let selected = basis.selector.matches(f.labels), full = basis.fullyLabeled(f)
            if let raw = f.rawLabels { lastMatch = (raw, selected, full) }
            return (selected, full)
        }

        /// Claimed (matching, or being deleted: ClaimPods keeps those), and what it adds to the counts.
        private func contribution(_ f: Facts, _ basis: Basis) -> (claimed: Bool, counts: Counts) {
            let m = match(f, basis)
            let claimed = f.deleting || m.selected
            guard claimed, f.active else { return (claimed, Counts()) }
            return (claimed, basis.counts(f, fullyLabeled: m.full))
        }

        fileprivate func add(_ k: ObjectKey, _ f: Facts) {
            facts[k] = f
            guard let basis else { return }
            let (claimed, c) = contribution(f, basis)
            sums += c
            if !claimed { mismatched.insert(k) }
        }

        /// `remove` then `add`, with one dictionary write: the pod stays, its facts change.
        fileprivate func replace(_ k: ObjectKey, _ before: Facts, _ after: Facts) {
            facts[k] = after
            guard let basis else { return }
            // The same labels and deletion (every status write): the same claim and the same comparison with the
            // template's labels, worked out once; only being active and ready can move the counts.
            if before.deleting == after.deleting, before.labelBox === after.labelBox || before.rawLabels.equalsShared(after.rawLabels) {
                let m = match(after, basis)
                guard after.deleting || m.selected else { return }
                sums -= basis.counts(before, fullyLabeled: m.full)
                sums += basis.counts(after, fullyLabeled: m.full)
                return
            }
            let (wasClaimed, was) = contribution(before, basis)
            let (claimed, c) = contribution(after, basis)
            sums -= was
            sums += c
            if wasClaimed != claimed {
                if claimed { mismatched.remove(k) } else { mismatched.insert(k) }
            }
        }

        fileprivate func remove(_ k: ObjectKey) {
            guard let f = facts.removeValue(forKey: k) else { return }
            guard let basis else { return }
            sums -= contribution(f, basis).counts
            mismatched.remove(k)
        }

        fileprivate func recount(_ b: Basis) {
            basis = b
            lastMatch = nil
            sums = Counts()
            mismatched = []
            for (k, f) in facts {
                let (claimed, c) = contribution(f, b)
                sums += c
                if !claimed { mismatched.insert(k) }
            }
        }

        /// The counts status reports; `available` from the ready pods' transition times when minReadySeconds > 0.
        func counts(minReadySeconds: Int, now: Timestamp) -> Counts {
            var c = sums
            guard minReadySeconds > 0 else { c.available = c.ready; return c }
            c.available = claimedActive.filter { f in
                guard f.ready, let since = f.readySince else { return false }
                return since + .seconds(Int64(minReadySeconds)) <= now
            }.count
            return c
        }

        /// The earliest instant a ready pod becomes available, when that is still to come.
        func availableLater(minReadySeconds: Int, now: Timestamp) -> Timestamp? {
            guard minReadySeconds > 0 else { return nil }
            return claimedActive.compactMap { f -> Timestamp? in
                guard let since = f.readySince else { return nil }
                let at = since + .seconds(Int64(minReadySeconds))
                return at > now ? at : nil
            }.min()
        }

        /// Keys of the claimed active pods, in key order.
        func activeKeys() -> [ObjectKey] {
            guard let basis else { return [] }
            return facts.filter { contribution($0.value, basis).counts.active == 1 }.keys.sorted()
        }

        private var claimedActive: [Facts] {
            guard let basis else { return [] }
            return facts.values.filter { contribution($0, basis).counts.active == 1 }
        }
    }

    private var owned: [String: Owned] = [:]
    private var orphans: [String: Set<ObjectKey>] = [:]
    private var lastAdded: Facts?

    /// Records a pod change (`new` nil: deleted).
    func update(_ k: ObjectKey, old: Value?, new: Value?) {
        update(k, old: old, oldOwner: old.flatMap(OwnerRefs.controller(of:))?["uid"]?.stringValue,
               new: new, newOwner: new.flatMap(OwnerRefs.controller(of:))?["uid"]?.stringValue)
    }

    /// The same, with the uid of each object's controller already read (`OwnerRefs.controller(of:)`'s `uid`).
    func update(_ k: ObjectKey, old: Value?, oldOwner: String?, new: Value?, newOwner: String?,
                statusOnly: Bool = false) {
        // The same controller before and after (most writes): only the pod's facts can have changed, and when
        // they did not, taking them out and putting them back would leave every count as it is.
        if old != nil, let new, let uid = newOwner, oldOwner == uid, let o = existing(uid), let before = o.facts[k] {
            let after = Facts(new, previous: before, statusOnly: statusOnly)
            if after == before { return }
            o.replace(k, before, after)
            return
        }
        if old != nil {
            if let uid = oldOwner { existing(uid)?.remove(k) }
            else { orphans[k.namespace]?.remove(k) }
        }
        if let new {
            if let uid = newOwner {
                // The facts of the pod added last stand in as `previous` for what is a function of the stored
                // text alone (labels, ready-since): the replicas of one template share their labels.
                let f = Facts(new, previous: lastAdded)
                lastAdded = f
                entry(uid).add(k, f)
            }
            else { orphans[k.namespace, default: []].insert(k) }
        }
    }

    /// The pods `uid` owns, counted for `basis`.
    func owned(by uid: String, basis: Basis) -> Owned {
        let o = entry(uid)
        if o.basis != basis { o.recount(basis) }
        return o
    }

    /// Drops what is kept for a controller that is gone.
    func forget(_ uid: String) {
        if owned[uid]?.facts.isEmpty == true { owned[uid] = nil; last = nil }
    }

    /// Pods without a controller in a namespace.
    func orphans(in namespace: String) -> Set<ObjectKey> { orphans[namespace] ?? [] }

    private func entry(_ uid: String) -> Owned {
        if let o = existing(uid) { return o }
        let o = Owned()
        owned[uid] = o
        last = (uid, o)
        return o
    }

    /// The controller looked up last: the writes of one ReplicaSet's pods come in runs, and comparing its uid
    /// costs less than hashing it. Cleared when an entry is dropped.
    private var last: (uid: String, owned: Owned)?

    /// `owned[uid]`.
    private func existing(_ uid: String) -> Owned? {
        if let last, Value.sameBytes(last.uid, uid) { return last.owned }
        guard let o = owned[uid] else { return nil }
        last = (uid, o)
        return o
    }
}
