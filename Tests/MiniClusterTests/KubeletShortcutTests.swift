@testable import MiniCluster
import XCTest

/// The kubelet's per-pod shortcuts give what the general path gives: the address allocator's per-node range memo,
/// the last valid image name, the last event field path, the de-duplicated service variables, and a container's
/// files built when first looked at.
final class KubeletShortcutTests: XCTestCase {
    /// The allocator as it was: every call works out the prefix and the `node|prefix` key.
    private struct ReferenceIPAM {
        var next: [String: Int] = [:]
        var inUse: [String: Set<Int>] = [:]
        var derived: [String: String] = [:]

        mutating func prefix(node: String, podCIDR: String?) -> String {
            if let cidr = podCIDR, let slash = cidr.firstIndex(of: "/") {
                let parts = cidr[..<slash].split(separator: ".")
                if parts.count == 4 { return parts.prefix(3).joined(separator: ".") }
            }
            if let p = derived[node] { return p }
            let p = "10.8.\(derived.count)"
            derived[node] = p
            return p
        }

        mutating func allocate(node: String, podCIDR: String?) -> String? {
            let pre = prefix(node: node, podCIDR: podCIDR)
            let key = node + "|" + pre
            var candidate = next[key] ?? 2
            for _ in 0..<253 {
                if candidate > 254 { candidate = 2 }
                if inUse[key, default: []].insert(candidate).inserted {
                    next[key] = candidate + 1
                    return "\(pre).\(candidate)"
                }
                candidate += 1
            }
            return nil
        }

        mutating func release(node: String, ip: String) {
            guard let dot = ip.lastIndex(of: "."), let host = Int(ip[ip.index(after: dot)...]) else { return }
            inUse[node + "|" + String(ip[..<dot])]?.remove(host)
        }
    }

    func testAddressesAreTheOnesAllocatedWithoutTheRangeMemo() {
        var g = SeededRandom(seed: 11)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let ipam = PodIPAM()
        var reference = ReferenceIPAM()
        var given: [(node: String, ip: String)] = []
        let nodes = ["n1", "n2", "n3"]
        let cidrs: [String?] = [nil, "10.8.2.0/24", "10.8.7.0/24", "bad", "10.9.1.0/24"]
        var allocated = 0
        for _ in 0..<20_000 {
            if g.next() % 3 == 0, !given.isEmpty {
                let i = Int(g.next() % UInt64(given.count))
                let (node, ip) = given.remove(at: i)
                ipam.release(node: node, ip: ip)
                reference.release(node: node, ip: ip)
            } else {
                let node = pick(nodes)
                // Mostly the node's own range, sometimes another (a node whose pod range changed).
                let cidr = g.next() % 8 == 0 ? pick(cidrs) : cidrs[nodes.firstIndex(of: node)! + 1]
                let a = ipam.allocate(node: node, podCIDR: cidr)
                XCTAssertEqual(a, reference.allocate(node: node, podCIDR: cidr))
                if let a { given.append((node, a)); allocated += 1 }
            }
        }
        XCTAssertGreaterThan(allocated, 5_000)
    }

    func testValidImageMemoGivesTheRuntimesAnswer() {
        let c = Cluster(options: Cluster.Options())
        let kubelets = c.kubelets
        var g = SeededRandom(seed: 7)
        let names = ["nginx:1.25", "nginx:1.25", "Nginx:1.25", "nginx::1", "busybox", "busybox", "", "a/b/c:d",
                     "UPPER/case", "nginx@sha256:zz", "registry.k8s.io/pause:3.9", "nginx:1.25 "]
        for _ in 0..<2_000 {
            let n = names[Int(g.next() % UInt64(names.count))]
            let expected = c.runtime.invalidImageName(n).map { "Failed to apply default image tag \"\(n)\": \($0)" }
            XCTAssertEqual(kubelets.invalidImageName(n), expected, n)
        }
        XCTAssertNotNil(kubelets.invalidImageName("nginx::1"))
    }

    func testFieldPathMemoGivesTheBuiltPath() {
        let c = Cluster(options: Cluster.Options())
        var g = SeededRandom(seed: 9)
        for _ in 0..<2_000 {
            let isInit = g.next() % 2 == 0, name = ["web", "web", "init", "w", "we"][Int(g.next() % 5)]
            XCTAssertEqual(c.kubelets.fieldPath(isInit: isInit, name: name),
                           isInit ? "spec.initContainers{\(name)}" : "spec.containers{\(name)}")
        }
    }

    func testUniqueServiceVariablesAreTheOnesWorkedOut() throws {
        let c = Cluster(options: Cluster.Options())
        let svcType = c.registry.lookup(kind: "Service")!
        let memo = ServiceVariables()
        for (i, name) in ["web", "api", "web-2", "db"].enumerated() {
            let svc: Value = ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)],
                              "spec": ["ports": [["port": .int(80 + i), "name": "http"]], "selector": ["app": "x"]]]
            _ = try c.api.create(svcType, svc, namespace: "default")
            memo.forget()
            for links in [true, false] {
                let pod: Value = ["metadata": ["name": "p", "namespace": "default"],
                                  "spec": ["enableServiceLinks": .bool(links), "containers": [["name": "c"]]]]
                let r = EnvironmentResolver(api: c.api, pod: pod, container: ["name": "c"], podIP: "", hostIP: "", services: memo)
                let plain = EnvironmentResolver(api: c.api, pod: pod, container: ["name": "c"], podIP: "", hostIP: "")
                for _ in 0..<2 {
                    let a = try r.resolve(), b = try plain.resolve()
                    XCTAssertEqual(a.map { "\($0.name)=\($0.value)" }, b.map { "\($0.name)=\($0.value)" })
                    XCTAssertGreaterThan(a.count, 1)
                }
            }
        }
    }

    /// A container's files are built when first looked at; until then what probe replay watches is what a
    /// filesystem built at once shows, through writes to its mounted volumes.
    func testFilesBuiltLateMatchFilesBuiltAtOnce() throws {
        let h = RuntimeHarness()
        let dir = VolumeDirectory(files: ["a.txt": "1"])
        let mount = VolumeMount(name: "data", mountPath: "/data", readOnly: false, directory: dir)
        guard case .success(let r) = h.runtime.catalog.resolve("nginx:1.25") else { return XCTFail("nginx") }
        let launch = h.launch(image: "nginx:1.25", mounts: [mount], extra: ["workingDir": "/data"])
        let early = ContainerContext(launch: launch, image: r, now: h.t0, baselineMemory: 0, idleCPU: 0, commandLine: "x")
        let late = ContainerContext(launch: launch, image: r, now: h.t0, baselineMemory: 0, idleCPU: 0, commandLine: "x")
        _ = early.fs
        XCTAssertFalse(late.hasFilesystem)
        XCTAssertEqual(late.filesGeneration, early.fs.stateGeneration)
        dir.files["b.txt"] = "2"
        XCTAssertEqual(late.filesGeneration, early.fs.stateGeneration)
        XCTAssertFalse(late.hasFilesystem)
        XCTAssertEqual(late.fs.imageFiles, early.fs.imageFiles)
        XCTAssertEqual(late.fs.imageDirs, early.fs.imageDirs)
        XCTAssertEqual(late.fs.cwd, early.fs.cwd)
        XCTAssertEqual(late.fs.cwd, "/data")
        XCTAssertEqual(late.filesGeneration, early.fs.stateGeneration)
        XCTAssertEqual(late.environment.map { "\($0.0)=\($0.1)" }, early.environment.map { "\($0.0)=\($0.1)" })
        XCTAssertEqual(late.commandLine, "x")
    }

    /// With the kubelets watching ConfigMaps and Secrets, a projected volume's objects are not read again while
    /// none changed, and sources found mountable are not checked again: files and mount errors are the ones worked
    /// out afresh, over random volumes, pods and ConfigMap and Secret changes (including in other namespaces).
    func testWatchedProjectedVolumesMatchWorkingThemOut() throws {
        let f = KubeletFixture()
        let (cmType, secretType) = try f.prepareProjectedVolumes()
        var g = SeededRandom(seed: 95)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        func volume() -> Value { KubeletFixture.randomProjectedVolume(&g) }
        let memo = f.cluster.kubelets.projectedVolumes
        XCTAssertNotNil(memo.configGeneration)
        var v = volume()
        var failures = 0, mountErrors = 0
        let hitsBefore = memo.hits
        for i in 0..<1_500 {
            switch g.next() % 8 {
            case 0: v = volume()
            case 1: v["name"] = .string("kube-api-access-\(i)")
            case 2:
                let data: Value = ["a": .string(pick(["1", "2"])), "b": "x"]
                let ns = pick(["default", "default", "other"])
                if (try? f.api.create(cmType, ["metadata": ["name": "cm1"], "data": data], namespace: ns)) == nil {
                    if g.next() % 2 == 0 {
                        _ = try? f.api.delete(cmType, namespace: ns, name: "cm1")
                    } else {
                        _ = try? f.api.update(cmType, ["metadata": ["name": "cm1"], "data": data], namespace: ns)
                    }
                }
            case 3: f.toggleSecret(secretType, &g)
            default: break
            }
            let pod = KubeletFixture.projectedPod(&g, i, volumes: [v])
            let (plain, kept) = f.volumeResolvers(pod, memo: memo)
            for _ in 0..<2 {
                let volumes = pod[path: "spec", "volumes"]?.arrayValue ?? [], ns = pod.metadataNamespace ?? "default"
                let expectedError = MountCheck(api: f.api, namespace: ns, memo: plain.memo).mountError(volumes)
                XCTAssertEqual(MountCheck(api: f.api, namespace: ns, memo: kept.memo).mountError(volumes), expectedError,
                               "\(i): \(v) in \(pod)")
                if expectedError != nil { mountErrors += 1 }
                var expected: [String: String]?, got: [String: String]?
                do { expected = try plain.directory(of: v).files } catch { failures += 1 }
                do { got = try kept.directory(of: v).files } catch {}
                XCTAssertEqual(got, expected, "\(i): \(v) in \(pod)")
            }
        }
        XCTAssertGreaterThan(memo.hits - hitsBefore, 300)
        XCTAssertGreaterThan(failures, 20)
        XCTAssertGreaterThan(mountErrors, 20)
    }
}

extension KubeletShortcutTests {
    /// The container id written into one string is the prefix and `hex64` of the same seed.
    func testContainerIDIsThePrefixAndHex64() {
        var g = SeededRandom(seed: 21)
        for i in 0..<2_000 {
            let uid = g.uuid(), name = ["web", "c", "sidecar-proxy", ""][i % 4], instance = Int(g.next() % 12)
            var h = StableHash()
            h.add(uid + "/" + name + "/" + String(instance))
            var rng = SeededRandom(seed: h.value)
            XCTAssertEqual(KubeletText.containerID(podUID: uid, container: name, instance: instance), "containerd://" + rng.hex64())
        }
    }
}

extension KubeletShortcutTests {
    /// The last image's canonical name and id are the ones worked out, across pushes that change the catalog.
    func testImageNameAndIDMemosFollowTheCatalog() {
        let c = Cluster(options: Cluster.Options())
        let kubelets = c.kubelets, catalog = c.runtime.catalog
        let base = ImageCatalog.builtin.first { $0.repository == "docker.io/library/nginx" }!
        var g = SeededRandom(seed: 31)
        let names = ["nginx:1.25", "nginx:1.25", "nginx", "nginx:9.9", "myrepo/app:v1", "busybox:1.36", "nope/x:1"]
        for i in 0..<2_000 {
            if g.next() % 10 == 0 {
                let repo = g.next() % 2 == 0 ? "docker.io/library/nginx" : "docker.io/myrepo/app"
                catalog.push(repository: repo, tag: g.next() % 2 == 0 ? "9.9" : "v1", version: "9.9.\(i)", size: Int64(1000 + i),
                             like: base)
            }
            let n = names[Int(g.next() % UInt64(names.count))]
            XCTAssertEqual(kubelets.canonicalImage(n), KubeletText.canonicalImage(n), n)
            XCTAssertEqual(kubelets.imageID(n), catalog.facts(n).id ?? KubeletText.imageID(n), "\(i) \(n)")
        }
    }
}
