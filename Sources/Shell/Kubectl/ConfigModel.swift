// The kubeconfig as kubectl prints it: `config view` YAML (keys sorted, `DATA+OMITTED`, long strings folded
// as go-yaml folds them), JSON in kubectl's field order, and the tree `-o jsonpath` reads.
import Foundation
import MiniCluster

/// Deterministic stand-ins for what GKE hands out: a public control-plane IP and a CA bundle.
public enum GKEEndpoint {
    /// A 34.x.x.x address derived from the context name (the same name always gets the same address).
    public static func address(for context: String) -> String {
        var r = SeededRandom(seed: context.hashValueStable)
        return "34.\(16 + r.next() % 160).\(r.next() % 256).\(1 + r.next() % 254)"
    }

    /// Base64 of a PEM block with seeded contents: looks like a CA, signs nothing.
    public static func caData(for context: String) -> String {
        var r = SeededRandom(seed: context.hashValueStable ^ 0xCA)
        let body = Data((0..<96).map { _ in UInt8(r.next() & 0xff) }).base64EncodedString(options: [.lineLength64Characters])
        let pem = "-----BEGIN CERTIFICATE-----\n" + body.replacingOccurrences(of: "\r\n", with: "\n") + "\n-----END CERTIFICATE-----\n"
        return Data(pem.utf8).base64EncodedString()
    }

    static let installHint = "Install gke-gcloud-auth-plugin for use with kubectl by following "
        + "https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin"
}

extension KubeConfig {
    /// Only what the current context needs (`--minify`).
    func minified() -> KubeConfig {
        var m = KubeConfig()
        m.path = path
        m.currentContext = currentContext
        guard let name = currentContext, let ctx = contexts[name] else { return m }
        m.contexts[name] = ctx
        m.clusters[ctx.cluster] = clusters[ctx.cluster]
        m.users[ctx.user] = users[ctx.user]
        return m
    }

    /// The tree `-o json`/`-o jsonpath` work on, in kubectl's field order.
    func value(raw: Bool) -> Value {
        func list<T>(_ d: [String: T], _ key: String, _ body: (T) -> Value) -> Value {
            d.isEmpty ? .null : .array(d.keys.sorted().map { ["name": .string($0), .init(key): body(d[$0]!)] })
        }
        let clusterList = list(clusters, "cluster") { c -> Value in
            ["server": .string(c.server), "certificate-authority-data": .string(raw ? c.certificateAuthorityData : "DATA+OMITTED")]
        }
        let userList = list(users, "user") { u -> Value in
            if let plugin = u.execPlugin {
                return ["exec": ["command": .string(plugin), "args": .null, "env": .null,
                                 "apiVersion": "client.authentication.k8s.io/v1beta1",
                                 "installHint": .string(GKEEndpoint.installHint), "provideClusterInfo": true,
                                 "interactiveMode": "IfAvailable"]]
            }
            return ["token": .string(raw ? u.token ?? "" : "REDACTED")]
        }
        let contextList = list(contexts, "context") { c -> Value in
            var v: Value = ["cluster": .string(c.cluster), "user": .string(c.user)]
            if let ns = c.namespace, !ns.isEmpty { v["namespace"] = .string(ns) }
            return v
        }
        return ["kind": "Config", "apiVersion": "v1", "preferences": [:], "clusters": clusterList, "users": userList,
                "contexts": contextList, "current-context": .string(currentContext ?? "")]
    }

    /// `kubectl config view` YAML.
    func yaml(raw: Bool) -> String {
        var out = "apiVersion: v1\n"
        if clusters.isEmpty { out += "clusters: null\n" } else {
            out += "clusters:\n"
            for name in clusters.keys.sorted() {
                let c = clusters[name]!
                out += "- cluster:\n    certificate-authority-data: \(raw ? c.certificateAuthorityData : "DATA+OMITTED")\n"
                out += "    server: \(c.server)\n  name: \(Self.scalar(name))\n"
            }
        }
        if contexts.isEmpty { out += "contexts: null\n" } else {
            out += "contexts:\n"
            for name in contexts.keys.sorted() {
                let c = contexts[name]!
                out += "- context:\n    cluster: \(Self.scalar(c.cluster))\n"
                if let ns = c.namespace, !ns.isEmpty { out += "    namespace: \(Self.scalar(ns))\n" }
                out += "    user: \(Self.scalar(c.user))\n  name: \(Self.scalar(name))\n"
            }
        }
        out += "current-context: \(Self.scalar(currentContext ?? ""))\nkind: Config\npreferences: {}\n"
        if users.isEmpty { out += "users: null\n" } else {
            out += "users:\n"
            for name in users.keys.sorted() {
                let u = users[name]!
                out += "- name: \(Self.scalar(name))\n  user:\n"
                if let plugin = u.execPlugin {
                    out += "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      args: null\n"
                    out += "      command: \(plugin)\n      env: null\n"
                    out += Self.folded("      installHint: ", GKEEndpoint.installHint, indent: 8)
                    out += "      interactiveMode: IfAvailable\n      provideClusterInfo: true\n"
                } else {
                    out += "    token: \(raw ? Self.scalar(u.token ?? "") : "REDACTED")\n"
                }
            }
        }
        return out
    }

    /// A plain scalar, or double-quoted when YAML would read it as something else (empty, true, 123 …).
    static func scalar(_ s: String) -> String {
        let special = ["", "true", "false", "null", "yes", "no", "on", "off", "~", "y", "n"]
        if special.contains(s.lowercased()) || Double(s) != nil || s.hasPrefix(" ") || s.hasSuffix(" ")
            || s.contains(": ") || s.contains(" #") || s.first.map({ "-?:,[]{}#&*!|>'\"%@`".contains($0) }) == true {
            return JSONCodec.quote(s)
        }
        return s
    }

    /// go-yaml's folding of a long plain scalar: past column 80, the next space becomes a line break.
    static func folded(_ prefix: String, _ text: String, indent: Int) -> String {
        var out = prefix
        var column = prefix.count
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        for (i, w) in words.enumerated() {
            if i > 0 {
                if column > 80 {
                    out += "\n" + String(repeating: " ", count: indent)
                    column = indent
                } else {
                    out += " "
                    column += 1
                }
            }
            out += w
            column += w.count
        }
        return out + "\n"
    }
}
