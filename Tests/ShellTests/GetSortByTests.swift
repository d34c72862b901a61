import MiniCluster
@testable import Shell
import XCTest

/// `--sort-by`: kubectl's comparison rules (numbers, quantities, strings), missing fields first, path errors.
final class GetSortByTests: XCTestCase {
    func objs(_ values: [Value?]) -> [Value] {
        values.enumerated().map { i, v in
            var o: Value = ["metadata": ["name": .string("o\(i)")]]
            if let v { o[path: "spec", "v"] = v }
            return o
        }
    }
    func order(_ values: [Value?], by path: String = ".spec.v") throws -> [String] {
        try SortBy.sort(objs(values), by: path).map(\.metadataName)
    }

    func testNumbersSortNumerically() throws {
        XCTAssertEqual(try order([10, 9, 100]), ["o1", "o0", "o2"])
        XCTAssertEqual(try order([2.5, 1.5]), ["o1", "o0"])
    }

    func testStringsThatAreQuantitiesSortAsQuantities() throws {
        XCTAssertEqual(try order(["1Gi", "500Mi", "2"]), ["o2", "o1", "o0"])
        XCTAssertEqual(try order(["1", "100m", "250m"]), ["o1", "o2", "o0"])
        XCTAssertEqual(try order(["web-b", "web-a", "10"]), ["o2", "o1", "o0"])
        XCTAssertEqual(try order(["2026-11-26T09:00:00Z", "2026-11-25T09:00:00Z"]), ["o1", "o0"])
    }

    func testMissingFieldsSortFirstAndTiesKeepTheirOrder() throws {
        XCTAssertEqual(try order(["b", nil, "a", nil]), ["o1", "o3", "o2", "o0"])
        XCTAssertEqual(try order([1, 1, 0]), ["o2", "o0", "o1"])
    }

    func testPathForms() throws {
        for p in ["spec.v", ".spec.v", "{spec.v}", "{.spec.v}"] { XCTAssertEqual(try order([2, 1], by: p), ["o1", "o0"]) }
        let pods: [Value] = [["metadata": ["name": "a"], "status": ["containerStatuses": [["restartCount": 5]]]],
                             ["metadata": ["name": "b"], "status": ["containerStatuses": [["restartCount": 1]]]]]
        XCTAssertEqual(try SortBy.sort(pods, by: ".status.containerStatuses[0].restartCount").map(\.metadataName), ["b", "a"])
    }

    func testErrors() {
        XCTAssertThrowsError(try order([1, 2], by: ".spec.nope")) { e in
            guard case KubectlFailure.plain(let m) = e else { return XCTFail() }
            XCTAssertEqual(m, "couldn't find any field with path \"{.spec.nope}\" in the list of objects")
        }
        XCTAssertThrowsError(try order([1, 2], by: "{{.x}}"))
        XCTAssertThrowsError(try order([true, false]))
        XCTAssertThrowsError(try order([1, "a"]))
    }
}
