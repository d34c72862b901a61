// Value → YAML as kubectl's `-o yaml` prints it; the oracle test compares with the real kubectl 1.32.
import Foundation
import XCTest
@testable import MiniCluster
import TestSupport

final class CodecYAMLEncodeTests: XCTestCase {
    /// Quoting and block styles recorded from `kubectl label --local -f q.yaml foo=bar -o yaml`.
    func testStringStylesLikeKubectl() throws {
        let cases: [(String, String)] = [
            ("yes", "\"yes\""), ("- x", "'- x'"), ("#x", "'#x'"), ("x #y", "'x #y'"), ("@x", "'@x'"), ("`x", "'`x'"),
            ("it's", "it's"), ("say \"hi\"", "say \"hi\""), ("tab\there", "\"tab\\there\""), ("ünïcødé ✓", "ünïcødé ✓"),
            ("*x", "'*x'"), ("&x", "'&x'"), ("!x", "'!x'"), ("%x", "'%x'"), ("{x}", "'{x}'"), ("[x]", "'[x]'"),
            ("x,y", "x,y"), ("-", "'-'"), ("?", "'?'"), (":", "':'"), ("x:", "'x:'"), ("1:2", "\"1:2\""),
            ("12:30:00", "\"12:30:00\""), ("190:20:30", "\"190:20:30\""), ("1e+06", "\"1e+06\""), ("-.5", "\"-.5\""),
            ("0.", "\"0.\""), ("Off", "\"Off\""), ("N", "\"N\""), ("nan", "nan"), ("NaN", "NaN"), ("-.Inf", "\"-.Inf\""),
            ("0755", "\"0755\""), ("1_0", "\"1_0\""), ("0b2", "0b2"), ("==", "=="), ("<<", "<<"), ("x\r\ny", "\"x\\r\\ny\""),
            ("\u{01}", "\"\\x01\""), ("trailing\n ", "\"trailing\\n \""), ("|", "'|'"), (">", "'>'"), ("'", "''''"),
            ("\"", "'\"'"), ("a\tb\nc", "\"a\\tb\\nc\""), ("1.5e3", "\"1.5e3\""), ("+.5", "\"+.5\""), ("1.", "\"1.\""),
            ("12e", "12e"), ("0x", "0x"), ("0x1F", "\"0x1F\""), ("1.0", "\"1.0\""), ("012", "\"012\""), ("~", "\"~\""),
            ("1e3", "\"1e3\""), (".inf", "\".inf\""), ("2024-01-01", "\"2024-01-01\""), ("01", "\"01\""),
            ("True", "\"True\""), ("NO", "\"NO\""), ("0o17", "\"0o17\""), ("+12", "\"+12\""), (".5", "\".5\""),
            ("0b101", "\"0b101\""), ("", "\"\""), ("null", "\"null\""), ("80", "\"80\""), ("trailing ", "'trailing '"),
            (" leading", "' leading'"), ("a: b", "'a: b'"), ("2026-11-26T08:45:20Z", "\"2026-11-26T08:45:20Z\""),
        ]
        for (s, want) in cases {
            XCTAssertEqual(YAMLCodec.encode(["k": .string(s)]), "k: \(want)\n", s.debugDescription)
        }
    }

    func testBlockScalarsAndFolding() {
        XCTAssertEqual(YAMLCodec.encode(["v": "multi\nline"]), "v: |-\n  multi\n  line\n")
        XCTAssertEqual(YAMLCodec.encode(["w": "multi\nline\n"]), "w: |\n  multi\n  line\n")
        XCTAssertEqual(YAMLCodec.encode(["aq": "a\n\nb\n\n"]), "aq: |+\n  a\n\n  b\n\n")
        XCTAssertEqual(YAMLCodec.encode(["ar": "  indented\nline"]), "ar: |2-\n    indented\n  line\n")
        let long = Array(repeating: "long", count: 26).joined(separator: " ")
        XCTAssertEqual(YAMLCodec.encode(["bo": .string(long)]),
                       "bo: long long long long long long long long long long long long long long long long\n  long long long long long long long long long long\n")
    }

    func testLayoutSortingAndScalars() {
        let v: Value = [
            "metadata": ["name": "x", "labels": [:]],
            "kind": "Pod",
            "spec": ["containers": [["name": "c", "args": [], "ports": [["containerPort": 80]]]]],
            "nul": nil, "b": true, "f": 0.5, "big": .double(1234567.5), "apiVersion": "v1",
        ]
        XCTAssertEqual(YAMLCodec.encode(v), """
        apiVersion: v1
        b: true
        big: 1.2345675e+06
        f: 0.5
        kind: Pod
        metadata:
          labels: {}
          name: x
        nul: null
        spec:
          containers:
          - args: []
            name: c
            ports:
            - containerPort: 80

        """)
    }

    /// Recorded: `kubectl create configmap x --from-literal=x10=1 --from-literal=x9=2 … -o yaml`.
    func testGoYAMLKeyOrder() {
        let keys = ["x10", "x9", "B", "_a", "a01", "a1", "a001", "Z.x", "z-y", "z.y"]
        XCTAssertEqual(keys.sorted(by: YAMLCodec.keyLess), ["_a", "B", "Z.x", "a1", "a01", "a001", "x9", "x10", "z-y", "z.y"])
    }

    func testRoundTripOfEveryReferenceManifest() throws {
        for url in try ReferenceManifests.files() {
            let text = try String(contentsOf: url, encoding: .utf8)
            for doc in try YAMLCodec.decodeAll(text) {
                XCTAssertTrue(try YAMLCodec.decodeAll(YAMLCodec.encode(doc)).map(\.sortedKeys) == [doc.sortedKeys], url.lastPathComponent)
                XCTAssertEqual(try JSONCodec.decode(JSONCodec.encode(doc)), doc, url.lastPathComponent)
            }
        }
    }

    /// Oracle: decode each manifest, add an annotation, print; the real kubectl does the same offline.
    func testMatchesRealKubectlOnReferenceManifests() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        try assertMatchesKubectl(try ReferenceManifests.files())
    }

    func testMatchesRealKubectlOnTrickyScalars() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("codec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("tricky.yaml")
        try """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: tricky}
        data:
          a: yes
          b: 0x1F
          c: 1.0
          d: 012
          e: ~
          f: 1e3
          g: "2024-01-01"
          h: .5
          i: 0.000001
          j: 1e-7
          k: 123456789.5
          l: 1e21
          m: -0.0
          n: "a\\u2028b<&>"
          o: |
            text with trailing spaces   
            and more
          p: 'x:'
          q: [1, "two", 3.25, {x: [] , y: {}}]
          r: "tab\\tand\\u0001control"
          s: "quite a long string that will need folding because it goes past eighty columns for sure, yes"
          t: "quoted \\"long\\" string with a tab\\t that is double quoted and longer than eighty columns for sure"
          u1: "\\n"
          u2: "\\n\\n"
          u3: "   "
          u4: " \\nx"
          u5: "x\\n "
          u6: "a\\rb"
          u7: "a\\u0085b"
          u8: "? x"
          u9: "x: y: z"
          v1: "key #comment"
          v2: "emoji 😀 and ✓"
          v4: "- "
          v5: "a  b"
          v6: "trailing\\n\\n\\n"
          v7: "\\tleading tab\\nline"
          v8: "line one\\n  indented two\\n"
          v9: "%percent"
          w1: "!bang"
          w2: "|pipe"
          w3: "a,b"
          w4: "[a]b"
          w5: "x]"
          w6: "0.1.2"
          w7: "1e5x"
          w8: "TRUE"
          w9: "Null"
          x1: "~x"
          x2: "+"
          x3: "0x1G"
          x4: "-12:30"
          x5: "1:60"
          x6: "2001-12-14t21:59:43.10-05:00"
          x7: "2001-12-14 21:59:43.10"
          x8: "2001-13-14"
          x9: "a long string with a very long word somewhere supercalifragilisticexpialidocious-supercalifragilisticexpialidocious end"
          y1: {"z": 1, "a": {"y": [], "b": {}}}
          "on": key-on
          "123": numeric key
          "a b": spaced key
        """.write(to: file, atomically: true, encoding: .utf8)
        try assertMatchesKubectl([file])
    }

    /// One kubectl run per format over all files (`-f a -f b …` prints them in order, `---` between YAML objects).
    private func assertMatchesKubectl(_ urls: [URL], file: StaticString = #filePath, line: UInt = #line) throws {
        var objects: [Value] = []
        for url in urls {
            for doc in try YAMLCodec.decodeAll(try String(contentsOf: url, encoding: .utf8)) {
                let items = doc["kind"]?.stringValue?.hasSuffix("List") == true ? (doc["items"]?.arrayValue ?? []) : [doc]
                for var o in items {
                    o[path: "metadata", "annotations", "kubetutor"] = "1"
                    objects.append(o)
                }
            }
        }
        for format in ["yaml", "json"] {
            let args = ["annotate", "--local"] + urls.flatMap { ["-f", $0.path] } + ["kubetutor=1", "-o", format]
            guard let real = RealKubectl.run(args) else { continue }
            let ours = format == "yaml"
                ? objects.map { YAMLCodec.encode($0) }.joined(separator: "---\n")
                : objects.map { JSONCodec.encode($0.sortedKeys) }.joined()
            XCTAssertEqual(real.err, "", file: file, line: line)
            if ours != real.out {
                XCTFail("-o \(format):\n" + Transcript.diff(expected: real.out, actual: ours), file: file, line: line)
            }
        }
    }
}

/// The upstream manifests kept beside the project (never copied into it).
enum ReferenceManifests {
    static let folder = URL(fileURLWithPath: "/work/shared/reference/manifests")

    static func files() throws -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw XCTSkip("reference manifests not present at \(folder.path)")
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }
}
