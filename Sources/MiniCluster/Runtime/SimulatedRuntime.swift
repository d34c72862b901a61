// The cluster's container runtime: pulls from the image catalog into per-node caches (first pull takes time in
// proportion to the image's size; later ones find it present) and starts each container's program.

public final class SimulatedRuntime: ContainerRuntime {
    public let catalog: ImageCatalog
    /// Per node: image (as written in the spec, normalised) → when it is present there.
    private var present: [String: [String: Timestamp]] = [:]

    public init(catalog: ImageCatalog = ImageCatalog()) { self.catalog = catalog }

    /// Whether an image name is malformed (the kubelet's `InvalidImageName`); the message follows
    /// `Failed to apply default image tag "…": `.
    public func invalidImageName(_ image: String) -> String? { catalog.facts(image).invalidName }

    /// How long a first pull of the image `canonical` names takes on `node`: about a second plus 25 MB/s, with a
    /// stable jitter.
    func pullDuration(canonical: String, size: Int64, node: String) -> Duration {
        let h = "\(node)|\(canonical)".hashValueStable
        let jitter = Int64(h % 400) - 200
        return .milliseconds(800 + size / 25_000 + jitter)
    }

    public func pull(image: String, policy: String, node: String, now: Timestamp) -> PullOutcome {
        let facts = catalog.facts(image)
        guard let key = facts.canonical else {
            if policy == "Never" {
                return .failed("Container image \"\(image)\" is not present with pull policy of Never")
            }
            return .failed(facts.pullError ?? "")
        }
        let size = facts.size
        if let at = present[node]?[key] {
            if at > now { return .pulled(took: at - now, size: size, cached: false) }  // a pull already under way
            if policy == "Always" {
                // The registry is asked again; the layers are already there.
                return .pulled(took: .milliseconds(300 + Int64(size % 250)), size: size, cached: false)
            }
            return .pulled(took: .milliseconds(0), size: size, cached: true)
        }
        if policy == "Never" {
            return .failed("Container image \"\(image)\" is not present with pull policy of Never")
        }
        let took = pullDuration(canonical: key, size: size, node: node)
        present[node, default: [:]][key] = now + took
        return .pulled(took: took, size: size, cached: false)
    }

    /// Images present on a node (`crictl images`, node status), canonical names sorted.
    public func images(on node: String, now: Timestamp) -> [String] {
        (present[node] ?? [:]).filter { $0.value <= now }.keys.sorted()
    }

    /// Forgets a node's images (a node replaced or recreated).
    public func forget(node: String) { present[node] = nil }

    public func start(_ launch: ContainerLaunch, now: Timestamp) -> Result<ContainerProcess, ContainerStartError> {
        let image = launch.container["image"]?.stringValue ?? ""
        switch catalog.resolve(image) {
        case .failure(let e):
            return .failure(ContainerStartError(reason: "ErrImagePull", message: e.message))
        case .success(let r):
            return ProgramFactory.make(launch, image: r, now: now)
        }
    }
}
