// Loads a lesson folder: `course.yaml` (chapters and lesson order) and `CHAPTER/LESSON.md` for each lesson.
import Foundation

public enum CourseLoader {
    public struct Result {
        /// nil when `course.yaml` itself cannot be read.
        public var course: Course?
        public var diagnostics: [Diagnostic]
    }

    static let courseKeys = ["format", "id", "title", "chapters"]
    static let chapterKeys = ["id", "title", "lessons", "quiz"]

    /// Reads the folder at `dir`; file names in messages start with `display` (the folder as the user named it).
    public static func load(_ dir: URL, display: String? = nil) -> Result {
        let diags = Diagnostics()
        let prefix = (display ?? dir.path).hasSuffix("/") ? (display ?? dir.path) : (display ?? dir.path) + "/"
        let courseFile = prefix + "course.yaml"
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent("course.yaml").path) else {
            diags.error(courseFile, 1, "cannot read course.yaml (every lesson folder has one)")
            return Result(course: nil, diagnostics: diags.sorted)
        }
        guard let root = composeYAML(String(decoding: data, as: UTF8.self), file: courseFile, lineOffset: 0, diags: diags),
              let map = root.map("course.yaml", allowed: courseKeys) else {
            return Result(course: nil, diagnostics: diags.sorted)
        }
        guard LessonParser.checkFormat(map, file: courseFile, diags: diags) else { return Result(course: nil, diagnostics: diags.sorted) }
        var course = Course(id: map.string("id", required: true) ?? "", title: map.string("title", required: true) ?? "",
                            chapters: [], lessons: [:])
        var chapterIDs: Set<String> = [], listed: [String: Int] = [:]
        for node in map["chapters"]?.list("\"chapters\"") ?? [] {
            guard let cm = node.map("a chapter", allowed: chapterKeys) else { continue }
            let id = cm.string("id", required: true) ?? ""
            if !chapterIDs.insert(id).inserted { cm.at.error("duplicate chapter id \"\(id)\"") }
            if !id.isEmpty, !LessonParser.isIdentifier(id) { cm["id"]?.error("chapter id \"\(id)\" must be lowercase letters, digits and dashes") }
            var chapter = Course.Chapter(id: id, title: cm.string("title", required: true) ?? "", lessonIDs: [],
                                         quizID: cm.string("quiz"), line: cm.at.line)
            var entries = cm.stringList("lessons")
            if let q = chapter.quizID { entries.append((q, cm.lineOf("quiz"))) }
            for (lessonID, line) in entries {
                if listed[lessonID] != nil { diags.error(courseFile, line, "duplicate lesson id \"\(lessonID)\""); continue }
                listed[lessonID] = line
                let rel = "\(id)/\(lessonID).md"
                let url = dir.appendingPathComponent(rel)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    diags.error(courseFile, line, "lesson \"\(lessonID)\" has no file \(rel)")
                    continue
                }
                guard let lesson = LessonParser.parse(String(decoding: data, as: UTF8.self), file: prefix + rel, diags: diags) else { continue }
                if lesson.id != lessonID { diags.error(prefix + rel, 1, "the file says id \"\(lesson.id)\", but course.yaml lists it as \"\(lessonID)\"") }
                if lesson.chapter != id { diags.error(prefix + rel, 1, "the file says chapter \"\(lesson.chapter)\", but course.yaml lists it in \"\(id)\"") }
                if chapter.quizID == lessonID, lesson.kind != .quiz { diags.error(prefix + rel, 1, "a chapter's quiz must be a lesson of kind quiz") }
                course.lessons[lessonID] = lesson
            }
            chapter.lessonIDs = cm.stringList("lessons").map(\.0)
            course.chapters.append(chapter)
        }
        if course.chapters.isEmpty { map.at.error("course.yaml needs at least one chapter") }
        reportUnlisted(dir, prefix: prefix, chapters: chapterIDs, listed: Set(listed.keys), diags: diags)
        return Result(course: course, diagnostics: diags.sorted)
    }

    /// Lesson files nobody lists are probably a typo in course.yaml.
    private static func reportUnlisted(_ dir: URL, prefix: String, chapters: Set<String>, listed: Set<String>, diags: Diagnostics) {
        let fm = FileManager.default
        for chapter in chapters.sorted() {
            let files = (try? fm.contentsOfDirectory(atPath: dir.appendingPathComponent(chapter).path)) ?? []
            for f in files.sorted() where f.hasSuffix(".md") && !listed.contains(String(f.dropLast(3))) {
                diags.error(prefix + "\(chapter)/\(f)", 1, "lesson file is not listed in course.yaml")
            }
        }
    }
}
