// The files of a pod's volumes as its containers see them: emptyDir shared by the pod's containers, configMap,
// secret, downwardAPI and projected volumes as files, the service account token, hostPath and claims as
// directories that outlive the container.
import Foundation

struct VolumeResolver {
    let api: APIServer
    let pod: Value
    let env: EnvironmentResolver
    let clusterName: String
    /// Where the last projected volume's files are kept for the next pod of the template (nil: always built).
    var memo: ProjectedVolumeMemo?

    private var namespace: String { pod.metadataNamespace ?? "default" }

    private func object(_ kind: String, _ name: String) -> Value? {
        guard let t = api.registry.lookup(kind: kind) else { return nil }
        return try? api.get(t, namespace: namespace, name: name)
    }

    /// The files a volume holds now; emptyDir, hostPath and claims are kept by the caller instead. Without
    /// `withTokens` a service account token file is empty.
    func files(of v: Value, withTokens: Bool = true) throws -> [String: String] {
        var tokenPaths: [String] = []
        var out = try files(of: v, tokenPaths: &tokenPaths)
        if withTokens, !tokenPaths.isEmpty {
            let t = token()
            for p in tokenPaths { out[p] = t }
        }
        return out
    }

    /// The volume's directory as `files(of:)` fills it, except that the service account token is worked out only
    /// when a program first reads the volume (from the pod as it is now).
    func directory(of v: Value) throws -> VolumeDirectory {
        var tokenPaths: [String] = []
        let files = try files(of: v, tokenPaths: &tokenPaths)
        guard !tokenPaths.isEmpty else { return VolumeDirectory(files: files) }
        let pod = self.pod, clusterName = self.clusterName
        return VolumeDirectory(files: files) {
            let t = Self.token(pod: pod, clusterName: clusterName)
            var out: [String: String] = [:]
            for p in tokenPaths { out[p] = t }
            return out
        }
    }

    /// The files with every service account token empty; `tokenPaths` lists the paths that hold a token in the
    /// end (not overwritten by a later source).
    private func files(of v: Value, tokenPaths: inout [String]) throws -> [String: String] {
        if let cm = v["configMap"] { return try configMapFiles(cm) }
        if let s = v["secret"] { return try secretFiles(s, name: s["secretName"]?.stringValue ?? "") }
        if let d = v["downwardAPI"] { return downwardFiles(d) }
        if let sources = v[path: "projected", "sources"], let p = sources.arrayValue {
            // The files are a function of the sources, the namespace, the objects the sources name and the
            // downward values they ask for: with all of those as the last time, they are the last files. What to
            // read is worked out from the sources once, while they stay the same.
            var plan: [ProjectedInput] = [], inputs: [Value] = []
            if let memo {
                let last = memo.last.flatMap { $0.sources.isIdentical(to: sources) ? $0 : nil }
                plan = last?.plan ?? Self.projectedPlan(p)
                if let last, memo.objectsUnchanged(since: last, namespace: namespace) {
                    // No ConfigMap or Secret changed since: the objects read are the ones read then.
                    // A value read now that is identical to the one read then is left in place, so that the list
                    // keeps the entry's storage (not copied here, and matched by storage below).
                    inputs = last.inputs
                    for (i, input) in plan.enumerated() {
                        if case .object = input { continue }
                        let now = read(input)
                        if !now.isIdentical(to: inputs[i]) { inputs[i] = now }
                    }
                } else {
                    inputs = plan.map(read)
                }
                if let last, let hit = memo.files(last, namespace: namespace, inputs: inputs) {
                    tokenPaths = hit.tokenPaths
                    return hit.files
                }
            }
            var out: [String: String] = [:]
            func merge(_ files: [String: String]) {
                out.merge(files) { _, b in b }
                if !tokenPaths.isEmpty { tokenPaths.removeAll { files[$0] != nil } }
            }
            for src in p {
                if let t = src["serviceAccountToken"] {
                    let path = t["path"]?.stringValue ?? "token"
                    out[path] = ""
                    if !tokenPaths.contains(path) { tokenPaths.append(path) }
                }
                if let cm = src["configMap"] { merge(try configMapFiles(cm)) }
                if let s = src["secret"] { merge(try secretFiles(s, name: s["name"]?.stringValue ?? "")) }
                if let d = src["downwardAPI"] { merge(downwardFiles(d)) }
            }
            if let memo {
                memo.last = ProjectedVolumeMemo.Entry(sources: sources, plan: plan, namespace: namespace, inputs: inputs,
                                                      files: out, tokenPaths: tokenPaths, generation: memo.configGeneration)
            }
            return out
        }
        return [:]
    }

    /// What a projected volume's files read besides its sources, in order: each ConfigMap and Secret it names and
    /// each downward value it asks for.
    static func projectedPlan(_ sources: [Value]) -> [ProjectedInput] {
        var out: [ProjectedInput] = []
        for src in sources {
            if let cm = src["configMap"] { out.append(.object(kind: "ConfigMap", name: cm["name"]?.stringValue ?? "")) }
            if let s = src["secret"] { out.append(.object(kind: "Secret", name: s["name"]?.stringValue ?? "")) }
            if let d = src["downwardAPI"] {
                for i in d["items"]?.arrayValue ?? [] {
                    if let f = i[path: "fieldRef", "fieldPath"]?.stringValue { out.append(.field(f)) }
                    if let r = i["resourceFieldRef"] { out.append(.resource(r)) }
                }
            }
        }
        return out
    }

    /// One input as it is now (a missing object is null).
    func read(_ input: ProjectedInput) -> Value {
        switch input {
        case let .object(kind, name): return object(kind, name) ?? .null
        case .field(let f): return .string(env.fieldValue(f))
        case .resource(let r): return .string(env.resourceValue(r))
        }
    }

    /// Keys to files, or only the listed `items` under their paths.
    private func select(_ data: [String: String], items: [Value]) -> [String: String] {
        guard !items.isEmpty else { return data }
        var out: [String: String] = [:]
        for i in items {
            guard let k = i["key"]?.stringValue, let v = data[k] else { continue }
            out[i["path"]?.stringValue ?? k] = v
        }
        return out
    }

    private func configMapFiles(_ ref: Value) throws -> [String: String] {
        let name = ref["name"]?.stringValue ?? ""
        guard let cm = object("ConfigMap", name) else {
            if ref["optional"]?.boolValue == true { return [:] }
            throw ConfigError(message: "configmap \"\(name)\" not found")
        }
        var data = cm["data"]?.stringMap ?? [:]
        for (k, v) in cm["binaryData"]?.stringMap ?? [:] { data[k] = EnvironmentResolver.decode(v) }
        return select(data, items: ref["items"]?.arrayValue ?? [])
    }

    private func secretFiles(_ ref: Value, name: String) throws -> [String: String] {
        guard let secret = object("Secret", name) else {
            if ref["optional"]?.boolValue == true { return [:] }
            throw ConfigError(message: "secret \"\(name)\" not found")
        }
        let data = (secret["data"]?.stringMap ?? [:]).mapValues(EnvironmentResolver.decode)
        return select(data, items: ref["items"]?.arrayValue ?? [])
    }

    private func downwardFiles(_ d: Value) -> [String: String] {
        var out: [String: String] = [:]
        for i in d["items"]?.arrayValue ?? [] {
            guard let path = i["path"]?.stringValue else { continue }
            if let f = i[path: "fieldRef", "fieldPath"]?.stringValue { out[path] = env.fieldValue(f) }
            if let r = i["resourceFieldRef"] { out[path] = env.resourceValue(r) }
        }
        return out
    }

    /// A service account token shaped like the real one (a JWT whose claims name the pod), never valid anywhere.
    func token() -> String { Self.token(pod: pod, clusterName: clusterName) }

    static func token(pod: Value, clusterName: String) -> String {
        func b64url(_ s: String) -> String { Self.base64URL(Array(s.utf8)) }
        let namespace = pod.metadataNamespace ?? "default"
        let sa = pod[path: "spec", "serviceAccountName"]?.stringValue ?? "default"
        let iat = (pod.creationTimestamp ?? Timestamp(ms: 0)).ms / 1000
        let header = "{\"alg\":\"RS256\",\"kid\":\"\(KubeletText.hex64(clusterName).prefix(40))\"}"
        let claims = "{\"aud\":[\"https://container.googleapis.com/v1/projects/kubetutor/locations/us-central1-a/clusters/\(clusterName)\"]," +
            "\"exp\":\(iat + 3607),\"iat\":\(iat),\"iss\":\"https://container.googleapis.com/v1/projects/kubetutor/locations/us-central1-a/clusters/\(clusterName)\"," +
            "\"kubernetes.io\":{\"namespace\":\"\(namespace)\",\"pod\":{\"name\":\"\(pod.metadataName)\",\"uid\":\"\(pod.uid)\"}," +
            "\"serviceaccount\":{\"name\":\"\(sa)\"}},\"nbf\":\(iat),\"sub\":\"system:serviceaccount:\(namespace):\(sa)\"}"
        let sig = KubeletText.hex64(pod.uid) + KubeletText.hex64(pod.uid + sa)
        return b64url(header) + "." + b64url(claims) + "." + b64url(sig)
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Base64 with the URL alphabet and no padding (RFC 4648 §5), as JWTs encode their parts.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i]), b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            let left = bytes.count - i, chars = left >= 3 ? 4 : left + 1
            for k in 0..<chars { out.append(base64Alphabet[Int(n >> (18 - 6 * UInt32(k)) & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Whether a pod's volumes can be mounted: what `VolumeResolver` checks before the sandbox, which needs neither the
/// pod's environment nor anything else of the pod but its namespace and volumes (a pod worker asks at every try).
struct MountCheck {
    let api: APIServer
    let namespace: String
    var memo: ProjectedVolumeMemo?

    private func object(_ kind: String, _ name: String) -> Value? {
        guard let t = api.registry.lookup(kind: kind) else { return nil }
        return try? api.get(t, namespace: namespace, name: name)
    }

    /// The first volume that cannot be set up, in the words of the `FailedMount` event: a ConfigMap or Secret that
    /// is missing and not optional (the only way `files(of:)` fails), looked up without building any file.
    func mountError(_ volumes: [Value]) -> String? {
        for v in volumes {
            if let e = missingSource(v) { return "MountVolume.SetUp failed for volume \"\(v["name"]?.stringValue ?? "")\" : \(e)" }
        }
        return nil
    }

    /// Why `files(of: v)` would throw, in its words, checking the sources in the same order.
    func missingSource(_ v: Value) -> String? {
        func configMap(_ ref: Value) -> String? {
            let name = ref["name"]?.stringValue ?? ""
            guard object("ConfigMap", name) == nil, ref["optional"]?.boolValue != true else { return nil }
            return "configmap \"\(name)\" not found"
        }
        func secret(_ ref: Value, name: String) -> String? {
            guard object("Secret", name) == nil, ref["optional"]?.boolValue != true else { return nil }
            return "secret \"\(name)\" not found"
        }
        if let cm = v["configMap"] { return configMap(cm) }
        if let s = v["secret"] { return secret(s, name: s["secretName"]?.stringValue ?? "") }
        if v["downwardAPI"] != nil { return nil }
        guard let sources = v[path: "projected", "sources"] else { return nil }
        if let memo, memo.mountable(sources, namespace: namespace) { return nil }
        for src in sources.arrayValue ?? [] {
            if let cm = src["configMap"], let e = configMap(cm) { return e }
            if let s = src["secret"], let e = secret(s, name: s["name"]?.stringValue ?? "") { return e }
        }
        memo?.foundMountable(sources, namespace: namespace)
        return nil
    }
}

/// Something a projected volume's files are built from besides its sources.
enum ProjectedInput {
    case object(kind: String, name: String)
    case field(String)
    case resource(Value)
}

/// The last projected volume a kubelet built (every pod of a template has the same token volume): what its files
/// were built from, compared strictly (ValueIdentity), and the files; and the last sources found mountable.
final class ProjectedVolumeMemo {
    /// A class: a pod's look at the last entry copies a reference, not seven fields (five times per volume).
    final class Entry {
        let sources: Value
        let plan: [ProjectedInput]
        let namespace: String
        let inputs: [Value]
        let files: [String: String]
        let tokenPaths: [String]
        /// `configGeneration` when the inputs were read.
        let generation: Int?

        init(sources: Value, plan: [ProjectedInput], namespace: String, inputs: [Value], files: [String: String],
             tokenPaths: [String], generation: Int? = nil) {
            self.sources = sources; self.plan = plan; self.namespace = namespace; self.inputs = inputs
            self.files = files; self.tokenPaths = tokenPaths; self.generation = generation
        }
    }
    var last: Entry?

    /// Moves on every change of a ConfigMap or Secret once the kubelets watch the store for them (`watchConfig`):
    /// what was read of them stands while it stays. Nil while nobody watches: then every object is read again.
    private(set) var configGeneration: Int?
    func watchConfig() { if configGeneration == nil { configGeneration = 0 } }
    /// Called by the store's observer for every change of a ConfigMap or Secret.
    func configChanged() { configGeneration = configGeneration.map { $0 &+ 1 } }

    /// Whether the ConfigMaps and Secrets `e` read are still the ones it read, in the same namespace.
    func objectsUnchanged(since e: Entry, namespace: String) -> Bool {
        guard let g = configGeneration, e.generation == g else { return false }
        return Value.sameBytes(e.namespace, namespace)
    }

    /// The last projected sources every ConfigMap and Secret of which was there (or optional), in a namespace.
    private var mountableSources: (sources: Value, namespace: String, generation: Int)?

    /// Whether `sources` were found mountable in `namespace` with no ConfigMap or Secret changed since.
    func mountable(_ sources: Value, namespace: String) -> Bool {
        guard let g = configGeneration, let m = mountableSources, m.generation == g, m.sources.isIdentical(to: sources)
        else { return false }
        return Value.sameBytes(m.namespace, namespace)
    }

    func foundMountable(_ sources: Value, namespace: String) {
        guard let g = configGeneration else { return }
        mountableSources = (sources, namespace, g)
    }
    /// How many times the last files were given again (tests check the memo is used).
    private(set) var hits = 0

    /// The entry's files when it was built in this namespace from these inputs (its sources being the ones asked about).
    func files(_ e: Entry, namespace: String, inputs: [Value]) -> (files: [String: String], tokenPaths: [String])? {
        // Inputs read again identical keep the entry's storage (see `files(of:tokenPaths:)`): matched at once.
        guard Value.identicalElements(e.inputs, inputs), Value.sameBytes(e.namespace, namespace) else { return nil }
        hits += 1
        return (e.files, e.tokenPaths)
    }
}
