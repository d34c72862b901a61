// Tables of the workload controllers: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet,
// ControllerRevision.

extension Tables {
    static let deployment = TableSpec(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*"]) { o, now in
        let (names, images) = Cell.containersAndImages(o[path: "spec", "template", "spec"])
        let desired = o[path: "spec", "replicas"]?.intValue ?? 1
        return [o.metadataName, "\(o[path: "status", "readyReplicas"]?.intValue ?? 0)/\(desired)",
                Cell.int(o[path: "status", "updatedReplicas"]), Cell.int(o[path: "status", "availableReplicas"]),
                Cell.age(o, now), names, images, Cell.selector(o[path: "spec", "selector"])]
    }

    static let replicaSet = TableSpec(["Name", "Desired", "Current", "Ready", "Age", "Containers*", "Images*", "Selector*"]) { o, now in
        let (names, images) = Cell.containersAndImages(o[path: "spec", "template", "spec"])
        return [o.metadataName, String(o[path: "spec", "replicas"]?.intValue ?? 1), Cell.int(o[path: "status", "replicas"]),
                Cell.int(o[path: "status", "readyReplicas"]), Cell.age(o, now), names, images,
                Cell.selector(o[path: "spec", "selector"])]
    }

    static let replicationController = TableSpec(["Name", "Desired", "Current", "Ready", "Age", "Containers*", "Images*", "Selector*"]) { o, now in
        let (names, images) = Cell.containersAndImages(o[path: "spec", "template", "spec"])
        return [o.metadataName, String(o[path: "spec", "replicas"]?.intValue ?? 1), Cell.int(o[path: "status", "replicas"]),
                Cell.int(o[path: "status", "readyReplicas"]), Cell.age(o, now), names, images,
                Cell.mapSelector(o[path: "spec", "selector"]?.stringMap)]
    }

    static let statefulSet = TableSpec(["Name", "Ready", "Age", "Containers*", "Images*"]) { o, now in
        let (names, images) = Cell.containersAndImages(o[path: "spec", "template", "spec"])
        let desired = o[path: "spec", "replicas"]?.intValue ?? 1
        return [o.metadataName, "\(o[path: "status", "readyReplicas"]?.intValue ?? 0)/\(desired)", Cell.age(o, now), names, images]
    }

    static let daemonSet = TableSpec(["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age",
                                      "Containers*", "Images*", "Selector*"]) { o, now in
        let (names, images) = Cell.containersAndImages(o[path: "spec", "template", "spec"])
        let s = o["status"]
        return [o.metadataName, Cell.int(s?["desiredNumberScheduled"]), Cell.int(s?["currentNumberScheduled"]),
                Cell.int(s?["numberReady"]), Cell.int(s?["updatedNumberScheduled"]), Cell.int(s?["numberAvailable"]),
                Cell.mapSelector(o[path: "spec", "template", "spec", "nodeSelector"]?.stringMap), Cell.age(o, now),
                names, images, Cell.selector(o[path: "spec", "selector"])]
    }

    static let controllerRevision = TableSpec(["Name", "Controller", "Revision", "Age"]) { o, now in
        var controller = "<none>"
        if let ref = (o[path: "metadata", "ownerReferences"]?.arrayValue ?? []).first(where: { $0["controller"]?.boolValue == true }) {
            let apiVersion = ref["apiVersion"]?.stringValue ?? ""
            let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
            let kind = (ref["kind"]?.stringValue ?? "") + (group.isEmpty ? "" : "." + group)
            controller = kind.lowercased() + "/" + (ref["name"]?.stringValue ?? "")
        }
        return [o.metadataName, controller, Cell.int(o["revision"]), Cell.age(o, now)]
    }

    static let workloadTables: [String: TableSpec] = [
        "apps/Deployment": deployment, "apps/ReplicaSet": replicaSet, "/ReplicationController": replicationController,
        "apps/StatefulSet": statefulSet, "apps/DaemonSet": daemonSet, "apps/ControllerRevision": controllerRevision,
    ]
}
