@testable import MiniCluster
import OrderedCollections
import XCTest

/// The create path's memos (PodCreateMemo, the label check's last pass) give what the long way gives: over random
/// sequences of specs, some repeated, some invalid, some already using token-like names.
final class CreateMemoTests: XCTestCase {
    static let sa = PodKind.serviceAccountMountPath

    /// A random pod spec from pieces that defaulting, admission and validation each treat differently.
    static func randomSpec(_ rng: inout SeededRandom) -> Value {
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func container(_ name: String) -> Value {
            var c: Value = ["name": .string(name), "image": .string(pick(["nginx", "nginx:1.25", "busybox@sha256:abc", ""]))]
            if rng.next() % 2 == 0 {
                c["resources"] = pick([["limits": ["cpu": "0.5", "memory": "1024Mi"]], ["requests": ["cpu": "10m"]],
                                       ["requests": ["cpu": "1", "memory": "1Gi"], "limits": ["cpu": "1", "memory": "1Gi"]]])
            }
            if rng.next() % 3 == 0 { c["ports"] = [["containerPort": 80]] }
            if rng.next() % 4 == 0 { c["readinessProbe"] = ["httpGet": ["port": 80]] }
            var mounts: [Value] = []
            for _ in 0..<Int(rng.next() % 3) {
                mounts.append(["name": .string(pick(["data", "missing", "kube-api-access-zzzzz", "kube-api-access-bcdfg"])),
                               "mountPath": .string(pick(["/data", Self.sa, "/x"]))])
            }
            if !mounts.isEmpty { c["volumeMounts"] = .array(mounts) }
            return c
        }
        var spec: Value = ["containers": .array((0..<Int(1 + rng.next() % 2)).map { container("c\($0)") })]
        if rng.next() % 4 == 0 { spec["initContainers"] = [container("init")] }
        switch rng.next() % 5 {
        case 0: spec["volumes"] = [["name": "data", "emptyDir": [:]]]
        case 1: spec["volumes"] = [["name": "kube-api-access-qqqqq", "emptyDir": [:]]]
        case 2: spec["volumes"] = [["name": "data", "configMap": ["name": "cm"]], ["name": "data", "emptyDir": [:]]]
        default: break
        }
        if rng.next() % 5 == 0 { spec["automountServiceAccountToken"] = false }
        if rng.next() % 5 == 0 { spec["serviceAccountName"] = "builder" }
        if rng.next() % 6 == 0 { spec["hostNetwork"] = true }
        return spec
    }

    /// One create of `input` through `memo` and the long way, both drawing from `seed`: the spec (key order
    /// too), the created status, the draws and create-time validation must agree. The full validation's errors.
    static func createBothWays(_ memo: PodCreateMemo, _ input: Value, seed: UInt64, round: Int) -> [FieldError] {
        var obj: Value = ["metadata": ["name": "p"], "spec": input]
        var slowRng = SeededRandom(seed: seed)
        PodKind.slowDefaults(&obj, DefaultingContext(now: Timestamp(ms: 0), isCreate: true, random: { slowRng.next() }))
        var fastRng = SeededRandom(seed: seed)
        let (spec, qos) = memo.defaulted(input, random: { fastRng.next() })
        XCTAssertEqual(spec, obj["spec"], "round \(round): \(input)")
        XCTAssertEqual(JSONCodec.encode(spec), JSONCodec.encode(obj["spec"]!), "round \(round): key order too")
        XCTAssertEqual(JSONCodec.encode(PodKind.createdStatus(qos)), JSONCodec.encode(obj["status"]!), "round \(round)")
        XCTAssertEqual(fastRng.next(), slowRng.next(), "round \(round): the same draws")

        let path = FieldPath("spec")
        let full = PodSpecValidation.spec(spec, path, isPod: true)
        let fast: [FieldError]
        if memo.vouches(for: spec) { fast = [] } else {
            fast = PodSpecValidation.spec(spec, path, isPod: true)
            if fast.isEmpty { memo.passed(spec) }
        }
        XCTAssertEqual(fast, full, "round \(round): \(spec)")
        return full
    }

    /// Defaulting, the status it sets, the generator's draws and create-time validation, with and without the
    /// memo, agree over random sequences in which specs repeat (as replicas of a template do).
    func testPodCreateMemoEqualsTheLongWay() throws {
        let memo = PodCreateMemo()
        var gen = SeededRandom(seed: 11)
        let pool = (0..<12).map { _ in Self.randomSpec(&gen) }
        var valid = 0, invalid = 0, current = 0
        for round in 0..<3000 {
            // Runs of one spec (a ReplicaSet scaling up), then another.
            if gen.next() % 8 == 0 { current = Int(gen.next() % UInt64(pool.count)) }
            var input = pool[current]
            // Sometimes an equal spec that shares no storage with the pool's.
            if round % 7 == 0 { input = try JSONCodec.decode(JSONCodec.encode(input)) }
            let seed = UInt64(round) &* 7919

            let full = Self.createBothWays(memo, input, seed: seed, round: round)
            if full.isEmpty { valid += 1 } else { invalid += 1 }
        }
        XCTAssertGreaterThan(memo.hits, 1000)
        XCTAssertGreaterThan(memo.validationHits, 300)
        XCTAssertGreaterThan(valid, 300)
        XCTAssertGreaterThan(invalid, 300)
    }

    /// Every replica of a ReplicaSet is created through the memo: the pods differ only in name, uid and token
    /// volume name, and the token name sits in the volume and in each container's mount.
    func testReplicasShareTheTemplatesDefaults() throws {
        var gen = SeededRandom(seed: 5)
        let input: Value = ["containers": [["name": "a", "image": "nginx", "resources": ["requests": ["cpu": "10m"]]],
                                           ["name": "b", "image": "nginx", "volumeMounts": [["name": "data", "mountPath": "/d"]]]],
                            "volumes": [["name": "data", "emptyDir": [:]]]]
        let memo = PodCreateMemo()
        let first = memo.defaulted(input, random: { gen.next() }).spec
        let second = memo.defaulted(input, random: { gen.next() }).spec
        XCTAssertEqual(memo.hits, 1)
        let n1 = first[path: "volumes"]?[1]?["name"], n2 = second[path: "volumes"]?[1]?["name"]
        XCTAssertNotEqual(n1, n2)
        XCTAssertEqual(second[path: "containers"]?[0]?["volumeMounts"]?[0]?["name"], n2)
        XCTAssertEqual(second[path: "containers"]?[1]?["volumeMounts"]?[1]?["name"], n2)
        XCTAssertEqual(second[path: "containers"]?[1]?["volumeMounts"]?[0]?["name"], "data")
    }

    /// The label check from memory equals the full one over random maps, valid and not, repeated and not.
    func testLabelMemoEqualsFullCheck() {
        var gen = SeededRandom(seed: 3)
        let keys = ["app", "tier", "example.com/x", "-bad", "pod-template-hash", String(repeating: "k", count: 64)]
        let values = ["web", "", "a b", "v1", "-x", String(repeating: "v", count: 64)]
        var pool: [OrderedDictionary<String, Value>] = []
        for _ in 0..<10 {
            var o = OrderedDictionary<String, Value>()
            for _ in 0..<Int(gen.next() % 4) { o[keys[Int(gen.next() % 6)]] = .string(values[Int(gen.next() % 6)]) }
            pool.append(o)
        }
        let p = FieldPath("metadata").child("labels")
        var remembered = 0
        for round in 0..<1000 {
            let o = pool[Int(gen.next() % UInt64(pool.count))]
            if ObjectMetaValidation.validLabels.passed(.object(o)) { remembered += 1 }
            XCTAssertEqual(ObjectMetaValidation.labels(.object(o), p), ObjectMetaValidation.slowLabels(o, p), "round \(round): \(o)")
        }
        XCTAssertGreaterThan(remembered, 50)
    }

    /// The namespace check from memory gives what the full check gives, over namespaces valid and not, repeated.
    func testNamespaceMemoEqualsFullCheck() {
        var gen = SeededRandom(seed: 5)
        let namespaces = ["default", "kube-system", "Bad_NS", "-x", "team-a", String(repeating: "n", count: 64), "default"]
        for round in 0..<500 {
            let ns = namespaces[Int(gen.next() % UInt64(namespaces.count))]
            let pod: Value = ["metadata": ["name": "web", "namespace": .string(ns)]]
            let errors = ObjectMetaValidation.validate(pod, rule: .subdomain, namespaced: true)
            let expected = FieldErrors.each(NameRules.dns1123Label(ns), FieldPath("metadata").child("namespace"), ns)
            XCTAssertEqual(errors, expected, "round \(round): \(ns)")
        }
    }
}
