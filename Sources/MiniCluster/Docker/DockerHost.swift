// The learner's own docker engine (not a cluster node): a local image store, containers running the same image
// programs as pods, and the remote registries (Docker Hub's library images, gcr.io and Artifact Registry) that
// `docker push` fills and clusters pull from. Headless: the Shell prints; time comes from its own VirtualClock.

/// What went wrong, in the daemon's words (the CLI adds `Error response from daemon: `).
public struct DockerError: Error, Equatable {
    public var message: String
    /// The exit status `docker run` uses for it (125 daemon errors, 126/127 for a command that cannot run).
    public var runStatus: Int32
    public init(_ message: String, runStatus: Int32 = 125) { self.message = message; self.runStatus = runStatus }
}

public final class DockerHost {
    public let clock: VirtualClock
    var random: SeededRandom
    /// What the remote registries serve: the runtime's catalog of public images plus everything pushed.
    public let remote: ImageCatalog
    /// Images pushed from here, by canonical reference, so pulling them back brings their files and history.
    var pushed: [String: DockerImage] = [:]
    /// Layers each registry host already has (a second push says `Layer already exists`).
    var registryLayers: [String: Set<String>] = [:]
    /// The local images by id.
    public internal(set) var images: [String: DockerImage] = [:]
    /// Canonical reference (`docker.io/library/nginx:latest`) → image id.
    public internal(set) var tags: [String: String] = [:]
    /// Newest last.
    public internal(set) var containers: [DockerContainer] = []
    /// Named volumes (`-v data:/data`).
    public var volumes: [String: VolumeDirectory] = [:]
    /// The next host port `-p 80` picks (docker takes them from the ephemeral range).
    public var nextEphemeralPort = 32768
    /// Registry host → user name, after `docker login`.
    public var logins: [String: String] = [:]
    /// Registry host → credential helper (`gcloud`), the `credHelpers` of docker's config file.
    public var credentialHelpers: [String: String] = [:]
    /// A registry's refusal of a push, in its words (set by whoever owns the registries: Artifact Registry's rules).
    public var pushRefusal: (ImageReference) -> String? = { _ in nil }
    /// Told of each push that went through: where to, and the bytes of the layers that were new there.
    public var onPush: (ImageReference, Int) -> Void = { _, _ in }
    /// Extra catalogs a push must reach (the clusters' runtimes); set by whoever owns the clusters.
    public var pushTargets: () -> [ImageCatalog] = { [] }
    /// Build cache: cache key → the step's result.
    var buildCache: [String: BuildCacheEntry] = [:]
    /// Base images BuildKit already fetched (later builds resolve them without downloading).
    var buildkitPulled: Set<String> = []
    let localCatalog = ImageCatalog(images: [])
    lazy var runtime = SimulatedRuntime(catalog: localCatalog)
    lazy var network = DockerBridge(host: self)

    public init(start: Timestamp, seed: UInt64 = 1, remote: ImageCatalog = ImageCatalog()) {
        clock = VirtualClock(start: start)
        random = SeededRandom(seed: seed &+ 0xD0C)
        self.remote = remote
    }

    public var now: Timestamp { clock.now }

    /// Lets time pass for the containers (their programs advance lazily when looked at).
    public func advance(by d: Duration) { clock.advance(by: d); refresh() }

    // MARK: names

    /// Parses an image name as the docker CLI does; the error is the reference library's.
    public static func reference(_ name: String) -> Result<ImageReference, DockerError> {
        switch ImageReference.parse(name) {
        case .success(let r): return .success(r)
        case .failure(let e):
            if e.message.contains("lowercase") {
                return .failure(DockerError("invalid reference format: repository name (\(name.split(separator: ":").first ?? "")) must be lowercase"))
            }
            return .failure(DockerError(e.message))
        }
    }

    /// `nginx:latest`, `gcr.io/p/app:1.0`: how docker prints a canonical reference.
    public static func familiar(_ canonical: String) -> String {
        var s = canonical
        if s.hasPrefix("docker.io/") { s.removeFirst("docker.io/".count) }
        if s.hasPrefix("library/") { s.removeFirst("library/".count) }
        return s
    }

    /// Splits a canonical `repo:tag` into the familiar repository and the tag.
    public static func repositoryAndTag(_ canonical: String) -> (String, String) {
        let f = familiar(canonical)
        guard let colon = f.lastIndex(of: ":"), !f[colon...].contains("/") else { return (f, "<none>") }
        return (String(f[..<colon]), String(f[f.index(after: colon)...]))
    }

    // MARK: images

    /// Finds a local image by name (`nginx`, `web:1.0`), full or short id, or id prefix.
    public func image(_ name: String) -> DockerImage? {
        if let r = try? Self.reference(name).get(), let id = tags[r.canonical] { return images[id] }
        let hex = name.hasPrefix("sha256:") ? String(name.dropFirst(7)) : name
        guard hex.count >= 4, hex.allSatisfy(\.isHexDigit) else { return nil }
        let matches = images.values.filter { $0.id.dropFirst(7).hasPrefix(hex) }
        return matches.count == 1 ? matches.first : nil
    }

    /// Canonical references pointing at an image, sorted.
    public func tags(of image: DockerImage) -> [String] { tags.filter { $0.value == image.id }.map(\.key).sorted() }

    /// Adds an image and points `reference` (canonical) at it; an image left without tags stays as `<none>`.
    public func store(_ image: DockerImage, as reference: String?) {
        if let existing = images[image.id] { existing.repoDigests = Array(Set(existing.repoDigests + image.repoDigests)).sorted() } else {
            images[image.id] = image
        }
        if let reference { tags[reference] = image.id }
    }

    public func tag(_ source: String, _ target: String) -> Result<Void, DockerError> {
        guard let img = image(source) else { return .failure(DockerError("No such image: \(source)")) }
        switch Self.reference(target) {
        case .failure(let e): return .failure(e)
        case .success(let r): tags[r.canonical] = img.id; return .success(())
        }
    }

    /// What `docker rmi` did, line by line (`Untagged: …`, `Deleted: sha256:…`).
    public func removeImage(_ name: String, force: Bool) -> Result<[String], DockerError> {
        guard let img = image(name) else { return .failure(DockerError("No such image: \(name)")) }
        let byName = (try? Self.reference(name).get()).flatMap { tags[$0.canonical] == img.id ? $0.canonical : nil }
        let names = tags(of: img)
        let users = containers.filter { $0.image.id == img.id }
        if let byName, names.count > 1 || users.isEmpty || force {
            // Removing one of several names, or an unused image, only untags (and deletes when none is left).
            _ = byName
        } else if let c = users.first, byName != nil {
            return .failure(DockerError("conflict: unable to remove repository reference \"\(name)\" (must force) - container \(c.shortID) is using its referenced image \(img.shortID)"))
        } else if let c = users.first {
            if c.running {
                return .failure(DockerError("conflict: unable to delete \(img.shortID) (cannot be forced) - image is being used by running container \(c.shortID)"))
            }
            if !force {
                return .failure(DockerError("conflict: unable to delete \(img.shortID) (must be forced) - image is being used by stopped container \(c.shortID)"))
            }
        }
        if byName == nil, names.count > 1, !force {
            return .failure(DockerError("conflict: unable to delete \(img.shortID) (must be forced) - image is referenced in multiple repositories"))
        }
        var lines: [String] = []
        let untag = byName.map { [$0] } ?? names
        for t in untag {
            tags[t] = nil
            lines.append("Untagged: \(Self.familiar(t))")
            for d in img.repoDigests where d.hasPrefix(String(t.split(separator: ":").dropLast().joined(separator: ":")) + "@") {
                lines.append("Untagged: \(Self.familiar(d))")
            }
        }
        if tags(of: img).isEmpty && (users.isEmpty || force) {
            images[img.id] = nil
            lines.append("Deleted: \(img.id)")
            let kept = Set(images.values.flatMap(\.layers))
            for l in img.layers.reversed() where !kept.contains(l) { lines.append("Deleted: \(l)") }
        }
        return .success(lines)
    }

    // MARK: pulling

    /// What a pull did, for the CLI's progress lines.
    public struct PullResult {
        public var image: DockerImage
        /// canonical reference
        public var reference: String
        public var digest: String
        public var alreadyPresent: Bool
        /// Layer ids (12 hex), bottom first, and whether each was already on the host.
        public var layers: [(id: String, existed: Bool)]
    }

    /// Pulls from the remote registries (pushed images, then the public catalog).
    public func pull(_ name: String) -> Result<PullResult, DockerError> {
        let ref: ImageReference
        switch Self.reference(name) {
        case .failure(let e): return .failure(e)
        case .success(let r): ref = r
        }
        let canonical = ref.canonical
        let remoteImage: DockerImage
        let digest: String
        if let p = pushed[canonical] {
            remoteImage = p
            digest = DockerDigest.of("manifest|" + p.id)
        } else {
            switch remote.resolve(canonical) {
            case .failure:
                return .failure(DockerError(Self.pullDenied(ref)))
            case .success(let resolved):
                remoteImage = Self.baseImage(resolved)
                digest = resolved.digest
            }
        }
        let present = tags[canonical] == remoteImage.id && images[remoteImage.id] != nil
        let localLayers = Set(images.values.flatMap(\.layers))
        let repoDigest = "\(ref.repository)@\(digest)"
        remoteImage.repoDigests = Array(Set(remoteImage.repoDigests + [repoDigest])).sorted()
        store(remoteImage, as: canonical)
        let layers = present ? [] : remoteImage.layers.map { (id: DockerDigest.short($0), existed: localLayers.contains($0)) }
        return .success(PullResult(image: images[remoteImage.id] ?? remoteImage, reference: canonical, digest: digest,
                                   alreadyPresent: present, layers: layers))
    }

    /// The daemon's words for an image no registry has.
    static func pullDenied(_ ref: ImageReference) -> String {
        if ref.registry == "docker.io" {
            let repo = ref.path.hasPrefix("library/") ? String(ref.path.dropFirst(8)) : ref.path
            if tagExists(ref) == false {
                return "manifest for \(familiar(ref.canonical)) not found: manifest unknown: manifest unknown"
            }
            return "pull access denied for \(repo), repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
        }
        return "manifest for \(ref.canonical) not found: manifest unknown: Failed to fetch \"\(ref.tag ?? "latest")\""
    }

    /// Whether the public catalog knows the repository (nil: it does not; false: it does, but not the tag).
    static func tagExists(_ ref: ImageReference) -> Bool? {
        guard let repo = ImageCatalog().repository(of: ref) else { return nil }
        return repo.tags[ref.tag ?? "latest"] != nil
    }

    /// A catalog image as a docker image: a plausible history (base layer, the image's own layers, metadata).
    static func baseImage(_ r: ResolvedImage) -> DockerImage {
        let key = r.reference.repository + ":" + (r.reference.tag ?? "latest") + "|" + r.digest
        let seed = DockerDigest.of(key).hashValueStable
        let anchor = Timestamp(rfc3339: "2026-11-19T00:00:00Z") ?? Timestamp(ms: 0)
        let created = Timestamp(ms: anchor.ms - Int64(seed % 40) * 86_400_000 - Int64(seed % 86_400) * 1000)
        let total = r.tag.size * 5 / 2
        var history: [DockerHistoryEntry] = []
        let small = total < 12_000_000
        let baseShare = small ? total : total * 2 / 5
        history.append(DockerHistoryEntry(created: created, createdBy: "/bin/sh -c #(nop) ADD file:\(DockerDigest.of(key + "rootfs").dropFirst(7)) in / ",
                                          size: baseShare, emptyLayer: false))
        history.append(DockerHistoryEntry(created: created, createdBy: "/bin/sh -c #(nop)  CMD [\"\(small || r.userland == .busybox ? "/bin/sh" : "bash")\"]",
                                          size: 0, emptyLayer: true))
        var config = DockerImageConfig()
        for (n, v) in r.image.env { config.setEnv(n, n == "NGINX_VERSION" ? r.tag.version : v) }
        for (n, v) in config.envPairs { history.append(DockerHistoryEntry(created: created, createdBy: "ENV \(n)=\(v)", size: 0, emptyLayer: true)) }
        if !small {
            let parts = Int(seed % 4) + 2
            var left = total - baseShare
            for i in 0..<parts {
                let s = i == parts - 1 ? left : left * Int64(3 + Int(seed >> UInt64(i * 3) % 4)) / 10
                left -= s
                history.append(DockerHistoryEntry(created: created, createdBy: Self.baseSteps(r.userland)[i % 5],
                                                  size: s, emptyLayer: false, comment: "buildkit.dockerfile.v0"))
            }
        }
        config.exposedPorts = exposedPorts(r.image.program)
        for p in config.exposedPorts {
            history.append(DockerHistoryEntry(created: created, createdBy: "EXPOSE map[\(p):{}]", size: 0, emptyLayer: true, comment: "buildkit.dockerfile.v0"))
        }
        if !r.image.entrypoint.isEmpty {
            config.entrypoint = r.image.entrypoint
            history.append(DockerHistoryEntry(created: created, createdBy: "ENTRYPOINT \(goList(r.image.entrypoint))", size: 0, emptyLayer: true, comment: "buildkit.dockerfile.v0"))
        }
        config.cmd = r.image.cmd
        config.workingDir = r.image.workingDir == "/" ? "" : r.image.workingDir
        history.append(DockerHistoryEntry(created: created, createdBy: "CMD \(goList(r.image.cmd))", size: 0, emptyLayer: true, comment: "buildkit.dockerfile.v0"))
        let id = DockerDigest.of("image|" + key)
        return DockerImage(id: id, created: created, config: config, history: history, base: r, files: [:])
    }

    /// What the layers of a public image's own Dockerfile did, roughly (the simulator has no real history).
    static func baseSteps(_ u: Userland) -> [String] {
        let install = u == .busybox ? "apk add --no-cache ca-certificates tzdata" :
            "apt-get update; apt-get install -y --no-install-recommends ca-certificates; rm -rf /var/lib/apt/lists/*"
        return ["RUN /bin/sh -c set -eux; \(install) # buildkit",
                "RUN /bin/sh -c set -eux; download the release, verify its checksum and install it # buildkit",
                "COPY docker-entrypoint.sh / # buildkit",
                "RUN /bin/sh -c set -eux; remove the build dependencies # buildkit",
                "COPY config/ /etc/ # buildkit"]
    }

    /// The ports the public images declare with EXPOSE.
    static func exposedPorts(_ p: ProgramKind) -> [String] {
        switch p {
        case .nginx, .httpd: return ["80/tcp"]
        case .redis: return ["6379/tcp"]
        case .postgres: return ["5432/tcp"]
        case .mysql: return ["3306/tcp", "33060/tcp"]
        case .mongo: return ["27017/tcp"]
        default: return []
        }
    }

    /// Go's `%q` of a string slice as `docker history` shows CMD and ENTRYPOINT: `["nginx" "-g" "daemon off;"]`.
    public static func goList(_ a: [String]) -> String {
        "[" + a.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: " ") + "]"
    }

    // MARK: pushing

    /// What a push did: the layers (12 hex, top first) and whether each already existed remotely.
    public struct PushResult {
        public var repository: String
        public var tag: String
        public var layers: [(id: String, existed: Bool)]
        public var digest: String
        public var size: Int
    }

    public func push(_ name: String) -> Result<PushResult, DockerError> {
        let ref: ImageReference
        switch Self.reference(name) {
        case .failure(let e): return .failure(e)
        case .success(let r): ref = r
        }
        guard let id = tags[ref.canonical], let img = images[id] else {
            return .failure(DockerError("An image does not exist locally with the tag: \(Self.familiar(ref.repository))"))
        }
        if ref.registry == "docker.io" {
            let owner = ref.path.split(separator: "/").first.map(String.init) ?? ""
            guard let user = logins["docker.io"], user == owner else {
                return .failure(DockerError("denied: requested access to the resource is denied"))
            }
        }
        if let refusal = pushRefusal(ref) { return .failure(DockerError(refusal)) }
        let before = registryLayers[ref.registry] ?? []
        registryLayers[ref.registry, default: []].formUnion(img.layers)
        let tag = ref.tag ?? "latest"
        pushed[ref.canonical] = img
        let digest = DockerDigest.of("manifest|" + img.id)
        let catalogImage = img.catalogImage(repository: ref.repository, tag: tag, digest: digest)
        for catalog in [remote] + pushTargets() {
            var merged = catalogImage
            if let existing = catalog.repository(of: ref) { merged.tags = existing.tags.merging(catalogImage.tags) { _, n in n } }
            catalog.register(merged)
        }
        img.repoDigests = Array(Set(img.repoDigests + ["\(ref.repository)@\(digest)"])).sorted()
        let layers = img.layers.reversed().map { (DockerDigest.short($0), before.contains($0)) }
        let fresh = img.layers.filter { !before.contains($0) }.count
        onPush(ref, img.layers.isEmpty ? 0 : Int(img.size) * fresh / img.layers.count)
        return .success(PushResult(repository: ref.repository, tag: tag, layers: layers, digest: digest,
                                   size: 428 + 96 * img.layers.count))
    }

    /// `docker login`: remembers the user for a registry (`docker.io` when none is named).
    public func login(registry: String?, user: String) {
        logins[registry ?? "docker.io"] = user
    }
}
