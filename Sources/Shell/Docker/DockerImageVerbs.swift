// Image verbs: images (image ls), history, tag, rmi, pull, push, login, logout, version.
import Foundation
import MiniCluster

/// docker's table layout: tabwriter with minwidth 10, padding 3.
func dockerTable(_ rows: [[String]]) -> String {
    var t = TabWriter()
    t.minWidth = 10
    t.padding = 3
    return t.format(rows)
}

/// The "No such image" form docker prints for a name: `nosuch:latest`.
func dockerImageName(_ name: String) -> String {
    if let r = try? DockerHost.reference(name).get(), r.digest == nil { return DockerHost.familiar(r.canonical) }
    return name
}

struct DockerImagesVerb: DockerVerb {
    let path = "images"
    let usage = "docker images [OPTIONS] [REPOSITORY[:TAG]]"
    let summary = "List images"
    let flags = [FlagSpec("all", "a", .bool, usage: "Show all images (default hides intermediate images)"),
                 FlagSpec("quiet", "q", .bool, usage: "Only show image IDs"),
                 FlagSpec("no-trunc", nil, .bool, usage: "Don't truncate output"),
                 FlagSpec("digests", nil, .bool, usage: "Show digests")]

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        let h = c.host
        var rows: [(repo: String, tag: String, image: DockerImage)] = []
        for (ref, id) in h.tags {
            guard let img = h.images[id] else { continue }
            let (repo, tag) = DockerHost.repositoryAndTag(ref)
            rows.append((repo, tag, img))
        }
        for img in h.images.values where h.tags(of: img).isEmpty { rows.append(("<none>", "<none>", img)) }
        if let filter = args.first {
            let (frepo, ftag) = filter.contains(":") ? DockerHost.repositoryAndTag(filter) : (filter, "")
            rows = rows.filter { $0.repo == frepo && (ftag.isEmpty || $0.tag == ftag) }
        }
        rows.sort { a, b in
            if a.image.created != b.image.created { return a.image.created > b.image.created }
            return (a.repo, a.tag) < (b.repo, b.tag)
        }
        let noTrunc = f.bool("no-trunc")
        if f.bool("quiet") {
            var seen = Set<String>()
            for r in rows where seen.insert(r.image.id).inserted { c.io.outLine(noTrunc ? r.image.id : r.image.shortID) }
            return 0
        }
        var table = [["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]]
        if f.bool("digests") { table[0].insert("DIGEST", at: 2) }
        for r in rows {
            var row = [r.repo, r.tag, noTrunc ? r.image.id : r.image.shortID,
                       DockerTime.human(h.now - r.image.created) + " ago", DockerTime.size(r.image.size)]
            if f.bool("digests") {
                let d = r.image.repoDigests.first { DockerHost.familiar($0).hasPrefix(r.repo + "@") }
                row.insert(d.map { String($0[$0.index(after: $0.firstIndex(of: "@")!)...]) } ?? "<none>", at: 2)
            }
            table.append(row)
        }
        c.io.out(dockerTable(table))
        return 0
    }
}

struct DockerHistoryVerb: DockerVerb {
    let path = "history"
    let usage = "docker history [OPTIONS] IMAGE"
    let summary = "Show the history of an image"
    let flags = [FlagSpec("no-trunc", nil, .bool, usage: "Don't truncate output"),
                 FlagSpec("quiet", "q", .bool, usage: "Only show image IDs"),
                 FlagSpec("human", "H", .bool, default: "true", usage: "Print sizes and dates in human readable format")]
    var minArgs: Int? { 1 }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        guard let img = c.host.image(args[0]) else {
            c.io.errLine("Error response from daemon: No such image: \(dockerImageName(args[0]))")
            return 1
        }
        let noTrunc = f.bool("no-trunc")
        let entries = Array(img.history.reversed())
        if f.bool("quiet") {
            for (i, _) in entries.enumerated() { c.io.outLine(i == 0 ? (noTrunc ? img.id : img.shortID) : "<missing>") }
            return 0
        }
        var table = [["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"]]
        for (i, e) in entries.enumerated() {
            var by = e.createdBy.replacingOccurrences(of: "\t", with: " ")
            if !noTrunc && by.count > 45 { by = String(by.prefix(44)) + "…" }
            table.append([i == 0 ? (noTrunc ? img.id : img.shortID) : "<missing>",
                          DockerTime.human(c.host.now - e.created) + " ago", by, DockerTime.size(e.size), e.comment])
        }
        c.io.out(dockerTable(table))
        return 0
    }
}

struct DockerTagVerb: DockerVerb {
    let path = "tag"
    let usage = "docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]"
    let summary = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"
    let flags: [FlagSpec] = []
    var minArgs: Int? { 2 }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        if case .failure(let e) = DockerHost.reference(args[1]) {
            c.io.errLine("Error parsing reference: \"\(args[1])\" is not a valid repository/tag: \(e.message)")
            return 1
        }
        guard c.host.image(args[0]) != nil else {
            c.io.errLine("Error response from daemon: No such image: \(dockerImageName(args[0]))")
            return 1
        }
        if case .failure(let e) = c.host.tag(args[0], args[1]) { return c.daemonError(e) }
        return 0
    }
}

struct DockerRmiVerb: DockerVerb {
    let path = "rmi"
    let usage = "docker rmi [OPTIONS] IMAGE [IMAGE...]"
    let summary = "Remove one or more images"
    let flags = [FlagSpec("force", "f", .bool, usage: "Force removal of the image")]
    var minArgs: Int? { 1 }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        var status: Int32 = 0
        for a in args {
            switch c.host.removeImage(a, force: f.bool("force")) {
            case .success(let lines): for l in lines { c.io.outLine(l) }
            case .failure(let e):
                let message = e.message.hasPrefix("No such image: ") ? "No such image: \(dockerImageName(a))" : e.message
                c.io.errLine("Error response from daemon: \(message)")
                status = 1
            }
        }
        return status
    }
}

struct DockerPullVerb: DockerVerb {
    let path = "pull"
    let usage = "docker pull [OPTIONS] NAME[:TAG|@DIGEST]"
    let summary = "Download an image from a registry"
    let flags = [FlagSpec("quiet", "q", .bool, usage: "Suppress verbose output"),
                 FlagSpec("all-tags", "a", .bool, usage: "Download all tagged images in the repository")]
    var minArgs: Int? { 1 }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        guard case .success(let ref) = DockerHost.reference(args[0]) else {
            c.io.errLine("invalid reference format")
            return 1
        }
        if ref.tag == nil && ref.digest == nil && !f.bool("quiet") { c.io.outLine("Using default tag: latest") }
        switch c.host.pull(args[0]) {
        case .failure(let e): return c.daemonError(e)
        case .success(let p):
            if !f.bool("quiet") { Self.progress(p, ref: ref, out: c.io.out) }
            c.io.outLine(p.reference)
            return 0
        }
    }

    /// `latest: Pulling from library/nginx`, a line per layer, the digest and the status.
    static func progress(_ p: DockerHost.PullResult, ref: ImageReference, out: (String) -> Void) {
        out("\(ref.tag ?? "latest"): Pulling from \(ref.path)\n")
        for l in p.layers { out("\(l.id): \(l.existed ? "Already exists" : "Pull complete")\n") }
        out("Digest: \(p.digest)\n")
        let name = DockerHost.familiar(p.reference)
        out(p.alreadyPresent ? "Status: Image is up to date for \(name)\n" : "Status: Downloaded newer image for \(name)\n")
    }
}

struct DockerPushVerb: DockerVerb {
    let path = "push"
    let usage = "docker push [OPTIONS] NAME[:TAG]"
    let summary = "Upload an image to a registry"
    let flags = [FlagSpec("quiet", "q", .bool, usage: "Suppress verbose output"),
                 FlagSpec("all-tags", "a", .bool, usage: "Push all tags of an image to the repository")]
    var minArgs: Int? { 1 }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        guard case .success(let ref) = DockerHost.reference(args[0]) else {
            c.io.errLine("invalid reference format")
            return 1
        }
        if ref.tag == nil { c.io.outLine("Using default tag: latest") }
        c.io.outLine("The push refers to repository [\(ref.repository)]")
        switch c.host.push(args[0]) {
        case .failure(let e):
            c.io.errLine(e.message)
            return 1
        case .success(let p):
            for l in p.layers { c.io.outLine("\(l.id): \(l.existed ? "Layer already exists" : "Pushed")") }
            c.io.outLine("\(p.tag): digest: \(p.digest) size: \(p.size)")
            return 0
        }
    }
}

struct DockerLoginVerb: DockerVerb {
    let path = "login"
    let usage = "docker login [OPTIONS] [SERVER]"
    let summary = "Log in to a registry"
    let flags = [FlagSpec("username", "u", .string, usage: "Username"),
                 FlagSpec("password", "p", .string, usage: "Password"),
                 FlagSpec("password-stdin", nil, .bool, usage: "Take the password from stdin")]

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        let server = args.first.map { $0.replacingOccurrences(of: "https://", with: "") }
        let user = f.string("username")
        if f.isSet("password") && f.bool("password-stdin") {
            c.io.errLine("--password and --password-stdin are mutually exclusive")
            return 1
        }
        if f.isSet("password") { c.io.errLine("WARNING! Using --password via the CLI is insecure. Use --password-stdin.") }
        let password = f.bool("password-stdin") ? c.io.stdin.trimmingCharacters(in: .newlines) : f.string("password")
        guard !user.isEmpty, !password.isEmpty else {
            c.io.errLine("Error: Cannot perform an interactive login from a non TTY device")
            return 1
        }
        let registry = server.map { $0 == "index.docker.io" || $0 == "docker.io" ? "docker.io" : $0 }
        c.host.login(registry: registry, user: user)
        c.io.outLine("Login Succeeded")
        return 0
    }
}

struct DockerLogoutVerb: DockerVerb {
    let path = "logout"
    let usage = "docker logout [SERVER]"
    let summary = "Log out from a registry"
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        let registry = args.first ?? "docker.io"
        guard c.host.logins.removeValue(forKey: registry) != nil else {
            c.io.outLine("Not logged in to \(registry == "docker.io" ? "https://index.docker.io/v1/" : registry)")
            return 0
        }
        c.io.outLine("Removing login credentials for \(registry == "docker.io" ? "https://index.docker.io/v1/" : registry)")
        return 0
    }
}

struct DockerVersionVerb: DockerVerb {
    let path = "version"
    let usage = "docker version [OPTIONS]"
    let summary = "Show the Docker version information"
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        c.io.out("""
        Client:
         Version:           \(Docker.version)
         API version:       1.43
         Go version:        go1.20.10
         OS/Arch:           linux/amd64

        Server:
         Engine:
          Version:          \(Docker.version)
          API version:      1.43 (minimum version 1.12)
          OS/Arch:          linux/amd64

        """)
        return 0
    }
}
