// Reads `-f FILE|DIR|-` (with `-R`) the way kubectl's resource builder does for apply, delete, replace, label and
// edit: documents in order, mapped to resource types and namespaces, with per-document errors kept so the
// good documents still run. (Shared by this brief's verbs; swap for the codec's Manifest.load if it grows one.)
import Foundation
import MiniCluster

/// One object read from a manifest, ready to send.
struct ManifestObject {
    /// Where it came from, as kubectl names it in errors (`deploy.yaml`, `STDIN`).
    var source: String
    var type: ResourceType
    /// The object with its namespace filled in (for namespaced kinds).
    var object: Value
    var name: String { object.metadataName }
    var namespace: String? { type.namespaced ? object.metadataNamespace : nil }
}

/// Everything `-f` produced: the objects and the errors (already worded as kubectl prints them), in order.
struct ManifestSet {
    var objects: [ManifestObject] = []
    var errors: [KubectlFailure] = []
}

enum ManifestReader {
    /// The `-f`/`-R` flags every file-reading verb declares.
    static func flags(_ usage: String) -> [FlagSpec] {
        [
            FlagSpec("filename", "f", .stringSlice, usage: usage),
            FlagSpec("recursive", "R", .bool, default: "false",
                     usage: "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
            FlagSpec("kustomize", "k", usage: "Process a kustomization directory. This flag can't be used together with -f or -R."),
        ]
    }

    /// Reads every `-f` path. A path that does not exist stops everything, as in kubectl.
    static func read(_ f: ParsedFlags, _ k: KubectlContext, registry: ResourceRegistry) throws -> ManifestSet {
        var set = ManifestSet()
        for path in f.strings("filename") {
            let found = try files(path, recursive: f.bool("recursive"), k)
            if found.isEmpty {
                throw KubectlFailure.plain("error reading [\(path)]: recognized file extensions are [.json .yaml .yml]")
            }
            for (source, text) in found {
                decode(text, source: source, into: &set, k, registry: registry)
            }
        }
        return set
    }

    /// The (source name, text) pairs behind one `-f` value.
    static func files(_ path: String, recursive: Bool, _ k: KubectlContext) throws -> [(String, String)] {
        if path == "-" { return [("STDIN", k.io.stdin)] }
        let url = k.session.url(for: path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw KubectlFailure.plain("the path \"\(path)\" does not exist")
        }
        if !isDir.boolValue {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            return [(path, text)]
        }
        var out: [(String, String)] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        for name in names {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            let childURL = url.appendingPathComponent(name)
            var childDir: ObjCBool = false
            FileManager.default.fileExists(atPath: childURL.path, isDirectory: &childDir)
            if childDir.boolValue {
                if recursive { out += try files(child, recursive: true, k) }
                continue
            }
            guard [".json", ".yaml", ".yml"].contains(where: { name.hasSuffix($0) }) else { continue }
            out.append((child, (try? String(contentsOf: childURL, encoding: .utf8)) ?? ""))
        }
        return out
    }

    /// Decodes one file's documents (JSON when it starts with `{`, else YAML) and maps each to a type.
    static func decode(_ text: String, source: String, into set: inout ManifestSet, _ k: KubectlContext,
                       registry: ResourceRegistry) {
        let values: [Value]
        let problem: String?
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            let r = JSONCodec.decodeStream(text)
            values = r.values; problem = r.error?.description
        } else {
            let r = YAMLCodec.decodeDocuments(text)
            values = r.values; problem = r.error?.description
        }
        for v in values {
            // `kind: List` (and FooList) documents hold their objects under items.
            if v.kind.hasSuffix("List"), let items = v["items"]?.arrayValue {
                for item in items { add(item, source: source, into: &set, k, registry: registry) }
            } else {
                add(v, source: source, into: &set, k, registry: registry)
            }
        }
        if let problem { set.errors.append(.plain("error parsing \(source): \(problem)")) }
    }

    static func add(_ v: Value, source: String, into set: inout ManifestSet, _ k: KubectlContext, registry: ResourceRegistry) {
        guard v.isObject else {
            set.errors.append(.plain("error validating \"\(source)\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false"))
            return
        }
        var missing: [String] = []
        if v.apiVersion.isEmpty { missing.append("apiVersion not set") }
        if v.kind.isEmpty { missing.append("kind not set") }
        if !missing.isEmpty {
            let list = missing.count == 1 ? missing[0] : "[" + missing.joined(separator: ", ") + "]"
            set.errors.append(.plain("error validating \"\(source)\": error validating data: \(list); if you choose to ignore these errors, turn validation off with --validate=false"))
            return
        }
        guard let t = registry.lookup(apiVersion: v.apiVersion, kind: v.kind) else {
            let ns = v.metadataNamespace ?? ""
            set.errors.append(.plain("resource mapping not found for name: \"\(v.metadataName)\" namespace: \"\(ns)\" from \"\(source)\": no matches for kind \"\(v.kind)\" in version \"\(v.apiVersion)\"\nensure CRDs are installed first"))
            return
        }
        var obj = v
        if t.namespaced {
            if let given = obj.metadataNamespace, !given.isEmpty {
                if k.namespaceExplicit, given != k.namespace {
                    set.errors.append(.plain("the namespace from the provided object \"\(given)\" does not match the namespace \"\(k.namespace)\". You must pass '--namespace=\(given)' to perform this operation."))
                    return
                }
            } else {
                obj[path: "metadata", "namespace"] = .string(k.namespace)
            }
        }
        set.objects.append(ManifestObject(source: source, type: t, object: obj))
    }
}
