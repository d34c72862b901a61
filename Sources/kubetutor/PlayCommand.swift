// `kubetutor play` (and `kubetutor` alone): the course, full screen when stdin and stdout are a terminal, else
// (or with --plain) in plain line mode.
import ArgumentParser
import Course
import Foundation
import TUI

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "play", abstract: "Take the course.")

    @Flag(name: .long, help: "Plain line mode: text in, text out (screen readers, dumb terminals, scripts).")
    var plain = false

    @Option(name: .long, help: "Play this lesson folder instead of the built-in course.")
    var lessons: String?

    func run() throws { try Self.start(plain: plain, lessons: lessons) }

    /// The command's work, callable without ArgumentParser (see `FastStart`).
    static func start(plain: Bool, lessons: String?) throws {
        let (url, display) = try lessonFolder(lessons)
        let loaded = CourseLoader.load(url, display: display)
        guard let course = loaded.course, loaded.diagnostics.isEmpty else {
            for d in loaded.diagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
            FileHandle.standardError.write(Data("kubetutor: this course has problems; `kubetutor lint` lists them\n".utf8))
            throw ExitCode(1)
        }
        let store = ProgressStore(directory: ProgressStore.defaultDirectory())
        if !plain, isatty(0) == 1, isatty(1) == 1, ProcessInfo.processInfo.environment["TERM"].map({ $0 != "dumb" }) ?? false {
            throw ExitCode(Runner.play(course: course, store: store))
        }
        let player = PlainPlayer(course: course, store: store, write: { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }, readLine: { prompt in
            FileHandle.standardOutput.write(Data(prompt.utf8))
            return Swift.readLine(strippingNewline: true)
        })
        player.followWallTime = isatty(0) == 1
        throw ExitCode(player.run())
    }
}
