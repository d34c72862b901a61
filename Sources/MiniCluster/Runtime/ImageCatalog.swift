// The images a simulated registry serves: Docker Hub library images, Google's samples, the Kubernetes test
// images. Unknown tags and repositories fail the way containerd words it. Images built and pushed later (by a
// simulated docker) are added with `register`.

/// Every image the cluster can pull.
public final class ImageCatalog {
    private var images: [String: CatalogImage] = [:] {
        didSet {
            resolved.removeAll(keepingCapacity: true)
            facts.removeAll(keepingCapacity: true)
            generation &+= 1
        }
    }
    /// Moves whenever a repository or tag is added: answers kept elsewhere stand while it stays.
    public private(set) var generation = 0
    /// `resolve`'s answers by image string: every pod asks several times (pull, start, status) for the same few
    /// names. Forgotten whenever a repository or tag is added.
    private var resolved: [String: Result<ResolvedImage, ImagePullError>] = [:]
    /// `facts`' answers by image string, forgotten with `resolved`.
    private var facts: [String: ImageFacts] = [:]
    /// Registries whose names map onto another (`k8s.gcr.io` is served by `registry.k8s.io`).
    private let aliases = ["k8s.gcr.io": "registry.k8s.io", "gcr.io/google-containers": "registry.k8s.io",
                           "gcr.io/google_containers": "registry.k8s.io"]

    public init(images: [CatalogImage] = ImageCatalog.builtin) {
        for i in images { register(i) }
    }

    /// Adds (or replaces) a repository — the hook for images pushed by a simulated `docker push`.
    public func register(_ image: CatalogImage) { images[image.repository] = image }

    /// Adds one tag to a registered repository, or registers a new repository built like `base`.
    public func push(repository: String, tag: String, version: String, size: Int64, like base: CatalogImage) {
        var img = images[repository] ?? base
        img.repository = repository
        img.tags[tag] = ImageTag(version: version, size: size)
        images[repository] = img
    }

    /// The repository an image reference names, after registry aliases.
    public func repository(of ref: ImageReference) -> CatalogImage? {
        if let i = images[ref.repository] { return i }
        for (alias, target) in aliases where ref.repository.hasPrefix(alias + "/") {
            if let i = images[target + ref.repository.dropFirst(alias.count)] { return i }
        }
        return nil
    }

    /// Resolves a reference to a tag of a known repository, or the pull error containerd reports.
    public func resolve(_ image: String) -> Result<ResolvedImage, ImagePullError> {
        if let r = resolved[image] { return r }
        let r = resolveUncached(image)
        resolved[image] = r
        return r
    }

    /// What the kubelet and the runtime read of `resolve`'s answer for every pod (its name, id and size, or why the
    /// name is invalid), kept apart: copying a whole resolved image out of the memo costs more than these.
    public func facts(_ image: String) -> ImageFacts {
        if let f = facts[image] { return f }
        let f = ImageFacts(resolve(image))
        facts[image] = f
        return f
    }

    /// `resolve` without the memo (what it answers, always worked out afresh).
    func resolveUncached(_ image: String) -> Result<ResolvedImage, ImagePullError> {
        let ref: ImageReference
        switch ImageReference.parse(image) {
        case .success(let r): ref = r
        case .failure(let e): return .failure(.invalidName("couldn't parse image name \"\(image)\": \(e.message)"))
        }
        let name = ref.canonical
        let prefix = "failed to pull and unpack image \"\(name)\": failed to resolve reference \"\(name)\": "
        guard let repo = repository(of: ref) else {
            if ref.registry == "docker.io" {
                return .failure(.notFound("rpc error: code = Unknown desc = \(prefix)pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"))
            }
            return .failure(.notFound("rpc error: code = NotFound desc = \(prefix)\(name): not found"))
        }
        if let digest = ref.digest {
            // A digest pins one of the known tags; any other digest does not exist.
            guard let (_, t) = repo.tags.sorted(by: { $0.key < $1.key }).first(where: { ($0.value.digest ?? Self.digest(repo.repository, $0.key)) == digest }) else {
                return .failure(.notFound("rpc error: code = NotFound desc = \(prefix)\(name): not found"))
            }
            return .success(ResolvedImage(reference: ref, image: repo, tag: t, digest: digest))
        }
        let tagName = ref.tag ?? "latest"
        guard let tag = repo.tags[tagName] else {
            return .failure(.notFound("rpc error: code = NotFound desc = \(prefix)\(name): not found"))
        }
        return .success(ResolvedImage(reference: ref, image: repo, tag: tag, digest: tag.digest ?? Self.digest(repo.repository, tagName)))
    }

    /// A stable `sha256:` digest for a repository and tag (not a real hash of content: there is none).
    public static func digest(_ repository: String, _ tag: String) -> String {
        var r = SeededRandom(seed: "\(repository):\(tag)".hashValueStable)
        var hex = ""
        for _ in 0..<4 {
            let v = r.next()
            hex += String(String(v, radix: 16).reversed()).padding(toLength: 16, withPad: "0", startingAt: 0)
        }
        return "sha256:" + hex
    }
}

/// The parts of a resolved image (or of the error) that every pull, start and status reads.
public struct ImageFacts: Equatable {
    /// `docker.io/library/nginx:1.25` (`ImageReference.canonical`); nil when the image does not resolve.
    public let canonical: String?
    /// `docker.io/library/nginx@sha256:…`, the id containerd reports; nil when the image does not resolve.
    public let id: String?
    /// The tag's compressed size (0 when the image does not resolve).
    public let size: Int64
    /// Why the name does not parse (`InvalidImageName`), when it does not.
    public let invalidName: String?
    /// Why the image cannot be pulled (`ImagePullError.message`), when it does not resolve.
    public let pullError: String?

    init(_ r: Result<ResolvedImage, ImagePullError>) {
        switch r {
        case .success(let r):
            canonical = r.reference.canonical
            id = r.reference.repository + "@" + r.digest
            size = r.tag.size
            invalidName = nil
            pullError = nil
        case .failure(let e):
            canonical = nil
            id = nil
            size = 0
            if case .invalidName(let m) = e { invalidName = m } else { invalidName = nil }
            pullError = e.message
        }
    }
}

/// Why an image cannot be pulled.
public enum ImagePullError: Error, Equatable {
    /// `InvalidImageName`: the reference does not parse.
    case invalidName(String)
    /// `ErrImagePull`: the registry has no such repository or tag (message after `Failed to pull image "…": `).
    case notFound(String)

    public var message: String {
        switch self {
        case .invalidName(let m), .notFound(let m): return m
        }
    }
}
