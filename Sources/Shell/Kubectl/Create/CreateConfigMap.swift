// `kubectl create configmap NAME [--from-file] [--from-literal] [--from-env-file]`
import Foundation
import MiniCluster

struct CreateConfigMapVerb: CreateGenerator {
    let path = ["create", "configmap"]
    let aliases = ["cm"]
    let ownFlags = [
        FlagSpec("from-file", .stringSlice, usage: "A file (key = its base name) or key=file; a directory adds each regular file."),
        FlagSpec("from-literal", .stringArray, usage: "A key and literal value to insert (mykey=somevalue)."),
        FlagSpec("from-env-file", .stringSlice, usage: "A file of key=val lines."),
        FlagSpec("append-hash", .bool, default: "false", usage: "Append a hash of the configmap to its name."),
    ]
    let serverErrorPrefix: String? = "failed to create configmap: "

    func validate(_ c: CreateCall) throws {
        if !c.flags.strings("from-env-file").isEmpty,
           !c.flags.strings("from-file").isEmpty || !c.flags.strings("from-literal").isEmpty {
            throw KubectlFailure.plain("from-env-file cannot be combined with from-file or from-literal")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        var data: [String: String] = [:]
        var binary: [String: Data] = [:]
        func check(_ key: String) throws {
            let errs = NameRules.configMapKeyErrors(key)
            if !errs.isEmpty {
                throw KubectlFailure.plain("\(GoFormat.q(key)) is not a valid key name for a ConfigMap: \(errs.joined(separator: ","))")
            }
            if data[key] != nil {
                throw KubectlFailure.plain("cannot add key \(GoFormat.q(key)), another key by that name already exists in Data for ConfigMap \(GoFormat.q(c.name))")
            }
            if binary[key] != nil {
                throw KubectlFailure.plain("cannot add key \(GoFormat.q(key)), another key by that name already exists in BinaryData for ConfigMap \(GoFormat.q(c.name))")
            }
        }
        let session = c.context.session
        try DataSources.forEachFile(c.flags.strings("from-file"), session) { key, bytes in
            try check(key)
            if let text = String(data: bytes, encoding: .utf8) { data[key] = text } else { binary[key] = bytes }
        }
        for source in c.flags.strings("from-literal") {
            let (key, value) = try DataSources.literal(source)
            try check(key)
            data[key] = value
        }
        try DataSources.forEachEnvLine(c.flags.strings("from-env-file"), session, dirError: "env config file cannot be a directory") { key, value in
            try check(key)
            data[key] = value
        }
        var name = c.name
        if c.flags.bool("append-hash") {
            name += "-" + ContentHash.configMap(name: c.name, data: data, binary: binary)
        }
        let binaryValue: Value? = Build.opt(!(binary.isEmpty), Value(stringMap: binary.mapValues { $0.base64EncodedString() }))
        return Build.object(Build.head("ConfigMap", "v1", Build.meta(name: name, namespace: c.enforcedNamespace))
                            + [("data", Build.map(data)), ("binaryData", binaryValue)])
    }
}
