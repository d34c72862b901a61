import MiniCluster
import XCTest

final class QuantityTests: XCTestCase {
    func testCanonicalForms() {
        let cases: [(String, String)] = [
            ("500m", "500m"), ("1", "1"), ("0.5", "500m"), ("1.5", "1500m"), ("1000m", "1"), ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"), ("1.5Gi", "1536Mi"), ("2000Mi", "2000Mi"), ("100Mi", "100Mi"), ("1e3", "1e3"),
            ("1k", "1k"), ("1M", "1M"), ("1G", "1G"), ("12000", "12k"), ("0.5Ki", "512"), ("0", "0"), ("0m", "0"),
            ("0.1m", "100u"), ("-1", "-1"), ("+2", "2"), ("1.5e3", "1500"), ("5e-3", "5e-3"), ("128974848", "128974848"),
            ("129e6", "129e6"), ("129M", "129M"), ("123Mi", "123Mi"), (".5", "500m"), ("5.", "5"), ("2E", "2E"), ("1Ki", "1Ki"), ("64Mi", "64Mi"),
            ("250m", "250m"), ("0.25", "250m"), ("1.1Ki", "1126400m"),
        ]
        for (input, want) in cases {
            XCTAssertEqual((try? Quantity(parsing: input))?.description, want, input)
        }
    }

    func testBadQuantities() {
        let re = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        let cases: [(String, QuantityError)] = [
            ("", .formatWrong), ("abc", .formatWrong), ("1 Gi", .formatWrong), ("1GB", .formatWrong), ("1K", .suffix),
            ("1e", .suffix), ("1mi", .suffix), ("1x", .formatWrong), ("1Gi2", .suffix),
        ]
        for (input, want) in cases {
            XCTAssertThrowsError(try Quantity(parsing: input), input) { XCTAssertEqual($0 as? QuantityError, want, input) }
        }
        XCTAssertEqual(QuantityError.formatWrong.message, re)
    }

    func testValuesAndArithmetic() throws {
        XCTAssertEqual(try Quantity(parsing: "500m").milliValue, 500)
        XCTAssertEqual(try Quantity(parsing: "2").milliValue, 2000)
        XCTAssertEqual(try Quantity(parsing: "1Gi").value, 1 << 30)
        XCTAssertEqual(try Quantity(parsing: "100m").value, 1, "Value rounds up")
        XCTAssertEqual(try Quantity(parsing: "0.1m").roundedUp(toScale: -3).description, "1m")
        let sum = try Quantity(parsing: "500m") + Quantity(parsing: "1")
        XCTAssertEqual(sum.description, "1500m")
        XCTAssertEqual((try Quantity(parsing: "1Gi") + Quantity(parsing: "512Mi")).description, "1536Mi")
        XCTAssertTrue(try Quantity(parsing: "500m") < Quantity(parsing: "1"))
        XCTAssertEqual(try Quantity(parsing: "1000m"), try Quantity(parsing: "1"))
        XCTAssertTrue(try Quantity(parsing: "1G") < Quantity(parsing: "1Gi"))
        XCTAssertEqual((try Quantity(parsing: "1") - Quantity(parsing: "250m")).description, "750m")
        XCTAssertEqual(Value.int(2).quantityValue?.description, "2")
        XCTAssertEqual(Value.double(0.5).quantityValue?.description, "500m")
    }
}
