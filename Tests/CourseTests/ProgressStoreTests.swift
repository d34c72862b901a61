// CourseProgress is written atomically: a crash between writing and renaming keeps the old progress; a corrupt or
// unknown-version file is kept aside with a message.
import Course
import XCTest

final class ProgressStoreTests: XCTestCase {
    private var dir: URL!

    override func setUp() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-progress-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    private func sample(_ lesson: String) -> CourseProgress {
        var p = CourseProgress(course: "c")
        p.currentLesson = lesson
        var r = LessonProgress()
        r.tasksDone = ["a"]
        r.log = [.command("kubectl run web --image=nginx"), .advance(5000)]
        p.lessons[lesson] = r
        return p
    }

    func testRoundTrip() throws {
        let store = ProgressStore(directory: dir)
        try store.save(sample("meet-pods"))
        let loaded = store.load()
        XCTAssertNil(loaded.notice)
        XCTAssertEqual(loaded.progress, sample("meet-pods"))
    }

    func testCrashBetweenWriteAndRenameKeepsOldProgress() throws {
        let store = ProgressStore(directory: dir)
        try store.save(sample("old"))
        let before = try Data(contentsOf: store.file)
        struct Crash: Error {}
        store.beforeRename = { throw Crash() }
        XCTAssertThrowsError(try store.save(sample("new")))
        XCTAssertEqual(try Data(contentsOf: store.file), before)
        XCTAssertEqual(ProgressStore(directory: dir).load().progress.currentLesson, "old")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testCorruptFileIsKeptAside() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = ProgressStore(directory: dir)
        try Data("{not json".utf8).write(to: store.file)
        let loaded = store.load()
        XCTAssertEqual(loaded.progress, CourseProgress())
        let aside = dir.appendingPathComponent("progress.json.bad-1")
        XCTAssertEqual(loaded.notice, "kubetutor: your progress file \(store.file.path) is not valid progress data; it was kept as \(aside.path), and you start with fresh progress.")
        XCTAssertEqual(try String(contentsOf: aside, encoding: .utf8), "{not json")
    }

    func testUnknownVersionIsKeptAside() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = ProgressStore(directory: dir)
        try Data("{\"version\": 7, \"lessons\": {}}".utf8).write(to: store.file)
        let loaded = store.load()
        XCTAssertTrue(loaded.notice?.contains("has format version 7, which this kubetutor does not know (it reads 1)") ?? false)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("progress.json.bad-1").path))
    }

    func testDefaultDirectoryFollowsXDG() {
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path, "/s/kubetutor")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["HOME": "/h"]).path, "/h/.local/state/kubetutor")
    }
}

/// A real `kubetutor progress import` process, SIGKILLed at random moments while it saves: afterwards the
/// progress file holds the previous progress or the new one, whole, never a mixture or a damaged file.
final class ProgressCrashTests: XCTestCase {
    static func binary() throws -> URL {
        var candidates = [Bundle(for: ProgressCrashTests.self).bundleURL.deletingLastPathComponent().appendingPathComponent("kubetutor")]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/kubetutor"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("kubetutor binary not built")
        }
        return found
    }

    /// Progress big enough (a few MB) that writing it takes a while.
    private func big(_ lesson: String, commands: Int) -> CourseProgress {
        var p = CourseProgress(course: "c")
        p.currentLesson = lesson
        var r = LessonProgress()
        r.log = (0..<commands).map { .command("kubectl run \(lesson)-\($0) --image=nginx --labels=app=\(lesson),n=\($0)") }
        p.lessons[lesson] = r
        return p
    }

    private func start(_ bin: URL, _ file: URL, state: URL) throws -> Process {
        let p = Process()
        p.executableURL = bin
        p.arguments = ["progress", "import", file.path]
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = state.path
        env["SWIFT_BACKTRACE"] = "enable=no"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// What the state folder holds: its file names with their inode and size.
    private func snapshot(_ store: ProgressStore) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store.directory.path)) ?? []
        return names.sorted().map { name in
            var st = stat()
            _ = stat(store.directory.appendingPathComponent(name).path, &st)
            return "\(name):\(st.st_ino):\(st.st_size)"
        }
    }

    func testSIGKILLWhileImportingNeverCorruptsProgress() throws {
        let bin = try Self.binary()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let a = big("alpha", commands: 40000), b = big("bravo", commands: 40000)
        let enc = JSONEncoder()
        let fileA = root.appendingPathComponent("a.json"), fileB = root.appendingPathComponent("b.json")
        try enc.encode(a).write(to: fileA)
        try enc.encode(b).write(to: fileB)
        let store = ProgressStore(directory: state.appendingPathComponent("kubetutor"))

        // Uninterrupted imports, timed, set the scale of the random kill moments. The scale adapts: on a busy
        // machine later runs can be much slower (or faster) than these, so runs go on (up to 90) until some were
        // killed mid-way and both outcomes were seen; the scale grows while no run got to finish and shrinks when an
        // early kill came too late.
        var scale = Double.infinity
        for _ in 0..<2 {
            let t0 = Date()
            let first = try start(bin, fileA, state: state)
            first.waitUntilExit()
            XCTAssertEqual(first.terminationStatus, 0)
            scale = min(scale, Date().timeIntervalSince(t0))
        }
        XCTAssertEqual(store.load().progress, a)

        var rng = SystemRandomNumberGenerator()
        var killed = 0, sawOld = 0, sawNew = 0
        var current = a
        var i = 0
        while i < 30 || (i < 90 && (killed <= 3 || sawOld == 0 || sawNew == 0)) {
            defer { i += 1 }
            let (next, file) = current == a ? (b, fileB) : (a, fileA)
            let before = snapshot(store)
            let p = try start(bin, file, state: state)
            let delay: Double
            if i % 3 == 0 {
                // Anywhere in the run.
                delay = Double.random(in: 0.2...1.2, using: &rng) * scale
                usleep(useconds_t(delay * 1_000_000))
            } else if i % 3 == 2 {
                // Early, long before saving: without these every kill could land after the save.
                delay = Double.random(in: 0...0.1, using: &rng) * scale
                usleep(useconds_t(delay * 1_000_000))
            } else {
                // Right as saving starts (a temporary file appears or the file changes), where it matters most.
                while p.isRunning, snapshot(store) == before { usleep(20) }
                delay = Double.random(in: 0...0.002, using: &rng)
                usleep(useconds_t(delay * 1_000_000))
            }
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal {
                killed += 1
                if i % 3 == 0, sawNew == 0 { scale *= 1.5 }
            } else if i % 3 == 2 {
                scale *= 0.5  // an early kill came too late: runs got faster than the scale says
            }
            let loaded = store.load()
            XCTAssertNil(loaded.notice, "run \(i) killed after \(delay)s left a damaged file")
            if loaded.progress == current { sawOld += 1 } else if loaded.progress == next { sawNew += 1; current = next } else {
                XCTFail("run \(i): the progress is neither the previous nor the new one")
            }
        }
        XCTAssertGreaterThan(killed, 3, "too few runs were killed mid-way for the test to mean anything")
        XCTAssertGreaterThan(sawOld, 0)
        XCTAssertGreaterThan(sawNew, 0)
        // Temporary files of killed processes are cleaned up by the next save.
        try store.save(a)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).filter { $0.contains("tmp") }
        XCTAssertEqual(leftovers, [])
    }
}
