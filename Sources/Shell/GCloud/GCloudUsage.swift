// Usage blocks of the simulated gcloud commands, recorded from the real Google Cloud CLI (`gcloud … --zone` with no
// value prints them), so usage errors match it byte for byte. Regenerate rather than edit by hand.

enum GCloudUsage {
    /// Command path (`container clusters create`) → the `Usage:` block gcloud prints after a usage error.
    static let blocks: [String: String] = [
        "config set": """
Usage: gcloud config set SECTION/PROPERTY VALUE [optional flags]
  optional flags may be  --help | --installation
""",
        "config get": """
Usage: gcloud config get SECTION/PROPERTY [optional flags]
  optional flags may be  --help
""",
        "config get-value": """
Usage: gcloud config get-value SECTION/PROPERTY [optional flags]
  optional flags may be  --help
""",
        "config unset": """
Usage: gcloud config unset SECTION/PROPERTY [optional flags]
  optional flags may be  --help | --installation
""",
        "config list": """
Usage: gcloud config list [SECTION/PROPERTY] [optional flags]
  optional flags may be  --all | --filter | --help | --limit | --sort-by
""",
        "container clusters create": """
Usage: gcloud container clusters create NAME [optional flags]
  optional flags may be  --accelerator | --additional-zones |
                         --additive-vpc-scope-dns-domain | --addons |
                         --aggregation-ca | --alpha-cluster-feature-gates |
                         --anonymous-authentication-config | --async |
                         --auto-monitoring-scope |
                         --autoprovisioning-config-file | --autoprovisioning-ena
                         ble-insecure-kubelet-readonly-port |
                         --autoprovisioning-image-type |
                         --autoprovisioning-locations |
                         --autoprovisioning-max-surge-upgrade |
                         --autoprovisioning-max-unavailable-upgrade |
                         --autoprovisioning-min-cpu-platform |
                         --autoprovisioning-network-tags |
                         --autoprovisioning-node-pool-soak-duration |
                         --autoprovisioning-resource-manager-tags |
                         --autoprovisioning-scopes |
                         --autoprovisioning-service-account |
                         --autoprovisioning-standard-rollout-policy |
                         --autoscaling-profile | --binauthz-evaluation-mode |
                         --boot-disk-kms-key | --cloud-run-config |
                         --cluster-ca | --cluster-dns | --cluster-dns-domain |
                         --cluster-dns-scope | --cluster-ipv4-cidr |
                         --cluster-secondary-range-name | --cluster-version |
                         --confidential-node-type |
                         --containerd-config-from-file |
                         --control-plane-disk-encryption-key |
                         --create-subnetwork | --data-cache-count |
                         --database-encryption-key |
                         --dataplane-v2-observability-mode |
                         --default-max-pods-per-node |
                         --disable-additive-vpc-scope |
                         --disable-dataplane-v2-flow-observability |
                         --disable-dataplane-v2-metrics |
                         --disable-default-snat |
                         --disable-l4-lb-firewall-reconciliation | --disk-size |
                         --disk-type |
                         --enable-authorized-networks-on-private-endpoint |
                         --enable-autoprovisioning |
                         --enable-autoprovisioning-autorepair |
                         --enable-autoprovisioning-autoupgrade |
                         --enable-autoprovisioning-blue-green-upgrade |
                         --enable-autoprovisioning-surge-upgrade |
                         --enable-autorepair | --enable-autoscaling |
                         --enable-autoupgrade | --enable-basic-auth |
                         --enable-binauthz |
                         --enable-cilium-clusterwide-network-policy |
                         --enable-cloud-logging | --enable-cloud-monitoring |
                         --enable-cloud-run-alpha |
                         --enable-confidential-nodes |
                         --enable-confidential-storage |
                         --enable-cost-allocation | --enable-dataplane-v2 |
                         --enable-dataplane-v2-flow-observability |
                         --enable-dataplane-v2-metrics | --enable-dns-access |
                         --enable-fleet | --enable-fqdn-network-policy |
                         --enable-google-cloud-access | --enable-gvnic |
                         --enable-identity-service | --enable-image-streaming |
                         --enable-insecure-binding-system-authenticated |
                         --enable-insecure-binding-system-unauthenticated |
                         --enable-insecure-kubelet-readonly-port |
                         --enable-intra-node-visibility | --enable-ip-access |
                         --enable-ip-alias | --enable-kubernetes-alpha |
                         --enable-kubernetes-unstable-apis |
                         --enable-l4-ilb-subsetting |
                         --enable-legacy-authorization |
                         --enable-managed-prometheus |
                         --enable-master-authorized-networks |
                         --enable-master-global-access |
                         --enable-multi-networking |
                         --enable-nested-virtualization |
                         --enable-network-egress-metering |
                         --enable-network-policy | --enable-private-endpoint |
                         --enable-private-nodes | --enable-ray-cluster-logging |
                         --enable-ray-cluster-monitoring |
                         --enable-resource-consumption-metering |
                         --enable-secret-manager |
                         --enable-service-externalips |
                         --enable-shielded-nodes |
                         --enable-stackdriver-kubernetes |
                         --enable-vertical-pod-autoscaling |
                         --ephemeral-storage-local-ssd | --etcd-api-ca |
                         --etcd-peer-ca | --fleet-project | --gateway-api |
                         --gkeops-etcd-backup-encryption-key | --help |
                         --hpa-profile | --image-type |
                         --in-transit-encryption | --ipv6-access-type |
                         --issue-client-certificate | --labels |
                         --local-nvme-ssd-block | --local-ssd-count |
                         --location | --location-policy | --logging |
                         --logging-variant | --machine-type |
                         --maintenance-window | --maintenance-window-end |
                         --maintenance-window-recurrence |
                         --maintenance-window-start |
                         --master-authorized-networks | --master-ipv4-cidr |
                         --max-accelerator | --max-cpu | --max-memory |
                         --max-nodes | --max-nodes-per-pool |
                         --max-pods-per-node | --max-surge-upgrade |
                         --max-unavailable-upgrade | --metadata |
                         --metadata-from-file | --min-accelerator | --min-cpu |
                         --min-cpu-platform | --min-memory | --min-nodes |
                         --monitoring | --network |
                         --network-performance-configs | --node-labels |
                         --node-locations | --node-taints | --node-version |
                         --notification-config | --num-nodes | --password |
                         --patch-update | --performance-monitoring-unit |
                         --placement-policy | --placement-type | --preemptible |
                         --private-endpoint-subnetwork |
                         --private-ipv6-google-access-type | --region |
                         --release-channel | --reservation |
                         --reservation-affinity | --resource-manager-tags |
                         --resource-usage-bigquery-dataset | --scopes |
                         --security-group | --security-posture |
                         --service-account | --service-account-signing-keys |
                         --service-account-verification-keys |
                         --services-ipv4-cidr |
                         --services-secondary-range-name |
                         --shielded-integrity-monitoring |
                         --shielded-secure-boot | --spot | --stack-type |
                         --storage-pools | --subnetwork |
                         --system-config-from-file | --tags |
                         --threads-per-core | --tier | --total-max-nodes |
                         --total-min-nodes | --username | --workload-metadata |
                         --workload-pool | --workload-vulnerability-scanning |
                         --zone
""",
        "container clusters list": """
Usage: gcloud container clusters list [optional flags]
  optional flags may be  --filter | --help | --limit | --location |
                         --page-size | --region | --sort-by | --uri | --zone
""",
        "container clusters describe": """
Usage: gcloud container clusters describe NAME [optional flags]
  optional flags may be  --help | --location | --region | --zone
""",
        "container clusters get-credentials": """
Usage: gcloud container clusters get-credentials NAME [optional flags]
  optional flags may be  --dns-endpoint | --help | --internal-ip | --location |
                         --region | --zone
""",
        "container clusters resize": """
Usage: gcloud container clusters resize NAME (--num-nodes=NUM_NODES | --size=NUM_NODES) [optional flags]
  optional flags may be  --async | --help | --location | --node-pool |
                         --num-nodes | --region | --size | --zone
""",
        "container clusters delete": """
Usage: gcloud container clusters delete NAME [NAME ...] [optional flags]
  optional flags may be  --async | --help | --location | --region | --zone
""",
        "container clusters update": """
Usage: gcloud container clusters update NAME (--anonymous-authentication-config=ANONYMOUS_AUTHENTICATION_CONFIG | --autoprovisioning-cgroup-mode=AUTOPROVISIONING_CGROUP_MODE | --autoprovisioning-enable-insecure-kubelet-readonly-port | --autoprovisioning-network-tags=[TAGS,...] | --autoprovisioning-resource-manager-tags=[KEY=VALUE,...] | --autoscaling-profile=AUTOSCALING_PROFILE | --clear-fleet-project | --complete-credential-rotation | --complete-ip-rotation | --containerd-config-from-file=PATH_TO_FILE | --database-encryption-key=DATABASE_ENCRYPTION_KEY | --disable-database-encryption | --disable-default-snat | --disable-workload-identity | --[no-]enable-autopilot-compatibility-auditing | --enable-autoscaling | --[no-]enable-cilium-clusterwide-network-policy | --enable-cost-allocation | --enable-fleet | --enable-fqdn-network-policy | --enable-identity-service | --enable-image-streaming | --enable-insecure-kubelet-readonly-port | --enable-intra-node-visibility | --enable-kubernetes-unstable-apis=API,[API,...] | --enable-l4-ilb-subsetting | --enable-legacy-authorization | --enable-multi-networking | --enable-network-policy | --enable-private-nodes | --[no-]enable-ray-cluster-logging | --[no-]enable-ray-cluster-monitoring | --enable-secret-manager | --enable-service-externalips | --enable-shielded-nodes | --enable-stackdriver-kubernetes | --enable-vertical-pod-autoscaling | --fleet-project=PROJECT_ID_OR_NUMBER | --gateway-api=GATEWAY_API | --generate-password | --hpa-profile=HPA_PROFILE | --in-transit-encryption=IN_TRANSIT_ENCRYPTION | --logging-variant=LOGGING_VARIANT | --maintenance-window=START_TIME | --network-performance-configs=[PROPERTY1=VALUE1,...] | --node-locations=ZONE,[ZONE,...] | --notification-config=[pubsub=ENABLED|DISABLED,pubsub-topic=TOPIC,...] | --patch-update=[PATCH_UPDATE] | --private-ipv6-google-access-type=PRIVATE_IPV6_GOOGLE_ACCESS_TYPE | --release-channel=[CHANNEL] | --remove-labels=[KEY,...] | --remove-workload-policies=REMOVE_WORKLOAD_POLICIES | --security-group=SECURITY_GROUP | --security-posture=SECURITY_POSTURE | --set-password | --stack-type=STACK_TYPE | --start-credential-rotation | --start-ip-rotation | --tier=TIER | --update-addons=[ADDON=ENABLED|DISABLED,...] | --update-labels=[KEY=VALUE,...] | --workload-policies=WORKLOAD_POLICIES | --workload-pool=WORKLOAD_POOL | --workload-vulnerability-scanning=WORKLOAD_VULNERABILITY_SCANNING | --additional-pod-ipv4-ranges=NAME,[NAME,...] --remove-additional-pod-ipv4-ranges=NAME,[NAME,...] | --auto-monitoring-scope=AUTO_MONITORING_SCOPE --logging=[COMPONENT,...] --monitoring=[COMPONENT,...] --disable-managed-prometheus | --enable-managed-prometheus | --binauthz-evaluation-mode=BINAUTHZ_EVALUATION_MODE | --enable-binauthz | --clear-maintenance-window | --remove-maintenance-exclusion=NAME | [--add-maintenance-exclusion-end=TIME_STAMP : --add-maintenance-exclusion-name=NAME --add-maintenance-exclusion-scope=SCOPE --add-maintenance-exclusion-start=TIME_STAMP] | --maintenance-window-end=TIME_STAMP --maintenance-window-recurrence=RRULE --maintenance-window-start=TIME_STAMP | --clear-resource-usage-bigquery-dataset | --enable-network-egress-metering --enable-resource-consumption-metering --resource-usage-bigquery-dataset=RESOURCE_USAGE_BIGQUERY_DATASET | --cluster-dns=CLUSTER_DNS --cluster-dns-domain=CLUSTER_DNS_DOMAIN --cluster-dns-scope=CLUSTER_DNS_SCOPE --additive-vpc-scope-dns-domain=ADDITIVE_VPC_SCOPE_DNS_DOMAIN | --disable-additive-vpc-scope | --dataplane-v2-observability-mode=DATAPLANE_V2_OBSERVABILITY_MODE | --disable-dataplane-v2-flow-observability | --enable-dataplane-v2-flow-observability --disable-dataplane-v2-metrics | --enable-dataplane-v2-metrics | --disable-l4-lb-firewall-reconciliation | --enable-l4-lb-firewall-reconciliation | --enable-authorized-networks-on-private-endpoint --enable-dns-access --enable-google-cloud-access --enable-ip-access --enable-master-global-access --enable-private-endpoint --enable-master-authorized-networks --master-authorized-networks=NETWORK,[NETWORK,...] | [--enable-autoprovisioning : --autoprovisioning-config-file=PATH_TO_FILE | --autoprovisioning-image-type=AUTOPROVISIONING_IMAGE_TYPE --autoprovisioning-locations=ZONE,[ZONE,...] --autoprovisioning-min-cpu-platform=PLATFORM --max-cpu=MAX_CPU --max-memory=MAX_MEMORY --min-cpu=MIN_CPU --min-memory=MIN_MEMORY --autoprovisioning-max-surge-upgrade=AUTOPROVISIONING_MAX_SURGE_UPGRADE --autoprovisioning-max-unavailable-upgrade=AUTOPROVISIONING_MAX_UNAVAILABLE_UPGRADE --autoprovisioning-node-pool-soak-duration=AUTOPROVISIONING_NODE_POOL_SOAK_DURATION --autoprovisioning-standard-rollout-policy=[batch-node-count=BATCH_NODE_COUNT,batch-percent=BATCH_NODE_PERCENTAGE,batch-soak-duration=BATCH_SOAK_DURATION,...] --enable-autoprovisioning-blue-green-upgrade | --enable-autoprovisioning-surge-upgrade --autoprovisioning-scopes=[SCOPE,...] --autoprovisioning-service-account=AUTOPROVISIONING_SERVICE_ACCOUNT --enable-autoprovisioning-autorepair --enable-autoprovisioning-autoupgrade [--max-accelerator=[type=TYPE,count=COUNT,...] : --min-accelerator=[type=TYPE,count=COUNT,...]]] | --enable-insecure-binding-system-authenticated --enable-insecure-binding-system-unauthenticated | --logging-service=LOGGING_SERVICE --monitoring-service=MONITORING_SERVICE | --password=PASSWORD --enable-basic-auth | --username=USERNAME, -u USERNAME) [optional flags]
  optional flags may be  --add-maintenance-exclusion-end |
                         --add-maintenance-exclusion-name |
                         --add-maintenance-exclusion-scope |
                         --add-maintenance-exclusion-start |
                         --additional-pod-ipv4-ranges |
                         --additive-vpc-scope-dns-domain |
                         --anonymous-authentication-config | --async |
                         --auto-monitoring-scope |
                         --autoprovisioning-cgroup-mode |
                         --autoprovisioning-config-file | --autoprovisioning-ena
                         ble-insecure-kubelet-readonly-port |
                         --autoprovisioning-image-type |
                         --autoprovisioning-locations |
                         --autoprovisioning-max-surge-upgrade |
                         --autoprovisioning-max-unavailable-upgrade |
                         --autoprovisioning-min-cpu-platform |
                         --autoprovisioning-network-tags |
                         --autoprovisioning-node-pool-soak-duration |
                         --autoprovisioning-resource-manager-tags |
                         --autoprovisioning-scopes |
                         --autoprovisioning-service-account |
                         --autoprovisioning-standard-rollout-policy |
                         --autoscaling-profile | --binauthz-evaluation-mode |
                         --clear-fleet-project | --clear-maintenance-window |
                         --clear-resource-usage-bigquery-dataset |
                         --cloud-run-config | --cluster-dns |
                         --cluster-dns-domain | --cluster-dns-scope |
                         --complete-credential-rotation |
                         --complete-ip-rotation |
                         --containerd-config-from-file |
                         --database-encryption-key |
                         --dataplane-v2-observability-mode |
                         --disable-additive-vpc-scope |
                         --disable-database-encryption |
                         --disable-dataplane-v2-flow-observability |
                         --disable-dataplane-v2-metrics |
                         --disable-default-snat |
                         --disable-l4-lb-firewall-reconciliation |
                         --disable-managed-prometheus |
                         --disable-workload-identity |
                         --enable-authorized-networks-on-private-endpoint |
                         --enable-autopilot-compatibility-auditing |
                         --enable-autoprovisioning |
                         --enable-autoprovisioning-autorepair |
                         --enable-autoprovisioning-autoupgrade |
                         --enable-autoprovisioning-blue-green-upgrade |
                         --enable-autoprovisioning-surge-upgrade |
                         --enable-autoscaling | --enable-basic-auth |
                         --enable-binauthz |
                         --enable-cilium-clusterwide-network-policy |
                         --enable-cost-allocation |
                         --enable-dataplane-v2-flow-observability |
                         --enable-dataplane-v2-metrics | --enable-dns-access |
                         --enable-fleet | --enable-fqdn-network-policy |
                         --enable-google-cloud-access |
                         --enable-identity-service | --enable-image-streaming |
                         --enable-insecure-binding-system-authenticated |
                         --enable-insecure-binding-system-unauthenticated |
                         --enable-insecure-kubelet-readonly-port |
                         --enable-intra-node-visibility | --enable-ip-access |
                         --enable-kubernetes-unstable-apis |
                         --enable-l4-ilb-subsetting |
                         --enable-l4-lb-firewall-reconciliation |
                         --enable-legacy-authorization |
                         --enable-managed-prometheus |
                         --enable-master-authorized-networks |
                         --enable-master-global-access |
                         --enable-multi-networking |
                         --enable-network-egress-metering |
                         --enable-network-policy | --enable-private-endpoint |
                         --enable-private-nodes | --enable-ray-cluster-logging |
                         --enable-ray-cluster-monitoring |
                         --enable-resource-consumption-metering |
                         --enable-secret-manager |
                         --enable-service-externalips |
                         --enable-shielded-nodes |
                         --enable-stackdriver-kubernetes |
                         --enable-vertical-pod-autoscaling | --fleet-project |
                         --gateway-api | --generate-password | --help |
                         --hpa-profile | --in-transit-encryption | --location |
                         --location-policy | --logging | --logging-service |
                         --logging-variant | --maintenance-window |
                         --maintenance-window-end |
                         --maintenance-window-recurrence |
                         --maintenance-window-start |
                         --master-authorized-networks | --max-accelerator |
                         --max-cpu | --max-memory | --max-nodes |
                         --min-accelerator | --min-cpu | --min-memory |
                         --min-nodes | --monitoring | --monitoring-service |
                         --network-performance-configs | --node-locations |
                         --node-pool | --notification-config | --password |
                         --patch-update | --private-ipv6-google-access-type |
                         --region | --release-channel |
                         --remove-additional-pod-ipv4-ranges | --remove-labels |
                         --remove-maintenance-exclusion |
                         --remove-workload-policies |
                         --resource-usage-bigquery-dataset | --security-group |
                         --security-posture | --set-password | --stack-type |
                         --start-credential-rotation | --start-ip-rotation |
                         --tier | --total-max-nodes | --total-min-nodes |
                         --update-addons | --update-labels | --username |
                         --workload-policies | --workload-pool |
                         --workload-vulnerability-scanning | --zone
""",
        "container node-pools create": """
Usage: gcloud container node-pools create NAME [optional flags]
  optional flags may be  --accelerator | --additional-node-network |
                         --additional-pod-network | --async |
                         --boot-disk-kms-key | --cluster |
                         --confidential-node-type |
                         --containerd-config-from-file |
                         --create-pod-ipv4-range | --data-cache-count |
                         --disk-size | --disk-type | --enable-autoprovisioning |
                         --enable-autorepair | --enable-autoscaling |
                         --enable-autoupgrade | --enable-best-effort-provision |
                         --enable-blue-green-upgrade |
                         --enable-confidential-nodes |
                         --enable-confidential-storage | --enable-gvnic |
                         --enable-image-streaming |
                         --enable-insecure-kubelet-readonly-port |
                         --enable-nested-virtualization |
                         --enable-private-nodes | --enable-queued-provisioning |
                         --enable-surge-upgrade |
                         --ephemeral-storage-local-ssd | --flex-start | --help |
                         --image-type | --labels | --local-nvme-ssd-block |
                         --local-ssd-count | --location | --location-policy |
                         --logging-variant | --machine-type | --max-nodes |
                         --max-pods-per-node | --max-run-duration |
                         --max-surge-upgrade | --max-unavailable-upgrade |
                         --metadata | --metadata-from-file |
                         --min-cpu-platform | --min-nodes |
                         --min-provision-nodes | --network-performance-configs |
                         --node-group | --node-labels | --node-locations |
                         --node-pool-soak-duration | --node-taints |
                         --node-version | --num-nodes |
                         --opportunistic-maintenance |
                         --performance-monitoring-unit | --placement-policy |
                         --placement-type | --pod-ipv4-range | --preemptible |
                         --region | --reservation | --reservation-affinity |
                         --resource-manager-tags | --sandbox | --scopes |
                         --secondary-boot-disk | --service-account |
                         --shielded-integrity-monitoring |
                         --shielded-secure-boot |
                         --sole-tenant-node-affinity-file | --spot |
                         --standard-rollout-policy | --storage-pools |
                         --system-config-from-file | --tags |
                         --threads-per-core | --total-max-nodes |
                         --total-min-nodes | --tpu-topology |
                         --windows-os-version | --workload-metadata | --zone
""",
        "container node-pools list": """
Usage: gcloud container node-pools list [optional flags]
  optional flags may be  --cluster | --filter | --help | --limit | --location |
                         --page-size | --region | --sort-by | --uri | --zone
""",
        "container node-pools describe": """
Usage: gcloud container node-pools describe NAME [optional flags]
  optional flags may be  --cluster | --help | --location | --region | --zone
""",
        "container node-pools delete": """
Usage: gcloud container node-pools delete NAME [optional flags]
  optional flags may be  --async | --cluster | --help | --location | --region |
                         --zone
""",
        "container fleet memberships register": """
Usage: gcloud container fleet memberships register (MEMBERSHIP_NAME : --location=LOCATION) (--gke-cluster=LOCATION/CLUSTER_NAME | --gke-uri=GKE_URI | [--context=CONTEXT : --kubeconfig=KUBECONFIG]) [optional flags]
  optional flags may be  --context | --enable-workload-identity |
                         --gke-cluster | --gke-uri | --has-private-issuer |
                         --help | --install-connect-agent | --internal-ip |
                         --kubeconfig | --location | --manifest-output-file |
                         --proxy | --public-issuer-url |
                         --service-account-key-file
""",
        "container fleet memberships list": """
Usage: gcloud container fleet memberships list [optional flags]
  optional flags may be  --filter | --help | --limit | --location |
                         --page-size | --sort-by | --uri
""",
        "container fleet memberships describe": """
Usage: gcloud container fleet memberships describe (MEMBERSHIP : --location=LOCATION) [optional flags]
  optional flags may be  --help | --location
""",
        "container fleet memberships unregister": """
Usage: gcloud container fleet memberships unregister (MEMBERSHIP_NAME : --location=LOCATION) (--gke-cluster=LOCATION/CLUSTER_NAME | --gke-uri=GKE_URI | [--context=CONTEXT : --kubeconfig=KUBECONFIG]) [optional flags]
  optional flags may be  --context | --gke-cluster | --gke-uri | --help |
                         --kubeconfig | --location | --uninstall-connect-agent
""",
        "container fleet ingress enable": """
Usage: gcloud container fleet ingress enable [optional flags]
  optional flags may be  --config-membership | --help | --location
""",
        "container fleet ingress describe": """
Usage: gcloud container fleet ingress describe [optional flags]
  optional flags may be  --help
""",
        "container get-server-config": """
Usage: gcloud container get-server-config [optional flags]
  optional flags may be  --filter | --help | --limit | --location | --region |
                         --sort-by | --zone
""",
        "artifacts repositories create": """
Usage: gcloud artifacts repositories create (REPOSITORY : --location=LOCATION) --repository-format=REPOSITORY_FORMAT [optional flags]
  optional flags may be  --allow-snapshot-overwrites |
                         --allow-vulnerability-scanning | --async |
                         --description | --disable-remote-validation |
                         --disable-vulnerability-scanning | --help |
                         --immutable-tags | --kms-key | --labels | --location |
                         --mode | --remote-apt-repo | --remote-apt-repo-path |
                         --remote-docker-repo | --remote-go-repo |
                         --remote-mvn-repo | --remote-npm-repo |
                         --remote-password-secret-version |
                         --remote-python-repo | --remote-repo-config-desc |
                         --remote-username | --remote-yum-repo |
                         --remote-yum-repo-path | --upstream-policy-file |
                         --version-policy
""",
        "artifacts repositories list": """
Usage: gcloud artifacts repositories list [optional flags]
  optional flags may be  --filter | --help | --limit | --location |
                         --page-size | --sort-by
""",
        "artifacts repositories describe": """
Usage: gcloud artifacts repositories describe (REPOSITORY : --location=LOCATION) [optional flags]
  optional flags may be  --help | --location
""",
        "artifacts repositories delete": """
Usage: gcloud artifacts repositories delete (REPOSITORY : --location=LOCATION) [optional flags]
  optional flags may be  --async | --help | --location
""",
        "auth configure-docker": """
Usage: gcloud auth configure-docker [REGISTRIES] [optional flags]
  optional flags may be  --help
""",
        "compute instances list": """
Usage: gcloud compute instances list [NAME ...] [optional flags]
  optional flags may be  --filter | --help | --limit | --page-size | --regexp |
                         --sort-by | --uri | --zones
""",
    ]
}
