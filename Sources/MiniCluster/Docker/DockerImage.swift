// An image in the local docker store: its config, its layers (history) and the files it adds to its base.

/// One entry of `docker history`: the instruction that made a layer, or a metadata-only step.
public struct DockerHistoryEntry: Equatable {
    public var created: Timestamp
    public var createdBy: String
    public var size: Int64
    /// Metadata-only steps (CMD, ENV, EXPOSE …) make no layer.
    public var emptyLayer: Bool
    public var comment: String
    /// The layer's digest when a build made it (derived from its parent and its content).
    public var layer: String?
    public init(created: Timestamp, createdBy: String, size: Int64, emptyLayer: Bool, comment: String = "",
                layer: String? = nil) {
        self.created = created; self.createdBy = createdBy; self.size = size; self.emptyLayer = emptyLayer
        self.comment = comment; self.layer = layer
    }
}

/// What a container made from the image starts with.
public struct DockerImageConfig: Equatable {
    public var env: [String] = []
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var workingDir = ""
    public var user = ""
    public var exposedPorts: [String] = []
    public var labels: [String: String] = [:]
    public var volumes: [String] = []
    public var healthcheck: [String]?
    public init() {}

    /// Sets (or replaces) one environment variable, keeping its place.
    public mutating func setEnv(_ name: String, _ value: String) {
        if let i = env.firstIndex(where: { $0.hasPrefix(name + "=") }) { env[i] = "\(name)=\(value)" } else {
            env.append("\(name)=\(value)")
        }
    }

    public var envPairs: [(String, String)] {
        env.map { e in
            guard let eq = e.firstIndex(of: "=") else { return (e, "") }
            return (String(e[..<eq]), String(e[e.index(after: eq)...]))
        }
    }
}

public final class DockerImage {
    /// `sha256:` and 64 hex digits.
    public let id: String
    public var created: Timestamp
    public var config: DockerImageConfig
    /// Oldest first.
    public var history: [DockerHistoryEntry]
    /// The catalog image the image's program and base files come from.
    public let base: ResolvedImage
    /// Files the build added over the base image, path → contents.
    public var files: [String: String]
    /// `repository@sha256:…` for each registry it was pulled from or pushed to.
    public var repoDigests: [String] = []

    public init(id: String, created: Timestamp, config: DockerImageConfig, history: [DockerHistoryEntry],
                base: ResolvedImage, files: [String: String]) {
        self.id = id; self.created = created; self.config = config; self.history = history; self.base = base
        self.files = files
    }

    /// The 12 hex digits `docker images` shows.
    public var shortID: String { String(id.dropFirst(7).prefix(12)) }

    /// Unpacked size in bytes (the sum of the layers).
    public var size: Int64 { history.reduce(0) { $0 + $1.size } }

    /// The layer digests (one per non-empty history entry), derived from the image's history.
    public var layers: [String] {
        var parent = ""
        var result: [String] = []
        for h in history where !h.emptyLayer {
            parent = h.layer ?? DockerDigest.of(parent + "|" + h.createdBy + "|\(h.size)")
            result.append(parent)
        }
        return result
    }

    /// The image as the runtime's catalog describes it, under `repository` with one tag.
    public func catalogImage(repository: String, tag: String, digest: String? = nil) -> CatalogImage {
        var img = base.image
        img.repository = repository
        img.tags = [tag: ImageTag(version: base.tag.version, size: size * 2 / 5, digest: digest)]
        img.entrypoint = config.entrypoint ?? []
        img.cmd = config.cmd ?? []
        img.env = config.envPairs
        img.workingDir = config.workingDir.isEmpty ? "/" : config.workingDir
        img.files = base.image.files.merging(files) { _, new in new }
        img.userland = base.userland
        return img
    }
}

/// Stable content-derived `sha256:` digests (not real SHA-256 of anything: the simulator has no blobs).
public enum DockerDigest {
    public static func of(_ content: String) -> String {
        var r = SeededRandom(seed: content.hashValueStable)
        return "sha256:" + r.hex64()
    }

    /// The 12 hex digits after `sha256:`.
    public static func short(_ digest: String) -> String { String(digest.dropFirst(7).prefix(12)) }
}
