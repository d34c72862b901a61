// coordination.k8s.io/v1 Lease: what node heartbeats (kube-node-lease) and leader election write. Validation as
// pkg/apis/coordination/validation ValidateLease; `strategy` and `preferredHolder` belong to the
// CoordinatedLeaderElection feature, off in 1.32, so the server drops them as its strategy does.

extension KindSpec {
    static let lease = KindSpec(type: .builtIn("Lease", group: "coordination.k8s.io"), defaults: Leases.dropDisabledFields,
                                validate: validator(.subdomain, Leases.validate))
}

enum Leases {
    static func dropDisabledFields(_ obj: inout Value, _ ctx: DefaultingContext) {
        guard var spec = obj["spec"]?.objectValue, spec["strategy"] != nil || spec["preferredHolder"] != nil else { return }
        spec["strategy"] = nil
        spec["preferredHolder"] = nil
        obj["spec"] = .object(spec)
    }

    static func validate(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        let spec = FieldPath("spec")
        if let d = obj[path: "spec", "leaseDurationSeconds"]?.intValue, d <= 0 {
            errs.append(FieldErrors.invalid(spec.child("leaseDurationSeconds"), int: d, "must be greater than 0"))
        }
        if let t = obj[path: "spec", "leaseTransitions"]?.intValue, t < 0 {
            errs.append(FieldErrors.invalid(spec.child("leaseTransitions"), int: t, FieldErrors.negative))
        }
        return errs
    }
}
