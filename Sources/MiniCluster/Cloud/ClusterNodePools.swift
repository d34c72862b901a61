// Node pools changing after a cluster exists: `gcloud container node-pools create`, `clusters resize` and
// `node-pools delete` add or remove Node objects as GKE's instance groups would (new VMs register as Ready nodes;
// removed ones are drained: their pods are deleted so controllers place replacements elsewhere).

import Foundation

extension Cluster {
    /// The nodes of a node pool (by the `cloud.google.com/gke-nodepool` label), in name order.
    public func nodeNames(pool: String) -> [String] {
        guard let t = registry.lookup(kind: "Node") else { return [] }
        return api.list(t, namespace: nil)
            .filter { $0["metadata"]?["labels"]?["cloud.google.com/gke-nodepool"]?.stringValue == pool }
            .map(\.metadataName).sorted()
    }

    /// Adds `shape.nodesPerZone` nodes of the pool in each of its zones; returns their names. `group` keeps the
    /// 8-hex instance-group part of the names when the pool already has nodes in that zone (a resize).
    @discardableResult
    public func addNodes(_ shape: NodePoolShape, group: String? = nil) -> [String] {
        guard let nodeType = registry.lookup(kind: "Node"), shape.nodesPerZone > 0 else { return [] }
        let existing = api.list(nodeType, namespace: nil)
        // A stream of its own per pool and size, so names never repeat the default pool's.
        var builder = NodePoolBuilder(seed: options.seed &+ GoogleCloud.hash("\(shape.name)/\(existing.count)"))
        let base = NodePoolBuilder(seed: options.seed)
        let usedIPs = Set(existing.compactMap { n in n["status"]?["addresses"]?.arrayValue?.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue })
        var names: [String] = []
        var added: [Value] = []
        var ipHost = 2
        for (i, b) in builder.build(shape, now: now).enumerated() {
            var input = b.object
            let prefix = "gke-\(shape.cluster)-\(shape.name)-"
            if let group, b.name.hasPrefix(prefix) {
                let made = String(b.name.dropFirst(prefix.count).prefix(8))
                input = Self.replacing(made, with: group, in: input)
            }
            // Pod ranges continue after the existing nodes' (the cluster's /14 is shared by every pool).
            let cidr = base.podCIDR(existing.count + i)
            input["spec"]?["podCIDR"] = .string(cidr)
            input["spec"]?["podCIDRs"] = [.string(cidr)]
            var status = input["status"] ?? [:]
            if var addresses = status["addresses"]?.arrayValue, let idx = addresses.firstIndex(where: { $0["type"]?.stringValue == "InternalIP" }),
               let ip = addresses[idx]["address"]?.stringValue, usedIPs.contains(ip) {
                let prefix = ip.split(separator: ".").prefix(2).joined(separator: ".")
                while usedIPs.contains("\(prefix).0.\(ipHost)") { ipHost += 1 }
                addresses[idx]["address"] = .string("\(prefix).0.\(ipHost)")
                ipHost += 1
                status["addresses"] = .array(addresses)
            }
            input["status"] = nil
            guard let created = try? api.create(nodeType, input, namespace: nil, strict: false),
                  let node = try? api.updateStatus(nodeType, namespace: nil, name: created.metadataName, status: status) else { continue }
            names.append(created.metadataName)
            added.append(node)
            nodeLeases.register(node.metadataName)
        }
        if options.systemWorkloads, !added.isEmpty {
            var system = SystemWorkloads(cluster: self, nodes: added)
            system.addNodePods(total: existing.count + added.count)
        }
        settle()
        return names
    }

    /// The zone label of a node (`topology.kubernetes.io/zone`).
    public func zone(ofNode name: String) -> String? {
        guard let t = registry.lookup(kind: "Node") else { return nil }
        return (try? api.get(t, namespace: nil, name: name))?["metadata"]?["labels"]?["topology.kubernetes.io/zone"]?.stringValue
    }

    /// Removes nodes: their pods are deleted at once (the VM is gone), then the Node objects.
    public func removeNodes(_ names: [String]) {
        guard let nodeType = registry.lookup(kind: "Node"), let podType = registry.lookup(kind: "Pod") else { return }
        let doomed = Set(names)
        for pod in api.list(podType, namespace: nil) where doomed.contains(pod["spec"]?["nodeName"]?.stringValue ?? "") {
            _ = try? api.delete(podType, namespace: pod.metadataNamespace, name: pod.metadataName, gracePeriod: 0)
        }
        for n in names { _ = try? api.delete(nodeType, namespace: nil, name: n) }
        if let dsType = registry.lookup(kind: "DaemonSet") {
            let remaining = api.list(nodeType, namespace: nil).count
            for ds in api.list(dsType, namespace: "kube-system") where DaemonSetController.isSystem(ds) {
                SystemWorkloads.setCounts(ds, remaining, api: api, type: dsType)
            }
        }
        settle()
    }

    /// Makes the pool have `perZone` nodes in each of `zones`: adds new ones or removes the newest names.
    public func resizePool(_ shape: NodePoolShape) {
        let current = nodeNames(pool: shape.name)
        guard let nodeType = registry.lookup(kind: "Node") else { return }
        var remove: [String] = []
        for zone in shape.zones {
            let inZone = current.filter { n in
                (try? api.get(nodeType, namespace: nil, name: n))?["metadata"]?["labels"]?["topology.kubernetes.io/zone"]?.stringValue == zone
            }
            let group = inZone.first.map { String($0.dropFirst("gke-\(shape.cluster)-\(shape.name)-".count).prefix(8)) }
            if inZone.count > shape.nodesPerZone {
                remove += inZone.suffix(inZone.count - shape.nodesPerZone)
            } else if inZone.count < shape.nodesPerZone {
                var s = shape
                s.zones = [zone]
                s.nodesPerZone = shape.nodesPerZone - inZone.count
                addNodes(s, group: group)
            }
        }
        if !remove.isEmpty { removeNodes(remove) }
    }

    /// Every string of a value with `old` replaced (a node's name appears in labels, annotations and its provider ID).
    static func replacing(_ old: String, with new: String, in v: Value) -> Value {
        switch v {
        case .string(let s): return .string(s.replacingOccurrences(of: old, with: new))
        case .array(let a): return .array(a.map { replacing(old, with: new, in: $0) })
        case .object(let o):
            var out = o
            for (k, x) in o { out[k] = replacing(old, with: new, in: x) }
            return .object(out)
        default: return v
        }
    }
}

extension Cluster {
    /// What a cluster made with `seed` will use of its VPC: the second octet of its pod range and the first host
    /// number of its node addresses (node i gets host first+i). Lets gcloud pick a seed whose addresses do not
    /// collide with another cluster's in the same project.
    public static func addressPlan(seed: UInt64) -> (podRangeOctet: Int, firstNodeHost: Int) {
        let b = NodePoolBuilder(seed: seed)
        return (b.podRangeOctet, b.firstNodeHost)
    }
}
