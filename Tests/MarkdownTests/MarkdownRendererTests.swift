import Markdown
import XCTest

/// Markdown → lines: what a learner sees in the reading pane, as plain text (styles checked where they matter).
final class MarkdownRendererTests: XCTestCase {
    private func render(_ md: String, width: Int = 40, ascii: Bool = false) -> [String] {
        MarkdownRenderer(width: width, ascii: ascii).render(md).map(\.text)
    }

    func testHeadingsGetRulesAndParagraphsWrap() {
        XCTAssertEqual(render("# Pods\n\nA pod is the smallest thing Kubernetes runs: one or more containers.", width: 30), [
            "Pods",
            "════",
            "",
            "A pod is the smallest thing",
            "Kubernetes runs: one or more",
            "containers.",
        ])
        XCTAssertEqual(render("## Two", ascii: true), ["Two", "---"])
    }

    func testInlineStylesAndLinksShowTheirTarget() {
        let lines = MarkdownRenderer(width: 80).render("Run `kubectl get pods` **now**, see [the docs](https://k8s.io/docs) or <https://k8s.io>.")
        XCTAssertEqual(lines.map(\.text), ["Run kubectl get pods now, see the docs (https://k8s.io/docs) or https://k8s.io."])
        let runs = lines[0].runs
        XCTAssertTrue(runs.contains { $0.text == "kubectl get pods" && $0.style.contains(.code) }, "\(runs)")
        XCTAssertTrue(runs.contains { $0.text == "now" && $0.style.contains(.strong) }, "\(runs)")
        XCTAssertTrue(runs.contains { $0.text.contains("(https://k8s.io/docs)") && $0.style.contains(.linkTarget) }, "\(runs)")
    }

    func testCodeBlocksAreIndentedAndNotWrappedAtSpaces() {
        XCTAssertEqual(render("```yaml\napiVersion: v1\nkind: Pod\n```"), ["  apiVersion: v1", "  kind: Pod"])
        XCTAssertEqual(render("```\n0123456789abcdef\n```", width: 10), ["  01234567", "  89abcdef"])
    }

    func testListsNestedListsAndQuotes() {
        XCTAssertEqual(render("- one\n- two\n  1. deep\n  2. deeper\n\n> quoted *text*"), [
            "• one",
            "• two",
            "  1. deep",
            "  2. deeper",
            "",
            "│ quoted text",
        ])
        XCTAssertEqual(render("- a long item that wraps onto the next line", width: 20), [
            "• a long item that",
            "  wraps onto the",
            "  next line",
        ])
    }

    func testTablesAreDrawnWithBoxLinesAndAlignedColumns() {
        let md = "| Kind | Count |\n|:-----|------:|\n| Pod | 3 |\n| Deployment | 12 |"
        XCTAssertEqual(render(md), [
            "┌────────────┬───────┐",
            "│ Kind       │ Count │",
            "├────────────┼───────┤",
            "│ Pod        │     3 │",
            "│ Deployment │    12 │",
            "└────────────┴───────┘",
        ])
        XCTAssertEqual(render(md, ascii: true).first, "+------------+-------+")
        // Too wide, and one word longer than the room: the word is split over lines, nothing is cut.
        let narrow = render("| a | b |\n|---|---|\n| a-very-long-cell-value | x |", width: 16)
        XCTAssertEqual(Array(narrow.dropFirst(3)), [
            "│ a-very-l │ x │",
            "│ ong-cell │   │",
            "│ -value   │   │",
            "└──────────┴───┘",
        ])
    }

    func testTablesTooWideForThePaneWrapTheirCellsBetweenWords() {
        let md = """
        | probe | when it keeps failing |
        |-------|-----------------------|
        | livenessProbe | the kubelet kills the container |
        | readinessProbe | the Pod leaves the endpoints |
        """
        let lines = render(md, width: 36)
        XCTAssertEqual(lines, [
            "┌────────────────┬─────────────────┐",
            "│ probe          │ when it keeps   │",
            "│                │ failing         │",
            "├────────────────┼─────────────────┤",
            "│ livenessProbe  │ the kubelet     │",
            "│                │ kills the       │",
            "│                │ container       │",
            "├────────────────┼─────────────────┤",
            "│ readinessProbe │ the Pod leaves  │",
            "│                │ the endpoints   │",
            "└────────────────┴─────────────────┘",
        ])
        XCTAssertTrue(lines.allSatisfy { $0.count <= 36 }, "\(lines)")
    }

    func testLongWordsAreSplitAndEmptyTextGivesNothing() {
        XCTAssertEqual(render("abcdefghijklmnopqrstuvwxyz", width: 10), ["abcdefghij", "klmnopqrst", "uvwxyz"])
        XCTAssertEqual(render(""), [])
    }
}
