// `kubectl create deployment NAME --image=… [--replicas] [--port] [-- command]`
import Foundation
import MiniCluster

struct CreateDeploymentVerb: CreateGenerator {
    let path = ["create", "deployment"]
    let aliases = ["deploy"]
    let ownFlags = [
        FlagSpec("image", .stringSlice, usage: "Image names to run; several make a multi-container pod."),
        FlagSpec("port", .int, default: "-1", usage: "The containerPort the deployment exposes."),
        FlagSpec("replicas", "r", .int, default: "1", usage: "Number of replicas to create."),
    ]
    let requiredFlags = ["image"]
    let serverErrorPrefix: String? = "failed to create deployment: "

    func validate(_ c: CreateCall) throws {
        if c.flags.strings("image").count > 1, !c.command.isEmpty {
            throw KubectlFailure.plain("cannot specify multiple --image options and command")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        let labels: Value = ["app": .string(c.name)]
        let port = c.flags.int("port")
        var containers: [Value] = []
        for (i, image) in c.flags.strings("image").enumerated() {
            let ports: Value? = i == 0 && port >= 0 ? [["containerPort": .int(port)]] : Value?.none
            containers.append(Build.container(name: containerName(image, c), image: image, command: c.command, ports: ports))
        }
        let template = Build.object([
            ("metadata", Build.meta(name: nil, labels: labels)),
            ("spec", ["containers": .array(containers)]),
        ])
        let spec = Build.object([
            ("replicas", .int(c.flags.int("replicas"))),
            ("selector", ["matchLabels": labels]),
            ("template", template),
            ("strategy", .emptyObject),
        ])
        return Build.object(Build.head("Deployment", "apps/v1", Build.meta(name: c.name, namespace: c.enforcedNamespace, labels: labels))
                            + [("spec", spec), ("status", .emptyObject)])
    }

    /// The image's last path segment without tag or digest; `_` and `.` become `-` plus a random suffix.
    private func containerName(_ image: String, _ c: CreateCall) -> String {
        var name = image.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? image
        if let i = name.firstIndex(of: ":") { name = String(name[..<i]) }
        if let i = name.firstIndex(of: "@") { name = String(name[..<i]) }
        if name.contains("_") || name.contains(".") {
            name = name.replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-") + "-" + c.randomSuffix()
        }
        return name
    }
}
