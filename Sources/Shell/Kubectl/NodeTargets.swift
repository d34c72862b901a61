// The nodes a node verb (cordon, uncordon, drain, taint) acts on: names (`NAME` or `node/NAME`) or `-l`.
import MiniCluster

enum NodeTargets {
    /// Resolves the node arguments the way kubectl's builder does for `ResourceNames("nodes", args...)`.
    /// With `requester` (`--as`), the list or each get is authorized for that identity first.
    static func resolve(_ names: [String], selector: String, cluster: Cluster, requester: UserInfo? = nil) throws -> [Value] {
        guard let nodeType = cluster.registry.lookup(kind: "Node") else { return [] }
        if !selector.isEmpty {
            try Impersonation.authorize(requester, cluster, verb: "list", type: nodeType, name: "", namespace: nil)
            return try cluster.api.list(nodeType, namespace: nil, labelSelector: selector, fieldSelector: nil)
        }
        return try names.map { arg in
            var name = arg
            if let slash = arg.firstIndex(of: "/") {
                let type = try ResourceArgs.resolve(String(arg[..<slash]), cluster.registry)
                guard type == nodeType else {
                    throw KubectlFailure.plain("error: expected resource of type node, got \"\(type.gvrDescription)\"")
                }
                name = String(arg[arg.index(after: slash)...])
            }
            try Impersonation.authorize(requester, cluster, verb: "get", type: nodeType, name: name, namespace: nil)
            return try cluster.api.get(nodeType, namespace: nil, name: name)
        }
    }

    /// The checks cordon, uncordon and drain share (their Complete).
    static func validate(_ args: [String], _ f: ParsedFlags, verb: String) throws {
        if args.isEmpty, !f.isSet("selector") { throw KubectlFailure.usage("USAGE: \(verb) NODE [flags]") }
        if !args.isEmpty, !f.string("selector").isEmpty {
            throw KubectlFailure.usage("cannot specify both a node name and a --selector option")
        }
    }

    static let selectorFlag = FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")

    /// Cordons (or uncordons) each node, printing `node/NAME cordoned` or `already cordoned` (RunCordonOrUncordon).
    static func setUnschedulable(_ nodes: [Value], _ desired: Bool, dryRun: DryRunStrategy, cluster: Cluster, io: CommandIO,
                                 requester: UserInfo? = nil) {
        let word = desired ? "cordoned" : "uncordoned"
        guard let nodeType = cluster.registry.lookup(kind: "Node") else { return }
        for node in nodes {
            let current = node[path: "spec", "unschedulable"]?.boolValue ?? false
            if current == desired {
                io.outLine("node/\(node.metadataName) already \(word)\(dryRun.suffix)")
                continue
            }
            if dryRun != .client {
                if let e = Impersonation.denial(requester, cluster, verb: "patch", type: nodeType, name: node.metadataName, namespace: nil) {
                    io.errLine("error: unable to \(desired ? "cordon" : "uncordon") node \"\(node.metadataName)\": \(e.message)")
                    continue
                }
                var updated = node
                updated[path: "spec", "unschedulable"] = desired ? true : nil
                do { _ = try cluster.api.update(nodeType, updated, namespace: nil, dryRun: dryRun == .server) } catch {
                    io.errLine("error: unable to \(desired ? "cordon" : "uncordon") node \"\(node.metadataName)\": \(error)")
                    continue
                }
            }
            io.outLine("node/\(node.metadataName) \(word)\(dryRun.suffix)")
        }
    }
}

/// `kubectl cordon NODE` and `kubectl uncordon NODE`.
struct CordonVerb: KubectlVerb {
    let desired: Bool
    var path: [String] { [desired ? "cordon" : "uncordon"] }
    var flags: [FlagSpec] { [MutationFlags.dryRun, NodeTargets.selectorFlag] }

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try NodeTargets.validate(f.args, f, verb: path[0])
        let dryRun = try DryRunStrategy.from(f, k)
        let cluster = try k.cluster()
        let requester = Impersonation.requester(f)
        let nodes = try NodeTargets.resolve(f.args, selector: f.string("selector"), cluster: cluster, requester: requester)
        NodeTargets.setUnschedulable(nodes, desired, dryRun: dryRun, cluster: cluster, io: k.io, requester: requester)
        return 0
    }
}
