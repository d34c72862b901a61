// `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]… [--class] [--default-backend] [--annotation]`
import Foundation
import MiniCluster

struct CreateIngressVerb: CreateGenerator {
    let path = ["create", "ingress"]
    let aliases = ["ing"]
    let ownFlags = [
        FlagSpec("class", usage: "Ingress Class to be used."),
        FlagSpec("rule", .stringArray, usage: "Rule as host/path=service:port[,tls=secretname]; a path ending in '*' is a Prefix path."),
        FlagSpec("default-backend", usage: "Default service backend as svcname:port."),
        FlagSpec("annotation", .stringArray, usage: "Annotation to insert, as annotation=value."),
    ]
    let serverErrorPrefix: String? = "failed to create ingress: "

    /// kubectl's rule pattern; only its start must match (Go's MatchString is unanchored at the end).
    static let rulePattern = #"^([0-9A-Za-z_*\-.]*)(/.*)=([0-9A-Za-z_\-]+):([0-9A-Za-z_\-]+)(,(tls)=?([0-9A-Za-z_\-]+)?)?"#

    func validate(_ c: CreateCall) throws {
        let f = c.flags
        let rules = f.strings("rule"), backend = f.string("default-backend")
        if backend.isEmpty, rules.isEmpty {
            throw KubectlFailure.plain("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)")
        }
        for r in rules where r.range(of: Self.rulePattern, options: .regularExpression) == nil {
            throw KubectlFailure.plain("rule \(r) is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]")
        }
        for a in f.strings("annotation") where !a.contains("=") {
            throw KubectlFailure.plain("annotation \(a) is invalid and should be in format key=[value]")
        }
        if !backend.isEmpty, backend.split(separator: ":", omittingEmptySubsequences: false).count != 2 {
            throw KubectlFailure.plain("default-backend should be in format servicename:serviceport")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        let f = c.flags
        var annotations: [String: String] = [:]
        for a in f.strings("annotation") {
            let p = a.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            annotations[String(p[0])] = String(p[1])
        }
        let rules = f.strings("rule")
        let tls = tlsRules(rules)
        let spec = Build.object([
            ("ingressClassName", Build.opt(!(f.string("class").isEmpty), .string(f.string("class")))),
            ("defaultBackend", Build.opt(!(f.string("default-backend").isEmpty), backend(f.string("default-backend")))),
            ("tls", Build.opt(!(tls.isEmpty), .array(tls))),
            ("rules", Build.opt(!(rules.isEmpty), .array(ingressRules(rules)))),
        ])
        let meta = Build.meta(name: c.name, namespace: c.enforcedNamespace, annotations: Build.map(annotations))
        return Build.object(Build.head("Ingress", "networking.k8s.io/v1", meta)
                            + [("spec", spec), ("status", ["loadBalancer": .emptyObject])])
    }

    private func backend(_ service: String) -> Value {
        let parts = service.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let port: Value = Int32(parts[1]).map { ["number": .int(Int($0))] } ?? ["name": .string(parts[1])]
        return ["service": ["name": .string(parts[0]), "port": port]]
    }

    private func tlsRules(_ rules: [String]) -> [Value] {
        var out: [(hosts: [String], secret: String)] = []
        var seenHosts = Set<String>()
        for rule in rules {
            let pieces = rule.split(separator: ",", omittingEmptySubsequences: false)
            guard pieces.count == 2 else { continue }
            let host = String(rule.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0])
            let secretParts = pieces[1].split(separator: "=", omittingEmptySubsequences: false)
            let secret = secretParts.count > 1 ? String(secretParts[1]) : ""
            if seenHosts.contains(host) { continue }
            seenHosts.insert(host)
            if let i = out.firstIndex(where: { $0.secret == secret }) {
                out[i].hosts.append(host)
                continue
            }
            if !host.isEmpty || !secret.isEmpty { out.append((host.isEmpty ? [] : [host], secret)) }
        }
        return out.map { Build.object([("hosts", Build.strings($0.hosts)), ("secretName", Build.opt(!($0.secret.isEmpty), .string($0.secret)))]) }
    }

    private func ingressRules(_ rules: [String]) -> [Value] {
        var out: [(host: String, paths: [Value])] = []
        for rule in rules {
            let noTLS = String(rule.split(separator: ",", omittingEmptySubsequences: false)[0])
            let hostSplit = noTLS.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let path = httpPath(hostSplit.count > 1 ? hostSplit[1] : "")
            if let i = out.firstIndex(where: { $0.host == hostSplit[0] }) {
                out[i].paths.append(path)
            } else {
                out.append((hostSplit[0], [path]))
            }
        }
        return out.map { Build.object([("host", Build.opt(!($0.host.isEmpty), .string($0.host))), ("http", ["paths": .array($0.paths)])]) }
    }

    private func httpPath(_ pathSvc: String) -> Value {
        let parts = pathSvc.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        var path = "/" + parts[0]
        var type = "Exact"
        if path.hasSuffix("*") { type = "Prefix"; path.removeLast() }
        return Build.object([("path", .string(path)), ("pathType", .string(type)), ("backend", backend(parts.count > 1 ? parts[1] : ":"))])
    }
}
