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
