// ComponentStatus (v1, deprecated in v1.19+) is no stored kind: the API server checks the scheduler, the controller
// manager and each etcd member when asked (registry/core/componentstatus) and answers with objects that have a
// name and one Healthy condition, no uid or creationTimestamp. On GKE all four are healthy.

enum ComponentStatuses {
    /// In the order a GKE control plane lists them.
    static let names = ["scheduler", "controller-manager", "etcd-0", "etcd-1"]

    static func object(_ name: String) -> Value? {
        guard names.contains(name) else { return nil }
        return ["apiVersion": "v1", "kind": "ComponentStatus",
                "metadata": ["name": .string(name), "creationTimestamp": .null],
                "conditions": [["type": "Healthy", "status": "True", "message": "ok"]]]
    }

    static var all: [Value] { names.compactMap(object) }
}

extension APIServer {
    /// Whether `t` is the ComponentStatus type (checked only after the store found nothing).
    func isComponentStatus(_ t: ResourceType) -> Bool { t.kind == "ComponentStatus" && t.group.isEmpty }
}
