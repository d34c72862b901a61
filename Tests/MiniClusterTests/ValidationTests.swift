import MiniCluster
import XCTest

final class ValidationTests: XCTestCase {
    let label1123 = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    let subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    let dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    func testNameRules() {
        XCTAssertEqual(NameRules.dns1123Label("Bad_Name"), [label1123])
        XCTAssertEqual(NameRules.dns1123Label("a.b"), ["must not contain dots"])
        XCTAssertEqual(NameRules.dns1123Label("web-1"), [])
        XCTAssertEqual(NameRules.dns1123Label(String(repeating: "a", count: 64)), ["must be no more than 63 characters"])
        XCTAssertEqual(NameRules.dns1123Subdomain("Bad_Name"), [subdomain])
        XCTAssertEqual(NameRules.dns1123Subdomain("my.app-1"), [])
        XCTAssertEqual(NameRules.dns1123Subdomain("-x"), [subdomain])
        XCTAssertEqual(NameRules.dns1035Label("1web"), [dns1035])
        XCTAssertEqual(NameRules.dns1035Label("Svc_Bad"), [dns1035])
        XCTAssertEqual(NameRules.dns1035Label("web"), [])
        XCTAssertEqual(NameRule.subdomain.messages("web-", prefix: true), [])
        XCTAssertEqual(NameRule.subdomain.messages("web-", prefix: false), [subdomain])
    }

    func testQualifiedNamesAndLabelValues() {
        XCTAssertEqual(NameRules.qualifiedName("app.kubernetes.io/name"), [])
        XCTAssertEqual(NameRules.qualifiedName("app"), [])
        XCTAssertEqual(NameRules.qualifiedName("/app"), ["prefix part must be non-empty"])
        XCTAssertEqual(NameRules.qualifiedName("a/"), ["name part must be non-empty"])
        XCTAssertEqual(NameRules.qualifiedName("bad key"), ["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"])
        XCTAssertEqual(NameRules.qualifiedName("a/b/c").first?.hasPrefix("a qualified name must consist of"), true)
        XCTAssertEqual(NameRules.qualifiedName("a/b/c").first?.hasSuffix("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"), true)
        XCTAssertEqual(NameRules.labelValue(""), [])
        XCTAssertEqual(NameRules.labelValue("bad value!"), ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"])
    }

    func testGoRendering() {
        XCTAssertEqual(GoValue.quote("Bad_Name"), "\"Bad_Name\"")
        XCTAssertEqual(GoValue.quote("a\"b\n"), "\"a\\\"b\\n\"")
        XCTAssertEqual(GoValue.stringMap(["app": "x", "tier": "web"]), "map[string]string{\"app\":\"x\", \"tier\":\"web\"}")
        XCTAssertEqual(GoValue.stringMap(nil), "map[string]string(nil)")
        XCTAssertEqual(GoValue.stringSlice(["a", "b"]), "[]string{\"a\", \"b\"}")
        XCTAssertEqual(GoValue.labelSelector(["matchLabels": ["app": "web2"]]),
                       "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}")
        XCTAssertEqual(GoValue.labelSelector(["matchExpressions": [["key": "app", "operator": "In", "values": ["a"]]]]),
                       "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"In\", Values:[]string{\"a\"}}}}")
        XCTAssertEqual(FieldErrors.nonNegative(-1, FieldPath("spec.replicas")).map(\.message),
                       ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"])
        XCTAssertEqual(FieldErrors.notSupported(FieldPath("spec.template.spec.restartPolicy"), "Never", ["Always"]).message,
                       "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"")
    }
}
