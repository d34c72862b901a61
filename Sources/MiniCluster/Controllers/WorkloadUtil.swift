// Helpers the workload controllers share: pod readiness and availability, controller references,
// IntOrString percentages, and the pod-template-hash (controller_utils.go, deployment_util.go, podutil).

enum PodUtil {
    /// Not finished (Succeeded/Failed) and not being deleted: what counts toward a ReplicaSet's replicas.
    static func isActive(_ pod: Value) -> Bool {
        let phase = pod[path: "status", "phase"]?.stringValue ?? ""
        return phase != "Succeeded" && phase != "Failed" && pod.deletionTimestamp == nil
    }

    /// The pod's `Ready` condition, if the kubelet has written one.
    static func readyCondition(_ pod: Value) -> Value? {
        (pod[path: "status", "conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
    }

    static func isReady(_ pod: Value) -> Bool { readyCondition(pod)?["status"]?.stringValue == "True" }

    /// When the pod last became ready (nil when not ready).
    static func readySince(_ pod: Value) -> Timestamp? {
        guard let c = readyCondition(pod), c["status"]?.stringValue == "True" else { return nil }
        return c["lastTransitionTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
    }

    /// Ready for at least `minReadySeconds` (podutil.IsPodAvailable).
    static func isAvailable(_ pod: Value, minReadySeconds: Int, now: Timestamp) -> Bool {
        guard isReady(pod) else { return false }
        if minReadySeconds <= 0 { return true }
        guard let since = readySince(pod) else { return false }
        return since + .seconds(Int64(minReadySeconds)) <= now
    }

    /// The highest restart count of the pod's containers.
    static func restarts(_ pod: Value) -> Int {
        (pod[path: "status", "containerStatuses"]?.arrayValue ?? []).map { $0["restartCount"]?.intValue ?? 0 }.max() ?? 0
    }
}

enum OwnerRefs {
    /// The owner reference with `controller: true`, if any.
    static func controller(of obj: Value) -> Value? { controller(in: obj.ownerReferences) }

    /// The reference with `controller: true` among `refs`, if any.
    static func controller(in refs: [Value]) -> Value? { refs.first { $0["controller"]?.boolValue == true } }

    /// A controller reference to `owner` as controllers write it (`controller` and `blockOwnerDeletion` true).
    static func reference(to owner: Value) -> Value {
        ["apiVersion": .string(owner.apiVersion), "kind": .string(owner.kind), "name": .string(owner.metadataName),
         "uid": .string(owner.uid), "controller": true, "blockOwnerDeletion": true]
    }
}

/// The controller reference of the owner references read last, kept with the stored array it was read from. The
/// pods one ReplicaSet sync creates share one stored array (the controller builds the pod once), and every later
/// write of a pod keeps it, so most reads compare storage instead of walking the references and their fields.
final class ControllerRefMemo {
    /// What a pod's owner references say of its controller; one shared instance per stored array read, so that
    /// handing it out copies one reference.
    final class Read: Sendable {
        /// `OwnerRefs.controller(of:)`.
        let ref: Value?
        /// Its `uid`, `kind` and `name`, when they are strings.
        let uid: String?, kind: String?, name: String?

        init(_ refs: [Value]) {
            ref = OwnerRefs.controller(in: refs)
            uid = ref?["uid"]?.stringValue
            kind = ref?["kind"]?.stringValue
            name = ref?["name"]?.stringValue
        }

        static let none = Read([])
    }

    /// The array last read, held so that storage compared equal is still this array's and not a later one's at
    /// the same address.
    private var lastRefs: [Value] = []
    private var lastRead = Read.none
    /// Reads answered from memory (for tests).
    private(set) var hits = 0

    /// What the references say for an object whose `metadata.ownerReferences` is `refs` (`Value.ownerReferences`
    /// reads anything but an array as none).
    func read(_ refs: Value?) -> Read {
        switch refs {
        case .array(let a)?:
            if Value.sameStorage(lastRefs, a) {
                hits += 1
                return lastRead
            }
            let r = Read(a)
            lastRefs = a
            lastRead = r
            return r
        default: return .none
        }
    }
}

extension IntOrPercent {
    /// `intstr.GetScaledValueFromIntOrPercent`: an int as is, `"25%"` of `total` rounded up or down; nil if malformed.
    static func scaled(_ v: Value?, total: Int, roundUp: Bool) -> Int? {
        guard let v, !v.isNull else { return 0 }
        if let i = v.intValue, v.stringValue == nil { return i }
        guard let s = v.stringValue, s.hasSuffix("%"), let p = Int(s.dropLast()) else { return nil }
        let x = Double(p) * Double(total) / 100
        return Int(roundUp ? x.rounded(.up) : x.rounded(.down))
    }
}

enum TemplateHash {
    /// The characters `rand.SafeEncodeString` maps bytes onto.
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// `controller.ComputeHash`: FNV-1a 32 over the template (a canonical JSON dump here, where the controller
    /// dumps the Go struct), plus the collision count's little-endian bytes, printed in decimal and safe-encoded.
    static func compute(_ template: Value, collisionCount: Int?) -> String {
        var h: UInt32 = 2_166_136_261
        func feed<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes { h ^= UInt32(b); h = h &* 16_777_619 }
        }
        feed(JSONCodec.encodeCompact(template.sortedKeys).utf8)
        if let c = collisionCount {
            let u = UInt32(truncatingIfNeeded: c)
            feed([UInt8(u & 0xff), UInt8((u >> 8) & 0xff), UInt8((u >> 16) & 0xff), UInt8(u >> 24)])
        }
        return safeEncode(String(h))
    }

    static func safeEncode(_ s: String) -> String {
        String(s.utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    /// A template without the `pod-template-hash` label (and without an emptied labels map), with the API's
    /// template defaults applied, so stored templates compare equal whoever wrote them.
    static func withoutHash(_ template: Value?) -> Value? {
        guard let template else { return nil }
        var holder: Value = ["spec": ["template": template]]
        PodSpecDefaults.template(&holder)
        var t = holder[path: "spec", "template"] ?? template
        t.remove(path: ["metadata", "labels", WorkloadKeys.podTemplateHash])
        if t[path: "metadata", "labels"]?.objectValue?.isEmpty == true { t.remove(path: ["metadata", "labels"]) }
        return t
    }
}

/// `TemplateHash.withoutHash` of the templates read lately. A Deployment's and its ReplicaSets' templates are the
/// same stored values from one sync to the next (status writes share them), and each answer costs a defaulting
/// pass over the template. Inputs are matched by `isIdentical`: the same bytes give the same answer.
final class TemplateHashMemo {
    /// Oldest first; a hit moves its entry to the end, so the templates of the current Deployment and ReplicaSets
    /// are found first (an entry that is not the same template can cost a deep comparison to tell apart).
    private var entries: [(template: Value, without: Value)] = []
    static let capacity = 16
    /// Answers given from memory (for tests).
    private(set) var hits = 0

    func withoutHash(_ template: Value?) -> Value? {
        guard let template else { return nil }
        for i in entries.indices.reversed() where entries[i].template.isIdentical(to: template) {
            hits += 1
            let e = entries[i]
            if i != entries.count - 1 { entries.remove(at: i); entries.append(e) }
            return e.without
        }
        guard let without = TemplateHash.withoutHash(template) else { return nil }
        if entries.count == Self.capacity { entries.removeFirst() }
        entries.append((template, without))
        return without
    }
}

/// Label and annotation keys the workload controllers read and write.
public enum WorkloadKeys {
    public static let podTemplateHash = "pod-template-hash"
    public static let revision = "deployment.kubernetes.io/revision"
    public static let revisionHistory = "deployment.kubernetes.io/revision-history"
    public static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    public static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    public static let changeCause = "kubernetes.io/change-cause"
    public static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
}

/// Stops a controller from syncing one key over and over at one virtual instant (real controllers back off with
/// a rate limiter): past `limit` syncs, the key comes back a second later.
struct HotLoopGuard {
    var limit = 200
    private var at = Timestamp(ms: Int64.min)
    private var counts: [String: Int] = [:]

    /// Whether `key` may sync now.
    mutating func allow(_ key: String, now: Timestamp) -> Bool {
        if now != at { at = now; counts = [:] }
        counts[key, default: 0] += 1
        return counts[key]! <= limit
    }
}
