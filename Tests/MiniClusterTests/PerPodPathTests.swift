@testable import MiniCluster
import Foundation
import XCTest

/// Caches and shortcuts on the per-pod path (scheduler cache, service account token): each must give what the
/// long way gives, and forget what it kept when the pod it kept it for changes or goes.
final class PerPodPathTests: XCTestCase {
    // MARK: token encoding

    /// The JWT parts' encoding equals Foundation's base64 with the URL alphabet and the padding cut, for every
    /// length remainder and every byte value.
    func testBase64URLMatchesFoundation() {
        var inputs: [[UInt8]] = [[], [0], [255], [0xfb, 0xff], [0xfb, 0xff, 0xfe], Array(0...255), Array("{\"alg\":\"RS256\"}".utf8)]
        var g = SeededRandom(seed: 7)
        for n in 1...40 { inputs.append((0..<n).map { _ in UInt8(truncatingIfNeeded: g.next()) }) }
        for bytes in inputs {
            let expected = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            XCTAssertEqual(VolumeResolver.base64URL(bytes), expected, "\(bytes)")
        }
    }

    // MARK: scheduler cache

    func bound(_ name: String, uid: String, cpu: String, node: String = "n1", labels: [String: String] = ["app": "web"]) -> Value {
        ["metadata": ["name": .string(name), "namespace": "default", "uid": .string(uid), "labels": Value(stringMap: labels)],
         "spec": ["nodeName": .string(node), "containers": [["name": "c", "image": "nginx", "resources": ["requests": ["cpu": .string(cpu)]]]]],
         "status": ["phase": "Running"]]
    }

    func cache() -> SchedulerCache {
        let c = SchedulerCache()
        for n in ["n1", "n2"] {
            _ = c.upsert(node: ["metadata": ["name": .string(n)], "status": ["allocatable": ["cpu": "2", "memory": "4Gi", "pods": "110"]]])
        }
        return c
    }

    /// A later event of the same pod (labels changed) keeps its request; a new pod under the same name (new uid)
    /// is read again; a move to another node, a finished pod and a delete each give the room back.
    func testSchedulerCacheReusesOnlyForTheSamePod() throws {
        let c = cache()
        c.update(pod: bound("a", uid: "u1", cpu: "100m"), key: ObjectKey(namespace: "default", name: "a"))
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 100)
        c.update(pod: bound("a", uid: "u1", cpu: "100m", labels: ["app": "other"]), key: ObjectKey(namespace: "default", name: "a"))
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 100)
        XCTAssertEqual(c.pods(on: "n1").first?.labels, ["app": "other"])
        // Deleted and created again with another request: a new uid, so parsed again.
        c.update(pod: nil, key: ObjectKey(namespace: "default", name: "a"))
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 0)
        c.update(pod: bound("a", uid: "u2", cpu: "300m"), key: ObjectKey(namespace: "default", name: "a"))
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 300)
        // Replaced without a delete event in between (same key, new uid): the new request counts.
        c.update(pod: bound("a", uid: "u3", cpu: "50m", node: "n2"), key: ObjectKey(namespace: "default", name: "a"))
        XCTAssertEqual(c.nodes["n1"]?.requested.milliCPU, 0)
        XCTAssertEqual(c.nodes["n2"]?.requested.milliCPU, 50)
        var done = bound("a", uid: "u3", cpu: "50m", node: "n2")
        done[path: "status", "phase"] = "Succeeded"
        XCTAssertTrue(c.update(pod: done, key: ObjectKey(namespace: "default", name: "a")))
        XCTAssertEqual(c.nodes["n2"]?.requested.milliCPU, 0)
        XCTAssertEqual(c.nodes["n2"]?.podCount, 0)
    }

    /// Random event sequences (status writes, label and owner edits, moves, finishing, deletes, new uids) leave
    /// a cache fed every event in the same state as a fresh cache fed only the last state of each pod: the
    /// shortcut for a status-only write keeps exactly what removing and adding the pod again would give.
    func testSchedulerCacheEventsEqualTheLastStates() throws {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let fed = cache()
            var last: [String: Value] = [:]
            for _ in 0..<30 {
                let name = ["a", "b", "c"].randomElement(using: &rng)!
                var p = bound(name, uid: "\(name)-\(Int.random(in: 0..<2, using: &rng))", cpu: ["100m", "250m"].randomElement(using: &rng)!,
                              node: ["n1", "n2"].randomElement(using: &rng)!, labels: ["app": ["web", "db"].randomElement(using: &rng)!])
                p[path: "status", "phase"] = .string(["Pending", "Running", "Running", "Succeeded"].randomElement(using: &rng)!)
                if Bool.random(using: &rng) {
                    p[path: "metadata", "ownerReferences"] = [["uid": .string(["rs1", "rs2"].randomElement(using: &rng)!), "controller": true]]
                }
                if Int.random(in: 0..<8, using: &rng) == 0 { last[name] = nil; fed.update(pod: nil, key: ObjectKey(namespace: "default", name: name)) } else {
                    // The same pod keeps its request (immutable): reuse the cpu of the stored one with its uid.
                    if let old = last[name], old.uid == p.uid {
                        let node = p[path: "spec", "nodeName"]
                        p["spec"] = old["spec"]
                        p[path: "spec", "nodeName"] = node
                    }
                    last[name] = p
                    fed.update(pod: p, key: ObjectKey(namespace: "default", name: name))
                }
            }
            let fresh = cache()
            for (name, p) in last { fresh.update(pod: p, key: ObjectKey(namespace: "default", name: name)) }
            for n in ["n1", "n2"] {
                let a = try XCTUnwrap(fed.nodes[n]), b = try XCTUnwrap(fresh.nodes[n])
                XCTAssertEqual(a.requested, b.requested, "round \(round) \(n)")
                XCTAssertEqual(a.podCount, b.podCount, "round \(round) \(n)")
                XCTAssertEqual(a.ownerCounts, b.ownerCounts, "round \(round) \(n)")
                XCTAssertEqual(a.podKeys, b.podKeys, "round \(round) \(n)")
                XCTAssertEqual(Set(fed.pods(on: n).map { "\($0.uid) \($0.labels) \($0.owner ?? "")" }),
                               Set(fresh.pods(on: n).map { "\($0.uid) \($0.labels) \($0.owner ?? "")" }), "round \(round) \(n)")
            }
        }
    }

    // MARK: pod spec validation memo

    /// Every string equal to `from` replaced by `to`.
    func renamed(_ v: Value, _ from: String, _ to: String) -> Value {
        switch v {
        case .string(let s) where s == from: return .string(to)
        case .array(let a): return .array(a.map { renamed($0, from, to) })
        case .object(let o):
            var o = o
            for k in o.keys { o[k] = renamed(o[k]!, from, to) }
            return .object(o)
        default: return v
        }
    }

    /// A pod made from a template the way a ReplicaSet makes one: defaulted with create-time admission, which
    /// adds the token volume under a random name.
    func admitted(_ spec: Value, seed: UInt64) -> Value {
        var obj: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "default"], "spec": spec]
        var rng = SeededRandom(seed: seed)
        KindSpec.pod.defaults(&obj, DefaultingContext(now: Timestamp(rfc3339: "2026-11-26T09:00:00Z")!, isCreate: true,
                                                      random: { rng.next() }))
        return obj["spec"] ?? .null
    }

    /// Replicas of one template hit the memo although their token volumes are named differently; and over random
    /// specs fed in sequence (token volumes renamed in the volume, in its mounts or both, second token volumes,
    /// names that are no labels, mounts naming the placeholder or nothing, missing images, automount off) the
    /// memo's answer is the full validation's, error for error.
    func testPodSpecValidationMemoEqualsFullValidation() throws {
        let template: Value = ["containers": [["name": "web", "image": "nginx:1.25",
                                               "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]]]]]
        let a = admitted(template, seed: 1), b = admitted(template, seed: 2)
        XCTAssertNotEqual(a, b, "the token volume names differ")
        XCTAssertNotNil(PodSpecValidationMemo.key(a))
        XCTAssertEqual(PodSpecValidationMemo.key(a), PodSpecValidationMemo.key(b))

        let memo = PodSpecValidationMemo()
        let path = FieldPath("spec")
        var rng = SystemRandomNumberGenerator()
        let names = ["kube-api-access-abcde", "kube-api-access-fghij", PodSpecValidationMemo.placeholder, "kube-api-access-UP", "data"]
        var hits = 0, failing = 0
        for round in 0..<3000 {
            var t = template
            if Int.random(in: 0..<6, using: &rng) == 0 { t["automountServiceAccountToken"] = false }
            var spec = admitted(t, seed: UInt64(round))
            let token = spec["volumes"]?.arrayValue?.first?["name"]?.stringValue
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0:  // rename the token volume only
                    if var vs = spec["volumes"]?.arrayValue, !vs.isEmpty { vs[0]["name"] = .string(names.randomElement(using: &rng)!); spec["volumes"] = .array(vs) }
                case 1:  // rename it everywhere, as admission would have named it
                    if let token {
                        let n = names.randomElement(using: &rng)!
                        spec = renamed(spec, token, n)
                    }
                case 2:  // another volume
                    spec["volumes"] = .array((spec["volumes"]?.arrayValue ?? []) + [["name": .string(names.randomElement(using: &rng)!), "emptyDir": [:]]])
                case 3:  // another mount
                    var cs = spec["containers"]?.arrayValue ?? []
                    cs[0]["volumeMounts"] = .array((cs[0]["volumeMounts"]?.arrayValue ?? [])
                        + [["name": .string(names.randomElement(using: &rng)!), "mountPath": .string(["/a", "/b"].randomElement(using: &rng)!)]])
                    spec["containers"] = .array(cs)
                case 4:
                    spec["containers"] = .array((spec["containers"]?.arrayValue ?? []).map { var c = $0; c["image"] = ""; return c })
                default:
                    break
                }
            }
            let full = PodSpecValidation.spec(spec, path, isPod: true)
            let before = memo.hits
            XCTAssertEqual(memo.errors(spec, path), full, "round \(round): \(spec)")
            hits += memo.hits - before
            if !full.isEmpty { failing += 1 }
        }
        XCTAssertGreaterThan(hits, 500)
        XCTAssertGreaterThan(failing, 300)
    }

    // MARK: timestamps

    /// The hand-made RFC 3339 text equals the formatted one across days, leap years, month and year ends.
    func testRFC3339MatchesFormatted() {
        var g = SeededRandom(seed: 3)
        var times: [Int64] = [0, 951_782_400_000, 951_868_799_000, 1_798_761_599_999, 253_402_300_799_000]
        for _ in 0..<2000 { times.append(Int64(g.next() % 253_402_300_799_000)) }
        for ms in times {
            let t = Timestamp(ms: ms), c = t.civil
            XCTAssertEqual(t.rfc3339, String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second))
            XCTAssertEqual(Timestamp(rfc3339: t.rfc3339)?.ms, ms / 1000 * 1000)
        }
    }

    // MARK: events

    /// An Event the recorder stores through the vouched path is byte for byte what the full create stores from
    /// the same object in the same state (uid draw, key order, timestamps).
    func testRecordedEventEqualsFullCreate() throws {
        let a = Cluster(), b = Cluster()
        let evType = a.registry.lookup(kind: "Event")!
        let cm = a.registry.lookup(kind: "ConfigMap")!
        let obj = try a.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cfg"]], namespace: "default")
        _ = try b.api.create(cm, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cfg"]], namespace: "default")
        a.events.record(obj, type: "Warning", reason: "Odd", message: "m", component: "kubelet", host: "n1", fieldPath: "spec.containers{c}")
        let stored = try XCTUnwrap(a.api.list(evType, namespace: "default").first { $0["reason"]?.stringValue == "Odd" })
        var input = stored
        for f in ["uid", "creationTimestamp", "resourceVersion"] { input.remove(path: ["metadata", f]) }
        let full = try b.api.create(evType, input, namespace: "default", strict: false)
        XCTAssertEqual(JSONCodec.encode(stored), JSONCodec.encode(full))
        XCTAssertEqual(stored, full)
    }

    /// The DNS-1123 checks (which the event recorder relies on to store its Events without the validation pass)
    /// agree with Go's regexes and length limits on every name, non-ASCII ones included.
    func testDNS1123ChecksAgreeWithGoRegexes() throws {
        let label = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
        let labelRE = try NSRegularExpression(pattern: "^\(label)$")
        let subdomainRE = try NSRegularExpression(pattern: "^\(label)(\\.\(label))*$")
        func matches(_ re: NSRegularExpression, _ s: String) -> Bool {
            re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
        var names = ["a", "a.b", "a-b.c9", "-a", "a-", "a..b", ".a", "a.", "A", "a_b", "é", "a.-b", "a-.b", "", "b\u{20DD}",
                     "a\u{301}", "x.b\u{20DD}", String(repeating: "a", count: 63), String(repeating: "a", count: 64),
                     String(repeating: "a", count: 253), String(repeating: "a", count: 254), "web-7c5ddbdf54-x9k2p.187b3c0d9a1e2f00"]
        var g = SeededRandom(seed: 11)
        let alphabet = Array("ab9.-_Zé")
        for _ in 0..<3000 { names.append(String((0..<Int(g.next() % 8 + 1)).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })) }
        for n in names {
            XCTAssertEqual(NameRules.dns1123Subdomain(n).isEmpty, n.utf8.count <= 253 && matches(subdomainRE, n), n)
            XCTAssertEqual(NameRules.dns1123Label(n).isEmpty, n.utf8.count <= 63 && matches(labelRE, n), n)
        }
    }

    /// A name the API refuses (too long once the suffix is added) still goes the full way and is refused.
    func testRecordedEventWithAnInvalidNameIsRefusedAsBefore() throws {
        let c = Cluster()
        let evType = c.registry.lookup(kind: "Event")!
        let long = String(repeating: "a", count: 250)
        let obj: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(long), "namespace": "default", "uid": "u"]]
        let before = c.api.list(evType, namespace: "default").count
        c.events.record(obj, reason: "R", message: "m", component: "x")
        XCTAssertEqual(c.api.list(evType, namespace: "default").count, before)
    }

    // MARK: watch delivery

    final class Recorder: Controller {
        let name: String
        let watched: [ResourceType]?
        var seen: [String] = []
        init(_ name: String, _ watched: [ResourceType]?) { self.name = name; self.watched = watched }
        var watchedResources: [ResourceType]? { watched }
        func keys(for event: WatchEvent) -> [String] { seen.append(event.resource.kind); return [] }
        func sync(_ key: String) {}
    }

    /// A controller hears only the types it names; one naming none hears every change; registering later
    /// (after deliveries were cached per type) still counts.
    func testDeliveryIsFilteredByResourceType() throws {
        let c = Cluster()
        let cmType = c.registry.lookup(kind: "ConfigMap")!
        let onlyConfigMaps = Recorder("cm", [cmType]), everything = Recorder("all", nil)
        c.controllers.register(onlyConfigMaps)
        let obj = try c.api.create(cmType, ["metadata": ["name": "x"]], namespace: "default")
        c.events.record(obj, reason: "R", message: "m", component: "x")
        c.controllers.register(everything)
        _ = try c.api.create(cmType, ["metadata": ["name": "y"]], namespace: "default")
        c.events.record(obj, reason: "S", message: "m", component: "x")
        XCTAssertEqual(onlyConfigMaps.seen, ["ConfigMap", "ConfigMap"])
        XCTAssertEqual(everything.seen, ["ConfigMap", "Event"])
    }
}

/// The default topology spreading reads per-controller counts the scheduler cache keeps; they must equal the
/// recount over every node's pods that it replaced, through binds, moves, finished pods, deletes, owner edits,
/// nodes changing zone, and nodes removed and added again. The same changes must leave the cache's `PlainNode`s
/// (what the plain scheduling path reads instead of the nodes) equal to the nodes.
final class DefaultSpreadCountsTests: XCTestCase {
    var cordoned: Set<String> = []

    func node(_ name: String, zone: String?) -> Value {
        var labels: [String: String] = ["kubernetes.io/hostname": name]
        if let zone { labels["topology.kubernetes.io/zone"] = zone }
        var n: Value = ["metadata": ["name": .string(name), "labels": Value(stringMap: labels)],
                        "status": ["allocatable": ["cpu": "2", "memory": .string(name == "n1" ? "2Gi" : "4Gi"), "pods": "110"]]]
        if cordoned.contains(name) { n["spec"] = ["unschedulable": true] }
        return n
    }

    func assertPlainNodesCurrent(_ c: SchedulerCache, _ nodes: [NodeState], _ context: String) {
        c.withPlainNodes { plain in
            XCTAssertEqual(plain.count, nodes.count, context)
            for (p, n) in zip(plain, nodes) {
                XCTAssertEqual(p.plain, !n.unschedulable && n.taints.isEmpty, context)
                XCTAssertEqual(p.podCount, n.podCount, context)
                XCTAssertEqual(p.allowedPods, n.allowedPods, context)
                XCTAssertEqual(p.used, n.requested.figures, context)
                XCTAssertEqual(p.allocatable, n.allocatable.figures, context)
                XCTAssertEqual(p.slot, n.slot, context)
                XCTAssertEqual(p.zone < 0 ? nil : c.zoneNames[p.zone], n.zone, context)
            }
        }
    }

    func testKeptCountsEqualTheRecount() {
        var rng = SeededRandom(seed: 42)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let names = (0..<6).map { "n\($0)" }
        let zones: [String?] = ["z-a", "z-b", "z-c", nil]
        let owners = ["rs1", "rs2", "rs3"]
        for round in 0..<150 {
            let c = SchedulerCache()
            for n in names { _ = c.upsert(node: node(n, zone: pick(zones))) }
            for step in 0..<60 {
                switch rng.next() % 10 {
                case 0:
                    // A node changes zone (or not), sometimes cordoned or uncordoned.
                    let name = pick(names)
                    if rng.next() % 3 == 0 { if cordoned.remove(name) == nil { cordoned.insert(name) } }
                    _ = c.upsert(node: node(name, zone: pick(zones)))
                case 1: c.remove(node: pick(names))
                case 2: _ = c.upsert(node: node(pick(names), zone: pick(zones)))  // back, or a new zone
                default:
                    let name = "p\(rng.next() % 12)"
                    if rng.next() % 6 == 0 { c.update(pod: nil, key: ObjectKey(namespace: "default", name: name)); break }
                    var p: Value = ["metadata": ["name": .string(name), "namespace": "default", "uid": .string("\(name)-\(rng.next() % 2)")],
                                    "spec": ["nodeName": .string(pick(names)), "containers": [["name": "c", "image": "nginx", "resources": ["requests": ["cpu": .string(pick(["100m", "1"]))]]]]],
                                    "status": ["phase": .string(pick(["Pending", "Running", "Running", "Succeeded"]))]]
                    if rng.next() % 4 != 0 {
                        p[path: "metadata", "ownerReferences"] = [["uid": .string(pick(owners)), "controller": true]]
                    }
                    c.update(pod: p, key: ObjectKey(namespace: "default", name: name))
                }
                let nodes = c.orderedNodes()
                assertPlainNodesCurrent(c, nodes, "round \(round) step \(step)")
                // Scores.total's shortcut for untainted nodes: taintScores gives 100 to each.
                let pod = PodContext(["metadata": ["name": "x", "namespace": "default"], "spec": ["containers": [["name": "c", "image": "nginx"]]]])
                XCTAssertEqual(Scores.taintScores(pod, nodes), nodes.map { _ in 100 })
                for o in owners + ["none"] {
                    XCTAssertEqual(Scores.defaultSpread(owner: o, nodes, c), Scores.defaultSpreadRecounted(owner: o, nodes, c),
                                   "round \(round) step \(step) owner \(o)")
                    // Over a subset too (the feasible nodes).
                    let some = nodes.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                    XCTAssertEqual(Scores.defaultSpread(owner: o, some, c), Scores.defaultSpreadRecounted(owner: o, some, c))
                }
            }
        }
    }
}

/// The scheduler's memos of pod and container requests give what reading every container gives: over random pods
/// whose containers share or rebuild their `resources`, with extended resources, ports, init containers and overhead,
/// and pods that repeat the last one's parts in part or in whole.
final class RequestsMemoTests: XCTestCase {
    func testMemoGivesWhatAFullReadGives() {
        var rng = SeededRandom(seed: 7)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let quantities: [Value?] = [nil, "10m", "100m", "1", "0.5", "16Mi", "1Gi", "bad", 2]
        func resources() -> Value? {
            if rng.next() % 5 == 0 { return nil }
            var requests = Value.emptyObject
            for k in ["cpu", "memory", "ephemeral-storage", "nvidia.com/gpu"] where rng.next() % 2 == 0 {
                requests[k] = pick(quantities)
            }
            return rng.next() % 6 == 0 ? "not an object" : ["requests": requests, "limits": ["cpu": "1"]]
        }
        let shared = (0..<3).map { _ in resources() }
        let memo = RequestsMemo()
        var previous: Value?
        for round in 0..<3_000 {
            func container(_ i: Int) -> Value {
                var c: Value = ["name": .string("c\(i)"), "image": "nginx"]
                // Mostly one of a few shared objects (replicas of a template), sometimes one built afresh.
                let r = rng.next() % 4 == 0 ? resources() : pick(shared)
                if let r { c["resources"] = r }
                if rng.next() % 5 == 0 { c["ports"] = [["containerPort": 80, "hostPort": 8080]] }
                return c
            }
            var spec: Value = ["containers": .array((0..<Int(1 + rng.next() % 3)).map(container))]
            if rng.next() % 4 == 0 { spec["initContainers"] = [container(9)] }
            if rng.next() % 6 == 0 { spec["overhead"] = ["cpu": "250m", "memory": "120Mi"] }
            // Now and then the last pod again, bound to a node (what the scheduler reads when its binding comes
            // back), or another pod sharing its containers but not its init containers or overhead.
            if let previous, rng.next() % 3 == 0 {
                let shared = spec
                spec = previous
                spec["nodeName"] = "n1"
                if rng.next() % 4 == 0 { spec["initContainers"] = shared["initContainers"] }
                if rng.next() % 4 == 0 { spec["overhead"] = shared["overhead"] }
            }
            previous = spec
            let pod: Value = ["metadata": ["name": "p"], "spec": spec]
            XCTAssertEqual(PodRequest(pod: pod, memo: memo), PodRequest(pod: pod), "round \(round)")
        }
        XCTAssertGreaterThan(memo.hits, 1_000)
    }
}

/// The scheduler's path for plain pods on untainted nodes picks what the general filters and scores pick, with the
/// same tie-breaking draws: over random clusters (nodes full or nearly, tainted or cordoned now and then, replicas
/// of a few controllers spread over them) and random pods (plain, or with what sends them the general way).
final class PlainSchedulingTests: XCTestCase {
    func testPlainPathChoosesWhatTheGeneralPathChooses() {
        var rng = SeededRandom(seed: 11)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        var plainTaken = 0, unschedulable = 0
        for round in 0..<400 {
            let c = SchedulerCache()
            let nodeCount = 1 + Int(rng.next() % 9)
            for i in 0..<nodeCount {
                var n: Value = ["metadata": ["name": .string("n\(i)"), "labels": Value(stringMap: [
                    "kubernetes.io/hostname": "n\(i)", "topology.kubernetes.io/zone": pick(["z-a", "z-b", "z-c"])])],
                                "status": ["allocatable": ["cpu": pick(["1", "2", "940m"]), "memory": pick(["1Gi", "4Gi", "2816Mi"]),
                                                           "pods": .string(pick(["3", "110"]))]]]
                if round % 5 == 0, rng.next() % 6 == 0 { n["spec"] = ["unschedulable": true] }
                if round % 7 == 0, rng.next() % 6 == 0 {
                    n[path: "spec", "taints"] = [["key": "k", "value": "v", "effect": .string(pick(["NoSchedule", "PreferNoSchedule"]))]]
                }
                _ = c.upsert(node: n)
            }
            func pod(_ name: String, node: String?) -> Value {
                var container: Value = ["name": "c", "image": "nginx"]
                if rng.next() % 4 != 0 {
                    container["resources"] = ["requests": ["cpu": pick(["10m", "250m", "500m", "1"]), "memory": pick(["16Mi", "256Mi", "1Gi"])]]
                }
                var p: Value = ["metadata": ["name": .string(name), "namespace": "default", "uid": .string("u-\(name)")],
                                "spec": ["containers": [container]], "status": ["phase": "Running"]]
                if let node { p[path: "spec", "nodeName"] = .string(node) }
                if rng.next() % 5 != 0 {
                    p[path: "metadata", "ownerReferences"] = [["uid": .string(pick(["rs1", "rs2"])), "controller": true]]
                }
                return p
            }
            for i in 0..<Int(rng.next() % 14) { c.update(pod: pod("a\(i)", node: "n\(rng.next() % UInt64(nodeCount))"), key: ObjectKey(namespace: "default", name: "a\(i)")) }
            if round % 9 == 0 {
                // An assigned pod with required anti-affinity: every new pod takes the general path.
                var a = pod("anti", node: "n0")
                a[path: "spec", "affinity"] = ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                    ["topologyKey": "kubernetes.io/hostname", "labelSelector": ["matchLabels": ["x": "y"]]]]]]
                c.update(pod: a, key: ObjectKey(namespace: "default", name: "anti"))
            }
            for j in 0..<6 {
                var p = pod("new\(j)", node: nil)
                switch rng.next() % 12 {
                case 0: p[path: "spec", "nodeSelector"] = ["topology.kubernetes.io/zone": "z-a"]
                case 1: p[path: "spec", "affinity"] = ["podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
                    ["weight": 10, "podAffinityTerm": ["topologyKey": "kubernetes.io/hostname", "labelSelector": ["matchLabels": ["a": "b"]]]]]]]
                case 2: p[path: "spec", "tolerations"] = [["key": "k", "operator": "Exists"]]
                case 3: p[path: "spec", "containers"] = [["name": "c", "image": "nginx", "ports": [["containerPort": 80, "hostPort": 80]]]]
                case 4: p[path: "spec", "topologySpreadConstraints"] = []
                case 5: p[path: "spec", "topologySpreadConstraints"] = [["maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                                                                         "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": ["matchLabels": ["a": "b"]]]]
                default: break
                }
                var a = SeededRandom(seed: UInt64(round * 10 + j)), b = a
                let fast = SchedulingAlgorithm.schedule(p, c, &a)
                let general = SchedulingAlgorithm.schedule(p, c, &b, plain: false)
                XCTAssertEqual(fast, general, "round \(round) pod \(j)")
                XCTAssertEqual(a.next(), b.next(), "round \(round) pod \(j): the same draws")
                var probe = SeededRandom(seed: 1)
                if SchedulingAlgorithm.plainChoice(p, c.orderedNodes(), c, &probe) != nil { plainTaken += 1 }
                if case .unschedulable = general { unschedulable += 1 }
                // The chosen node takes the pod, so later pods see it.
                if case .node(let n) = general { p[path: "spec", "nodeName"] = .string(n); c.update(pod: p, key: ObjectKey(namespace: "default", name: "new\(round)-\(j)")) }
            }
        }
        XCTAssertGreaterThan(plainTaken, 800)
        XCTAssertGreaterThan(unschedulable, 50)
    }
}
