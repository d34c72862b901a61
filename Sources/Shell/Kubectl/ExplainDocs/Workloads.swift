// Explain notes for the apps/v1 workload kinds: Deployment, ReplicaSet, StatefulSet, DaemonSet.

enum ExplainDocsWorkloads {
    static let replicasDoc = "How many copies of the pod should run. Defaults to 1."
    static let selectorDoc = "Which pods belong to this object, by label. It must match the labels of the pod template and cannot be changed after creation."
    static let templateDoc = "The pod template new pods are made from."

    static let types: [ExplainType] = [
        ExplainType("Deployment", """
            A Deployment keeps a number of identical pods running and rolls out changes to them gradually, through \
            ReplicaSets it manages for you.
            """, ExplainCatalog.standardRootFields(
                spec: "DeploymentSpec", status: "DeploymentStatus",
                specDoc: "The desired state: how many pods, from which template, and how updates roll out.",
                statusDoc: "What the deployment controller last observed about the rollout.")),
        ExplainType("DeploymentSpec", """
            The desired state of a Deployment.
            """, [
            doc("minReadySeconds", .integer, "How long a new pod must be ready, without crashing, before it counts as available. Defaults to 0."),
            doc("paused", .boolean, "While true, changes to the template do not start a rollout."),
            doc("progressDeadlineSeconds", .integer, "How many seconds a rollout may go without progress before the Deployment reports it as failed (ProgressDeadlineExceeded). Defaults to 600."),
            doc("replicas", .integer, replicasDoc),
            doc("revisionHistoryLimit", .integer, "How many old ReplicaSets to keep for rollbacks. Defaults to 10."),
            doc("selector", .ref("LabelSelector"), required: true, selectorDoc),
            doc("strategy", .ref("DeploymentStrategy"), "How old pods are replaced by new ones."),
            doc("template", .ref("PodTemplateSpec"), required: true, templateDoc + " Its restartPolicy must be Always."),
        ]),
        ExplainType("DeploymentStrategy", """
            How a Deployment replaces old pods with new ones.
            """, [
            doc("rollingUpdate", .ref("RollingUpdateDeployment"), "Tuning for the RollingUpdate strategy."),
            doc("type", .string, enum: ["Recreate", "RollingUpdate"], "Recreate stops all old pods before starting new ones; RollingUpdate (the default) replaces them a few at a time."),
        ]),
        ExplainType("RollingUpdateDeployment", """
            Limits that shape a rolling update.
            """, [
            doc("maxSurge", .ref("IntOrString"), "How many pods above the desired count may exist during the update, as a number or a percentage. Defaults to 25%."),
            doc("maxUnavailable", .ref("IntOrString"), "How many of the desired pods may be unavailable during the update, as a number or a percentage. Defaults to 25%."),
        ]),
        ExplainType("DeploymentStatus", """
            What the deployment controller last observed.
            """, [
            doc("availableReplicas", .integer, "Pods that have been ready for at least minReadySeconds."),
            doc("collisionCount", .integer, "Used by the controller to avoid ReplicaSet name clashes."),
            doc("conditions", .array(.ref("DeploymentCondition")), "The Available and Progressing conditions of the rollout."),
            doc("observedGeneration", .integer, "The generation of the spec the controller last acted on."),
            doc("readyReplicas", .integer, "Pods that are ready."),
            doc("replicas", .integer, "Pods that exist, old and new."),
            doc("unavailableReplicas", .integer, "Pods still needed before the Deployment is fully available."),
            doc("updatedReplicas", .integer, "Pods made from the current template."),
        ]),
        ExplainType("ReplicaSet", """
            A ReplicaSet keeps a set number of identical pods running, creating or deleting pods as needed. You \
            rarely create one directly: Deployments manage ReplicaSets for you.
            """, ExplainCatalog.standardRootFields(
                spec: "ReplicaSetSpec", status: "ReplicaSetStatus",
                specDoc: "How many pods to keep and what they look like.",
                statusDoc: "What the controller last observed about the pods.")),
        ExplainType("ReplicaSetSpec", """
            The desired state of a ReplicaSet.
            """, [
            doc("minReadySeconds", .integer, "How long a new pod must be ready before it counts as available."),
            doc("replicas", .integer, replicasDoc),
            doc("selector", .ref("LabelSelector"), required: true, selectorDoc),
            doc("template", .ref("PodTemplateSpec"), templateDoc),
        ]),
        ExplainType("ReplicaSetStatus", """
            What the ReplicaSet controller last observed.
            """, [
            doc("availableReplicas", .integer, "Pods that have been ready for at least minReadySeconds."),
            doc("fullyLabeledReplicas", .integer, "Pods whose labels match the template's labels."),
            doc("observedGeneration", .integer, "The generation of the spec last acted on."),
            doc("readyReplicas", .integer, "Pods that are ready."),
            doc("replicas", .integer, required: true, "Pods that currently exist."),
        ]),
        ExplainType("StatefulSet", """
            A StatefulSet runs pods that each keep a stable identity: a fixed name with an ordinal (web-0, web-1 …), \
            a stable network name and their own persistent storage. Pods are created and removed in order.
            """, ExplainCatalog.standardRootFields(
                spec: "StatefulSetSpec", status: "StatefulSetStatus",
                specDoc: "The desired pods, their storage and how they are updated.",
                statusDoc: "What the controller last observed.")),
        ExplainType("StatefulSetSpec", """
            The desired state of a StatefulSet.
            """, [
            doc("minReadySeconds", .integer, "How long a new pod must be ready before it counts as available."),
            doc("persistentVolumeClaimRetentionPolicy", .ref("StatefulSetPersistentVolumeClaimRetentionPolicy"), "Whether the claims made from volumeClaimTemplates are kept or deleted when the set is scaled down or deleted."),
            doc("podManagementPolicy", .string, enum: ["OrderedReady", "Parallel"], "OrderedReady (the default) starts and stops pods one at a time, in order; Parallel does them all at once."),
            doc("replicas", .integer, replicasDoc),
            doc("revisionHistoryLimit", .integer, "How many old revisions to keep. Defaults to 10."),
            doc("selector", .ref("LabelSelector"), required: true, selectorDoc),
            doc("serviceName", .string, "The headless Service that gives each pod its DNS name (pod-0.service.namespace.svc.cluster.local)."),
            doc("template", .ref("PodTemplateSpec"), required: true, templateDoc + " Each pod gets a name made of the set's name and its ordinal."),
            doc("updateStrategy", .ref("StatefulSetUpdateStrategy"), "How pods are replaced when the template changes."),
            doc("volumeClaimTemplates", .array(.ref("PersistentVolumeClaim")), "Claims created for every pod, so each pod gets its own storage that survives rescheduling."),
        ]),
        ExplainType("StatefulSetStatus", """
            What the StatefulSet controller last observed.
            """, [
            doc("availableReplicas", .integer, "Pods that have been ready for at least minReadySeconds."),
            doc("currentReplicas", .integer, "Pods at the current revision."),
            doc("readyReplicas", .integer, "Pods that are ready."),
            doc("replicas", .integer, required: true, "Pods that exist."),
            doc("updatedReplicas", .integer, "Pods at the update revision."),
        ]),
        ExplainType("DaemonSet", """
            A DaemonSet runs one copy of a pod on every node (or every node that matches its rules), such as log \
            collectors or node agents. Pods are added as nodes join the cluster.
            """, ExplainCatalog.standardRootFields(
                spec: "DaemonSetSpec", status: "DaemonSetStatus",
                specDoc: "The pod to run on each node and how it is updated.",
                statusDoc: "What the controller last observed.")),
        ExplainType("DaemonSetSpec", """
            The desired state of a DaemonSet.
            """, [
            doc("minReadySeconds", .integer, "How long a new pod must be ready before it counts as available."),
            doc("revisionHistoryLimit", .integer, "How many old revisions to keep. Defaults to 10."),
            doc("selector", .ref("LabelSelector"), required: true, selectorDoc),
            doc("template", .ref("PodTemplateSpec"), required: true, templateDoc + " One pod is made from it for each eligible node."),
            doc("updateStrategy", .ref("DaemonSetUpdateStrategy"), "How pods are replaced when the template changes."),
        ]),
        ExplainType("DaemonSetStatus", """
            What the DaemonSet controller last observed.
            """, [
            doc("currentNumberScheduled", .integer, required: true, "Nodes running at least one daemon pod that should."),
            doc("desiredNumberScheduled", .integer, required: true, "Nodes that should run the daemon pod."),
            doc("numberAvailable", .integer, "Nodes whose daemon pod is available."),
            doc("numberMisscheduled", .integer, required: true, "Nodes running the daemon pod that should not."),
            doc("numberReady", .integer, required: true, "Nodes whose daemon pod is ready."),
            doc("updatedNumberScheduled", .integer, "Nodes running the current pod template."),
        ]),
    ]
}
