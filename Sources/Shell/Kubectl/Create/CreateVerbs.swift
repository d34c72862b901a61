// Every `kubectl create …` verb and `kubectl run`, for registration in `Kubectl.verbs`.

enum CreateVerbs {
    static var all: [KubectlVerb] {
        [
            CreateDeploymentVerb(), CreateNamespaceVerb(), CreateServiceAccountVerb(), CreateConfigMapVerb(),
            CreateSecretGenericVerb(), CreateSecretTLSVerb(), CreateSecretDockerRegistryVerb(),
            CreateJobVerb(), CreateCronJobVerb(),
            CreateRoleVerb(clusterScoped: false), CreateRoleVerb(clusterScoped: true),
            CreateRoleBindingVerb(clusterScoped: false), CreateRoleBindingVerb(clusterScoped: true),
            CreateQuotaVerb(), CreateIngressVerb(), CreatePodDisruptionBudgetVerb(), CreatePriorityClassVerb(),
            RunVerb(),
        ] + CreateServiceVerb.all
    }
}
