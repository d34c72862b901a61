@testable import MiniCluster
import XCTest

/// Container start and status shortcuts (session 9) must answer exactly as the general paths they replaced.
final class RuntimeShortcutTests: XCTestCase {
    private func bytes(_ env: [(String, String)]) -> [[UInt8]] { env.flatMap { [Array($0.0.utf8), Array($0.1.utf8)] } }

    /// The environment laid out once per list of names is the one put together variable by variable, byte for byte
    /// (names repeated, given again in canonically equal spellings, PATH/HOSTNAME/HOME given, nginx's version).
    func testEnvironmentLayoutMatchesPuttingEachVariable() {
        var g = SeededRandom(seed: 91)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let names = ["PATH", "HOSTNAME", "HOME", "NGINX_VERSION", "A", "B", "KEY", "\u{212A}EY", "caf\u{E9}", "cafe\u{301}",
                     "KUBERNETES_SERVICE_HOST", "KUBERNETES_PORT_443_TCP_ADDR", "X"]
        func list(_ n: Int) -> [(String, String)] { (0..<n).map { _ in (pick(names), pick(["", "v", "1.25.5", "é"])) } }
        var image = list(3), launch = list(5)
        var reused = 0
        for round in 0..<3_000 {
            switch g.next() % 6 {
            case 0: image = list(Int(g.next() % 5))
            case 1: launch = list(Int(g.next() % 12))
            case 2 where !launch.isEmpty: launch[Int(g.next() % UInt64(launch.count))].0 = pick(names)
            case 3 where !launch.isEmpty: launch[Int(g.next() % UInt64(launch.count))].1 = "changed"
            default: reused += 1
            }
            let host = pick(["web-0", "web-1", "db"]), version = pick(["1.25.5", "1.17"])
            let fast = ContainerContext.environment(hostname: host, image: image, version: version,
                                                    launch: launch.map { (name: $0.0, value: $0.1) })
            let slow = ContainerContext.environmentByPut(hostname: host, image: image, version: version,
                                                         launch: launch.map { (name: $0.0, value: $0.1) })
            XCTAssertEqual(bytes(fast), bytes(slow), "round \(round): \(image) \(launch)")
        }
        XCTAssertGreaterThan(reused, 500)
    }

    /// A filesystem with the kubelet's files and extra directories laid over the image's answers every query and
    /// change as one built from the merged files, over a random sequence of operations.
    func testLayeredFilesystemMatchesTheMergedOne() {
        var g = SeededRandom(seed: 92)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let image: [String: String] = ["/etc/hosts": "image hosts\n", "/etc/os-release": "ID=x\n",
                                       "/usr/share/nginx/html/index.html": "new", "/usr/share/nginx/html/50x.html": "err",
                                       "/app/main.py": "print()", "/app/lib/util.py": ""]
        let paths = ["/", "/etc", "/etc/hosts", "/etc/hostname", "/etc/os-release", "/usr/share/nginx/html",
                     "/usr/share/nginx/html/index.html", "/old/page/index.html", "/old/page", "/old", "/app", "/app/lib",
                     "/app/lib/util.py", "/data", "/data/x", "/data/deep/dir/f", "/tmp/new", "/nope", "app", "../etc/./hosts"]
        for trial in 0..<40 {
            var pod = ["/etc/hosts": "pod hosts \(trial)\n", "/etc/hostname": "web-\(trial)\n", "/etc/resolv.conf": "nameserver x\n"]
            var adding: [String] = []
            if trial % 3 == 0 {
                pod["/old/page/index.html"] = "old"
                adding = ContainerFilesystem.parents(of: "/old/page/index.html")
            }
            // Each filesystem gets its own volume, so that a write through one is not seen through the other.
            func mounts() -> [VolumeMount] {
                trial % 2 == 0 ? [] : [VolumeMount(name: "d", mountPath: "/data/deep/dir", readOnly: false, directory: VolumeDirectory())]
            }
            let dirs = ContainerFilesystem.directories(implying: Array(image.keys) + Array(DistroFiles.kubeletPaths))
            let layered = ContainerFilesystem(imageFiles: image, podFiles: pod, directories: dirs, adding: adding, mounts: mounts())
            let merged = ContainerFilesystem(imageFiles: image.merging(pod) { _, b in b }, mounts: mounts())
            XCTAssertEqual(layered.imageFiles, merged.imageFiles)
            XCTAssertEqual(layered.imageDirs, merged.imageDirs)
            for step in 0..<60 {
                let p = pick(paths), why = "trial \(trial) step \(step) \(p)"
                switch g.next() % 9 {
                case 0:
                    let append = g.next() % 2 == 0
                    XCTAssertEqual(describe(layered.write(file: p, "w", append: append)),
                                   describe(merged.write(file: p, "w", append: append)), why)
                case 1:
                    let r = g.next() % 2 == 0
                    XCTAssertEqual(describe(layered.remove(p, recursive: r)), describe(merged.remove(p, recursive: r)), why)
                case 2:
                    let parents = g.next() % 2 == 0
                    XCTAssertEqual(describe(layered.makeDirectory(p, parents: parents)), describe(merged.makeDirectory(p, parents: parents)), why)
                default:
                    break
                }
                XCTAssertEqual(layered.read(file: p), merged.read(file: p), why)
                XCTAssertEqual(layered.exists(p), merged.exists(p), why)
                XCTAssertEqual(layered.isDirectory(p), merged.isDirectory(p), why)
                XCTAssertEqual(layered.list(p), merged.list(p), why)
            }
            XCTAssertEqual(layered.walk("/"), merged.walk("/"))
            XCTAssertEqual(layered.glob("/etc/*"), merged.glob("/etc/*"))
        }
    }

    private func describe(_ r: Result<Void, FileError>) -> String {
        switch r {
        case .success: return "ok"
        case .failure(let e): return e.text
        }
    }

    /// The kubelet files' paths the image layouts are worked out with are the paths of the files it writes.
    func testKubeletPathsAreThoseOfItsFiles() {
        for sub in [nil, "", "sub"] {
            let files = DistroFiles.kubeletFiles(podName: "p", namespace: "ns", podIP: "10.0.0.1", hostname: "h", subdomain: sub)
            XCTAssertEqual(Set(files.keys), DistroFiles.kubeletPaths)
        }
    }

    /// The per-node readiness memo answers as reading the node's conditions, over random condition changes
    /// (Ready flipping, conditions removed, reordered, rewritten with equal content).
    func testNodeReadinessMemoMatchesReadingTheConditions() {
        let f = KubeletFixture()
        var g = SeededRandom(seed: 93)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        var nodes: [String: Value] = [:]
        var seen: Set<Bool> = []
        for _ in 0..<2_000 {
            let name = pick(["a", "b", "c"])
            var node = nodes[name] ?? ["metadata": ["name": .string(name)], "status": ["conditions": []]]
            var conditions = node[path: "status", "conditions"]?.arrayValue ?? []
            switch g.next() % 6 {
            case 0: conditions = [["type": "Ready", "status": .string(pick(["True", "False", "Unknown"]))]]
            case 1: conditions.insert(["type": .string(pick(["MemoryPressure", "Ready"])), "status": .string(pick(["True", "False"]))], at: 0)
            case 2: conditions.reverse()
            case 3: node[path: "status", "conditions"] = nil
            case 4: conditions = conditions.map { var c = $0; c["status"] = c["status"]; return c }
            default: break
            }
            if node[path: "status", "conditions"] != nil || g.next() % 2 == 0 { node[path: "status", "conditions"] = .array(conditions) }
            nodes[name] = node
            let memo = f.cluster.kubelets.isReady(node)
            XCTAssertEqual(memo, Kubelets.isReady(node), "\(node)")
            seen.insert(memo)
        }
        XCTAssertEqual(seen, [true, false])
    }

    /// Objects built over a shape's shared keys are the objects the literals gave, key order included.
    func testShapedObjectsAreTheLiteralObjects() {
        let shapes = ObjectShape.variants(["a", "b", "c", "d"], optional: [["b"], ["c", "d"]])
        XCTAssertEqual(shapes.map(\.keys), [["a"], ["a", "b"], ["a", "c", "d"], ["a", "b", "c", "d"]])
        let o = shapes[3].object { v in v[0] = 1; v[1] = "x"; v[3] = [true] }
                XCTAssertTrue(o.isIdentical(to: ["a": 1, "b": "x", "c": .null, "d": [true]]))
        XCTAssertTrue(shapes[0].object { $0[0] = "only" }.isIdentical(to: ["a": "only"]))
        XCTAssertTrue(shapes[0].object { _ in }.isIdentical(to: ["a": .null]))
    }
    /// A projected volume's files kept for the next pod are the files built afresh, over random pods (namespace,
    /// name), volumes (repeated, rebuilt equal, changed) and ConfigMap and Secret changes, errors included.
    func testProjectedVolumeMemoMatchesBuildingTheFiles() throws {
        let f = KubeletFixture()
        let (cmType, secretType) = try f.prepareProjectedVolumes()
        var g = SeededRandom(seed: 94)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        func volume() -> Value { KubeletFixture.randomProjectedVolume(&g) }
        let memo = ProjectedVolumeMemo()
        var v = volume()
        var failures = 0
        for i in 0..<1_500 {
            switch g.next() % 8 {
            case 0: v = volume()
            case 1: v["name"] = .string("kube-api-access-\(i)")
            case 2:
                let data: Value = ["a": .string(pick(["1", "2"])), "b": "x"]
                if (try? f.api.create(cmType, ["metadata": ["name": "cm1"], "data": data], namespace: "default")) == nil {
                    _ = try? f.api.delete(cmType, namespace: "default", name: "cm1")
                }
            case 3: f.toggleSecret(secretType, &g)
            default: break
            }
            let pod = KubeletFixture.projectedPod(&g, i, volumes: nil)
            let (plain, kept) = f.volumeResolvers(pod, memo: memo)
            var expected: [String: String]?, got: [String: String]?
            do { expected = try plain.directory(of: v).files } catch { failures += 1 }
            do { got = try kept.directory(of: v).files } catch {}
            XCTAssertEqual(got, expected, "\(i): \(v) in \(pod)")
        }
        XCTAssertGreaterThan(memo.hits, 300)
        XCTAssertGreaterThan(failures, 20)
    }

    /// A command's base name is looked for by bytes only when it has a "/": the same as splitting by Character.
    func testAppletBaseMatchesSplittingByCharacter() {
        var g = SeededRandom(seed: 95)
        let pieces = ["/", "nginx", "bin", "", "/\u{338}", "é", "a/b", "//", "."]
        for _ in 0..<2_000 {
            let name = (0..<Int(g.next() % 5)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(Array(Applets.base(name).utf8), Array((name.split(separator: "/").last.map(String.init) ?? name).utf8), name)
        }
    }

    /// Container ids hashed part by part are `hex64` of the joined text.
    func testContainerIDMatchesHashingTheJoinedText() {
        var g = SeededRandom(seed: 96)
        for _ in 0..<500 {
            let uid = String(g.next(), radix: 16), name = ["web", "é", "", "sidecar-1"][Int(g.next() % 4)]
            let instance = Int(g.next() % 1_000) - 3
            XCTAssertEqual(KubeletText.containerID(podUID: uid, container: name, instance: instance),
                           "containerd://" + KubeletText.hex64("\(uid)/\(name)/\(instance)"))
        }
    }

    /// Texts kept for the last input (resolv.conf per namespace, the unready message per list of names) are the
    /// texts made afresh, byte for byte, over random sequences.
    func testTextMemosMatchMakingTheText() {
        var g = SeededRandom(seed: 97)
        let statusMemo = PodStatusMemo()
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        for _ in 0..<1_000 {
            let ns = pick(["default", "prod", "caf\u{E9}", "cafe\u{301}", "\u{212A}", "K"])
            let resolv = "search \(ns).svc.cluster.local svc.cluster.local cluster.local c.kubetutor.internal google.internal\n" +
                "nameserver 34.118.224.10\noptions ndots:5\n"
            XCTAssertEqual(Array(DistroFiles.resolvConf(namespace: ns).utf8), Array(resolv.utf8), ns)
            let names = (0..<Int(g.next() % 3)).map { _ in pick(["web", "sidecar", "\u{212A}", "K"]) }
            XCTAssertEqual(Array(PodStatusBuilder.unreadyMessage(names, memo: statusMemo).utf8),
                           Array("containers with unready status: [\(names.joined(separator: " "))]".utf8), "\(names)")
        }
    }

    /// The memos' byte comparison answers as comparing the UTF-8 views (canonically equal spellings differ).
    func testSameBytesMatchesComparingTheUTF8Views() {
        var g = SeededRandom(seed: 98)
        let pieces = ["a", "K", "\u{212A}", "e\u{301}", "\u{E9}", "long text beyond fifteen bytes ", "", "👍🏽"]
        func text() -> String { (0..<Int(g.next() % 4)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined() }
        for _ in 0..<3_000 {
            let a = text(), b = g.next() % 3 == 0 ? String(a.utf8.map { Character(UnicodeScalar($0 < 128 ? $0 : 63)) }) : text()
            XCTAssertEqual(Value.sameBytes(a, b), Array(a.utf8) == Array(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
            XCTAssertTrue(Value.sameBytes(a, String(decoding: Array(a.utf8), as: UTF8.self)))
            // A copy shares the representation (the fast answer); a string built again does not.
            let copy = a
            XCTAssertTrue(Value.sameBytes(a, copy))
            XCTAssertEqual(Value.sameBytes(b, copy), Array(b.utf8) == Array(a.utf8))
        }
        XCTAssertFalse(Value.sameBytes("K", "\u{212A}"))
        XCTAssertTrue("K" == "\u{212A}")
    }
}
