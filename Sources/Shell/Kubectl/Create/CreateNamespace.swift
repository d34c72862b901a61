// `kubectl create namespace NAME` and `kubectl create serviceaccount NAME`: objects that are little more than a name.
import MiniCluster

struct CreateNamespaceVerb: CreateGenerator {
    let path = ["create", "namespace"]
    let aliases = ["ns"]
    let ownFlags: [FlagSpec] = []
    // kubectl prints the server's own error here (`Error from server (AlreadyExists): …`).
    let serverErrorPrefix: String? = nil

    func build(_ c: CreateCall) throws -> Value {
        Build.object(Build.head("Namespace", "v1", Build.meta(name: c.name)) + [("spec", .emptyObject), ("status", .emptyObject)])
    }
}

struct CreateServiceAccountVerb: CreateGenerator {
    let path = ["create", "serviceaccount"]
    let aliases = ["sa"]
    let ownFlags: [FlagSpec] = []
    let serverErrorPrefix: String? = "failed to create serviceaccount: "

    func build(_ c: CreateCall) throws -> Value {
        Build.object(Build.head("ServiceAccount", "v1", Build.meta(name: c.name, namespace: c.enforcedNamespace)))
    }
}
