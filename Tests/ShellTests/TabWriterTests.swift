@testable import MiniCluster
@testable import Shell
import XCTest

/// kubectl's tabwriter rules (minwidth 6, padding 3, last column unpadded, runes) and the table printer's decoration.
final class TabWriterTests: XCTestCase {
    func testWidthIsWidestCellPlusThreeButAtLeastSix() {
        let out = TabWriter().format([["NAME", "DATA", "AGE"], ["app-config", "2", "45s"]])
        XCTAssertEqual(out, "NAME         DATA   AGE\napp-config   2      45s\n")
        // Narrow columns still take six.
        XCTAssertEqual(TabWriter().format([["a", "3", "x"]]), "a     3     x\n")
    }

    func testLastColumnIsNotPaddedAndEmptyCellsArePadded() {
        XCTAssertEqual(TabWriter().format([["read-pods", "", "default/mysa"], ["r", "", ""]]),
                       "read-pods" + String(repeating: " ", count: 9) + "default/mysa\n" + "r" + String(repeating: " ", count: 17) + "\n")
    }

    func testWidthCountsRunesNotBytes() {
        let out = TabWriter().format([["héllo", "x"], ["ab", "y"]])
        XCTAssertEqual(out, "héllo   x\nab      y\n")
        XCTAssertEqual(TabWriter.width("日本語✓"), 4)
    }

    func testRaggedRowsTakeWidthOnlyFromCellsThatAreNotLast() {
        XCTAssertEqual(TabWriter().format([["a", "b"], ["a-very-long-last-cell"]]), "a     b\na-very-long-last-cell\n")
    }

    func testPrinterDecorations() {
        let reg = ResourceRegistry()
        let cm = reg.lookup("cm")!
        let now = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
        let obj: Value = ["metadata": ["name": "app", "namespace": "dev", "creationTimestamp": "2026-11-26T08:59:00Z",
                                       "labels": ["app.kubernetes.io/name": "web", "tier": "be"]],
                          "data": ["a": "1"]]
        var o = TablePrintOptions()
        o.withNamespace = true
        o.withKind = true
        o.labelColumns = ["app.kubernetes.io/name", "missing"]
        o.showLabels = true
        XCTAssertEqual(TablePrinter.render(cm, [obj], now: now, options: o),
                       "NAMESPACE   NAME            DATA   AGE   NAME   MISSING   LABELS\n"
                       + "dev         configmap/app   1      60s   web              app.kubernetes.io/name=web,tier=be\n")
        o = TablePrintOptions()
        o.noHeaders = true
        XCTAssertEqual(TablePrinter.render(cm, [obj], now: now, options: o), "app   1     60s\n")
        XCTAssertEqual(TablePrinter.render(cm, [], now: now, options: TablePrintOptions()), "")
        // Cluster-scoped kinds get no NAMESPACE column even with -A.
        var all = TablePrintOptions()
        all.withNamespace = true
        let ns: Value = ["metadata": ["name": "dev", "creationTimestamp": "2026-11-26T08:00:00Z"], "status": ["phase": "Active"]]
        XCTAssertEqual(TablePrinter.render(reg.lookup("ns")!, [ns], now: now, options: all), "NAME   STATUS   AGE\ndev    Active   60m\n")
    }

    func testCellsAreCutAtTheFirstLineBreak() {
        XCTAssertEqual(TablePrinter.clean("first\nsecond"), "first...")
        XCTAssertEqual(TablePrinter.clean("a\rb"), "a...")
        XCTAssertEqual(TablePrinter.clean("esc\u{1B}[31m"), "esc^[[31m")
        XCTAssertEqual(TablePrinter.clean("plain"), "plain")
    }

    func testGroupsInDefaultColumnsAreUpperCased() {
        XCTAssertEqual(TablePrinter.labelHeader("app"), "APP")
        XCTAssertEqual(TablePrinter.labelHeader("topology.kubernetes.io/zone"), "ZONE")
        XCTAssertEqual(TablePrinter.formatLabels([:]), "<none>")
    }
}
