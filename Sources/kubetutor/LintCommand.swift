// `kubetutor lint [DIR]`: an instructor's check of a lesson folder; every problem as FILE:LINE: message.
import ArgumentParser
import Course
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint",
                                                    abstract: "Check a lesson folder for mistakes (default: the built-in course).")

    @Argument(help: "The lesson folder (the one holding course.yaml).")
    var dir: String?

    func run() throws {
        let (url, display) = try lessonFolder(dir)
        let result = Linter.lint(url, display: display)
        for d in result.diagnostics { print(d) }
        if !result.diagnostics.isEmpty {
            let n = result.diagnostics.count
            FileHandle.standardError.write(Data("\(n) problem\(n == 1 ? "" : "s") found\n".utf8))
            throw ExitCode(1)
        }
        let lessons = result.course?.lessons.count ?? 0
        print("\(display): \(lessons) lesson\(lessons == 1 ? "" : "s"), no problems found")
    }
}

/// The folder the user named, or the built-in course; with the name to show in messages.
func lessonFolder(_ dir: String?) throws -> (URL, String) {
    if let dir { return (URL(fileURLWithPath: dir), dir.hasSuffix("/") ? String(dir.dropLast()) : dir) }
    guard let url = LessonsFolder.builtIn() else {
        FileHandle.standardError.write(Data("kubetutor: cannot find the built-in course; name a lesson folder or set KUBETUTOR_LESSONS\n".utf8))
        throw ExitCode(1)
    }
    return (url, url.path)
}
