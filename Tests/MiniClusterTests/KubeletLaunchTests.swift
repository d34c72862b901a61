@testable import MiniCluster
import XCTest

/// The environment and mounts a container is launched with.
final class KubeletLaunchTests: XCTestCase {
    typealias F = KubeletFixture

    func testEnvironmentExpansionValueFromAndServiceLinks() throws {
        let f = KubeletFixture()
        let svc = f.cluster.registry.lookup(kind: "Service")!
        try f.api.create(svc, ["metadata": ["name": "nginx-service"], "spec": ["selector": ["app": "x"],
                               "ports": [["name": "http", "port": 80, "targetPort": 80]]]], namespace: "default")
        let cm = f.cluster.registry.lookup(kind: "ConfigMap")!
        try f.api.create(cm, ["metadata": ["name": "special-config"], "data": ["special.how": "very"]], namespace: "default")
        let env: Value = [
            ["name": "GREETING", "value": "Warm greetings to"],
            ["name": "NAME", "value": "Kubernetes"],
            ["name": "MESSAGE", "value": "$(GREETING) $(NAME) $(UNKNOWN) $$(NAME)"],
            ["name": "HOW", "valueFrom": ["configMapKeyRef": ["name": "special-config", "key": "special.how"]]],
            ["name": "MY_POD", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
            ["name": "MY_IP", "valueFrom": ["fieldRef": ["fieldPath": "status.podIP"]]],
            ["name": "CPU", "valueFrom": ["resourceFieldRef": ["resource": "limits.memory", "divisor": "1Mi"]]],
        ]
        try f.pod("envar-demo", F.containers(F.c("app", "nginx", ["env": env, "command": ["echo", "$(MESSAGE)"],
                                                                  "resources": ["limits": ["memory": "64Mi"]]])))
        f.advance(10)
        let launch = try XCTUnwrap(f.runtime.started.first?.launch)
        let vars = Dictionary(launch.environment.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(vars["MESSAGE"], "Warm greetings to Kubernetes $(UNKNOWN) $(NAME)")
        XCTAssertEqual(vars["HOW"], "very")
        XCTAssertEqual(vars["MY_POD"], "envar-demo")
        XCTAssertEqual(vars["MY_IP"], "10.8.0.2")
        XCTAssertEqual(vars["CPU"], "64")
        XCTAssertEqual(vars["HOSTNAME"], "envar-demo")
        let svcIP = try f.api.get(svc, namespace: "default", name: "nginx-service")[path: "spec", "clusterIP"]?.stringValue
        XCTAssertEqual(vars["NGINX_SERVICE_SERVICE_HOST"], svcIP)
        XCTAssertEqual(vars["NGINX_SERVICE_SERVICE_PORT_HTTP"], "80")
        XCTAssertEqual(vars["NGINX_SERVICE_PORT_80_TCP"], "tcp://\(svcIP ?? ""):80")
        XCTAssertEqual(vars["KUBERNETES_SERVICE_PORT"], "443")
        XCTAssertEqual(vars["KUBERNETES_PORT_443_TCP_PROTO"], "tcp")
        XCTAssertEqual(launch.container["command"], ["echo", "Warm greetings to Kubernetes $(UNKNOWN) $(NAME)"])
        XCTAssertEqual(launch.environment.first?.name, "HOSTNAME")
        let token = try XCTUnwrap(launch.mounts.first { $0.mountPath == "/var/run/secrets/kubernetes.io/serviceaccount" })
        XCTAssertEqual(token.directory.files["namespace"], "default")
        XCTAssertEqual(token.directory.files["token"]?.split(separator: ".").count, 3)
        XCTAssertTrue(token.readOnly)
    }

    func testMissingConfigMapIsCreateContainerConfigErrorUntilItExists() throws {
        let f = KubeletFixture()
        let env: Value = [["name": "LEVEL", "valueFrom": ["configMapKeyRef": ["name": "special-config", "key": "level"]]]]
        try f.pod("cfg", F.containers(F.c("app", "nginx", ["env": env, "imagePullPolicy": "IfNotPresent"])))
        f.advance(8)
        XCTAssertEqual(f.summary("cfg"), "0/1 CreateContainerConfigError 0")
        let cs = f.get("cfg")?[path: "status", "containerStatuses"]?[0]
        XCTAssertEqual(cs?[path: "state", "waiting", "message"], "configmap \"special-config\" not found")
        XCTAssertEqual(f.events("cfg").last, "Failed: Error: configmap \"special-config\" not found")
        let cm = f.cluster.registry.lookup(kind: "ConfigMap")!
        try f.api.create(cm, ["metadata": ["name": "special-config"], "data": ["other": "x"]], namespace: "default")
        f.cluster.settle()
        XCTAssertEqual(f.get("cfg")?[path: "status", "containerStatuses"]?[0]?[path: "state", "waiting", "message"],
                       "couldn't find key level in ConfigMap default/special-config")
        var obj = try f.api.get(cm, namespace: "default", name: "special-config")
        obj["data"] = ["level": "3"]
        try f.api.update(cm, obj, namespace: "default")
        f.cluster.settle()
        XCTAssertEqual(f.summary("cfg"), "1/1 Running 0")
    }

    func testVolumesEmptyDirSharedConfigMapFilesAndMissingVolume() throws {
        let f = KubeletFixture()
        let cm = f.cluster.registry.lookup(kind: "ConfigMap")!
        try f.api.create(cm, ["metadata": ["name": "game"], "data": ["a.properties": "x=1", "b": "2"]], namespace: "default")
        let volumes: Value = [["name": "shared", "emptyDir": [:]],
                              ["name": "cfg", "configMap": ["name": "game", "items": [["key": "b", "path": "dir/b.txt"]]]],
                              ["name": "labels", "downwardAPI": ["items": [["path": "labels", "fieldRef": ["fieldPath": "metadata.labels"]]]]]]
        let m1: Value = [["name": "shared", "mountPath": "/data"], ["name": "cfg", "mountPath": "/etc/cfg"], ["name": "labels", "mountPath": "/etc/podinfo"]]
        let m2: Value = [["name": "shared", "mountPath": "/usr/share/nginx/html"]]
        var spec: Value = ["volumes": volumes, "containers": [F.c("a", "nginx", ["volumeMounts": m1]), F.c("b", "nginx", ["volumeMounts": m2])]]
        try f.api.create(f.podType, ["metadata": ["name": "vol", "labels": ["app": "web", "tier": "fe"]],
                                     "spec": spec.merging(nodeName: F.node)], namespace: "default")
        f.advance(15)  // two pulls one after the other (imagePullPolicy Always)
        XCTAssertEqual(f.summary("vol"), "2/2 Running 0")
        let a = try XCTUnwrap(f.runtime.started.first { $0.launch.container["name"] == "a" }?.launch)
        let b = try XCTUnwrap(f.runtime.started.first { $0.launch.container["name"] == "b" }?.launch)
        XCTAssertTrue(a.mounts[0].directory === b.mounts[0].directory)
        XCTAssertEqual(a.mounts[1].directory.files, ["dir/b.txt": "2"])
        XCTAssertEqual(a.mounts[2].directory.files["labels"], "app=\"web\"\ntier=\"fe\"")

        spec["volumes"] = [["name": "cfg", "configMap": ["name": "missing"]]]
        spec["containers"] = [F.c("a", "nginx", ["volumeMounts": [["name": "cfg", "mountPath": "/etc/cfg"]]])]
        try f.api.create(f.podType, ["metadata": ["name": "nomount"], "spec": spec.merging(nodeName: F.node)], namespace: "default")
        f.advance(10)
        XCTAssertEqual(f.summary("nomount"), "0/1 ContainerCreating 0")
        XCTAssertEqual(f.events("nomount"), ["FailedMount: MountVolume.SetUp failed for volume \"cfg\" : configmap \"missing\" not found"])
        try f.api.create(cm, ["metadata": ["name": "missing"], "data": ["k": "v"]], namespace: "default")
        f.advance(10)
        XCTAssertEqual(f.summary("nomount"), "1/1 Running 0")
    }

    /// A pod deleted while its volumes cannot be mounted (a missing ConfigMap, or a namespace being emptied, which
    /// takes kube-root-ca.crt first) needs no mounts to be torn down: it leaves, rather than staying Terminating.
    func testPodDeletedWhileItsVolumesCannotMountGoes() throws {
        let f = KubeletFixture()
        let spec: Value = ["volumes": [["name": "cfg", "configMap": ["name": "missing"]]],
                           "containers": [F.c("a", "nginx", ["volumeMounts": [["name": "cfg", "mountPath": "/etc/cfg"]]])]]
        try f.api.create(f.podType, ["metadata": ["name": "stuck"], "spec": spec.merging(nodeName: F.node)], namespace: "default")
        f.advance(5)
        XCTAssertEqual(f.summary("stuck"), "0/1 ContainerCreating 0")
        _ = try f.api.delete(f.podType, namespace: "default", name: "stuck")
        f.advance(5)
        XCTAssertNil(f.cluster.api.store.get(f.podType, ObjectKey(namespace: "default", name: "stuck"))?.metadataName)
    }

    func testGoDurationsAndImageIdentifiers() {
        let cases: [(Int64, String)] = [(0, "0s"), (512, "512ms"), (5123, "5.123s"), (5100, "5.1s"), (5000, "5s"),
                                        (62_500, "1m2.5s"), (3_600_000, "1h0m0s")]
        for (ms, text) in cases { XCTAssertEqual(KubeletText.goDuration(.milliseconds(ms)), text) }
        XCTAssertEqual(KubeletText.canonicalImage("nginx"), "docker.io/library/nginx:latest")
        XCTAssertEqual(KubeletText.canonicalImage("nginx:1.25"), "docker.io/library/nginx:1.25")
        XCTAssertEqual(KubeletText.canonicalImage("bitnami/redis"), "docker.io/bitnami/redis:latest")
        XCTAssertEqual(KubeletText.canonicalImage("gcr.io/google-samples/hello-app:1.0"), "gcr.io/google-samples/hello-app:1.0")
        XCTAssertEqual(KubeletText.canonicalImage("localhost:5000/app"), "localhost:5000/app:latest")
        XCTAssertTrue(KubeletText.imageID("nginx:1.25").hasPrefix("docker.io/library/nginx@sha256:"))
        XCTAssertEqual(KubeletText.imageID("nginx").count, "docker.io/library/nginx@sha256:".count + 64)
    }

    func testBackoffTable() {
        var b = Backoff()
        let t0 = Timestamp(seconds: 1000)
        XCTAssertFalse(b.inBackOff(since: t0))
        var delays: [Int64] = []
        var t = t0
        for _ in 0..<8 { b.next(at: t); delays.append(b.delay!.ms / 1000); t = t + b.delay! }
        XCTAssertEqual(delays, [10, 20, 40, 80, 160, 300, 300, 300])
        XCTAssertTrue(b.inBackOff(since: t + .seconds(-1)))
        // Ten quiet minutes forget the back-off.
        let later = t + .seconds(601)
        XCTAssertFalse(b.inBackOff(since: later))
        b.next(at: later)
        XCTAssertEqual(b.delay, .seconds(10))
    }

    func testPodIPAllocation() {
        let ipam = PodIPAM()
        XCTAssertEqual(ipam.allocate(node: "n1", podCIDR: "10.8.2.0/24"), "10.8.2.2")
        XCTAssertEqual(ipam.allocate(node: "n1", podCIDR: "10.8.2.0/24"), "10.8.2.3")
        ipam.release(node: "n1", ip: "10.8.2.2")
        XCTAssertEqual(ipam.allocate(node: "n1", podCIDR: "10.8.2.0/24"), "10.8.2.4")
        XCTAssertEqual(ipam.allocate(node: "a", podCIDR: nil), "10.8.0.2")
        XCTAssertEqual(ipam.allocate(node: "b", podCIDR: nil), "10.8.1.2")
    }
}

extension Value {
    /// The same pod spec bound to `nodeName`.
    func merging(nodeName: String) -> Value {
        var v = self
        v["nodeName"] = .string(nodeName)
        return v
    }
}
