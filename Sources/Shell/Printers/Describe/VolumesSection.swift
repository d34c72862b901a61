// `Volumes:` for pods and pod templates, and the volume-source blocks PersistentVolumes share (describeVolumes).
import MiniCluster

enum VolumesSection {
    static func write(_ volumes: [Value], _ w: PrefixWriter, space: String = "") {
        guard !volumes.isEmpty else { w.write(0, "\(space)Volumes:\t<none>\n"); return }
        w.write(0, "\(space)Volumes:\n")
        for v in volumes {
            w.write(1, "\(space.isEmpty ? "" : " ")\(v.dStr("name")):\n")
            if !source(v, w) { w.write(1, "<unknown>\n") }
        }
    }

    /// Writes the block for the first volume source present; false when none is known.
    @discardableResult
    static func source(_ v: Value, _ w: PrefixWriter) -> Bool {
        if let s = v["hostPath"], !s.isNull {
            let type = s.dStr("type")
            w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t\(s.dStr("path"))\n"
                + "    HostPathType:\t\(s.dHas("type") ? type : "<none>")\n")
        } else if let s = v["emptyDir"], !s.isNull {
            let limit = s.dStr("sizeLimit")
            w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\(s.dStr("medium"))\n"
                + "    SizeLimit:\t\(limit.isEmpty || DescribeQuantity.milli(s["sizeLimit"]) <= 0 ? "<unset>" : limit)\n")
        } else if let s = v["gcePersistentDisk"], !s.isNull {
            w.write(2, "Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n"
                + "    PDName:\t\(s.dStr("pdName"))\n    FSType:\t\(s.dStr("fsType"))\n"
                + "    Partition:\t\(s.dInt("partition") ?? 0)\n    ReadOnly:\t\(s.dBool("readOnly") ?? false)\n")
        } else if let s = v["secret"], !s.isNull {
            w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t\(s.dStr("secretName"))\n"
                + "    Optional:\t\(s.dBool("optional") ?? false)\n")
        } else if let s = v["configMap"], !s.isNull {
            w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t\(s.dStr("name"))\n"
                + "    Optional:\t\(s.dBool("optional") ?? false)\n")
        } else if let s = v["nfs"], !s.isNull {
            w.write(2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t\(s.dStr("server"))\n"
                + "    Path:\t\(s.dStr("path"))\n    ReadOnly:\t\(s.dBool("readOnly") ?? false)\n")
        } else if let s = v["persistentVolumeClaim"], !s.isNull {
            w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
                + "    ClaimName:\t\(s.dStr("claimName"))\n    ReadOnly:\t\(s.dBool("readOnly") ?? false)\n")
        } else if let s = v["ephemeral"], !s.isNull {
            w.write(2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n")
            if let t = s["volumeClaimTemplate"], !t.isNull {
                StorageDescribers.claimFields(t, w.nested(2), full: false)
            }
        } else if let s = v["downwardAPI"], !s.isNull {
            w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
            for item in s.dArr("items") {
                if item.dHas("fieldRef") { w.write(3, "\(item.dStr("fieldRef", "fieldPath")) -> \(item.dStr("path"))\n") }
                if item.dHas("resourceFieldRef") {
                    w.write(3, "\(item.dStr("resourceFieldRef", "resource")) -> \(item.dStr("path"))\n")
                }
            }
        } else if let s = v["projected"], !s.isNull {
            projected(s, w)
        } else if let s = v["csi"], !s.isNull {
            csi(s, w)
        } else {
            return false
        }
        return true
    }

    private static func projected(_ s: Value, _ w: PrefixWriter) {
        w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
        let optional = { (v: Value) in v.dBool("optional").map { $0 ? "true" : "false" } ?? "<nil>" }
        for src in s.dArr("sources") {
            if let sec = src["secret"], !sec.isNull {
                w.write(2, "SecretName:\t\(sec.dStr("name"))\n    SecretOptionalName:\t\(optional(sec))\n")
            } else if src.dHas("downwardAPI") {
                w.write(2, "DownwardAPI:\ttrue\n")
            } else if let cm = src["configMap"], !cm.isNull {
                w.write(2, "ConfigMapName:\t\(cm.dStr("name"))\n    ConfigMapOptional:\t\(optional(cm))\n")
            } else if let tok = src["serviceAccountToken"], !tok.isNull {
                w.write(2, "TokenExpirationSeconds:\t\(tok.dInt("expirationSeconds") ?? 0)\n")
            }
        }
    }

    /// The CSI block; PersistentVolumes add the volume handle. Attribute lines keep kubectl's odd indentation.
    static func csi(_ s: Value, _ w: PrefixWriter, persistent: Bool = false) {
        w.write(2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t\(s.dStr("driver"))\n"
            + "    FSType:\t\(s.dStr("fsType"))\n" + (persistent ? "    VolumeHandle:\t\(s.dStr("volumeHandle"))\n" : "")
            + "    ReadOnly:\t\(s.dBool("readOnly") ?? false)\n")
        let attrs = s.dMap("volumeAttributes")
        w.write(2, "VolumeAttributes:\t")
        guard !attrs.isEmpty else { w.line("<none>"); return }
        for (i, k) in attrs.keys.sorted().enumerated() {
            if i != 0 { w.write(2, ""); w.write(2, "\t") }
            let line = "\(k)=\(attrs[k] ?? "")"
            w.write(2, line.utf8.count > 140 ? String(decoding: Array(line.utf8.prefix(140)), as: UTF8.self) + "...\n" : line + "\n")
        }
    }
}
