import Foundation
import Markdown
import TUI
import XCTest

/// Double-width characters (CJK, emoji) take two cells and never push the layout out of line.
final class WideCharacterTests: XCTestCase {
    func testCellWidths() {
        XCTAssertEqual(CellWidth.of("kubectl"), 7)
        XCTAssertEqual(CellWidth.of("日本"), 4)
        XCTAssertEqual(CellWidth.of("🚀"), 2)
        XCTAssertEqual(CellWidth.of("e\u{301}"), 1)
        XCTAssertEqual(CellWidth.of("─│✓"), 3)
        XCTAssertEqual(CellWidth.prefix("ab日本", columns: 3).text, "ab")
        XCTAssertEqual(CellWidth.split("日本語", columns: 3), ["日", "本", "語"])
        XCTAssertEqual(CellWidth.split("日本語", columns: 1), ["日", "本", "語"])
    }

    func testScreenCellsAndOverwritingHalves() {
        var s = Screen(size: Size(width: 10, height: 2))
        XCTAssertEqual(s.put("a日b", x: 0, y: 0), 4)
        XCTAssertEqual(s.line(0), "a日b")
        XCTAssertTrue(s[2, 0].isContinuation)
        // Overwriting the right half blanks the left half, and the other way round.
        s.put("X", x: 2, y: 0)
        XCTAssertEqual(s.line(0), "a Xb")
        s.put("本", x: 5, y: 0)
        s.put("Y", x: 5, y: 0)
        XCTAssertEqual(s.line(0), "a Xb Y")
        // A wide character that would straddle the clip edge leaves a space.
        XCTAssertEqual(s.put("ab日", x: 0, y: 1, maxWidth: 3), 3)
        XCTAssertEqual(s.line(1), "ab")
        XCTAssertFalse(s[2, 1].isContinuation)
    }

    func testMarkdownWrapsByColumns() {
        let lines = MarkdownRenderer(width: 10, ascii: false).render("日本語の テキスト 🚀🚀 ok")
        for l in lines { XCTAssertLessThanOrEqual(l.width, 10, l.text) }
        XCTAssertEqual(lines.map(\.text).joined(separator: " "), "日本語の テキスト 🚀🚀 ok")
    }

    /// Wide output in the terminal pane and wide text in the reading pane keep every frame line in place.
    func testLessonPanesStayAligned() throws {
        let h = try Harness(width: 100, height: 30)
        h.press(.down, .enter)
        h.run("echo 'コンテナ 🚀 ポッド 日本語のテキストがとても長い行になって折り返されるまで続きます 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀'")
        XCTAssertTrue(h.text.contains("コンテナ 🚀 ポッド"), h.text)
        let screen = h.screen
        // Every row of the terminal box has its right border in the last column.
        let rows = (0..<screen.height).filter { screen.line($0).contains("コンテナ") || screen.line($0).contains("🚀🚀") }
        XCTAssertFalse(rows.isEmpty)
        for y in rows {
            XCTAssertEqual(screen[screen.width - 1, y].char, "│", screen.line(y))
        }
        // A wide character typed at the prompt moves the cursor two columns.
        h.type("echo 日")
        let cursor = try XCTUnwrap(h.screen.cursor)
        XCTAssertTrue(h.screen[cursor.x - 1, cursor.y].isContinuation)
    }
}
