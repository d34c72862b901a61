@testable import MiniCluster
import XCTest

/// The kubelets' short ways to their workers find the worker the look-up by key finds: an own status write's event
/// is the writing worker's, a queue key that names no worker by its queue key names none by its pod key, and a
/// worker that has not finished is the one under its key. Checked over pods that start, exit, crash, fail to pull,
/// change image and labels, and are deleted and made again under the same name.
final class KubeletOwnWriteTests: XCTestCase {
    func testShortWaysFindTheWorkerTheKeyFinds() throws {
        typealias F = KubeletFixture
        let f = KubeletFixture()
        f.runtime.images["crash"] = FakeRuntime.Image(pull: .milliseconds(700), size: 1_000, exitAfter: .seconds(2), exitCode: 1)
        f.runtime.images["slow"] = FakeRuntime.Image(pull: .seconds(3), size: 5_000, exitAfter: nil, exitCode: 0, onTerminate: nil)
        let kubelets = f.cluster.kubelets, podType = f.podType
        var shortcuts = 0, others = 0
        f.api.store.observe { e in
            guard e.resource == podType, let w = kubelets.writing else { return }
            guard w.isOwnWrite(e) else { others += 1; return }
            shortcuts += 1
            XCTAssertEqual(e.object.uid, w.uid)
            XCTAssertTrue(kubelets.workers[e.key] === w, "\(e.key)")
            XCTAssertFalse(w.finished)
        }
        var g = SeededRandom(seed: 131)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let images = ["nginx", "busybox", "crash", "slow", "missing"]
        var names: [String] = []
        for i in 0..<400 {
            switch g.next() % 8 {
            case 0, 1:
                let name = "p\(i % 37)"
                if f.get(name) == nil {
                    var spec = F.containers(F.c("c", pick(images)))
                    spec["restartPolicy"] = .string(pick(["Always", "OnFailure", "Never"]))
                    try f.pod(name, spec)
                    names.append(name)
                }
            case 2 where !names.isEmpty:
                _ = try? f.api.delete(podType, namespace: "default", name: pick(names), gracePeriod: pick([0, 1, 30]))
            case 3 where !names.isEmpty:
                // Replaced: gone at once and made again under the same name (a new uid).
                let name = pick(names)
                _ = try? f.api.delete(podType, namespace: "default", name: name, gracePeriod: 0)
                _ = try? f.pod(name, F.containers(F.c("c", pick(images))))
            case 4 where !names.isEmpty:
                if var p = f.get(pick(names)) {
                    if g.next() % 2 == 0 {
                        p[path: "metadata", "labels", "tier"] = .string(pick(["a", "b"]))
                    } else {
                        p[path: "spec", "containers"] = [F.c("c", pick(images))]
                    }
                    _ = try? f.api.update(podType, p, namespace: "default")
                }
            default:
                f.advance(Double(g.next() % 4000) / 1000)
            }
            f.cluster.settle()
            XCTAssertEqual(kubelets.workersByQueueKey.count, kubelets.workers.count, "\(i)")
            for (k, w) in kubelets.workers {
                XCTAssertTrue(kubelets.workersByQueueKey[k.kubeletKey] === w, "\(i): \(k)")
                // What writeStatus relies on when the stored pod is the one the worker holds.
                XCTAssertEqual(w.pod.uid, w.uid, "\(i): \(k)")
                XCTAssertEqual(ObjectKey(parsing: k.kubeletKey), k)
            }
        }
        XCTAssertGreaterThan(shortcuts, 300)
        XCTAssertEqual(others, 0, "no other pod event is announced while a worker writes")
    }

    /// A key that does not begin with a slash is the `kubeletKey` of the key parsed from it.
    func testParsedKeysGiveTheirQueueKeyBack() {
        var g = SeededRandom(seed: 7)
        let parts = ["", "a", "default", "kube-system", "web-7d4b9c", "x/y", "/", "é", "K"]
        for _ in 0..<5_000 {
            var key = ""
            for _ in 0..<(1 + g.next() % 3) { key += parts[Int(g.next() % UInt64(parts.count))] + (g.next() % 2 == 0 ? "/" : "") }
            let k = ObjectKey(parsing: key)
            if key.utf8.first != UInt8(ascii: "/") {
                XCTAssertEqual(k.kubeletKey, key)
            } else {
                XCTAssertNotEqual(k.kubeletKey, key, "a leading slash is what the shortcut leaves to the look-up")
            }
        }
    }

    /// A node's remembered facts are the ones read from it, over random changes of its addresses, range,
    /// conditions and other status fields (rewritten with equal content too), on several nodes.
    func testNodeFactsAreTheOnesReadFromTheNode() {
        let f = KubeletFixture()
        var g = SeededRandom(seed: 57)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        var nodes: [String: Value] = [:]
        var seen: Set<String> = []
        for _ in 0..<3_000 {
            let name = pick(["a", "b", "gke-pool-1-x"])
            var node = nodes[name] ?? ["metadata": ["name": .string(name)], "status": ["conditions": []]]
            switch g.next() % 9 {
            case 0: node[path: "status", "conditions"] = [["type": "Ready", "status": .string(pick(["True", "False"]))]]
            case 1: node[path: "status", "addresses"] = [["type": .string(pick(["InternalIP", "Hostname"])),
                                                          "address": .string(pick(["10.128.0.3", "10.128.0.9", "n"]))]]
            case 2: node[path: "status", "addresses"] = nil
            case 3: node[path: "spec", "podCIDR"] = pick([nil, "10.8.1.0/24", "10.8.2.0/24"])
            case 4: node["spec"] = nil
            case 5: node[path: "status", "heartbeat"] = .int(Int(g.next() % 3))
            case 6: node["status"] = node["status"].map { v -> Value in var c = v; c["x"] = "y"; c["x"] = nil; return c }
            case 7: node["status"] = nil
            default: break
            }
            nodes[name] = node
            let facts = f.cluster.kubelets.facts(of: node)
            XCTAssertEqual(facts.hostIP, Kubelets.hostIP(node), "\(node)")
            XCTAssertEqual(facts.podCIDR, node[path: "spec", "podCIDR"]?.stringValue, "\(node)")
            XCTAssertEqual(facts.ready, Kubelets.isReady(node), "\(node)")
            seen.insert("\(facts.hostIP) \(facts.podCIDR ?? "-") \(facts.ready)")
        }
        XCTAssertGreaterThan(seen.count, 12)
    }

    /// `mayHaveProbes` is false only for container specs where none of the probe fields is found, over random
    /// specs (near spellings, keys of the same lengths, Unicode look-alikes, more than 15 keys, not an object).
    func testProbeKeyScanAgreesWithTheLookUps() {
        var g = SeededRandom(seed: 17)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let keys = ["name", "image", "volumeMounts", "resources", "startupProbe", "livenessProbe", "readinessProbe",
                    "livenessprobe", "readinessProbes", "startupProbE", "imagePullPolicy", "terminationMessagePath",
                    "ports", "env", "lifecycle", "securityContext", "workingDir", "liveness\u{0301}Probe", "k1", "k2",
                    "k3", "k4", "k5", "k6", "k7", "k8", "k9"]
        var answers: Set<Bool> = []
        for _ in 0..<3_000 {
            var spec: Value = g.next() % 20 == 0 ? .string("x") : .emptyObject
            if spec.isObject {
                for _ in 0..<Int(g.next() % 20) { spec[pick(keys)] = pick([.emptyObject, ["exec": ["command": ["true"]]], "s"]) }
            }
            let found = ["startupProbe", "livenessProbe", "readinessProbe"].contains { spec[$0] != nil }
            let scan = PodWorker.mayHaveProbes(spec)
            XCTAssertEqual(scan, found, "\(spec)")
            answers.insert(scan)
        }
        XCTAssertEqual(answers, [true, false])
    }
}
