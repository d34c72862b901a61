// networking.gke.io/v1 MultiClusterService and MultiClusterIngress: the custom resources GKE installs in a fleet's
// config cluster when Multi Cluster Ingress is enabled. They are not built in: `Fleet.enableIngress` installs them
// (`APIServer.installKinds`), so before that `kubectl apply` finds no such kind, as on a real cluster.

public enum MultiClusterKinds {
    public static let group = "networking.gke.io"

    public static let service = ResourceType(kind: "MultiClusterService", group: group, plural: "multiclusterservices",
                                             shortNames: ["mcs"])
    public static let ingress = ResourceType(kind: "MultiClusterIngress", group: group, plural: "multiclusteringresses",
                                             shortNames: ["mci"])

    /// What the config cluster's API server learns about the two kinds. Custom resources get no server defaults
    /// beyond their schema's; the checks here are the schema's required fields.
    public static let specs: [KindSpec] = [
        KindSpec(type: service, hasGeneration: true, validate: validator(.subdomain, validateService)),
        KindSpec(type: ingress, hasGeneration: true, validate: validator(.subdomain, validateIngress)),
    ]

    static func validateService(_ obj: Value, _ old: Value?) -> [FieldError] {
        guard let spec = obj[path: "spec", "template", "spec"], spec.isObject else {
            return [FieldErrors.required(FieldPath("spec").child("template", "spec"))]
        }
        var errs: [FieldError] = []
        for (i, p) in (spec["ports"]?.arrayValue ?? []).enumerated() where p["port"]?.intValue == nil {
            errs.append(FieldErrors.required(FieldPath("spec").child("template", "spec").child("ports").index(i).child("port")))
        }
        return errs
    }

    static func validateIngress(_ obj: Value, _ old: Value?) -> [FieldError] {
        guard let spec = obj[path: "spec", "template", "spec"], spec.isObject else {
            return [FieldErrors.required(FieldPath("spec").child("template", "spec"))]
        }
        var errs: [FieldError] = []
        func backend(_ b: Value, _ at: FieldPath) {
            if b["serviceName"]?.stringValue == nil { errs.append(FieldErrors.required(at.child("serviceName"))) }
            if b["servicePort"] == nil { errs.append(FieldErrors.required(at.child("servicePort"))) }
        }
        let root = FieldPath("spec").child("template", "spec")
        if let b = spec["backend"] { backend(b, root.child("backend")) }
        for (i, r) in (spec["rules"]?.arrayValue ?? []).enumerated() {
            for (j, p) in (r[path: "http", "paths"]?.arrayValue ?? []).enumerated() {
                backend(p["backend"] ?? .emptyObject, root.child("rules").index(i).child("http", "paths").index(j).child("backend"))
            }
        }
        return errs
    }
}

extension Tables {
    /// A custom resource without additional printer columns: the API server's CRD table shows NAME and AGE.
    static let customResource = TableSpec(["Name", "Age"]) { o, now in [o.metadataName, Cell.age(o, now)] }

    static let multiClusterTables: [String: TableSpec] = [
        "networking.gke.io/MultiClusterService": customResource,
        "networking.gke.io/MultiClusterIngress": customResource,
    ]
}
