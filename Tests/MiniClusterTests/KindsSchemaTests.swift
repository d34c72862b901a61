import MiniCluster
import XCTest

final class KindsSchemaTests: XCTestCase {
    func testUnknownFields() {
        var d = Sample.deployment()
        d[path: "spec", "replica"] = 3
        d[path: "spec", "template", "spec", "containers"] = [["name": "web", "image": "nginx", "imagePullPolice": "Always"]]
        d[path: "metadata", "label"] = ["a": "b"]
        XCTAssertEqual(KindSchemas.unknownFields(d), ["metadata.label", "spec.replica", "spec.template.spec.containers[0].imagePullPolice"])
        XCTAssertEqual(KindSchemas.strictDecodingError(d)?.message,
                       "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"metadata.label\", unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagePullPolice\"")
        XCTAssertEqual(KindSchemas.strictDecodingError(d)?.reason, .badRequest)
        XCTAssertEqual(KindSchemas.unknownFields(Sample.pod()), [])
        XCTAssertNil(KindSchemas.strictDecodingError(Sample.pod()))
        let hpaV1: Value = ["apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "metadata": ["name": "h"],
                            "spec": ["scaleTargetRef": ["kind": "Deployment", "name": "web", "apiVersion": "apps/v1"], "maxReplicas": 5,
                                     "targetCPUUtilizationPercentage": 50]]
        XCTAssertEqual(KindSchemas.unknownFields(hpaV1), [])
        var hpaV2 = hpaV1
        hpaV2["apiVersion"] = "autoscaling/v2"
        XCTAssertEqual(KindSchemas.unknownFields(hpaV2), ["spec.targetCPUUtilizationPercentage"])
    }

    func testTypeErrors() {
        var d = Sample.deployment()
        d[path: "spec", "replicas"] = "3"
        XCTAssertEqual(KindSchemas.strictDecodingError(d)?.message,
                       "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")
        var p = Sample.pod(containers: [["name": "a", "image": "busybox", "args": ["sleep", 3600]]])
        XCTAssertEqual(KindSchemas.decodeError(p), "json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string")
        p = Sample.pod(containers: [["name": "a", "image": "busybox", "ports": [["containerPort": "80"]]]])
        XCTAssertEqual(KindSchemas.decodeError(p), "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32")
        p = Sample.pod(containers: [["name": "a", "image": "busybox", "resources": ["limits": ["memory": "1GB"]]]])
        XCTAssertEqual(KindSchemas.decodeError(p), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        p = Sample.pod()
        p[path: "metadata", "labels"] = ["app": 1]
        XCTAssertEqual(KindSchemas.decodeError(p), "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")
        p = Sample.pod()
        p[path: "spec", "containers"] = ["name": "a"]
        XCTAssertEqual(KindSchemas.decodeError(p), "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container")
        let secret: Value = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "data": ["k": "not base64!"]]
        XCTAssertEqual(KindSchemas.strictDecodingError(secret)?.message,
                       "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3")
    }

    func testEveryRootAndReferenceResolves() {
        for kind in Kinds.all {
            let obj: Value = ["apiVersion": .string(kind.type.apiVersion), "kind": .string(kind.type.kind), "metadata": ["name": "x"]]
            XCTAssertEqual(KindSchemas.unknownFields(obj), [], kind.type.kind)
            var bogus = obj
            bogus["bogus"] = 1
            XCTAssertEqual(KindSchemas.unknownFields(bogus), ["bogus"], "\(kind.type.group)/\(kind.type.kind) has a schema")
        }
    }
}
