// kubetutor's own command line: wires a front end (the course player by default) to the engine.
import ArgumentParser

@main
struct KubeTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubetutor",
        abstract: "Learn Kubernetes and GKE from your terminal, on an embedded mini-cluster.",
        subcommands: [Sandbox.self, PlayCommand.self, LintCommand.self, VerifyCommand.self, ProgressCommand.self],
        defaultSubcommand: PlayCommand.self
    )
}
