// Explain notes for ConfigMap, Secret, Namespace and PersistentVolumeClaim.

enum ExplainDocsConfig {
    static let types: [ExplainType] = [
        ExplainType("ConfigMap", """
            A ConfigMap holds non-secret configuration as key/value pairs. Pods can read it as environment variables, \
            command-line arguments or files in a volume.
            """, ExplainCatalog.standardRootFields(spec: nil, status: nil) + [
            doc("binaryData", .map(.string), "Keys with binary values, base64-encoded. Keys must not also appear in data."),
            doc("data", .map(.string), "Keys with text values. Keys may contain letters, digits, '-', '_' and '.'."),
            doc("immutable", .boolean, "When true, the data can no longer be changed; only deleting and recreating the ConfigMap works. Saves the kubelet from watching it."),
        ]),
        ExplainType("Secret", """
            A Secret holds a small amount of sensitive data, such as a password, a token or a key. Values are stored \
            base64-encoded, which hides them from a casual glance but is not encryption.
            """, ExplainCatalog.standardRootFields(spec: nil, status: nil) + [
            doc("data", .map(.string), "Keys with base64-encoded values."),
            doc("immutable", .boolean, "When true, the data can no longer be changed."),
            doc("stringData", .map(.string), "A write-only convenience: plain-text values the server encodes into data on write. Read back, they appear in data."),
            doc("type", .string, "What the secret is for, which decides the keys it must have: Opaque (the default), kubernetes.io/tls, kubernetes.io/dockerconfigjson, kubernetes.io/service-account-token and others."),
        ]),
        ExplainType("Namespace", """
            A Namespace is a named scope for objects: names must be unique within one, and quotas and access rules \
            apply per namespace. Deleting a namespace deletes everything in it.
            """, ExplainCatalog.standardRootFields(
                spec: "NamespaceSpec", status: "NamespaceStatus",
                specDoc: "The namespace's finalizers.",
                statusDoc: "Whether the namespace is Active or Terminating.")),
        ExplainType("NamespaceSpec", """
            The desired state of a Namespace.
            """, [
            doc("finalizers", .array(.string), "Cleanup steps that must finish before the namespace is removed."),
        ]),
        ExplainType("NamespaceStatus", """
            The observed state of a Namespace.
            """, [
            doc("conditions", .array(.ref("NamespaceCondition")), "Details about problems while the namespace is being deleted."),
            doc("phase", .string, enum: ["Active", "Terminating"], "Active, or Terminating while its contents are being deleted."),
        ]),
        ExplainType("PersistentVolumeClaim", """
            A PersistentVolumeClaim is a request for storage by a user. It is bound to a PersistentVolume that \
            satisfies it, usually one made on demand by the claim's StorageClass, and pods mount the claim by name.
            """, ExplainCatalog.standardRootFields(
                spec: "PersistentVolumeClaimSpec", status: "PersistentVolumeClaimStatus",
                specDoc: "The storage wanted: size, access modes and storage class.",
                statusDoc: "Whether the claim is bound, and what it got.")),
        ExplainType("PersistentVolumeClaimSpec", """
            The storage a claim asks for.
            """, [
            doc("accessModes", .array(.string), "How the volume may be mounted: ReadWriteOnce (one node), ReadOnlyMany, ReadWriteMany or ReadWriteOncePod."),
            doc("dataSource", .ref("TypedLocalObjectReference"), "An existing snapshot or claim to copy the initial contents from."),
            doc("resources", .ref("VolumeResourceRequirements"), "How much storage is wanted, under requests.storage."),
            doc("selector", .ref("LabelSelector"), "Only bind to volumes with these labels."),
            doc("storageClassName", .string, "The StorageClass to use. Left out, the cluster's default class is used; an empty string means no class."),
            doc("volumeMode", .string, enum: ["Block", "Filesystem"], "Filesystem (the default) or Block."),
            doc("volumeName", .string, "Bind to this particular PersistentVolume."),
        ]),
        ExplainType("PersistentVolumeClaimStatus", """
            The observed state of a claim.
            """, [
            doc("accessModes", .array(.string), "The access modes the bound volume actually has."),
            doc("capacity", .map(.ref("Quantity")), "The size of the bound volume."),
            doc("phase", .string, enum: ["Bound", "Lost", "Pending"], "Pending until bound, then Bound; Lost when the bound volume disappeared."),
        ]),
        ExplainType("VolumeResourceRequirements", """
            The storage size a claim asks for.
            """, [
            doc("limits", .map(.ref("Quantity")), "The most storage allowed."),
            doc("requests", .map(.ref("Quantity")), "The least storage needed, such as storage: 10Gi."),
        ]),
    ]
}
