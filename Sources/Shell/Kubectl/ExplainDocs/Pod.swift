// Explain notes for Pod, its spec and status, pod templates and volumes (in our own words).

enum ExplainDocsPod {
    static let types: [ExplainType] = [
        ExplainType("Pod", """
            A Pod is the smallest thing Kubernetes runs: one or more containers that are scheduled together onto a \
            node, share its network identity and can share storage volumes. Pods are usually created for you by \
            controllers such as Deployments and Jobs.
            """, ExplainCatalog.standardRootFields(
                spec: "PodSpec", status: "PodStatus",
                specDoc: "What the pod should run: its containers, volumes, restart policy and scheduling wishes.",
                statusDoc: "What the cluster last reported about the pod. Filled in by the kubelet and the scheduler; it may lag behind reality.")),
        ExplainType("PodSpec", """
            PodSpec describes what a pod runs and how: its containers, the volumes they can mount, and the rules \
            that place it on a node.
            """, [
            doc("activeDeadlineSeconds", .integer, "How long, in seconds, the pod may be active before the kubelet stops it and marks it failed. Must be a positive number."),
            doc("affinity", .ref("Affinity"), "Rules that attract the pod to, or keep it away from, certain nodes and other pods."),
            doc("automountServiceAccountToken", .boolean, "Whether a token for the pod's service account is mounted into its containers."),
            doc("containers", .array(.ref("Container")), required: true, "The containers that make up the pod. There must be at least one, and the list cannot be changed after the pod is created."),
            doc("dnsConfig", .ref("PodDNSConfig"), "Extra DNS settings merged into the ones produced by dnsPolicy."),
            doc("dnsPolicy", .string, enum: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"], "How name resolution is set up for the pod. ClusterFirst (the default) sends lookups to the cluster DNS first; None relies entirely on dnsConfig."),
            doc("enableServiceLinks", .boolean, "Whether environment variables describing the services in the namespace are injected into the containers. Defaults to true."),
            doc("ephemeralContainers", .array(.ref("EphemeralContainer")), "Temporary containers added to a running pod for troubleshooting, for example with kubectl debug. They cannot be added when the pod is created."),
            doc("hostAliases", .array(.ref("HostAlias")), "Extra entries written into the pod's hosts file."),
            doc("hostIPC", .boolean, "Use the node's IPC namespace. Off by default."),
            doc("hostNetwork", .boolean, "Use the node's network namespace, so the pod sees the node's interfaces and ports. Off by default."),
            doc("hostPID", .boolean, "Use the node's process namespace. Off by default."),
            doc("hostUsers", .boolean, "Whether the pod uses the node's user namespace. Setting it to false runs the pod in its own user namespace."),
            doc("hostname", .string, "The pod's host name. Defaults to a value chosen by the system (the pod's name)."),
            doc("imagePullSecrets", .array(.ref("LocalObjectReference")), "Secrets in the same namespace holding registry credentials used to pull the containers' images."),
            doc("initContainers", .array(.ref("Container")), "Containers that run one after another, each to completion, before the regular containers start. If one fails, the pod is retried according to its restart policy."),
            doc("nodeName", .string, "The node the pod runs on. Normally set by the scheduler; setting it yourself skips scheduling."),
            doc("nodeSelector", .map(.string), "Labels a node must have for the pod to be placed on it."),
            doc("os", .ref("PodOS"), "The operating system the containers need, which limits the security settings that apply."),
            doc("overhead", .map(.ref("Quantity")), "Resources the pod's runtime itself uses on top of its containers. Set from the RuntimeClass at admission."),
            doc("preemptionPolicy", .string, enum: ["Never", "PreemptLowerPriority"], "Whether the pod may evict pods of lower priority to make room for itself. Defaults to PreemptLowerPriority."),
            doc("priority", .integer, "The pod's scheduling priority, filled in from priorityClassName at admission. Higher values are scheduled first."),
            doc("priorityClassName", .string, "The name of the PriorityClass that sets the pod's priority."),
            doc("readinessGates", .array(.ref("PodReadinessGate")), "Extra conditions that must be true before the pod counts as ready."),
            doc("resourceClaims", .array(.ref("PodResourceClaim")), "Dynamic resources (such as devices) the pod needs, by claim name."),
            doc("resources", .ref("ResourceRequirements"), "Resources for the pod as a whole, shared by its containers. An alpha feature in this version."),
            doc("restartPolicy", .string, enum: ["Always", "Never", "OnFailure"], "Whether the kubelet restarts containers that exit. Always is the default; Jobs use OnFailure or Never."),
            doc("runtimeClassName", .string, "The RuntimeClass used to run the pod, if not the node's default."),
            doc("schedulerName", .string, "Which scheduler places the pod. Defaults to the default scheduler."),
            doc("schedulingGates", .array(.ref("PodSchedulingGate")), "While any gate is listed the scheduler leaves the pod alone. Gates can only be removed."),
            doc("securityContext", .ref("PodSecurityContext"), "Security settings for the whole pod, such as the user id and group ids its processes run with."),
            doc("serviceAccount", .string, "Deprecated alias of serviceAccountName."),
            doc("serviceAccountName", .string, "The service account whose identity the pod's processes use when they talk to the API server."),
            doc("setHostnameAsFQDN", .boolean, "Use the pod's fully qualified domain name as its host name."),
            doc("shareProcessNamespace", .boolean, "Let the containers of the pod see each other's processes."),
            doc("subdomain", .string, "With hostname, gives the pod a DNS name of the form hostname.subdomain.namespace.svc.cluster.local."),
            doc("terminationGracePeriodSeconds", .integer, "How many seconds the containers get to stop after being asked to, before they are killed. Defaults to 30."),
            doc("tolerations", .array(.ref("Toleration")), "Taints this pod tolerates, so it may be scheduled onto nodes that carry them."),
            doc("topologySpreadConstraints", .array(.ref("TopologySpreadConstraint")), "How the pods of a group should be spread across zones, nodes or other topology domains."),
            doc("volumes", .array(.ref("Volume")), "Storage the containers of the pod can mount."),
        ]),
        ExplainType("PodStatus", """
            PodStatus is what the cluster last observed about a pod. It is written by the system and may lag behind \
            what is really happening on the node.
            """, [
            doc("conditions", .array(.ref("PodCondition")), "The pod's conditions, such as PodScheduled, Initialized, ContainersReady and Ready."),
            doc("containerStatuses", .array(.ref("ContainerStatus")), "The state of each regular container: waiting, running or terminated, with restart counts."),
            doc("hostIP", .string, "The IP address of the node the pod is placed on."),
            doc("initContainerStatuses", .array(.ref("ContainerStatus")), "The state of each init container."),
            doc("message", .string, "A human-readable note about why the pod is in its current state."),
            doc("phase", .string, enum: ["Failed", "Pending", "Running", "Succeeded", "Unknown"], "A one-word summary of where the pod is in its life: Pending, Running, Succeeded, Failed or Unknown."),
            doc("podIP", .string, "The IP address given to the pod. Empty until one has been allocated."),
            doc("podIPs", .array(.ref("PodIP")), "Every IP address given to the pod (one per address family)."),
            doc("qosClass", .string, enum: ["BestEffort", "Burstable", "Guaranteed"], "The quality-of-service class worked out from the containers' requests and limits."),
            doc("reason", .string, "A short CamelCase word saying why the pod is in this state, such as Evicted."),
            doc("startTime", .string, "When the kubelet accepted the pod, before any image was pulled."),
        ]),
        ExplainType("PodTemplateSpec", """
            A pod template: the metadata and spec from which a controller stamps out new pods.
            """, [
            doc("metadata", .ref("ObjectMeta"), "Metadata given to every pod made from this template, most importantly the labels the controller's selector matches."),
            doc("spec", .ref("PodSpec"), "The spec every pod made from this template gets."),
        ]),
        ExplainType("Volume", """
            A Volume is a named piece of storage that the containers of a pod can mount. Exactly one source (such as \
            emptyDir, configMap, secret or persistentVolumeClaim) must be set.
            """, [
            doc("configMap", .ref("ConfigMapVolumeSource"), "Exposes the keys of a ConfigMap as files."),
            doc("emptyDir", .ref("EmptyDirVolumeSource"), "An empty folder created when the pod starts and removed when the pod goes away."),
            doc("hostPath", .ref("HostPathVolumeSource"), "A file or folder of the node, mounted into the pod. Rarely a good idea outside system pods."),
            doc("name", .string, required: true, "The volume's name, which containers use in their volumeMounts. Unique within the pod."),
            doc("persistentVolumeClaim", .ref("PersistentVolumeClaimVolumeSource"), "Storage claimed by a PersistentVolumeClaim in the same namespace."),
            doc("projected", .ref("ProjectedVolumeSource"), "Several sources (secrets, config maps, downward API, tokens) combined into one folder."),
            doc("secret", .ref("SecretVolumeSource"), "Exposes the keys of a Secret as files."),
        ]),
        ExplainType("Toleration", """
            A toleration lets a pod be placed on a node whose taint matches it.
            """, [
            doc("effect", .string, enum: ["NoExecute", "NoSchedule", "PreferNoSchedule"], "The taint effect to match. Empty matches every effect."),
            doc("key", .string, "The taint key to match. Empty with operator Exists matches every taint."),
            doc("operator", .string, enum: ["Equal", "Exists"], "How key and value are compared: Equal (the default) or Exists."),
            doc("tolerationSeconds", .integer, "For NoExecute taints: how long the pod may stay on the node after the taint appears."),
            doc("value", .string, "The taint value to match when the operator is Equal."),
        ]),
    ]
}
