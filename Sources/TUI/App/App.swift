// The course player's state and its reaction to keys and to time. No terminal here: `render(size:)` gives a
// Screen value and `handle(_:)` takes keys, so tests drive it through the in-memory driver or directly.
import Course
import Foundation
import MiniCluster
import Shell

public final class App {
    public enum Page: Equatable { case courseMap, lesson }
    public enum Overlay: Equatable {
        case help
        /// Asking before the solution is shown.
        case confirmSolution
    }

    let course: Course
    let store: ProgressStore
    public internal(set) var progress: CourseProgress
    let lessons: [Lesson]
    public internal(set) var page: Page = .courseMap
    public internal(set) var overlay: Overlay?
    /// Index into `lessons` of the course map's selection.
    public internal(set) var selection = 0
    var mapScroll = 0
    /// First start: the course map opens with a welcome.
    public internal(set) var welcome = false
    public internal(set) var lesson: LessonState?
    public internal(set) var quiz: QuizState?
    public internal(set) var showClusterMap = false
    /// How many times faster than wall time the open lesson's clock runs (F8, `:speed`); 1 in a new lesson.
    public internal(set) var speed = 1
    public internal(set) var quitRequested = false
    public var theme: Theme
    /// A notice shown once on the course map (a progress file that could not be read).
    var notice: String?
    /// Wall time in seconds (the UI may read it; the lesson's cluster is moved by its differences).
    let now: () -> Double
    var lastAdvance: Double
    var lastSave: Double
    var dirty = false
    /// Runs `body` with the terminal lent to another program (the driver's suspend).
    public var suspend: (() -> Void) -> Void = { $0() }
    /// `:crash` traps, for the end-to-end test that a crash still restores the terminal.
    public var crashCommandEnabled = false
    /// Set by the run loop: draws a frame now, and reads a key within some milliseconds. With them, commands
    /// that wait (`rollout status`, `get -w`, `sleep`) run at `waitSpeed` times wall time with live output, and
    /// Ctrl-C stops them; without them (tests) waits pass at once.
    public var redraw: (() -> Void)?
    public var pollKey: ((Int) -> Key?)?
    public var waitSpeed = 20.0
    /// A signal asking to leave (SIGTERM, SIGHUP) is pending: a waiting command stops so the run loop can save
    /// and quit.
    public var pendingSignal: () -> Int32 = { 0 }
    /// Ctrl-C arrived while a command was running.
    var interrupted = false
    /// Keys typed while a command ran, handled after it.
    var typeahead: [Key] = []

    public init(course: Course, store: ProgressStore, theme: Theme = Theme(),
                now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.course = course
        self.store = store
        self.theme = theme
        self.now = now
        lessons = course.orderedLessons
        progress = CourseProgress(course: course.id)
        lastAdvance = now()
        lastSave = lastAdvance
    }

    /// The lesson to resume once the first frame is on screen (rebuilding its cluster replays its log).
    public private(set) var pendingResume: Lesson?

    /// Loads progress: a first start shows the course map with a welcome, later starts resume the last lesson
    /// (at once, or with `deferResume` when `finishStart()` is called after the first frame).
    public func start(deferResume: Bool = false) {
        let loaded = store.load()
        notice = loaded.notice
        progress = loaded.progress
        if progress.course == nil { progress.course = course.id }
        if let id = progress.currentLesson, let l = course.lessons[id], let i = lessons.firstIndex(where: { $0.id == id }) {
            selection = i
            if deferResume { pendingResume = l } else { open(l) }
        } else {
            welcome = true
        }
    }

    /// Opens the lesson `start(deferResume: true)` left for later.
    public func finishStart() {
        guard let l = pendingResume else { return }
        pendingResume = nil
        open(l)
    }

    // MARK: Keys

    /// Handles one key; afterwards `quitRequested` says whether to leave.
    public func handle(_ key: Key) {
        defer { saveIfDirty() }
        if lesson?.running == true { typeahead.append(key); return }
        if key == .resize { return }
        if let o = overlay { handleOverlay(o, key); return }
        if quiz != nil { handleQuiz(key); return }
        switch page {
        case .courseMap: handleMap(key)
        case .lesson: handleLesson(key)
        }
    }

    private func handleOverlay(_ o: Overlay, _ key: Key) {
        switch o {
        case .help:
            overlay = nil
        case .confirmSolution:
            overlay = nil
            if key == .char("y") || key == .char("Y") { showSolution() } else { lesson?.terminal.say("Solution not shown.") }
        }
    }

    private func handleMap(_ key: Key) {
        guard let action = KeyMap.action(for: key, in: .courseMap) else { return }
        switch action {
        case .selectUp: selection = max(0, selection - 1)
        case .selectDown: selection = min(lessons.count - 1, selection + 1)
        case .selectPageUp: selection = max(0, selection - 10)
        case .selectPageDown: selection = min(lessons.count - 1, selection + 10)
        case .open: if lessons.indices.contains(selection) { open(lessons[selection]) }
        case .help: overlay = .help
        case .quit: quit()
        default: break
        }
    }

    func quit() {
        save()
        quitRequested = true
    }

    // MARK: Time

    /// Called by the run loop between keys: moves the open lesson's cluster on by the wall time that passed
    /// (at most once a second, so the replay log stays short) and refreshes the tasks.
    public func tick() { advanceTime(force: false) }

    func advanceTime(force: Bool) {
        let t = now()
        let elapsed = t - lastAdvance
        guard elapsed >= (force ? 0.001 : 1) else { return }
        lastAdvance = t
        guard page == .lesson, let l = lesson else { return }
        l.session.addTime(min(elapsed, 300))
        // At most ten minutes of cluster time at once (a laptop that slept does not jump hours ahead).
        let ms = Int64(min(elapsed * Double(speed), 600) * 1000)
        report(l.session.letTimePass(Duration(ms: ms)))
        l.refreshTasks()
        if t - lastSave >= 10 { saveIfDirty() }
    }

    /// Lets the wall time since the last tick pass before a command runs, so its output sees the present.
    func catchUp() { advanceTime(force: true) }

    // MARK: Progress

    func saveIfDirty() { if dirty { save() } }

    func save() {
        if let l = lesson { progress.lessons[l.session.lesson.id] = l.session.record }
        do {
            try store.save(progress)
            dirty = false
            lastSave = now()
        } catch {
            lesson?.terminal.say("kubetutor: could not save progress: \(error)", .failure)
        }
    }
}
