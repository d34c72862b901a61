import Course
import Foundation
import TUI
import XCTest

/// An app on the fixture course with a fresh progress folder, drawn on an in-memory terminal, and a wall clock
/// the test moves by hand.
final class Harness {
    let driver: InMemoryDriver
    let store: ProgressStore
    let course: Course
    var clock = 1_000_000.0
    private(set) var app: App!

    init(width: Int = 100, height: Int = 30, unicode: Bool = true, colors: Bool = true, state: URL? = nil) throws {
        driver = InMemoryDriver(width: width, height: height, unicode: unicode, colors: colors)
        let dir = state ?? FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-tui-\(UUID().uuidString)")
        store = ProgressStore(directory: dir)
        course = try Self.fixtureCourse()
        restart()
    }

    /// A new app on the same progress (a second start of kubetutor).
    func restart() {
        app = App(course: course, store: store, theme: Theme(unicode: driver.unicode, colors: driver.colors), now: { [unowned self] in self.clock })
        app.start()
        draw()
    }

    static func fixtureCourse() throws -> Course {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("tui-course")
        let loaded = CourseLoader.load(url)
        guard let course = loaded.course, loaded.diagnostics.isEmpty else {
            throw XCTSkip("fixture course does not load: \(loaded.diagnostics)")
        }
        return course
    }

    func draw() { driver.draw(app.render(size: driver.size)) }

    func press(_ keys: Key...) {
        for k in keys { app.handle(k) }
        draw()
    }

    func type(_ text: String) {
        for c in text { app.handle(.char(c)) }
        draw()
    }

    /// Types a line and presses Enter.
    func run(_ line: String) {
        type(line)
        press(.enter)
    }

    func resize(_ w: Int, _ h: Int) {
        driver.resize(width: w, height: h)
        while let k = driver.readKey(timeoutMs: 0) { app.handle(k) }
        draw()
    }

    /// Wall time passes and the run loop ticks.
    func wait(seconds: Double) {
        var left = seconds
        while left > 0 {
            let step = min(1, left)
            clock += step
            left -= step
            app.tick()
        }
        draw()
    }

    var screen: Screen { driver.screen }
    var text: String { driver.screen.text }

    func row(containing s: String) -> String? { screen.lines.first { $0.contains(s) } }
}
