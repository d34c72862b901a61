@testable import MiniCluster
import XCTest

/// Cells of every kind family's table, from hand-built objects (printers.go rules, reference §1.2).
final class TableKindTests: XCTestCase {
    let now = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
    let reg = ResourceRegistry()

    func cells(_ kind: String, _ body: Value, age: Int64 = 60) -> [String] {
        var o = body
        o[path: "metadata", "name"] = o[path: "metadata", "name"] ?? "x"
        o[path: "metadata", "creationTimestamp"] = .string((now + Duration.seconds(-age)).rfc3339)
        let t = kind.contains(".") ? reg.lookup(kind)! : reg.lookup(kind: kind)!
        return Tables.spec(for: t).cells(o, now)
    }

    func testEveryBuiltInKindHasATableWithMatchingCellCount() {
        for t in ResourceType.builtIn {
            let spec = Tables.spec(for: t)
            let row = spec.cells(["metadata": ["name": "x"]], now)
            XCTAssertEqual(row.count, spec.columns.count, "\(t.kind)")
        }
        // Kinds without a printer use the default convertor.
        for k in ["Role", "ClusterRole", "LimitRange", "Binding"] {
            XCTAssertFalse(Tables.hasPrinter(reg.lookup(kind: k)!), k)
        }
        XCTAssertEqual(cells("Role", [:], age: 763), ["x", "2026-11-26T08:47:17Z"])
    }

    func testNodes() {
        func node(_ ready: String?, unschedulable: Bool = false, labels: [String: String] = [:]) -> [String] {
            var o: Value = ["metadata": ["labels": Value(stringMap: labels)], "status": ["nodeInfo": ["kubeletVersion": "v1.32.9-gke.1108000"]]]
            if let ready { o[path: "status", "conditions"] = [["type": "Ready", "status": .string(ready)]] }
            if unschedulable { o[path: "spec", "unschedulable"] = true }
            return Array(cells("Node", o).prefix(5))
        }
        XCTAssertEqual(node("True"), ["x", "Ready", "<none>", "60s", "v1.32.9-gke.1108000"])
        XCTAssertEqual(node("False")[1], "NotReady")
        XCTAssertEqual(node("Unknown")[1], "NotReady")
        XCTAssertEqual(node(nil)[1], "Unknown")
        XCTAssertEqual(node("True", unschedulable: true)[1], "Ready,SchedulingDisabled")
        XCTAssertEqual(node("True", labels: ["node-role.kubernetes.io/worker": "", "node-role.kubernetes.io/infra": "x",
                                             "kubernetes.io/role": "edge"])[2], "edge,infra,worker")
        XCTAssertEqual(Array(cells("Node", [:]).suffix(5)), ["<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"])
    }

    func testServices() {
        XCTAssertEqual(cells("Service", ["spec": ["type": "ExternalName", "externalName": "db.example.com"]]),
                       ["x", "ExternalName", "<none>", "db.example.com", "<none>", "60s", "<none>"])
        XCTAssertEqual(cells("Service", ["spec": ["type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"], "selector": ["app": "db", "tier": "be"],
                                                   "ports": [["port": 5432, "protocol": "TCP"], ["port": 53, "protocol": "UDP"]]]]),
                       ["x", "ClusterIP", "None", "<none>", "5432/TCP,53/UDP", "60s", "app=db,tier=be"])
        let lb: Value = ["spec": ["type": "LoadBalancer", "clusterIPs": ["10.8.0.5"], "externalIPs": ["1.2.3.4"],
                                  "ports": [["port": 80, "nodePort": 30080, "protocol": "TCP"]]],
                         "status": ["loadBalancer": ["ingress": [["ip": "34.1.2.3"], ["hostname": "a.example.com"], ["ip": "34.1.2.3"]]]]]
        XCTAssertEqual(cells("Service", lb)[3], "34.1.2.3,a.example.com,1.2.3.4")
        XCTAssertEqual(cells("Service", ["spec": ["type": "NodePort", "externalIPs": ["1.1.1.1", "2.2.2.2"]]])[3], "1.1.1.1,2.2.2.2")
    }

    func testEndpointsAndSlices() {
        XCTAssertEqual(cells("Endpoints", [:])[1], "<none>")
        XCTAssertEqual(cells("Endpoints", ["subsets": [["addresses": [["ip": "10.0.0.1"], ["ip": "fd00::1"]]]]])[1], "10.0.0.1,fd00::1")
        XCTAssertEqual(cells("Endpoints", ["subsets": [["addresses": [["ip": "10.0.0.1"], ["ip": "fd00::1"]], "ports": [["port": 80], ["port": 443]]]]])[1],
                       "10.0.0.1:80,[fd00::1]:80,10.0.0.1:443 + 1 more...")
        XCTAssertEqual(cells("EndpointSlice", ["addressType": "IPv4", "ports": [["port": 80], ["name": "x"]],
                                               "endpoints": [["addresses": ["10.0.0.1"]], ["addresses": ["10.0.0.2"]], ["addresses": ["10.0.0.3"]], ["addresses": ["10.0.0.4"]]]]),
                       ["x", "IPv4", "80,x", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "60s"])
        XCTAssertEqual(cells("EndpointSlice", ["addressType": "IPv4"])[2...3], ["<unset>", "<unset>"])
    }

    func testIngressAndClasses() {
        let rules: Value = [["host": "a.com"], ["host": "b.com"], [:], ["host": "c.com"], ["host": "d.com"]]
        XCTAssertEqual(cells("Ingress", ["spec": ["rules": rules, "tls": [["hosts": ["a.com"]]]]]),
                       ["x", "<none>", "a.com,b.com,c.com + 2 more...", "", "80, 443", "60s"])
        XCTAssertEqual(cells("Ingress", ["spec": ["defaultBackend": ["service": ["name": "web"]]]])[2], "*")
        XCTAssertEqual(cells("IngressClass", ["spec": ["controller": "k8s.io/ingress-nginx",
                                                       "parameters": ["apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "p"]]]),
                       ["x", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/p", "60s"])
        XCTAssertEqual(cells("NetworkPolicy", ["spec": ["podSelector": ["matchExpressions": [["key": "tier", "operator": "In", "values": ["b", "a"]]]]]])[1],
                       "tier in (a,b)")
    }

    func testJobs() {
        func job(_ spec: Value, _ status: Value, deleting: Bool = false) -> [String] {
            var o: Value = ["spec": spec, "status": status]
            if deleting { o[path: "metadata", "deletionTimestamp"] = "2026-11-26T08:59:00Z" }
            return Array(cells("Job", o, age: 300).prefix(4))
        }
        XCTAssertEqual(job([:], [:]), ["x", "Running", "0/1", ""])
        XCTAssertEqual(job(["completions": 5], ["succeeded": 2, "startTime": "2026-11-26T08:58:00Z"]), ["x", "Running", "2/5", "2m"])
        XCTAssertEqual(job(["parallelism": 3], ["succeeded": 1]), ["x", "Running", "1/1 of 3", ""])
        XCTAssertEqual(job(["completions": 1], ["succeeded": 1, "startTime": "2026-11-26T08:55:00Z", "completionTime": "2026-11-26T08:56:30Z",
                                                "conditions": [["type": "Complete", "status": "True"]]]), ["x", "Complete", "1/1", "90s"])
        XCTAssertEqual(job([:], ["conditions": [["type": "Failed", "status": "True"]]])[1], "Failed")
        XCTAssertEqual(job([:], ["conditions": [["type": "Suspended", "status": "True"]]])[1], "Suspended")
        XCTAssertEqual(job([:], ["conditions": [["type": "Suspended", "status": "True"]]], deleting: true)[1], "Terminating")
        XCTAssertEqual(job([:], ["conditions": [["type": "FailureTarget", "status": "True"]]])[1], "FailureTarget")
    }

    func testCronJobs() {
        XCTAssertEqual(cells("CronJob", ["spec": ["schedule": "0 * * * *", "timeZone": "Europe/Paris"]], age: 3600),
                       ["x", "0 * * * *", "Europe/Paris", "<unset>", "0", "<none>", "60m", "", "", "<none>"])
        XCTAssertEqual(cells("CronJob", ["spec": ["schedule": "@hourly", "suspend": true]])[3], "True")
    }

    func testWorkloads() {
        let template: Value = ["spec": ["containers": [["name": "a", "image": "nginx:1"], ["name": "b", "image": "busybox"]]]]
        XCTAssertEqual(cells("Deployment", ["spec": ["replicas": 2, "template": template, "selector": ["matchLabels": ["app": "x"]]],
                                            "status": ["readyReplicas": 1, "updatedReplicas": 2]]),
                       ["x", "1/2", "2", "0", "60s", "a,b", "nginx:1,busybox", "app=x"])
        XCTAssertEqual(cells("ReplicationController", ["spec": ["replicas": 2, "selector": ["app": "x"], "template": template]]),
                       ["x", "2", "0", "0", "60s", "a,b", "nginx:1,busybox", "app=x"])
        XCTAssertEqual(cells("DaemonSet", ["spec": ["template": template]])[6], "<none>")
        XCTAssertEqual(cells("ControllerRevision", ["metadata": ["ownerReferences": [["apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db", "controller": true]]],
                                                    "revision": 3]), ["x", "statefulset.apps/db", "3", "60s"])
        XCTAssertEqual(cells("ControllerRevision", [:])[1], "<none>")
        XCTAssertEqual(cells("PodTemplate", ["template": ["metadata": ["labels": ["a": "1"]], "spec": template["spec"]!]]),
                       ["x", "a,b", "nginx:1,busybox", "a=1"])
    }

    func testConfigStorageAndPolicy() {
        XCTAssertEqual(cells("ConfigMap", ["data": ["a": "1"], "binaryData": ["b": "AA=="]]), ["x", "2", "60s"])
        XCTAssertEqual(cells("Secret", ["type": "kubernetes.io/tls", "data": ["tls.crt": "", "tls.key": ""]]), ["x", "kubernetes.io/tls", "2", "60s"])
        XCTAssertEqual(cells("PersistentVolumeClaim", ["spec": ["storageClassName": "standard-rwo", "resources": ["requests": ["storage": "5Gi"]]],
                                                       "status": ["phase": "Pending"]]),
                       ["x", "Pending", "", "", "", "standard-rwo", "<unset>", "60s", "<unset>"])
        XCTAssertEqual(cells("PersistentVolume", ["spec": ["capacity": ["storage": "10Gi"], "accessModes": ["ReadWriteMany", "ReadWriteOnce"],
                                                           "persistentVolumeReclaimPolicy": "Retain"], "status": ["phase": "Available"]]),
                       ["x", "10Gi", "RWO,RWX", "Retain", "Available", "", "", "<unset>", "", "60s", "<unset>"])
        XCTAssertEqual(cells("StorageClass", ["provisioner": "pd.csi.storage.gke.io", "allowVolumeExpansion": true]),
                       ["x", "pd.csi.storage.gke.io", "Delete", "Immediate", "true", "60s"])
        XCTAssertEqual(cells("PodDisruptionBudget", ["spec": ["minAvailable": "50%"], "status": ["disruptionsAllowed": 1]]),
                       ["x", "50%", "N/A", "1", "60s"])
        XCTAssertEqual(cells("PriorityClass", ["value": 1000, "globalDefault": false, "preemptionPolicy": "Never"]),
                       ["x", "1000", "false", "60s", "Never"])
        XCTAssertEqual(cells("ResourceQuota", ["status": ["hard": ["limits.cpu": "4", "pods": "10", "configmaps": "5"], "used": ["pods": "1"]]]),
                       ["x", "configmaps: 0/5, pods: 1/10", "limits.cpu: 0/4", "60s"])
        XCTAssertEqual(cells("ServiceAccount", ["secrets": [["name": "t"]]]), ["x", "1", "60s"])
        XCTAssertEqual(cells("Namespace", ["status": ["phase": "Terminating"]]), ["x", "Terminating", "60s"])
    }

    func testHPATargets() {
        func targets(_ metrics: Value, _ current: Value = []) -> String {
            cells("HorizontalPodAutoscaler", ["spec": ["scaleTargetRef": ["kind": "Deployment", "name": "web"], "maxReplicas": 5, "metrics": metrics],
                                              "status": ["currentMetrics": current]])[2]
        }
        let cpu: Value = ["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 50]]]
        let mem: Value = ["type": "Resource", "resource": ["name": "memory", "target": ["type": "AverageValue", "averageValue": "200Mi"]]]
        let pods: Value = ["type": "Pods", "pods": ["metric": ["name": "qps"], "target": ["type": "AverageValue", "averageValue": "10"]]]
        XCTAssertEqual(targets([]), "<none>")
        XCTAssertEqual(targets([cpu]), "cpu: <unknown>/50%")
        XCTAssertEqual(targets([cpu, mem], [["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": 12]]],
                                            ["type": "Resource", "resource": ["name": "memory", "current": ["averageValue": "100Mi"]]]]),
                       "cpu: 12%/50%, memory: 100Mi/200Mi")
        XCTAssertEqual(targets([cpu, mem, pods]), "cpu: <unknown>/50%, memory: <unknown>/200Mi + 1 more...")
        XCTAssertEqual(targets([pods]), "<unknown>/10")
        XCTAssertEqual(cells("HorizontalPodAutoscaler", ["spec": ["scaleTargetRef": ["kind": "Deployment", "name": "web"], "maxReplicas": 5]]),
                       ["x", "Deployment/web", "<none>", "<unset>", "5", "0", "60s"])
    }

    func testRoleBindings() {
        XCTAssertEqual(cells("ClusterRoleBinding", ["roleRef": ["kind": "ClusterRole", "name": "view"],
                                                    "subjects": [["kind": "Group", "name": "devs"], ["kind": "Group", "name": "ops"],
                                                                 ["kind": "ServiceAccount", "name": "ci", "namespace": "build"]]]),
                       ["x", "ClusterRole/view", "60s", "", "devs, ops", "build/ci"])
    }

    func testEvents() {
        let core: Value = ["type": "Normal", "reason": "Pulled", "involvedObject": ["kind": "Pod", "name": "web"],
                           "source": ["component": "kubelet", "host": "node-1"], "message": "  done \n",
                           "firstTimestamp": "2026-11-26T08:55:00Z", "metadata": ["name": "web.1"]]
        XCTAssertEqual(cells("Event", core), ["5m", "Normal", "Pulled", "pod/web", "", "kubelet, node-1", "done", "5m", "1", "web.1"])
        let v1: Value = ["type": "Warning", "reason": "BackOff", "regarding": ["kind": "Pod", "name": "crashy", "fieldPath": "spec.containers{app}"],
                         "reportingController": "kubelet", "reportingInstance": "node-2", "note": "Back-off",
                         "eventTime": "2026-11-26T08:50:00.000000Z", "series": ["count": 4, "lastObservedTime": "2026-11-26T08:59:30.000000Z"],
                         "metadata": ["name": "crashy.2"]]
        XCTAssertEqual(cells("events.events.k8s.io", v1), ["30s", "Warning", "BackOff", "pod/crashy", "spec.containers{app}", "kubelet, node-2",
                                                           "Back-off", "10m", "4", "crashy.2"])
        XCTAssertEqual(cells("Event", ["involvedObject": ["kind": "Node"]])[3...5], ["node", "", "<unknown>"])
    }
}
