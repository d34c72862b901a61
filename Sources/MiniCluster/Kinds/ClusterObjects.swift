// Namespace, Node and ServiceAccount: names, the namespace's default label and finalizer.

extension KindSpec {
    static let namespace = KindSpec(type: .builtIn("Namespace"), defaults: ClusterObjects.defaultNamespace,
                                    validate: validator(.label, namespaced: false, ClusterObjects.validateNamespace))
    static let node = KindSpec(type: .builtIn("Node"), defaults: ClusterObjects.defaultNode,
                               validate: validator(.subdomain, namespaced: false, ClusterObjects.validateNode))
    static let serviceAccount = KindSpec(type: .builtIn("ServiceAccount"), validate: validator(.subdomain))
}

enum ClusterObjects {
    static let nameLabel = "kubernetes.io/metadata.name"

    static func defaultNamespace(_ obj: inout Value, _ ctx: DefaultingContext) {
        var labels = obj[path: "metadata", "labels"]?.objectValue ?? [:]
        labels[nameLabel] = .string(obj.metadataName)
        obj[path: "metadata", "labels"] = .object(labels)
        if obj[path: "spec", "finalizers"] == nil { obj[path: "spec", "finalizers"] = ["kubernetes"] }
        if obj[path: "status", "phase"] == nil { obj[path: "status", "phase"] = "Active" }
    }

    static func validateNamespace(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, f) in (obj[path: "spec", "finalizers"]?.arrayValue ?? []).enumerated() {
            let s = f.stringValue ?? ""
            if s != "kubernetes", !s.contains("/") {
                errs.append(FieldErrors.invalid(FieldPath("spec.finalizers").index(i), string: s,
                                                "name is neither a standard finalizer name nor is it fully qualified"))
            }
        }
        return errs
    }

    static func defaultNode(_ obj: inout Value, _ ctx: DefaultingContext) {
        if obj[path: "spec"] == nil { obj["spec"] = .emptyObject }
    }

    static func validateNode(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, t) in (obj[path: "spec", "taints"]?.arrayValue ?? []).enumerated() {
            let tp = FieldPath("spec.taints").index(i)
            let key = t.string(at: "key") ?? ""
            if key.isEmpty { errs.append(FieldErrors.required(tp.child("key"))) }
            else { errs += FieldErrors.each(NameRules.qualifiedName(key), tp.child("key"), key) }
            let value = t.string(at: "value") ?? ""
            errs += FieldErrors.each(NameRules.labelValue(value), tp.child("value"), value)
            errs += PodSpecValidation.enumValue(t.string(at: "effect"), tp.child("effect"), ["NoSchedule", "PreferNoSchedule", "NoExecute"])
        }
        return errs
    }
}
