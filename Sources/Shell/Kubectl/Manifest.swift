// `-f FILE|DIR|GLOB|URL|-` as cli-runtime's resource builder reads it: files in walk order with the
// .json/.yaml/.yml filter for directories, JSON or YAML streams, `List` kinds expanded, and kubectl's errors.
import Foundation
import MiniCluster

/// One object read from a manifest.
public struct ManifestObject {
    public var object: Value
    /// Where it came from as kubectl names it: the path as typed (joined with the file name inside a
    /// directory), `STDIN`, or the URL.
    public var source: String
    /// Its position among the objects read from that source (0-based).
    public var index: Int
}

/// What a set of `-f` arguments yielded: the good objects and, in visiting order, the documents that failed.
public struct ManifestLoad {
    public var objects: [ManifestObject] = []
    /// Failures in kubectl's words, without the `error: ` prefix.
    public var errors: [String] = []

    /// How kubectl reports `errors`: one as `error: …`, several one per line (an aggregate), nil for none.
    public var failure: KubectlFailure? { Manifest.failure(for: errors) }
}

public enum Manifest {
    /// The extensions a directory's files must have.
    public static let extensions = [".json", ".yaml", ".yml"]

    /// Reads every object, throwing if anything failed (for verbs that need all objects before acting).
    public static func load(_ paths: [String], recursive: Bool = false, validate: Bool = true, session: ShellSession,
                            stdin: String, fetchURL: ((String) -> String?)? = nil) throws -> [ManifestObject] {
        let r = try read(paths, recursive: recursive, validate: validate, session: session, stdin: stdin, fetchURL: fetchURL)
        if let f = r.failure { throw f }
        return r.objects
    }

    /// Reads every object it can. Path problems (missing file, empty directory) throw before anything is read,
    /// as kubectl checks them first; problems inside documents are collected in `errors`.
    /// - Parameters:
    ///   - validate: `--validate` (default on): missing `apiVersion`/`kind` read as validation errors.
    ///   - fetchURL: serves `http(s)://` arguments; without it they fail as an unreachable host would.
    public static func read(_ paths: [String], recursive: Bool = false, validate: Bool = true, session: ShellSession,
                            stdin: String, fetchURL: ((String) -> String?)? = nil) throws -> ManifestLoad {
        enum Source { case file(String), stdin, url(String) }
        var sources: [Source] = []
        var pathErrors: [String] = []
        let fm = FileManager.default
        for p in paths {
            if p == "-" { sources.append(.stdin); continue }
            if p.hasPrefix("http://") || p.hasPrefix("https://") { sources.append(.url(p)); continue }
            let matches: [String]
            if fm.fileExists(atPath: session.url(for: p).path) {
                matches = [p]
            } else {
                matches = glob(p, session: session)
                if matches.isEmpty { pathErrors.append("the path \"\(p)\" does not exist"); continue }
            }
            var files: [String] = []
            for m in matches { files += walk(m, recursive: recursive, session: session) }
            if files.isEmpty {
                pathErrors.append("error reading [\(matches.joined(separator: " "))]: recognized file extensions are [\(extensions.joined(separator: " "))]")
            }
            sources += files.map { .file($0) }
        }
        if let f = failure(for: pathErrors) { throw f }

        var load = ManifestLoad()
        for s in sources {
            let name: String, text: String
            switch s {
            case .stdin:
                name = "STDIN"; text = stdin
            case .url(let u):
                guard let t = fetchURL?(u) else {
                    let host = u.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? u
                    load.errors.append("Unable to connect to the server: dial tcp: lookup \(host): no such host")
                    continue
                }
                name = u; text = t
            case .file(let f):
                name = f
                guard let data = fm.contents(atPath: session.url(for: f).path) else {
                    load.errors.append("open \(f): permission denied")
                    continue
                }
                text = String(decoding: data, as: UTF8.self)
            }
            let (docs, parseError) = decode(text, source: name)
            var index = 0
            var stopped = false
            for doc in docs where !stopped {
                do {
                    for obj in try objects(in: doc, source: name, validate: validate) {
                        load.objects.append(ManifestObject(object: obj, source: name, index: index))
                        index += 1
                    }
                } catch let e as ManifestDocumentError {
                    load.errors.append(e.message)
                    stopped = true  // kubectl stops reading a stream at its first bad document
                }
            }
            if let parseError, !stopped { load.errors.append(parseError) }
        }
        return load
    }

    /// kubectl's rendering of collected errors: `error: X` for one, bare lines for several.
    public static func failure(for errors: [String]) -> KubectlFailure? {
        switch errors.count {
        case 0: return nil
        case 1: return errors[0].hasPrefix("Unable to connect") ? .raw(errors[0] + "\n") : .plain(errors[0])
        default: return .raw(errors.joined(separator: "\n") + "\n")
        }
    }

    /// The documents of one source: a JSON stream when it starts with `{`, else YAML documents.
    static func decode(_ text: String, source: String) -> ([Value], String?) {
        if text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).first == "{" {
            let r = JSONCodec.decodeStream(text)
            return (r.values.filter { !$0.isNull }, r.error.map { "error parsing \(source): \($0)" })
        }
        let r = YAMLCodec.decodeDocuments(text)
        return (r.values, r.error.map { "error parsing \(source): \($0)" })
    }

    struct ManifestDocumentError: Error { var message: String }

    /// Checks one decoded document as kubectl's validator and unstructured decoder would, expanding Lists.
    static func objects(in doc: Value, source: String, validate: Bool) throws -> [Value] {
        let hint = "; if you choose to ignore these errors, turn validation off with --validate=false"
        guard case .object(let o) = doc else {
            if validate { throw ManifestDocumentError(message: "error validating \"\(source)\": error validating data: invalid object to validate" + hint) }
            throw ManifestDocumentError(message: "unable to decode \"\(source)\": json: cannot unmarshal \(jsonType(doc)) into Go value of type unstructured.detector")
        }
        if validate {
            var problems: [String] = []
            for field in ["apiVersion", "kind"] {
                if o[field] == nil { problems.append("\(field) not set") } else if o[field]?.stringValue == nil { problems.append("\(field) isn't string type") }
            }
            if !problems.isEmpty {
                let text = problems.count == 1 ? problems[0] : "[" + problems.joined(separator: ", ") + "]"
                throw ManifestDocumentError(message: "error validating \"\(source)\": error validating data: \(text)" + hint)
            }
        }
        guard let kind = o["kind"]?.stringValue, !kind.isEmpty else {
            throw ManifestDocumentError(message: "unable to decode \"\(source)\": Object 'Kind' is missing in '\(JSONCodec.encodeCompact(doc.sortedKeys))'")
        }
        if let problem = metadataProblem(o["metadata"]) {
            throw ManifestDocumentError(message: "unable to decode \"\(source)\": json: \(problem)")
        }
        if kind.hasSuffix("List"), case .array(let items)? = o["items"] {
            return try items.flatMap { try objects(in: $0, source: source, validate: validate) }
        }
        return [doc]
    }

    /// The Go JSON decoder's complaint about a badly typed metadata block, if any.
    static func metadataProblem(_ meta: Value?) -> String? {
        guard let meta, !meta.isNull else { return nil }
        guard case .object(let m) = meta else {
            return "cannot unmarshal \(jsonType(meta)) into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta"
        }
        for f in ["name", "namespace", "generateName", "uid", "resourceVersion"] {
            if let v = m[f], !v.isNull, v.stringValue == nil {
                return "cannot unmarshal \(jsonType(v)) into Go struct field ObjectMeta.metadata.\(f) of type string"
            }
        }
        for f in ["labels", "annotations"] {
            guard let v = m[f], !v.isNull else { continue }
            guard case .object(let map) = v else {
                return "cannot unmarshal \(jsonType(v)) into Go struct field ObjectMeta.metadata.\(f) of type map[string]string"
            }
            if let bad = map.values.first(where: { !$0.isNull && $0.stringValue == nil }) {
                return "cannot unmarshal \(jsonType(bad)) into Go struct field ObjectMeta.metadata.\(f) of type string"
            }
        }
        return nil
    }

    /// Go's name for a JSON value's type in unmarshal errors.
    static func jsonType(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The files under a path: the path itself when it is a file, else the directory's matching files in
    /// filepath.Walk order (sorted names, depth first), descending into subdirectories only with `-R`.
    static func walk(_ path: String, recursive: Bool, session: ShellSession) -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: session.url(for: path).path, isDirectory: &isDir) else { return [] }
        guard isDir.boolValue else { return [path] }
        var out: [String] = []
        func visit(_ dir: String) {
            let names = (try? fm.contentsOfDirectory(atPath: session.url(for: dir).path))?.sorted() ?? []
            for n in names {
                let child = join(dir, n)
                var sub: ObjCBool = false
                _ = fm.fileExists(atPath: session.url(for: child).path, isDirectory: &sub)
                if sub.boolValue {
                    if recursive { visit(child) }
                } else if extensions.contains(where: { n.hasSuffix($0) }) {
                    out.append(child)
                }
            }
        }
        visit(path)
        return out
    }

    /// filepath.Join: joined with `/` and cleaned of `./` and doubled slashes.
    static func join(_ dir: String, _ name: String) -> String {
        var parts: [Substring] = []
        for p in (dir + "/" + name).split(separator: "/", omittingEmptySubsequences: true) where p != "." { parts.append(p) }
        return (dir.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// Shell-style pattern expansion of the last path component (`*.yaml`, `dir/app-?.yml`), sorted.
    static func glob(_ pattern: String, session: ShellSession) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [] }
        let slash = pattern.lastIndex(of: "/")
        let dir = slash.map { String(pattern[..<$0]) } ?? ""
        let last = slash.map { String(pattern[pattern.index(after: $0)...]) } ?? pattern
        let names = (try? FileManager.default.contentsOfDirectory(atPath: session.url(for: dir.isEmpty ? "." : dir).path)) ?? []
        return names.filter { fnmatch(last, $0, 0) == 0 && !(!last.hasPrefix(".") && $0.hasPrefix(".")) }.sorted()
            .map { dir.isEmpty ? $0 : (slash.map { _ in dir + "/" } ?? "") + $0 }
    }
}
