import Course
import Foundation
import TUI
import XCTest

/// The course map on the in-memory terminal: first start, selection, opening, quitting, resuming.
final class CourseMapTests: XCTestCase {
    func testFirstStartShowsWelcomeChaptersAndLessons() throws {
        let h = try Harness()
        XCTAssertEqual(h.app.page, .courseMap)
        let text = h.text
        XCTAssertTrue(text.contains("Welcome! This course takes you"), text)
        XCTAssertTrue(text.contains("0 of 2 lessons done"), text)
        XCTAssertNotNil(h.row(containing: "Basics"), text)
        XCTAssertNotNil(h.row(containing: "Pods"), text)
        let first = try XCTUnwrap(h.row(containing: "1. Welcome"), text)
        XCTAssertTrue(first.contains("▸ ○"), first)
        XCTAssertTrue(first.hasSuffix("reading, 5 min") || first.contains("reading,"), first)
        XCTAssertTrue(try XCTUnwrap(h.row(containing: "2. Forget Containers")).contains("lab, 15 min"))
        // The footer comes from the key table.
        XCTAssertTrue(h.screen.line(29).contains("Enter open"), h.screen.line(29))
    }

    func testArrowsMoveTheSelectionAndEnterOpensTheLesson() throws {
        let h = try Harness()
        h.press(.down)
        XCTAssertTrue(try XCTUnwrap(h.row(containing: "2. Forget Containers")).contains("▸"))
        h.press(.up, .up)
        XCTAssertTrue(try XCTUnwrap(h.row(containing: "1. Welcome")).contains("▸"))
        h.press(.char("j"), .enter)
        XCTAssertEqual(h.app.page, .lesson)
        XCTAssertTrue(h.text.contains("Forget Containers, Meet Pods!"), h.text)
    }

    func testQuitSavesAndASecondStartResumesTheLastLesson() throws {
        let h = try Harness()
        h.press(.down, .enter)
        h.run("kubectl run web --image=nginx")
        h.press(.escape)
        XCTAssertEqual(h.app.page, .courseMap)
        let row = try XCTUnwrap(h.row(containing: "2. Forget Containers"))
        XCTAssertTrue(row.contains("◐") && row.contains("you were here"), row)
        h.press(.char("q"))
        XCTAssertTrue(h.app.quitRequested)
        XCTAssertTrue(FileManager.default.fileExists(atPath: h.store.file.path))
        h.restart()
        XCTAssertEqual(h.app.page, .lesson)
        XCTAssertTrue(h.text.contains("✓ 1. Run your first Pod"), h.text)
        XCTAssertFalse(h.text.contains("Welcome! This course"), h.text)
    }

    func testHelpOverlayIsGeneratedFromTheKeyTable() throws {
        let h = try Harness()
        h.press(.f(1))
        XCTAssertTrue(h.text.contains("Course map"), h.text)
        XCTAssertTrue(h.text.contains("open the lesson"), h.text)
        h.press(.char("x"))
        XCTAssertNil(h.app.overlay)
        h.press(.enter, .f(1))
        for b in KeyMap.bindings where b.context == .lesson {
            XCTAssertTrue(h.text.contains(b.help.prefix(20)), "help lacks \(b.action):\n\(h.text)")
        }
    }

    func testAsciiAndMonochrome() throws {
        let h = try Harness(unicode: false, colors: false)
        XCTAssertFalse(h.text.unicodeScalars.contains { $0.value > 127 }, h.text)
        XCTAssertTrue(try XCTUnwrap(h.row(containing: "1. Welcome")).contains("> o"))
        XCTAssertFalse(h.screen.cells.contains { $0.style.fg != .none || $0.style.bg != .none })
    }
}

extension CourseMapTests {
    func testADeferredResumeDrawsTheMapFirstThenOpensTheLesson() throws {
        let h = try Harness()
        h.press(.down, .enter)
        h.press(.char("q"))
        let app = App(course: h.course, store: h.store)
        app.start(deferResume: true)
        XCTAssertEqual(app.page, .courseMap)
        XCTAssertTrue(app.render(size: Size(width: 100, height: 30)).text.contains("Resuming \"Forget Containers, Meet Pods!\""))
        app.finishStart()
        XCTAssertEqual(app.page, .lesson)
    }

    func testTheClusterMapFallsBackToGlyphsWhenNamesDoNotFit() throws {
        let h = try Harness(width: 200, height: 60)
        h.press(.down, .enter)
        h.run("kubectl create deployment web --image=nginx --replicas=150")
        h.wait(seconds: 60)
        h.press(.f(5))
        XCTAssertTrue(h.text.contains("150 pods outside kube-system: 150 running"), h.text)
        let chips = h.screen.cells.filter { $0.char == "●" }.count
        XCTAssertEqual(chips, 150 + 5, "every pod is a chip, plus the legend's five:\n\(h.text)")
    }
}
