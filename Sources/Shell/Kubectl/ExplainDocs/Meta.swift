// Explain notes for metadata types shared by every object (ObjectMeta, owner references, label selectors).

enum ExplainDocsMeta {
    static let types: [ExplainType] = [
        ExplainType("ObjectMeta", """
            ObjectMeta holds the identity and bookkeeping data that every persisted object carries: its name and \
            namespace, the labels and annotations people and tools attach, and the fields the server maintains.
            """, [
            doc("annotations", .map(.string), "Free-form key/value notes for tools and people. Unlike labels they cannot be used to select objects, and their values may be long."),
            doc("creationTimestamp", .string, "When the server created the object, in RFC 3339 form. Set by the server and read-only; clients may not set it."),
            doc("deletionGracePeriodSeconds", .integer, "How many seconds the object is given to shut down before it is removed. Only set once deletion has been requested. Read-only."),
            doc("deletionTimestamp", .string, "When the object will be (or was asked to be) removed. Set by the server when a delete is requested and the object still has finalizers or a grace period. Read-only."),
            doc("finalizers", .array(.string), "Names of cleanup steps that must finish before the object is removed from storage. Each controller removes its own entry when it is done."),
            doc("generateName", .string, "A prefix the server uses to make up a unique name when name is empty. A random suffix is added."),
            doc("generation", .integer, "A counter of changes to the desired state (the spec). Set and increased by the server. Read-only."),
            doc("labels", .map(.string), "Key/value pairs used to organise and select objects. Services, controllers and kubectl -l find objects by their labels."),
            doc("managedFields", .array(.ref("ManagedFieldsEntry")), "Records which client (field manager) last set which fields. Maintained by the server; mostly of interest to server-side apply."),
            doc("name", .string, "The object's name, unique among objects of the same kind in its namespace. Required when creating unless generateName is used, and it cannot be changed later."),
            doc("namespace", .string, "The namespace the object lives in. Empty for cluster-scoped kinds. Defaults to the namespace of the request. Cannot be changed later."),
            doc("ownerReferences", .array(.ref("OwnerReference")), "Objects this one depends on. When every owner is gone, the garbage collector deletes this object too."),
            doc("resourceVersion", .string, "An opaque version string that changes whenever the object changes. Clients send it back on updates so the server can detect conflicting writes. Read-only."),
            doc("selfLink", .string, "Deprecated and no longer filled in by the server."),
            doc("uid", .string, "A unique id the server gives the object when it is created; it is never reused. Read-only."),
        ]),
        ExplainType("OwnerReference", """
            OwnerReference names an object that owns this one, so that the owned object is cleaned up together with \
            its owner.
            """, [
            doc("apiVersion", .string, required: true, "The API version of the owner."),
            doc("blockOwnerDeletion", .boolean, "When true, a foreground deletion of the owner waits until this object is gone."),
            doc("controller", .boolean, "True when the owner is the controller that manages this object. At most one owner may be the controller."),
            doc("kind", .string, required: true, "The kind of the owner."),
            doc("name", .string, required: true, "The name of the owner."),
            doc("uid", .string, required: true, "The uid of the owner, so that a new object with the same name is not mistaken for it."),
        ]),
        ExplainType("ManagedFieldsEntry", """
            ManagedFieldsEntry records the set of fields one field manager last wrote, and how.
            """, [
            doc("apiVersion", .string, "The version of the object the field set refers to."),
            doc("fieldsType", .string, "The format of fieldsV1. The only format is FieldsV1."),
            doc("fieldsV1", .object, "The set of fields, as a tree of field names."),
            doc("manager", .string, "The name of the client that wrote these fields, such as kubectl-client-side-apply."),
            doc("operation", .string, "Apply or Update: how the fields were written."),
            doc("subresource", .string, "The subresource (such as status) the write went through, if any."),
            doc("time", .string, "When this entry last changed."),
        ]),
        ExplainType("LabelSelector", """
            A label selector picks objects by their labels. matchLabels and matchExpressions must all hold (they are \
            ANDed). An empty selector matches every object; a missing one matches none.
            """, [
            doc("matchExpressions", .array(.ref("LabelSelectorRequirement")), "Requirements of the form key operator values; all must hold."),
            doc("matchLabels", .map(.string), "Exact key/value pairs. Each pair is the same as a matchExpressions entry with operator In and one value."),
        ]),
        ExplainType("LabelSelectorRequirement", """
            One condition of a label selector: a key, an operator and the values it compares against.
            """, [
            doc("key", .string, required: true, "The label key the condition looks at."),
            doc("operator", .string, required: true, "How the key relates to the values: In, NotIn, Exists or DoesNotExist."),
            doc("values", .array(.string), "The values to compare with. Needed for In and NotIn, and must be empty for Exists and DoesNotExist."),
        ]),
    ]
}
