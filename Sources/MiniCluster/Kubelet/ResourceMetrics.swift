// What metrics-server reports for pods (the resource metrics API): usage read from the simulated containers'
// programs. `kubectl top` and the HorizontalPodAutoscaler read the same numbers.

public struct ResourceMetrics {
    /// metrics-server scrapes every 15 s and needs two samples: a pod younger than this has no metrics yet.
    public static let firstSample = Duration.seconds(30)
    /// The window a sample's rate is taken over (a container's CPU is averaged over it: see `ContainerContext`).
    public static let window = Duration.seconds(30)

    let directory: ContainerDirectory?
    let now: Timestamp

    public init(directory: ContainerDirectory?, now: Timestamp) {
        self.directory = directory
        self.now = now
    }

    /// A container's usage, when its program runs.
    public func usage(namespace: String, pod: String, container: String) -> ResourceUsage? {
        guard let p = directory?.process(namespace: namespace, pod: pod, container: container, previous: false),
              p.advance(to: now) == .running else { return nil }
        return p.usage(now: now)
    }

    /// A small steady usage for pods whose containers the kubelets do not simulate (system pods).
    public static func baseline(_ name: String) -> ResourceUsage {
        let h = name.hashValueStable
        return ResourceUsage(cpuMillicores: 1 + Int(h % 4), memoryBytes: Int64(8 + h % 24) << 20)
    }

    /// Whether metrics-server has a sample for the pod: it runs and has run for `firstSample`.
    public func hasSample(_ pod: Value) -> Bool {
        guard pod[path: "status", "phase"]?.stringValue == "Running" else { return false }
        let started = pod[path: "status", "startTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? now
        return !(now < started + Self.firstSample)
    }

    /// Each container's usage as metrics-server reports it (`baseline` for one the kubelets do not simulate), or
    /// nil when the pod has no sample yet.
    public func containers(of pod: Value) -> [(name: String, usage: ResourceUsage)]? {
        guard hasSample(pod) else { return nil }
        let ns = pod.metadataNamespace ?? "", name = pod.metadataName
        return (pod[path: "spec", "containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }.map { c in
            (c, usage(namespace: ns, pod: name, container: c) ?? Self.baseline("\(name)/\(c)"))
        }
    }
}
