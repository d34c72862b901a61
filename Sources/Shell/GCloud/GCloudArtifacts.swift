// `gcloud artifacts repositories create|list|describe|delete` and `gcloud auth configure-docker`: the Artifact
// Registry repositories `docker push` needs at `LOCATION-docker.pkg.dev`, and docker's credential helper for them.
// Texts follow the Cloud SDK (surface/artifacts/repositories, command_lib/artifacts/util.py, the declarative
// command translator, surface/auth/configure_docker.py); the API's own error texts are marked where guessed.
import Foundation
import MiniCluster

enum GCloudArtifacts {
    static func create(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        guard a.positionals.count <= 1 else { throw GCloudArgs.unrecognized(Array(a.positionals.dropFirst()), flags: GCloudUsage.flags(of: c.path)) }
        guard let name = a.positionals.first else {
            throw GCloudFailure.usage("argument (REPOSITORY : --location=LOCATION): Must be specified.")
        }
        guard let format = a.value("repository-format") else {
            throw GCloudFailure.usage("argument --repository-format: Must be specified.")
        }
        let (project, location) = try where_(c, a)
        // gcloud converts the format to the API's enum before sending anything, and an unknown one crashes it.
        let value = format.uppercased()
        guard ArtifactRegistry.formats.contains(value) else {
            c.io.errLine("ERROR: gcloud crashed (TypeError): No such value for \(value) in Enum FormatValueValuesEnum")
            c.io.errLine("")
            c.io.errLine("If you would like to report this issue, please run the following command:")
            c.io.errLine("  gcloud feedback")
            c.io.errLine("")
            c.io.errLine("To check gcloud for common problems, please run the following command:")
            c.io.errLine("  gcloud info --run-diagnostics")
            return 1
        }
        // The API's answers (texts as the Artifact Registry API gives them, as far as we know them).
        guard ArtifactRegistry.isLocation(location) else {
            throw GCloudFailure(message: "INVALID_ARGUMENT: Location \(location) is not a valid Artifact Registry location.")
        }
        guard validName(name) else {
            throw GCloudFailure(message: "INVALID_ARGUMENT: Invalid repository ID \"\(name)\": repository IDs start with a lowercase letter, end with a lowercase letter or a number, and contain only lowercase letters, numbers and hyphens (at most 63 characters).")
        }
        if c.cloud.repository(named: name, project: project, location: location) != nil {
            throw GCloudFailure(message: "ALREADY_EXISTS: the repository already exists")
        }
        operation(c, "create", project, location, name) {
            c.cloud.addRepository(ArtifactRepository(project: project, location: location, name: name, format: value,
                                                     description: a.value("description") ?? "", createTime: c.session.cloudNow))
        }
        return 0
    }

    static func list(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let project = try c.project(a)
        var location = a.value("location") ?? c.cloud.properties["artifacts/location"]
        if location == "all" { location = nil }
        if let location {
            c.status("Listing items under project \(project), location \(location).\n")
        } else {
            c.status("Listing items under project \(project), across all locations.\n")
        }
        let shown = c.cloud.repositories.filter { $0.project == project && (location == nil || $0.location == location) }
            .sorted { ($0.location, $0.name) < ($1.location, $1.name) }
        if shown.isEmpty {
            c.status("Listed 0 items.")
            return 0
        }
        let rows = [["REPOSITORY", "FORMAT", "MODE", "DESCRIPTION", "LOCATION", "LABELS", "ENCRYPTION", "CREATE_TIME", "UPDATE_TIME", "SIZE (MB)"]]
            + shown.map { r in
                [r.name, r.format, "STANDARD_REPOSITORY", r.description, r.location, "", "Google-managed key",
                 listTime(r.createTime), listTime(r.updateTime), megabytes(r.sizeBytes)]
            }
        c.io.out(GCloudTable.render(rows, title: "ARTIFACT_REGISTRY"))
        return 0
    }

    static func describe(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let r = try existing(c, a)
        // util.py's response hooks, on the status stream; the repository itself as YAML on stdout.
        c.status("Encryption: Google-managed key")
        c.status("Registry URL: \(r.location)-\(r.format.lowercased()).pkg.dev/\(r.project)/\(r.name)")
        c.status(String(format: "Repository Size: %.3fMB", Double(r.sizeBytes) / 1_048_576))
        var y = "createTime: '\(apiTime(r.createTime))'\n"
        if !r.description.isEmpty { y += "description: \(r.description)\n" }
        if r.format == "DOCKER" { y += "dockerConfig: {}\n" }
        y += "format: \(r.format)\nmode: STANDARD_REPOSITORY\nname: \(r.resourceName)\n"
        y += "satisfiesPzi: true\nsizeBytes: '\(r.sizeBytes)'\nupdateTime: '\(apiTime(r.updateTime))'\n"
        c.io.out(y)
        return 0
    }

    static func delete(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let r = try existing(c, a)
        _ = try c.confirm("You are about to delete repository [\(r.name)]", a)
        operation(c, "delete", r.project, r.location, r.name) {
            c.cloud.removeRepository(named: r.name, project: r.project, location: r.location)
        }
        return 0
    }

    /// The repository a describe or delete names, or the API's NOT_FOUND.
    private static func existing(_ c: GCloudContext, _ a: GCloudArgs) throws -> ArtifactRepository {
        guard a.positionals.count <= 1 else { throw GCloudArgs.unrecognized(Array(a.positionals.dropFirst()), flags: GCloudUsage.flags(of: c.path)) }
        guard let name = a.positionals.first else {
            throw GCloudFailure.usage("argument (REPOSITORY : --location=LOCATION): Must be specified.")
        }
        let (project, location) = try where_(c, a)
        guard let r = c.cloud.repository(named: name, project: project, location: location) else {
            throw GCloudFailure(message: "NOT_FOUND: Requested entity was not found.")
        }
        return r
    }

    /// The project and location a repository argument needs: flags, then the core/project and artifacts/location
    /// properties, or the resource parser's error naming what is missing.
    private static func where_(_ c: GCloudContext, _ a: GCloudArgs) throws -> (String, String) {
        func missing(_ attribute: String, _ flag: String, _ property: String) -> GCloudFailure {
            GCloudFailure(message: """
                Error parsing [repository].
                The [repository] resource is not properly specified.
                Failed to find attribute [\(attribute)]. The attribute can be set in the following ways: \n\
                - provide the argument `repository` on the command line with a fully specified name
                - provide the argument `\(flag)` on the command line
                - set the property `\(property)`
                """)
        }
        guard let project = a.value("project") ?? c.cloud.properties["core/project"] else {
            throw missing("project", "--project", "core/project")
        }
        guard let location = a.value("location") ?? c.cloud.properties["artifacts/location"] else {
            throw missing("location", "--location", "artifacts/location")
        }
        return (project, location)
    }

    private static func validName(_ n: String) -> Bool {
        guard let first = n.first, first.isLowercase, first.isASCII, n.count <= 63,
              let last = n.last, last != "-" else { return false }
        return n.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// A long-running operation as the declarative commands report it: the request, the wait (a few virtual
    /// seconds), then `Created repository [NAME].` or `Deleted …`; `change` happens when the operation is done.
    private static func operation(_ c: GCloudContext, _ verb: String, _ project: String, _ location: String, _ name: String,
                                  _ change: () -> Void) {
        var r = SeededRandom(seed: GoogleCloud.hash("\(project)/\(location)/\(name)/\(c.session.cloudNow.ms)"))
        c.status("\(verb.capitalized) request issued for: [\(name)]")
        c.io.err("Waiting for operation [projects/\(project)/locations/\(location)/operations/\(r.uuid())] to complete...")
        c.session.passCloudTime(.seconds(3))
        change()
        c.io.errLine("done.")
        c.status("\(verb.capitalized)d repository [\(name)].")
    }

    /// `date(tz=LOCAL)`: the simulated machine's local time is UTC.
    private static func listTime(_ t: Timestamp) -> String { String(t.rfc3339.prefix(19)) }

    /// The API's timestamps carry microseconds.
    private static func apiTime(_ t: Timestamp) -> String {
        let ms = ((t.ms % 1000) + 1000) % 1000
        return String(t.rfc3339.prefix(19)) + String(format: ".%03d000Z", ms)
    }

    /// `size(zero='0',precision=3,units_out=M)`.
    private static func megabytes(_ bytes: Int) -> String {
        bytes == 0 ? "0" : String(format: "%.3f", Double(bytes) / 1_048_576)
    }
}

enum GCloudAuth {
    /// Where gcloud says docker's config file is (the learner's home in the simulation).
    static let dockerConfigPath = "/home/learner/.docker/config.json"
    /// The registries `configure-docker` without an argument configures (Container Registry's hosts).
    static let gcrRegistries = ["gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io", "staging-k8s.gcr.io", "marketplace.gcr.io"]

    static func configureDocker(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        let docker = c.session.docker
        let current = docker.credentialHelpers
        if !current.isEmpty {
            c.status("WARNING: Your config file at [\(dockerConfigPath)] contains these credential helper entries:\n\n\(json(current))")
        }
        var added: [String] = []
        if let list = a.positionals.first {
            c.status("Adding credentials for: \(list)")
            for r in list.split(separator: ",").map(String.init) {
                if gcrRegistries.contains(r) || ArtifactRegistry.location(ofDockerHost: r).map(ArtifactRegistry.isLocation) == true {
                    added.append(r)
                } else {
                    c.status("WARNING: \(r) is not a supported registry")
                }
            }
        } else {
            c.status("Adding credentials for all GCR repositories.")
            c.status("WARNING: A long list of credential helpers may cause delays running 'docker build'. We recommend passing the registry name to configure only the registry you are using.")
            added = gcrRegistries
        }
        var merged = current
        for r in added { merged[r] = "gcloud" }
        if merged == current {
            c.status("gcloud credential helpers already registered correctly.")
            return 0
        }
        _ = try c.confirm("After update, the following will be written to your Docker config file located at [\(dockerConfigPath)]:\n \(json(merged))", a)
        docker.credentialHelpers = merged
        c.status("Docker configuration file updated.")
        return 0
    }

    /// `json.dumps({"credHelpers": …}, indent=2)`: keys in insertion order, which for gcloud's merge is the old
    /// entries first; here sorted, as a fresh config file lists them.
    static func json(_ helpers: [String: String]) -> String {
        let lines = helpers.keys.sorted().map { "    \"\($0)\": \"\(helpers[$0]!)\"" }
        return "{\n  \"credHelpers\": {\n" + lines.joined(separator: ",\n") + "\n  }\n}"
    }
}
