// The kinds with their own defaulting/validation. Each kind file adds a `static let` on `KindSpec`; list it here.

public enum Kinds {
    public static var all: [KindSpec] {
        [
            .pod, .replicaSet, .deployment, .statefulSet, .daemonSet, .job, .cronJob,
            .service, .endpoints, .endpointSlice, .configMap, .secret,
            .namespace, .node, .serviceAccount,
            .persistentVolume, .persistentVolumeClaim, .storageClass,
            .ingress, .ingressClass, .networkPolicy,
            .role, .roleBinding, .clusterRole, .clusterRoleBinding,
            .resourceQuota, .limitRange, .podDisruptionBudget, .horizontalPodAutoscaler,
            .event, .eventsV1Event, .lease,
        ]
    }
}

extension ResourceType {
    /// The built-in type of a kind in a group (static data: a missing entry is a programming error caught by tests).
    static func builtIn(_ kind: String, group: String = "") -> ResourceType {
        ResourceType.builtIn.first { $0.kind == kind && $0.group == group }
            ?? ResourceType(kind: kind, group: group, plural: kind.lowercased() + "s")
    }
}

/// A kind's validate closure built from its parts: metadata by name rule, then the kind's own checks.
func validator(_ rule: NameRule, namespaced: Bool = true,
               _ body: @escaping (_ new: Value, _ old: Value?) -> [FieldError] = { _, _ in [] }) -> (Value, Value?) -> [FieldError] {
    return { new, old in
        var errs = ObjectMetaValidation.validate(new, rule: rule, namespaced: namespaced)
        if let old { errs += ObjectMetaValidation.validateUpdate(new, old) }
        return errs + body(new, old)
    }
}
