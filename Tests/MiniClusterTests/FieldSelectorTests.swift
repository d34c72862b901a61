import MiniCluster
import XCTest

final class FieldSelectorTests: XCTestCase {
    func testParse() throws {
        XCTAssertEqual(try FieldSelector.parse("b=2,a!=1").description, "a!=1,b=2")
        XCTAssertEqual(try FieldSelector.parse("a==x").terms.first?.value, "x")
        XCTAssertEqual(try FieldSelector.parse(#"a=x\,y"#).terms.first?.value, "x,y")
        XCTAssertTrue(try FieldSelector.parse("").isEmpty)
        let errors: [(String, String)] = [
            ("foo", "invalid selector: 'foo'; can't understand 'foo'"),
            ("a=b=c", "invalid field selector: unescaped character in value: 61"),
            (#"a=\x"#, #"invalid field selector: invalid escape sequence: \x"#),
        ]
        for (input, want) in errors {
            XCTAssertThrowsError(try FieldSelector.parse(input), input) { e in
                XCTAssertEqual((e as? LabelSelectorError)?.message, want)
            }
        }
    }
}
