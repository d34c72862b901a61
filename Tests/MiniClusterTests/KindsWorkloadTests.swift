import MiniCluster
import XCTest

final class KindsWorkloadTests: XCTestCase {
    let mismatch = "`selector` does not match template `labels`"

    func testDeploymentDefaults() throws {
        let d = try KindsFixture().create(Sample.deployment())
        XCTAssertEqual(d[path: "spec", "replicas"], 1)
        XCTAssertEqual(d[path: "spec", "strategy"], ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]])
        XCTAssertEqual(d[path: "spec", "revisionHistoryLimit"], 10)
        XCTAssertEqual(d[path: "spec", "progressDeadlineSeconds"], 600)
        XCTAssertEqual(d[path: "spec", "template", "spec", "restartPolicy"], "Always")
        XCTAssertEqual(d[path: "spec", "template", "spec", "containers"]?[0]?["imagePullPolicy"], "IfNotPresent")
        XCTAssertNil(d[path: "spec", "template", "spec", "enableServiceLinks"], "Pod-only default")
        XCTAssertNil(d[path: "spec", "template", "spec", "tolerations"], "admission defaults are Pod-only")
        XCTAssertEqual(d[path: "metadata", "generation"], 1)
        var recreate = Sample.deployment("r")
        recreate[path: "spec", "strategy"] = ["type": "Recreate"]
        XCTAssertEqual(try KindsFixture().create(recreate)[path: "spec", "strategy"], ["type": "Recreate"])
    }

    func testDeploymentValidation() {
        let cases: [(Value, [String])] = [
            (Sample.deployment(selector: nil),
             ["spec.selector: Required value", "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: \(mismatch)"]),
            (Sample.deployment(labels: ["app": "x"]),
             ["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: \(mismatch)"]),
            (Sample.deployment(podSpec: ["containers": [["name": "web", "image": "nginx"]], "restartPolicy": "Never"]),
             ["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""]),
            (Sample.deployment(podSpec: ["containers": []]), ["spec.template.spec.containers: Required value"]),
            (Sample.deployment(selector: ["matchLabels": [:]]),
             ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"]),
        ]
        for (obj, want) in cases { XCTAssertEqual(KindsFixture().errors(obj), want, "\(obj)") }
        var negative = Sample.deployment()
        negative[path: "spec", "replicas"] = -1
        XCTAssertEqual(KindsFixture().errors(negative), ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"])
        var zero = Sample.deployment()
        zero[path: "spec", "strategy"] = ["rollingUpdate": ["maxSurge": 0, "maxUnavailable": 0]]
        XCTAssertEqual(KindsFixture().errors(zero),
                       ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"])
        var recreate = Sample.deployment()
        recreate[path: "spec", "strategy"] = ["type": "Recreate", "rollingUpdate": ["maxSurge": 1]]
        XCTAssertEqual(KindsFixture().errors(recreate),
                       ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"])
    }

    func testSelectorIsImmutable() throws {
        let f = KindsFixture()
        try f.create(Sample.deployment())
        let errs = f.updateErrors(f.type("Deployment", group: "apps"), "web") { d in
            d[path: "spec", "selector"] = ["matchLabels": ["app": "web2"]]
            d[path: "spec", "template", "metadata", "labels"] = ["app": "web2"]
        }
        XCTAssertEqual(errs, ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"])
        XCTAssertEqual(f.updateErrors(f.type("Deployment", group: "apps"), "web") { $0[path: "spec", "replicas"] = 3 }, [])
        XCTAssertEqual(try f.api.get(f.type("Deployment", group: "apps"), namespace: "default", name: "web")[path: "metadata", "generation"], 2)
    }

    func testOtherWorkloadDefaults() throws {
        func workload(_ kind: String) -> Value {
            var d = Sample.deployment("w")
            d["kind"] = .string(kind)
            return d
        }
        let f = KindsFixture()
        let rs = try f.create(workload("ReplicaSet"))
        XCTAssertEqual(rs[path: "spec", "replicas"], 1)
        var stsIn = workload("StatefulSet")
        stsIn[path: "spec", "volumeClaimTemplates"] = [["metadata": ["name": "data"], "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]]]]
        let sts = try f.create(stsIn)
        XCTAssertEqual(sts[path: "spec", "podManagementPolicy"], "OrderedReady")
        XCTAssertEqual(sts[path: "spec", "updateStrategy"], ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]])
        XCTAssertEqual(sts[path: "spec", "persistentVolumeClaimRetentionPolicy"], ["whenDeleted": "Retain", "whenScaled": "Retain"])
        XCTAssertEqual(sts[path: "spec", "volumeClaimTemplates"]?[0]?[path: "spec", "volumeMode"], "Filesystem")
        let ds = try f.create(workload("DaemonSet"))
        XCTAssertEqual(ds[path: "spec", "updateStrategy"], ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])
        XCTAssertEqual(ds[path: "spec", "revisionHistoryLimit"], 10)
        XCTAssertEqual(f.updateErrors(f.type("StatefulSet", group: "apps"), "w") { $0[path: "spec", "serviceName"] = "other" },
                       ["spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"])
    }

    func testJobSelectorAndValidation() throws {
        let f = KindsFixture()
        let job = try f.create(["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "pi"],
                                "spec": ["template": ["spec": ["containers": [["name": "pi", "image": "perl"]], "restartPolicy": "Never"]]]])
        let uid = job.uid
        XCTAssertFalse(uid.isEmpty)
        XCTAssertEqual(job[path: "spec", "selector"], ["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]])
        XCTAssertEqual(job[path: "spec", "template", "metadata", "labels", "job-name"], "pi")
        XCTAssertEqual(job[path: "metadata", "labels", "batch.kubernetes.io/job-name"], "pi")
        for (k, v) in [("completions", Value.int(1)), ("parallelism", 1), ("backoffLimit", 6), ("completionMode", "NonIndexed"),
                       ("suspend", false), ("podReplacementPolicy", "TerminatingOrFailed"), ("manualSelector", false)] {
            XCTAssertEqual(job[path: "spec", k], v, k)
        }
        let always: Value = ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "bad"],
                             "spec": ["template": ["spec": ["containers": [["name": "a", "image": "busybox"]]]]]]
        XCTAssertEqual(f.errors(always), ["spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""])
        var sometimes = always
        sometimes[path: "spec", "template", "spec", "restartPolicy"] = "Sometimes"
        XCTAssertEqual(f.errors(sometimes), [
            "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\"",
        ])
        let cron: Value = ["apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": "c"],
                           "spec": ["schedule": "*/5 * * *", "jobTemplate": ["spec": ["template": ["spec": [
                               "containers": [["name": "a", "image": "busybox"]], "restartPolicy": "OnFailure"]]]]]]
        XCTAssertEqual(f.errors(cron), ["spec.schedule: Invalid value: \"*/5 * * *\": expected exactly 5 fields, found 4: [*/5 * * *]"])
        var good = cron
        good[path: "spec", "schedule"] = "*/1 * * * *"
        let stored = try f.create(good)
        XCTAssertEqual(stored[path: "spec", "concurrencyPolicy"], "Allow")
        XCTAssertEqual(stored[path: "spec", "successfulJobsHistoryLimit"], 3)
        XCTAssertEqual(stored[path: "spec", "failedJobsHistoryLimit"], 1)
        XCTAssertEqual(stored[path: "spec", "suspend"], false)
    }
}
