// `kubectl taint NODE key=value:Effect | key:Effect- | key-`: add, overwrite and remove node taints with
// kubectl's parsing, checks and messages (cmd/taint).
import MiniCluster

struct TaintVerb: KubectlVerb {
    let path = ["taint"]
    var flags: [FlagSpec] {
        [FlagSpec("all", .bool, default: "false", usage: "Select all nodes in the cluster"),
         MutationFlags.dryRun, MutationFlags.fieldManager("kubectl-taint"),
         FlagSpec("overwrite", .bool, default: "false", usage: "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints."),
         NodeTargets.selectorFlag, MutationFlags.validate] + MutationFlags.printFlags
    }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let dryRun = try DryRunStrategy.from(f, k)
        var resources: [String] = [], specs: [String] = []
        for s in f.args {
            let isTaint = s.contains("=") || s.contains(":") || s.hasSuffix("-")
            if isTaint { specs.append(s); continue }
            if !specs.isEmpty { throw KubectlFailure.plain("all resources must be specified before taint changes: \(s)") }
            resources.append(s)
        }
        if resources.isEmpty { throw KubectlFailure.plain("one or more resources must be specified as <resource> <name>") }
        if specs.isEmpty { throw KubectlFailure.plain("at least one taint update is required") }
        let (add, remove) = try Self.parse(specs)
        let cluster = try k.cluster()
        let type = try ResourceArgs.resolve(resources[0].lowercased(), cluster.registry)
        guard type.kind == "Node", type.group.isEmpty else {
            throw KubectlFailure.plain("invalid resource type \(resources[0].lowercased()), only node types are supported")
        }
        var conflicts: [String] = []
        for a in add {
            for r in remove where a.key == r.key && (r.effect.isEmpty || a.effect == r.effect) { conflicts.append("\(r.key)=\(r.effect)") }
        }
        if !conflicts.isEmpty {
            throw KubectlFailure.plain("can not both modify and remove the following taint(s) in the same command: \(conflicts.joined(separator: ", "))")
        }
        let all = f.bool("all"), selector = f.string("selector")
        if all, !selector.isEmpty { throw KubectlFailure.plain("setting 'all' parameter with a non empty selector is prohibited") }
        if !all, selector.isEmpty, resources.count < 2 {
            throw KubectlFailure.plain("at least one resource name must be specified since 'all' parameter is not set")
        }
        let nodeType = type
        let nodes: [Value] = all ? cluster.api.list(nodeType, namespace: nil)
            : try NodeTargets.resolve(Array(resources.dropFirst()), selector: selector, cluster: cluster,
                                     requester: Impersonation.requester(f))
        // `-o name` (and no -o) print the operation line; other formats print the node.
        let output = ["", "name"].contains(f.string("output")) ? nil : try ObjectOutput.parse(flags: f, tables: false, session: k.session)
        for node in nodes {
            let old = Taint.of(node: node)
            if !f.bool("overwrite") {
                let exists = add.flatMap { a in old.filter { $0.key == a.key && $0.effect == a.effect }.map { _ in a.key } }
                if !exists.isEmpty {
                    throw KubectlFailure.plain("node \(node.metadataName) already has \(exists.joined(separator: ",")) taint(s) with same effect(s) and --overwrite is false")
                }
            }
            var taints = add
            for o in old where !taints.contains(where: { $0.key == o.key && $0.effect == o.effect }) { taints.append(o) }
            let added = old.count != taints.count
            var removed = false
            var notFound: [String] = []
            for r in remove {
                let before = taints.count
                taints.removeAll { $0.key == r.key && (r.effect.isEmpty || $0.effect == r.effect) }
                removed = taints.count != before
                if !removed { notFound.append("taint \"\(r.description)\" not found") }
            }
            if !notFound.isEmpty { throw KubectlFailure.plain(notFound.joined(separator: "\n")) }
            let operation = (added && removed) || f.bool("overwrite") ? "modified" : added ? "tainted" : "untainted"
            var updated = node
            updated[path: "spec", "taints"] = taints.isEmpty ? nil : .array(taints.map(\.value_))
            var result = updated
            if dryRun != .client {
                try Impersonation.authorize(f, cluster, verb: "patch", type: nodeType, name: node.metadataName, namespace: nil)
                result = try cluster.api.update(nodeType, updated, namespace: nil, dryRun: dryRun == .server)
            }
            if let output {
                try output.print([result], asList: false, io: k.io)
            } else {
                k.io.outLine("node/\(node.metadataName) \(operation)\(dryRun.suffix)")
            }
        }
        return 0
    }

    /// parseTaints: `key[=value]:Effect` to add, `key[:Effect]-` to remove.
    static func parse(_ specs: [String]) throws -> (add: [Taint], remove: [Taint]) {
        var add: [Taint] = [], remove: [Taint] = []
        for spec in specs {
            if spec.hasSuffix("-") {
                let t = try parseOne(String(spec.dropLast()))
                remove.append(Taint(key: t.key, effect: t.effect))
                continue
            }
            let t = try parseOne(spec)
            if t.effect.isEmpty { throw KubectlFailure.usage("invalid taint spec: \(spec)") }
            if add.contains(where: { $0.key == t.key && $0.effect == t.effect }) {
                throw KubectlFailure.usage("duplicated taints with the same key and effect: {\(t.key) \(t.value) \(t.effect) <nil>}")
            }
            add.append(t)
        }
        return (add, remove)
    }

    private static func parseOne(_ st: String) throws -> Taint {
        let parts = st.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var key = "", value = "", effect = ""
        switch parts.count {
        case 1: key = parts[0]
        case 2:
            effect = parts[1]
            guard ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(effect) else {
                throw KubectlFailure.usage("invalid taint effect: \(effect), unsupported taint effect")
            }
            let kv = parts[0].split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            if kv.count > 2 { throw KubectlFailure.usage("invalid taint spec: \(st)") }
            key = kv[0]
            if kv.count == 2 {
                value = kv[1]
                let errs = MiniCluster.NameRules.labelValue(value)
                if !errs.isEmpty { throw KubectlFailure.usage("invalid taint spec: \(st), \(errs.joined(separator: "; "))") }
            }
        default:
            throw KubectlFailure.usage("invalid taint spec: \(st)")
        }
        let errs = MiniCluster.NameRules.qualifiedName(key)
        if !errs.isEmpty { throw KubectlFailure.usage("invalid taint spec: \(st), \(errs.joined(separator: "; "))") }
        return Taint(key: key, value: value, effect: effect)
    }
}
