// Tables of PodDisruptionBudget and PriorityClass.

extension Tables {
    static let podDisruptionBudget = TableSpec(["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"]) { o, now in
        [o.metadataName, Cell.intOrString(o[path: "spec", "minAvailable"]) ?? "N/A",
         Cell.intOrString(o[path: "spec", "maxUnavailable"]) ?? "N/A", Cell.int(o[path: "status", "disruptionsAllowed"]),
         Cell.age(o, now)]
    }

    static let priorityClass = TableSpec(["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"]) { o, now in
        [o.metadataName, Cell.int(o["value"]), Cell.bool(o["globalDefault"]?.boolValue ?? false), Cell.age(o, now),
         o["preemptionPolicy"]?.stringValue ?? "PreemptLowerPriority"]
    }

    static let policyTables: [String: TableSpec] = [
        "policy/PodDisruptionBudget": podDisruptionBudget, "scheduling.k8s.io/PriorityClass": priorityClass,
    ]
}
