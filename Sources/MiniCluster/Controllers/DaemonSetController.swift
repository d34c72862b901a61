// The DaemonSet controller (pkg/controller/daemon): one pod per node the template fits, created pinned to its node
// and placed by the scheduler; pods on nodes that stop fitting (or are gone) go; RollingUpdate replaces old pods a
// few nodes at a time, OnDelete only when the learner deletes them; status counts nodes, not pods.
//
// GKE's own DaemonSets in kube-system (fluentbit-gke, gke-metrics-agent, pdcsi-node) are built by bootstrap with
// pods already running (Nodes/SystemWorkloads.swift) and are left to it: managing them here would replace their
// pods with new names and hashes, and a fresh cluster must look the same as before.

public final class DaemonSetController: Controller {
    public let name = "daemonset-controller"
    unowned let api: APIServer
    unowned let events: EventRecorder
    unowned let manager: ControllerManager
    let dsType: ResourceType
    let podType: ResourceType
    let nodeType: ResourceType

    /// The keys of the pods each DaemonSet (by uid) controls, kept from pod events so a sync never lists all pods.
    private var podsByOwner: [String: Set<ObjectKey>] = [:]
    /// Reads a pod's controller reference; a ReplicaSet's pods share one stored array, so most reads compare storage.
    private let refs = ControllerRefMemo()
    private var hot = HotLoopGuard()
    /// The uids of bootstrap's DaemonSets: their pods' changes queue nothing.
    private var ignored: Set<String> = []
    /// Live pods without a controller, by namespace: a DaemonSet whose selector matches one adopts it.
    private var orphans: [String: Set<ObjectKey>] = [:]

    public init(api: APIServer, events: EventRecorder, manager: ControllerManager) {
        self.api = api
        self.events = events
        self.manager = manager
        dsType = api.registry.lookup(kind: "DaemonSet")!
        podType = api.registry.lookup(kind: "Pod")!
        nodeType = api.registry.lookup(kind: "Node")!
    }

    public var watchedResources: [ResourceType]? { [dsType, podType, nodeType] }
    /// Only its own pods (and, for adoption, pods without a controller) reach `keys(for:)`.
    public var podOwnerKinds: Set<String>? { ["DaemonSet", ""] }

    /// Bootstrap's DaemonSets, which this controller leaves alone (see the file's header).
    static func isSystem(_ ds: Value) -> Bool {
        ds.metadataNamespace == "kube-system" && ds.labels["addonmanager.kubernetes.io/mode"] != nil
    }

    public func keys(for e: WatchEvent) -> [String] {
        if e.resource == podType { return podKeys(e) }
        if e.resource == dsType {
            if e.type == .deleted { podsByOwner[e.object.uid] = nil; ignored.remove(e.object.uid); return [] }
            guard !Self.isSystem(e.object) else { ignored.insert(e.object.uid); return [] }
            return [e.objectKey]
        }
        guard e.resource == nodeType else { return [] }
        // Only what decides where pods go: labels, taints, the spec. Heartbeats and conditions change nothing here.
        if e.type == .modified, let old = e.oldObject {
            if e.statusOnly { return [] }
            if old[path: "metadata", "labels"] == e.object[path: "metadata", "labels"], old["spec"] == e.object["spec"] { return [] }
        }
        return api.list(dsType, namespace: nil).filter { !Self.isSystem($0) }.map { ControllerKey.join($0.metadataNamespace ?? "", $0.metadataName) }
    }

    /// A pod change: the owning DaemonSet's key, the index kept up to date. Pods of other controllers (a
    /// ReplicaSet's thousands) are answered after one read of their shared references.
    private func podKeys(_ e: WatchEvent) -> [String] {
        let newRefs = e.object[path: "metadata", "ownerReferences"]
        let newRead = refs.read(newRefs)
        var oldRead = newRead
        // A status write keeps the references; most other writes keep the same stored array.
        if let old = e.oldObject, !e.statusOnly {
            let oldRefs = old[path: "metadata", "ownerReferences"]
            let same = oldRefs == nil ? newRefs == nil : newRefs.map { oldRefs!.isIdentical(to: $0) } ?? false
            if !same { oldRead = ControllerRefMemo.Read(oldRefs?.arrayValue ?? []) }
        }
        // A pod without a controller (rare: most belong to a ReplicaSet) may be adopted.
        var adopters: [String] = []
        if newRead.ref == nil || oldRead.ref == nil { adopters = trackOrphan(e, hasController: newRead.ref != nil) }
        let newOwner = newRead.kind == "DaemonSet" ? newRead.uid : nil
        let oldOwner = oldRead.kind == "DaemonSet" ? oldRead.uid : nil
        if newOwner == nil, oldOwner == nil { return adopters }
        if let o = newOwner, ignored.contains(o), oldOwner == newOwner { return [] }
        let k = e.key
        var out: [String] = []
        if e.type == .deleted {
            if let o = newOwner { podsByOwner[o]?.remove(k) }
            if let n = newRead.name { out.append(ControllerKey.join(k.namespace, n)) }
            return out
        }
        if let o = oldOwner, o != newOwner {
            podsByOwner[o]?.remove(k)
            if let n = oldRead.name { out.append(ControllerKey.join(k.namespace, n)) }
        }
        if let o = newOwner {
            podsByOwner[o, default: []].insert(k)
            if let n = newRead.name { out.append(ControllerKey.join(k.namespace, n)) }
        }
        return out
    }

    /// Keeps the orphan index; for a live orphan, the keys of the DaemonSets whose selector matches it.
    private func trackOrphan(_ e: WatchEvent, hasController: Bool) -> [String] {
        let k = e.key
        guard e.type != .deleted, !hasController, e.object.deletionTimestamp == nil else {
            orphans[k.namespace]?.remove(k)
            return []
        }
        orphans[k.namespace, default: []].insert(k)
        // A status write changes nothing a selector reads.
        if e.statusOnly { return [] }
        let labels = e.object.labels
        return api.list(dsType, namespace: k.namespace).filter { !Self.isSystem($0) && Self.selector($0).matches(labels) }
            .map { ControllerKey.join(k.namespace, $0.metadataName) }
    }

    static func selector(_ ds: Value) -> LabelSelector {
        (try? LabelSelector(object: ds[path: "spec", "selector"])) ?? .nothing
    }

    /// ClaimPods: releases owned pods whose labels no longer match the selector (the pod stays, on its own, and
    /// its node gets a new one) and adopts matching orphans.
    private func claimPods(_ ds: Value) {
        let sel = Self.selector(ds)
        for k in (podsByOwner[ds.uid] ?? []).sorted() {
            guard let p = api.store.get(podType, k), !sel.matches(p.labels) else { continue }
            _ = api.mutate(podType, k) { pod in
                let rest = pod.ownerReferences.filter { $0["uid"]?.stringValue != ds.uid }
                pod[path: "metadata", "ownerReferences"] = rest.isEmpty ? nil : .array(rest)
            }
        }
        guard !sel.isEmpty else { return }
        for k in (orphans[ds.metadataNamespace ?? "default"] ?? []).sorted() {
            guard let p = api.store.get(podType, k), p.deletionTimestamp == nil, OwnerRefs.controller(of: p) == nil,
                  sel.matches(p.labels) else { continue }
            _ = api.mutate(podType, k) { pod in
                pod[path: "metadata", "ownerReferences"] = .array(pod.ownerReferences + [OwnerRefs.reference(to: ds)])
            }
        }
    }

    /// The DaemonSet's pods by the node they are for, each node's by name (a set's order changes from run to run,
    /// and the order of deletions shows in events).
    private func podsByNode(_ ds: Value) -> [String: [Value]] {
        var out: [String: [Value]] = [:]
        for k in (podsByOwner[ds.uid] ?? []).sorted() {
            guard let p = api.store.get(podType, k), let n = DaemonSetUtil.targetNode(of: p) else { continue }
            out[n, default: []].append(p)
        }
        return out
    }

    public func sync(_ key: String) {
        guard hot.allow(key, now: api.clock.now) else { manager.enqueue(key, for: self, after: .seconds(1)); return }
        let (ns, n) = ControllerKey.split(key)
        guard let ds = try? api.get(dsType, namespace: ns, name: n), !Self.isSystem(ds) else { return }
        let nodes = api.list(nodeType, namespace: nil).sorted { $0.metadataName < $1.metadataName }
        let hash = DaemonSetUtil.hash(ds)
        if ds.deletionTimestamp == nil {
            let revisions = WorkloadHistory.construct(api, ds, hash: hash)
            claimPods(ds)
            let changed = manage(ds, nodes: nodes, hash: hash)
            // As upstream's expectations do: the update step waits for the creations and deletions to be seen.
            if !changed, ds[path: "spec", "updateStrategy", "type"]?.stringValue != "OnDelete" {
                rollingUpdate(ds, nodes: nodes, hash: hash)
            }
            let live = podsByNode(ds).values.joined().filter { $0.deletionTimestamp == nil }
            WorkloadHistory.cleanup(api, ds, revisions: revisions, liveHashes: Set(live.compactMap { $0.labels["controller-revision-hash"] }))
        }
        writeStatus(ds, nodes: nodes, hash: hash)
    }

    /// Creates the missing pods and deletes the ones that should not be there (manage, podsShouldBeOnNode);
    /// returns whether it changed anything.
    private func manage(_ ds: Value, nodes: [Value], hash: String) -> Bool {
        let template = ds[path: "spec", "template"] ?? .emptyObject
        let tolerations = DaemonSetUtil.tolerations(of: template).map(Toleration.init)
        let byNode = podsByNode(ds)
        let surge = DaemonSetUtil.allowsSurge(ds), generation = DaemonSetUtil.templateGeneration(ds)
        var create: [String] = [], delete: [Value] = []
        var known = Set<String>()
        for node in nodes {
            let name = node.metadataName
            known.insert(name)
            let pods = byNode[name] ?? []
            let fit = DaemonSetUtil.fit(template, on: node, tolerations: tolerations)
            if fit.shouldRun, pods.isEmpty { create.append(name); continue }
            let live = pods.filter { $0.deletionTimestamp == nil }
            if fit.shouldContinueRunning {
                var running: [Value] = []
                for p in live {
                    switch p[path: "status", "phase"]?.stringValue {
                    case "Failed":
                        events.record(ds, type: "Warning", reason: "FailedDaemonPod",
                                      message: "Found failed daemon pod \(p.metadataNamespace ?? "")/\(p.metadataName) on node \(name), will try to kill it",
                                      component: self.name)
                        delete.append(p)
                    case "Succeeded": delete.append(p)
                    default: running.append(p)
                    }
                }
                if surge {
                    // A surge leaves one old and one new pod at most: the oldest of each stays.
                    var keptNew = false, keptOld = false
                    for p in DaemonSetUtil.oldestFirst(running) {
                        let updated = DaemonSetUtil.isUpdated(p, hash: hash, generation: generation)
                        if updated, !keptNew { keptNew = true; continue }
                        if !updated, !keptOld { keptOld = true; continue }
                        delete.append(p)
                    }
                } else {
                    // One pod per node: the oldest stays.
                    delete += DaemonSetUtil.oldestFirst(running).dropFirst()
                }
            } else {
                delete += live
            }
        }
        // Pods for nodes that no longer exist.
        for (node, pods) in byNode.sorted(by: { $0.key < $1.key }) where !known.contains(node) {
            delete += pods.filter { $0.deletionTimestamp == nil }
        }
        createPods(on: create, for: ds, hash: hash)
        deletePods(delete, of: ds)
        return !create.isEmpty || !delete.isEmpty
    }

    private func createPods(on nodes: [String], for ds: Value, hash: String) {
        for node in nodes {
            do {
                let created = try api.create(podType, DaemonSetUtil.pod(for: ds, node: node, hash: hash), namespace: ds.metadataNamespace, strict: false)
                events.record(ds, reason: "SuccessfulCreate", message: "Created pod: \(created.metadataName)", component: name)
            } catch {
                let message = (error as? APIError)?.message ?? "\(error)"
                events.record(ds, type: "Warning", reason: "FailedCreate", message: "Error creating: \(message)", component: name)
                return
            }
        }
    }

    private func deletePods(_ pods: [Value], of ds: Value) {
        for p in pods {
            guard (try? api.delete(podType, namespace: p.metadataNamespace, name: p.metadataName)) != nil else { continue }
            events.record(ds, reason: "SuccessfulDelete", message: "Deleted pod: \(p.metadataName)", component: name)
        }
    }

    /// RollingUpdate. With maxSurge 0 it deletes the old pods the budget allows and the manage step replaces them
    /// once they are gone; with a surge it starts new pods beside old ones first. As upstream, every node with a
    /// pod takes part, also one the pod may only stay on (a NoSchedule taint added later): its old pod goes and no
    /// new one comes.
    private func rollingUpdate(_ ds: Value, nodes: [Value], hash: String) {
        let template = ds[path: "spec", "template"] ?? .emptyObject
        let tolerations = DaemonSetUtil.tolerations(of: template).map(Toleration.init)
        let running = Set(nodes.filter { DaemonSetUtil.fit(template, on: $0, tolerations: tolerations).shouldRun }.map(\.metadataName))
        let desired = running.count
        let withPods = podsByNode(ds).map { (name: $0.key, pods: $0.value) }
        let surge = DaemonSetUtil.maxSurge(ds, desired: desired)
        if surge > 0 {
            let plan = DaemonSetUtil.surgePlan(withPods.map { ($0.name, $0.pods, running.contains($0.name)) }, hash: hash,
                                               generation: DaemonSetUtil.templateGeneration(ds), maxSurge: surge,
                                               minReadySeconds: ds[path: "spec", "minReadySeconds"]?.intValue ?? 0, now: api.clock.now)
            deletePods(plan.delete, of: ds)
            createPods(on: plan.create, for: ds, hash: hash)
            return
        }
        let doomed = DaemonSetUtil.oldPodsToDelete(
            withPods, hash: hash, generation: DaemonSetUtil.templateGeneration(ds),
            maxUnavailable: DaemonSetUtil.maxUnavailable(ds, desired: desired),
            minReadySeconds: ds[path: "spec", "minReadySeconds"]?.intValue ?? 0, now: api.clock.now)
        deletePods(doomed, of: ds)
    }

    /// Writes status when it changed; with minReadySeconds, comes back when a ready pod becomes available.
    private func writeStatus(_ ds: Value, nodes: [Value], hash: String) {
        let template = ds[path: "spec", "template"] ?? .emptyObject
        let tolerations = DaemonSetUtil.tolerations(of: template).map(Toleration.init)
        let byNode = podsByNode(ds)
        var states: [DaemonSetUtil.NodeState] = []
        for node in nodes {
            states.append(.init(shouldRun: DaemonSetUtil.fit(template, on: node, tolerations: tolerations).shouldRun,
                                pods: byNode[node.metadataName] ?? []))
        }
        let now = api.clock.now
        let status = DaemonSetUtil.status(ds, nodes: states, hash: hash, now: now)
        if status != ds["status"] {
            _ = try? api.updateStatus(dsType, namespace: ds.metadataNamespace, name: ds.metadataName, status: status)
        }
        let minReady = ds[path: "spec", "minReadySeconds"]?.intValue ?? 0
        guard minReady > 0 else { return }
        let later = states.flatMap(\.pods).compactMap { p -> Timestamp? in
            guard let since = PodUtil.readySince(p) else { return nil }
            let at = since + .seconds(Int64(minReady))
            return at > now ? at : nil
        }.min()
        if let at = later { manager.enqueue(ControllerKey.join(ds.metadataNamespace ?? "", ds.metadataName), for: self, after: at - now) }
    }
}
