// What the endpoints, EndpointSlice and network code ask of a pod behind a Service: is it in the endpoints, is
// it ready, which port does a service port reach on it (upstream `endpointutil` and `podutil.FindPort`).

enum EndpointPods {
    /// `podutil.IsPodReady`: the pod's `Ready` condition is `True`.
    static func isReady(_ pod: Value) -> Bool {
        (pod[path: "status", "conditions"]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
    }

    /// `ShouldPodBeInEndpoints`: it has an IP, is not terminating (unless asked), and has not finished for good.
    static func shouldBeInEndpoints(_ pod: Value, includeTerminating: Bool) -> Bool {
        guard let ip = podIP(pod), !ip.isEmpty else { return false }
        if !includeTerminating, pod.deletionTimestamp != nil { return false }
        let phase = pod[path: "status", "phase"]?.stringValue ?? ""
        switch pod[path: "spec", "restartPolicy"]?.stringValue ?? "Always" {
        case "Never": return phase != "Failed" && phase != "Succeeded"
        case "OnFailure": return phase != "Succeeded"
        default: return true
        }
    }

    static func podIP(_ pod: Value) -> String? {
        pod[path: "status", "podIP"]?.stringValue ?? pod[path: "status", "podIPs"]?[0]?["ip"]?.stringValue
    }

    /// `podutil.FindPort`: a number as it is; a name through the containers' named ports of the same protocol
    /// (regular containers first, then restartable init containers, as upstream).
    static func findPort(_ pod: Value, _ servicePort: Value) -> Int? {
        let target = servicePort["targetPort"] ?? servicePort["port"]
        if let n = target?.intValue { return n }
        guard let name = target?.stringValue else { return nil }
        if let n = Int(name) { return n }
        let proto = servicePort["protocol"]?.stringValue ?? "TCP"
        let sidecars = (pod[path: "spec", "initContainers"]?.arrayValue ?? []).filter { $0["restartPolicy"]?.stringValue == "Always" }
        for c in (pod[path: "spec", "containers"]?.arrayValue ?? []) + sidecars {
            for p in c["ports"]?.arrayValue ?? [] where p["name"]?.stringValue == name && (p["protocol"]?.stringValue ?? "TCP") == proto {
                if let n = p["containerPort"]?.intValue { return n }
            }
        }
        return nil
    }

    /// The pods a service's selector picks in its namespace; nil when the service has no selector (its
    /// endpoints are written by hand).
    static func selected(by service: Value, api: APIServer, podType: ResourceType) -> [Value]? {
        guard let sel = service[path: "spec", "selector"], let labels = sel.stringMap else { return nil }
        let selector = LabelSelector(matchLabels: labels)
        return api.list(podType, namespace: service.metadataNamespace ?? "default", selector: selector)
    }

    /// Whether a service selects a pod with these labels (nil selector selects nothing, `{}` everything).
    static func selects(_ service: Value, labels: [String: String]) -> Bool {
        guard let sel = service[path: "spec", "selector"]?.stringMap else { return false }
        return sel.allSatisfy { labels[$0.key] == $0.value }
    }

    /// `ShouldSetHostname`: the pod names itself into this service's subdomain.
    static func shouldSetHostname(_ pod: Value, _ service: Value) -> Bool {
        let hostname = pod[path: "spec", "hostname"]?.stringValue ?? ""
        return !hostname.isEmpty && pod[path: "spec", "subdomain"]?.stringValue == service.metadataName
            && pod.metadataNamespace == service.metadataNamespace
    }

    /// `kind: Pod` object reference, as endpoints carry it.
    static func targetRef(_ pod: Value) -> Value {
        ["kind": "Pod", "namespace": .string(pod.metadataNamespace ?? "default"), "name": .string(pod.metadataName),
         "uid": .string(pod.uid)]
    }

    /// The time that caused the latest change: the newest Ready transition of a pod, or the service's creation
    /// (the `endpoints.kubernetes.io/last-change-trigger-time` annotation).
    static func triggerTime(service: Value, pods: [Value]) -> Timestamp? {
        var latest = service.creationTimestamp
        for pod in pods {
            let ready = (pod[path: "status", "conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
            if let t = ready?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:)), latest.map({ t > $0 }) ?? true {
                latest = t
            }
        }
        return latest
    }

    /// Keys (`ns/name`) of the services in the pod's namespace that select it now or selected it before.
    static func serviceKeys(for event: WatchEvent, store: Store, serviceType: ResourceType,
                            selecting: SelectingServices) -> [String] {
        // The store key's namespace is the metadata's when it is not empty (pods are namespaced): the metadata is
        // searched only for a pod without one.
        let keyNamespace = event.key.namespace
        let ns = keyNamespace.isEmpty || !event.resource.namespaced ? event.object.metadataNamespace ?? "default" : keyNamespace
        // Only services with a selector can select a pod (`selects` is false for the rest, such as `kubernetes`
        // in default): without one the pod's labels are not read at all.
        let services = selecting.withSelector(in: ns, store: store, serviceType: serviceType)
        if services.isEmpty { return [] }
        let labels = event.object.labels, old = event.oldObject?.labels
        return services.filter { svc in
            selects(svc, labels: labels) || old.map { selects(svc, labels: $0) } == true
        }.map { "\(ns)/\($0.metadataName)" }
    }
}

/// The Services with a selector in each namespace, worked out again only when the Services change. The store
/// hands out the same list of every Service until one is written, and lists that share storage compare in
/// constant time, so for each pod event the check costs almost nothing (a namespace's list from the store is
/// a new array every time).
final class SelectingServices {
    private var all: [Value] = []
    private var byNamespace: [String: [Value]] = [:]
    private var last: (namespace: String, services: [Value])?

    /// `store.list(serviceType, namespace: ns)` without the services that have no selector.
    func withSelector(in ns: String, store: Store, serviceType: ResourceType) -> [Value] {
        let now = store.list(serviceType, namespace: nil)
        if now != all {
            all = now
            byNamespace = [:]
            last = nil
        }
        // Pod events come in runs from one namespace: its answer is at hand without hashing the name.
        if let last, last.namespace == ns { return last.services }
        if let known = byNamespace[ns] {
            last = (ns, known)
            return known
        }
        // The store keys a namespaced object by its namespace, "" when it has none; lists are in key order.
        let found = now.filter { ($0.metadataNamespace ?? "") == ns && $0[path: "spec", "selector"]?.isObject == true }
        byNamespace[ns] = found
        last = (ns, found)
        return found
    }
}
