// Reads and writes progress in `$XDG_STATE_HOME/kubetutor` (default `~/.local/state/kubetutor`). Writes go to a
// temporary file that is then renamed over the old one, so a crash mid-write leaves the previous progress whole.
// A file that cannot be read is kept aside under a new name, never silently dropped.
import Foundation

public final class ProgressStore {
    public let directory: URL
    public var file: URL { directory.appendingPathComponent("progress.json") }
    /// Each lesson's workspace folder lives under here.
    public var workspaces: URL { directory.appendingPathComponent("workspaces") }
    /// Runs between writing the temporary file and renaming it (tests use it to simulate a crash there).
    public var beforeRename: (() throws -> Void)?

    public init(directory: URL) { self.directory = directory }

    /// The default folder: `$XDG_STATE_HOME/kubetutor`, else `~/.local/state/kubetutor`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("kubetutor")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/kubetutor")
    }

    public func workspace(for lessonID: String) -> URL { workspaces.appendingPathComponent(lessonID) }

    /// The saved progress (empty when there is none). When the file is corrupt or of an unknown version it is
    /// moved aside and `notice` says where to.
    public func load() -> (progress: CourseProgress, notice: String?) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return (CourseProgress(), nil) }
        switch Self.decode(data) {
        case .success(let p): return (p, nil)
        case .failure(let why):
            let aside = moveAside()
            let place = aside.map { "it was kept as \($0.path)" } ?? "it could not be moved aside and was left in place"
            return (CourseProgress(), "kubetutor: your progress file \(file.path) \(why); \(place), and you start with fresh progress.")
        }
    }

    /// Decodes progress, refusing versions this kubetutor does not know.
    public static func decode(_ data: Data) -> Result<CourseProgress, ProgressError> {
        struct Versioned: Decodable { var version: Int? }
        guard let v = try? JSONDecoder().decode(Versioned.self, from: data) else { return .failure(ProgressError("is not valid progress data")) }
        guard v.version == CourseProgress.currentVersion else {
            return .failure(ProgressError("has format version \(v.version.map(String.init) ?? "none"), which this kubetutor does not know (it reads \(CourseProgress.currentVersion))"))
        }
        do { return .success(try JSONDecoder().decode(CourseProgress.self, from: data)) } catch {
            return .failure(ProgressError("is damaged (\(error))"))
        }
    }

    /// Writes `progress` atomically: temp file, flushed, then renamed over the old file.
    public func save(_ progress: CourseProgress) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try enc.encode(progress)
        removeStaleTemporaries()
        let tmp = directory.appendingPathComponent(".progress.json.tmp-\(getpid())")
        guard fm.createFile(atPath: tmp.path, contents: nil) else { throw ProgressError("cannot write \(tmp.path)") }
        let handle = try FileHandle(forWritingTo: tmp)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            try beforeRename?()
        } catch {
            try? handle.close()
            try? fm.removeItem(at: tmp)
            throw error
        }
        guard rename(tmp.path, file.path) == 0 else {
            let why = String(cString: strerror(errno))
            try? fm.removeItem(at: tmp)
            throw ProgressError("cannot replace \(file.path): \(why)")
        }
    }

    /// Removes temporary files left by kubetutor processes that were killed while saving (their pid is gone).
    private func removeStaleTemporaries() {
        let prefix = ".progress.json.tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        }
    }

    /// Moves the current file to `progress.json.bad-N` (the first free N).
    private func moveAside() -> URL? {
        for n in 1...1000 {
            let target = directory.appendingPathComponent("progress.json.bad-\(n)")
            if FileManager.default.fileExists(atPath: target.path) { continue }
            return (try? FileManager.default.moveItem(at: file, to: target)) != nil ? target : nil
        }
        return nil
    }
}

public struct ProgressError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
