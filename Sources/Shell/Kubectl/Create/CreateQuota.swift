// `kubectl create quota NAME [--hard=key=qty,…] [--scopes=A,B]`
import Foundation
import MiniCluster

struct CreateQuotaVerb: CreateGenerator {
    let path = ["create", "quota"]
    let aliases = ["resourcequota"]
    let ownFlags = [
        FlagSpec("hard", usage: "Comma-separated resource=quantity pairs that define a hard limit."),
        FlagSpec("scopes", usage: "Comma-separated quota scopes every tracked object must match."),
    ]
    let serverErrorPrefix: String? = "failed to create quota: "

    func build(_ c: CreateCall) throws -> Value {
        var hard: [String: String] = [:]
        let spec = c.flags.string("hard")
        if !spec.isEmpty {
            for statement in spec.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = statement.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else {
                    throw KubectlFailure.plain("Invalid argument syntax \(statement), expected <resource>=<value>")
                }
                hard[parts[0]] = try QuantityText.canonical(parts[1])
            }
        }
        var scopes: [Value] = []
        let scopeSpec = c.flags.string("scopes")
        if !scopeSpec.isEmpty {
            for s in scopeSpec.split(separator: ",", omittingEmptySubsequences: false) {
                if s.isEmpty { throw KubectlFailure.plain("invalid resource quota scope \"\"") }
                scopes.append(.string(String(s)))
            }
        }
        let quotaSpec = Build.object([("hard", Build.map(hard)), ("scopes", Build.opt(!(scopes.isEmpty), .array(scopes)))])
        return Build.object(Build.head("ResourceQuota", "v1", Build.meta(name: c.name, namespace: c.enforcedNamespace))
                            + [("spec", quotaSpec), ("status", .emptyObject)])
    }
}

/// Quantities as the API prints them (`1.5Gi` → `1536Mi`), with ParseQuantity's errors.
enum QuantityText {
    static func canonical(_ s: String) throws -> String {
        do { return try MiniCluster.Quantity(parsing: s).description } catch let e as QuantityError {
            throw KubectlFailure.plain(e.message)
        }
    }
}
