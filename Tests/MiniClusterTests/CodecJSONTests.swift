// Value ⇄ JSON like Go's encoding/json (kubectl `-o json`, `-f x.json`).
import XCTest
@testable import MiniCluster

final class CodecJSONTests: XCTestCase {
    func testMarshalIndentLayout() {
        let v: Value = ["kind": "ConfigMap", "data": ["a": "<b>&amp;", "b": "x\u{08}y\u{0C}z\u{01}\u{2028}é\t"],
                        "empty": [:], "list": [], "n": nil, "nums": [1, 0.5, true]]
        XCTAssertEqual(JSONCodec.encode(v), """
        {
            "kind": "ConfigMap",
            "data": {
                "a": "\\u003cb\\u003e\\u0026amp;",
                "b": "x\\by\\fz\\u0001\\u2028é\\t"
            },
            "empty": {},
            "list": [],
            "n": null,
            "nums": [
                1,
                0.5,
                true
            ]
        }

        """)
        XCTAssertEqual(JSONCodec.encodeCompact(["a": [1, "x"], "b": [:]]), "{\"a\":[1,\"x\"],\"b\":{}}")
    }

    func testGoFloatFormats() {
        let json: [(Double, String)] = [(0.5, "0.5"), (1e21, "1e+21"), (1.5e300, "1.5e+300"), (1e22, "1e+22"),
                                        (0.000001, "0.000001"), (1e-7, "1e-7"), (123456789.5, "123456789.5"),
                                        (-0.25, "-0.25"), (100, "100"), (1e20, "100000000000000000000")]
        for (d, want) in json { XCTAssertEqual(GoFloat.json(d), want, "\(d)") }
        let yaml: [(Double, String)] = [(0.5, "0.5"), (1e6, "1e+06"), (123456.0, "123456"), (1234567.5, "1.2345675e+06"),
                                        (0.0001, "0.0001"), (0.00001, "1e-05"), (1e21, "1e+21"), (.infinity, ".inf"),
                                        (-.infinity, "-.inf"), (.nan, ".nan"), (-2.5, "-2.5")]
        for (d, want) in yaml { XCTAssertEqual(GoFloat.yaml(d), want, "\(d)") }
    }

    func testDecodeValues() throws {
        let v = try JSONCodec.decode(#"{"a": [1, -2, 1.5, 1E2, 1e22, true, false, null], "s": "\u00e9\n\ud83d\ude00\/", "o": {}}"#)
        XCTAssertEqual(v["a"], [1, -2, 1.5, .double(100), .double(1e22), true, false, nil])
        XCTAssertEqual(v["s"], "é\n😀/")
        XCTAssertEqual(v["o"], [:])
    }

    /// Messages recorded from kubectl 1.32 (`error parsing f.json: …`) and Go's json.Unmarshal.
    func testStreamErrorsLikeKubectl() {
        let cases: [(String, String)] = [
            ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\n\"metadata\":{\"name\":\"a\",}}\n",
             "json: offset 63: invalid character '}' looking for beginning of object key string"),
            ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\n\"metadata\":{\"name\":\"a\"}\n", "unexpected EOF"),
            ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}} garbage\n",
             "json: offset 64: invalid character 'g' looking for beginning of value"),
            ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\n\"a}}\n",
             "json: offset 63: invalid character '\\n' in string literal"),
            ("{\"a\" 1}", "json: offset 6: invalid character '1' after object key"),
            ("{\"a\": 1 \"b\"}", "json: offset 9: invalid character '\"' after object key:value pair"),
            ("[1 2]", "json: offset 4: invalid character '2' after array element"),
            ("[1,]", "json: offset 4: invalid character ']' looking for beginning of value"),
            ("{\"a\": tru}", "json: offset 10: invalid character '}' in literal true (expecting 'e')"),
            ("{\"a\": -x}", "json: offset 8: invalid character 'x' in numeric literal"),
            ("{\"a\": \"\\q\"}", "json: offset 9: invalid character 'q' in string escape code"),
            ("{'a': 1}", "json: offset 2: invalid character '\\'' looking for beginning of object key string"),
        ]
        for (text, want) in cases {
            let r = JSONCodec.decodeStream(text)
            XCTAssertEqual(r.error?.description, want, text)
        }
        XCTAssertEqual(JSONCodec.decodeStream("{\"a\":1}\n{\"b\":2}\n{").values, [["a": 1], ["b": 2]])
    }

    func testSingleValueErrors() {
        XCTAssertThrowsError(try JSONCodec.decode("{\"a\":1}x")) { e in
            XCTAssertEqual((e as? JSONError)?.message, "invalid character 'x' after top-level value")
        }
        XCTAssertThrowsError(try JSONCodec.decode("{\"a\":")) { e in
            XCTAssertEqual((e as? JSONError)?.message, "unexpected end of JSON input")
        }
    }

    func testRoundTrip() throws {
        let v: Value = ["a": ["b": [1, 2.5, "x\"y", nil, true]], "c": "ünï <&>"]
        XCTAssertEqual(try JSONCodec.decode(JSONCodec.encode(v)), v)
        XCTAssertEqual(try JSONCodec.decode(JSONCodec.encodeCompact(v)), v)
    }

    func testDeepNestingIsAnError() {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertEqual(JSONCodec.decodeStream(deep).error?.message, "invalid character '[' exceeded max depth")
        XCTAssertNoThrow(try JSONCodec.decode(String(repeating: "[", count: 900) + String(repeating: "]", count: 900)))
    }
}
