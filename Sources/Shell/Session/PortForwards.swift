// The local ports `kubectl port-forward` listens on, on the learner's machine: `curl localhost:8080` in the sandbox
// reaches the pod behind one. port-forward adds and removes entries; curl and wget read them.
import MiniCluster

public final class PortForwards {
    /// Where one local port leads.
    public struct Target: Equatable {
        /// The session's key of the cluster (its kubeconfig cluster entry).
        public var cluster: String
        public var namespace: String
        public var pod: String
        public var port: Int
        public init(cluster: String, namespace: String, pod: String, port: Int) {
            self.cluster = cluster; self.namespace = namespace; self.pod = pod; self.port = port
        }
    }

    public private(set) var targets: [Int: Target] = [:]

    public init() {}

    /// Starts listening on `localPort`; false when the port is already taken (`address already in use`).
    @discardableResult
    public func open(localPort: Int, to target: Target) -> Bool {
        guard targets[localPort] == nil else { return false }
        targets[localPort] = target
        return true
    }

    public func close(localPort: Int) { targets[localPort] = nil }

    public func target(localPort: Int) -> Target? { targets[localPort] }
}
