// Which describer handles which kind (kubectl's describerMap); anything else gets the generic describer.
import MiniCluster

enum Describers {
    typealias Describe = (Value, DescribeContext) -> String

    /// Describers by `group/Kind`.
    static let byKind: [String: Describe] = [
        "/Pod": PodDescriber.describe,
        "/ReplicationController": DeploymentDescribers.replicationController,
        "/Secret": ConfigDescribers.secret,
        "/Service": ServiceDescribers.service,
        "/ServiceAccount": ServiceAccountDescriber.describe,
        "/Node": NodeDescriber.describe,
        "/LimitRange": NamespaceDescribers.limitRange,
        "/ResourceQuota": NamespaceDescribers.resourceQuota,
        "/PersistentVolume": StorageDescribers.persistentVolume,
        "/PersistentVolumeClaim": StorageDescribers.persistentVolumeClaim,
        "/Namespace": NamespaceDescribers.namespace,
        "/Endpoints": ServiceDescribers.endpoints,
        "/ConfigMap": ConfigDescribers.configMap,
        "discovery.k8s.io/EndpointSlice": ServiceDescribers.endpointSlice,
        "autoscaling/HorizontalPodAutoscaler": HPADescriber.describe,
        "networking.k8s.io/Ingress": IngressDescribers.ingress,
        "networking.k8s.io/IngressClass": IngressDescribers.ingressClass,
        "networking.k8s.io/NetworkPolicy": NetworkPolicyDescriber.describe,
        "batch/Job": BatchDescribers.job,
        "batch/CronJob": BatchDescribers.cronJob,
        "apps/StatefulSet": SetDescribers.statefulSet,
        "apps/Deployment": DeploymentDescribers.deployment,
        "apps/DaemonSet": SetDescribers.daemonSet,
        "apps/ReplicaSet": DeploymentDescribers.replicaSet,
        "storage.k8s.io/StorageClass": StorageDescribers.storageClass,
        "policy/PodDisruptionBudget": PolicyDescribers.podDisruptionBudget,
        "rbac.authorization.k8s.io/Role": RBACDescribers.role,
        "rbac.authorization.k8s.io/ClusterRole": RBACDescribers.role,
        "rbac.authorization.k8s.io/RoleBinding": RBACDescribers.binding,
        "rbac.authorization.k8s.io/ClusterRoleBinding": RBACDescribers.binding,
        "scheduling.k8s.io/PriorityClass": PolicyDescribers.priorityClass,
    ]

    /// The description of one object of type `t`.
    static func describe(_ object: Value, type t: ResourceType, _ ctx: DescribeContext) -> String {
        (byKind["\(t.group)/\(t.kind)"] ?? GenericDescriber.describe)(object, ctx)
    }
}
