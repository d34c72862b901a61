// `kubetutor verify [DIR] [LESSON…]`: replays every lesson's tasks on a fresh engine; a summary table at the end.
import ArgumentParser
import Course
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Prove each task's checks fail before its solution and pass after it (default: the built-in course).")

    @Argument(help: "The lesson folder, then lesson ids to verify (default: all).")
    var arguments: [String] = []

    func run() throws {
        var args = arguments
        var dir: String?
        if let first = args.first, FileManager.default.fileExists(atPath: first + "/course.yaml") || first.contains("/") {
            dir = first
            args.removeFirst()
        }
        let (url, display) = try lessonFolder(dir)
        let linted = Linter.lint(url, display: display)
        for d in linted.diagnostics { print(d) }
        guard let course = linted.course, linted.diagnostics.isEmpty else {
            FileHandle.standardError.write(Data("kubetutor: fix the problems lint reports first\n".utf8))
            throw ExitCode(1)
        }
        var chosen = course.orderedLessons
        if !args.isEmpty {
            for id in args where course.lessons[id] == nil {
                FileHandle.standardError.write(Data("kubetutor: no lesson \"\(id)\" in \(display)\n".utf8))
                throw ExitCode(1)
            }
            chosen = chosen.filter { args.contains($0.id) }
        }
        var results: [VerifyResult] = []
        for lesson in chosen {
            let r = Verifier.verify(lesson)
            for p in r.problems { print("\(lesson.location.file): \(p)") }
            results.append(r)
        }
        print(Verifier.table(results), terminator: "")
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}
