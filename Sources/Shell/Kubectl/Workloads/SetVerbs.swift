// `kubectl set image|env|resources`: edits the containers of a pod template (or a pod) in place and prints
// `<type>/<name> image updated` (nothing when nothing changed, as kubectl skips empty patches).
import MiniCluster

/// Where each kind keeps its pod spec.
enum PodSpecPath {
    static func of(_ kind: String) -> [String]? {
        switch kind {
        case "Pod": return ["spec"]
        case "CronJob": return ["spec", "jobTemplate", "spec", "template", "spec"]
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController", "PodTemplate":
            return kind == "PodTemplate" ? ["template", "spec"] : ["spec", "template", "spec"]
        default: return nil
        }
    }
}

/// `kubectl set` alone: its help on stderr and exit 1 (cobra's DefaultSubCommandRun writes to stderr here); with an
/// unknown subcommand, kubectl's usage error. The three subcommands kubectl has and the simulator lacks say so.
struct SetRootVerb: KubectlVerb {
    let path = ["set"]
    let flags: [FlagSpec] = []

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        if let w = f.args.first, ["selector", "serviceaccount", "subject"].contains(w) {
            throw KubectlFailure.plain("kubectl set \(w) is not supported by this simulator yet")
        }
        if !f.args.isEmpty { throw KubectlFailure.usage("unknown command \"\(f.args.joined(separator: " "))\"") }
        k.io.err("""
            Configure application resources.

             These commands help you make changes to existing application resources.

            Available Commands:
              env              Update environment variables on a pod template
              image            Update the image of a pod template
              resources        Update resource requests/limits on objects with pod templates
              selector         Set the selector on a resource
              serviceaccount   Update the service account of a resource
              subject          Update the user, group, or service account in a role binding or cluster role binding

            Usage:
              kubectl set SUBCOMMAND [options]

            Use "kubectl set <command> --help" for more information about a given command.
            Use "kubectl options" for a list of global command-line options (applies to all commands).

            """)
        return 1
    }
}

struct SetVerb: KubectlVerb {
    enum What { case image, env, resources }
    let what: What
    var path: [String] {
        switch what {
        case .image: return ["set", "image"]
        case .env: return ["set", "env"]
        case .resources: return ["set", "resources"]
        }
    }

    var flags: [FlagSpec] {
        var out: [FlagSpec] = [
            FlagSpec("all", .bool, default: "false", usage: "Select all resources, in the namespace of the specified resource types"),
            MutationFlags.dryRun, MutationFlags.fieldManager("kubectl-set"),
            FlagSpec("filename", "f", .stringSlice, default: "", usage: "Filename, directory, or URL to files identifying the resource to get from a server."),
            FlagSpec("kustomize", "k", usage: "Process the kustomization directory."),
            FlagSpec("local", .bool, default: "false", usage: "If true, set image will NOT contact api-server but run locally."),
            FlagSpec("recursive", "R", .bool, default: "false", usage: "Process the directory used in -f, --filename recursively."),
            FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
        ] + MutationFlags.printFlags
        switch what {
        case .image: break
        case .env:
            out += [FlagSpec("containers", "c", default: "*", usage: "The names of containers in the selected pod templates to change - may use wildcards"),
                    FlagSpec("env", "e", .stringArray, default: "", usage: "Specify a key-value pair for an environment variable to set into each container."),
                    FlagSpec("from", usage: "The name of a resource from which to inject environment variables"),
                    FlagSpec("keys", .stringSlice, default: "", usage: "Comma-separated list of keys to import from specified resource"),
                    FlagSpec("list", .bool, default: "false", usage: "If true, display the environment and any changes in the standard format."),
                    FlagSpec("overwrite", .bool, default: "true", usage: "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment."),
                    FlagSpec("prefix", usage: "Prefix to append to variable names"),
                    FlagSpec("resolve", .bool, default: "false", usage: "If true, show secret or configmap references when listing variables")]
        case .resources:
            out += [FlagSpec("containers", "c", default: "*", usage: "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards"),
                    FlagSpec("limits", usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'."),
                    FlagSpec("requests", usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.")]
        }
        return out
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        // Resources first, then changes (`NAME=IMAGE`, `KEY=VALUE`, `KEY-`), as kubectl insists.
        func isChange(_ a: String) -> Bool { a.contains("=") || (what == .env && a.hasSuffix("-")) }
        let firstChange = f.args.firstIndex(where: isChange) ?? f.args.count
        let resources = Array(f.args[..<firstChange])
        let pairs = Array(f.args[firstChange...])
        if let stray = pairs.first(where: { !isChange($0) }) {
            throw KubectlFailure.plain("all resources must be specified before \(what == .image ? "image" : "environment") changes: \(stray)")
        }
        let local = f.bool("local")
        // --local cannot fetch what arguments name (cli-runtime's LocalResourceError), whatever else is wrong.
        if local, !resources.isEmpty { throw KubectlFailure.plain(Self.localResourceError) }
        // set image and set resources find their objects (Complete) before they check the change (Validate), so
        // a forgotten `=IMAGE` reads as a resource argument and the builder's error comes first.
        let missingChange = what == .image ? pairs.isEmpty
            : what == .resources && f.string("limits").isEmpty && f.string("requests").isEmpty
        if missingChange, !local, let code = try Self.builderErrors(resources, f, k) { return code }
        let change: ContainerChange
        switch what {
        case .image:
            if pairs.isEmpty { throw KubectlFailure.plain("at least one image update is required") }
            change = .image(pairs.map { p in let i = p.firstIndex(of: "=")!; return (String(p[..<i]), String(p[p.index(after: i)...])) })
        case .env:
            let list = f.bool("list"), from = f.string("from")
            if !f.strings("keys").isEmpty, from.isEmpty {
                throw KubectlFailure.plain("when specifying --keys, a configmap or secret must be provided with --from")
            }
            var env = list ? EnvChange() : try EnvChange.parse(pairs + f.strings("env"), prefix: f.string("prefix"), fromGiven: !from.isEmpty)
            if !list, !from.isEmpty { env.refs = try Self.envReferences(from, f, k) }
            change = .env(env)
        case .resources:
            if f.string("limits").isEmpty, f.string("requests").isEmpty {
                throw KubectlFailure.plain("you must specify an update to requests or limits (in the form of --requests/--limits)")
            }
            change = .resources(limits: try Self.quantities(f.string("limits")), requests: try Self.quantities(f.string("requests")))
        }
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try ResultPrinter(f, dryRun: dryRun, session: k.session)
        let cluster = try k.cluster()
        let targets = try ResourceTargets.resolve(resources, f, k, cluster: cluster, selectAll: f.bool("all"),
                                                  allowEmptySelector: f.bool("all"))
        let containers = f.specs["containers"] != nil ? f.string("containers") : "*"
        var errors: [KubectlFailure] = []
        for item in targets.items {
            switch item {
            case .failure(let e): errors.append(e)
            case .target(let t):
                do {
                    let live = try t.object ?? ResourceTargets.live(t, cluster)
                    guard let specPath = PodSpecPath.of(t.type.kind) else {
                        throw KubectlFailure.plain("error: \(t.type.qualifiedPlural) \"\(t.name)\" is not supported")
                    }
                    var obj = live
                    if what == .env, f.bool("list") {
                        k.io.out(EnvChange.list(obj, specPath: specPath, containers: containers, kind: t.type.kind))
                        continue
                    }
                    try change.apply(&obj, specPath: specPath, containers: containers, overwrite: f.specs["overwrite"] == nil || f.bool("overwrite"))
                    if obj == live, !local { continue }
                    if !local, dryRun != .client,
                       let e = Impersonation.denial(t.requester, cluster, verb: "patch", type: t.type, name: t.name, namespace: t.namespace) {
                        // kubectl's words for a refused patch (set resources has no colon there).
                        let word = what == .image ? "image" : what == .env ? "env" : "resources"
                        throw KubectlFailure.plain("failed to patch \(word) update to pod template\(what == .resources ? "" : ":") \(e.message)")
                    }
                    let written = dryRun == .client || local ? obj
                        : try cluster.api.update(t.type, obj, namespace: t.namespace, dryRun: dryRun == .server)
                    try printer.print(written, type: t.type, operation: change.operation, k)
                } catch let e as KubectlFailure { errors.append(e) } catch let e as APIError { errors.append(.api(e)) }
            }
        }
        if errors.isEmpty { return 0 }
        KubectlErrors.report(errors, k)
        return 1
    }

    /// The variables `--from` names: the builder fetches the ConfigMap or Secret (`configmap/NAME`), errors as it does.
    static func envReferences(_ from: String, _ f: ParsedFlags, _ k: KubectlContext) throws -> [(String, Value)] {
        let cluster = try k.cluster()
        let selection = try ResourceArgs.parse([from], registry: cluster.registry)
        guard case .named(let t, let name)? = selection.items.first else {
            throw KubectlFailure.plain("unsupported resource specified in --from")
        }
        let obj = try cluster.api.get(t, namespace: t.namespaced ? k.namespace : nil, name: name)
        return try EnvChange.references(from: obj, kind: t.kind, keys: f.strings("keys"), prefix: f.string("prefix"))
    }

    static let localResourceError = """
        you must specify resources by --filename when --local is set.
        Example resource specifications include:
           '-f rsrc.yaml'
           '--filename=rsrc.json'
        """

    /// The errors kubectl's builder reports for the resource arguments (a bad argument, an object that is not
    /// there), reported as kubectl does; nil when it finds every object.
    static func builderErrors(_ resources: [String], _ f: ParsedFlags, _ k: KubectlContext) throws -> Int32? {
        let cluster = try k.cluster()
        let targets = try ResourceTargets.resolve(resources, f, k, cluster: cluster, selectAll: f.bool("all"),
                                                  allowEmptySelector: f.bool("all"))
        var errors: [KubectlFailure] = []
        for item in targets.items {
            switch item {
            case .failure(let e): errors.append(e)
            case .target(let t) where t.object == nil:
                do { _ = try ResourceTargets.live(t, cluster) } catch let e as APIError { errors.append(.api(e)) }
            case .target: break
            }
        }
        if errors.isEmpty { return nil }
        KubectlErrors.report(errors, k)
        return 1
    }

    /// `cpu=100m,memory=256Mi` → canonical quantities.
    static func quantities(_ text: String) throws -> [(String, String)] {
        guard !text.isEmpty else { return [] }
        var out: [(String, String)] = []
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard kv.count == 2 else { throw KubectlFailure.plain("Invalid argument syntax \(part), expected <resource>=<value>") }
            guard let q = try? MiniCluster.Quantity(parsing: kv[1]) else {
                throw KubectlFailure.plain("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
            }
            out.append((kv[0], q.description))
        }
        return out
    }
}

/// One `set` edit applied to the selected containers of a pod spec.
enum ContainerChange {
    case image([(String, String)])
    case env(EnvChange)
    case resources(limits: [(String, String)], requests: [(String, String)])

    var operation: String {
        switch self {
        case .image: return "image updated"
        case .env: return "env updated"
        case .resources: return "resource requirements updated"
        }
    }

    func apply(_ obj: inout Value, specPath: [String], containers: String, overwrite: Bool) throws {
        var spec = obj[pathArray: specPath] ?? .emptyObject
        switch self {
        case .image(let pairs):
            for (name, image) in pairs {
                var found = false
                for key in ["initContainers", "containers"] {
                    guard var list = spec[key]?.arrayValue else { continue }
                    for i in list.indices where name == "*" || list[i]["name"]?.stringValue == name {
                        list[i]["image"] = .string(image)
                        found = true
                    }
                    spec[key] = .array(list)
                }
                if !found { throw KubectlFailure.plain("unable to find container named \"\(name)\"") }
            }
        case .env(let e):
            guard var list = spec["containers"]?.arrayValue else { break }
            for i in list.indices where EnvChange.matches(containers, list[i]["name"]?.stringValue ?? "") {
                try e.apply(&list[i], overwrite: overwrite)
            }
            spec["containers"] = .array(list)
        case .resources(let limits, let requests):
            var matched = false
            for key in ["initContainers", "containers"] {
                guard var list = spec[key]?.arrayValue else { continue }
                for i in list.indices where EnvChange.matches(containers, list[i]["name"]?.stringValue ?? "") {
                    matched = true
                    for (r, q) in limits { list[i][path: "resources", "limits", r] = .string(q) }
                    for (r, q) in requests { list[i][path: "resources", "requests", r] = .string(q) }
                }
                spec[key] = .array(list)
            }
            if !matched { throw KubectlFailure.plain("unable to find container named \(containers)") }
        }
        obj[pathArray: specPath] = spec
    }
}
