// PersistentVolume, PersistentVolumeClaim and StorageClass: defaults, required fields and update rules.

extension KindSpec {
    static let persistentVolume = KindSpec(type: .builtIn("PersistentVolume"), defaults: Storage.defaultPV,
                                           validate: validator(.subdomain, namespaced: false, Storage.validatePV))
    static let persistentVolumeClaim = KindSpec(type: .builtIn("PersistentVolumeClaim"), defaults: Storage.defaultPVC,
                                                validate: validator(.subdomain, Storage.validatePVC))
    static let storageClass = KindSpec(type: .builtIn("StorageClass", group: "storage.k8s.io"), defaults: Storage.defaultClass,
                                       validate: validator(.subdomain, namespaced: false, Storage.validateClass))
}

enum Storage {
    typealias D = PodSpecDefaults
    static let accessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
    static let pvSources = ["gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "iscsi",
                            "cinder", "cephfs", "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume", "quobyte",
                            "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "local", "storageos", "csi"]

    static func defaultPV(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "persistentVolumeReclaimPolicy", "Retain")
        D.setIfMissing(&spec, "volumeMode", "Filesystem")
        if spec["hostPath"]?.isObject == true, spec[path: "hostPath", "type"] == nil { spec[path: "hostPath", "type"] = "" }
        D.canonicalizeResourceList(&spec, "capacity")
        obj["spec"] = spec
        if obj[path: "status", "phase"] == nil { obj["status"] = ["phase": "Pending"] }
        if ctx.isCreate {
            addFinalizer(&obj, pvProtection)
            if obj[path: "status", "lastPhaseTransitionTime"] == nil { obj[path: "status", "lastPhaseTransitionTime"] = .string(ctx.now.rfc3339) }
        }
    }

    /// The finalizers the StorageObjectInUseProtection admission plugin adds, so that a claim a pod still uses,
    /// or a volume still bound, is not removed under it.
    static let pvcProtection = "kubernetes.io/pvc-protection"
    static let pvProtection = "kubernetes.io/pv-protection"

    static func addFinalizer(_ obj: inout Value, _ f: String) {
        let list = obj[path: "metadata", "finalizers"]?.arrayValue ?? []
        if !list.contains(.string(f)) { obj[path: "metadata", "finalizers"] = .array(list + [.string(f)]) }
    }

    /// The DefaultStorageClass admission plugin: the default class's name (the newest default, then by name,
    /// when several claim it), or nil when there is none.
    static func defaultClassName(_ classes: [Value]) -> String? {
        let defaults = classes.filter { c in
            ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
                .contains { c.annotations[$0] == "true" }
        }
        return defaults.max { a, b in
            let ta = a[path: "metadata", "creationTimestamp"]?.stringValue ?? "", tb = b[path: "metadata", "creationTimestamp"]?.stringValue ?? ""
            return ta != tb ? ta < tb : a.metadataName > b.metadataName
        }?.metadataName
    }

    static func validateAccessModes(_ modes: [Value], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        if modes.isEmpty { errs.append(FieldErrors.required(p, "at least 1 access mode is required")) }
        for m in modes {
            let s = m.stringValue ?? ""
            if !accessModes.contains(s) { errs.append(FieldErrors.notSupported(p, s, accessModes)) }
        }
        if modes.contains(.string("ReadWriteOncePod")), modes.count > 1 {
            errs.append(FieldErrors.forbidden(p, "may not use ReadWriteOncePod with other access modes"))
        }
        return errs
    }

    static func validatePV(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        let spec = FieldPath("spec")
        var errs = validateAccessModes(s.array(at: "accessModes"), spec.child("accessModes"))
        if let policy = s.string(at: "persistentVolumeReclaimPolicy"), !["Delete", "Recycle", "Retain"].contains(policy) {
            errs.append(FieldErrors.notSupported(spec.child("persistentVolumeReclaimPolicy"), policy, ["Delete", "Recycle", "Retain"]))
        }
        let capacity = s["capacity"]?.objectValue ?? [:]
        if capacity.isEmpty { errs.append(FieldErrors.required(spec.child("capacity"))) }
        else if capacity["storage"] == nil || capacity.count > 1 {
            errs.append(FieldErrors.notSupported(spec.child("capacity"), capacity.keys.sorted().first ?? "", ["storage"]))
        } else if let q = capacity["storage"]?.quantityValue, q.sign <= 0 {
            errs.append(FieldErrors.invalid(spec.child("capacity").key("storage"), string: q.description, "must be greater than zero"))
        }
        let sources = pvSources.filter { s.has($0) }
        if sources.isEmpty { errs.append(FieldErrors.required(spec, "must specify a volume type")) }
        for extra in sources.dropFirst() { errs.append(FieldErrors.forbidden(spec.child(extra), "may not specify more than 1 volume type")) }
        if let hp = s["hostPath"], hp.isObject, (hp.string(at: "path") ?? "").isEmpty {
            errs.append(FieldErrors.required(spec.child("hostPath", "path")))
        }
        if let sc = s.string(at: "storageClassName"), !sc.isEmpty {
            errs += FieldErrors.each(NameRules.dns1123Subdomain(sc), spec.child("storageClassName"), sc)
        }
        if let old, old[path: "spec", "volumeMode"] != s["volumeMode"] {
            errs += FieldErrors.immutable(s["volumeMode"], old[path: "spec", "volumeMode"], FieldPath("volumeMode"))
        }
        return errs
    }

    static func defaultPVC(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "volumeMode", "Filesystem")
        if var res = spec["resources"], res.isObject {
            D.canonicalizeResourceList(&res, "requests")
            D.canonicalizeResourceList(&res, "limits")
            spec["resources"] = res
        }
        // Admission (create only): a claim that names no class (not even "") gets the default one.
        if ctx.isCreate, spec["storageClassName"] == nil, obj.annotations["volume.beta.kubernetes.io/storage-class"] == nil,
           let classes = ctx.existing?("StorageClass"), let name = defaultClassName(classes) {
            spec["storageClassName"] = .string(name)
        }
        obj["spec"] = spec
        if obj[path: "status", "phase"] == nil { obj["status"] = ["phase": "Pending"] }
        if ctx.isCreate { addFinalizer(&obj, pvcProtection) }
    }

    static func validatePVC(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        let spec = FieldPath("spec")
        var errs = validateAccessModes(s.array(at: "accessModes"), spec.child("accessModes"))
        errs += SelectorValidation.validate(s["selector"], spec.child("selector"))
        let rp = spec.child("resources").key("storage")
        if let storage = s[path: "resources", "requests", "storage"] {
            if let q = storage.quantityValue, q.sign <= 0 { errs.append(FieldErrors.invalid(rp, string: q.description, "must be greater than zero")) }
        } else {
            errs.append(FieldErrors.required(rp))
        }
        if let sc = s.string(at: "storageClassName"), !sc.isEmpty {
            errs += FieldErrors.each(NameRules.dns1123Subdomain(sc), spec.child("storageClassName"), sc)
        }
        if let mode = s.string(at: "volumeMode"), !["Block", "Filesystem"].contains(mode) {
            errs.append(FieldErrors.notSupported(spec.child("volumeMode"), mode, ["Block", "Filesystem"]))
        }
        guard let old else { return errs }
        // Only the storage request (growing) may change; volumeName may be set once by the binder.
        func frozen(_ v: Value?) -> Value {
            var v = v ?? .emptyObject
            v[path: "resources", "requests", "storage"] = nil
            if (old[path: "spec", "volumeName"]?.stringValue ?? "").isEmpty { v["volumeName"] = nil }
            v["volumeAttributesClassName"] = nil
            return v
        }
        if frozen(obj["spec"]) != frozen(old["spec"]) {
            errs.append(FieldErrors.forbidden(spec, "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"))
        }
        if let n = s[path: "resources", "requests", "storage"]?.quantityValue,
           let o = old[path: "spec", "resources", "requests", "storage"]?.quantityValue, n < o {
            errs.append(FieldErrors.forbidden(spec.child("resources", "requests", "storage"), "field can not be less than previous value"))
        }
        return errs
    }

    static func defaultClass(_ obj: inout Value, _ ctx: DefaultingContext) {
        D.setIfMissing(&obj, "reclaimPolicy", "Delete")
        D.setIfMissing(&obj, "volumeBindingMode", "Immediate")
    }

    static func validateClass(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        let prov = obj.string(at: "provisioner") ?? ""
        if prov.isEmpty { errs.append(FieldErrors.required(FieldPath("provisioner"))) }
        else { errs += FieldErrors.each(NameRules.qualifiedName(prov.lowercased()), FieldPath("provisioner"), prov) }
        if let rp = obj.string(at: "reclaimPolicy"), !["Delete", "Retain"].contains(rp) {
            errs.append(FieldErrors.notSupported(FieldPath("reclaimPolicy"), rp, ["Delete", "Retain"]))
        }
        if let m = obj.string(at: "volumeBindingMode"), !["Immediate", "WaitForFirstConsumer"].contains(m) {
            errs.append(FieldErrors.notSupported(FieldPath("volumeBindingMode"), m, ["Immediate", "WaitForFirstConsumer"]))
        }
        if let old {
            for f in ["parameters", "provisioner", "reclaimPolicy", "volumeBindingMode"] where (obj[f] ?? .null) != (old[f] ?? .null) {
                errs.append(FieldErrors.forbidden(FieldPath(f), "updates to \(f) are forbidden."))
            }
        }
        return errs
    }
}
