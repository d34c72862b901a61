// Scheme defaults for PodSpec, containers, probes and volumes (core/v1 SetDefaults_*), shared by Pods and templates.

enum PodSpecDefaults {
    /// Defaults a PodSpec in place; `isPod` adds the Pod-only defaults (requests from limits, enableServiceLinks).
    static func apply(_ spec: inout Value, isPod: Bool) {
        guard spec.isObject else { return }
        setIfMissing(&spec, "restartPolicy", "Always")
        setIfMissing(&spec, "dnsPolicy", "ClusterFirst")
        setIfMissing(&spec, "schedulerName", "default-scheduler")
        setIfMissing(&spec, "terminationGracePeriodSeconds", 30)
        setIfMissing(&spec, "securityContext", .emptyObject)
        if spec["hostNetwork"]?.boolValue == true {
            // Host-network pods get their container ports copied to hostPort.
            for key in ["containers", "initContainers"] { mapArray(&spec, key) { c in
                mapArray(&c, "ports") { p in if p["hostPort"] == nil, let cp = p["containerPort"] { p["hostPort"] = cp } }
            } }
        }
        if isPod { setIfMissing(&spec, "enableServiceLinks", true) }
        for key in ["containers", "initContainers", "ephemeralContainers"] {
            mapArray(&spec, key) { container(&$0, isPod: isPod) }
        }
        mapArray(&spec, "volumes") { volume(&$0) }
    }

    static func container(_ c: inout Value, isPod: Bool) {
        guard c.isObject else { return }
        setIfMissing(&c, "terminationMessagePath", "/dev/termination-log")
        setIfMissing(&c, "terminationMessagePolicy", "File")
        if c["imagePullPolicy"] == nil || c["imagePullPolicy"] == .string("") {
            c["imagePullPolicy"] = .string(imageTag(c.string(at: "image") ?? "") == "latest" ? "Always" : "IfNotPresent")
        }
        setIfMissing(&c, "resources", .emptyObject)
        mapArray(&c, "ports") { p in setIfMissing(&p, "protocol", "TCP") }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] where c[probe]?.isObject == true {
            var p = c[probe] ?? .emptyObject
            setIfMissing(&p, "timeoutSeconds", 1)
            setIfMissing(&p, "periodSeconds", 10)
            setIfMissing(&p, "successThreshold", 1)
            setIfMissing(&p, "failureThreshold", 3)
            handler(&p)
            c[probe] = p
        }
        for hook in ["postStart", "preStop"] where c[path: "lifecycle", hook]?.isObject == true {
            var h = c[path: "lifecycle", hook] ?? .emptyObject
            handler(&h)
            c[path: "lifecycle", hook] = h
        }
        mapArray(&c, "env") { e in
            if e[path: "valueFrom", "fieldRef"]?.isObject == true, e[path: "valueFrom", "fieldRef", "apiVersion"] == nil {
                e[path: "valueFrom", "fieldRef", "apiVersion"] = "v1"
            }
        }
        // Quantities are stored rounded up to milli precision, in canonical form; Pods copy limits to missing requests.
        var res = c["resources"] ?? .emptyObject
        canonicalizeResourceList(&res, "limits")
        canonicalizeResourceList(&res, "requests")
        if isPod, let limits = res["limits"]?.objectValue, !limits.isEmpty {
            var requests = res["requests"]?.objectValue ?? [:]
            for (k, v) in limits where requests[k] == nil { requests[k] = v }
            res["requests"] = .object(requests)
        }
        c["resources"] = res
    }

    /// httpGet defaults of a probe or lifecycle handler.
    static func handler(_ h: inout Value) {
        guard h["httpGet"]?.isObject == true else { return }
        var g = h["httpGet"] ?? .emptyObject
        setIfMissing(&g, "path", "/")
        setIfMissing(&g, "scheme", "HTTP")
        h["httpGet"] = g
    }

    static let volumeSources = ["hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret",
                                "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs",
                                "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte",
                                "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos",
                                "csi", "ephemeral", "image"]

    static func volume(_ v: inout Value) {
        guard v.isObject else { return }
        if !volumeSources.contains(where: { v[$0] != nil }) { v["emptyDir"] = .emptyObject }
        for src in ["secret", "configMap", "downwardAPI", "projected"] where v[src]?.isObject == true {
            v[path: src, "defaultMode"] = v[path: src, "defaultMode"] ?? 420
        }
        if v["hostPath"]?.isObject == true, v[path: "hostPath", "type"] == nil { v[path: "hostPath", "type"] = "" }
        if var sources = v[path: "projected", "sources"]?.arrayValue {
            for i in sources.indices where sources[i]["serviceAccountToken"]?.isObject == true {
                if sources[i][path: "serviceAccountToken", "expirationSeconds"] == nil {
                    sources[i][path: "serviceAccountToken", "expirationSeconds"] = 3600
                }
            }
            v[path: "projected", "sources"] = .array(sources)
        }
    }

    /// The tag an image reference resolves to: `latest` when it has neither tag nor digest.
    static func imageTag(_ image: String) -> String {
        if image.contains("@") { return "" }
        let lastSlash = image.lastIndex(of: "/")
        let name = lastSlash.map { image[image.index(after: $0)...] } ?? Substring(image)
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return "latest"
    }

    /// Rounds each quantity of `res[key]` up to milli precision and stores its canonical string.
    static func canonicalizeResourceList(_ res: inout Value, _ key: String) {
        guard var list = res[key]?.objectValue else { return }
        for (k, v) in list {
            if let q = v.quantityValue { list[k] = .string(q.roundedUp(toScale: -3).description) }
        }
        res[key] = .object(list)
    }

    // MARK: helpers

    static func setIfMissing(_ v: inout Value, _ key: String, _ value: Value) {
        if v[key] == nil || v[key] == .null { v[key] = value }
    }

    /// Applies `f` to each element of the array at `key`, if any.
    static func mapArray(_ v: inout Value, _ key: String, _ f: (inout Value) -> Void) {
        guard var a = v[key]?.arrayValue else { return }
        v[key] = .null  // released (the key keeps its place), so the elements are edited in place, not copied
        for i in a.indices { f(&a[i]) }
        v[key] = .array(a)
    }

    /// Defaults the pod template at `spec.template` of a workload.
    static func template(_ obj: inout Value, at path: [String] = ["spec", "template"]) {
        guard var spec = obj[pathArray: path + ["spec"]] else { return }
        apply(&spec, isPod: false)
        obj[pathArray: path + ["spec"]] = spec
        zeroCreationTimestamp(&obj, at: path)
    }

    /// Embedded ObjectMeta serializes its zero creationTimestamp as `null` (`creationTimestamp: null` in -o yaml).
    static func zeroCreationTimestamp(_ obj: inout Value, at path: [String]) {
        guard obj[pathArray: path]?.isObject == true else { return }
        var meta = obj[pathArray: path + ["metadata"]]?.objectValue ?? [:]
        if meta["creationTimestamp"] == nil { meta["creationTimestamp"] = .null }
        obj[pathArray: path + ["metadata"]] = .object(meta)
    }
}
