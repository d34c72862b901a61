// Reads `-f FILE|DIR|-` (with `-R`) the way kubectl's resource builder does for apply, delete, replace, label and
// edit: documents in order, mapped to resource types and namespaces, with per-document errors kept so the
// good documents still run. Decoding is the shared Manifest loader; mapping and namespaces happen here.
import Foundation
import MiniCluster

/// One object read from a manifest, mapped to its resource type, ready to send.
struct MappedManifest {
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
    var objects: [MappedManifest] = []
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

    /// Reads every `-f` path through the shared Manifest loader, then maps each object to its type and
    /// namespace (kubectl's builder: RESTMapping and RequireNamespace). Path problems throw at once.
    static func read(_ f: ParsedFlags, _ k: KubectlContext, registry: ResourceRegistry) throws -> ManifestSet {
        let validate = f.specs["validate"] == nil || !["false", "ignore"].contains(f.string("validate"))
        let load = try Manifest.read(f.strings("filename"), recursive: f.bool("recursive"), validate: validate,
                                     session: k.session, stdin: k.io.stdin)
        var set = ManifestSet()
        for m in load.objects { add(m.object, source: m.source, into: &set, k, registry: registry) }
        set.errors += load.errors.map { KubectlFailure.plain($0) }
        return set
    }

    static func add(_ v: Value, source: String, into set: inout ManifestSet, _ k: KubectlContext, registry: ResourceRegistry) {
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
        set.objects.append(MappedManifest(source: source, type: t, object: obj))
    }
}
