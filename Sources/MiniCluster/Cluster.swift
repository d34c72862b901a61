// One simulated cluster: its clock, store, API server and (later) controllers, scheduler and nodes.

public final class Cluster {
    public let name: String
    public let clock: VirtualClock
    public let store: Store
    public let api: APIServer
    public var registry: ResourceRegistry { api.registry }
    /// The server's version, as GKE reports it.
    public static let serverVersion = "v1.32.9-gke.1108000"

    public struct Options {
        public var name = "kubetutor"
        public var seed: UInt64 = 1
        /// Virtual time at start. Fixed by default so scripts are deterministic; the interactive front end may
        /// pass the wall time instead.
        public var start = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
        public init() {}
    }

    public init(options: Options = Options()) {
        name = options.name
        clock = VirtualClock(start: options.start)
        store = Store()
        api = APIServer(registry: ResourceRegistry(), kinds: KindCatalog(Kinds.all), store: store, clock: clock,
                        random: SeededRandom(seed: options.seed))
        bootstrap()
    }

    /// The objects every new cluster has: the four standard namespaces.
    private func bootstrap() {
        let nsType = registry.lookup(kind: "Namespace")!
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            _ = try? api.create(nsType, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns)]],
                                namespace: nil)
        }
    }

    public var now: Timestamp { clock.now }

    /// Moves virtual time forward, letting timers (controllers, kubelets) run.
    public func advance(by d: Duration) { clock.advance(by: d) }
}

/// The kinds with their own defaulting/validation. Each kind file adds a `static let` on `KindSpec`; list it here.
public enum Kinds {
    public static var all: [KindSpec] { [] }
}
