// `kubectl expose (-f FILE | TYPE NAME) [--port] [--target-port] [--type] [--name] …`: a Service for a pod,
// deployment, replica set, replication controller or service, built as kubectl's expose command builds it —
// selector, ports and protocols found by introspection when not given, labels copied from the object.
import MiniCluster

struct ExposeVerb: KubectlVerb {
    let path = ["expose"]
    let flags: [FlagSpec] = ([
        FlagSpec("cluster-ip", usage: "ClusterIP to be assigned to the service, or 'None' for a headless service."),
        FlagSpec("external-ip", usage: "Additional external IP address (not managed by Kubernetes) to accept for the service."),
        FlagSpec("filename", "f", .stringSlice, usage: "Files identifying the resource to expose a service"),
        FlagSpec("kustomize", "k", usage: "Process the kustomization directory."),
        FlagSpec("labels", "l", usage: "Labels to apply to the service created by this call."),
        FlagSpec("load-balancer-ip", usage: "IP to assign to the LoadBalancer."),
        FlagSpec("name", usage: "The name for the newly created object."),
        FlagSpec("override-type", default: "merge", usage: "The method used to override the generated object: json, merge, or strategic."),
        FlagSpec("overrides", usage: "An inline JSON override for the generated object."),
        FlagSpec("port", usage: "The port that the service should serve on."),
        FlagSpec("protocol", usage: "The network protocol for the service to be created. Default is 'TCP'."),
        FlagSpec("recursive", "R", .bool, default: "false", usage: "Process the directory used in -f recursively."),
        FlagSpec("selector", usage: "A label selector to use for this service."),
        FlagSpec("session-affinity", usage: "If non-empty, set the session affinity for the service to this."),
        FlagSpec("target-port", usage: "Name or number for the port on the container that the service should direct traffic to."),
        FlagSpec("type", usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName."),
    ] + MutationFlags.printFlags + [MutationFlags.dryRun, MutationFlags.saveConfig, MutationFlags.fieldManager("kubectl-expose"),
                                    MutationFlags.validate]).sorted { $0.name < $1.name }

    /// The kinds kubectl can expose (its `CanBeExposed`).
    static let exposable: Set<String> = ["/Pod", "/Service", "/ReplicationController", "apps/Deployment", "apps/ReplicaSet",
                                         "extensions/Deployment", "extensions/ReplicaSet"]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let dryRun = try DryRunStrategy.from(f, k)
        let printer = try MutationPrinter(f, verb: "exposed", dryRun: dryRun, session: k.session)
        let cluster = try k.cluster()
        let targets = try Self.targets(f, k, cluster)
        for var target in targets {
            target.requester = Impersonation.requester(f)
            guard Self.exposable.contains("\(target.type.group)/\(target.type.kind)") else {
                throw KubectlFailure.plain("cannot expose a \(target.type.kind)")
            }
            let object = try target.object ?? ResourceTargets.live(target, cluster)
            var svc = try ExposeService.build(for: object, kind: target.type.kind, f)
            if !f.string("overrides").isEmpty { svc = try RunPod.override(svc, f) }
            CreateFlow.annotateIfAsked(&svc, f)
            if dryRun == .client {
                if k.namespaceExplicit { svc[path: "metadata", "namespace"] = .string(k.namespace) }
                try printer.print(svc, k)
                continue
            }
            guard let t = cluster.registry.lookup(kind: "Service") else { continue }
            try Impersonation.authorize(f, cluster, verb: "create", type: t, name: "", namespace: k.namespace)
            let created = try cluster.api.create(t, svc, namespace: k.namespace, dryRun: dryRun == .server)
            try printer.print(created, typed: false, k)
        }
        return 0
    }

    /// `-f FILE` or `TYPE NAME` / `TYPE/NAME`, as the builder resolves them for expose.
    static func targets(_ f: ParsedFlags, _ k: KubectlContext, _ cluster: Cluster) throws -> [ObjectTarget] {
        let args = f.args
        if !f.strings("filename").isEmpty {
            let set = try ResourceTargets.resolve(args, f, k, cluster: cluster)
            return try set.items.map { item in
                switch item {
                case .target(let t): return t
                case .failure(let e): throw e
                }
            }
        }
        if args.isEmpty { throw KubectlFailure.plain(ResourceTargets.missingResource) }
        let selection = try ResourceArgs.parse(args, registry: cluster.registry)
        guard selection.hasNames else { throw KubectlFailure.plain("resource(s) were provided, but no name was specified") }
        return selection.items.compactMap { item in
            guard case .named(let t, let name) = item else { return nil }
            return ObjectTarget(type: t, namespace: t.namespaced ? k.namespace : nil, name: name)
        }
    }
}
