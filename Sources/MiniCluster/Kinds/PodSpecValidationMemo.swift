// Pods made from one template (every replica a ReplicaSet creates) arrive at create-time validation with the
// same spec but for one thing: the service-account token volume admission adds under a random name
// (`kube-api-access-xxxxx`), and the mounts that point at it. Validation uses a volume's name only as a name
// (a DNS-1123 label, unique among the volumes, what mounts refer to), so a spec whose token volume is renamed
// to another valid label that no other volume has passes exactly when the original does. The memo keeps the
// last spec that passed, with that name replaced by a fixed one; an equal spec (after the same replacement)
// passes without being walked again. Anything else, and every spec with errors, takes the full validation.
import Foundation

final class PodSpecValidationMemo {
    static let shared = PodSpecValidationMemo()

    static let tokenPrefix = "kube-api-access-"
    /// What the token volume's name becomes in the key (a valid label with the prefix).
    static let placeholder = tokenPrefix + "00000"

    private let lock = NSLock()
    private var passed: Value?
    /// Answers given from memory (for tests).
    private(set) var hits = 0

    /// `PodSpecValidation.spec(spec, path, isPod: true)`, from memory when it can be.
    func errors(_ spec: Value, _ path: FieldPath) -> [FieldError] {
        guard let key = Self.key(spec) else { return PodSpecValidation.spec(spec, path, isPod: true) }
        lock.lock()
        let hit = passed?.isIdentical(to: key) == true  // strict: see ValueIdentity
        if hit { hits += 1 }
        lock.unlock()
        if hit { return [] }
        let errs = PodSpecValidation.spec(spec, path, isPod: true)
        if errs.isEmpty {
            lock.lock()
            passed = key
            lock.unlock()
        }
        return errs
    }

    /// The spec with its token volume's name (and every mount's reference to it) replaced by the placeholder;
    /// the spec itself when no volume has the prefix; nil (no memo) when more than one has it, its name is not
    /// a valid label, or a mount already names the placeholder (the replacement must not merge two names).
    static func key(_ spec: Value) -> Value? {
        guard case .array(var volumes)? = spec["volumes"] else { return spec }
        var token: (index: Int, name: String)?
        for (i, v) in volumes.enumerated() {
            guard let n = v["name"]?.stringValue, n.hasPrefix(tokenPrefix) else { continue }
            if token != nil { return nil }
            token = (i, n)
        }
        guard let token else { return spec }
        guard NameRules.dns1123Label(token.name).isEmpty else { return nil }
        var key = spec
        volumes[token.index]["name"] = .string(placeholder)
        key["volumes"] = .array(volumes)
        for field in ["containers", "initContainers", "ephemeralContainers"] {
            guard case .array(var cs)? = key[field] else { continue }
            var changed = false
            for i in cs.indices {
                for list in ["volumeMounts", "volumeDevices"] {
                    guard case .array(var mounts)? = cs[i][list] else { continue }
                    var touched = false
                    for j in mounts.indices {
                        let n = mounts[j]["name"]?.stringValue
                        // A mount already naming the placeholder would be confused with one naming the token.
                        if n == placeholder, token.name != placeholder { return nil }
                        guard n == token.name else { continue }
                        mounts[j]["name"] = .string(placeholder)
                        touched = true
                    }
                    if touched { cs[i][list] = .array(mounts); changed = true }
                }
            }
            if changed { key[field] = .array(cs) }
        }
        return key
    }
}
