// The ClusterRole aggregation controller (pkg/controller/clusterroleaggregation): a ClusterRole with an
// `aggregationRule` gets, as its `rules`, every rule of the other ClusterRoles its selectors match, taken in role
// name order with repeats left out. This is how `admin`, `edit` and `view` are filled, and how a role labelled
// `rbac.authorization.k8s.io/aggregate-to-view: "true"` extends `view`. It records no events.

public final class ClusterRoleAggregationController: Controller {
    public let name = "clusterrole-aggregation-controller"
    unowned let api: APIServer
    let roleType: ResourceType
    /// The roles that aggregate, kept from the changes this controller sees: any role change may alter what each of
    /// them selects, so each is synced again (as upstream enqueues them all).
    private var aggregating: Set<String> = []

    public init(api: APIServer) {
        self.api = api
        roleType = api.registry.lookup(kind: "ClusterRole")!
    }

    public var watchedResources: [ResourceType]? { [roleType] }

    public func keys(for e: WatchEvent) -> [String] {
        let name = e.object.metadataName
        if e.type != .deleted, e.object["aggregationRule"]?.isNull == false {
            aggregating.insert(name)
        } else {
            aggregating.remove(name)
        }
        return aggregating.sorted()
    }

    public func sync(_ key: String) {
        guard let role = try? api.get(roleType, namespace: nil, name: key),
              let rule = role["aggregationRule"], !rule.isNull else { return }
        var selected: [String: Value] = [:]
        for s in rule["clusterRoleSelectors"]?.arrayValue ?? [] {
            guard let selector = try? LabelSelector(object: s) else { continue }
            for r in api.list(roleType, namespace: nil) where selector.matches(r.labels) { selected[r.metadataName] = r }
        }
        let rules = Self.aggregate(selected.keys.sorted().filter { $0 != key }.compactMap { selected[$0] })
        // As upstream's semantic equality, no rules and an empty list are the same.
        guard (role["rules"]?.arrayValue ?? []) != rules else { return }
        api.mutate(roleType, ObjectKey(namespace: "", name: key)) { $0["rules"] = .array(rules) }
    }

    /// The selected roles' rules in order, each once.
    static func aggregate(_ roles: [Value]) -> [Value] {
        var out: [Value] = []
        for r in roles {
            for rule in r["rules"]?.arrayValue ?? [] where !out.contains(rule) { out.append(rule) }
        }
        return out
    }
}
