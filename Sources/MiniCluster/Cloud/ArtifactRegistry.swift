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

    /// Why a push of `repository` (`HOST/PROJECT/REPO/IMAGE…`) is refused, in the registry's words, or nil to let it
    /// through (hosts that are not Artifact Registry's are not judged here). `authenticated`: docker holds credentials
    /// for the host.
    public static func pushRefusal(registry: String, path: String, authenticated: Bool,
                                   repositories: [ArtifactRepository]) -> String? {
        guard let location = location(ofDockerHost: registry) else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3 else {
            return "name invalid: Invalid resource name: images must be of the form LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE"
        }
        let resource = "projects/\(parts[0])/locations/\(location)/repositories/\(parts[1])"
        guard authenticated else {
            return "denied: Unauthenticated request. Unauthenticated requests do not have permission \"artifactregistry.repositories.uploadArtifacts\" on resource \"\(resource)\" (or it may not exist)"
        }
        guard repositories.contains(where: { $0.project == parts[0] && $0.location == location && $0.name == parts[1] }) else {
            return "name unknown: Repository \"\(parts[1])\" not found"
        }
        return nil
    }
}

extension GoogleCloud {
    public func repository(named name: String, project: String, location: String) -> ArtifactRepository? {
        repositories.first { $0.name == name && $0.project == project && $0.location == location }
    }

    public func addRepository(_ r: ArtifactRepository) { repositories.append(r) }

    public func removeRepository(named name: String, project: String, location: String) {
        repositories.removeAll { $0.name == name && $0.project == project && $0.location == location }
    }

    /// Counts a pushed image's new bytes in its repository.
    public func notePush(registry: String, path: String, bytes: Int, at now: Timestamp) {
        guard let location = ArtifactRegistry.location(ofDockerHost: registry) else { return }
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3,
              let i = repositories.firstIndex(where: { $0.project == parts[0] && $0.location == location && $0.name == parts[1] })
        else { return }
        repositories[i].sizeBytes += bytes
        repositories[i].updateTime = now
    }
}
