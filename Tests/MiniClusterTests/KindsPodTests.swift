import MiniCluster
import XCTest

final class KindsPodTests: XCTestCase {
    func testPodDefaultsOnCreate() throws {
        let f = KindsFixture()
        let pod = try f.create(Sample.pod(containers: [["name": "web", "image": "nginx", "ports": [["containerPort": 80]],
                                                         "readinessProbe": ["httpGet": ["port": 80]]],
                                                        ["name": "side", "image": "busybox:1.36", "resources": ["limits": ["cpu": "0.5", "memory": "1024Mi"]]]]))
        let spec = pod["spec"]!
        XCTAssertEqual(spec["restartPolicy"], "Always")
        XCTAssertEqual(spec["dnsPolicy"], "ClusterFirst")
        XCTAssertEqual(spec["schedulerName"], "default-scheduler")
        XCTAssertEqual(spec["terminationGracePeriodSeconds"], 30)
        XCTAssertEqual(spec["securityContext"], .emptyObject)
        XCTAssertEqual(spec["enableServiceLinks"], true)
        XCTAssertEqual(spec["serviceAccountName"], "default")
        XCTAssertEqual(spec["serviceAccount"], "default")
        XCTAssertEqual(spec["priority"], 0)
        XCTAssertEqual(spec["preemptionPolicy"], "PreemptLowerPriority")
        XCTAssertEqual(spec["tolerations"]?.arrayValue?.compactMap { $0["key"]?.stringValue },
                       ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"])
        XCTAssertEqual(spec[path: "tolerations"]?[0]?["tolerationSeconds"], 300)
        let c0 = spec["containers"]![0]!, c1 = spec["containers"]![1]!
        XCTAssertEqual(c0["imagePullPolicy"], "Always")
        XCTAssertEqual(c1["imagePullPolicy"], "IfNotPresent")
        XCTAssertEqual(c0["terminationMessagePath"], "/dev/termination-log")
        XCTAssertEqual(c0["terminationMessagePolicy"], "File")
        XCTAssertEqual(c0[path: "ports"]?[0]?["protocol"], "TCP")
        XCTAssertEqual(c0["resources"], .emptyObject)
        XCTAssertEqual(c0["readinessProbe"], ["httpGet": ["port": 80, "path": "/", "scheme": "HTTP"], "timeoutSeconds": 1,
                                              "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3])
        XCTAssertEqual(c1[path: "resources", "limits"], ["cpu": "500m", "memory": "1Gi"])
        XCTAssertEqual(c1[path: "resources", "requests"], ["cpu": "500m", "memory": "1Gi"], "requests copied from limits")
        let volume = spec["volumes"]![0]!
        XCTAssertTrue(volume["name"]!.stringValue!.hasPrefix("kube-api-access-"))
        XCTAssertEqual(volume["name"]!.stringValue!.count, "kube-api-access-".count + 5)
        XCTAssertEqual(c0[path: "volumeMounts"]?[0]?["mountPath"], "/var/run/secrets/kubernetes.io/serviceaccount")
        XCTAssertEqual(pod[path: "status", "phase"], "Pending")
        XCTAssertEqual(pod[path: "status", "qosClass"], "Burstable")
    }

    func testImageTagsAndQoS() {
        for (image, tag) in [("nginx", "latest"), ("nginx:latest", "latest"), ("nginx:1.25", "1.25"), ("localhost:5000/app", "latest"),
                             ("gcr.io/p/app:v2", "v2"), ("nginx@sha256:abc", "")] {
            XCTAssertEqual(PodKindTestAccess.imageTag(image), tag, image)
        }
        let f = KindsFixture()
        let guaranteed = try? f.create(Sample.pod("g", containers: [["name": "a", "image": "nginx", "resources": ["limits": ["cpu": "1", "memory": "1Gi"]]]]))
        XCTAssertEqual(guaranteed?[path: "status", "qosClass"], "Guaranteed")
        let best = try? f.create(Sample.pod("b"))
        XCTAssertEqual(best?[path: "status", "qosClass"], "BestEffort")
    }

    func testPodValidationMessages() {
        let label1123 = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        let cases: [(Value, [String])] = [
            (Sample.pod(containers: []), ["spec.containers: Required value"]),
            (Sample.pod(containers: [["name": "web"]]), ["spec.containers[0].image: Required value"]),
            (Sample.pod(containers: [["name": "Web", "image": "nginx"]]), ["spec.containers[0].name: Invalid value: \"Web\": \(label1123)"]),
            (Sample.pod(containers: [["image": "nginx"]]), ["spec.containers[0].name: Required value"]),
            (Sample.pod(containers: [["name": "a", "image": "nginx"], ["name": "a", "image": "redis"]]),
             ["spec.containers[1].name: Duplicate value: \"a\""]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "ports": [["containerPort": 70000]]]]),
             ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "ports": [["containerPort": 80, "protocol": "HTTP"]]]]),
             ["spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "livenessProbe": ["httpGet": ["port": 80], "exec": ["command": ["true"]]]]]),
             ["spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "livenessProbe": ["periodSeconds": 5]]]),
             ["spec.containers[0].livenessProbe: Required value: must specify a handler type"]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "resources": ["requests": ["cpu": "2"], "limits": ["cpu": "1"]]]]),
             ["spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "volumeMounts": [["name": "data", "mountPath": "/data"]]]]),
             ["spec.containers[0].volumeMounts[0].name: Not found: \"data\""]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "env": [["value": "x"]]]]),
             ["spec.containers[0].env[0].name: Required value"]),
            (Sample.pod(containers: [["name": "a", "image": "nginx", "imagePullPolicy": "Sometimes"]]),
             ["spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""]),
        ]
        for (obj, want) in cases {
            XCTAssertEqual(KindsFixture().errors(obj), want, "\(obj)")
        }
        var restart = Sample.pod()
        restart[path: "spec", "restartPolicy"] = "Sometimes"
        XCTAssertEqual(KindsFixture().errors(restart),
                       ["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""])
        var vols = Sample.pod()
        vols[path: "spec", "volumes"] = [["name": "d", "emptyDir": [:]], ["name": "d", "configMap": ["name": "x"]]]
        XCTAssertEqual(KindsFixture().errors(vols), ["spec.volumes[1].name: Duplicate value: \"d\""])
        var badName = Sample.pod("Bad_Name")
        badName[path: "metadata", "labels"] = ["app": "bad value!"]
        XCTAssertEqual(KindsFixture().errors(badName).count, 2)
    }

    func testPodUpdatesOnlyImages() throws {
        let f = KindsFixture()
        try f.create(Sample.pod())
        XCTAssertEqual(f.updateErrors(f.type("Pod"), "web") { pod in
            var c = pod[path: "spec", "containers"]![0]!
            c["image"] = "nginx:1.26"
            pod[path: "spec", "containers"] = [c]
        }, [], "changing the image is allowed")
        let errs = f.updateErrors(f.type("Pod"), "web") { $0[path: "spec", "restartPolicy"] = "Never" }
        XCTAssertEqual(errs.count, 1)
        XCTAssertTrue(errs[0].hasPrefix("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"))
    }
}

/// Reaches internal helpers through their observable effect.
enum PodKindTestAccess {
    static func imageTag(_ image: String) -> String {
        let f = KindsFixture()
        guard let pod = try? f.create(Sample.pod(containers: [["name": "a", "image": .string(image)]])) else { return "?" }
        return pod[path: "spec", "containers"]?[0]?["imagePullPolicy"] == "Always" ? "latest" : (image.contains("@") ? "" : String(image.split(separator: ":").last ?? ""))
    }
}
