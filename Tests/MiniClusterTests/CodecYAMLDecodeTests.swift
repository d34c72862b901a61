// YAML → Value: go-yaml v2 scalar rules, documents, anchors and kubectl's error texts.
import XCTest
@testable import MiniCluster

final class CodecYAMLDecodeTests: XCTestCase {
    private func one(_ yaml: String) throws -> Value {
        let docs = try YAMLCodec.decodeAll(yaml)
        XCTAssertEqual(docs.count, 1)
        return docs.first ?? .null
    }

    /// Plain scalars resolve as go-yaml v2 does (recorded with `kubectl label --local -f … -o json`).
    func testScalarResolution() throws {
        let cases: [(String, Value)] = [
            ("yes", true), ("on", true), ("y", true), ("True", true), ("NO", false), ("off", false), ("n", false),
            ("0x1F", 31), ("1.0", 1), ("012", 10), ("~", nil), ("null", nil), ("", nil), ("1e3", 1000),
            ("2024-01-01", "2024-01-01"), ("1_000", 1000), ("0o17", 15), ("+12", 12), (".5", 0.5), ("0b101", 5),
            ("-0b11", -3), ("08", 8), ("0x", "0x"), ("12e", "12e"), ("nan", "nan"), ("NaN", "NaN"), ("1.5", 1.5),
            ("-1", -1), ("0", 0), ("1e21", 1e21), ("hello", "hello"), ("1:20", "1:20"),
            ("'yes'", "yes"), ("\"80\"", "80"), ("!!str 80", "80"), ("!!int \"7\"", 7),
        ]
        for (text, want) in cases {
            XCTAssertEqual(try YAMLCodec.decode("v: \(text)\n")["v"], want, text)
        }
    }

    func testKeysAreResolvedThenStringified() throws {
        let v = try one("y: a\nn: b\n1: c\n1.5: d\non: e\nk: f\n")
        XCTAssertEqual(Array(v.objectValue?.keys ?? []), ["true", "false", "1", "1.5", "k"])
        XCTAssertEqual(v["true"], "e")  // `on` overwrote `y`: both are the key true
    }

    func testDocumentsSplitAndEmptySkipped() throws {
        let text = "---\n---\n# only a comment\n---\na: 1\n---\n\n--- # c\nb: 2\n...\n"
        XCTAssertEqual(try YAMLCodec.decodeAll(text), [["a": 1], ["b": 2]])
        XCTAssertEqual(try YAMLCodec.decodeAll(""), [])
        XCTAssertEqual(try YAMLCodec.decodeAll("a: 1"), [["a": 1]])
    }

    func testOrderPreservedAndDuplicateKeysLastWins() throws {
        let v = try one("z: 1\na: 2\nm: 3\nz: 4\n")
        XCTAssertEqual(Array(v.objectValue?.keys ?? []), ["z", "a", "m"])
        XCTAssertEqual(v["z"], 4)
    }

    func testAnchorsAliasesAndMerge() throws {
        let v = try one("""
        base: &b
          x: "1"
          w: "0"
        data:
          <<: *b
          w: "2"
        multi:
          <<: [{a: 1}, {a: 2, c: 3}]
        name: &n web
        labels: {nm: *n}
        """)
        XCTAssertEqual(v["data"], ["x": "1", "w": "2"])
        XCTAssertEqual(v["multi"], ["a": 1, "c": 3])
        XCTAssertEqual(v["labels"], ["nm": "web"])
    }

    func testFlowStyleKYAML() throws {
        let v = try one("---\n{\n  apiVersion: \"v1\",\n  kind: \"Pod\",\n  spec: {\n    containers: [{\n      name: \"c\",\n      ports: [80, 443,],\n    }],\n  },\n}\n")
        XCTAssertEqual(v["kind"], "Pod")
        XCTAssertEqual(v[path: "spec", "containers"]?[0]?["ports"], [80, 443])
    }

    func testBlockScalars() throws {
        let v = try one("a: |\n  x\n  y\nb: >-\n  folded\n  text\nc: |+\n  keep\n\n")
        XCTAssertEqual(v["a"], "x\ny\n")
        XCTAssertEqual(v["b"], "folded text")
        XCTAssertEqual(v["c"], "keep\n\n")
    }

    /// Error texts and lines as kubectl 1.32 printed them for these files (lines count from the document start).
    func testErrorsLikeGoYAML() {
        let cases: [(String, String)] = [
            ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: a\nspec:\n  containers: []\n",
             "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"),
            ("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n",
             "error converting YAML to JSON: yaml: line 4: found character that cannot start any token"),
            ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\nspec: {}\n",
             "error converting YAML to JSON: yaml: line 6: found unexpected end of stream"),
            ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: a\n  x: 1\n",
             "error converting YAML to JSON: yaml: line 4: did not find expected key"),
            ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\ndata: 1\n",
             "error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'"),
            ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *x\n",
             "error converting YAML to JSON: yaml: unknown anchor 'x' referenced"),
            ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nfoo\n",
             "error converting YAML to JSON: yaml: line 6: could not find expected ':'"),
            ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n  - a\n - b\n",
             "error converting YAML to JSON: yaml: line 6: did not find expected key"),
            ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  ~: b\n",
             "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"b\""),
            ("a: .inf\n", "error converting YAML to JSON: json: unsupported value: +Inf"),
            ("a: 1\n--- foo\nb: 2\n", "invalid Yaml document separator: foo"),
            ("a: 1\n---\nb: 1\nc\n", "error converting YAML to JSON: yaml: line 3: could not find expected ':'"),
        ]
        for (text, want) in cases {
            XCTAssertThrowsError(try YAMLCodec.decodeAll(text), want) { e in
                XCTAssertEqual((e as? YAMLError)?.description, want)
            }
        }
    }

    func testPartialDecodeKeepsEarlierDocuments() {
        let r = YAMLCodec.decodeDocuments("a: 1\n---\nb: [\n")
        XCTAssertEqual(r.values, [["a": 1]])
        XCTAssertEqual(r.error?.document, 1)
    }

    func testNonObjectDocumentsDecode() throws {
        XCTAssertEqual(try YAMLCodec.decodeAll("just a string\n"), ["just a string"])
        XCTAssertEqual(try YAMLCodec.decodeAll("- a\n- b\n"), [["a", "b"]])
    }

    /// Hostile input is refused with an error instead of exhausting the stack or memory.
    func testDeepNestingAndAliasBombsAreRefused() {
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        // libyaml's own nesting limit answers first; either way it is an error, not a crash.
        XCTAssertThrowsError(try YAMLCodec.decodeAll(deep)) { e in XCTAssertNotNil(e as? YAMLError) }
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 10).joined(separator: ", ") + "]\n" }
        XCTAssertThrowsError(try YAMLCodec.decodeAll(bomb)) { e in
            XCTAssertEqual((e as? YAMLError)?.problem, "document contains excessive aliasing")
        }
        XCTAssertNoThrow(try YAMLCodec.decodeAll(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)))
    }
}
