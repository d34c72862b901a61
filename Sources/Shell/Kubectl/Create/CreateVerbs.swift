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
            CreateGroupVerb.secret, CreateGroupVerb.service, CreateFromFileVerb(),
        ] + CreateServiceVerb.all + CreateServiceVerb.all.map { AliasedVerb(base: $0, path: ["create", "svc", $0.path[2]]) }
    }
}

/// A verb reached through an alias in the middle of its path (`create svc clusterip`).
struct AliasedVerb: KubectlVerb {
    let base: KubectlVerb
    let path: [String]
    var flags: [FlagSpec] { base.flags }
    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 { try base.run(f, k) }
}
