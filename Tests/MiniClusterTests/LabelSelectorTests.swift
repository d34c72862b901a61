import MiniCluster
import XCTest

final class LabelSelectorTests: XCTestCase {
    func testParseAndCanonicalString() throws {
        let cases: [(String, String)] = [
            ("", ""),
            ("app=web", "app=web"),
            ("app==web", "app==web"),
            ("app!=web", "app!=web"),
            ("tier in (b,a)", "tier in (a,b)"),
            ("tier notin (a)", "tier notin (a)"),
            ("app", "app"),
            ("!app", "!app"),
            ("  x = 1 , a in (z, y,z) ", "a in (y,z),x=1"),
            ("b=2,a=1", "a=1,b=2"),
            ("x in ()", "x in ()"),
            ("x in (in, notin)", "x in (in,notin)"),
            ("app=", "app="),
            ("example.com/role=db", "example.com/role=db"),
            ("x>5", "x>5"),
        ]
        for (input, want) in cases {
            XCTAssertEqual(try LabelSelector.parse(input).description, want, input)
        }
    }

    func testParseErrorsWordedLikeTheServer() {
        let cases: [(String, String)] = [
            ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
            ("app=web,", "found '', expected: identifier after ','"),
            ("=web", "found '=', expected: !, identifier, or 'end of string'"),
            ("app=web)", "found ')', expected: ',' or 'end of string'"),
            ("tier in a", "unable to parse requirement: found 'a' expected: '('"),
            ("tier in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
            ("tier in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
            ("!app=web", "found '=', expected: ',' or 'end of string'"),
            ("app=(x)", "unable to parse requirement: found '(', expected: identifier"),
            ("app_=x", "unable to parse requirement: <nil>: Invalid value: \"app_\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
            ("app=-x", "unable to parse requirement: values[0][app]: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
            ("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
            ("/a=b", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty"),
        ]
        for (input, want) in cases {
            XCTAssertThrowsError(try LabelSelector.parse(input), input) { e in
                XCTAssertEqual((e as? LabelSelectorError)?.message, want, input)
            }
        }
    }

    func testMatching() throws {
        let labels = ["app": "web", "tier": "front", "n": "7"]
        let cases: [(String, Bool)] = [
            ("", true), ("app=web", true), ("app==web", true), ("app=db", false), ("app!=db", true),
            ("missing!=x", true), ("tier in (front,back)", true), ("tier in (back)", false),
            ("tier notin (back)", true), ("missing notin (a)", true), ("tier notin (front)", false),
            ("app", true), ("missing", false), ("!missing", true), ("!app", false),
            ("app=web,tier=back", false), ("n>5", true), ("n<5", false), ("missing>1", false),
        ]
        for (sel, want) in cases {
            XCTAssertEqual(try LabelSelector.parse(sel).matches(labels), want, sel)
        }
    }

    func testFromObject() throws {
        let obj: Value = [
            "matchLabels": ["app": "web"],
            "matchExpressions": [
                ["key": "tier", "operator": "In", "values": ["b", "a"]],
                ["key": "env", "operator": "NotIn", "values": ["dev"]],
                ["key": "x", "operator": "DoesNotExist"],
                ["key": "canary", "operator": "Exists"],
            ],
        ]
        let s = try LabelSelector(object: obj)
        XCTAssertEqual(s.description, "app=web,canary,env notin (dev),tier in (a,b),!x")
        XCTAssertTrue(s.matches(["app": "web", "tier": "a", "canary": ""]))
        XCTAssertFalse(s.matches(["app": "web", "tier": "a"]))
        XCTAssertFalse(try LabelSelector(object: nil).matches([:]), "a missing selector selects nothing")
        XCTAssertTrue(try LabelSelector(object: [:]).matches(["a": "b"]), "an empty selector selects everything")
        XCTAssertEqual(LabelSelector.format([:]), "<none>")
        XCTAssertEqual(LabelSelector.format(["matchLabels": ["app": "web"]]), "app=web")
        XCTAssertEqual(LabelSelector.format(["matchExpressions": [["key": "a", "operator": "Bogus"]]]), "<error>")
        XCTAssertThrowsError(try LabelSelector(object: ["matchExpressions": [["key": "a", "operator": "Bogus"]]])) { e in
            XCTAssertEqual((e as? LabelSelectorError)?.message, "\"Bogus\" is not a valid label selector operator")
        }
        XCTAssertEqual(LabelSelector(matchLabels: ["b": "2", "a": "1"]).description, "a=1,b=2")
    }
}
