// What one image in a registry is: its tags, its size, its default command and which program runs it.

/// The kinds of program the simulated images run.
public enum ProgramKind: String, Sendable {
    /// A shell distribution (busybox, alpine, ubuntu, debian …): runs its command through the shell interpreter.
    case shell
    case nginx, httpd, helloApp, bootcamp, redis, postgres, mysql, mongo, cassandra, cassandraNode, hpaExample, agnhost, echoServer, httpEcho
    /// Language runtimes: perl (the pi Job), python, node. Their scripts run as far as the catalog knows them.
    case perl, python, node
    /// `registry.k8s.io/pause`: sleeps forever.
    case pause
    /// The probe examples: `registry.k8s.io/liveness` (/healthz fails after 10 s), goproxy (TCP 8080), etcd (gRPC).
    case liveness, goproxy, etcd
}

/// One repository in the catalog (all its tags).
public struct CatalogImage {
    /// `docker.io/library/nginx`
    public var repository: String
    /// Tag → the application version it carries (`1.25` → `1.25.5`) and its compressed size in bytes.
    public var tags: [String: ImageTag]
    /// The image's ENTRYPOINT and CMD.
    public var entrypoint: [String]
    public var cmd: [String]
    /// Environment baked into the image (`PATH`, `NGINX_VERSION` …).
    public var env: [(String, String)]
    public var workingDir: String
    public var program: ProgramKind
    /// Files in the image, beyond the base distribution's, path → contents.
    public var files: [String: String] { didSet { layout = ImageLayout() } }
    /// What every container of this image derives from `files` alone, worked out once (a new one when they change).
    var layout = ImageLayout()
    /// Executables on the image's PATH besides the shell applets (`nginx`, `redis-server`, `perl` …).
    public var executables: Set<String>
    /// Whether the image has a shell at all (distroless-style images such as hello-app do not).
    public var hasShell: Bool
    /// busybox applets (busybox, alpine) or GNU coreutils (Debian, Ubuntu).
    public var userland: Userland

    public init(repository: String, tags: [String: ImageTag], entrypoint: [String] = [], cmd: [String],
                env: [(String, String)] = [], workingDir: String = "/", program: ProgramKind,
                files: [String: String] = [:], executables: Set<String> = [], hasShell: Bool = true,
                userland: Userland = .gnu) {
        self.repository = repository; self.tags = tags; self.entrypoint = entrypoint; self.cmd = cmd
        self.env = env; self.workingDir = workingDir; self.program = program; self.files = files
        self.executables = executables; self.hasShell = hasShell; self.userland = userland
    }
}

/// The directories an image's files imply, with the base distribution's: the same for every container started
/// from the image, so they are worked out at its first start and shared.
final class ImageLayout {
    private var directories: Set<String>?

    func directories(of files: [String: String]) -> Set<String> {
        if let d = directories { return d }
        let d = ContainerFilesystem.directories(implying: files.keys)
        directories = d
        return d
    }

    /// The directories with those of the kubelet's files (`/etc/hosts` …, the same paths in every container)
    /// added, kept for the last set of such paths.
    private var withKubeletFiles: (paths: Set<String>, directories: Set<String>)?

    func directories(of files: [String: String], adding paths: Set<String>) -> Set<String> {
        if let c = withKubeletFiles, c.paths == paths { return c.directories }
        var d = directories(of: files)
        for p in paths { d.formUnion(ContainerFilesystem.parents(of: p)) }
        withKubeletFiles = (paths, d)
        return d
    }
}

/// One tag of a repository.
public struct ImageTag: Equatable {
    /// The application's version string as its logs print it (`1.25.5`).
    public var version: String
    /// Compressed size in bytes, as the kubelet's `Pulled` event reports it.
    public var size: Int64
    /// The manifest digest when it is known (an image `docker push` sent); else one derived from the names.
    public var digest: String?
    public init(version: String, size: Int64, digest: String? = nil) { self.version = version; self.size = size; self.digest = digest }
}

/// A resolved image: one repository at one tag, with its deterministic digest.
public struct ResolvedImage {
    public var reference: ImageReference
    public var image: CatalogImage
    public var tag: ImageTag
    /// `sha256:…`, the same for every cluster and run.
    public var digest: String

    /// Alpine variants of Debian-based images (`nginx:alpine`) have busybox.
    public var userland: Userland {
        (reference.tag ?? "").contains("alpine") ? .busybox : image.userland
    }
}
