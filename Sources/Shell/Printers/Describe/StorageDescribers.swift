// `describe persistentvolume`, `describe persistentvolumeclaim`, `describe storageclass`.
import MiniCluster

enum StorageDescribers {
    static func persistentVolume(_ pv: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = pv["spec"] ?? .null
        w.write(0, "Name:\t\(pv.metadataName)\n")
        w.labels("Labels", pv.labels)
        w.annotations("Annotations", pv.annotations)
        w.write(0, "Finalizers:\t\(DescribeFormat.goList(pv.dArr("metadata", "finalizers").map(\.dText)))\n")
        w.write(0, "StorageClass:\t\(volumeClass(pv))\n")
        if let deleted = pv.deletionTimestamp {
            w.write(0, "Status:\tTerminating (lasts \(ctx.since(deleted)))\n")
        } else {
            w.write(0, "Status:\t\(pv.dStr("status", "phase"))\n")
        }
        if spec.dHas("claimRef") {
            w.write(0, "Claim:\t\(spec.dStr("claimRef", "namespace"))/\(spec.dStr("claimRef", "name"))\n")
        } else {
            w.write(0, "Claim:\t\n")
        }
        w.write(0, "Reclaim Policy:\t\(spec.dStr("persistentVolumeReclaimPolicy"))\n")
        w.write(0, "Access Modes:\t\(accessModes(spec.dArr("accessModes")))\n")
        if spec.dHas("volumeMode") { w.write(0, "VolumeMode:\t\(spec.dStr("volumeMode"))\n") }
        w.write(0, "Capacity:\t\(DescribeQuantity.text(spec[path: "capacity", "storage"]))\n")
        nodeAffinity(spec["nodeAffinity"], w)
        w.write(0, "Message:\t\(pv.dStr("status", "message"))\n")
        w.write(0, "Source:\n")
        if let csi = spec["csi"], !csi.isNull {
            VolumesSection.csi(csi, w, persistent: true)
        } else if !VolumesSection.source(spec, w) {
            w.write(1, "<unknown>\n")
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: pv, in: ctx), w, ctx) }
        return w.text
    }

    private static func nodeAffinity(_ affinity: Value?, _ w: PrefixWriter) {
        w.write(0, "Node Affinity:\t")
        guard let required = affinity?["required"], !required.isNull else { w.line("<none>"); return }
        w.line("")
        w.write(1, "Required Terms:\t")
        let terms = required.dArr("nodeSelectorTerms")
        guard !terms.isEmpty else { w.line("<none>"); return }
        w.line("")
        for (i, term) in terms.enumerated() {
            w.write(2, "Term \(i):\t")
            let reqs = term.dArr("matchExpressions")
            if reqs.isEmpty { w.line("<none>"); continue }
            for (j, r) in reqs.enumerated() {
                if j != 0 { w.write(2, "\t") }
                var expr = "\(r.dStr("key")) \(r.dStr("operator").lowercased())"
                let values = r.dArr("values").map(\.dText)
                if !values.isEmpty { expr += " [\(values.joined(separator: ", "))]" }
                w.write(0, expr + "\n")
            }
        }
    }

    static func persistentVolumeClaim(_ pvc: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        claimFields(pvc, w, full: true, ctx: ctx)
        let ns = pvc.metadataNamespace ?? "default"
        let pods = ctx.list("Pod", namespace: ns)
        var users = pods.filter { pod in
            pod.dArr("spec", "volumes").contains { $0.dStr("persistentVolumeClaim", "claimName") == pvc.metadataName }
        }
        for ref in pvc.dArr("metadata", "ownerReferences") where ref.dStr("kind") == "Pod" {
            if let owner = pods.first(where: { $0.uid == ref.dStr("uid") }), !users.contains(where: { $0.uid == owner.uid }) {
                users.append(owner)
            }
        }
        w.names("Used By", users.map(\.metadataName))
        let conditions = pvc.dArr("status", "conditions")
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in conditions {
                w.write(1, "\(c.dStr("type")) \t\(c.dStr("status")) \t\(DescribeFormat.time(c.dTime("lastProbeTime"))) \t"
                    + "\(DescribeFormat.time(c.dTime("lastTransitionTime"))) \t\(c.dStr("reason")) \t\(c.dStr("message"))\n")
            }
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: pvc, in: ctx), w, ctx) }
        return w.text
    }

    /// The claim's own fields; claim templates (`full` false) skip name, namespace, status and finalizers.
    static func claimFields(_ pvc: Value, _ w: PrefixWriter, full: Bool, ctx: DescribeContext? = nil) {
        let spec = pvc["spec"] ?? .null
        if full {
            w.write(0, "Name:\t\(pvc.metadataName)\n")
            w.write(0, "Namespace:\t\(pvc.metadataNamespace ?? "")\n")
        }
        w.write(0, "StorageClass:\t\(claimClass(pvc))\n")
        if full {
            if let deleted = pvc.deletionTimestamp {
                w.write(0, "Status:\tTerminating (lasts \(ctx.map { $0.since(deleted) } ?? "<unknown>"))\n")
            } else {
                w.write(0, "Status:\t\(pvc.dStr("status", "phase"))\n")
            }
        }
        w.write(0, "Volume:\t\(spec.dStr("volumeName"))\n")
        w.labels("Labels", pvc.labels)
        w.annotations("Annotations", pvc.annotations)
        if full { w.write(0, "Finalizers:\t\(DescribeFormat.goList(pvc.dArr("metadata", "finalizers").map(\.dText)))\n") }
        var capacity = "", modes = ""
        if !spec.dStr("volumeName").isEmpty {
            modes = accessModes(pvc.dArr("status", "accessModes"))
            capacity = DescribeQuantity.text(pvc[path: "status", "capacity", "storage"])
        }
        w.write(0, "Capacity:\t\(capacity)\n")
        w.write(0, "Access Modes:\t\(modes)\n")
        if spec.dHas("volumeMode") { w.write(0, "VolumeMode:\t\(spec.dStr("volumeMode"))\n") }
        if let ds = spec["dataSource"], !ds.isNull {
            w.write(0, "DataSource:\n")
            if ds.dHas("apiGroup") { w.write(1, "APIGroup:\t\(ds.dStr("apiGroup"))\n") }
            w.write(1, "Kind:\t\(ds.dStr("kind"))\n")
            w.write(1, "Name:\t\(ds.dStr("name"))\n")
        }
    }

    /// A claim's class: the beta annotation first, then spec.storageClassName.
    static func claimClass(_ pvc: Value) -> String {
        if let a = pvc.annotations["volume.beta.kubernetes.io/storage-class"] { return a }
        return pvc.dStr("spec", "storageClassName")
    }

    private static func volumeClass(_ pv: Value) -> String {
        if let a = pv.annotations["volume.beta.kubernetes.io/storage-class"] { return a }
        return pv.dStr("spec", "storageClassName")
    }

    /// `RWO,ROX` in kubectl's fixed order.
    static func accessModes(_ modes: [Value]) -> String {
        let have = Set(modes.map(\.dText))
        return [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
            .filter { have.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    static func storageClass(_ sc: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(sc.metadataName)\n")
        let isDefault = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
            .contains { sc.annotations[$0] == "true" }
        w.write(0, "IsDefaultClass:\t\(isDefault ? "Yes" : "No")\n")
        w.write(0, "Annotations:\t\(DescribeFormat.labels(sc.annotations))\n")
        w.write(0, "Provisioner:\t\(sc.dStr("provisioner"))\n")
        w.write(0, "Parameters:\t\(DescribeFormat.labels(sc.dMap("parameters")))\n")
        w.write(0, "AllowVolumeExpansion:\t\(sc.dBool("allowVolumeExpansion").map(DescribeFormat.bool) ?? "<unset>")\n")
        let options = sc.dArr("mountOptions").map(\.dText)
        if options.isEmpty {
            w.write(0, "MountOptions:\t<none>\n")
        } else {
            w.write(0, "MountOptions:\n")
            for o in options { w.write(1, "\(o)\n") }
        }
        if sc.dHas("reclaimPolicy") { w.write(0, "ReclaimPolicy:\t\(sc.dStr("reclaimPolicy"))\n") }
        if sc.dHas("volumeBindingMode") { w.write(0, "VolumeBindingMode:\t\(sc.dStr("volumeBindingMode"))\n") }
        if sc.dHas("allowedTopologies") {
            let terms = sc.dArr("allowedTopologies")
            w.write(0, "AllowedTopologies:\t")
            if terms.isEmpty { w.line("<none>") } else {
                w.line("")
                for (i, term) in terms.enumerated() {
                    w.write(1, "Term \(i):\t")
                    let reqs = term.dArr("matchLabelExpressions")
                    if reqs.isEmpty { w.line("<none>"); continue }
                    for (j, r) in reqs.enumerated() {
                        if j != 0 { w.write(1, "\t") }
                        let values = r.dArr("values").map(\.dText)
                        w.write(0, "\(r.dStr("key")) in" + (values.isEmpty ? "" : " [\(values.joined(separator: ", "))]") + "\n")
                    }
                }
            }
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: sc, in: ctx), w, ctx) }
        return w.text
    }
}
