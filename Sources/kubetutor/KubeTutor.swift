// kubetutor's own command line: wires a front end (the course player by default) to the engine.
import ArgumentParser
import Foundation

@main
struct KubeTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubetutor",
        abstract: "Learn Kubernetes and GKE from your terminal, on an embedded mini-cluster.",
        subcommands: [Sandbox.self, PlayCommand.self, LintCommand.self, VerifyCommand.self, ProgressCommand.self],
        defaultSubcommand: PlayCommand.self
    )

    /// The command lines a learner types most (`kubetutor`, `kubetutor play …`, `kubetutor sandbox …` with plain flags)
    /// start without ArgumentParser, whose reflection costs about 5 ms of a 15 ms process start; every other command
    /// line — help, mistakes, the other subcommands — goes through ArgumentParser as before.
    static func main() {
        guard let start = FastStart(Array(CommandLine.arguments.dropFirst())) else { return main(nil) }
        do {
            try start.run()
        } catch let code as ExitCode {
            // ArgumentParser's exit(withError:) would first build a message by reflection (about 1 ms) to print nothing.
            Foundation.exit(code.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}

/// A command line `KubeTutor.main` can start directly. Anything it does not recognise exactly is left to
/// ArgumentParser, so its messages and help stay the only ones.
enum FastStart {
    case play(plain: Bool, lessons: String?)
    case sandbox(seed: UInt64, script: String?, stopOnError: Bool, noCluster: Bool)

    init?(_ args: [String]) {
        var rest = args[...]
        /// `--name VALUE` or `--name=VALUE`; nil when `arg` is not that option or its value is missing.
        func value(_ name: String, _ arg: String) -> String?? {
            if arg == name { return rest.popFirst().map { Optional($0) } ?? .some(nil) }
            if arg.hasPrefix(name + "=") { return .some(String(arg.dropFirst(name.count + 1))) }
            return nil
        }
        switch rest.first {
        case nil, "play":
            _ = rest.popFirst()
            var plain = false, lessons: String?
            while let arg = rest.popFirst() {
                if arg == "--plain" { plain = true; continue }
                guard let v = value("--lessons", arg), let dir = v, !dir.hasPrefix("-") else { return nil }
                lessons = dir
            }
            self = .play(plain: plain, lessons: lessons)
        case "sandbox":
            _ = rest.popFirst()
            var seed: UInt64 = 1, script: String?, stopOnError = false, noCluster = false
            while let arg = rest.popFirst() {
                switch arg {
                case "-e": stopOnError = true
                case "--no-cluster": noCluster = true
                default:
                    if let v = value("--seed", arg) {
                        guard let text = v, let n = UInt64(text) else { return nil }
                        seed = n
                    } else if let v = value("--script", arg) {
                        guard let file = v, !file.hasPrefix("-") else { return nil }
                        script = file
                    } else {
                        return nil
                    }
                }
            }
            self = .sandbox(seed: seed, script: script, stopOnError: stopOnError, noCluster: noCluster)
        default:
            return nil
        }
    }

    func run() throws {
        switch self {
        case .play(let plain, let lessons): try PlayCommand.start(plain: plain, lessons: lessons)
        case .sandbox(let seed, let script, let stopOnError, let noCluster):
            try Sandbox.start(seed: seed, script: script, stopOnError: stopOnError, noCluster: noCluster)
        }
    }
}
