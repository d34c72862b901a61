// Turns one lesson file into a `Lesson`: front matter, reading text, and its task, quiz and file blocks.
import Foundation
import MiniCluster

enum LessonParser {
    static let frontMatterKeys = ["format", "id", "title", "chapter", "kind", "minutes", "objectives", "cluster", "setup", "max_speed"]
    static let taskKeys = ["id", "title", "do", "checks", "within", "hints", "solution", "debrief"]

    /// Parses `contents` (the file `file`); nil when the file cannot be used at all.
    static func parse(_ contents: String, file: String, diags: Diagnostics) -> Lesson? {
        let src = LessonSource(contents, file: file, diags: diags)
        guard let fmText = src.frontMatter,
              let fm = composeYAML(fmText, file: file, lineOffset: src.frontMatterLine, diags: diags)?
                .map("the front matter", allowed: frontMatterKeys) else { return nil }
        guard checkFormat(fm, file: file, diags: diags) else { return nil }
        var lesson = Lesson(id: fm.string("id", required: true) ?? "", title: fm.string("title", required: true) ?? "",
                            chapter: fm.string("chapter", required: true) ?? "", kind: .reading, minutes: 5,
                            objectives: fm.stringList("objectives").map(\.0), cluster: .default,
                            setup: [], text: src.text, files: [], tasks: [], quizzes: [],
                            location: SourceLocation(file: file, line: 1))
        if !lesson.id.isEmpty, !isIdentifier(lesson.id) {
            fm["id"]?.error("lesson id \"\(lesson.id)\" must be lowercase letters, digits and dashes")
        }
        if let k = fm.string("kind") {
            if let kind = LessonKind(rawValue: k) { lesson.kind = kind } else {
                fm["kind"]?.error("kind must be one of \(LessonKind.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(k)\"")
            }
        }
        if let m = fm.int("minutes") { lesson.minutes = m }
        if let c = fm.string("cluster") {
            if let setup = ClusterSetup(rawValue: c) { lesson.cluster = setup } else {
                fm["cluster"]?.error("cluster must be one of \(ClusterSetup.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(c)\"")
            }
        }
        if let v = fm.int("max_speed") {
            if Lesson.speeds.contains(v) { lesson.maxSpeed = v } else {
                fm["max_speed"]?.error("max_speed must be one of \(Lesson.speeds.map(String.init).joined(separator: ", ")), not \(v)")
            }
        }
        let setup = fm.stringList("setup")
        lesson.setup = setup.map(\.0)
        lesson.setupLines = setup.map(\.1)
        var taskIDs: Set<String> = [], quizIDs: Set<String> = [], paths: Set<String> = []
        for block in src.blocks {
            switch block.kind {
            case "file":
                guard let f = workspaceFile(block, file: file, diags: diags) else { continue }
                if !paths.insert(f.path).inserted { diags.error(file, block.fenceLine, "duplicate file \"\(f.path)\"") }
                lesson.files.append(f)
            case "task":
                guard let node = composeYAML(block.body, file: file, lineOffset: block.fenceLine, diags: diags),
                      let map = node.map("a task", allowed: taskKeys),
                      let t = task(map, index: lesson.tasks.count, file: file) else { continue }
                if !taskIDs.insert(t.id).inserted { diags.error(file, t.line, "duplicate task id \"\(t.id)\"") }
                lesson.tasks.append(t)
            default:
                guard let node = composeYAML(block.body, file: file, lineOffset: block.fenceLine, diags: diags),
                      let q = QuizParser.quiz(node, index: lesson.quizzes.count) else { continue }
                if !quizIDs.insert(q.id).inserted { diags.error(file, q.line, "duplicate quiz id \"\(q.id)\"") }
                lesson.quizzes.append(q)
            }
        }
        if lesson.kind == .lab, lesson.tasks.isEmpty { diags.error(file, fm.lineOf("kind"), "a lab needs at least one ```task block") }
        if lesson.kind == .quiz, lesson.quizzes.isEmpty { diags.error(file, fm.lineOf("kind"), "a quiz lesson needs a ```quiz block") }
        return lesson
    }

    /// `format: 1`; a newer format is refused with a message saying so.
    static func checkFormat(_ fm: YAMLMap, file: String, diags: Diagnostics) -> Bool {
        guard let v = fm.int("format") else {
            if !fm.has("format") { fm.at.error("the front matter needs \"format: \(lessonFormatVersion)\"") }
            return fm.has("format") ? false : true
        }
        if v > lessonFormatVersion {
            fm["format"]?.error("this lesson uses format \(v), but this kubetutor only reads format \(lessonFormatVersion): update kubetutor")
            return false
        }
        if v < 1 { fm["format"]?.error("format must be \(lessonFormatVersion)") }
        return true
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && s.first != "-"
    }

    static func workspaceFile(_ block: LessonSource.Block, file: String, diags: Diagnostics) -> WorkspaceFile? {
        var path = block.info
        if path.hasPrefix("path=") { path = String(path.dropFirst(5)) }
        path = path.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
        guard !path.isEmpty else { diags.error(file, block.fenceLine, "a ```file block needs a path: ```file path=web.yaml"); return nil }
        let parts = path.split(separator: "/")
        if path.hasPrefix("/") || path.hasPrefix("~") || parts.contains("..") || parts.contains(".") {
            diags.error(file, block.fenceLine, "file path \"\(path)\" must stay inside the lesson's workspace (a relative path without . or ..)")
            return nil
        }
        return WorkspaceFile(path: path, content: block.body.isEmpty ? "" : block.body + "\n", line: block.fenceLine + 1)
    }

    static func task(_ map: YAMLMap, index: Int, file: String) -> LessonTask? {
        let id = map.string("id") ?? "task-\(index + 1)"
        if !isIdentifier(id) { map["id"]?.error("task id \"\(id)\" must be lowercase letters, digits and dashes") }
        var t = LessonTask(id: id, title: map.string("title", required: true) ?? "", text: map.string("do", required: true) ?? "",
                           checks: [], within: nil, hints: map.stringList("hints").map(\.0), solution: [],
                           solutionLines: [], debrief: map.string("debrief") ?? "", line: map.at.line)
        if let w = map.string("within") {
            if let d = parseDuration(w) { t.within = d } else {
                map["within"]?.error("within must be a duration like 30s, 2m or 1h, not \"\(w)\"")
            }
        }
        solution(map, into: &t)
        if t.solution.isEmpty { map.at.error("task \"\(id)\" needs a solution (the commands that solve it)") }
        if let checks = map["checks"]?.list("\"checks\"") {
            t.checks = checks.compactMap { CheckParser.check($0) }
            if checks.isEmpty { map["checks"]?.error("task \"\(id)\" needs at least one check") }
        } else if !map.has("checks") {
            map.at.error("task \"\(id)\" needs \"checks\"")
        }
        return t
    }

    /// `solution:` is a command, or a list of commands; a `- answer: TEXT` item answers a prompt of the command
    /// before it (gcloud's `Do you want to continue (Y/n)?`), as the learner would type it, and a `- fails: COMMAND`
    /// item is a command the lesson expects to fail (verify insists that it does).
    static func solution(_ map: YAMLMap, into t: inout LessonTask) {
        guard let n = map["solution"], !n.isNull else { return }
        if case .scalar = n.node {
            if let s = n.string("\"solution\"") {
                t.solution = [s]; t.solutionLines = [n.line]; t.solutionAnswers = [[]]; t.solutionFails = [false]
            }
            return
        }
        for item in n.list("\"solution\"") ?? [] {
            if case .mapping(let m) = item.node {
                let entry = YAMLMap(item, mapping: m, what: "a solution item", allowed: ["answer", "fails"])
                if entry.has("fails") {
                    guard let cmd = entry.string("fails", required: true) else { continue }
                    t.solution.append(cmd); t.solutionLines.append(item.line); t.solutionAnswers.append([]); t.solutionFails.append(true)
                    continue
                }
                guard let text = entry.string("answer", required: true) else { continue }
                if t.solution.isEmpty {
                    item.error("an answer needs the command whose prompt it answers before it")
                } else {
                    t.solutionAnswers[t.solutionAnswers.count - 1].append(text)
                }
            } else if let s = item.string("each item of \"solution\"") {
                t.solution.append(s); t.solutionLines.append(item.line); t.solutionAnswers.append([]); t.solutionFails.append(false)
            }
        }
    }

    /// `30s`, `2m`, `1h`, `90` (seconds).
    static func parseDuration(_ s: String) -> Duration? {
        var number = Substring(s.trimmingCharacters(in: .whitespaces))
        var unit: Double = 1000
        if let last = number.last, let u = ["s": 1000.0, "m": 60_000, "h": 3_600_000][String(last)] {
            unit = u
            number = number.dropLast()
        }
        guard let v = Double(number), v >= 0, v < 1e9 else { return nil }
        return Duration(ms: Int64((v * unit).rounded()))
    }
}
