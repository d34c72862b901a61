// The cluster state behind the reference's Appendix B `kubectl get` recordings, object for object.
import MiniCluster

extension Fixtures {
    static func pod(_ c: Cluster, _ name: String, ns: String = "default", labels: [String: String] = [:], age: Int64,
                    image: String = "nginx", ip: String?, node: String?, phase: String, status: [String: Value] = [:],
                    initContainers: [Value] = []) {
        var spec: Value = ["containers": [["name": .string(image.split(separator: ":").first.map(String.init) ?? image), "image": .string(image)]]]
        if !initContainers.isEmpty { spec["initContainers"] = .array(initContainers) }
        if let node { spec["nodeName"] = .string(node) }
        var st: Value = ["phase": .string(phase)]
        if let ip { st["podIP"] = .string(ip); st["podIPs"] = [["ip": .string(ip)]] }
        for (k, v) in status { st[k] = v }
        put(c, "Pod", ["metadata": meta(name, ns, labels: labels), "spec": spec, "status": st], age: age)
    }

    static func running(_ name: String, restarts: Int = 0) -> Value {
        ["name": .string(name), "ready": true, "restartCount": .int(restarts), "started": true, "state": ["running": ["startedAt": "2026-11-26T08:00:00Z"]]]
    }

    static func appendixB(_ c: Cluster) {
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            put(c, "Namespace", ["metadata": meta(ns, nil, labels: ["kubernetes.io/metadata.name": ns]), "status": ["phase": "Active"]], age: 12 * day)
        }
        put(c, "Namespace", ["metadata": meta("dev", nil, labels: ["kubernetes.io/metadata.name": "dev"]), "status": ["phase": "Active"]], age: 5 * 3600 + 1200)

        pod(c, "badimage", labels: ["run": "badimage"], age: 60, image: "nginx:doesnotexist", ip: "10.244.1.10", node: "worker-1", phase: "Pending",
            status: ["containerStatuses": [["name": "nginx", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "ImagePullBackOff"]]]]])
        pod(c, "crashy", labels: ["run": "crashy"], age: 200, image: "busybox", ip: "10.244.1.9", node: "worker-1", phase: "Running",
            status: ["containerStatuses": [["name": "app", "ready": false, "restartCount": 3, "state": ["waiting": ["reason": "CrashLoopBackOff"]],
                                            "lastState": ["terminated": ["exitCode": 1, "reason": "Error", "finishedAt": ago(c, 45)]]]]])
        pod(c, "init-demo", age: 15, image: "nginx", ip: "10.244.1.11", node: "worker-1", phase: "Pending",
            status: ["initContainerStatuses": [running("init-1"), ["name": "init-2", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "PodInitializing"]]]],
                     "containerStatuses": [["name": "nginx", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "PodInitializing"]]]]],
            initContainers: [["name": "init-1", "image": "busybox"], ["name": "init-2", "image": "busybox"]])
        pod(c, "pending-pod", labels: ["run": "pending-pod"], age: 20, ip: nil, node: nil, phase: "Pending")
        pod(c, "pi-8xq2v", labels: ["batch.kubernetes.io/job-name": "pi", "job-name": "pi"], age: 130 * 60, image: "perl:5.34",
            ip: "10.244.1.4", node: "worker-1", phase: "Succeeded",
            status: ["containerStatuses": [["name": "pi", "ready": false, "restartCount": 0, "state": ["terminated": ["exitCode": 0, "reason": "Completed"]]]]])
        for (suffix, ip) in [("4kx9z", "10.244.1.5"), ("bq7xw", "10.244.1.6"), ("h2d8n", "10.244.1.7")] {
            pod(c, "web-7c5ddbdf54-" + suffix, labels: ["app": "web", "pod-template-hash": "7c5ddbdf54"], age: 325, image: "nginx:1.25",
                ip: ip, node: "worker-1", phase: "Running", status: ["containerStatuses": [running("nginx")]])
        }
        pod(c, "coredns-668d6bf9bc-9xk2p", ns: "kube-system", age: 12 * day, image: "coredns", ip: "10.244.0.2", node: "control-plane",
            phase: "Running", status: ["containerStatuses": [running("coredns")]])
        pod(c, "etcd-control-plane", ns: "kube-system", age: 12 * day, image: "etcd", ip: "172.18.0.2", node: "control-plane",
            phase: "Running", status: ["containerStatuses": [running("etcd")]])

        let webTemplate: Value = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"]]]]
        put(c, "Deployment", ["metadata": meta("web", labels: ["app": "web"]),
                              "spec": ["replicas": 3, "selector": ["matchLabels": ["app": "web"]], "template": webTemplate],
                              "status": ["replicas": 3, "readyReplicas": 3, "updatedReplicas": 3, "availableReplicas": 3]], age: 330)
        put(c, "ReplicaSet", ["metadata": meta("web-7c5ddbdf54", labels: ["app": "web", "pod-template-hash": "7c5ddbdf54"]),
                              "spec": ["replicas": 3, "selector": ["matchLabels": ["app": "web", "pod-template-hash": "7c5ddbdf54"]], "template": webTemplate],
                              "status": ["replicas": 3, "readyReplicas": 3, "availableReplicas": 3]], age: 330)
        services(c)
        storageAndSets(c)
        batchAndMore(c)
        rbacAndEvents(c)
    }

    static func services(_ c: Cluster) {
        put(c, "Service", ["metadata": meta("kubernetes"), "spec": ["type": "ClusterIP", "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
                                                                   "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443]]]], age: 12 * day)
        put(c, "Service", ["metadata": meta("lb"), "spec": ["type": "LoadBalancer", "clusterIP": "10.96.33.7", "clusterIPs": ["10.96.33.7"],
                                                           "selector": ["app": "web"], "ports": [["port": 80, "nodePort": 30500, "protocol": "TCP"]]]], age: 100)
        put(c, "Service", ["metadata": meta("web"), "spec": ["type": "NodePort", "clusterIP": "10.96.120.15", "clusterIPs": ["10.96.120.15"],
                                                            "selector": ["app": "web"], "ports": [["port": 80, "nodePort": 31234, "protocol": "TCP"]]]], age: 310)
        put(c, "Endpoints", ["metadata": meta("kubernetes"), "subsets": [["addresses": [["ip": "172.18.0.2"]], "ports": [["name": "https", "port": 6443]]]]], age: 12 * day)
        put(c, "Endpoints", ["metadata": meta("web"), "subsets": [["addresses": [["ip": "10.244.1.5"], ["ip": "10.244.1.6"], ["ip": "10.244.1.7"], ["ip": "10.244.1.8"]],
                                                                  "ports": [["port": 80]]]]], age: 310)
        for (name, ip, age, role) in [("control-plane", "172.18.0.2", 12 * day, true), ("worker-1", "172.18.0.3", 11 * day, false)] {
            var labels = ["kubernetes.io/hostname": name, "kubernetes.io/os": "linux"]
            if role { labels["node-role.kubernetes.io/control-plane"] = "" }
            put(c, "Node", ["metadata": meta(name, nil, labels: labels),
                            "status": ["conditions": [["type": "MemoryPressure", "status": "False"], ["type": "Ready", "status": "True"]],
                                       "addresses": [["type": "InternalIP", "address": .string(ip)], ["type": "Hostname", "address": .string(name)]],
                                       "nodeInfo": ["kubeletVersion": "v1.32.4", "osImage": "Debian GNU/Linux 12 (bookworm)",
                                                    "kernelVersion": "6.8.0-45-generic", "containerRuntimeVersion": "containerd://1.7.24"]]], age: age)
        }
        put(c, "Ingress", ["metadata": meta("web"), "spec": ["ingressClassName": "nginx", "rules": [["host": "foo.com"]]],
                           "status": ["loadBalancer": ["ingress": [["ip": "172.18.0.3"]]]]], age: 240)
        put(c, "NetworkPolicy", ["metadata": meta("allow-web"), "spec": ["podSelector": ["matchLabels": ["app": "web"]]]], age: 230)
        put(c, "NetworkPolicy", ["metadata": meta("deny-all"), "spec": ["podSelector": [:]]], age: 240)
    }

    static func storageAndSets(_ c: Cluster) {
        put(c, "ConfigMap", ["metadata": meta("app-config"), "data": ["a": "1", "b": "2"]], age: 45)
        put(c, "ConfigMap", ["metadata": meta("kube-root-ca.crt"), "data": ["ca.crt": "x"]], age: 12 * day)
        put(c, "Secret", ["metadata": meta("db-secret"), "type": "Opaque", "data": ["user": "YQ==", "password": "Yg=="]], age: 3 * 3600 + 1200)
        put(c, "PersistentVolume", ["metadata": meta("pvc-3f2a9c1e", nil),
                                    "spec": ["capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Delete",
                                             "storageClassName": "standard", "volumeMode": "Filesystem",
                                             "claimRef": ["namespace": "default", "name": "data-db-0"]],
                                    "status": ["phase": "Bound"]], age: 900)
        put(c, "PersistentVolumeClaim", ["metadata": meta("data-db-0"),
                                         "spec": ["accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "volumeName": "pvc-3f2a9c1e",
                                                  "volumeMode": "Filesystem", "resources": ["requests": ["storage": "1Gi"]]],
                                         "status": ["phase": "Bound", "capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"]]], age: 900)
        put(c, "StorageClass", ["metadata": meta("standard", nil, annotations: ["storageclass.kubernetes.io/is-default-class": "true"]),
                                "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"], age: 12 * day)
        put(c, "StatefulSet", ["metadata": meta("db"), "spec": ["replicas": 3, "serviceName": "db", "selector": ["matchLabels": ["app": "db"]],
                                                               "template": ["metadata": ["labels": ["app": "db"]], "spec": ["containers": [["name": "postgres", "image": "postgres:16"]]]]],
                               "status": ["replicas": 3, "readyReplicas": 2]], age: 900)
        put(c, "DaemonSet", ["metadata": meta("kube-proxy", "kube-system"),
                             "spec": ["selector": ["matchLabels": ["k8s-app": "kube-proxy"]],
                                      "template": ["metadata": ["labels": ["k8s-app": "kube-proxy"]],
                                                   "spec": ["nodeSelector": ["kubernetes.io/os": "linux"],
                                                            "containers": [["name": "kube-proxy", "image": "registry.k8s.io/kube-proxy:v1.32.4"]]]]],
                             "status": ["desiredNumberScheduled": 2, "currentNumberScheduled": 2, "numberReady": 2, "updatedNumberScheduled": 2, "numberAvailable": 2]], age: 12 * day)
    }

    static func batchAndMore(_ c: Cluster) {
        func jobSpec(_ name: String, _ image: String, _ uid: String) -> Value {
            ["completions": 1, "parallelism": 1, "selector": ["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]],
             "template": ["spec": ["restartPolicy": "Never", "containers": [["name": .string(name), "image": .string(image)]]]]]
        }
        put(c, "Job", ["metadata": meta("hello-28934520"), "spec": jobSpec("hello", "busybox", "def"),
                       "status": ["active": 1, "startTime": ago(c, 50)]], age: 50)
        put(c, "Job", ["metadata": meta("pi"), "spec": jobSpec("pi", "perl:5.34", "abc"),
                       "status": ["succeeded": 1, "startTime": ago(c, 7800), "completionTime": ago(c, 7710),
                                  "conditions": [["type": "Complete", "status": "True"]]]], age: 7800)
        put(c, "CronJob", ["metadata": meta("hello"), "spec": ["schedule": "*/5 * * * *", "suspend": false,
                                                               "jobTemplate": ["spec": ["template": ["spec": ["restartPolicy": "OnFailure", "containers": [["name": "hello", "image": "busybox"]]]]]]],
                           "status": ["active": [["kind": "Job", "name": "hello-28934520"]], "lastScheduleTime": ago(c, 50)]], age: 3 * day + 5 * 3600)
        put(c, "HorizontalPodAutoscaler", ["metadata": meta("web"),
                                           "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "web"], "minReplicas": 1, "maxReplicas": 10,
                                                    "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]]]],
                                           "status": ["currentReplicas": 3, "desiredReplicas": 3,
                                                      "currentMetrics": [["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": 42, "averageValue": "42m"]]]]]], age: 250)
        put(c, "ResourceQuota", ["metadata": meta("my-quota"), "spec": ["hard": ["pods": "10", "requests.cpu": "2", "limits.memory": "4Gi"]],
                                 "status": ["hard": ["pods": "10", "requests.cpu": "2", "limits.memory": "4Gi"],
                                            "used": ["pods": "6", "requests.cpu": "500m", "limits.memory": "1Gi"]]], age: 100)
        put(c, "ServiceAccount", ["metadata": meta("default")], age: 12 * day)
    }

    static func rbacAndEvents(_ c: Cluster) {
        // The recordings come from a server without the bootstrap roles and bindings: only the fixture's own.
        for kind in ["ClusterRole", "ClusterRoleBinding"] {
            guard let t = c.registry.lookup(kind: kind) else { continue }
            for o in c.api.list(t, namespace: nil) { c.store.remove(t, ObjectKey(namespace: "", name: o.metadataName)) }
        }
        put(c, "Role", ["metadata": meta("pod-reader"), "rules": [["apiGroups": [""], "resources": ["pods"], "verbs": ["get"]]]], age: 763)
        put(c, "ClusterRole", ["metadata": meta("admin", nil), "rules": []], age: 12 * day - 3600 + 763)
        put(c, "RoleBinding", ["metadata": meta("read-pods"), "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "pod-reader"],
                               "subjects": [["kind": "User", "name": "jane"], ["kind": "ServiceAccount", "name": "mysa", "namespace": "default"]]], age: 58 * 60)
        func event(_ name: String, _ type: String, _ reason: String, _ kind: String, _ obj: String, _ field: String?, _ component: String,
                   _ host: String?, _ message: String, first: Int64, last: Int64, count: Int) {
            var involved: Value = ["kind": .string(kind), "name": .string(obj), "namespace": "default"]
            if let field { involved["fieldPath"] = .string(field) }
            var source: Value = ["component": .string(component)]
            if let host { source["host"] = .string(host) }
            put(c, "Event", ["metadata": meta(name), "type": .string(type), "reason": .string(reason), "involvedObject": involved,
                             "source": source, "message": .string(message), "firstTimestamp": ago(c, first), "lastTimestamp": ago(c, last),
                             "count": .int(count)], age: first)
        }
        let pod = "web-7c5ddbdf54-4kx9z"
        event("crashy.1", "Warning", "BackOff", "Pod", "crashy", "spec.containers{app}", "kubelet", "worker-1",
              "Back-off restarting failed container app in pod crashy_default(uid)", first: 180, last: 10, count: 7)
        event(pod + ".1", "Normal", "Scheduled", "Pod", pod, nil, "default-scheduler", nil,
              "Successfully assigned default/\(pod) to worker-1", first: 325, last: 325, count: 1)
        event(pod + ".2", "Normal", "Pulling", "Pod", pod, "spec.containers{nginx}", "kubelet", "worker-1", "Pulling image \"nginx:1.25\"",
              first: 324, last: 324, count: 1)
        event(pod + ".3", "Normal", "Pulled", "Pod", pod, "spec.containers{nginx}", "kubelet", "worker-1",
              "Successfully pulled image \"nginx:1.25\" in 2.1s (2.1s including waiting). Image size: 72080558 bytes.", first: 310, last: 310, count: 1)
        event(pod + ".4", "Normal", "Created", "Pod", pod, "spec.containers{nginx}", "kubelet", "worker-1", "Created container nginx",
              first: 310, last: 310, count: 1)
        event(pod + ".5", "Normal", "Started", "Pod", pod, "spec.containers{nginx}", "kubelet", "worker-1", "Started container nginx",
              first: 309, last: 309, count: 1)
        event("web.1", "Normal", "ScalingReplicaSet", "Deployment", "web", nil, "deployment-controller", nil,
              "Scaled up replica set web-7c5ddbdf54 from 0 to 3", first: 330, last: 330, count: 1)
    }
}
