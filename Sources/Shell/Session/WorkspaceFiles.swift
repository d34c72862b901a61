// The real files of the workspace, as redirects, globs and builtins reach them; nothing outside the root.
import Foundation
import MiniCluster

extension ShellSession {
    /// Resolves a typed path against the current folder; nil when it leaves the workspace (or is not /dev/null).
    public func resolve(_ path: String) -> URL? {
        let u = url(for: path).standardizedFileURL
        if u.path == "/dev/null" { return u }
        let rootPath = root.standardizedFileURL.path
        guard u.path == rootPath || u.path.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/") else { return nil }
        return u
    }

    /// Whether a path exists and is a directory.
    public func isDirectory(_ u: URL) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: u.path, isDirectory: &dir) && dir.boolValue
    }

    /// Reads a workspace file as a coreutils tool would; the error is the strerror text.
    public func readFile(_ path: String) -> Result<String, FileProblem> {
        if path == "/dev/null" { return .success("") }
        guard let u = resolve(path) else { return .failure(.permissionDenied) }
        guard FileManager.default.fileExists(atPath: u.path) else { return .failure(.noSuchFile) }
        if isDirectory(u) { return .failure(.isDirectory) }
        guard let d = FileManager.default.contents(atPath: u.path) else { return .failure(.permissionDenied) }
        return .success(String(decoding: d, as: UTF8.self))
    }

    /// Writes or appends a workspace file.
    public func writeFile(_ path: String, _ text: String, append: Bool) -> FileProblem? {
        if path == "/dev/null" { return nil }
        guard let u = resolve(path) else { return .permissionDenied }
        if isDirectory(u) { return .isDirectory }
        guard isDirectory(u.deletingLastPathComponent()) else { return .noSuchFile }
        let data = Data(text.utf8)
        if append, let h = try? FileHandle(forWritingTo: u) {
            defer { try? h.close() }
            _ = try? h.seekToEnd()
            do { try h.write(contentsOf: data) } catch { return .permissionDenied }
            return nil
        }
        return FileManager.default.createFile(atPath: u.path, contents: data) ? nil : .permissionDenied
    }
}

/// Why a file could not be used, in strerror's words.
public enum FileProblem: Error, Equatable {
    case noSuchFile, isDirectory, permissionDenied, notDirectory

    public var message: String {
        switch self {
        case .noSuchFile: return "No such file or directory"
        case .isDirectory: return "Is a directory"
        case .permissionDenied: return "Permission denied"
        case .notDirectory: return "Not a directory"
        }
    }
}

/// The interpreter's view of the workspace (redirects and globs).
final class WorkspaceFiles: ShellFiles {
    unowned let session: ShellSession
    init(session: ShellSession) { self.session = session }

    func read(_ path: String) throws -> String {
        switch session.readFile(path) {
        case .success(let s): return s
        case .failure(let p): throw ShellFileError(p == .noSuchFile ? "no such file" : p.message)
        }
    }

    func write(_ path: String, _ text: String, append: Bool) throws {
        if let p = session.writeFile(path, text, append: append) {
            throw ShellFileError(p == .noSuchFile ? "nonexistent directory" : p.message)
        }
    }

    /// Globs one path component at a time, like sh; hidden files only match a pattern that starts with `.`.
    func glob(_ pattern: String) -> [String] {
        let absolute = pattern.hasPrefix("/")
        var results = [absolute ? "/" : ""]
        let comps = pattern.split(separator: "/").map(String.init)
        for (i, comp) in comps.enumerated() {
            var next: [String] = []
            for base in results {
                if !ShellPattern.hasWildcards(comp) {
                    let p = base + ShellPattern.unescape(comp)
                    if i == comps.count - 1 ? FileManager.default.fileExists(atPath: session.url(for: p).path) : true {
                        next.append(p + (i == comps.count - 1 ? "" : "/"))
                    }
                    continue
                }
                guard let dir = session.resolve(base.isEmpty ? "." : base),
                      let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
                for n in names.sorted() where ShellPattern.matches(comp, n) && (!n.hasPrefix(".") || comp.hasPrefix(".")) {
                    next.append(base + n + (i == comps.count - 1 ? "" : "/"))
                }
            }
            results = next
        }
        return results.filter { !$0.isEmpty }
    }
}
