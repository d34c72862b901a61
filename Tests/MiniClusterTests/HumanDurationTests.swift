import MiniCluster
import XCTest

final class HumanDurationTests: XCTestCase {
    func testTableFromReference() {
        let cases: [(Int64, String)] = [
            (0, "0s"), (45, "45s"), (60, "60s"), (90, "90s"), (119, "119s"), (120, "2m"), (125, "2m5s"),
            (330, "5m30s"), (540, "9m"), (599, "9m59s"), (600, "10m"), (3599, "59m"), (3600, "60m"), (10799, "179m"),
            (10800, "3h"), (12000, "3h20m"), (28740, "7h59m"), (28800, "8h"), (30000, "8h"), (86399, "23h"),
            (86400, "24h"), (172740, "47h"), (172800, "2d"), (190800, "2d5h"), (604800, "7d"), (691200, "8d"),
            (31_536_000, "365d"), (62_985_600, "729d"), (63_072_000, "2y"), (66_960_000, "2y45d"), (252_201_600, "7y364d"),
            (252_288_000, "8y"), (-1, "0s"), (-5, "<invalid>"),
        ]
        for (s, want) in cases {
            XCTAssertEqual(HumanDuration.format(.seconds(s)), want, "\(s)s")
        }
    }
}
