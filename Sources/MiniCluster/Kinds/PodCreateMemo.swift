// Every replica a ReplicaSet creates arrives with the same spec (its template's, sharing its storage). Defaulting
// and create-time admission turn that spec into the same stored spec each time but for one thing: the token
// volume's random name (`kube-api-access-xxxxx`), in the volume and in the mounts admission adds. The memo keeps
// the last input spec with what came out of it, and where admission wrote the name; an identical input gets that
// output with a freshly drawn name written at those places — the same one draw from the server's generator the
// long way makes. Validation of such an output is the same for every name drawn (a valid label no other volume or
// mount uses: see PodSpecValidationMemo), so once one output has passed, a spec that is the output just handed
// out passes without being walked (compared by its storage first, so that check costs almost nothing).
// "Equal" is strict throughout: see ValueIdentity.
// Inputs that already use the prefix in a volume or mount name take the long way.
// A few templates' entries are kept, most recently used first: pods of other templates (another ReplicaSet's in
// a rollout, a DaemonSet's) are created between a ReplicaSet's replicas, and with one entry each of them would
// cost the next replica the long way as well. Only the last one used is compared in full; the others are found
// by their input's storage (a ReplicaSet's replicas share their template's), so inputs that match none (a
// DaemonSet's pods, each pinned to its node) cost one full comparison, not one per entry.
import Foundation

final class PodCreateMemo {
    static let shared = PodCreateMemo()

    /// Where admission wrote the drawn token name: the volume's index, and each mount's container list, container
    /// index and mount index.
    struct TokenSites: Equatable {
        var volume: Int
        var mounts: [(field: String, container: Int, mount: Int)]

        static func == (a: TokenSites, b: TokenSites) -> Bool {
            a.volume == b.volume && a.mounts.elementsEqual(b.mounts) { $0 == $1 }
        }
    }

    struct Entry {
        var input: Value
        var output: Value
        var token: TokenSites?
        var qosClass: String
        /// An output of this entry passed full validation.
        var validated = false
        /// The spec most recently handed out for this entry.
        var produced: Value
    }

    private let lock = NSLock()
    /// Most recently used first; the first is the one whose output was handed out last.
    private var entries: [Entry] = []
    /// How many templates are remembered.
    static let capacity = 8
    /// Answers given from memory (for tests): defaulting and validation.
    private(set) var hits = 0, validationHits = 0

    /// The defaulted and admitted spec for a create, and its QoS class; `random` is the server's generator.
    func defaulted(_ input: Value, random: @escaping () -> UInt64) -> (spec: Value, qosClass: String) {
        lock.lock()
        var known: (output: Value, token: TokenSites?, qosClass: String)?
        if let i = index(of: input) {
            if i != 0 { entries.insert(entries.remove(at: i), at: 0) }
            known = (entries[0].output, entries[0].token, entries[0].qosClass)
        }
        lock.unlock()
        if let known {
            var out = known.output
            if let sites = known.token { Self.write(PodKind.tokenName(random()), at: sites, into: &out) }
            lock.lock()
            hits += 1
            if !entries.isEmpty, entries[0].input.isIdentical(to: input) { entries[0].produced = out }
            lock.unlock()
            return (out, known.qosClass)
        }
        var drawn: UInt64?
        var spec = input
        PodSpecDefaults.apply(&spec, isPod: true)
        PodKind.admission(&spec, random: { let r = random(); drawn = r; return r })
        let qos = PodKind.qosClass(spec)
        if Self.usesTokenPrefix(input) { return (spec, qos) }
        var sites: TokenSites?
        if let drawn {
            guard let found = Self.sites(of: PodKind.tokenName(drawn), in: spec) else { return (spec, qos) }
            sites = found
        }
        lock.lock()
        entries.insert(Entry(input: input, output: spec, token: sites, qosClass: qos, produced: spec), at: 0)
        if entries.count > Self.capacity { entries.removeLast() }
        lock.unlock()
        return (spec, qos)
    }

    /// The entry for `input`: the first when identical to it, another when its input is `input`'s very storage
    /// (held by the entry, so that storage cannot have been reused for another value).
    private func index(of input: Value) -> Int? {
        // The first entry is read in place: `entries.first` copied the whole entry (its four values) to compare one.
        guard !entries.isEmpty else { return nil }
        if entries[0].input.isIdentical(to: input) { return 0 }
        guard let id = input.storageIdentity else { return nil }
        return entries.indices.dropFirst().first { entries[$0].input.storageIdentity == id }
    }

    /// Whether `spec` is the output just handed out and an output of its entry has passed validation.
    func vouches(for spec: Value) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        // In place, as in `index(of:)`.
        guard !entries.isEmpty, entries[0].validated, entries[0].produced.isIdentical(to: spec) else { return false }
        validationHits += 1
        return true
    }

    /// Notes that `spec` passed full validation (remembered when it is the output just handed out).
    func passed(_ spec: Value) {
        lock.lock()
        defer { lock.unlock() }
        if !entries.isEmpty, entries[0].produced.isIdentical(to: spec) { entries[0].validated = true }
    }

    static let mountLists = ["volumeMounts", "volumeDevices"]
    static let containerLists = ["containers", "initContainers", "ephemeralContainers"]

    /// Whether a volume, mount or device of the input already has a token-like name (its validity could then
    /// depend on the name drawn).
    static func usesTokenPrefix(_ spec: Value) -> Bool {
        func prefixed(_ v: Value) -> Bool { v["name"]?.stringValue?.hasPrefix(PodKind.tokenPrefix) ?? false }
        if spec.array(at: "volumes").contains(where: prefixed) { return true }
        for field in containerLists {
            for c in spec.array(at: field) {
                for list in mountLists where c.array(at: list).contains(where: prefixed) { return true }
            }
        }
        return false
    }

    /// Where `name` is a volume's or a mount's name; nil unless exactly one volume has it.
    static func sites(of name: String, in spec: Value) -> TokenSites? {
        let volumes = spec.array(at: "volumes").indices.filter { spec.array(at: "volumes")[$0]["name"]?.stringValue == name }
        guard volumes.count == 1 else { return nil }
        var mounts: [(field: String, container: Int, mount: Int)] = []
        for field in containerLists {
            for (ci, c) in spec.array(at: field).enumerated() {
                if c.array(at: "volumeDevices").contains(where: { $0["name"]?.stringValue == name }) { return nil }
                for (mi, m) in c.array(at: "volumeMounts").enumerated() where m["name"]?.stringValue == name {
                    mounts.append((field, ci, mi))
                }
            }
        }
        return TokenSites(volume: volumes[0], mounts: mounts)
    }

    /// Writes `name` at the token's sites.
    static func write(_ name: String, at sites: TokenSites, into spec: inout Value) {
        let n = Value.string(name)
        if case .array(var vols)? = spec["volumes"] {
            vols[sites.volume]["name"] = n
            spec["volumes"] = .array(vols)
        }
        var i = 0
        while i < sites.mounts.count {
            let field = sites.mounts[i].field
            guard case .array(var cs)? = spec[field] else { return }
            while i < sites.mounts.count, sites.mounts[i].field == field {
                let s = sites.mounts[i]
                if case .array(var ms)? = cs[s.container]["volumeMounts"] {
                    ms[s.mount]["name"] = n
                    cs[s.container]["volumeMounts"] = .array(ms)
                }
                i += 1
            }
            spec[field] = .array(cs)
        }
    }
}
