// The simulated kubelets of a cluster: one per Node, each running the pods bound to it (`spec.nodeName`).
// Reacts to pod and node changes like a controller (handlers only enqueue); the per-pod work is in PodWorker.

public final class Kubelets: Controller, ContainerDirectory {
    public let name = "kubelet"
    unowned let api: APIServer
    let events: EventRecorder
    let clock: VirtualClock
    private unowned let controllers: ControllerManager
    let podType: ResourceType
    let nodeType: ResourceType
    private let configTypes: Set<ResourceType>
    /// What building one pod's status remembers for the next.
    let statusMemo = PodStatusMemo()

    /// Images and their programs. Until one is set, pods bound to nodes stay as the scheduler left them.
    public var runtime: ContainerRuntime? {
        didSet {
            validImage = nil
            for w in workers.values { w.needsFullSync = true }
            for p in api.list(podType, namespace: nil) { controllers.enqueue(ObjectKey.of(p).kubeletKey, for: self) }
        }
    }
    /// The cluster network the containers reach other addresses through.
    public var network: NetworkDialer?

    /// Delays of a node's life, in virtual time.
    public var sandboxDelay = Duration.seconds(1)
    /// How long after an exit the kubelet notices it and restarts (PLEG relist).
    public var restartDelay = Duration.seconds(1)
    /// A pull that fails takes this long to fail.
    public var failedPullTime = Duration.seconds(1)
    /// How long `ErrImagePull` shows before `ImagePullBackOff`.
    public var errImagePullShown = Duration.seconds(5)
    /// How often a container blocked by missing configuration tries again.
    public var configErrorRetry = Duration.seconds(10)
    /// How often a pod whose volume cannot be mounted tries again.
    public var mountRetry = Duration.seconds(120)

    var workers: [ObjectKey: PodWorker] = [:]
    /// The worker whose status write the store is announcing now (see `keys(for:)`).
    var writing: PodWorker?
    /// The same workers by the key their syncs are queued under (`kubeletKey`).
    private(set) var workersByQueueKey: [String: PodWorker] = [:]
    /// The keys of `workers` per node, so that a Node event looks only at that node's pods.
    private var workersByNode: [String: Set<ObjectKey>] = [:]
    /// How many syncs fetched the pod and its node (tests check that the kubelet's own status writes do not).
    private(set) var fullSyncCount = 0
    /// Formats the instants pod status shows (mostly the current one, many times over).
    let timeText = TimestampText()
    /// Status parts the pods of one template share (container states).
    let statusParts = PodStatusParts()
    /// Event messages the pods of one template repeat.
    let messages = KubeletMessages()
    /// Service link variables per namespace, forgotten whenever a Service changes.
    let serviceVariables = ServiceVariables()
    let ipam = PodIPAM()
    /// The last projected volume's files (the token volume every pod of a template has).
    let projectedVolumes = ProjectedVolumeMemo()
    /// Files of persistent volume claims, by the uid of their bound volume (`claimStorageKey`), kept across pods.
    var claimDirectories: [String: VolumeDirectory] = [:]
    /// The node each attachable volume (by name) was last attached to, and when that attach completes
    /// (VolumeAttach.swift); pods (uid/volume) already told about a Multi-Attach error.
    var attachedVolumes: [String: (node: String, ready: Timestamp)] = [:]
    var multiAttachReported: Set<String> = []
    /// How long attaching a persistent disk to a node takes.
    public var attachDelay = Duration.seconds(5)
    /// The cluster's name, for the service account token's issuer.
    public var clusterName = "kubetutor"

    public init(api: APIServer, events: EventRecorder, controllers: ControllerManager) {
        self.api = api
        self.events = events
        self.clock = api.clock
        self.controllers = controllers
        podType = api.registry.lookup(kind: "Pod")!
        nodeType = api.registry.lookup(kind: "Node")!
        configTypes = Set(["ConfigMap", "Secret"].compactMap { api.registry.lookup(kind: $0) })
        controllers.register(self)
        // Held strongly: they hold no reference back, and a weak capture costs a look-up on every change.
        let variables = serviceVariables, volumes = projectedVolumes
        let serviceType = api.registry.lookup(kind: "Service")
        let configMapType = api.registry.lookup(kind: "ConfigMap"), secretType = api.registry.lookup(kind: "Secret")
        volumes.watchConfig()
        api.store.observe { e in
            if e.resource == serviceType {
                variables.forget()
            } else if e.resource == configMapType || e.resource == secretType {
                volumes.configChanged()
            }
        }
        api.gracePeriodPolicies[podType] = { [anchor] pod, requested in anchor.target?.gracePeriod(pod, requested: requested) }
    }

    deinit {
        anchor.clear()
        if let network = network as? ClusterNetwork, network.containers === self { network.containers = nil }
    }

    /// What the API server's grace-period policy holds instead of the kubelets (see `Anchor`): a weak reference
    /// would slow down every retain and release of this object, which every pod event and worker step makes.
    private lazy var anchor = Anchor(self)

    // MARK: Controller

    public var watchedResources: [ResourceType]? { [podType, nodeType] + configTypes }

    public func keys(for event: WatchEvent) -> [String] {
        if event.resource == podType {
            // Most pod events here are a worker's status write, announced while the worker writes: it is the worker
            // the key finds (a worker is under its pod's key until it finishes), found without the look-up.
            if let w = writing, w.isOwnWrite(event) { return [w.kubeletKey] }
            let k = event.key
            if let w = workers[k] {
                // Any change but the worker's own status write makes the next sync look at the pod and its node afresh.
                if !w.isOwnWrite(event) { w.needsFullSync = true }
                return [w.kubeletKey]
            }
            let bound = !(event.object[path: "spec", "nodeName"]?.stringValue ?? "").isEmpty
            return bound ? [k.kubeletKey] : []
        }
        if event.resource == nodeType {
            let node = event.object.metadataName
            let keys = workersByNode[node] ?? []
            for k in keys { workers[k]?.needsFullSync = true }
            return keys.map(\.kubeletKey).sorted()
        }
        if configTypes.contains(event.resource) {
            let ns = event.object.metadataNamespace
            return workers.values.filter { $0.namespace == ns && $0.blockedOnConfig }.map { Self.configPrefix + $0.key.kubeletKey }.sorted()
        }
        return []
    }

    /// Marks a key queued because a ConfigMap or Secret changed: blocked containers try again at once.
    static let configPrefix = "config|"

    public func sync(_ key: String) {
        guard runtime != nil else { return }
        // Most syncs follow a worker's own status write: its queue key finds it without parsing the key (a key
        // marked as a configuration change never names a worker).
        let queued = workersByQueueKey[key]
        if let w = queued, !w.needsFullSync, let written = w.writtenPod {
            syncOwnWrite(w, written)
            return
        }
        let configChanged = key.hasPrefix(Self.configPrefix)
        let podKey = configChanged ? String(key.dropFirst(Self.configPrefix.count)) : key
        let k = ObjectKey(parsing: podKey)
        // Every worker is also under the `kubeletKey` of its key, which is the key parsed again unless it began with
        // a slash: then a plain key the look-up above missed names no worker (a new pod's first sync).
        let isQueueKey = !configChanged && podKey.utf8.first != UInt8(ascii: "/")
        let existing = queued == nil && isQueueKey ? nil : workers[k]
        fullSyncCount += 1
        if configChanged { existing?.configChanged = true }
        let pod = try? api.get(podType, namespace: k.namespace, name: k.name)
        // From here on, what the worker writes or anyone else changes is news for the next sync.
        if let w = existing { w.writtenPod = nil; w.needsFullSync = false }
        var worker = existing
        if let w = existing, pod == nil || pod?.uid != w.uid {
            w.shutdown()
            worker = workers[k]
        }
        guard let pod, let nodeName = pod[path: "spec", "nodeName"]?.stringValue, !nodeName.isEmpty else { return }
        let node = try? api.get(nodeType, namespace: nil, name: nodeName)
        let known = node.map(facts(of:))
        let deleting = pod.deletionTimestamp != nil
        var created = false
        if worker == nil {
            // A kubelet starts pods on its own node only, and never brings a finished pod back.
            guard let known, !deleting else { return }
            let phase = pod[path: "status", "phase"]?.stringValue
            guard phase != "Succeeded", phase != "Failed" else { return }
            // A pod whose containers someone else already reported (a test or fixture playing kubelet) is theirs.
            let status = pod["status"]
            guard status?["containerStatuses"] == nil, status?["initContainerStatuses"] == nil, status?["podIP"] == nil
            else { return }
            let w = PodWorker(kubelets: self, pod: pod, hostIP: known.hostIP, podCIDR: known.podCIDR)
            // The queue key is the pod key's `kubeletKey` unless it began with a slash (see `existing`).
            w.kubeletKey = isQueueKey ? podKey : k.kubeletKey
            workers[k] = w
            workersByQueueKey[w.kubeletKey] = w
            workersByNode[w.nodeName, default: []].insert(k)
            w.start()
            // Only a worker that finished can have left `workers` (or been replaced there).
            worker = w.finished ? workers[k] : w
            created = true
        }
        guard let w = worker else { return }
        w.pod = pod
        // A worker made from this very pod has its containers' images already.
        if !created, !deleting, !w.terminal { w.applySpecChange(pod) }
        let ready = known?.ready ?? false
        if ready != w.nodeReady { w.nodeReady = ready; w.dirty = true }
        if deleting {
            w.beginTermination(grace: pod[path: "metadata", "deletionGracePeriodSeconds"]?.intValue ?? 0)
        } else {
            w.step()
        }
    }

    /// Only the worker's own status writes changed the pod since the last full sync: the pod is the one it wrote,
    /// its spec and node are as that sync saw them (applySpecChange and the node's readiness would find nothing
    /// new). The worker still steps here, as it did when a sync fetched the pod.
    private func syncOwnWrite(_ w: PodWorker, _ written: Value) {
        w.pod = written
        w.writtenPod = nil
        if written.deletionTimestamp != nil {
            w.beginTermination(grace: written[path: "metadata", "deletionGracePeriodSeconds"]?.intValue ?? 0)
        } else {
            w.step()
        }
    }

    func forget(_ w: PodWorker) {
        guard workers[w.key] === w else { return }
        workers[w.key] = nil
        workersByQueueKey[w.kubeletKey] = nil
        workersByNode[w.nodeName]?.remove(w.key)
        if workersByNode[w.nodeName]?.isEmpty == true { workersByNode[w.nodeName] = nil }
    }

    /// How long a graceful pod delete waits: only pods a kubelet is running wait (unscheduled or finished pods go
    /// at once, as on a real API server).
    func gracePeriod(_ pod: Value, requested: Int?) -> Int {
        guard let w = workers[ObjectKey.of(pod)], w.uid == pod.uid, !w.terminal else { return 0 }
        if let requested { return max(0, requested) }
        return pod[path: "spec", "terminationGracePeriodSeconds"]?.intValue ?? 30
    }

    // MARK: Nodes

    /// The node's InternalIP, or one derived from its name when the node has no addresses.
    static func hostIP(_ node: Value) -> String {
        for a in node[path: "status", "addresses"]?.arrayValue ?? [] where a["type"]?.stringValue == "InternalIP" {
            if let ip = a["address"]?.stringValue { return ip }
        }
        return "10.128.0.\(2 + Int(KubeletText.hex64(node.metadataName).prefix(2), radix: 16)! % 250)"
    }

    /// What a sync reads of a node (a class: handed on as one reference), with the node it was read from.
    final class NodeFacts {
        /// Kept whole, so that its storage stays its own while it is remembered (see `facts(of:)`).
        let node: Value
        let name: String
        /// `Kubelets.hostIP(node)`, `spec.podCIDR` and `Kubelets.isReady(node)`.
        let hostIP: String, podCIDR: String?, ready: Bool

        init(_ node: Value) {
            self.node = node
            name = node.metadataName
            hostIP = Kubelets.hostIP(node)
            podCIDR = node[path: "spec", "podCIDR"]?.stringValue
            ready = Kubelets.isReady(node)
        }
    }

    /// The facts of the nodes read, one per node, and the storage of the node each was read from.
    private var nodeFacts: [NodeFacts] = []
    private var nodeFactIdentities: [Value.StorageIdentity] = []

    /// The node's facts, remembered while the node is the same stored value: a node changes rarely, and the pods
    /// bound to it read it again and again. A node whose storage is one kept here is that very node, unchanged,
    /// so it is found by storage alone (no field read, no key hashed); another version of it replaces its entry.
    func facts(of node: Value) -> NodeFacts {
        guard let identity = node.storageIdentity else { return NodeFacts(node) }
        if let i = nodeFactIdentities.firstIndex(of: identity) { return nodeFacts[i] }
        let f = NodeFacts(node)
        if let i = nodeFacts.firstIndex(where: { Value.sameBytes($0.name, f.name) }) {
            nodeFacts[i] = f
            nodeFactIdentities[i] = identity
        } else {
            nodeFacts.append(f)
            nodeFactIdentities.append(identity)
        }
        return f
    }

    /// `Kubelets.isReady(node)` as the node's facts remember it.
    func isReady(_ node: Value) -> Bool { facts(of: node).ready }

    /// A node without a Ready condition (made bare in tests) counts as ready.
    static func isReady(_ node: Value) -> Bool {
        guard let ready = (node[path: "status", "conditions"]?.arrayValue ?? []).first(where: { $0["type"]?.stringValue == "Ready" })
        else { return true }
        return ready["status"]?.stringValue == "True"
    }

    /// `hostIPs` as status shows it, per node address: every pod of a node shows the same.
    private var hostAddressValues: [String: Value] = [:]

    func hostAddresses(_ ip: String) -> Value {
        if let v = hostAddressValues[ip] { return v }
        let v = PodStatusBuilder.addresses(ip)
        hostAddressValues[ip] = v
        return v
    }

    // MARK: Pods

    /// The containers' resources the last QoS class was worked out from (pods of one template have the same).
    private var lastQoS: (resources: [Value?], qos: String)?

    /// The pod's QoS class (PodKind.qosClass), which reads only its containers' and init containers' resources.
    func qosClass(_ spec: Value) -> String {
        // Compared strictly and in place: the pods of one template share these values' storage, so the comparison
        // is quick, and no list is made for a pod that matches.
        if let m = lastQoS {
            var i = 0
            let same = Self.forEachResource(spec) { r in
                defer { i += 1 }
                guard i < m.resources.count else { return false }
                return m.resources[i].map { x in r.map(x.isIdentical) ?? false } ?? (r == nil)
            }
            if same, i == m.resources.count { return m.qos }
        }
        var resources: [Value?] = []
        _ = Self.forEachResource(spec) { resources.append($0); return true }
        let qos = PodKind.qosClass(spec)
        lastQoS = (resources, qos)
        return qos
    }

    /// Visits what the QoS class reads, in order, while `body` says to go on: per list (containers, init
    /// containers) nil when it is absent, else its count (-1 when not a list) and each container's resources.
    private static func forEachResource(_ spec: Value, _ body: (Value?) -> Bool) -> Bool {
        for key in ["containers", "initContainers"] {
            guard let list = spec[key] else {
                if !body(nil) { return false }
                continue
            }
            if !body(.int(list.arrayValue?.count ?? -1)) { return false }
            for c in list.arrayValue ?? [] where !body(c["resources"]) { return false }
        }
        return true
    }

    // MARK: Images

    /// The image name as status shows it once the container started (`docker.io/library/nginx:1.25`), worked out
    /// once per name given.
    private var canonicalImages: [String: String] = [:]

    /// The last image name asked about and its canonical name (the pods of a template ask about the same one).
    private var lastCanonical: (image: String, text: String)?

    func canonicalImage(_ image: String) -> String {
        if let l = lastCanonical, Value.sameBytes(l.image, image) { return l.text }
        let t: String
        if let known = canonicalImages[image] { t = known } else {
            t = KubeletText.canonicalImage(image)
            canonicalImages[image] = t
        }
        lastCanonical = (image, t)
        return t
    }

    /// The last image id given, with the catalog and its generation it was read from.
    private var lastImageID: (image: String, catalog: ImageCatalog?, generation: Int, id: String)?

    /// The image id as containerd reports it: the runtime catalog's digest when it knows the image.
    func imageID(_ image: String) -> String {
        let catalog = (runtime as? SimulatedRuntime)?.catalog
        if let l = lastImageID, l.catalog === catalog, l.generation == catalog?.generation ?? 0, Value.sameBytes(l.image, image) {
            return l.id
        }
        let id = catalog?.facts(image).id ?? KubeletText.imageID(image)
        lastImageID = (image, catalog, catalog?.generation ?? 0, id)
        return id
    }

    /// The last image name found valid: whether a name parses depends on the name alone, and every pod of a
    /// template asks about the same one before each pull.
    private var validImage: String?

    /// Why an image name cannot be used at all (`InvalidImageName`), in the kubelet's words.
    func invalidImageName(_ image: String) -> String? {
        if let v = validImage, Value.sameBytes(v, image) { return nil }
        guard let sim = runtime as? SimulatedRuntime else { return nil }
        guard let m = sim.invalidImageName(image) else {
            validImage = image
            return nil
        }
        return "Failed to apply default image tag \"\(image)\": \(m)"
    }

    /// The last field path made for events about a container (`spec.containers{web}`): the pods of one template
    /// have containers of the same names.
    private var lastFieldPath: (isInit: Bool, name: String, text: String)?

    func fieldPath(isInit: Bool, name: String) -> String {
        if let l = lastFieldPath, l.isInit == isInit, Value.sameBytes(l.name, name) { return l.text }
        let text = isInit ? "spec.initContainers{\(name)}" : "spec.containers{\(name)}"
        lastFieldPath = (isInit, name, text)
        return text
    }

    // MARK: ContainerDirectory

    public func process(namespace: String, pod: String, container: String, previous: Bool) -> ContainerProcess? {
        guard let w = workers[ObjectKey(namespace: namespace, name: pod)],
              let s = w.allSlots.first(where: { $0.name == container }) else { return nil }
        return previous ? s.previousProcess : s.process
    }
}

extension ObjectKey {
    static func of(_ obj: Value) -> ObjectKey { ObjectKey(namespace: obj.metadataNamespace ?? "", name: obj.metadataName) }

    /// `namespace/name`, the controller key.
    var kubeletKey: String { namespace.isEmpty ? name : namespace + "/" + name }

    init(parsing key: String) {
        if let slash = key.utf8.firstIndex(of: UInt8(ascii: "/")) {
            self.init(namespace: String(key[..<slash]), name: String(key[key.index(after: slash)...]))
        } else {
            self.init(namespace: "", name: key)
        }
    }
}
