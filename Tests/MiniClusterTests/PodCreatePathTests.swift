@testable import MiniCluster
import XCTest

/// The pod create path's shortcuts give what the general path gives: names built as bytes, the shared created
/// status, and PodCreateMemo when the replicas of several templates are created in between one another.
final class PodCreatePathTests: XCTestCase {
    /// `name(prefix:)` is `prefix + nameSuffix()`, with the same draws, for any prefix.
    func testNameWithPrefixEqualsNameSuffix() {
        let prefixes = ["", "web-", "kube-api-access-", "nginx-deployment-7c5ddbdf54-", "é-", "a",
                        String(repeating: "x", count: 58), "K-"]
        for seed in UInt64(0)..<2000 {
            let prefix = prefixes[Int(seed % UInt64(prefixes.count))]
            var a = SeededRandom(seed: seed &* 2_654_435_761), b = a
            let fast = a.name(prefix: prefix), slow = prefix + b.nameSuffix()
            XCTAssertEqual(Array(fast.utf8), Array(slow.utf8), "seed \(seed)")
            XCTAssertEqual(a.next(), b.next(), "seed \(seed): the same draws")
            XCTAssertEqual(PodKind.tokenName(seed), { var r = SeededRandom(seed: seed); return PodKind.tokenPrefix + r.nameSuffix() }())
        }
    }

    /// The shared statuses are the ones built for each QoS class.
    func testCreatedStatusIsTheBuiltOne() {
        for qos in ["BestEffort", "Burstable", "Guaranteed", "Other"] {
            let built: Value = ["phase": "Pending", "qosClass": .string(qos)]
            XCTAssertEqual(JSONCodec.encode(PodKind.createdStatus(qos)), JSONCodec.encode(built))
        }
    }

    /// Templates interleaved (a DaemonSet's pods between a ReplicaSet's replicas), more of them than the memo
    /// keeps: every answer, status and draw is the long way's, and interleaved templates still hit.
    func testInterleavedTemplatesEqualTheLongWay() throws {
        let memo = PodCreateMemo()
        var gen = SeededRandom(seed: 23)
        let pool = (0..<40).map { _ in CreateMemoTests.randomSpec(&gen) }
        // The templates created most often are ones the memo keeps (no token-like names of their own).
        let hot = pool.indices.filter { !PodCreateMemo.usesTokenPrefix(pool[$0]) }.prefix(3)
        XCTAssertEqual(hot.count, 3, "three templates the memo keeps")
        guard hot.count == 3 else { return }
        for round in 0..<3000 {
            // Mostly three templates in turn; now and then any of the forty.
            let pick = gen.next() % 10 == 0 ? Int(gen.next() % 40) : hot[hot.startIndex + Int(gen.next() % 3)]
            var input = pool[pick]
            if round % 11 == 0 { input = try JSONCodec.decode(JSONCodec.encode(input)) }
            let seed = UInt64(round) &* 104_729
            _ = CreateMemoTests.createBothWays(memo, input, seed: seed, round: round)
        }
        XCTAssertGreaterThan(memo.hits, 2000)
        XCTAssertGreaterThan(memo.validationHits, 500)
    }

    /// A generateName prefix checked from memory gets the full check's errors: over random prefixes, valid and
    /// not, repeated and not, under every rule.
    func testGenerateNameMemoEqualsFullCheck() {
        var gen = SeededRandom(seed: 29)
        let prefixes = ["web-", "web-", "Web-", "-web", "a.b-", "nginx-deployment-7c5ddbdf54-", "x_y-", "",
                        String(repeating: "p", count: 260), "web-", "café-"]
        let rules: [NameRule] = [.subdomain, .label, .dns1035, .pathSegment]
        let meta = FieldPath("metadata")
        for round in 0..<2000 {
            let prefix = prefixes[Int(gen.next() % UInt64(prefixes.count))]
            let rule = rules[Int(gen.next() % UInt64(gen.next() % 5 == 0 ? 4 : 1))]
            let bare: Value = ["metadata": ["name": "p-bcdfg", "namespace": "default"]]
            var obj = bare
            obj[path: "metadata", "generateName"] = .string(prefix)
            var expected: [FieldError] = []
            if !prefix.isEmpty { expected = FieldErrors.each(rule.messages(prefix, prefix: true), meta.child("generateName"), prefix) }
            expected += ObjectMetaValidation.validate(bare, rule: rule, namespaced: true)
            XCTAssertEqual(ObjectMetaValidation.validate(obj, rule: rule, namespaced: true), expected, "round \(round): \(rule) \(prefix)")
        }
    }
}
