// --from-literal, --from-file and --from-env-file as kubectl reads them for configmaps and secrets: real files in the
// session's workspace, directories expanded to their regular files, and kubectl's error texts.
import Foundation

enum DataSources {
    /// `key=value` (kubectl's ParseLiteralSource).
    static func literal(_ source: String) throws -> (key: String, value: String) {
        guard !source.hasPrefix("="), let eq = source.firstIndex(of: "=") else {
            throw KubectlFailure.plain("invalid literal source \(source), expected key=value")
        }
        return (String(source[..<eq]), String(source[source.index(after: eq)...]))
    }

    /// `path` or `key=path` (kubectl's ParseFileSource).
    static func fileSource(_ source: String) throws -> (key: String, path: String) {
        let n = source.filter { $0 == "=" }.count
        if n == 0 { return (baseName(source), source) }
        if n == 1, source.hasPrefix("=") {
            throw KubectlFailure.plain("key name for file path \(source.dropFirst()) missing")
        }
        if n == 1, source.hasSuffix("=") {
            throw KubectlFailure.plain("file path for key name \(source.dropLast()) missing")
        }
        if n > 1 { throw KubectlFailure.plain("key names or file paths cannot contain '='") }
        let parts = source.split(separator: "=", omittingEmptySubsequences: false)
        return (String(parts[0]), String(parts[1]))
    }

    /// Go's path.Base.
    static func baseName(_ p: String) -> String {
        var s = Substring(p)
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        if s.isEmpty { return "." }
        if s == "/" { return "/" }
        return s.split(separator: "/").last.map(String.init) ?? String(s)
    }

    /// Calls `add` for every file a --from-file source names: the file itself, or each regular file of a directory.
    static func forEachFile(_ sources: [String], _ session: ShellSession, _ add: (String, Data) throws -> Void) throws {
        let fm = FileManager.default
        for source in sources {
            let (key, path) = try fileSource(source)
            let url = session.url(for: path)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else {
                throw KubectlFailure.plain("error reading \(path): no such file or directory")
            }
            if isDir.boolValue {
                if source.contains("=") { throw KubectlFailure.plain("cannot give a key name for a directory path") }
                let names = ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
                for n in names {
                    let item = url.appendingPathComponent(n)
                    let attrs = try? fm.attributesOfItem(atPath: item.path)
                    guard (attrs?[.type] as? FileAttributeType) == .typeRegular else { continue }
                    try add(n, try read(item, shown: path + "/" + n))
                }
            } else {
                try add(key, try read(url, shown: path))
            }
        }
    }

    private static func read(_ url: URL, shown: String) throws -> Data {
        guard let d = FileManager.default.contents(atPath: url.path) else {
            throw KubectlFailure.plain("open \(shown): permission denied")
        }
        return d
    }

    /// Calls `add` for each `KEY=value` line of the env files (kubectl's AddFromEnvFile).
    static func forEachEnvLine(_ files: [String], _ session: ShellSession, dirError: String,
                               _ add: (String, String) throws -> Void) throws {
        for path in files {
            let url = session.url(for: path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
                throw KubectlFailure.plain("error reading \(path): no such file or directory")
            }
            if isDir.boolValue { throw KubectlFailure.plain(dirError) }
            let data = try read(url, shown: path)
            var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if data.last == UInt8(ascii: "\n") { lines.removeLast() }
            for (i, raw) in lines.enumerated() {
                var bytes = Array(raw)
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                guard var line = String(bytes: bytes, encoding: .utf8) else {
                    throw KubectlFailure.plain("env file \(path) contains invalid utf8 bytes at line \(i + 1): \(bytes)")
                }
                if i == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
                let trimmed = line.drop { $0.isWhitespace }
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let parts = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(parts[0])
                let errs = NameRules.envVarNameErrors(key)
                if !errs.isEmpty {
                    throw KubectlFailure.plain("\(GoFormat.q(key)) is not a valid key name: \(errs.joined(separator: ";"))")
                }
                try add(key, parts.count == 2 ? String(parts[1]) : session.env[key] ?? "")
            }
        }
    }
}
