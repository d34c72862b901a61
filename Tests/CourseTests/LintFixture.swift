import Foundation
import Course

/// A one-lesson course written to a scratch folder and linted: the lesson is a `cluster: none` lab whose text after
/// the front matter is `body` (which so starts on line 10). Returns the diagnostics sorted, the folder shown as `F`.
enum LintFixture {
    static func lintLab(_ body: String) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ch"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        format: 1
        id: fixture
        title: Fixture course
        chapters:
          - id: ch
            title: Chapter
            lessons:
              - lesson

        """.write(to: dir.appendingPathComponent("course.yaml"), atomically: true, encoding: .utf8)
        try ("""
        ---
        format: 1
        id: lesson
        title: A lesson
        chapter: ch
        kind: lab
        cluster: none
        ---


        """ + body).write(to: dir.appendingPathComponent("ch/lesson.md"), atomically: true, encoding: .utf8)
        return Linter.lint(dir, display: "F").diagnostics.map(\.description).sorted()
    }
}
