// `kubectl create secret generic|tls|docker-registry NAME …`
import Foundation
import MiniCluster

/// The Secret object every secret generator builds: data values base64 in sorted key order.
private func secretObject(_ c: CreateCall, name: String, type: String, data: [String: Data]) -> Value {
    Build.object(Build.head("Secret", "v1", Build.meta(name: name, namespace: c.enforcedNamespace))
                 + [("data", Build.map(data.mapValues { $0.base64EncodedString() })),
                    ("type", Build.opt(!(type.isEmpty), .string(type)))])
}

private func hashedName(_ c: CreateCall, type: String, data: [String: Data]) -> String {
    c.flags.bool("append-hash") ? c.name + "-" + ContentHash.secret(name: c.name, type: type, data: data) : c.name
}

private let appendHash = FlagSpec("append-hash", .bool, default: "false", usage: "Append a hash of the secret to its name.")

struct CreateSecretGenericVerb: CreateGenerator {
    let path = ["create", "secret", "generic"]
    let ownFlags = [
        FlagSpec("from-file", .stringSlice, usage: "A file (key = its base name) or key=file; a directory adds each regular file."),
        FlagSpec("from-literal", .stringArray, usage: "A key and literal value to insert (mykey=somevalue)."),
        FlagSpec("from-env-file", .stringSlice, usage: "A file of key=val lines."),
        FlagSpec("type", usage: "The type of secret to create."),
        appendHash,
    ]
    // kubectl writes `failed to create secret <err>` here, without a colon.
    let serverErrorPrefix: String? = "failed to create secret "

    func validate(_ c: CreateCall) throws {
        if !c.flags.strings("from-env-file").isEmpty,
           !c.flags.strings("from-file").isEmpty || !c.flags.strings("from-literal").isEmpty {
            throw KubectlFailure.plain("from-env-file cannot be combined with from-file or from-literal")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        var data: [String: Data] = [:]
        func add(_ key: String, _ value: Data) throws {
            let errs = NameRules.configMapKeyErrors(key)
            if !errs.isEmpty {
                throw KubectlFailure.plain("\(GoFormat.q(key)) is not valid key name for a Secret \(errs.joined(separator: ";"))")
            }
            if data[key] != nil { throw KubectlFailure.plain("cannot add key \(key), another key by that name already exists") }
            data[key] = value
        }
        for source in c.flags.strings("from-literal") {
            let (key, value) = try DataSources.literal(source)
            try add(key, Data(value.utf8))
        }
        try DataSources.forEachFile(c.flags.strings("from-file"), c.context.session, add)
        try DataSources.forEachEnvLine(c.flags.strings("from-env-file"), c.context.session,
                                       dirError: "env secret file cannot be a directory") { try add($0, Data($1.utf8)) }
        let type = c.flags.string("type")
        return secretObject(c, name: hashedName(c, type: type, data: data), type: type, data: data)
    }
}

struct CreateSecretTLSVerb: CreateGenerator {
    let path = ["create", "secret", "tls"]
    let ownFlags = [
        FlagSpec("cert", usage: "Path to a PEM encoded public key certificate."),
        FlagSpec("key", usage: "Path to the private key of that certificate."),
        appendHash,
    ]
    let serverErrorPrefix: String? = "failed to create secret "

    func validate(_ c: CreateCall) throws {
        if c.flags.string("key").isEmpty || c.flags.string("cert").isEmpty {
            throw KubectlFailure.plain("key and cert must be specified")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        func read(_ path: String) throws -> Data {
            guard let d = FileManager.default.contents(atPath: c.context.session.url(for: path).path) else {
                throw KubectlFailure.plain("Cannot read file \(path), open \(path): no such file or directory")
            }
            return d
        }
        let cert = try read(c.flags.string("cert"))
        let key = try read(c.flags.string("key"))
        // Go's tls.X509KeyPair: we cannot check the cryptography, only that both hold PEM blocks of the right kind.
        if !String(decoding: cert, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") {
            throw KubectlFailure.plain("tls: failed to find any PEM data in certificate input")
        }
        if !String(decoding: key, as: UTF8.self).contains("PRIVATE KEY-----") {
            throw KubectlFailure.plain("tls: failed to find any PEM data in key input")
        }
        let type = "kubernetes.io/tls"
        let data = ["tls.crt": cert, "tls.key": key]
        return secretObject(c, name: hashedName(c, type: type, data: data), type: type, data: data)
    }
}

struct CreateSecretDockerRegistryVerb: CreateGenerator {
    let path = ["create", "secret", "docker-registry"]
    let ownFlags = [
        FlagSpec("docker-username", usage: "Username for Docker registry authentication."),
        FlagSpec("docker-password", usage: "Password for Docker registry authentication."),
        FlagSpec("docker-email", usage: "Email for the Docker registry."),
        FlagSpec("docker-server", default: "https://index.docker.io/v1/", usage: "Server location of the Docker registry."),
        FlagSpec("from-file", .stringSlice, usage: "Key files, by path or as key=path."),
        appendHash,
    ]
    let serverErrorPrefix: String? = "failed to create secret "

    func validate(_ c: CreateCall) throws {
        let f = c.flags
        if f.strings("from-file").isEmpty,
           f.string("docker-username").isEmpty || f.string("docker-password").isEmpty || f.string("docker-server").isEmpty {
            throw KubectlFailure.plain("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        let f = c.flags
        var data: [String: Data] = [:]
        let files = f.strings("from-file")
        if !files.isEmpty {
            try DataSources.forEachFile(files, c.context.session) { key, value in
                let errs = NameRules.configMapKeyErrors(key)
                if !errs.isEmpty {
                    throw KubectlFailure.plain("\(GoFormat.q(key)) is not valid key name for a Secret \(errs.joined(separator: ";"))")
                }
                if data[key] != nil { throw KubectlFailure.plain("cannot add key \(key), another key by that name already exists") }
                data[key] = value
            }
        } else {
            let user = f.string("docker-username"), password = f.string("docker-password")
            let entry = Build.object([
                ("username", Build.opt(!(user.isEmpty), .string(user))),
                ("password", Build.opt(!(password.isEmpty), .string(password))),
                ("email", Build.opt(!(f.string("docker-email").isEmpty), .string(f.string("docker-email")))),
                ("auth", .string(Data("\(user):\(password)".utf8).base64EncodedString())),
            ])
            let config: Value = ["auths": .object([f.string("docker-server"): entry])]
            data[".dockerconfigjson"] = Data(GoJSON.compact(config).utf8)
        }
        let type = "kubernetes.io/dockerconfigjson"
        return secretObject(c, name: hashedName(c, type: type, data: data), type: type, data: data)
    }
}
