// Benchmarks of the full-screen player: a keystroke to the finished frame at 200×60 with 200 pods on the
// cluster map (target under 16 ms), and start-up to the first drawn screen (target under 50 ms). Both run in
// process on the in-memory terminal: they time the app's work (keys, layout, views, screen diff input), not
// the terminal emulator.
import Course
import Foundation
import TUI

func benchTUI() {
    let lessonsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Lessons").standardizedFileURL
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-bench-tui-\(getpid())")
    defer { try? FileManager.default.removeItem(at: state) }

    // Start-up: load the course, read progress, draw the course map (first start).
    report("tui: course load + first course-map frame (200×60)", median(11) {
        try? FileManager.default.removeItem(at: state)
        guard let course = CourseLoader.load(lessonsDir).course else { return }
        let driver = InMemoryDriver(width: 200, height: 60)
        let app = App(course: course, store: ProgressStore(directory: state))
        app.start()
        driver.draw(app.render(size: driver.size))
    })

    guard let course = CourseLoader.load(lessonsDir).course,
          let lab = course.orderedLessons.first(where: { $0.cluster == .default && !$0.tasks.isEmpty }) else {
        print("tui: skipped (no lab lesson with a cluster in \(lessonsDir.path))")
        return
    }
    try? FileManager.default.removeItem(at: state)
    let driver = InMemoryDriver(width: 200, height: 60)
    var clock = 1_000_000.0
    let app = App(course: course, store: ProgressStore(directory: state), now: { clock })
    app.start()
    let index = course.orderedLessons.firstIndex { $0.id == lab.id }!
    for _ in 0..<index { app.handle(.down) }
    app.handle(.enter)
    for c in "kubectl create deployment web --image=nginx --replicas=200" { app.handle(.char(c)) }
    app.handle(.enter)
    for _ in 0..<60 { clock += 1; app.tick() }
    app.handle(.f(5))
    let frame = app.render(size: driver.size)
    let chips = frame.cells.filter { $0.char == "●" }.count
    driver.draw(frame)
    var n = 0
    report("tui: keystroke to frame, 200×60, cluster map with \(chips) chips", median(51) {
        n += 1
        app.handle(n % 2 == 0 ? .backspace : .char("x"))
        driver.draw(app.render(size: driver.size))
    })
    report("tui: second start, first frame (resume deferred)", median(11) {
        let again = App(course: course, store: ProgressStore(directory: state))
        again.start(deferResume: true)
        driver.draw(again.render(size: driver.size))
    })
    report("tui: resume into \(lab.id) (log replay of 200 pods) + frame", median(5) {
        let again = App(course: course, store: ProgressStore(directory: state))
        again.start()
        driver.draw(again.render(size: driver.size))
    })
}
