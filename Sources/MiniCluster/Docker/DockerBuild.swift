// `docker build` as BuildKit runs it: the Dockerfile's steps in order, each filesystem step a layer whose id
// follows from its parent and its content, a cache keyed the same way (CACHED on a rebuild), COPY/ADD reading
// the build context, and failures that name the Dockerfile line.
import Foundation

/// The build context (the folder named on the command line), as the shell reads it.
public protocol DockerBuildContext {
    /// A file's contents by context-relative path (`index.html`, `src/app.py`); nil when missing or a folder.
    func read(_ path: String) -> String?
    /// Every file under a context-relative folder (`.` for all), as context-relative paths; nil when not a folder.
    func files(under path: String) -> [String]?
}

/// One line of BuildKit's progress display.
public struct DockerBuildStep: Equatable {
    public var name: String
    public var seconds: Double
    public var cached = false
    public var failed = false
    /// Sub-lines (`=> => transferring context: 2B`).
    public var details: [String] = []
    public init(name: String, seconds: Double, cached: Bool = false, failed: Bool = false, details: [String] = []) {
        self.name = name; self.seconds = seconds; self.cached = cached; self.failed = failed; self.details = details
    }
}

/// Why a build failed: the message after `ERROR: failed to solve: `, and the Dockerfile line it blames.
public struct DockerBuildFailure: Error, Equatable {
    public var message: String
    public var line: Int?
    /// The step's name for the `> [2/3] COPY …:` block, when a step failed.
    public var step: String?
}

public struct DockerBuildResult {
    public var steps: [DockerBuildStep] = []
    public var image: DockerImage?
    public var failure: DockerBuildFailure?
    public var totalSeconds: Double { steps.reduce(0) { $0 + $1.seconds } + 0.1 }
}

/// A COPY source that is not in the context.
struct CopyFailure: Error { var message: String }

/// What the cache remembers of one step.
struct BuildCacheEntry {
    var created: Timestamp
    var size: Int64
}

public struct DockerBuildOptions {
    public var dockerfile: String
    public var dockerfileName = "Dockerfile"
    public var tags: [String] = []
    public var buildArgs: [String: String] = [:]
    public var noCache = false
    public init(dockerfile: String) { self.dockerfile = dockerfile }
}

extension DockerHost {
    public func build(_ o: DockerBuildOptions, context: DockerBuildContext) -> DockerBuildResult {
        var result = DockerBuildResult()
        let refs: [ImageReference]
        switch Result(catching: { try o.tags.map { try Self.reference($0).get() } }) {
        case .success(let r): refs = r
        case .failure(let e):
            result.failure = DockerBuildFailure(message: "invalid tag \"\(o.tags.first ?? "")\": \((e as? DockerError)?.message ?? "invalid reference format")")
            return result
        }
        result.steps.append(DockerBuildStep(name: "[internal] load build definition from \(o.dockerfileName)", seconds: 0,
                                            details: ["transferring dockerfile: \(o.dockerfile.utf8.count)B"]))
        let instructions: [DockerfileInstruction]
        switch Dockerfile.parse(o.dockerfile) {
        case .success(let i): instructions = i
        case .failure(let e):
            result.failure = DockerBuildFailure(message: e.line > 0 ? "dockerfile parse error on line \(e.line): \(e.message)" : e.message,
                                                line: e.line > 0 ? e.line : nil)
            return result
        }
        // The last stage is the one built; earlier stages are only named here.
        let stageStart = instructions.lastIndex { $0.keyword == "FROM" } ?? 0
        var args: [String: String] = o.buildArgs
        for i in instructions[..<stageStart] where i.keyword == "ARG" {
            for (k, v) in DockerfileWords.pairs(i.arguments) where args[k] == nil { args[k] = v }
        }
        let from = instructions[stageStart]
        let fromWords = DockerfileWords.split(DockerfileWords.expand(from.arguments, args))
        let baseName = fromWords.first ?? ""
        let steps = instructions[(stageStart + 1)...].filter { ["RUN", "COPY", "ADD", "WORKDIR"].contains($0.keyword) }
        let total = steps.count + 1

        // The base image: a local one first (docker's builder sees the local store), else the registries.
        var base: DockerImage
        if let local = image(baseName) {
            base = local
            result.steps.append(DockerBuildStep(name: "[internal] load metadata for \(canonicalName(baseName))", seconds: 0))
            result.steps.append(DockerBuildStep(name: "[internal] load .dockerignore", seconds: 0, details: ["transferring context: \(ignoreSize(context))B"]))
            result.steps.append(DockerBuildStep(name: "[1/\(total)] FROM \(canonicalName(baseName))", seconds: 0))
        } else {
            let ref: ImageReference
            switch Self.reference(baseName) {
            case .success(let r): ref = r
            case .failure:
                result.failure = DockerBuildFailure(message: "failed to parse stage name \"\(baseName)\": invalid reference format", line: from.line)
                return result
            }
            let metadata = "[internal] load metadata for \(ref.canonical)"
            guard case .success(let resolved) = remote.resolve(ref.canonical) else {
                result.steps.append(DockerBuildStep(name: metadata, seconds: 0.9, failed: true))
                let why = Self.pullDenied(ref).replacingOccurrences(of: "may require 'docker login': denied: requested access to the resource is denied", with: "may require authorization: server message: insufficient_scope: authorization failed")
                result.failure = DockerBuildFailure(message: "\(baseName): failed to resolve source metadata for \(ref.canonical): \(why.replacingOccurrences(of: "pull access denied for \(ref.path.replacingOccurrences(of: "library/", with: ""))", with: "pull access denied"))",
                                                    line: from.line, step: metadata)
                return result
            }
            base = pushed[ref.canonical] ?? Self.baseImage(resolved)
            let seconds = Double(300 + resolved.tag.size % 900) / 1000
            result.steps.append(DockerBuildStep(name: metadata, seconds: seconds))
            result.steps.append(DockerBuildStep(name: "[internal] load .dockerignore", seconds: 0, details: ["transferring context: \(ignoreSize(context))B"]))
            let pinned = "\(ref.canonical)@\(resolved.digest)"
            var details = ["resolve \(pinned)"]
            var pull = 0.0
            if !buildkitPulled.contains(ref.canonical) {
                for (i, l) in base.layers.enumerated() {
                    let size = base.history.filter { !$0.emptyLayer }[i].size * 2 / 5
                    details.append("\(l) \(DockerTime.size(size)) / \(DockerTime.size(size))")
                }
                for l in base.layers { details.append("extracting \(l)") }
                pull = Double(800 + resolved.tag.size / 25_000) / 1000
                buildkitPulled.insert(ref.canonical)
            }
            result.steps.append(DockerBuildStep(name: "[1/\(total)] FROM \(pinned)", seconds: pull, details: details))
        }

        var config = base.config
        var history = base.history
        var files = base.files
        var key = "base|" + base.id
        var n = 1
        var cmdSetHere = false
        let ignored = ignorePatterns(context)
        let contextFiles = (context.files(under: ".") ?? []).filter { !isIgnored($0, ignored) }
        if steps.contains(where: { $0.keyword == "COPY" || $0.keyword == "ADD" }) {
            let bytes = contextFiles.reduce(0) { $0 + (context.read($1)?.utf8.count ?? 0) }
            result.steps.append(DockerBuildStep(name: "[internal] load build context", seconds: 0,
                                                details: ["transferring context: \(DockerTime.size(Int64(bytes)))"]))
        }
        for ins in instructions[(stageStart + 1)...] {
            let vars = args.merging(Dictionary(config.envPairs, uniquingKeysWith: { _, b in b })) { _, env in env }
            let text = ins.text
            var layer: (size: Int64, added: [String: String])?
            switch ins.keyword {
            case "ARG":
                for (k, v) in DockerfileWords.pairs(ins.arguments) where args[k] == nil { args[k] = v }
                history.append(meta("ARG \(ins.arguments)"))
                continue
            case "ENV":
                for (k, v) in DockerfileWords.pairs(ins.arguments) { config.setEnv(k, DockerfileWords.expand(v, vars)) }
                history.append(meta("ENV " + DockerfileWords.pairs(ins.arguments).map { "\($0.0)=\(DockerfileWords.expand($0.1, vars))" }.joined(separator: " ")))
            case "LABEL":
                for (k, v) in DockerfileWords.pairs(ins.arguments) { config.labels[k] = v }
                history.append(meta("LABEL " + DockerfileWords.pairs(ins.arguments).map { "\($0.0)=\($0.1)" }.joined(separator: " ")))
            case "MAINTAINER":
                history.append(meta("MAINTAINER \(ins.arguments)"))
            case "EXPOSE":
                for p in DockerfileWords.split(DockerfileWords.expand(ins.arguments, vars)) {
                    let port = p.contains("/") ? p : p + "/tcp"
                    if !config.exposedPorts.contains(port) { config.exposedPorts.append(port) }
                }
                history.append(meta("EXPOSE map[" + config.exposedPorts.map { "\($0):{}" }.joined(separator: " ") + "]"))
            case "CMD", "ENTRYPOINT":
                let argv = ins.json ?? ["/bin/sh", "-c", ins.arguments]
                if ins.keyword == "CMD" { config.cmd = argv; cmdSetHere = true } else {
                    config.entrypoint = argv
                    // An ENTRYPOINT resets a CMD inherited from the base image.
                    if !cmdSetHere { config.cmd = nil }
                }
                history.append(meta("\(ins.keyword) \(Self.goList(argv))"))
            case "USER":
                config.user = DockerfileWords.expand(ins.arguments, vars)
                history.append(meta("USER \(config.user)"))
            case "VOLUME":
                config.volumes += ins.json ?? DockerfileWords.split(ins.arguments)
                history.append(meta("VOLUME \(Self.goList(config.volumes))"))
            case "STOPSIGNAL", "SHELL", "ONBUILD":
                history.append(meta("\(ins.keyword) \(ins.arguments)"))
            case "HEALTHCHECK":
                let words = ins.flagsAndWords.words
                if words.first?.uppercased() == "NONE" { config.healthcheck = ["NONE"] } else {
                    let rest = words.dropFirst()
                    config.healthcheck = ins.json.map { ["CMD"] + $0 } ?? ["CMD-SHELL", rest.joined(separator: " ")]
                }
                history.append(meta("HEALTHCHECK &{\(Self.goList(config.healthcheck ?? [])) \"0s\" \"0s\" \"0s\" \"0s\" '\\x00'}"))
            case "WORKDIR":
                let dir = DockerfileWords.expand(ins.arguments, vars)
                config.workingDir = dir.hasPrefix("/") ? dir : ((config.workingDir.isEmpty ? "" : config.workingDir) + "/" + dir)
                layer = (0, [:])
            case "RUN":
                let command = ins.json?.joined(separator: " ") ?? DockerfileWords.expand(ins.arguments, vars)
                layer = (Self.runLayerSize(command), [:])
            case "COPY", "ADD":
                let (flags, words) = ins.flagsAndWords
                if flags["from"] != nil {
                    result.failure = DockerBuildFailure(message: "multi-stage COPY --from is not simulated", line: ins.line)
                    return result
                }
                switch copy(words.map { DockerfileWords.expand($0, vars) }, workdir: config.workingDir, context: context,
                            contextFiles: contextFiles, into: files) {
                case .success(let added): layer = (Int64(added.values.reduce(0) { $0 + $1.utf8.count }), added)
                case .failure(let f):
                    let message = f.message
                    n += 1
                    let name = "[\(n)/\(total)] \(text)"
                    result.steps.append(DockerBuildStep(name: name, seconds: 0, failed: true))
                    result.failure = DockerBuildFailure(message: message, line: ins.line, step: name)
                    return result
                }
            default:
                continue
            }
            guard let l = layer else { key = DockerDigest.of(key + "|" + text); continue }
            n += 1
            let contentKey = l.added.sorted { $0.key < $1.key }.map { "\($0.key)=\(DockerDigest.of($0.value))" }.joined(separator: ",")
            key = DockerDigest.of(key + "|" + text + "|" + contentKey)
            let cached = !o.noCache && buildCache[key] != nil
            let entry = cached ? buildCache[key]! : BuildCacheEntry(created: now, size: l.size)
            buildCache[key] = entry
            files.merge(l.added) { _, new in new }
            let createdBy = ins.keyword == "RUN" ? "RUN /bin/sh -c \(ins.arguments) # buildkit" : "\(text) # buildkit"
            history.append(DockerHistoryEntry(created: entry.created, createdBy: createdBy, size: entry.size,
                                              emptyLayer: false, comment: "buildkit.dockerfile.v0", layer: DockerDigest.of("layer|" + key)))
            let seconds = cached ? 0 : ins.keyword == "RUN" ? Double(200 + entry.size / 4_000) / 1000 : 0.1
            result.steps.append(DockerBuildStep(name: "[\(n)/\(total)] \(text)", seconds: min(seconds, 60), cached: cached))
        }
        let id = DockerDigest.of("built|" + key + "|" + history.map(\.createdBy).joined(separator: "\n"))
        let created = history.last?.created ?? now
        let img = images[id] ?? DockerImage(id: id, created: created, config: config, history: history, base: base.base, files: files)
        img.history = history.enumerated().map { i, h in
            var h = h
            if h.emptyLayer && i >= base.history.count { h.created = created }
            return h
        }
        store(img, as: nil)
        var export = ["exporting layers", "writing image \(id)"]
        for r in refs {
            tags[r.canonical] = id
            export.append("naming to \(r.canonical)")
        }
        result.steps.append(DockerBuildStep(name: "exporting to image", seconds: 0.1, details: export))
        result.image = img
        return result
    }

    func meta(_ createdBy: String) -> DockerHistoryEntry {
        DockerHistoryEntry(created: now, createdBy: createdBy, size: 0, emptyLayer: true, comment: "buildkit.dockerfile.v0")
    }

    func canonicalName(_ name: String) -> String { (try? Self.reference(name).get())?.canonical ?? name }

    /// A RUN step's layer: package installs are large, other commands small; the same command the same size.
    static func runLayerSize(_ command: String) -> Int64 {
        let h = command.hashValueStable
        let installs = ["apt-get install", "apk add", "pip install", "npm install", "npm ci", "yum install", "dnf install",
                        "go build", "make", "gem install"]
        if installs.contains(where: { command.contains($0) }) { return 8_000_000 + Int64(h % 40_000_000) }
        if command.contains("apt-get update") { return 18_000_000 + Int64(h % 2_000_000) }
        return Int64(h % 4_096)
    }

    /// COPY/ADD sources → destination paths and contents; the error is BuildKit's `not found` message.
    func copy(_ words: [String], workdir: String, context: DockerBuildContext, contextFiles: [String],
              into existing: [String: String]) -> Result<[String: String], CopyFailure> {
        guard words.count >= 2, let destWord = words.last else { return .failure(CopyFailure(message: "COPY requires at least two arguments")) }
        let sources = words.dropLast()
        var dest = destWord.hasPrefix("/") ? destWord : (workdir.isEmpty ? "/" : workdir + "/") + destWord
        if dest.count > 1 && dest.hasSuffix("/.") { dest.removeLast() }
        let intoFolder = destWord.hasSuffix("/") || destWord == "." || sources.count > 1 ||
            existing.keys.contains { $0.hasPrefix(dest.hasSuffix("/") ? dest : dest + "/") }
        var added: [String: String] = [:]
        func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
        for raw in sources {
            let src = Self.clean(raw)
            if src.contains("*") || src.contains("?") {
                let matches = contextFiles.filter { fnmatch(src, $0, 0) == 0 }
                guard !matches.isEmpty else { return .failure(CopyFailure(message: notFound(raw))) }
                for m in matches { added[join(dest, (m as NSString).lastPathComponent)] = context.read(m) ?? "" }
            } else if let text = context.read(src) {
                added[intoFolder ? join(dest, (src as NSString).lastPathComponent) : dest] = text
            } else if let under = context.files(under: src.isEmpty ? "." : src) {
                for f in under where contextFiles.contains(f) {
                    let rel = src.isEmpty || src == "." ? f : String(f.dropFirst(src.count + 1))
                    added[join(dest, rel)] = context.read(f) ?? ""
                }
            } else {
                return .failure(CopyFailure(message: notFound(raw)))
            }
        }
        return .success(added)
    }

    /// `./a/../b/` → `b`, `.` → ``.
    static func clean(_ p: String) -> String {
        var parts: [String] = []
        for c in p.split(separator: "/") {
            if c == "." || c.isEmpty { continue }
            if c == ".." { _ = parts.popLast(); continue }
            parts.append(String(c))
        }
        return parts.joined(separator: "/")
    }

    func notFound(_ src: String) -> String {
        let a = DockerDigest.of("ref|" + src + "\(buildCache.count)").dropFirst(7).prefix(25)
        let b = DockerDigest.of("sess|" + src).dropFirst(7).prefix(25)
        return "failed to compute cache key: failed to calculate checksum of ref \(a)::\(b): \"/\(Self.clean(src))\": not found"
    }

    func ignorePatterns(_ context: DockerBuildContext) -> [String] {
        (context.read(".dockerignore") ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.map { Self.clean($0) }
    }

    func ignoreSize(_ context: DockerBuildContext) -> Int { context.read(".dockerignore")?.utf8.count ?? 2 }

    func isIgnored(_ path: String, _ patterns: [String]) -> Bool {
        patterns.contains { fnmatch($0, path, 0) == 0 || path.hasPrefix($0 + "/") }
    }
}
