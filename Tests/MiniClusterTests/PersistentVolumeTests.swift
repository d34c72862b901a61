@testable import MiniCluster
import XCTest

/// Volume binding's pure parts on tables of objects, then a sandbox cluster through virtual time: GKE's classes,
/// WaitForFirstConsumer provisioning, static and immediate binding, reclaim policies, the scheduler's part, and
/// data that lives with the volume rather than the pod.
final class PersistentVolumeTests: XCTestCase {
    static func pv(_ name: String, _ size: String, modes: [String] = ["ReadWriteOnce"], cls: String = "manual",
                   phase: String = "Available", claimRef: Value? = nil, labels: [String: String] = [:], zone: String? = nil) -> Value {
        var v: Value = ["apiVersion": "v1", "kind": "PersistentVolume",
                        "metadata": ["name": .string(name)],
                        "spec": ["capacity": ["storage": .string(size)], "accessModes": .array(modes.map(Value.string)),
                                 "storageClassName": .string(cls), "hostPath": ["path": "/mnt/x"]],
                        "status": ["phase": .string(phase)]]
        for (k, l) in labels { v[path: "metadata", "labels", k] = .string(l) }
        if let claimRef { v[path: "spec", "claimRef"] = claimRef }
        if let zone {
            v[path: "spec", "nodeAffinity"] = ["required": ["nodeSelectorTerms": [["matchExpressions": [
                ["key": "topology.gke.io/zone", "operator": "In", "values": [.string(zone)]]]]]]]
        }
        return v
    }

    static func claim(_ name: String, _ size: String, modes: [String] = ["ReadWriteOnce"], cls: String? = "manual",
                      selector: Value? = nil) -> Value {
        var c: Value = ["apiVersion": "v1", "kind": "PersistentVolumeClaim",
                        "metadata": ["name": .string(name), "namespace": "default", "uid": .string("uid-" + name)],
                        "spec": ["accessModes": .array(modes.map(Value.string)), "resources": ["requests": ["storage": .string(size)]]]]
        if let cls { c[path: "spec", "storageClassName"] = .string(cls) }
        if let selector { c[path: "spec", "selector"] = selector }
        return c
    }

    func testMismatchReasons() {
        let c = Self.claim("data", "5Gi")
        let cases: [(Value, String?)] = [
            (Self.pv("a", "5Gi"), nil),
            (Self.pv("b", "10Gi"), nil),
            (Self.pv("c", "4Gi"), "requested PV is too small"),
            (Self.pv("d", "5Gi", cls: "other"), "storageClassName does not match"),
            (Self.pv("e", "5Gi", modes: ["ReadOnlyMany"]), "incompatible accessMode"),
            (Self.pv("f", "5Gi", modes: ["ReadWriteOnce", "ReadOnlyMany"]), nil),
        ]
        for (v, want) in cases { XCTAssertEqual(VolumeMatching.mismatch(v, c, nodeLabels: nil), want, v.metadataName) }
        let selecting = Self.claim("sel", "1Gi", selector: ["matchLabels": ["tier": "fast"]])
        XCTAssertEqual(VolumeMatching.mismatch(Self.pv("g", "1Gi"), selecting, nodeLabels: nil), "selector does not match")
        XCTAssertNil(VolumeMatching.mismatch(Self.pv("h", "1Gi", labels: ["tier": "fast"]), selecting, nodeLabels: nil))
        let zonal = Self.pv("z", "5Gi", zone: "us-central1-b")
        XCTAssertNil(VolumeMatching.mismatch(zonal, c, nodeLabels: ["topology.gke.io/zone": "us-central1-b"]))
        XCTAssertEqual(VolumeMatching.mismatch(zonal, c, nodeLabels: ["topology.gke.io/zone": "us-central1-a"]),
                       "node affinity does not match")
    }

    func testBestMatchIsTheSmallestAvailableFitOrTheVolumeReservedForTheClaim() {
        let c = Self.claim("data", "5Gi")
        let other: Value = ["name": "someone-else", "namespace": "default", "uid": "x"]
        let mine: Value = ["name": "data", "namespace": "default", "uid": "uid-data"]
        let cases: [([Value], String?)] = [
            ([Self.pv("big", "50Gi"), Self.pv("mid", "10Gi"), Self.pv("small", "1Gi")], "mid"),
            ([Self.pv("taken", "5Gi", phase: "Bound", claimRef: other), Self.pv("free", "20Gi")], "free"),
            ([Self.pv("released", "5Gi", phase: "Released")], nil),
            ([Self.pv("pending", "5Gi", phase: "Pending")], nil),
            ([Self.pv("free", "5Gi"), Self.pv("reserved", "40Gi", phase: "Available", claimRef: mine)], "reserved"),
            ([], nil),
        ]
        for (volumes, want) in cases {
            XCTAssertEqual(VolumeMatching.bestMatch(for: c, in: volumes, nodeLabels: nil)?.metadataName, want,
                           volumes.map(\.metadataName).joined(separator: ","))
        }
    }

    func testBoundStatusAndDefaultClass() {
        let s = VolumeMatching.boundStatus(Self.claim("d", "1Gi"), volume: Self.pv("v", "2Gi", modes: ["ReadWriteOnce"]))
        XCTAssertEqual(s, ["phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": ["storage": "2Gi"]])
        func sc(_ name: String, _ isDefault: Bool, _ created: String) -> Value {
            var v: Value = ["metadata": ["name": .string(name), "creationTimestamp": .string(created)]]
            if isDefault { v[path: "metadata", "annotations"] = ["storageclass.kubernetes.io/is-default-class": "true"] }
            return v
        }
        XCTAssertNil(Storage.defaultClassName([sc("a", false, "2026-01-01T00:00:00Z")]))
        XCTAssertEqual(Storage.defaultClassName(GKEStorageClasses.objects()), "standard-rwo")
        XCTAssertEqual(Storage.defaultClassName([sc("old", true, "2026-01-01T00:00:00Z"), sc("new", true, "2026-02-01T00:00:00Z")]), "new")
        XCTAssertEqual(Storage.defaultClassName([sc("b", true, "2026-01-01T00:00:00Z"), sc("a", true, "2026-01-01T00:00:00Z")]), "a")
    }

    func testProvisionedVolumeFromEachKindOfClass() throws {
        let claim = Self.claim("data", "10Gi", modes: ["ReadWriteOnce"], cls: "standard-rwo")
        let classes = Dictionary(uniqueKeysWithValues: GKEStorageClasses.objects().map { ($0.metadataName, $0) })
        let csi = CSIProvisioner.volume(for: claim, class: try XCTUnwrap(classes["standard-rwo"]), name: "pvc-uid-data",
                                        zone: "us-central1-c", project: "p", identity: "1-8081-pd.csi.storage.gke.io")
        XCTAssertEqual(csi[path: "spec", "csi"], ["driver": "pd.csi.storage.gke.io", "fsType": "ext4",
                                                  "volumeAttributes": ["storage.kubernetes.io/csiProvisionerIdentity": "1-8081-pd.csi.storage.gke.io"],
                                                  "volumeHandle": "projects/p/zones/us-central1-c/disks/pvc-uid-data"])
        XCTAssertEqual(csi.annotations["pv.kubernetes.io/provisioned-by"], "pd.csi.storage.gke.io")
        XCTAssertNil(csi.annotations["pv.kubernetes.io/migrated-to"])
        XCTAssertEqual(csi[path: "spec", "capacity"], ["storage": "10Gi"])
        XCTAssertEqual(csi[path: "spec", "persistentVolumeReclaimPolicy"], "Delete")
        XCTAssertEqual(csi[path: "spec", "claimRef", "name"], "data")
        XCTAssertEqual(csi.finalizers, ["external-provisioner.volume.kubernetes.io/finalizer"])
        let inTree = CSIProvisioner.volume(for: claim, class: try XCTUnwrap(classes["standard"]), name: "pvc-uid-data",
                                           zone: "us-central1-c", project: "p", identity: "x")
        XCTAssertEqual(inTree[path: "spec", "gcePersistentDisk"], ["fsType": "ext4", "pdName": "pvc-uid-data"])
        XCTAssertNil(inTree[path: "spec", "csi"])
        XCTAssertEqual(inTree.annotations["pv.kubernetes.io/provisioned-by"], "kubernetes.io/gce-pd")
        XCTAssertEqual(inTree.annotations["pv.kubernetes.io/migrated-to"], "pd.csi.storage.gke.io")
        XCTAssertEqual(inTree[path: "spec", "storageClassName"], "standard")
    }

    func testAdmissionOfClaimsAndVolumes() throws {
        let lab = Lab()
        try lab.create(Self.claim("none", "1Gi", cls: ""))
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "none")?[path: "spec", "storageClassName"], "", "an explicit \"\" stays")
        try lab.create(Self.claim("named", "1Gi", cls: "premium-rwo"))
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "named")?[path: "spec", "storageClassName"], "premium-rwo")
        try lab.create(Self.pv("static", "1Gi", phase: "Pending"))
        let pv = try XCTUnwrap(lab.get("PersistentVolume", "static", ns: nil))
        XCTAssertEqual(pv.finalizers, ["kubernetes.io/pv-protection"])
        XCTAssertEqual(pv[path: "status", "lastPhaseTransitionTime"]?.stringValue, lab.cluster.now.rfc3339)
        XCTAssertEqual(pv[path: "status", "phase"], "Available", "an unbound volume is made available at once")
    }

    // MARK: a sandbox cluster

    final class Lab {
        let cluster: Cluster
        var api: APIServer { cluster.api }
        init(_ options: Cluster.Options = .sandbox) { cluster = Cluster(options: options) }
        func t(_ kind: String) -> ResourceType { cluster.registry.lookup(kind: kind)! }
        @discardableResult func create(_ o: Value) throws -> Value {
            let made = try api.create(t(o.kind), o, namespace: "default")
            cluster.settle()
            return made
        }
        func get(_ kind: String, _ name: String, ns: String? = "default") -> Value? {
            try? api.get(t(kind), namespace: t(kind).namespaced ? ns : nil, name: name)
        }
        func delete(_ kind: String, _ name: String) throws {
            try api.delete(t(kind), namespace: t(kind).namespaced ? "default" : nil, name: name)
            cluster.settle()
        }
        func run(_ seconds: Int64) { cluster.advance(by: .seconds(seconds)) }
        func events(_ name: String) -> [String] {
            api.list(t("Event"), namespace: "default").filter { $0[path: "involvedObject", "name"]?.stringValue == name }
                .compactMap { $0["reason"]?.stringValue }
        }
        func exec(_ pod: String, _ argv: [String]) -> ExecResult? {
            cluster.kubelets.process(namespace: "default", pod: pod, container: "app", previous: false)?
                .exec(argv, stdin: "", now: cluster.now)
        }
    }

    static func pod(_ name: String, claim: String, command: String = "sleep 3600") -> Value {
        ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
         "spec": ["containers": [["name": "app", "image": "busybox", "command": ["sh", "-c", .string(command)],
                                  "volumeMounts": [["name": "data", "mountPath": "/data"]]]],
                  "volumes": [["name": "data", "persistentVolumeClaim": ["claimName": .string(claim)]]]]]
    }

    func testGKEClassesInANewCluster() {
        let lab = Lab()
        let classes = lab.api.list(lab.t("StorageClass"), namespace: nil)
        XCTAssertEqual(classes.map(\.metadataName), ["premium-rwo", "standard", "standard-rwo"])
        let rwo = lab.get("StorageClass", "standard-rwo", ns: nil)
        XCTAssertEqual(rwo?["provisioner"], "pd.csi.storage.gke.io")
        XCTAssertEqual(rwo?["volumeBindingMode"], "WaitForFirstConsumer")
        XCTAssertEqual(rwo?[path: "parameters", "type"], "pd-balanced")
        XCTAssertEqual(rwo?.annotations["storageclass.kubernetes.io/is-default-class"], "true")
        XCTAssertEqual(lab.get("StorageClass", "standard", ns: nil)?["volumeBindingMode"], "Immediate")
        XCTAssertTrue(Lab(Cluster.Options()).api.list(lab.t("StorageClass"), namespace: nil).isEmpty, "a bare engine cluster has none")
    }

    func testClaimWaitsForItsFirstConsumerThenIsProvisionedInItsZone() throws {
        let lab = Lab()
        try lab.create(Self.claim("data", "10Gi", cls: nil))
        var c = try XCTUnwrap(lab.get("PersistentVolumeClaim", "data"))
        XCTAssertEqual(c[path: "spec", "storageClassName"], "standard-rwo", "the default class is filled in")
        XCTAssertEqual(c.finalizers, ["kubernetes.io/pvc-protection"])
        lab.run(60)
        c = try XCTUnwrap(lab.get("PersistentVolumeClaim", "data"))
        XCTAssertEqual(c[path: "status", "phase"], "Pending")
        XCTAssertEqual(lab.events("data"), ["WaitForFirstConsumer"])
        try lab.create(Self.pod("writer", claim: "data"))
        XCTAssertNil(lab.get("Pod", "writer")?[path: "spec", "nodeName"], "the pod waits for its volume")
        lab.run(10)
        c = try XCTUnwrap(lab.get("PersistentVolumeClaim", "data"))
        let pvName = "pvc-" + c.uid
        XCTAssertEqual(c[path: "status", "phase"], "Bound")
        XCTAssertEqual(c[path: "spec", "volumeName"]?.stringValue, pvName)
        XCTAssertEqual(c[path: "status", "capacity", "storage"], "10Gi")
        XCTAssertEqual(Set(lab.events("data")), ["WaitForFirstConsumer", "ExternalProvisioning", "Provisioning", "ProvisioningSucceeded"])
        let pv = try XCTUnwrap(lab.get("PersistentVolume", pvName, ns: nil))
        XCTAssertEqual(pv[path: "status", "phase"], "Bound")
        XCTAssertEqual(pv[path: "spec", "persistentVolumeReclaimPolicy"], "Delete")
        XCTAssertEqual(pv[path: "spec", "csi", "driver"], "pd.csi.storage.gke.io")
        XCTAssertEqual(pv[path: "spec", "claimRef", "uid"]?.stringValue, c.uid)
        let pod = try XCTUnwrap(lab.get("Pod", "writer"))
        let node = try XCTUnwrap(pod[path: "spec", "nodeName"]?.stringValue)
        XCTAssertEqual(c.annotations["volume.kubernetes.io/selected-node"], node)
        let zone = lab.get("Node", node, ns: nil)?.labels["topology.gke.io/zone"]
        XCTAssertEqual(pv[path: "spec", "nodeAffinity", "required", "nodeSelectorTerms"]?.arrayValue?.first?["matchExpressions"]?
            .arrayValue?.first?["values"]?.arrayValue?.first?.stringValue, zone)
        XCTAssertEqual(pod[path: "status", "phase"], "Running")
        XCTAssertEqual(lab.events("writer").filter { $0 == "SuccessfulAttachVolume" }.count, 1, "the disk was attached to the node")
    }

    func testDataLivesWithTheVolumeNotThePod() throws {
        let lab = Lab()
        try lab.create(Self.claim("data", "10Gi", cls: nil))
        try lab.create(Self.pod("writer", claim: "data", command: "echo kept > /data/note; echo lost > /tmp/note; sleep 3600"))
        lab.run(20)
        XCTAssertEqual(lab.exec("writer", ["cat", "/data/note"])?.stdout, "kept\n")
        try lab.delete("Pod", "writer")
        lab.run(40)
        XCTAssertNil(lab.get("Pod", "writer"))
        try lab.create(Self.pod("reader", claim: "data"))
        lab.run(10)
        XCTAssertEqual(lab.exec("reader", ["cat", "/data/note"])?.stdout, "kept\n")
        XCTAssertNotEqual(lab.exec("reader", ["cat", "/tmp/note"])?.status, 0, "the container's own layer went with it")
    }

    func testAReadWriteOnceDiskFollowsOnlyOnceThePodsOfItsNodeAreGone() throws {
        let lab = Lab()
        try lab.create(Self.claim("data", "10Gi", cls: nil))
        try lab.create(Self.pod("first", claim: "data"))
        lab.run(15)
        let first = try XCTUnwrap(lab.get("Pod", "first")?[path: "spec", "nodeName"]?.stringValue)
        let other = try XCTUnwrap(lab.cluster.nodeNames.first { $0 != first })
        var second = Self.pod("second", claim: "data")
        second[path: "spec", "nodeName"] = .string(other)
        try lab.create(second)
        lab.run(10)
        XCTAssertNotEqual(lab.get("Pod", "second")?[path: "status", "phase"], "Running")
        let pvName = try XCTUnwrap(lab.get("PersistentVolumeClaim", "data")?[path: "spec", "volumeName"]?.stringValue)
        let warnings = lab.api.list(lab.t("Event"), namespace: "default")
            .filter { $0[path: "involvedObject", "name"] == "second" && $0["reason"] == "FailedAttachVolume" }
        XCTAssertEqual(warnings.compactMap { $0["message"]?.stringValue },
                       ["Multi-Attach error for volume \"\(pvName)\" Volume is already used by pod(s) first"])
        try lab.delete("Pod", "first")
        lab.run(45)
        XCTAssertEqual(lab.get("Pod", "second")?[path: "status", "phase"], "Running")
        XCTAssertTrue(lab.events("second").contains("SuccessfulAttachVolume"))
    }

    func testAClaimThatNamesItsVolumeWaitsForItAndOneThatLosesItIsLost() throws {
        let lab = Lab()
        var wanting = Self.claim("wanting", "1Gi")
        wanting[path: "spec", "volumeName"] = "later"
        try lab.create(wanting)
        lab.run(16)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "wanting")?[path: "status", "phase"], "Pending")
        try lab.create(Self.pv("later", "1Gi", phase: "Pending"))
        lab.run(16)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "wanting")?[path: "status", "phase"], "Bound")
        XCTAssertEqual(lab.get("PersistentVolume", "later", ns: nil)?[path: "spec", "claimRef", "name"], "wanting")
        // The volume is forced away (its protection finalizer removed by hand): the claim has lost it.
        try lab.delete("PersistentVolume", "later")
        lab.api.mutate(lab.t("PersistentVolume"), ObjectKey(namespace: "", name: "later")) { $0[path: "metadata", "finalizers"] = nil }
        lab.run(1)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "wanting")?[path: "status", "phase"], "Lost")
        XCTAssertTrue(lab.events("wanting").contains("ClaimLost"))
    }

    func testAClaimNamesTheConsumerThatCannotBeScheduled() throws {
        let lab = Lab()
        try lab.create(Self.claim("data", "10Gi", cls: nil))
        var greedy = Self.pod("greedy", claim: "data")
        greedy[path: "spec", "containers"] = [["name": "app", "image": "busybox", "resources": ["requests": ["cpu": "64"]],
                                               "volumeMounts": [["name": "data", "mountPath": "/data"]]]]
        try lab.create(greedy)
        lab.run(16)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "data")?[path: "status", "phase"], "Pending")
        let said = lab.api.list(lab.t("Event"), namespace: "default")
            .first { $0[path: "involvedObject", "name"] == "data" && $0["reason"] == "WaitForPodScheduled" }
        XCTAssertEqual(said?["message"], "waiting for pod greedy to be scheduled")
    }

    func testReclaimPolicies() throws {
        let lab = Lab()
        // Delete: the provisioned volume goes with its claim.
        try lab.create(Self.claim("scratch", "1Gi", cls: "standard"))
        lab.run(5)
        let pvName = try XCTUnwrap(lab.get("PersistentVolumeClaim", "scratch")?[path: "spec", "volumeName"]?.stringValue)
        XCTAssertEqual(lab.get("PersistentVolume", pvName, ns: nil)?[path: "status", "phase"], "Bound", "Immediate binds without a pod")
        XCTAssertNotNil(lab.get("PersistentVolume", pvName, ns: nil)?[path: "spec", "gcePersistentDisk"])
        try lab.delete("PersistentVolumeClaim", "scratch")
        lab.run(2)
        XCTAssertNil(lab.get("PersistentVolumeClaim", "scratch"))
        XCTAssertNil(lab.get("PersistentVolume", pvName, ns: nil))
        // Retain: a hand-made volume binds a claim of its class and is Released, not removed, after it.
        try lab.create(Self.pv("archive", "5Gi", phase: "Pending"))
        try lab.create(Self.claim("old-data", "2Gi"))
        lab.run(16)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "old-data")?[path: "spec", "volumeName"], "archive")
        XCTAssertEqual(lab.get("PersistentVolume", "archive", ns: nil)?[path: "status", "phase"], "Bound")
        try lab.delete("PersistentVolumeClaim", "old-data")
        lab.run(2)
        XCTAssertEqual(lab.get("PersistentVolume", "archive", ns: nil)?[path: "status", "phase"], "Released")
    }

    func testSchedulerWaitsForAMissingClaimAndFollowsAZonalVolume() throws {
        var options = Cluster.Options.sandbox
        options.makeRegional()
        options.nodesPerZone = 1
        let lab = Lab(options)
        try lab.create(Self.pod("orphan", claim: "missing"))
        let message = try XCTUnwrap(lab.api.list(lab.t("Event"), namespace: "default")
            .first { $0["reason"]?.stringValue == "FailedScheduling" }?["message"]?.stringValue)
        XCTAssertEqual(message, "0/3 nodes are available: persistentvolumeclaim \"missing\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        // A volume pinned to zone b, bound to the claim the pod waits for: the pod goes to zone b.
        var v = Self.pv("zonal", "5Gi", phase: "Pending", zone: "us-central1-b")
        v[path: "spec", "hostPath"] = nil
        v[path: "spec", "csi"] = ["driver": "pd.csi.storage.gke.io", "volumeHandle": "projects/p/zones/us-central1-b/disks/zonal"]
        try lab.create(v)
        try lab.create(Self.claim("missing", "5Gi"))
        lab.run(12)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "missing")?[path: "status", "phase"], "Bound")
        let node = try XCTUnwrap(lab.get("Pod", "orphan")?[path: "spec", "nodeName"]?.stringValue)
        XCTAssertEqual(lab.get("Node", node, ns: nil)?.labels["topology.gke.io/zone"], "us-central1-b")
        // A volume in a zone without nodes: no node will do.
        var far = Self.pv("far", "5Gi", phase: "Pending", zone: "us-central1-z")
        far[path: "spec", "claimRef"] = ["name": "far", "namespace": "default"]
        try lab.create(far)
        try lab.create(Self.claim("far", "5Gi"))
        try lab.create(Self.pod("stranded", claim: "far"))
        lab.run(3)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "far")?[path: "spec", "volumeName"], "far", "pre-bound by the volume's claimRef")
        XCTAssertNil(lab.get("Pod", "stranded")?[path: "spec", "nodeName"])
        XCTAssertEqual(lab.api.list(lab.t("Event"), namespace: "default")
            .first { $0[path: "involvedObject", "name"] == "stranded" && $0["reason"] == "FailedScheduling" }?["message"]?.stringValue,
                       "0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
    }

    func testImmediateClaimWithoutAVolumeKeepsThePodPending() throws {
        let lab = Lab()
        try lab.create(Self.claim("nothing", "1Gi", cls: ""))
        try lab.create(Self.pod("p", claim: "nothing"))
        lab.run(20)
        XCTAssertEqual(lab.get("PersistentVolumeClaim", "nothing")?[path: "status", "phase"], "Pending")
        XCTAssertTrue(lab.events("nothing").contains("FailedBinding"))
        let cond = lab.get("Pod", "p")?[path: "status", "conditions"]?.arrayValue?.first?["message"]?.stringValue ?? ""
        XCTAssertTrue(cond.contains("pod has unbound immediate PersistentVolumeClaims"), cond)
    }
}
