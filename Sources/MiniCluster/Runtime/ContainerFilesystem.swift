// A container's files: the image's (read-only, shared), a writable layer that dies with the container, and the
// volume mounts the kubelet resolved (shared with the pod's other containers, some read-only).

/// Why a file operation failed; `text` is the errno wording (`No such file or directory`).
public enum FileError: Error, Equatable {
    case noEntry, notDirectory, isDirectory, readOnly, exists, notEmpty, permission

    public var text: String {
        switch self {
        case .noEntry: return "No such file or directory"
        case .notDirectory: return "Not a directory"
        case .isDirectory: return "Is a directory"
        case .readOnly: return "Read-only file system"
        case .exists: return "File exists"
        case .notEmpty: return "Directory not empty"
        case .permission: return "Permission denied"
        }
    }
}

public final class ContainerFilesystem {
    /// The image's files (absolute paths), shared by every container of the image, and the few put over them for
    /// this container (the kubelet's `/etc/hosts` …), which win. Kept apart so that no container copies the image's.
    private let baseFiles: [String: String]
    private let podFiles: [String: String]
    /// The directories the image's files imply (shared per image), and those this container adds that are not
    /// among them (its mounts' parents …).
    private let baseDirs: Set<String>
    private let extraDirs: Set<String>
    /// The image's files as this container sees them (tests; the filesystem looks at the two layers instead).
    var imageFiles: [String: String] { baseFiles.merging(podFiles) { _, pod in pod } }
    /// The directories the image's files and the mounts imply.
    var imageDirs: Set<String> { baseDirs.union(extraDirs) }
    /// The writable layer: files written, directories made, image paths deleted.
    private(set) var layerFiles: [String: String] = [:] { didSet { generation &+= 1 } }
    private var layerDirs: Set<String> = [] { didSet { generation &+= 1 } }
    private var whiteouts: Set<String> = [] { didSet { generation &+= 1 } }
    /// Moves whenever the writable layer changes (probe replay checks nothing changed since the last real run).
    private(set) var generation = 0
    /// The layer's generation plus every mounted volume's: anything a program could read differently.
    var stateGeneration: Int {
        var g = generation
        for m in mounts { g &+= m.directory.generation }
        return g
    }
    /// Longest mount path first, so nested mounts win.
    let mounts: [VolumeMount]
    public var cwd = "/"

    public convenience init(imageFiles: [String: String], mounts: [VolumeMount]) {
        self.init(imageFiles: imageFiles, directories: Self.directories(implying: imageFiles.keys), mounts: mounts)
    }

    /// `directories` must be what `directories(implying:)` gives for `imageFiles`' paths (worked out once per
    /// image by its `ImageLayout`); the mounts' directories are added here.
    convenience init(imageFiles: [String: String], directories: Set<String>, mounts: [VolumeMount]) {
        self.init(imageFiles: imageFiles, podFiles: [:], directories: directories, adding: [], mounts: mounts)
    }

    /// `podFiles` go over `imageFiles`; `directories` must be what `directories(implying:)` gives for the paths of
    /// both, or for fewer of them when `adding` lists the other files' parents. The mounts' directories are added.
    init(imageFiles: [String: String], podFiles: [String: String], directories: Set<String>, adding: [String],
         mounts: [VolumeMount]) {
        baseFiles = imageFiles
        self.podFiles = podFiles
        baseDirs = directories
        extraDirs = Self.extraDirectories(over: directories, adding: adding, mountPaths: mounts.map(\.mountPath))
        self.mounts = mounts.count < 2 ? mounts : mounts.sorted { $0.mountPath.count > $1.mountPath.count }
    }

    /// The directories `adding` and the mount paths' parents add to `base`, for the last such lists seen over the
    /// last base (every container of one template has the same).
    private static var lastExtra: (base: Set<String>, adding: [String], mountPaths: [String], extra: Set<String>)?

    static func extraDirectories(over base: Set<String>, adding: [String], mountPaths: [String]) -> Set<String> {
        if let l = lastExtra, sameBytes(l.adding, adding), sameBytes(l.mountPaths, mountPaths), l.base == base { return l.extra }
        var extra: Set<String> = []
        for d in adding where !base.contains(d) { extra.insert(d) }
        for p in mountPaths {
            for d in parents(of: p) where !base.contains(d) { extra.insert(d) }
        }
        lastExtra = (base, adding, mountPaths, extra)
        return extra
    }

    private static func sameBytes(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Value.sameBytes($0, $1) }
    }

    private func imageFile(_ path: String) -> String? { podFiles[path] ?? baseFiles[path] }
    private func isImageDirectory(_ path: String) -> Bool { baseDirs.contains(path) || extraDirs.contains(path) }

    /// The directories an image with files at `paths` has: their parents, and the base distribution's.
    static func directories<S: Sequence>(implying paths: S) -> Set<String> where S.Element == String {
        var dirs: Set<String> = ["/"]
        for p in paths { dirs.formUnion(Self.parents(of: p)) }
        for d in DistroFiles.baseDirectories { dirs.insert(d); dirs.formUnion(Self.parents(of: d)) }
        return dirs
    }

    /// `/a/b/c` → [`/`, `/a`, `/a/b`] (empty components are skipped: `a//b/c` → [`/`, `/a`, `/a/b`]).
    static func parents(of path: String) -> [String] {
        // Scanned as bytes ("/" is never part of another character): splitting by Character costs ten times more.
        var out = ["/"]
        var acc = ""
        let bytes = path.utf8
        var start: String.Index?
        var pending: Range<String.Index>?
        var i = bytes.startIndex
        while i != bytes.endIndex {
            if bytes[i] == UInt8(ascii: "/") {
                if let s = start { pending.map { acc += "/"; acc += path[$0]; out.append(acc) }; pending = s..<i; start = nil }
            } else if start == nil {
                start = i
            }
            bytes.formIndex(after: &i)
        }
        if start != nil, let p = pending { acc += "/"; acc += path[p]; out.append(acc) }
        return out
    }

    /// An absolute, normalised path (`.` and `..` resolved) from one relative to `cwd`.
    public func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (cwd == "/" ? "/" : cwd + "/") + path
        var stack: [Substring] = []
        for c in joined.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { _ = stack.popLast(); continue }
            stack.append(c)
        }
        return "/" + stack.joined(separator: "/")
    }

    /// Where a path lands inside a mount: the mount and the path relative to the volume's root.
    private func mount(for path: String) -> (VolumeMount, String)? {
        for m in mounts {
            let mp = m.mountPath.hasSuffix("/") && m.mountPath.count > 1 ? String(m.mountPath.dropLast()) : m.mountPath
            var rel: String
            if path == mp { rel = "" } else if path.hasPrefix(mp == "/" ? "/" : mp + "/") {
                rel = String(path.dropFirst(mp == "/" ? 1 : mp.count + 1))
            } else { continue }
            if let sub = m.subPath, !sub.isEmpty { rel = rel.isEmpty ? sub : sub + "/" + rel }
            return (m, rel)
        }
        return nil
    }

    private func volumeIsDir(_ v: VolumeDirectory, _ rel: String) -> Bool {
        if rel.isEmpty { return true }
        let prefix = rel + "/"
        return v.files.keys.contains { $0.hasPrefix(prefix) }
    }

    // MARK: queries

    public func isDirectory(_ p: String) -> Bool {
        let path = absolute(p)
        if let (m, rel) = mount(for: path) { return m.directory.files[rel] == nil && volumeIsDir(m.directory, rel) }
        if whiteouts.contains(path) { return false }
        return isImageDirectory(path) || layerDirs.contains(path)
            || layerFiles.keys.contains { $0.hasPrefix(path + "/") }
    }

    public func exists(_ p: String) -> Bool {
        let path = absolute(p)
        if let (m, rel) = mount(for: path) { return m.directory.files[rel] != nil || volumeIsDir(m.directory, rel) }
        return fileContents(path) != nil || isDirectory(path)
    }

    private func fileContents(_ path: String) -> String? {
        if let t = layerFiles[path] { return t }
        if whiteouts.contains(path) { return nil }
        return imageFile(path)
    }

    /// The contents of a regular file.
    public func read(file p: String) -> Result<String, FileError> {
        let path = absolute(p)
        if let (m, rel) = mount(for: path) {
            if let t = m.directory.files[rel] { return .success(t) }
            return .failure(volumeIsDir(m.directory, rel) ? .isDirectory : .noEntry)
        }
        if let t = fileContents(path) { return .success(t) }
        return .failure(isDirectory(path) ? .isDirectory : .noEntry)
    }

    /// Writes or appends to a file; its directory must exist.
    public func write(file p: String, _ text: String, append: Bool) -> Result<Void, FileError> {
        let path = absolute(p)
        if path.hasPrefix("/proc/") || path.hasPrefix("/sys/") { return .failure(.permission) }
        if let (m, rel) = mount(for: path) {
            if m.readOnly { return .failure(.readOnly) }
            if rel.isEmpty || volumeIsDir(m.directory, rel) && m.directory.files[rel] == nil { return .failure(.isDirectory) }
            let dir = rel.split(separator: "/").dropLast().joined(separator: "/")
            if !dir.isEmpty, !volumeIsDir(m.directory, dir) { return .failure(.noEntry) }
            m.directory.files[rel] = append ? (m.directory.files[rel] ?? "") + text : text
            return .success(())
        }
        if isDirectory(path) { return .failure(.isDirectory) }
        let parent = Self.parents(of: path).last ?? "/"
        guard isDirectory(parent) else { return .failure(exists(parent) ? .notDirectory : .noEntry) }
        let old = append ? fileContents(path) ?? "" : ""
        layerFiles[path] = old + text
        whiteouts.remove(path)
        return .success(())
    }

    /// Makes a directory (with `parents`, every missing one on the way, and no error when it exists).
    public func makeDirectory(_ p: String, parents: Bool) -> Result<Void, FileError> {
        let path = absolute(p)
        if exists(path) { return parents && isDirectory(path) ? .success(()) : .failure(.exists) }
        if let (m, rel) = mount(for: path) {
            if m.readOnly { return .failure(.readOnly) }
            // A volume has no empty directories in this model; a marker keeps the directory visible.
            m.directory.files[rel + "/.keep"] = m.directory.files[rel + "/.keep"] ?? ""
            return .success(())
        }
        let parent = Self.parents(of: path).last ?? "/"
        if !isDirectory(parent) {
            guard parents else { return .failure(.noEntry) }
            if case .failure(let e) = makeDirectory(parent, parents: true) { return .failure(e) }
        }
        layerDirs.insert(path)
        whiteouts.remove(path)
        return .success(())
    }

    /// Removes a file, or a directory tree when `recursive`.
    public func remove(_ p: String, recursive: Bool) -> Result<Void, FileError> {
        let path = absolute(p)
        guard exists(path) else { return .failure(.noEntry) }
        if let (m, rel) = mount(for: path) {
            if m.readOnly || rel.isEmpty && m.subPath == nil { return .failure(rel.isEmpty ? .permission : .readOnly) }
            if m.directory.files.removeValue(forKey: rel) != nil { return .success(()) }
            guard recursive else { return .failure(.isDirectory) }
            for k in m.directory.files.keys where k.hasPrefix(rel + "/") { m.directory.files[k] = nil }
            return .success(())
        }
        if isDirectory(path) {
            guard recursive else { return .failure(.isDirectory) }
            if path == "/" { return .failure(.permission) }
            for k in layerFiles.keys where k.hasPrefix(path + "/") { layerFiles[k] = nil }
            for k in baseFiles.keys where k.hasPrefix(path + "/") { whiteouts.insert(k) }
            for k in podFiles.keys where k.hasPrefix(path + "/") { whiteouts.insert(k) }
            for d in layerDirs where d.hasPrefix(path + "/") { layerDirs.remove(d) }
            for d in baseDirs where d.hasPrefix(path + "/") { whiteouts.insert(d) }
            for d in extraDirs where d.hasPrefix(path + "/") { whiteouts.insert(d) }
            layerDirs.remove(path)
            whiteouts.insert(path)
            return .success(())
        }
        layerFiles[path] = nil
        if imageFile(path) != nil { whiteouts.insert(path) }
        return .success(())
    }

    /// The names in a directory, sorted.
    public func list(_ p: String) -> Result<[String], FileError> {
        let path = absolute(p)
        guard exists(path) else { return .failure(.noEntry) }
        guard isDirectory(path) else { return .failure(.notDirectory) }
        var names: Set<String> = []
        func add(_ full: String) {
            let prefix = path == "/" ? "/" : path + "/"
            guard full.hasPrefix(prefix), full != path else { return }
            if let first = full.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(first)) }
        }
        if let (m, rel) = mount(for: path) {
            let prefix = rel.isEmpty ? "" : rel + "/"
            for k in m.directory.files.keys where k.hasPrefix(prefix) {
                if let first = k.dropFirst(prefix.count).split(separator: "/").first, first != ".keep" { names.insert(String(first)) }
            }
        } else {
            for k in baseFiles.keys where !whiteouts.contains(k) { add(k) }
            for k in podFiles.keys where !whiteouts.contains(k) { add(k) }
            for d in baseDirs where !whiteouts.contains(d) { add(d) }
            for d in extraDirs where !whiteouts.contains(d) { add(d) }
            for k in layerFiles.keys { add(k) }
            for d in layerDirs { add(d) }
        }
        // Mount points inside this directory show up as entries.
        for m in mounts { add(m.mountPath) }
        return .success(names.sorted())
    }

    /// Every regular file under `dir` (for `du`, `find`): absolute paths, sorted.
    public func walk(_ dir: String) -> [String] {
        var out: [String] = []
        func go(_ d: String) {
            guard case .success(let names) = list(d) else { return }
            for n in names {
                let p = d == "/" ? "/" + n : d + "/" + n
                if isDirectory(p) { if !p.hasPrefix("/proc"), !p.hasPrefix("/sys") { go(p) } } else { out.append(p) }
            }
        }
        go(absolute(dir))
        return out
    }

    /// Bytes written to the writable layer (memory a tmpfs-less container does not use, but `df` shows).
    public var layerBytes: Int { layerFiles.values.reduce(0) { $0 + $1.utf8.count } }
}

extension ContainerFilesystem: ShellFiles {
    public func read(_ path: String) throws -> String {
        switch read(file: path) {
        case .success(let t): return t
        case .failure(let e): throw ShellFileError(e == .noEntry ? "no such file" : e.text)
        }
    }

    public func write(_ path: String, _ text: String, append: Bool) throws {
        if case .failure(let e) = write(file: path, text, append: append) {
            throw ShellFileError(e == .noEntry ? "nonexistent directory" : e.text)
        }
    }

    public func glob(_ pattern: String) -> [String] {
        let absolutePattern = pattern.hasPrefix("/")
        let comps = pattern.split(separator: "/").map(String.init)
        var paths: [String] = [absolutePattern ? "/" : cwd]
        var shown: [String] = [""]
        for (i, comp) in comps.enumerated() {
            let last = i == comps.count - 1
            var nextPaths: [String] = [], nextShown: [String] = []
            for (p, s) in zip(paths, shown) {
                let sep = s.isEmpty ? (absolutePattern ? "/" : "") : s + "/"
                if !ShellPattern.hasWildcards(comp) {
                    let plain = ShellPattern.unescape(comp)
                    let np = p == "/" ? "/" + plain : p + "/" + plain
                    if exists(np), last || isDirectory(np) { nextPaths.append(np); nextShown.append(sep + plain) }
                    continue
                }
                guard case .success(let names) = list(p) else { continue }
                for n in names where (!n.hasPrefix(".") || comp.hasPrefix(".")) && ShellPattern.matches(comp, n) {
                    let np = p == "/" ? "/" + n : p + "/" + n
                    if last || isDirectory(np) { nextPaths.append(np); nextShown.append(sep + n) }
                }
            }
            paths = nextPaths; shown = nextShown
        }
        return shown.sorted()
    }
}
