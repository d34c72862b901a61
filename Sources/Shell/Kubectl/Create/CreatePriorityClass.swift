// `kubectl create priorityclass NAME [--value] [--global-default] [--description] [--preemption-policy]`
import MiniCluster

struct CreatePriorityClassVerb: CreateGenerator {
    let path = ["create", "priorityclass"]
    let aliases = ["pc"]
    let ownFlags = [
        FlagSpec("value", .int, default: "0", usage: "The value of this priority class."),
        FlagSpec("global-default", .bool, default: "false", usage: "Whether this class is the default priority."),
        FlagSpec("description", usage: "When this priority class should be used."),
        FlagSpec("preemption-policy", default: "PreemptLowerPriority", usage: "The policy for preempting pods with lower priority."),
    ]
    let serverErrorPrefix: String? = "failed to create priorityclass: "

    func build(_ c: CreateCall) throws -> Value {
        let f = c.flags
        return Build.object(Build.head("PriorityClass", "scheduling.k8s.io/v1", Build.meta(name: c.name)) + [
            ("value", .int(f.int("value"))),
            ("globalDefault", f.bool("global-default") ? .bool(true) : Value?.none),
            ("description", Build.opt(!(f.string("description").isEmpty), .string(f.string("description")))),
            ("preemptionPolicy", .string(f.string("preemption-policy"))),
        ])
    }
}
