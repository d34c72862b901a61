// How kubectl's container verbs (logs, exec, top, port-forward) find pods and their running containers.
import MiniCluster

public enum ContainerAccess {
    /// The running containers of a cluster: the kubelets' directory (tests may install a fake).
    public static var directory: (Cluster) -> ContainerDirectory? = { $0.kubelets }
}

/// A pod chosen by a verb, with the container names kubectl offers.
struct PodTarget {
    var pod: Value
    var name: String { pod[path: "metadata", "name"]?.stringValue ?? "" }
    var namespace: String { pod[path: "metadata", "namespace"]?.stringValue ?? "" }

    var containers: [String] { names("containers") }
    var initContainers: [String] { names("initContainers") }
    private func names(_ key: String) -> [String] {
        pod[path: "spec", key]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    /// `a, b, init (init)`, as kubectl lists every container of a pod.
    var allContainerNames: String {
        (containers + initContainers.map { "\($0) (init)" }
            + names("ephemeralContainers").map { "\($0) (ephem)" }).joined(separator: ", ")
    }

    /// The container a verb uses when none is named: the default-container annotation, else the first one;
    /// kubectl says which on stderr when the pod has others.
    func defaultContainer(io: CommandIO) -> String? {
        if let d = pod[path: "metadata", "annotations", "kubectl.kubernetes.io/default-container"]?.stringValue, !d.isEmpty {
            if containers.contains(d) || initContainers.contains(d) { return d }
            io.errLine("Default container name \"\(d)\" not found in pod \(name)")
        }
        guard let first = containers.first else { return nil }
        if containers.count > 1 || !initContainers.isEmpty || !names("ephemeralContainers").isEmpty {
            io.errLine("Defaulted container \"\(first)\" out of: \(allContainerNames)")
        }
        return first
    }

    /// The container's entry in `status.containerStatuses` (or the init containers').
    func status(of container: String) -> Value? {
        for key in ["containerStatuses", "initContainerStatuses"] {
            if let s = pod[path: "status", key]?.arrayValue?.first(where: { $0["name"]?.stringValue == container }) { return s }
        }
        return nil
    }

    var nodeName: String? { pod[path: "spec", "nodeName"]?.stringValue }
}

enum PodResolver {
    /// The pods `TYPE/NAME` (or a bare pod name) stands for: a pod itself, or a workload's pods (the first
    /// active one when `first`, saying `Found N pods, using pod/X` as kubectl does).
    /// With `requester` (`--as`), each read is authorized for that identity first.
    static func pods(for arg: String, namespace: String, cluster: Cluster, io: CommandIO, first: Bool,
                     requester: UserInfo? = nil) throws -> [PodTarget] {
        let registry = cluster.registry
        guard let podType = registry.lookup(kind: "Pod") else { return [] }
        let parts = arg.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 1 || ["pod", "pods", "po"].contains(parts[0].lowercased()) {
            let name = parts.last ?? arg
            try Impersonation.authorize(requester, cluster, verb: "get", type: podType, name: name, namespace: namespace)
            return [PodTarget(pod: try cluster.api.get(podType, namespace: namespace, name: name))]
        }
        guard let type = registry.lookup(parts[0]) else {
            throw KubectlFailure.plain("error: the server doesn't have a resource type \"\(parts[0])\"")
        }
        try Impersonation.authorize(requester, cluster, verb: "get", type: type, name: parts[1], namespace: namespace)
        try Impersonation.authorize(requester, cluster, verb: "list", type: podType, name: "", namespace: namespace)
        let obj = try cluster.api.get(type, namespace: namespace, name: parts[1])
        let selector: LabelSelector
        if type.kind == "Service" {
            selector = LabelSelector(matchLabels: obj[path: "spec", "selector"]?.stringMap ?? [:])
        } else if let s = try? LabelSelector(object: obj[path: "spec", "selector"]) {
            selector = s
        } else {
            throw KubectlFailure.plain("error: cannot attach to \(type.kind): selector for \(type.kind) not implemented")
        }
        var pods = cluster.api.list(podType, namespace: namespace, selector: selector).map(PodTarget.init)
        guard !pods.isEmpty else {
            throw KubectlFailure.plain("error: timed out waiting for the condition")
        }
        // kubectl prefers running, ready, older pods.
        pods.sort { rank($0) < rank($1) }
        if first {
            if pods.count > 1 { io.errLine("Found \(pods.count) pods, using pod/\(pods[0].name)") }
            return [pods[0]]
        }
        return pods
    }

    private static func rank(_ p: PodTarget) -> (Int, Int, String, String) {
        let phase = p.pod[path: "status", "phase"]?.stringValue
        let ready = p.pod[path: "status", "conditions"]?.arrayValue?.contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        } ?? false
        let created = p.pod[path: "metadata", "creationTimestamp"]?.stringValue ?? ""
        return (phase == "Running" ? 0 : phase == "Pending" ? 1 : 2, ready ? 0 : 1, created, p.name)
    }
}
