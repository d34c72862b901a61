// The shared life of every `kubectl create <generator>`: required flags, the one NAME, --dry-run and -o, building
// the object client-side in Go struct field order, creating it through the API server, and kubectl's error wording.
import MiniCluster

/// One `kubectl create` generator (deployment, configmap, service clusterip …).
protocol CreateGenerator: KubectlVerb {
    /// The generator's own flags; the print, dry-run and validation flags are added to them.
    var ownFlags: [FlagSpec] { get }
    /// Flags cobra marks required (checked right after parsing, sorted by name).
    var requiredFlags: [String] { get }
    /// How kubectl wraps the server's error (`failed to create deployment: `); nil prints it as the server said.
    var serverErrorPrefix: String? { get }
    /// Checks done after NAME, --dry-run and -o have been read (the generator's Complete/Validate).
    func validate(_ c: CreateCall) throws
    /// Builds the object the generator would send, exactly as kubectl's client-side code builds it.
    func build(_ c: CreateCall) throws -> Value
}

extension CreateGenerator {
    var flags: [FlagSpec] { (ownFlags + MutationFlags.createCommon).sorted { $0.name < $1.name } }
    var requiredFlags: [String] { [] }
    func validate(_ c: CreateCall) throws {}

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try CreateFlow.checkRequired(requiredFlags, f)
        let name = try CreateFlow.name(f)
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try MutationPrinter(f, dryRun: dryRun, session: k.session)
        try MutationFlags.checkValidate(f)
        let call = CreateCall(name: name, flags: f, context: k, dryRun: dryRun)
        try validate(call)
        let obj = try build(call)
        let result = try CreateFlow.submit(obj, call, wrap: serverErrorPrefix)
        try printer.print(result, k)
        return 0
    }
}

/// What a generator sees while building: the NAME, extra args (a command after `--`), flags and context.
struct CreateCall {
    var name: String
    var flags: ParsedFlags
    var context: KubectlContext
    var dryRun: DryRunStrategy

    /// Arguments after NAME (the container command of `create job`/`cronjob`/`deployment`).
    var command: [String] { Array(flags.args.dropFirst()) }

    /// `metadata.namespace` for the generated object: only set when `-n` was given (kubectl's EnforceNamespace).
    var enforcedNamespace: Value? { context.namespaceExplicit ? .string(context.namespace) : Value?.none }

    /// A random 5-character suffix from the cluster's seeded generator (kubectl's utilrand.String).
    func randomSuffix() -> String {
        if let c = context.session.currentCluster { return c.api.random.nameSuffix() }
        var r = SeededRandom(seed: 1)
        return r.nameSuffix()
    }
}

/// The steps of the create flow that `create -f` and `run` share with the generators.
enum CreateFlow {
    /// cobra's required-flag check: every missing one, in flag-name order.
    static func checkRequired(_ names: [String], _ f: ParsedFlags) throws {
        let missing = names.filter { !f.isSet($0) }.sorted()
        if missing.isEmpty { return }
        throw KubectlFailure.plain("required flag(s) " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + " not set")
    }

    /// kubectl's NameFromCommandArgs: exactly one argument before `--`.
    static func name(_ f: ParsedFlags) throws -> String {
        let beforeDash = f.args.count - (f.argsAfterDash?.count ?? 0)
        guard beforeDash == 1 else { throw KubectlFailure.usage("exactly one NAME is required, got \(beforeDash)") }
        return f.args[0]
    }

    /// Adds the last-applied annotation when `--save-config` is set (kubectl's CreateOrUpdateAnnotation).
    static func annotateIfAsked(_ obj: inout Value, _ f: ParsedFlags) {
        guard f.bool("save-config") else { return }
        LastApplied.annotate(&obj)
    }

    /// Creates the object (unless a client dry run) and returns what to print; wraps server errors as asked.
    static func submit(_ input: Value, _ c: CreateCall, wrap: String?) throws -> Value {
        var obj = input
        annotateIfAsked(&obj, c.flags)
        if c.dryRun == .client { return obj }
        let cluster = try c.context.cluster()
        guard let type = cluster.registry.lookup(apiVersion: obj.apiVersion, kind: obj.kind) else {
            throw KubectlFailure.plain("no matches for kind \"\(obj.kind)\" in version \"\(obj.apiVersion)\"")
        }
        do {
            if let e = Impersonation.denial(c.context.flags, cluster, verb: "create", type: type, name: "",
                                            namespace: c.context.namespace) { throw e }
            return try cluster.api.create(type, obj, namespace: type.namespaced ? c.context.namespace : String?.none,
                                          dryRun: c.dryRun == .server)
        } catch let e as APIError {
            guard let wrap else { throw e }
            throw KubectlFailure.plain(wrap + e.message)
        }
    }
}

/// Small builders for the pieces many generators share, in Go struct field order.
enum Build {
    /// ObjectMeta as a client-side generator leaves it: name, namespace, `creationTimestamp: null`, labels, annotations.
    static func meta(name: String?, namespace: Value? = nil, labels: Value? = nil, annotations: Value? = nil) -> Value {
        .obj(["name": name.map(Value.string), "namespace": namespace, "creationTimestamp": .null,
              "labels": labels, "annotations": annotations])
    }

    /// The TypeMeta + ObjectMeta head of an object; kind comes before apiVersion in Go's TypeMeta.
    static func head(_ kind: String, _ apiVersion: String, _ meta: Value) -> [(String, Value)] {
        [("kind", .string(kind)), ("apiVersion", .string(apiVersion)), ("metadata", meta)]
    }

    /// An object from ordered pairs, dropping nil values (omitempty).
    static func object(_ pairs: [(String, Value?)]) -> Value {
        var v = Value.emptyObject
        for (k, x) in pairs { if let x { v[k] = x } }
        return v
    }

    /// A string map with keys sorted, as Go's encoding/json writes maps; nil when empty (omitempty).
    static func map(_ m: [String: String]) -> Value? { m.isEmpty ? Value?.none : Value(stringMap: m) }

    /// A list of strings, nil when empty (omitempty).
    static func strings(_ a: [String]) -> Value? { a.isEmpty ? Value?.none : .array(a.map(Value.string)) }

    /// A container with kubectl's always-present `resources: {}`.
    static func container(name: String, image: String, command: [String] = [], args: [String] = [],
                          ports: Value? = nil, env: Value? = nil, resources: Value = .emptyObject,
                          imagePullPolicy: String? = nil, securityContext: Value? = nil,
                          stdin: Bool = false, stdinOnce: Bool = false, tty: Bool = false) -> Value {
        object([("name", .string(name)), ("image", .string(image)), ("command", strings(command)), ("args", strings(args)),
                ("ports", ports), ("env", env), ("resources", resources),
                ("imagePullPolicy", imagePullPolicy.map(Value.string)), ("securityContext", securityContext),
                ("stdin", stdin ? .bool(true) : Value?.none), ("stdinOnce", stdinOnce ? .bool(true) : Value?.none), ("tty", tty ? .bool(true) : Value?.none)])
    }

    /// `intstr.Parse`: an int when the text is a number, else a string.
    static func intOrString(_ s: String) -> Value {
        if let i = Int32(s) { return .int(Int(i)) }
        return .string(s)
    }
}

extension Build {
    /// `v` when `include`, else nothing. (A bare `cond ? nil : value` would make `Value.null`, since Value
    /// is nil-literal convertible, and print `null` where Go omits the field.)
    static func opt(_ include: Bool, _ v: @autoclosure () -> Value) -> Value? { include ? .some(v()) : .none }
}
