// `kubectl create poddisruptionbudget NAME --selector=… --min-available=N|N% | --max-unavailable=N|N%`
import Foundation
import MiniCluster

struct CreatePodDisruptionBudgetVerb: CreateGenerator {
    let path = ["create", "poddisruptionbudget"]
    let aliases = ["pdb"]
    let ownFlags = [
        FlagSpec("min-available", usage: "The minimum number or percentage of available pods."),
        FlagSpec("max-unavailable", usage: "The maximum number or percentage of unavailable pods."),
        FlagSpec("selector", usage: "A label selector for the budget's pods (equality requirements)."),
    ]
    let serverErrorPrefix: String? = "failed to create poddisruptionbudgets: "

    func validate(_ c: CreateCall) throws {
        let f = c.flags
        let minA = f.string("min-available"), maxU = f.string("max-unavailable")
        if f.string("selector").isEmpty { throw KubectlFailure.plain("a selector must be specified") }
        if minA.isEmpty, maxU.isEmpty { throw KubectlFailure.plain("one of min-available or max-unavailable must be specified") }
        if !minA.isEmpty, !maxU.isEmpty { throw KubectlFailure.plain("min-available and max-unavailable cannot be both specified") }
        let re = "^[0-9]+%?$"
        if !minA.isEmpty, minA.range(of: re, options: .regularExpression) == nil {
            throw KubectlFailure.plain("invalid format specified for min-available")
        }
        if !maxU.isEmpty, maxU.range(of: re, options: .regularExpression) == nil {
            throw KubectlFailure.plain("invalid format specified for max-unavailable")
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        let f = c.flags
        let selector = try SelectorText.labelSelector(f.string("selector"))
        let minA = f.string("min-available"), maxU = f.string("max-unavailable")
        let spec = Build.object([
            ("minAvailable", Build.opt(!(minA.isEmpty), Build.intOrString(minA))),
            ("selector", selector),
            ("maxUnavailable", minA.isEmpty && !maxU.isEmpty ? Build.intOrString(maxU) : Value?.none),
        ])
        let status: Value = ["disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0]
        return Build.object(Build.head("PodDisruptionBudget", "policy/v1", Build.meta(name: c.name, namespace: c.enforcedNamespace))
                            + [("spec", spec), ("status", status)])
    }
}
