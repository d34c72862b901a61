// The ClusterRoles and ClusterRoleBindings the API server writes into every new cluster (bootstrappolicy in
// plugin/pkg/auth/authorizer/rbac, as of Kubernetes 1.32): the user-facing roles `cluster-admin`, `admin`, `edit` and
// `view` (the last three aggregated from the `system:aggregate-to-*` roles by the ClusterRole aggregation
// controller), what every authenticated identity may do (`system:basic-user`, `system:discovery`,
// `system:public-info-viewer`), and the roles of the control-plane components. The per-controller roles
// (`system:controller:*`) are left out.
//
// Rules are written one to a string, `GROUPS | RESOURCES | VERBS [| NAMES]` with space-separated lists (`core` is
// the "" group), or `url: PATHS | VERBS` for non-resource URLs.

enum BootstrapPolicy {
    struct Role {
        var name: String
        var rules: [String]
        /// `rbac.authorization.k8s.io/aggregate-to-…` labels: the aggregated roles this one feeds.
        var aggregateTo: [String] = []
        /// For an aggregated role: the `aggregate-to-…` label its aggregationRule selects.
        var aggregates: String?
    }

    private static let rw = "create delete deletecollection patch update"
    private static let read = "get list watch"

    static let roles: [Role] = [
        Role(name: "admin", rules: [], aggregates: "admin"),
        Role(name: "cluster-admin", rules: ["* | * | *", "url: * | *"]),
        Role(name: "edit", rules: [], aggregateTo: ["admin"], aggregates: "edit"),
        Role(name: "system:aggregate-to-admin", rules: [
            "authorization.k8s.io | localsubjectaccessreviews | create",
            "rbac.authorization.k8s.io | rolebindings roles | create delete deletecollection get list patch update watch",
        ], aggregateTo: ["admin"]),
        Role(name: "system:aggregate-to-edit", rules: [
            "core | pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy | \(read)",
            "core | serviceaccounts | impersonate",
            "core | pods pods/attach pods/exec pods/portforward pods/proxy | \(rw)",
            "core | pods/eviction | create",
            "core | configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy | \(rw)",
            "core | serviceaccounts/token | create",
            "apps | daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale | \(rw)",
            "autoscaling | horizontalpodautoscalers | \(rw)",
            "batch | cronjobs jobs | \(rw)",
            "extensions | daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale | \(rw)",
            "policy | poddisruptionbudgets | \(rw)",
            "networking.k8s.io | ingresses networkpolicies | \(rw)",
            "coordination.k8s.io | leases | create delete deletecollection get list patch update watch",
        ], aggregateTo: ["edit"]),
        Role(name: "system:aggregate-to-view", rules: [
            "core | configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status | \(read)",
            "core | bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status | \(read)",
            "core | namespaces | \(read)",
            "discovery.k8s.io | endpointslices | \(read)",
            "apps | controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status | \(read)",
            "autoscaling | horizontalpodautoscalers horizontalpodautoscalers/status | \(read)",
            "batch | cronjobs cronjobs/status jobs jobs/status | \(read)",
            "extensions | daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale | \(read)",
            "policy | poddisruptionbudgets poddisruptionbudgets/status | \(read)",
            "networking.k8s.io | ingresses ingresses/status networkpolicies | \(read)",
        ], aggregateTo: ["view"]),
        Role(name: "system:auth-delegator", rules: [
            "authentication.k8s.io | tokenreviews | create",
            "authorization.k8s.io | subjectaccessreviews | create",
        ]),
        Role(name: "system:basic-user", rules: [
            "authorization.k8s.io | selfsubjectaccessreviews selfsubjectrulesreviews | create",
            "authentication.k8s.io | selfsubjectreviews | create",
        ]),
        Role(name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
             rules: ["certificates.k8s.io | certificatesigningrequests/nodeclient | create"]),
        Role(name: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
             rules: ["certificates.k8s.io | certificatesigningrequests/selfnodeclient | create"]),
        Role(name: "system:certificates.k8s.io:kube-apiserver-client-approver",
             rules: ["certificates.k8s.io | signers | approve | kubernetes.io/kube-apiserver-client"]),
        Role(name: "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
             rules: ["certificates.k8s.io | signers | approve | kubernetes.io/kube-apiserver-client-kubelet"]),
        Role(name: "system:certificates.k8s.io:kubelet-serving-approver",
             rules: ["certificates.k8s.io | signers | approve | kubernetes.io/kubelet-serving"]),
        Role(name: "system:certificates.k8s.io:legacy-unknown-approver",
             rules: ["certificates.k8s.io | signers | approve | kubernetes.io/legacy-unknown"]),
        Role(name: "system:discovery", rules: [
            "url: /api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/ | get",
        ]),
        Role(name: "system:heapster", rules: [
            "core | events namespaces nodes pods | \(read)",
            "extensions | deployments | \(read)",
        ]),
        Role(name: "system:kube-aggregator", rules: ["core | endpoints services | \(read)"]),
        Role(name: "system:kube-controller-manager", rules: [
            "core events.k8s.io | events | create patch update",
            "coordination.k8s.io | leases | create",
            "coordination.k8s.io | leases | get update | kube-controller-manager",
            "core | secrets serviceaccounts | create",
            "core | secrets | delete",
            "core | configmaps namespaces secrets serviceaccounts | get",
            "core | secrets serviceaccounts | update",
            "authentication.k8s.io | tokenreviews | create",
            "authorization.k8s.io | subjectaccessreviews | create",
            "* | * | list watch",
            "core | serviceaccounts/token | create",
        ]),
        Role(name: "system:kube-dns", rules: ["core | endpoints services | list watch"]),
        Role(name: "system:kube-scheduler", rules: [
            "core events.k8s.io | events | create patch update",
            "coordination.k8s.io | leases | create",
            "coordination.k8s.io | leases | get update | kube-scheduler",
            "core | nodes | \(read)",
            "core | pods | delete get list watch",
            "core | bindings pods/binding | create",
            "core | pods/status | patch update",
            "core | replicationcontrollers services | \(read)",
            "apps extensions | replicasets | \(read)",
            "apps | statefulsets | \(read)",
            "policy | poddisruptionbudgets | \(read)",
            "core | persistentvolumeclaims persistentvolumes | \(read)",
            "authentication.k8s.io | tokenreviews | create",
            "authorization.k8s.io | subjectaccessreviews | create",
            "storage.k8s.io | csinodes | \(read)",
            "core | namespaces | \(read)",
            "storage.k8s.io | csidrivers | \(read)",
            "storage.k8s.io | csistoragecapacities | \(read)",
        ]),
        Role(name: "system:kubelet-api-admin", rules: [
            "core | nodes | \(read)",
            "core | nodes | proxy",
            "core | nodes/log nodes/metrics nodes/proxy nodes/stats | *",
        ]),
        Role(name: "system:monitoring", rules: [
            "url: /healthz /healthz/* /livez /livez/* /metrics /metrics/slis /readyz /readyz/* | get",
        ]),
        Role(name: "system:node", rules: [
            "authentication.k8s.io | tokenreviews | create",
            "authorization.k8s.io | localsubjectaccessreviews subjectaccessreviews | create",
            "core | services | \(read)",
            "core | nodes | create get list watch",
            "core | nodes/status | patch update",
            "core | nodes | patch update",
            "core | events | create patch update",
            "core | pods | \(read)",
            "core | pods | create delete",
            "core | pods/status | patch update",
            "core | pods/eviction | create",
            "core | configmaps secrets | \(read)",
            "core | persistentvolumeclaims persistentvolumes | get",
            "core | endpoints | get",
            "certificates.k8s.io | certificatesigningrequests | create get list watch",
            "coordination.k8s.io | leases | create delete get patch update",
            "storage.k8s.io | volumeattachments | get",
            "core | serviceaccounts/token | create",
            "core | persistentvolumeclaims/status | get patch update",
            "storage.k8s.io | csidrivers | \(read)",
            "storage.k8s.io | csinodes | create delete get patch update",
            "node.k8s.io | runtimeclasses | \(read)",
        ]),
        Role(name: "system:node-bootstrapper",
             rules: ["certificates.k8s.io | certificatesigningrequests | create get list watch"]),
        Role(name: "system:node-problem-detector", rules: [
            "core | nodes | get",
            "core | nodes/status | patch",
            "core events.k8s.io | events | create patch update",
        ]),
        Role(name: "system:node-proxier", rules: [
            "core | endpoints services | list watch",
            "core | nodes | \(read)",
            "core events.k8s.io | events | create patch update",
            "discovery.k8s.io | endpointslices | list watch",
        ]),
        Role(name: "system:persistent-volume-provisioner", rules: [
            "core | persistentvolumes | create delete get list watch",
            "core | persistentvolumeclaims | get list update watch",
            "storage.k8s.io | storageclasses | \(read)",
            "core | events | watch",
            "core events.k8s.io | events | create patch update",
        ]),
        Role(name: "system:public-info-viewer", rules: ["url: /healthz /livez /readyz /version /version/ | get"]),
        Role(name: "system:service-account-issuer-discovery",
             rules: ["url: /.well-known/openid-configuration /openid/v1/jwks | get"]),
        Role(name: "system:volume-scheduler", rules: [
            "core | persistentvolumes | get list patch update watch",
            "storage.k8s.io | storageclasses | \(read)",
            "core | persistentvolumeclaims | get list patch update watch",
        ]),
        Role(name: "view", rules: [], aggregateTo: ["edit"], aggregates: "view"),
    ]

    /// ClusterRoleBindings: name (also the role's), and subjects as `Kind:name` (`ServiceAccount:ns/name`).
    static let bindings: [(name: String, subjects: [String])] = [
        ("cluster-admin", ["Group:system:masters"]),
        ("system:basic-user", ["Group:system:authenticated"]),
        ("system:discovery", ["Group:system:authenticated"]),
        ("system:kube-controller-manager", ["User:system:kube-controller-manager"]),
        ("system:kube-dns", ["ServiceAccount:kube-system/kube-dns"]),
        ("system:kube-scheduler", ["User:system:kube-scheduler"]),
        ("system:monitoring", ["Group:system:monitoring"]),
        ("system:node", []),
        ("system:node-proxier", ["User:system:kube-proxy"]),
        ("system:public-info-viewer", ["Group:system:authenticated", "Group:system:unauthenticated"]),
        ("system:service-account-issuer-discovery", ["Group:system:serviceaccounts"]),
        ("system:volume-scheduler", ["User:system:kube-scheduler"]),
    ]

    static let aggregateLabel = "rbac.authorization.k8s.io/aggregate-to-"

    /// One rule string as a PolicyRule object (fields in the Go struct's order, as the API server's JSON has them).
    static func rule(_ text: String) -> Value {
        let parts = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        func list(_ s: String) -> Value { .array(s.split(separator: " ").map { .string($0 == "core" ? "" : String($0)) }) }
        if parts[0].hasPrefix("url:") {
            return ["verbs": list(parts[1]),
                    "nonResourceURLs": list(String(parts[0].dropFirst(4)).trimmingCharacters(in: .whitespaces))]
        }
        // PolicyRule's field order.
        var r: Value = ["verbs": list(parts[2]), "apiGroups": list(parts[0]), "resources": list(parts[1])]
        if parts.count > 3 { r["resourceNames"] = list(parts[3]) }
        return r
    }

    private static var metadataDefaults: (labels: Value, annotations: Value) {
        (["kubernetes.io/bootstrapping": "rbac-defaults"], ["rbac.authorization.kubernetes.io/autoupdate": "true"])
    }

    static func objects() -> (roles: [Value], bindings: [Value]) {
        let (labels, annotations) = metadataDefaults
        let roles: [Value] = Self.roles.map { r in
            var l = labels
            for target in r.aggregateTo { l[aggregateLabel + target] = "true" }
            var o: Value = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                            "metadata": ["name": .string(r.name), "labels": l, "annotations": annotations]]
            if let a = r.aggregates {
                o["aggregationRule"] = ["clusterRoleSelectors": [["matchLabels": [aggregateLabel + a: "true"]]]]
            } else {
                o["rules"] = .array(r.rules.map(rule))
            }
            return o
        }
        let bindings: [Value] = Self.bindings.map { b in
            var o: Value = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                            "metadata": ["name": .string(b.name), "labels": labels, "annotations": annotations],
                            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(b.name)]]
            if !b.subjects.isEmpty {
                o["subjects"] = .array(b.subjects.map { s in
                    let kind = String(s.prefix { $0 != ":" })
                    let rest = String(s.dropFirst(kind.count + 1))
                    if kind == "ServiceAccount" {
                        let ns = String(rest.prefix { $0 != "/" })
                        return ["kind": "ServiceAccount", "name": .string(String(rest.dropFirst(ns.count + 1))), "namespace": .string(ns)]
                    }
                    return ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(kind), "name": .string(rest)]
                })
            }
            return o
        }
        return (roles, bindings)
    }

    /// Built once per process: reading the rule strings cost more than creating the objects (about 13 M
    /// instructions, at every new cluster).
    private static let built = objects()

    static func create(_ c: Cluster) {
        guard let roleType = c.registry.lookup(kind: "ClusterRole"),
              let bindingType = c.registry.lookup(kind: "ClusterRoleBinding") else { return }
        let (roles, bindings) = built
        for o in roles { _ = try? c.api.create(roleType, o, namespace: nil, strict: false, trusted: true) }
        for o in bindings { _ = try? c.api.create(bindingType, o, namespace: nil, strict: false, trusted: true) }
    }
}
