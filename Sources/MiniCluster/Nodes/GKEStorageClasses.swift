// The StorageClasses a new GKE cluster (1.32) has: two for the Compute Engine persistent disk CSI driver, one of
// them the default, and the older in-tree `standard` class that the same driver now serves through CSI migration.

enum GKEStorageClasses {
    /// Name, provisioner, disk type, binding mode and whether it is the default.
    static let classes: [(name: String, provisioner: String, type: String, binding: String, isDefault: Bool)] = [
        ("premium-rwo", PDCSI.driver, "pd-ssd", "WaitForFirstConsumer", false),
        ("standard", "kubernetes.io/gce-pd", "pd-standard", "Immediate", false),
        ("standard-rwo", PDCSI.driver, "pd-balanced", "WaitForFirstConsumer", true),
    ]

    /// The objects as GKE's addon manager writes them (created once, then left to the user: `EnsureExists`).
    static func objects() -> [Value] {
        classes.map { c in
            var annotations: Value = .emptyObject
            var labels: Value = ["addonmanager.kubernetes.io/mode": "EnsureExists"]
            if c.provisioner == PDCSI.driver {
                annotations = ["components.gke.io/component-name": "pdcsi", "components.gke.io/component-version": "0.21.32",
                               "components.gke.io/layer": "addon"]
                labels["k8s-app"] = "gcp-compute-persistent-disk-csi-driver"
            }
            if c.isDefault { annotations["storageclass.kubernetes.io/is-default-class"] = "true" }
            var meta: Value = ["name": .string(c.name), "labels": labels]
            if !(annotations.objectValue ?? [:]).isEmpty { meta["annotations"] = annotations }
            return ["apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": meta,
                    "provisioner": .string(c.provisioner), "parameters": ["type": .string(c.type)],
                    "reclaimPolicy": "Delete", "volumeBindingMode": .string(c.binding), "allowVolumeExpansion": true]
        }
    }

    static func create(_ c: Cluster) {
        guard let t = c.registry.lookup(kind: "StorageClass") else { return }
        for o in objects() { _ = try? c.api.create(t, o, namespace: nil, strict: false, trusted: true) }
    }
}

/// GKE's Compute Engine persistent disk CSI driver: its name and the topology key its volumes are pinned by.
enum PDCSI {
    static let driver = "pd.csi.storage.gke.io"
    static let zoneKey = "topology.gke.io/zone"
    /// The in-tree provisioner that CSI migration hands to this driver.
    static let inTree = "kubernetes.io/gce-pd"
}
