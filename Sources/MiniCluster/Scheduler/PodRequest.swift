// What a pod asks of a node: its effective requests (containers summed, init containers as a floor, overhead
// added), the scheduler's non-zero defaults for scoring, and its host ports.

struct PodRequest: Equatable {
    var milliCPU: Int64 = 0
    var memory: Int64 = 0
    var ephemeral: Int64 = 0
    var scalar: [String: Int64] = [:]
    /// Requests with the scheduler's defaults for unset cpu (100m) and memory (200Mi), used only to score.
    var nonZeroCPU: Int64 = 0
    var nonZeroMemory: Int64 = 0
    /// `protocol/hostIP/hostPort` of every container port with a hostPort.
    var hostPorts: [String] = []

    /// The plain numbers (what the plain scheduling path and the resource scores read).
    struct Figures: Equatable {
        var milliCPU, memory, ephemeral, nonZeroCPU, nonZeroMemory: Int64
    }
    var figures: Figures {
        Figures(milliCPU: milliCPU, memory: memory, ephemeral: ephemeral, nonZeroCPU: nonZeroCPU, nonZeroMemory: nonZeroMemory)
    }

    static let defaultMilliCPU: Int64 = 100
    static let defaultMemory: Int64 = 200 * 1024 * 1024

    init() {}

    /// What one container's `resources` asks for.
    struct ContainerRequests {
        var cpu: Int64?, mem: Int64?, eph: Int64, scalar: [String: Int64]

        init(_ resources: Value?) {
            let r = resources?["requests"]?.objectValue ?? [:]
            var scalar: [String: Int64] = [:]
            for (k, v) in r where k != "cpu" && k != "memory" && k != "ephemeral-storage" {
                if let q = v.quantityValue { scalar[k] = q.value }
            }
            self.scalar = scalar
            cpu = r["cpu"]?.quantityValue?.milliValue
            mem = r["memory"]?.quantityValue?.value
            eph = r["ephemeral-storage"]?.quantityValue?.value ?? 0
        }
    }

    /// `memo`: where the scheduler keeps the last pod's and container's requests read (see `RequestsMemo`); nil
    /// reads every one.
    init(pod: Value, memo: RequestsMemo? = nil) {
        let spec = pod["spec"] ?? .null
        guard let memo else { self.init(spec: spec, memo: nil); return }
        let parts = RequestsMemo.Parts(containers: spec["containers"], initContainers: spec["initContainers"],
                                       overhead: spec["overhead"])
        if let known = memo.request(parts) { self = known; return }
        self.init(spec: spec, memo: memo)
        memo.remember(parts, self)
    }

    private init(spec: Value, memo: RequestsMemo?) {
        func read(_ c: Value) -> ContainerRequests {
            memo?.requests(c["resources"]) ?? ContainerRequests(c["resources"])
        }
        for c in spec["containers"]?.arrayValue ?? [] {
            let r = read(c)
            milliCPU += r.cpu ?? 0
            memory += r.mem ?? 0
            ephemeral += r.eph
            nonZeroCPU += r.cpu ?? Self.defaultMilliCPU
            nonZeroMemory += r.mem ?? Self.defaultMemory
            for (k, v) in r.scalar { scalar[k, default: 0] += v }
            for p in c["ports"]?.arrayValue ?? [] {
                guard let hp = p["hostPort"]?.intValue, hp > 0 else { continue }
                hostPorts.append("\(p["protocol"]?.stringValue ?? "TCP")/\(p["hostIP"]?.stringValue ?? "0.0.0.0")/\(hp)")
            }
        }
        for c in spec["initContainers"]?.arrayValue ?? [] {
            let r = read(c)
            milliCPU = Swift.max(milliCPU, r.cpu ?? 0)
            memory = Swift.max(memory, r.mem ?? 0)
            ephemeral = Swift.max(ephemeral, r.eph)
            for (k, v) in r.scalar { scalar[k] = Swift.max(scalar[k] ?? 0, v) }
        }
        if let overhead = spec["overhead"]?.objectValue {
            let cpu = overhead["cpu"]?.quantityValue?.milliValue ?? 0, mem = overhead["memory"]?.quantityValue?.value ?? 0
            milliCPU += cpu; memory += mem; nonZeroCPU += cpu; nonZeroMemory += mem
        }
    }

    static func += (a: inout PodRequest, b: PodRequest) {
        a.milliCPU += b.milliCPU; a.memory += b.memory; a.ephemeral += b.ephemeral
        a.nonZeroCPU += b.nonZeroCPU; a.nonZeroMemory += b.nonZeroMemory
        for (k, v) in b.scalar { a.scalar[k, default: 0] += v }
        a.hostPorts += b.hostPorts
    }

    static func -= (a: inout PodRequest, b: PodRequest) {
        a.milliCPU -= b.milliCPU; a.memory -= b.memory; a.ephemeral -= b.ephemeral
        a.nonZeroCPU -= b.nonZeroCPU; a.nonZeroMemory -= b.nonZeroMemory
        for (k, v) in b.scalar { a.scalar[k, default: 0] -= v }
        for p in b.hostPorts { if let i = a.hostPorts.firstIndex(of: p) { a.hostPorts.remove(at: i) } }
    }
}

/// The last container `resources` object the scheduler read, with what it asks for. Every replica of a template
/// has the same one (nothing writes it after the template is copied), so most reads compare storage instead of
/// parsing quantities again. Strictly identical values only (`isIdentical`, not `==`).
final class RequestsMemo {
    private var last: (resources: Value, requests: PodRequest.ContainerRequests)?
    /// Answers given from memory (for tests).
    private(set) var hits = 0

    /// What a pod's request is made of. A pod keeps these when it is bound: the scheduler reads each pod's request
    /// to place it, then again when its binding comes back. Container lists are matched by storage only: replicas
    /// of one template each have their own (every container gets the pod's own token volume mount), and walking
    /// two of them to find that out costs about what reading the request does.
    struct Parts {
        var containers, initContainers, overhead: Value?

        func isIdentical(to o: Parts) -> Bool {
            Self.sameList(containers, o.containers) && Self.sameList(initContainers, o.initContainers)
                && Self.same(overhead, o.overhead)
        }

        private static func sameList(_ a: Value?, _ b: Value?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case let (.array(x)?, .array(y)?): return Value.sameStorage(x, y)
            default: return false
            }
        }

        private static func same(_ a: Value?, _ b: Value?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case let (a?, b?): return a.isIdentical(to: b)
            default: return false
            }
        }
    }
    private var lastPod: (parts: Parts, request: PodRequest)?

    /// The request last worked out from the same parts, if these are they.
    func request(_ parts: Parts) -> PodRequest? {
        guard let lastPod, lastPod.parts.isIdentical(to: parts) else { return nil }
        hits += 1
        return lastPod.request
    }

    func remember(_ parts: Parts, _ request: PodRequest) { lastPod = (parts, request) }

    func requests(_ resources: Value?) -> PodRequest.ContainerRequests {
        guard let resources else { return PodRequest.ContainerRequests(nil) }
        if let last, last.resources.isIdentical(to: resources) {
            hits += 1
            return last.requests
        }
        let r = PodRequest.ContainerRequests(resources)
        last = (resources, r)
        return r
    }
}
