// Builds the Node objects of a GKE node pool: names, labels, annotations, capacity, conditions, addresses,
// node info and pod CIDRs, as a GKE node's kubelet and the node controllers leave them.

/// The shape of one node pool; `Cluster.Options` carries the default pool's.
public struct NodePoolShape: Sendable {
    public var name = "default-pool"
    public var project = "kubetutor-project"
    public var cluster = "kubetutor"
    public var zones = ["us-central1-a"]
    public var nodesPerZone = 3
    public var machineType = "e2-medium"
    public init() {}

    /// `us-central1` for `us-central1-a`.
    public static func region(of zone: String) -> String {
        let parts = zone.split(separator: "-")
        return parts.count >= 3 ? parts.dropLast().joined(separator: "-") : zone
    }
}

/// One node to create: its object and where it sits.
struct NodeBlueprint {
    let name: String
    let zone: String
    let object: Value
}

/// Turns a pool shape into node objects, drawing names and addresses from its own seeded stream.
struct NodePoolBuilder {
    static let kubeletVersion = Cluster.serverVersion
    static let containerRuntime = "containerd://1.7.28"
    static let kernel = "6.6.97+"
    static let osImage = "Container-Optimized OS from Google"

    var random: SeededRandom
    /// Second octet of the cluster's pod range (a /14, so four consecutive values).
    let podRangeOctet: Int
    private var nextIP: Int
    /// The host number of the first node's internal address.
    let firstNodeHost: Int
    private var podCIDRIndex = 0

    init(seed: UInt64) {
        random = SeededRandom(seed: seed &+ 0x6E6F_6465_706F_6F6C)
        podRangeOctet = 4 * random.int(in: 1...31)
        nextIP = random.int(in: 2...40)
        firstNodeHost = nextIP
    }

    /// The `/24` of the n-th node in the cluster's pod range.
    func podCIDR(_ n: Int) -> String { "10.\(podRangeOctet + n / 256).\(n % 256).0/24" }

    static let hexDigits = Array("0123456789abcdef")
    static let suffixAlphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    mutating func hex(_ n: Int) -> String { String((0..<n).map { _ in Self.hexDigits[Int(random.next() % 16)] }) }

    mutating func build(_ shape: NodePoolShape, now: Timestamp) -> [NodeBlueprint] {
        var out: [NodeBlueprint] = []
        let machine = MachineType.named(shape.machineType)
        for zone in shape.zones {
            let group = hex(8)
            for _ in 0..<max(0, shape.nodesPerZone) {
                let suffix = String((0..<4).map { _ in Self.suffixAlphabet[Int(random.next() % UInt64(Self.suffixAlphabet.count))] })
                let name = "gke-\(shape.cluster)-\(shape.name)-\(group)-\(suffix)"
                out.append(NodeBlueprint(name: name, zone: zone, object: node(name, zone: zone, shape, machine, now: now)))
            }
        }
        return out
    }

    private mutating func node(_ name: String, zone: String, _ shape: NodePoolShape, _ machine: MachineType, now: Timestamp) -> Value {
        let region = NodePoolShape.region(of: zone)
        let labels = Self.labels(name: name, zone: zone, region: region, pool: shape.name, machine: machine)
        let internalIP = "\(Self.subnetPrefix(region)).\(nextIP / 256).\(nextIP % 256)"
        nextIP += 1
        let externalIP = "34.\(random.int(in: 27...173)).\(random.int(in: 0...255)).\(random.int(in: 1...254))"
        let cidr = podCIDR(podCIDRIndex)
        podCIDRIndex += 1
        let instanceID = String(random.int(in: 1_000_000_000_000_000_000...8_999_999_999_999_999_999))
        let labelList = labels.keys.sorted().filter { !$0.hasPrefix("kubernetes.io/") && !$0.hasPrefix("beta.") && !$0.hasPrefix("failure-domain") && $0 != "node.kubernetes.io/instance-type" && !$0.hasPrefix("topology.kubernetes.io") }
        let annotations: [String: String] = [
            "container.googleapis.com/instance_id": instanceID,
            "csi.volume.kubernetes.io/nodeid": "{\"pd.csi.storage.gke.io\":\"projects/\(shape.project)/zones/\(zone)/instances/\(name)\"}",
            "node.alpha.kubernetes.io/ttl": "0",
            "node.gke.io/last-applied-node-labels": labelList.map { "\($0)=\(labels[$0]!)" }.joined(separator: ","),
            "node.gke.io/last-applied-node-taints": "",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true",
        ]
        let capacity: Value = ["cpu": .string(String(machine.cpus)), "ephemeral-storage": "98831908Ki", "hugepages-1Gi": "0",
                               "hugepages-2Mi": "0", "memory": .string("\(machine.memoryKi)Ki"), "pods": "110"]
        let allocatable: Value = ["cpu": .string(Self.milli(machine.allocatableMilliCPU)), "ephemeral-storage": "47060071478",
                                  "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": .string("\(machine.allocatableMemoryKi)Ki"), "pods": "110"]
        let t = Value.string(now.rfc3339)
        let conditions: [Value] = NodeConditions.healthy.map { c in
            ["type": .string(c.type), "status": .string(c.status), "lastHeartbeatTime": t, "lastTransitionTime": t,
             "reason": .string(c.reason), "message": .string(c.message)]
        }
        let status: Value = [
            "capacity": capacity, "allocatable": allocatable, "conditions": .array(conditions),
            "addresses": [["type": "InternalIP", "address": .string(internalIP)], ["type": "ExternalIP", "address": .string(externalIP)],
                          ["type": "Hostname", "address": .string(name)]],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
            "nodeInfo": ["architecture": "amd64", "bootID": .string(random.uuid()), "containerRuntimeVersion": .string(Self.containerRuntime),
                         "kernelVersion": .string(Self.kernel), "kubeProxyVersion": "", "kubeletVersion": .string(Self.kubeletVersion),
                         "machineID": .string(hex(32)), "operatingSystem": "linux", "osImage": .string(Self.osImage),
                         "systemUUID": .string(random.uuid())],
        ]
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": ["name": .string(name), "labels": Value(stringMap: labels), "annotations": Value(stringMap: annotations)],
            "spec": ["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)], "providerID": .string("gce://\(shape.project)/\(zone)/\(name)")],
            "status": status,
        ]
    }

    static func labels(name: String, zone: String, region: String, pool: String, machine: MachineType) -> [String: String] {
        [
            "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/instance-type": machine.name, "beta.kubernetes.io/os": "linux",
            "cloud.google.com/gke-boot-disk": "pd-balanced", "cloud.google.com/gke-container-runtime": "containerd",
            "cloud.google.com/gke-cpu-scaling-level": String(machine.cpus), "cloud.google.com/gke-logging-variant": "DEFAULT",
            "cloud.google.com/gke-max-pods-per-node": "110",
            "cloud.google.com/gke-memory-gb-scaling-level": String(max(1, Int((Double(machine.memoryKi) / 1_048_576).rounded()))),
            "cloud.google.com/gke-nodepool": pool, "cloud.google.com/gke-os-distribution": "cos",
            "cloud.google.com/gke-provisioning": "standard", "cloud.google.com/gke-stack-type": "IPV4",
            "cloud.google.com/machine-family": machine.family, "cloud.google.com/private-node": "false",
            "failure-domain.beta.kubernetes.io/region": region, "failure-domain.beta.kubernetes.io/zone": zone,
            "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
            "node.kubernetes.io/instance-type": machine.name, "topology.gke.io/zone": zone,
            "topology.kubernetes.io/region": region, "topology.kubernetes.io/zone": zone,
        ]
    }

    /// The default VPC's subnet of a region (the first two octets and the third's base).
    static func subnetPrefix(_ region: String) -> String {
        let known: [String: String] = ["us-central1": "10.128", "europe-west1": "10.132", "us-east1": "10.142", "us-west1": "10.138",
                                       "asia-east1": "10.140", "europe-west2": "10.154", "europe-west4": "10.164", "asia-northeast1": "10.146"]
        return known[region] ?? "10.128"
    }

    static func milli(_ m: Int64) -> String { m % 1000 == 0 ? String(m / 1000) : "\(m)m" }
}

/// The conditions a healthy GKE node reports: node-problem-detector's, then the kubelet's.
enum NodeConditions {
    struct Condition { let type, status, reason, message: String }

    static let healthy: [Condition] = [
        Condition(type: "FrequentUnregisterNetDevice", status: "False", reason: "NoFrequentUnregisterNetDevice", message: "node is functioning properly"),
        Condition(type: "FrequentContainerdRestart", status: "False", reason: "NoFrequentContainerdRestart", message: "containerd is functioning properly"),
        Condition(type: "KernelDeadlock", status: "False", reason: "KernelHasNoDeadlock", message: "kernel has no deadlock"),
        Condition(type: "ReadonlyFilesystem", status: "False", reason: "FilesystemIsNotReadOnly", message: "Filesystem is not read-only"),
        Condition(type: "CorruptDockerOverlay2", status: "False", reason: "NoCorruptDockerOverlay2", message: "docker overlay2 is functioning properly"),
        Condition(type: "FrequentKubeletRestart", status: "False", reason: "NoFrequentKubeletRestart", message: "kubelet is functioning properly"),
        Condition(type: "FrequentDockerRestart", status: "False", reason: "NoFrequentDockerRestart", message: "docker is functioning properly"),
        Condition(type: "NetworkUnavailable", status: "False", reason: "RouteCreated", message: "NodeController create implicit route"),
        Condition(type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available"),
        Condition(type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure"),
        Condition(type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available"),
        Condition(type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status"),
    ]

    /// The kubelet's own conditions, which the node lifecycle controller marks Unknown when it stops posting.
    static let kubeletOwned: Set<String> = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]
}
