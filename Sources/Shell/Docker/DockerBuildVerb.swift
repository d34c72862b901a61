// `docker build`: reads the context folder and Dockerfile from the workspace and prints BuildKit's progress
// display (final state of the tty view, 80 columns) and its errors with the Dockerfile excerpt, on stderr.
import Foundation
import MiniCluster

struct DockerBuildVerb: DockerVerb {
    let path = "build"
    let usage = "docker buildx build [OPTIONS] PATH | URL | -"
    let summary = "Start a build"
    let flags = [FlagSpec("tag", "t", .stringArray, usage: "Name and optionally a tag (format: \"name:tag\")"),
                 FlagSpec("file", "f", .string, usage: "Name of the Dockerfile (default: \"PATH/Dockerfile\")"),
                 FlagSpec("build-arg", nil, .stringArray, usage: "Set build-time variables"),
                 FlagSpec("no-cache", nil, .bool, usage: "Do not use cache when building the image"),
                 FlagSpec("quiet", "q", .bool, usage: "Suppress the build output and print image ID on success"),
                 FlagSpec("progress", nil, .string, default: "auto", usage: "Set type of progress output"),
                 FlagSpec("pull", nil, .bool, usage: "Always attempt to pull all referenced images")]
    static let width = 80

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        let io = c.io
        guard args.count == 1 else {
            io.errLine("ERROR: \"docker buildx build\" requires exactly 1 argument.")
            io.errLine("See 'docker buildx build --help'.")
            io.errLine("")
            io.errLine("Usage:  \(usage)")
            io.errLine("")
            io.errLine(summary)
            return 1
        }
        guard let dir = c.session.resolve(args[0]), c.session.isDirectory(dir) else {
            io.errLine("ERROR: unable to prepare context: path \"\(args[0])\" not found")
            return 1
        }
        let fileArg = f.isSet("file") ? f.string("file") : nil
        let dockerfileURL = fileArg.flatMap { c.session.resolve($0) } ?? dir.appendingPathComponent("Dockerfile")
        let dockerfileName = fileArg.map { ($0 as NSString).lastPathComponent } ?? "Dockerfile"
        var o = DockerBuildOptions(dockerfile: "")
        o.dockerfileName = dockerfileName
        o.tags = f.strings("tag")
        o.noCache = f.bool("no-cache")
        for a in f.strings("build-arg") {
            let kv = a.split(separator: "=", maxSplits: 1).map(String.init)
            o.buildArgs[kv[0]] = kv.count > 1 ? kv[1] : c.session.env[kv[0]] ?? ""
        }
        let quiet = f.bool("quiet")
        guard let data = FileManager.default.contents(atPath: dockerfileURL.path), !c.session.isDirectory(dockerfileURL) else {
            if !quiet {
                io.err(Self.render([DockerBuildStep(name: "[internal] load build definition from \(dockerfileName)", seconds: 0,
                                                    details: ["transferring dockerfile: 2B"])], total: 0.0, done: 1, of: 1))
            }
            io.errLine("ERROR: failed to solve: failed to read dockerfile: open \(dockerfileName): no such file or directory")
            return 1
        }
        o.dockerfile = String(decoding: data, as: UTF8.self)
        let result = c.host.build(o, context: WorkspaceBuildContext(root: dir))
        if result.steps.isEmpty, let failure = result.failure {
            io.errLine("ERROR: \(failure.message)")
            return 1
        }
        let done = result.steps.filter { !$0.failed }.count
        if !quiet {
            io.err(Self.render(result.steps, total: result.totalSeconds, done: done,
                               of: result.failure == nil ? done : max(done + 1, result.steps.count)))
        }
        guard let failure = result.failure else {
            if quiet, let img = result.image { io.outLine(img.id) }
            return 0
        }
        if let step = failure.step {
            io.errLine("------")
            io.errLine(" > \(step):")
            io.errLine("------")
        }
        if let line = failure.line { io.err(Self.excerpt(o.dockerfile, line: line, name: dockerfileName)) }
        io.errLine("ERROR: failed to solve: \(failure.message)")
        return 1
    }

    /// The tty display's last frame.
    static func render(_ steps: [DockerBuildStep], total: Double, done: Int, of count: Int) -> String {
        var s = align("[+] Building \(seconds(total)) (\(done)/\(count)) FINISHED", "docker:default")
        for step in steps {
            let name = (step.failed ? "ERROR " : step.cached ? "CACHED " : "") + step.name
            s += align(" => " + name, seconds(step.seconds))
            for d in step.details { s += align(" => => " + d, "0.0s") }
        }
        return s
    }

    static func seconds(_ v: Double) -> String { String(format: "%.1fs", v) }

    /// Left text and right text on one line of `width`, the left cut when it does not fit.
    static func align(_ left: String, _ right: String) -> String {
        let room = width - right.count - 1
        var l = left
        if l.count > room { l = String(l.prefix(room)) }
        return l + String(repeating: " ", count: room - l.count) + " " + right + "\n"
    }

    /// BuildKit's source excerpt: the failing line with two lines of context each side.
    static func excerpt(_ text: String, line: Int, name: String) -> String {
        let lines = text.components(separatedBy: "\n")
        guard line >= 1, line <= lines.count else { return "" }
        let start = max(1, line - 2), end = min(lines.count, line + 2)
        var s = "\(name):\(line)\n--------------------\n"
        for i in start...end {
            let mark = i == line ? ">>>" : "   "
            s += " " + String(repeating: " ", count: max(0, 3 - String(i).count)) + "\(i) | \(mark) \(lines[i - 1])\n"
        }
        return s + "--------------------\n"
    }
}

/// The build context folder on disk (a workspace folder).
struct WorkspaceBuildContext: DockerBuildContext {
    let root: URL

    func read(_ path: String) -> String? {
        let u = root.appendingPathComponent(path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue,
              let d = FileManager.default.contents(atPath: u.path) else { return nil }
        return String(decoding: d, as: UTF8.self)
    }

    func files(under path: String) -> [String]? {
        let base = path == "." || path.isEmpty ? root : root.appendingPathComponent(path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDir), isDir.boolValue else { return nil }
        let prefix = root.standardizedFileURL.path + "/"
        var out: [String] = []
        if let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isDirectoryKey]) {
            for case let u as URL in e {
                let isDirectory = (try? u.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
                guard !isDirectory else { continue }
                let p = u.standardizedFileURL.path
                if p.hasPrefix(prefix) { out.append(String(p.dropFirst(prefix.count))) }
            }
        }
        return out.sorted()
    }
}
