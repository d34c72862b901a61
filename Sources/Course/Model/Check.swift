// The closed set of checks a task can make. Each is judged from the cluster's state alone (CheckJudge.swift).
// Adding a kind: a case here, its key and options in CheckParser (`kinds`, `options`, one `case` in kindValue),
// one line in CheckJudge.judge handing off to a file of its own in Checks/ (like ReadyCheck.swift), a README row.
import MiniCluster

/// `pod/web`, `deployment/web`: a kind as kubectl accepts it (any alias) and a name.
public struct ObjectRef: Equatable, CustomStringConvertible {
    public var type: ResourceType
    public var name: String
    public init(type: ResourceType, name: String) { self.type = type; self.name = name }
    /// How the lesson wrote the kind (`deploy`), for messages: we say the singular kind name.
    public var description: String { "\(type.kind.lowercased())/\(name)" }
}

/// What a value is compared with.
public enum Expectation: Equatable {
    case equals(String)
    case matches(String)
    case contains(String)
    case atLeast(Double)
    case atMost(Double)

    /// The expectation in words ("to be 3", "to match ^web-").
    var words: String {
        switch self {
        case .equals(let s): return "to be \(s.isEmpty ? "empty" : s)"
        case .matches(let r): return "to match /\(r)/"
        case .contains(let s): return "to contain \"\(s)\""
        case .atLeast(let n): return "to be at least \(Check.number(n))"
        case .atMost(let n): return "to be at most \(Check.number(n))"
        }
    }
}

public enum CheckKind: Equatable {
    case exists(ObjectRef)
    case absent(ObjectRef)
    /// Objects of a type matching a label selector, a field selector (and, for pods, a phase and readiness), compared with a number.
    /// With `sinceTask`, only the objects created since the task became the learner's current one count.
    case count(type: ResourceType, selector: String?, phase: String?, ready: Bool = false, fields: String? = nil,
               sinceTask: Bool = false, expect: Expectation)
    /// A JSONPath (kubectl's dialect) of one object.
    case jsonpath(ObjectRef, path: String, expect: Expectation)
    /// `status.conditions[type]` has this status.
    case condition(ObjectRef, type: String, status: String)
    /// A Deployment, StatefulSet or DaemonSet has finished its rollout (what `kubectl rollout status` waits for).
    case rolledOut(ObjectRef)
    /// A pod is Ready, or a workload has this many ready replicas (default: as many as it wants).
    case ready(ObjectRef, expect: Expectation?)
    /// An HTTP GET through the simulated network (from outside the cluster unless a namespace is given). The URL's
    /// host and port may name a service's addresses: `{lb:web}`, `{clusterip:web}`, `{node}`, `{nodeport:web}`, and an
    /// Ingress's `{ingress:web}`; `host` is the Host header to send (name-based routing). `from` sends it from that
    /// pod of the check's namespace (its address and labels, which NetworkPolicies judge); `timesOut` expects no
    /// answer at all (a policy dropping the connection).
    case http(url: String, host: String?, status: Int?, body: Expectation?, from: String? = nil, timesOut: Bool = false)
    /// The logs of a pod's container contain a text.
    case logs(ObjectRef, container: String?, contains: String)
    /// The standard output of a read-only kubectl command (`get pods -o name`).
    case kubectl(query: String, expect: Expectation)
    /// The standard output of a read-only docker command (`images web`, `ps`, `exec web cat /f`): no cluster needed.
    case docker(query: String, expect: Expectation)
    /// The standard output of a read-only gcloud command (`container fleet memberships list`): the simulated cloud.
    case gcloud(query: String, expect: Expectation)
    /// A GKE cluster of the simulated cloud is running (with N nodes, of a machine type): Checks/CloudChecks.swift.
    case gkeCluster(GKEClusterExpectation)
    /// kubectl's current context is this one, or gcloud's context for the cluster of this name.
    case currentContext(String)
}

public struct Check: Equatable {
    public var kind: CheckKind
    /// nil: the namespace `default`.
    public var namespace: String?
    public var line: Int
    /// The instructor's words for a failure (`explain:`), shown instead of the generic reason: a regular
    /// expression or a JSONPath says little to someone still learning what the field is.
    public var explain: String?

    public init(kind: CheckKind, namespace: String? = nil, line: Int, explain: String? = nil) {
        self.kind = kind; self.namespace = namespace; self.line = line; self.explain = explain
    }

    public var effectiveNamespace: String { namespace ?? "default" }

    /// 3 rather than 3.0.
    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}

/// A check's verdict.
public enum CheckOutcome: Equatable {
    case pass
    /// Why it fails, in the learner's words.
    case fail(String)

    public var passed: Bool { self == .pass }
}
