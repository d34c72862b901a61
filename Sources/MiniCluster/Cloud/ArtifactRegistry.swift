// Artifact Registry in the simulated project: the repositories `gcloud artifacts repositories` manages, and the
// rule `docker push` meets at a `LOCATION-docker.pkg.dev` host (the repository must exist, and docker must hold
// credentials for the host: gcloud's credential helper after `gcloud auth configure-docker`, or a login).

public struct ArtifactRepository: Equatable, Sendable {
    public var project: String
    public var location: String
    public var name: String
    /// The API's enum value: `DOCKER`, `MAVEN`, `NPM` …
    public var format: String
    public var description: String
    public var createTime: Timestamp
    public var updateTime: Timestamp
    /// What its images take (the sum of their layers).
    public var sizeBytes: Int = 0

    public init(project: String, location: String, name: String, format: String, description: String = "",
                createTime: Timestamp) {
        (self.project, self.location, self.name, self.format, self.description) = (project, location, name, format, description)
        (self.createTime, self.updateTime) = (createTime, createTime)
    }

    /// `projects/P/locations/L/repositories/R`
    public var resourceName: String { "projects/\(project)/locations/\(location)/repositories/\(name)" }
}

public enum ArtifactRegistry {
    /// The repository formats the API takes (FormatValueValuesEnum, less FORMAT_UNSPECIFIED).
    public static let formats = ["DOCKER", "MAVEN", "NPM", "APT", "YUM", "GOOGET", "PYTHON", "KFP", "GO", "GENERIC", "RUBY"]
    /// Multi-regions a repository may live in besides single regions.
    public static let multiRegions: Set<String> = ["us", "europe", "asia"]

    public static func isLocation(_ s: String) -> Bool { GCPCatalog.isRegion(s) || multiRegions.contains(s) }

    /// The location of a Docker host of Artifact Registry (`us-central1-docker.pkg.dev` → `us-central1`).
    public static func location(ofDockerHost host: String) -> String? {
        guard host.hasSuffix("-docker.pkg.dev") else { return nil }
        let l = String(host.dropLast("-docker.pkg.dev".count))
        return l.isEmpty ? nil : l
    }

    /// The repository an image path at an Artifact Registry Docker host names (`PROJECT/REPO/IMAGE…`); nil for
    /// another host or a path too short to name one.
    public static func repository(registry: String, path: String) -> (project: String, location: String, name: String)? {
        guard let location = location(ofDockerHost: registry) else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3 else { return nil }
        return (parts[0], location, parts[1])
    }
}

extension GoogleCloud {
    public func repository(named name: String, project: String, location: String) -> ArtifactRepository? {
        repositoryIndex(name, project, location).map { repositories[$0] }
    }

    public func addRepository(_ r: ArtifactRepository) { repositories.append(r) }

    public func removeRepository(named name: String, project: String, location: String) {
        if let i = repositoryIndex(name, project, location) { repositories.remove(at: i) }
    }

    /// Why a push to `path` at `registry` (`HOST/PROJECT/REPO/IMAGE…`) is refused, in the registry's words, or nil
    /// to let it through (hosts that are not Artifact Registry's are not judged here). `authenticated`: docker holds
    /// credentials for the host.
    public func pushRefusal(registry: String, path: String, authenticated: Bool) -> String? {
        guard ArtifactRegistry.location(ofDockerHost: registry) != nil else { return nil }
        guard let target = ArtifactRegistry.repository(registry: registry, path: path) else {
            return "name invalid: Invalid resource name: images must be of the form LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE"
        }
        guard authenticated else {
            let resource = "projects/\(target.project)/locations/\(target.location)/repositories/\(target.name)"
            return "denied: Unauthenticated request. Unauthenticated requests do not have permission \"artifactregistry.repositories.uploadArtifacts\" on resource \"\(resource)\" (or it may not exist)"
        }
        guard repositoryIndex(target.name, target.project, target.location) != nil else {
            return "name unknown: Repository \"\(target.name)\" not found"
        }
        return nil
    }

    /// Counts a pushed image's new bytes in its repository.
    public func notePush(registry: String, path: String, bytes: Int, at now: Timestamp) {
        guard let target = ArtifactRegistry.repository(registry: registry, path: path),
              let i = repositoryIndex(target.name, target.project, target.location) else { return }
        repositories[i].sizeBytes += bytes
        repositories[i].updateTime = now
    }

    private func repositoryIndex(_ name: String, _ project: String, _ location: String) -> Int? {
        repositories.firstIndex { $0.name == name && $0.project == project && $0.location == location }
    }
}
