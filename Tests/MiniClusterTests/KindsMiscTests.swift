import MiniCluster
import XCTest

final class KindsMiscTests: XCTestCase {
    func testNamespaceName() throws {
        let f = KindsFixture()
        XCTAssertEqual(f.errors(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "Bad_Name"]]),
                       ["metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"])
        do {
            try f.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "Bad_Name"]])
            XCTFail("created")
        } catch let e as APIError {
            XCTAssertEqual(e.kubectlMessage, "The Namespace \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
        }
        let ns = try f.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "dev"]])
        XCTAssertEqual(ns[path: "metadata", "labels", "kubernetes.io/metadata.name"], "dev")
        XCTAssertEqual(ns[path: "status", "phase"], "Active")
    }

    func testConfigMapsAndSecrets() throws {
        let f = KindsFixture()
        let s = try f.create(["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "stringData": ["password": "hunter2"]])
        XCTAssertEqual(s["type"], "Opaque")
        XCTAssertEqual(s[path: "data", "password"], "aHVudGVyMg==")
        XCTAssertNil(s["stringData"])
        XCTAssertEqual(f.errors(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["bad key": "x"]]),
                       ["data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"])
        XCTAssertEqual(f.errors(["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "t"], "type": "kubernetes.io/tls", "data": ["tls.crt": ""]]),
                       ["data[tls.key]: Required value"])
        try f.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "frozen"], "data": ["a": "1"], "immutable": true])
        XCTAssertEqual(f.updateErrors(f.type("ConfigMap"), "frozen") { $0[path: "data", "a"] = "2" },
                       ["data: Forbidden: field is immutable when `immutable` is set"])
    }

    func testRBAC() {
        let f = KindsFixture()
        let role: Value = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": "r"],
                           "rules": [["resources": ["pods"]], ["verbs": ["get"], "nonResourceURLs": ["/healthz"]]]]
        XCTAssertEqual(f.errors(role), [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
            "rules[1].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs",
        ])
        let binding: Value = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": "b"],
                              "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Roll", "name": "r"],
                              "subjects": [["kind": "User", "name": "jane"]]]
        XCTAssertEqual(f.errors(binding), ["roleRef.kind: Unsupported value: \"Roll\": supported values: \"Role\", \"ClusterRole\""])
    }

    func testPolicyKinds() {
        let f = KindsFixture()
        let pdb: Value = ["apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": ["name": "p"],
                          "spec": ["minAvailable": 1, "maxUnavailable": "150%", "selector": ["matchLabels": ["app": "web"]]]]
        XCTAssertEqual(f.errors(pdb), [
            "spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set",
            "spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%",
        ])
        let quota: Value = ["apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": "q"],
                            "spec": ["hard": ["pods": "1.5", "requests.cpu": "-1", "limits.memory": "2Gi"]]]
        XCTAssertEqual(f.errors(quota), [
            "spec.hard[pods]: Invalid value: \"1500m\": must be an integer",
            "spec.hard[requests.cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
        ])
        let lr: Value = ["apiVersion": "v1", "kind": "LimitRange", "metadata": ["name": "l"],
                         "spec": ["limits": [["type": "Container", "max": ["cpu": "1"], "default": ["cpu": "2"]]]]]
        XCTAssertEqual(f.errors(lr), ["spec.limits[0].defaultRequest[cpu]: Invalid value: \"2\": default request value 2 is greater than max value 1",
                                      "spec.limits[0].default[cpu]: Invalid value: \"2\": default value 2 is greater than max value 1"],
                       "defaultRequest is defaulted from default first, as upstream")
    }

    func testHPAConversionAndValidation() throws {
        let f = KindsFixture()
        let v1: Value = ["apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "metadata": ["name": "h"],
                         "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "web"],
                                  "maxReplicas": 10, "targetCPUUtilizationPercentage": 50]]
        let stored = try f.create(v1)
        XCTAssertEqual(stored["apiVersion"], "autoscaling/v2")
        XCTAssertEqual(stored[path: "spec", "minReplicas"], 1)
        XCTAssertEqual(stored[path: "spec", "metrics"],
                       [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 50]]]])
        XCTAssertNil(stored[path: "spec", "targetCPUUtilizationPercentage"])
        XCTAssertEqual(HPA.toV1(stored)[path: "spec", "targetCPUUtilizationPercentage"], 50)
        var bad = v1
        bad[path: "metadata", "name"] = "bad"
        bad[path: "spec", "minReplicas"] = 5
        bad[path: "spec", "maxReplicas"] = 2
        bad[path: "spec", "scaleTargetRef"] = ["kind": "Deployment"]
        XCTAssertEqual(f.errors(bad), ["spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`",
                                       "spec.scaleTargetRef.name: Required value"])
    }

    func testIngressAndStorage() {
        let f = KindsFixture()
        let ing: Value = ["apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": ["name": "i"],
                          "spec": ["rules": [["http": ["paths": [["path": "/", "backend": ["service": ["name": "web"]]]]]]]]]
        XCTAssertEqual(f.errors(ing), ["spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
                                       "spec.rules[0].http.paths[0].backend: Required value: port name or number is required"])
        let pvc: Value = ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "c"], "spec": ["resources": [:]]]
        XCTAssertEqual(f.errors(pvc), ["spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value"])
    }

    func testRegistryServesOnly132Versions() {
        let r = ResourceRegistry()
        for (av, kind) in [("extensions/v1beta1", "Deployment"), ("apps/v1beta1", "Deployment"), ("apps/v1beta2", "StatefulSet"),
                           ("batch/v1beta1", "CronJob"), ("policy/v1beta1", "PodDisruptionBudget"), ("networking.k8s.io/v1beta1", "Ingress"),
                           ("extensions/v1beta1", "Ingress"), ("autoscaling/v2beta2", "HorizontalPodAutoscaler"),
                           ("autoscaling/v2beta1", "HorizontalPodAutoscaler"), ("rbac.authorization.k8s.io/v1beta1", "Role"),
                           ("storage.k8s.io/v1beta1", "StorageClass"), ("discovery.k8s.io/v1beta1", "EndpointSlice"),
                           ("events.k8s.io/v1beta1", "Event")] {
            XCTAssertNil(r.lookup(apiVersion: av, kind: kind), "\(av) \(kind) was removed before 1.32")
        }
        for (av, kind) in [("apps/v1", "Deployment"), ("batch/v1", "CronJob"), ("policy/v1", "PodDisruptionBudget"),
                           ("networking.k8s.io/v1", "Ingress"), ("autoscaling/v2", "HorizontalPodAutoscaler"),
                           ("autoscaling/v1", "HorizontalPodAutoscaler"), ("v1", "Pod"), ("events.k8s.io/v1", "Event")] {
            XCTAssertNotNil(r.lookup(apiVersion: av, kind: kind), "\(av) \(kind)")
        }
    }
}

final class KindsMoreKindsTests: XCTestCase {
    func testRemainingKindsValidate() {
        let f = KindsFixture()
        let cases: [(Value, [String])] = [
            (["apiVersion": "v1", "kind": "Endpoints", "metadata": ["name": "e"],
              "subsets": [["addresses": [["ip": "10.0.0.300"]], "ports": [["port": 80]]]]],
             ["subsets[0].addresses[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]),
            (["apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": ["name": "s"], "endpoints": [["addresses": []]]],
             ["addressType: Required value", "endpoints[0].addresses: Required value: must contain at least 1 address"]),
            (["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n"], "spec": ["taints": [["key": "k", "effect": "Never"]]]],
             ["spec.taints[0].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]),
            (["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "Bad"]],
             ["metadata.name: Invalid value: \"Bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]),
            (["apiVersion": "networking.k8s.io/v1", "kind": "IngressClass", "metadata": ["name": "c"], "spec": [:]],
             ["spec.controller: Required value"]),
            (["apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": ["name": "np"],
              "spec": ["policyTypes": ["Sideways"], "ingress": [["from": [["ipBlock": ["cidr": "10.0.0.0/33"]]]]]]],
             ["spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
              "spec.policyTypes[0]: Unsupported value: \"Sideways\": supported values: \"Egress\", \"Ingress\""]),
            (["apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": ["name": "fast"]], ["provisioner: Required value"]),
            (["apiVersion": "v1", "kind": "PersistentVolume", "metadata": ["name": "pv"], "spec": ["capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"]]],
             ["spec: Required value: must specify a volume type"]),
            (["apiVersion": "v1", "kind": "Event", "metadata": ["name": "ev"], "involvedObject": ["kind": "Pod", "name": "p", "namespace": "other"], "type": "Normal"],
             ["involvedObject.namespace: Invalid value: \"other\": does not match event.namespace"]),
        ]
        for (obj, want) in cases { XCTAssertEqual(f.errors(obj), want, obj.kind) }
    }

    func testTemplatesCarryANullCreationTimestamp() throws {
        let d = try KindsFixture().create(Sample.deployment())
        XCTAssertEqual(d[path: "spec", "template", "metadata", "creationTimestamp"], .null)
        XCTAssertEqual(d[path: "spec", "template", "metadata", "labels"], ["app": "web"])
    }
}
