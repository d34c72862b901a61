@testable import MiniCluster
import XCTest

/// Faster paths on the kubelet side must answer exactly as the slower ones they replaced.
final class NodePathEquivalenceTests: XCTestCase {
    /// The uuid formatting as it was (through per-byte Strings), kept to compare against.
    private func referenceUUID(_ r: inout SeededRandom) -> String {
        let a = r.next(), b = r.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 { bytes[i] = UInt8((a >> (8 * UInt64(i))) & 0xff); bytes[8 + i] = UInt8((b >> (8 * UInt64(i))) & 0xff) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String($0, radix: 16).leftPadded(2) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    func testUUIDsMatchTheReferenceFormattingAndSequence() {
        for seed in [0, 1, 42, 7_777, UInt64.max] as [UInt64] {
            var fast = SeededRandom(seed: seed), slow = SeededRandom(seed: seed)
            for i in 0..<3_000 {
                let u = fast.uuid()
                XCTAssertEqual(u, referenceUUID(&slow), "seed \(seed), draw \(i)")
                if i == 0 { XCTAssertEqual(u.count, 36) }
            }
            XCTAssertEqual(fast.next(), slow.next(), "the same numbers drawn")
        }
    }

    private func describe(_ r: Result<ResolvedImage, ImagePullError>) -> String {
        switch r {
        case .success(let i):
            return "ok \(i.reference) \(i.image.repository) \(i.image.program) \(i.image.entrypoint) \(i.image.cmd) \(i.tag) \(i.digest)"
        case .failure(let e): return "fail \(e)"
        }
    }

    private let names = ["nginx", "nginx:1.25", "nginx:1.25", "Nginx", "nginx:nope", "nginxx", "k8s.gcr.io/busybox",
                         "registry.k8s.io/e2e-test-images/agnhost:2.39", "busybox:1.36", "redis", "",
                         "us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0", "gcr.io/google-samples/hello-app:1.0",
                         "nginx@" + ImageCatalog.digest("docker.io/library/nginx", "1.25"), "nginx@sha256:" + String(repeating: "0", count: 64),
                         "localhost:5000/app", "myrepo/app:v1"]

    func testResolveAnswersAsWorkedOutAfresh() {
        let c = ImageCatalog()
        for _ in 0..<2 {
            for n in names { XCTAssertEqual(describe(c.resolve(n)), describe(c.resolveUncached(n)), n) }
        }
    }

    func testResolveForgetsWhenTheCatalogChanges() {
        let c = ImageCatalog()
        let base = c.repository(of: try! ImageReference.parse("nginx").get())!
        XCTAssertNotNil(c.resolve("myrepo/app:v1").failureMessage)
        XCTAssertNotNil(c.resolve("nginx:9.9").failureMessage)
        c.push(repository: "docker.io/myrepo/app", tag: "v1", version: "1.0", size: 1234, like: base)
        c.push(repository: "docker.io/library/nginx", tag: "9.9", version: "9.9.0", size: 99, like: base)
        XCTAssertNil(c.resolve("myrepo/app:v1").failureMessage)
        XCTAssertEqual(try c.resolve("nginx:9.9").get().tag.version, "9.9.0")
        _ = c.resolve("redis:7.2")
        var other = base
        other.repository = "docker.io/library/redis"
        other.tags = ["7": ImageTag(version: "7.0", size: 1)]
        c.register(other)
        XCTAssertNotNil(c.resolve("redis:7.2").failureMessage)
        for n in names + ["myrepo/app:v1", "nginx:9.9", "redis:7"] {
            XCTAssertEqual(describe(c.resolve(n)), describe(c.resolveUncached(n)), n)
        }
    }

    /// A container's directories come from its image's layout (worked out once per image, with the kubelet's files)
    /// and the mounts: the same set as working them all out from the container's files; its files are the image's
    /// with the kubelet's over them.
    func testContainerDirectoriesMatchThoseWorkedOutFromItsFiles() {
        let h = RuntimeHarness()
        let mount = VolumeMount(name: "data", mountPath: "/data/deep/dir", readOnly: false, directory: VolumeDirectory())
        var checked = 0
        for img in ImageCatalog.builtin {
            for tag in img.tags.keys.sorted() {
                let name = img.repository + ":" + tag
                guard case .success(let r) = h.runtime.catalog.resolve(name) else { XCTFail(name); continue }
                for mounts in [[], [mount]] {
                    let ctx = ContainerContext(launch: h.launch(image: name, mounts: mounts), image: r, now: h.t0,
                                               baselineMemory: 0, idleCPU: 0, commandLine: "x")
                    XCTAssertEqual(ctx.fs.imageDirs, ContainerFilesystem(imageFiles: ctx.fs.imageFiles, mounts: ctx.fs.mounts).imageDirs, name)
                    // The files: the kubelet's merged over the image's, as they were built before the image's were
                    // copied and the kubelet's put in.
                    var files = DistroFiles.kubeletFiles(podName: "web-0", namespace: "default", podIP: "10.8.0.12",
                                                         hostname: "web-0", subdomain: nil)
                    files.merge(r.image.files) { a, _ in a }
                    if r.image.program == .nginx, ContainerContext.isOldNginx(r.tag.version) {
                        files["/usr/share/nginx/html/index.html"] = NginxFiles.oldWelcome
                    }
                    XCTAssertEqual(ctx.fs.imageFiles, files, name)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 40)
        // nginx before 1.19 gets the old welcome page put in; a changed image (docker build) gets a new layout.
        var img = ImageCatalog.builtin.first { $0.program == .nginx }!
        _ = img.layout.directories(of: img.files)
        img.files["/srv/app/static/site.css"] = "body {}"
        XCTAssertTrue(img.layout.directories(of: img.files).contains("/srv/app/static"))
    }

    /// Events are built key by key now; they must be the objects the literals built, key order included.
    func testEventsAreTheObjectsTheLiteralsBuilt() throws {
        let cluster = Cluster(options: .sandbox)
        let rec = EventRecorder(api: cluster.api)
        let cm = cluster.registry.lookup(kind: "ConfigMap")!
        let obj = try cluster.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"]], namespace: "default")
        let node = try XCTUnwrap(cluster.api.list(cluster.registry.lookup(kind: "Node")!, namespace: nil).first)
        let cases: [(Value, String, String?, String?)] = [
            (obj, "Warning", "n1", "spec.containers{web}"), (obj, "Normal", nil, nil), (node, "Normal", node.metadataName, nil),
        ]
        let evType = cluster.registry.lookup(kind: "Event")!
        for (i, (o, type, host, fieldPath)) in cases.enumerated() {
            let reason = "Reason\(i)", message = "message \(i)", component = "kubelet"
            rec.record(o, type: type, reason: reason, message: message, component: component, host: host, fieldPath: fieldPath)
            let stored = try XCTUnwrap(cluster.api.list(evType, namespace: nil).first { $0["reason"]?.stringValue == reason })
            let objectNamespace = o.metadataNamespace ?? ""
            let now = cluster.clock.now.rfc3339
            var involved: Value = [
                "apiVersion": .string(o.apiVersion), "kind": .string(o.kind),
                "name": .string(o.metadataName), "uid": .string(o.uid),
            ]
            if !objectNamespace.isEmpty { involved["namespace"] = .string(objectNamespace) }
            if let rv = o[path: "metadata", "resourceVersion"] { involved["resourceVersion"] = rv }
            if let fieldPath { involved["fieldPath"] = .string(fieldPath) }
            var source: Value = ["component": .string(component)]
            if let host { source["host"] = .string(host) }
            let want: Value = [
                "apiVersion": "v1", "kind": "Event",
                "metadata": ["name": stored["metadata"]!["name"]!, "namespace": .string(objectNamespace.isEmpty ? "default" : objectNamespace)],
                "involvedObject": involved,
                "reason": .string(reason), "message": .string(message), "source": source,
                "firstTimestamp": .string(now), "lastTimestamp": .string(now), "count": 1, "type": .string(type),
                "eventTime": nil, "reportingComponent": .string(component), "reportingInstance": .string(host ?? ""),
            ]
            var got = stored, expected = want
            XCTAssertEqual(got["metadata"]?["namespace"], expected["metadata"]?["namespace"])
            got["metadata"] = nil
            expected["metadata"] = nil
            XCTAssertEqual(got, expected, "case \(i)")
            XCTAssertEqual(got.objectValue.map { Array($0.keys) }, expected.objectValue.map { Array($0.keys) })
        }
    }

    /// hex64 writes its digits directly; the same text as padding each number's radix-16 String.
    func testHex64MatchesPaddedRadixStrings() {
        for seed in ["", "a", "kubetutor", "uid-1/web/0", "gke-kubetutor-default-pool-1a2b3c4d-x9z8", String(repeating: "é", count: 40)] + (0..<2_000).map({ "pod-\($0)/c/\($0 % 3)" }) {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in seed.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            var rng = SeededRandom(seed: h)
            let want = (0..<4).map { _ in String(rng.next(), radix: 16).leftPadded(16) }.joined()
            XCTAssertEqual(KubeletText.hex64(seed), want, seed)
        }
    }

    /// The kubelet's service variables memo answers as working them out afresh, through creates, updates and
    /// deletes of Services in the pod's namespace and elsewhere, with and without enableServiceLinks.
    func testServiceVariablesMemoFollowsServiceChanges() throws {
        let cluster = Cluster(options: .sandbox)
        let svcType = cluster.registry.lookup(kind: "Service")!
        let nsType = cluster.registry.lookup(kind: "Namespace")!
        _ = try cluster.api.create(nsType, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop"]], namespace: nil)
        func pod(_ ns: String, links: Bool?) -> Value {
            var spec: Value = ["containers": [["name": "c", "image": "nginx", "env": [["name": "A", "value": "$(KUBERNETES_SERVICE_HOST)"]]]]]
            if let links { spec["enableServiceLinks"] = .bool(links) }
            return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": .string(ns), "uid": "u"], "spec": spec]
        }
        func service(_ name: String, port: Int, portName: String? = nil) -> Value {
            var p: Value = ["port": .int(port), "protocol": "TCP"]
            if let portName { p["name"] = .string(portName) }
            return ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)], "spec": ["ports": [p]]]
        }
        let memo = cluster.kubelets.serviceVariables
        var compared = 0
        func check(_ step: String) throws {
            for ns in ["default", "shop"] {
                for links in [nil, true, false] as [Bool?] {
                    let p = pod(ns, links: links)
                    let container = p[path: "spec", "containers"]!.arrayValue![0]
                    let plain = EnvironmentResolver(api: cluster.api, pod: p, container: container, podIP: "10.8.0.9", hostIP: "10.128.0.2")
                    var remembered = plain
                    remembered.services = memo
                    for _ in 0..<2 {
                        let a = try remembered.resolve(), b = try plain.resolve()
                        XCTAssertEqual(a.map { "\($0.name)=\($0.value)" }, b.map { "\($0.name)=\($0.value)" }, "\(step) \(ns) \(String(describing: links))")
                        compared += 1
                    }
                }
            }
        }
        try check("start")
        _ = try cluster.api.create(svcType, service("web", port: 80), namespace: "default")
        try check("web created")
        _ = try cluster.api.create(svcType, service("cart-api", port: 8080, portName: "http"), namespace: "shop")
        try check("cart-api created")
        var web = try cluster.api.get(svcType, namespace: "default", name: "web")
        web[path: "spec", "ports"] = [["port": 81, "protocol": "TCP", "name": "alt"]]
        _ = try cluster.api.update(svcType, web, namespace: "default")
        try check("web updated")
        _ = try cluster.api.delete(svcType, namespace: "shop", name: "cart-api")
        cluster.settle()
        try check("cart-api deleted")
        XCTAssertEqual(compared, 60)
        let shopVars = try EnvironmentResolver(api: cluster.api, pod: pod("default", links: nil), container: .emptyObject, podIP: "", hostIP: "",
                                               services: memo).resolve().map(\.name)
        XCTAssertTrue(shopVars.contains("WEB_SERVICE_PORT_ALT"), "\(shopVars)")
    }
    // MARK: the kubelet's own status writes

    /// A status write the kubelet made comes back as a MODIFIED pod event; the sync it queues must not fetch the
    /// pod and its node again (the worker wrote that object), while any other change of the pod still makes it.
    func testOwnStatusWritesAreNotSyncedAgain() throws {
        typealias F = KubeletFixture
        let f = KubeletFixture()
        var writes = 0
        let podType = f.podType
        f.api.store.observe { e in
            if e.resource == podType, e.type == .modified, e.object.metadataName == "web" { writes += 1 }
        }
        let before = f.cluster.kubelets.fullSyncCount
        try f.pod("web", F.containers(F.c("nginx", "nginx")))
        f.advance(10)
        XCTAssertEqual(f.summary("web"), "1/1 Running 0")
        XCTAssertGreaterThanOrEqual(writes, 2, "pending, running")
        XCTAssertEqual(f.cluster.kubelets.fullSyncCount - before, 1, "only the pod's creation is synced, none of the \(writes) status writes")

        // Someone else's write (a label) is synced, and the status the kubelet writes next still goes out.
        var pod = try XCTUnwrap(f.get("web"))
        pod[path: "metadata", "labels", "tier"] = "front"
        _ = try f.api.update(podType, pod, namespace: "default")
        f.cluster.settle()
        XCTAssertEqual(f.cluster.kubelets.fullSyncCount - before, 2)
        // An image change still reaches the worker: the container restarts from the new image.
        f.runtime.images["nginx:2"] = FakeRuntime.Image()
        pod = try XCTUnwrap(f.get("web"))
        var containers = try XCTUnwrap(pod[path: "spec", "containers"]?.arrayValue)
        containers[0]["image"] = "nginx:2"
        pod[path: "spec", "containers"] = .array(containers)
        _ = try f.api.update(podType, pod, namespace: "default")
        f.advance(10)
        XCTAssertEqual(f.summary("web"), "1/1 Running 1 (10s ago)")
        XCTAssertEqual(f.get("web")?[path: "status", "containerStatuses"]?[0]?["image"], "docker.io/library/nginx:2")
        XCTAssertTrue(f.events("web").contains("Killing: Container nginx definition changed, will be restarted"))
    }

    /// A random volume of the kinds whose files the kubelet builds, over ConfigMaps and Secrets of which some exist.
    private func randomVolume(_ g: inout SeededRandom) -> Value {
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        func items() -> Value? { pick([nil, [["key": "a", "path": "token"]], [["key": "b", "path": "x/y"], ["key": "a", "path": "b"]]]) }
        func ref(_ nameKey: String) -> Value {
            var r: Value = [nameKey: .string(pick(["cm1", "cm2", "gone", "s1", "nope"]))]
            if g.next() % 3 == 0 { r["optional"] = .bool(g.next() % 2 == 0) }
            if let i = items() { r["items"] = i }
            return r
        }
        func downward() -> Value {
            ["items": [["path": pick(["token", "name", "ns"]), "fieldRef": ["fieldPath": .string(pick(["metadata.name", "metadata.namespace"]))]]]]
        }
        switch g.next() % 4 {
        case 0: return ["name": "v", "configMap": ref("name")]
        case 1: return ["name": "v", "secret": ref("secretName")]
        case 2: return ["name": "v", "downwardAPI": downward()]
        default:
            var sources: [Value] = []
            for _ in 0..<(1 + Int(g.next() % 4)) {
                switch g.next() % 4 {
                case 0: sources.append(["serviceAccountToken": g.next() % 2 == 0 ? ["path": "token"] : ["path": .string(pick(["t2", "a", "b"]))]])
                case 1: sources.append(["configMap": ref("name")])
                case 2: sources.append(["secret": ref("name")])
                default: sources.append(["downwardAPI": downward()])
                }
            }
            return ["name": "v", "projected": ["sources": .array(sources)]]
        }
    }

    /// Mount errors are found without building files, as building them found them; a volume's directory with its
    /// token worked out when first read holds the files built at once (tokens included, also where a later source
    /// writes the token's path), and reading it does not count as a change.
    func testVolumeShortcutsMatchBuildingTheFiles() throws {
        let f = KubeletFixture()
        let cm = f.cluster.registry.lookup(kind: "ConfigMap")!, secret = f.cluster.registry.lookup(kind: "Secret")!
        try f.api.create(cm, ["metadata": ["name": "cm1"], "data": ["a": "1", "token": "cm-token"]], namespace: "default")
        try f.api.create(cm, ["metadata": ["name": "cm2"], "data": ["b": "2"]], namespace: "default")
        try f.api.create(secret, ["metadata": ["name": "s1"], "data": ["a": "MQ==", "b": "Mg=="]], namespace: "default")
        let pod: Value = ["metadata": ["name": "p", "namespace": "default", "uid": "u-1", "creationTimestamp": "2024-05-01T10:00:00Z"],
                          "spec": ["serviceAccountName": "builder"]]
        let env = EnvironmentResolver(api: f.api, pod: pod, container: .emptyObject, podIP: "10.8.0.2", hostIP: "10.128.0.3")
        let r = VolumeResolver(api: f.api, pod: pod, env: env, clusterName: "c1")
        var g = SeededRandom(seed: 11)
        var failed = 0, tokens = 0
        for i in 0..<600 {
            let v = randomVolume(&g)
            var expected: String?
            do { _ = try r.files(of: v, withTokens: false) } catch let e as ConfigError { expected = e.message }
            XCTAssertEqual(MountCheck(api: f.api, namespace: "default").missingSource(v), expected, "\(i): \(v)")
            guard expected == nil else { failed += 1; continue }
            let eager = try r.files(of: v)
            let dir = try r.directory(of: v)
            XCTAssertEqual(dir.files, eager, "\(i): \(v)")
            XCTAssertEqual(dir.generation, 0)
            if eager.values.contains(r.token()) { tokens += 1 }
        }
        XCTAssertGreaterThan(failed, 50)
        XCTAssertGreaterThan(tokens, 20)
        let podVolume: Value = ["spec": ["volumes": [["name": "ok", "configMap": ["name": "cm1"]], ["name": "bad", "secret": ["secretName": "gone"]]]]]
        XCTAssertEqual(MountCheck(api: f.api, namespace: "default").mountError(podVolume[path: "spec", "volumes"]?.arrayValue ?? []),
                       "MountVolume.SetUp failed for volume \"bad\" : secret \"gone\" not found")
    }

    /// `parents(of:)` scans bytes; it answers as splitting by Character did, for any path.
    func testParentsMatchSplittingByCharacter() {
        func reference(_ path: String) -> [String] {
            var out = ["/"]
            var acc = ""
            let comps = path.split(separator: "/")
            for c in comps.dropLast() { acc += "/" + c; out.append(acc) }
            return out
        }
        var paths = ["", "/", "//", "a", "/a", "a/", "/a/", "/a/b", "/a//b/c", "a/b/c/", "/var/run/secrets/kubernetes.io/serviceaccount",
                     "/é/ü̈/x", "///x///y///"]
        var g = SeededRandom(seed: 9)
        let pieces = ["/", "/", "a", "bc", ".", "..", "é", "👍🏽", " ", "/x"]
        for _ in 0..<2_000 { paths.append((0..<Int(g.next() % 9)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()) }
        for p in paths { XCTAssertEqual(ContainerFilesystem.parents(of: p), reference(p), p) }
    }

    /// A container without env or envFrom gets the service variables, each name once, as the general path gives
    /// them (first of each name, in order).
    func testEnvironmentWithoutEnvIsTheServiceVariables() throws {
        let f = KubeletFixture()
        let svc = f.cluster.registry.lookup(kind: "Service")!
        for name in ["web", "web-api", "db"] {
            try f.api.create(svc, ["metadata": ["name": .string(name)],
                                   "spec": ["ports": [["name": "http", "port": 80], ["name": "x-y", "port": 8080, "protocol": "UDP"]]]],
                             namespace: "default")
        }
        let pod: Value = ["metadata": ["name": "p", "namespace": "default"], "spec": [:]]
        for memo in [nil, ServiceVariables()] as [ServiceVariables?] {
            let r = EnvironmentResolver(api: f.api, pod: pod, container: ["name": "c"], podIP: "", hostIP: "", services: memo)
            var seen: Set<String> = []
            let expected = r.serviceVariables().filter { seen.insert($0.0).inserted }
            let got = try r.resolve()
            XCTAssertEqual(got.map(\.name), expected.map(\.0))
            XCTAssertEqual(got.map(\.value), expected.map(\.1))
            XCTAssertGreaterThan(got.count, 20)
            // With an env entry the general path runs: the same variables, then the new one.
            let withEnv = EnvironmentResolver(api: f.api, pod: pod, container: ["name": "c", "env": [["name": "ZZ", "value": "$(WEB_SERVICE_HOST)"]]],
                                              podIP: "", hostIP: "", services: memo)
            let all = try withEnv.resolve()
            XCTAssertEqual(all.first?.name, "ZZ")
            XCTAssertEqual(all.dropFirst().map(\.name), got.map(\.name))
        }
    }

    /// The kubelet's QoS class memo answers as PodKind.qosClass for a random sequence of specs (repeats, changed
    /// resources, containers added, init containers, non-array fields).
    func testQoSClassMemoMatchesWorkingItOut() {
        let f = KubeletFixture()
        var g = SeededRandom(seed: 13)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        func resources() -> Value? {
            pick([nil, [:], ["requests": ["cpu": "100m"]], ["requests": ["cpu": "100m", "memory": "64Mi"], "limits": ["cpu": "100m", "memory": "64Mi"]],
                  ["limits": ["cpu": "1", "memory": "1Gi"]], ["requests": ["cpu": "0"]]] as [Value?])
        }
        func containers() -> Value {
            .array((0..<Int(1 + g.next() % 3)).map { i in
                var c: Value = ["name": .string("c\(i)"), "image": "nginx"]
                if let r = resources() { c["resources"] = r }
                return c
            })
        }
        var spec: Value = ["containers": containers()]
        var kinds: Set<String> = []
        for _ in 0..<1_500 {
            switch g.next() % 5 {
            case 0: spec = ["containers": containers()]
            case 1: spec["initContainers"] = g.next() % 2 == 0 ? containers() : nil
            case 2: spec["containers"] = pick([containers(), "x", [], spec["containers"]!])
            case 3: spec["nodeName"] = .string("n\(g.next() % 3)")
            default: break
            }
            let q = f.cluster.kubelets.qosClass(spec)
            XCTAssertEqual(q, PodKind.qosClass(spec), "\(spec)")
            kinds.insert(q)
        }
        XCTAssertEqual(kinds, ["BestEffort", "Burstable", "Guaranteed"])
    }

    /// Log lines are checked for a newline in their bytes: the same answer as stepping through the UTF-8 view.
    func testNewlineCheckMatchesTheUTF8View() {
        var g = SeededRandom(seed: 17)
        let pieces = ["a", "\n", "é", "👍🏽", "\r\n", " ", "long line of text without a break ", "\u{85}"]
        var lines = ["", "\n", "x\n", "\u{2028}"]
        for _ in 0..<2_000 { lines.append((0..<Int(g.next() % 12)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()) }
        for l in lines { XCTAssertEqual(ContainerContext.hasNewline(l), l.utf8.contains(10), l.debugDescription) }
        XCTAssertTrue(ContainerContext.hasNewline(String(repeating: "x", count: 300) + "\n"))
    }
}
