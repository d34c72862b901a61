// GKE's kube-system workloads as a learner sees them in `kubectl get pods -n kube-system`: Deployments with
// their ReplicaSets and pods, DaemonSets with one pod per node, kube-proxy as a static (mirror) pod per node,
// and the kube-dns, metrics-server and default-http-backend Services. All start Running.

struct SystemContainer {
    let name: String
    let image: String
    var cpu: String? = nil
    var memory: String? = nil
    var memoryLimit: String? = nil
}

struct SystemWorkload {
    enum Kind { case deployment(replicas: Int), daemonSet, staticPod }
    let name: String
    let kind: Kind
    let labels: [String: String]
    let containers: [SystemContainer]
    var priorityClass = "system-cluster-critical"
    var hostNetwork = false
}

struct SystemWorkloads {
    let cluster: Cluster
    let nodes: [Value]
    init(cluster: Cluster, nodes: [Value]) {
        self.cluster = cluster
        self.nodes = nodes
    }

    static func collector(_ name: String) -> SystemContainer {
        SystemContainer(name: name, image: "gke.gcr.io/gke-metrics-collector:20250703_2300_RC0", cpu: "5m", memory: "30Mi", memoryLimit: "30Mi")
    }

    func workloads() -> [SystemWorkload] {
        let k = nodes.count
        return [
            SystemWorkload(name: "event-exporter-gke", kind: .deployment(replicas: 1), labels: ["k8s-app": "event-exporter"], containers: [
                SystemContainer(name: "event-exporter", image: "gke.gcr.io/event-exporter:v0.4.0-gke.28"),
                SystemContainer(name: "prometheus-to-sd-exporter", image: "gke.gcr.io/prometheus-to-sd:v0.11.12-gke.47"),
            ]),
            SystemWorkload(name: "fluentbit-gke", kind: .daemonSet, labels: ["k8s-app": "fluentbit-gke"], containers: [
                SystemContainer(name: "fluentbit", image: "gke.gcr.io/fluent-bit:v1.8.12-gke.40", cpu: "50m", memory: "100Mi", memoryLimit: "250Mi"),
                SystemContainer(name: "fluentbit-gke", image: "gke.gcr.io/fluent-bit-gke-exporter:v0.28.0-gke.0", cpu: "50m", memory: "100Mi", memoryLimit: "250Mi"),
                Self.collector("fluentbit-metrics-collector"),
            ], priorityClass: "system-node-critical", hostNetwork: true),
            SystemWorkload(name: "gke-metrics-agent", kind: .daemonSet, labels: ["component": "gke-metrics-agent", "k8s-app": "gke-metrics-agent"], containers: [
                SystemContainer(name: "gke-metrics-agent", image: "gke.gcr.io/gke-metrics-agent:1.15.4-gke.1", cpu: "8m", memory: "60Mi", memoryLimit: "60Mi"),
                SystemContainer(name: "core-metrics-exporter", image: "gke.gcr.io/gke-metrics-agent:1.15.4-gke.1", cpu: "5m", memory: "20Mi", memoryLimit: "50Mi"),
                Self.collector("prometheus-metrics-collector"),
            ], priorityClass: "system-node-critical", hostNetwork: true),
            SystemWorkload(name: "konnectivity-agent", kind: .deployment(replicas: min(max(k, 1), 6)), labels: ["k8s-app": "konnectivity-agent"], containers: [
                SystemContainer(name: "konnectivity-agent", image: "gke.gcr.io/proxy-agent:v0.31.0-gke.6", cpu: "10m", memory: "30Mi", memoryLimit: "125Mi"),
                Self.collector("konnectivity-agent-metrics-collector"),
            ]),
            SystemWorkload(name: "konnectivity-agent-autoscaler", kind: .deployment(replicas: 1), labels: ["k8s-app": "konnectivity-agent-autoscaler"], containers: [
                SystemContainer(name: "autoscaler", image: "gke.gcr.io/cluster-proportional-autoscaler:v1.8.11-gke.11", cpu: "10m", memory: "10Mi"),
            ], priorityClass: "system-cluster-critical"),
            SystemWorkload(name: "kube-dns", kind: .deployment(replicas: min(k, 2)), labels: ["k8s-app": "kube-dns"], containers: [
                SystemContainer(name: "kubedns", image: "gke.gcr.io/k8s-dns-kube-dns:1.23.0-gke.24", cpu: "100m", memory: "70Mi", memoryLimit: "210Mi"),
                SystemContainer(name: "dnsmasq", image: "gke.gcr.io/k8s-dns-dnsmasq-nanny:1.23.0-gke.24", cpu: "150m", memory: "20Mi"),
                SystemContainer(name: "sidecar", image: "gke.gcr.io/k8s-dns-sidecar:1.23.0-gke.24", cpu: "10m", memory: "20Mi"),
                SystemContainer(name: "prometheus-to-sd", image: "gke.gcr.io/prometheus-to-sd:v0.11.12-gke.47"),
                Self.collector("kube-dns-metrics-collector"),
            ]),
            SystemWorkload(name: "kube-dns-autoscaler", kind: .deployment(replicas: 1), labels: ["k8s-app": "kube-dns-autoscaler"], containers: [
                SystemContainer(name: "autoscaler", image: "gke.gcr.io/cluster-proportional-autoscaler:v1.8.11-gke.11", cpu: "20m", memory: "10Mi"),
            ]),
            SystemWorkload(name: "kube-proxy", kind: .staticPod, labels: ["component": "kube-proxy", "tier": "node"], containers: [
                SystemContainer(name: "kube-proxy", image: "gke.gcr.io/kube-proxy-amd64:\(Cluster.serverVersion)", cpu: "100m"),
            ], priorityClass: "system-node-critical", hostNetwork: true),
            SystemWorkload(name: "l7-default-backend", kind: .deployment(replicas: 1), labels: ["k8s-app": "glbc"], containers: [
                SystemContainer(name: "default-http-backend", image: "gke.gcr.io/ingress-gce-404-server-with-metrics:v1.31.2-gke.3", cpu: "10m", memory: "20Mi", memoryLimit: "20Mi"),
            ]),
            SystemWorkload(name: "metrics-server-v1.32.2", kind: .deployment(replicas: 1), labels: ["k8s-app": "metrics-server", "version": "v1.32.2"], containers: [
                SystemContainer(name: "metrics-server", image: "gke.gcr.io/metrics-server:v0.7.2-gke.10", cpu: "48m", memory: "95Mi", memoryLimit: "95Mi"),
                SystemContainer(name: "metrics-server-nanny", image: "gke.gcr.io/addon-resizer:1.8.23-gke.7", cpu: "5m", memory: "50Mi", memoryLimit: "300Mi"),
            ]),
            SystemWorkload(name: "pdcsi-node", kind: .daemonSet, labels: ["k8s-app": "gcp-compute-persistent-disk-csi-driver"], containers: [
                SystemContainer(name: "csi-driver-registrar", image: "gke.gcr.io/csi-node-driver-registrar:v2.9.4-gke.20", cpu: "5m", memory: "10Mi", memoryLimit: "50Mi"),
                SystemContainer(name: "gce-pd-driver", image: "gke.gcr.io/gcp-compute-persistent-disk-csi-driver:v1.15.4-gke.0", cpu: "5m", memory: "10Mi", memoryLimit: "100Mi"),
            ], priorityClass: "system-node-critical", hostNetwork: true),
        ]
    }

    /// For nodes added after bootstrap (gcloud resizes and new node pools): the system DaemonSets' pods and
    /// kube-proxy's static pod on each new node, and the DaemonSets' counts for `total` nodes.
    mutating func addNodePods(total: Int) {
        guard let dsType = type("DaemonSet"), let podType = type("Pod") else { return }
        for w in workloads() {
            switch w.kind {
            case .deployment: continue
            case .staticPod: for n in nodes { staticPod(w, on: n) }
            case .daemonSet:
                guard let ds = try? api.get(dsType, namespace: "kube-system", name: w.name) else { continue }
                let sibling = api.list(podType, namespace: "kube-system").first { $0.ownerReferences.contains { $0["uid"]?.stringValue == ds.uid } }
                daemonSetPods(w, ds: ds, hash: sibling?[path: "metadata", "labels", "controller-revision-hash"]?.stringValue ?? templateHash())
                Self.setCounts(ds, total, api: api, type: dsType)
            }
        }
    }

    /// A system DaemonSet's status for `n` nodes (after nodes come or go).
    static func setCounts(_ ds: Value, _ n: Int, api: APIServer, type: ResourceType) {
        var status = ds["status"] ?? .emptyObject
        for key in ["desiredNumberScheduled", "currentNumberScheduled", "numberReady", "updatedNumberScheduled", "numberAvailable"] {
            status[key] = .int(n)
        }
        _ = try? api.updateStatus(type, namespace: "kube-system", name: ds.metadataName, status: status)
    }

    mutating func create() {
        for w in workloads() {
            switch w.kind {
            case .deployment(let replicas): deployment(w, replicas: replicas)
            case .daemonSet: daemonSet(w)
            case .staticPod: for n in nodes { staticPod(w, on: n) }
            }
        }
        services()
    }

    // MARK: objects

    private var api: APIServer { cluster.api }
    private func type(_ kind: String) -> ResourceType? { cluster.registry.lookup(kind: kind) }

    /// Creates an object, then writes its status (the controllers' part).
    @discardableResult
    private func make(_ kind: String, _ obj: Value, status: Value?) -> Value? {
        guard let t = type(kind), let created = try? api.create(t, obj, namespace: "kube-system", strict: false, trusted: true) else { return nil }
        guard let status else { return created }
        return (try? api.updateStatus(t, namespace: "kube-system", name: created.metadataName, status: status)) ?? created
    }

    private func podSpec(_ w: SystemWorkload) -> Value {
        var spec: Value = ["containers": .array(w.containers.map(container)), "priorityClassName": .string(w.priorityClass),
                           "priority": .int(w.priorityClass == "system-node-critical" ? 2_000_001_000 : 2_000_000_000),
                           "tolerations": [["key": "CriticalAddonsOnly", "operator": "Exists"]],
                           "nodeSelector": ["kubernetes.io/os": "linux"]]
        if w.hostNetwork { spec["hostNetwork"] = true; spec["dnsPolicy"] = "Default" }
        return spec
    }

    private func container(_ c: SystemContainer) -> Value {
        var req: Value = .emptyObject, lim: Value = .emptyObject
        if let cpu = c.cpu { req["cpu"] = .string(cpu) }
        if let m = c.memory { req["memory"] = .string(m) }
        if let l = c.memoryLimit { lim["memory"] = .string(l) }
        var resources: Value = .emptyObject
        if req.objectValue?.isEmpty == false { resources["requests"] = req }
        if lim.objectValue?.isEmpty == false { resources["limits"] = lim }
        return ["name": .string(c.name), "image": .string(c.image), "resources": resources]
    }

    private func owner(_ o: Value) -> Value {
        [["apiVersion": .string(o.apiVersion), "kind": .string(o.kind), "name": .string(o.metadataName), "uid": .string(o.uid),
          "controller": true, "blockOwnerDeletion": true]]
    }

    private mutating func deployment(_ w: SystemWorkload, replicas: Int) {
        let template: Value = ["metadata": ["labels": Value(stringMap: w.labels)], "spec": podSpec(w)]
        let ann: Value = ["deployment.kubernetes.io/revision": "1"]
        let status: Value = ["replicas": .int(replicas), "readyReplicas": .int(replicas), "availableReplicas": .int(replicas),
                             "updatedReplicas": .int(replicas), "observedGeneration": 1,
                             "conditions": [condition("Available", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                                            condition("Progressing", "NewReplicaSetAvailable", "ReplicaSet has successfully progressed.")]]
        guard let d = make("Deployment", ["apiVersion": "apps/v1", "kind": "Deployment",
                                          "metadata": ["name": .string(w.name), "labels": Value(stringMap: w.labels.merging(["addonmanager.kubernetes.io/mode": "Reconcile"]) { a, _ in a }),
                                                       "annotations": ann],
                                          "spec": ["replicas": .int(replicas), "selector": ["matchLabels": Value(stringMap: w.labels)], "template": template]],
                          status: status) else { return }
        let hash = templateHash()
        var rsLabels = w.labels
        rsLabels["pod-template-hash"] = hash
        var rsTemplate = template
        rsTemplate[path: "metadata", "labels"] = Value(stringMap: rsLabels)
        guard let rs = make("ReplicaSet", ["apiVersion": "apps/v1", "kind": "ReplicaSet",
                                           "metadata": ["name": .string("\(w.name)-\(hash)"), "labels": Value(stringMap: rsLabels),
                                                        "annotations": ["deployment.kubernetes.io/desired-replicas": .string(String(replicas)),
                                                                        "deployment.kubernetes.io/max-replicas": .string(String(replicas + 1)),
                                                                        "deployment.kubernetes.io/revision": "1"],
                                                        "ownerReferences": owner(d)],
                                           "spec": ["replicas": .int(replicas), "selector": ["matchLabels": Value(stringMap: rsLabels)], "template": rsTemplate]],
                            status: ["replicas": .int(replicas), "readyReplicas": .int(replicas), "availableReplicas": .int(replicas),
                                     "fullyLabeledReplicas": .int(replicas), "observedGeneration": 1]) else { return }
        for _ in 0..<replicas {
            var pod: Value = ["apiVersion": "v1", "kind": "Pod",
                              "metadata": ["generateName": .string(rs.metadataName + "-"), "namespace": "kube-system",
                                           "labels": Value(stringMap: rsLabels), "ownerReferences": owner(rs)],
                              "spec": podSpec(w)]
            guard let node = cluster.scheduler.choose(pod) else { continue }
            pod[path: "spec", "nodeName"] = .string(node)
            runPod(pod, w, on: node)
        }
    }

    private mutating func daemonSet(_ w: SystemWorkload) {
        let template: Value = ["metadata": ["labels": Value(stringMap: w.labels)], "spec": podSpec(w)]
        let n = nodes.count
        guard let ds = make("DaemonSet", ["apiVersion": "apps/v1", "kind": "DaemonSet",
                                          "metadata": ["name": .string(w.name), "labels": Value(stringMap: w.labels.merging(["addonmanager.kubernetes.io/mode": "Reconcile"]) { a, _ in a }),
                                                       "annotations": ["deprecated.daemonset.template.generation": "1"]],
                                          "spec": ["selector": ["matchLabels": Value(stringMap: w.labels)], "template": template]],
                            status: ["desiredNumberScheduled": .int(n), "currentNumberScheduled": .int(n), "numberReady": .int(n),
                                     "updatedNumberScheduled": .int(n), "numberAvailable": .int(n), "numberMisscheduled": 0,
                                     "observedGeneration": 1]) else { return }
        daemonSetPods(w, ds: ds, hash: templateHash())
    }

    /// One pod of a system DaemonSet on each of `nodes`.
    private mutating func daemonSetPods(_ w: SystemWorkload, ds: Value, hash: String) {
        for node in nodes {
            var labels = w.labels
            labels["controller-revision-hash"] = hash
            labels["pod-template-generation"] = "1"
            var spec = podSpec(w)
            spec["affinity"] = ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
                ["matchFields": [["key": "metadata.name", "operator": "In", "values": [.string(node.metadataName)]]]]]]]]
            var tolerations = spec["tolerations"]?.arrayValue ?? []
            for (key, effect) in [("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
                                  ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
                                  ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
                                  ("node.kubernetes.io/network-unavailable", "NoSchedule")] {
                tolerations.append(["effect": .string(effect), "key": .string(key), "operator": "Exists"])
            }
            spec["tolerations"] = .array(tolerations)
            spec["nodeName"] = .string(node.metadataName)
            let pod: Value = ["apiVersion": "v1", "kind": "Pod",
                              "metadata": ["generateName": .string(w.name + "-"), "namespace": "kube-system",
                                           "labels": Value(stringMap: labels), "ownerReferences": owner(ds)],
                              "spec": spec]
            runPod(pod, w, on: node.metadataName)
        }
    }

    private mutating func staticPod(_ w: SystemWorkload, on node: Value) {
        var spec = podSpec(w)
        spec["nodeName"] = .string(node.metadataName)
        spec["tolerations"] = [["effect": "NoExecute", "operator": "Exists"], ["effect": "NoSchedule", "operator": "Exists"]]
        spec["automountServiceAccountToken"] = false
        let hash = String(api.random.next() & 0xffff_ffff_ffff, radix: 16)
        let pod: Value = ["apiVersion": "v1", "kind": "Pod",
                          "metadata": ["name": .string("\(w.name)-\(node.metadataName)"), "namespace": "kube-system",
                                       "labels": Value(stringMap: w.labels),
                                       "annotations": ["kubernetes.io/config.hash": .string(hash), "kubernetes.io/config.mirror": .string(hash),
                                                       "kubernetes.io/config.seen": .string(cluster.now.rfc3339), "kubernetes.io/config.source": "file"],
                                       "ownerReferences": [["apiVersion": "v1", "kind": "Node", "name": .string(node.metadataName),
                                                            "uid": .string(node.uid), "controller": true]]],
                          "spec": spec]
        runPod(pod, w, on: node.metadataName)
    }

    /// Creates a pod bound to `node` and writes the status a kubelet leaves on a running pod.
    private mutating func runPod(_ pod: Value, _ w: SystemWorkload, on node: String) {
        guard let t = type("Pod"), let created = try? api.create(t, pod, namespace: "kube-system", strict: false, trusted: true),
              let nodeObj = nodes.first(where: { $0.metadataName == node }) else { return }
        let hostIP = (nodeObj[path: "status", "addresses"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue ?? ""
        var podIP = hostIP
        // Addresses come from the kubelets' IPAM, so pods started later never reuse them.
        if !w.hostNetwork, let ip = cluster.kubelets.ipam.allocate(node: node, podCIDR: nodeObj[path: "spec", "podCIDR"]?.stringValue) {
            podIP = ip
        }
        let now = Value.string(cluster.now.rfc3339)
        let conditions: [Value] = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"].map {
            ["type": .string($0), "status": "True", "lastProbeTime": nil, "lastTransitionTime": now]
        }
        let statuses: [Value] = w.containers.map { c in
            ["name": .string(c.name), "image": .string(c.image), "imageID": .string(c.image), "ready": true, "restartCount": 0, "started": true,
             "containerID": .string("containerd://" + hex64()),
             "state": ["running": ["startedAt": now]], "lastState": .emptyObject]
        }
        var status = created["status"] ?? .emptyObject
        status["phase"] = "Running"
        status["conditions"] = .array(conditions)
        status["hostIP"] = .string(hostIP)
        status["hostIPs"] = [["ip": .string(hostIP)]]
        status["podIP"] = .string(podIP)
        status["podIPs"] = [["ip": .string(podIP)]]
        status["startTime"] = now
        status["containerStatuses"] = .array(statuses)
        _ = try? api.updateStatus(t, namespace: "kube-system", name: created.metadataName, status: status)
    }

    /// A hash shaped like pod-template-hash: a uint32's decimal digits through the API's safe alphabet.
    private func templateHash() -> String {
        let digits = String(api.random.next() & 0xffff_ffff)
        return String(digits.unicodeScalars.map { SeededRandom.nameAlphabet[Int($0.value) % SeededRandom.nameAlphabet.count] })
    }

    private func hex64() -> String { api.random.hex64() }

    private func condition(_ type: String, _ reason: String, _ message: String) -> Value {
        let now = Value.string(cluster.now.rfc3339)
        return ["type": .string(type), "status": "True", "lastUpdateTime": now, "lastTransitionTime": now,
                "reason": .string(reason), "message": .string(message)]
    }

    private func services() {
        func svc(_ name: String, _ label: String, _ selector: [String: String], _ spec: Value) {
            var s = spec
            s["selector"] = Value(stringMap: selector)
            make("Service", ["apiVersion": "v1", "kind": "Service",
                             "metadata": ["name": .string(name), "labels": ["addonmanager.kubernetes.io/mode": "Reconcile",
                                                                             "k8s-app": .string(selector["k8s-app"] ?? name),
                                                                             "kubernetes.io/cluster-service": "true", "kubernetes.io/name": .string(label)]],
                             "spec": s], status: nil)
        }
        svc("default-http-backend", "GLBCDefaultBackend", ["k8s-app": "glbc"],
            ["type": "NodePort", "ports": [["name": "http", "port": 80, "protocol": "TCP", "targetPort": 8080]]])
        svc("kube-dns", "KubeDNS", ["k8s-app": "kube-dns"],
            ["clusterIP": "34.118.224.10", "ports": [["name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53],
                                                     ["name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53]]])
        svc("metrics-server", "Metrics-server", ["k8s-app": "metrics-server"],
            ["ports": [["port": 443, "protocol": "TCP", "targetPort": "https"]]])
    }
}
