// `kubetutor progress show|reset|export|import`: the learner's saved progress.
import ArgumentParser
import Course
import Foundation

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress", abstract: "Show, reset, export or import your progress.",
        subcommands: [Show.self, Reset.self, Export.self, Import.self], defaultSubcommand: Show.self)

    static var store: ProgressStore { ProgressStore(directory: ProgressStore.defaultDirectory()) }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List lessons done, quiz scores and time spent.")
        @Option(name: .long, help: "The lesson folder the progress belongs to.") var lessons: String?
        func run() throws {
            let (p, notice) = ProgressCommand.store.load()
            if let notice { FileHandle.standardError.write(Data((notice + "\n").utf8)) }
            let course = (try? lessonFolder(lessons)).flatMap { CourseLoader.load($0.0).course }
            print(ProgressReport.text(p, course: course), terminator: "")
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget all progress (a copy is kept as progress.json.reset).")
        func run() throws {
            let store = ProgressCommand.store
            let fm = FileManager.default
            let backup = store.directory.appendingPathComponent("progress.json.reset")
            if fm.fileExists(atPath: store.file.path) {
                try? fm.removeItem(at: backup)
                try fm.copyItem(at: store.file, to: backup)
            }
            try store.save(CourseProgress())
            try? fm.removeItem(at: store.workspaces)
            print("Progress reset. The previous progress was kept as \(backup.path).")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write your progress to a file (or - for standard output).")
        @Argument(help: "Where to write.") var file: String = "-"
        func run() throws {
            let store = ProgressCommand.store
            let data = FileManager.default.contents(atPath: store.file.path) ?? Data("{\"version\":1,\"lessons\":{}}".utf8)
            if file == "-" { FileHandle.standardOutput.write(data) } else { try data.write(to: URL(fileURLWithPath: file)) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace your progress with an exported file.")
        @Argument(help: "The exported progress file.") var file: String
        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("kubetutor: cannot read \(file)\n".utf8))
                throw ExitCode(1)
            }
            switch ProgressStore.decode(data) {
            case .success(let p):
                try ProgressCommand.store.save(p)
                print("Imported progress for \(p.lessons.count) lesson\(p.lessons.count == 1 ? "" : "s").")
            case .failure(let e):
                FileHandle.standardError.write(Data("kubetutor: \(file) \(e); nothing was changed\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
