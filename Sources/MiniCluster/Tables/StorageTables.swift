// Tables of PersistentVolume, PersistentVolumeClaim and StorageClass.

extension Tables {
    static let persistentVolume = TableSpec(["Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass",
                                             "VolumeAttributesClass", "Reason", "Age", "VolumeMode*"]) { o, now in
        let spec = o["spec"]
        var claim = ""
        if let ref = spec?["claimRef"], ref.isObject {
            claim = (ref["namespace"]?.stringValue ?? "") + "/" + (ref["name"]?.stringValue ?? "")
        }
        let phase = o[path: "metadata", "deletionTimestamp"] != nil ? "Terminating" : (o[path: "status", "phase"]?.stringValue ?? "")
        let cls = o.annotations["volume.beta.kubernetes.io/storage-class"] ?? spec?["storageClassName"]?.stringValue ?? ""
        return [o.metadataName, quantity(spec?[path: "capacity", "storage"]), accessModes(spec?["accessModes"]),
                spec?["persistentVolumeReclaimPolicy"]?.stringValue ?? "", phase, claim, cls,
                spec?["volumeAttributesClassName"]?.stringValue ?? "<unset>", o[path: "status", "reason"]?.stringValue ?? "",
                Cell.age(o, now), spec?["volumeMode"]?.stringValue ?? "<unset>"]
    }

    static let persistentVolumeClaim = TableSpec(["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass",
                                                  "VolumeAttributesClass", "Age", "VolumeMode*"]) { o, now in
        let spec = o["spec"]
        let phase = o[path: "metadata", "deletionTimestamp"] != nil ? "Terminating" : (o[path: "status", "phase"]?.stringValue ?? "")
        let volume = spec?["volumeName"]?.stringValue ?? ""
        var capacity = "", modes = ""
        if !volume.isEmpty {
            capacity = quantity(o[path: "status", "capacity", "storage"])
            modes = accessModes(o[path: "status", "accessModes"])
        }
        let cls = o.annotations["volume.beta.kubernetes.io/storage-class"] ?? spec?["storageClassName"]?.stringValue ?? ""
        return [o.metadataName, phase, volume, capacity, modes, cls,
                Cell.string(spec?["volumeAttributesClassName"], or: "<unset>"), Cell.age(o, now),
                spec?["volumeMode"]?.stringValue ?? "<unset>"]
    }

    /// Access modes abbreviated in the fixed order RWO, ROX, RWX, RWOP.
    static func accessModes(_ v: Value?) -> String {
        let modes = Set((v?.arrayValue ?? []).compactMap(\.stringValue))
        let order = [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
        return order.filter { modes.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    static let storageClass = TableSpec(["Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"]) { o, now in
        let a = o.annotations
        let isDefault = a["storageclass.kubernetes.io/is-default-class"] == "true" || a["storageclass.beta.kubernetes.io/is-default-class"] == "true"
        return [o.metadataName + (isDefault ? " (default)" : ""), o["provisioner"]?.stringValue ?? "",
                o["reclaimPolicy"]?.stringValue ?? "Delete", o["volumeBindingMode"]?.stringValue ?? "Immediate",
                Cell.bool(o["allowVolumeExpansion"]?.boolValue ?? false), Cell.age(o, now)]
    }

    static let storageTables: [String: TableSpec] = [
        "/PersistentVolume": persistentVolume, "/PersistentVolumeClaim": persistentVolumeClaim,
        "storage.k8s.io/StorageClass": storageClass,
    ]
}
