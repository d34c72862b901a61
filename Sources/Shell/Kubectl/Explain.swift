// `kubectl explain TYPE[.field.path]`: documentation of a kind and its fields, from kubetutor's own notes.
import MiniCluster

struct ExplainVerb: KubectlVerb {
    let path = ["explain"]
    let flags = [
        FlagSpec("api-version", usage: "Use given api-version (group/version) of the resource."),
        FlagSpec("output", "o", default: "plaintext", usage: "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2)."),
        FlagSpec("recursive", .bool, default: "false", usage: "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description."),
    ]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if f.args.isEmpty {
            throw KubectlFailure.plain("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.")
        }
        if f.args.count > 1 { throw KubectlFailure.plain("We accept only this format: explain RESOURCE") }
        let output = f.string("output")
        if output != "plaintext" && output != "plaintext-openapiv2" {
            throw KubectlFailure.plain("template \(output) not found")
        }
        let cluster = try k.cluster()
        let (type, fieldPath) = try Self.split(f.args[0], cluster.registry)
        var group = type.group, version = type.version
        let requested = f.string("api-version")
        if !requested.isEmpty {
            let parts = requested.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let (g, v) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            if g != type.group || !([type.version] + type.otherVersions).contains(v) {
                throw KubectlFailure.plain("GVR (\(g)/\(v), Resource=\(type.plural)) not found in OpenAPI schema")
            }
            group = g; version = v
        }
        let root = ExplainCatalog.root(forKind: type.kind)
        let target = try ExplainRenderer.resolve(root: root, path: fieldPath)
        k.io.out(ExplainRenderer.render(group: group, kind: type.kind, version: version, target: target,
                                        recursive: f.bool("recursive")))
        return 0
    }

    /// Splits `deploy.spec.template` into the resource (the longest dotted prefix the server knows) and the
    /// field path, as kubectl's SplitAndParseResourceRequestWithMatchingPrefix does.
    static func split(_ arg: String, _ registry: ResourceRegistry) throws -> (ResourceType, [String]) {
        let parts = arg.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for n in stride(from: parts.count, through: 1, by: -1) {
            if let t = registry.lookup(parts[0..<n].joined(separator: ".")) { return (t, Array(parts[n...])) }
        }
        return (try ResourceArgs.resolve(parts[0], registry), [])
    }
}
