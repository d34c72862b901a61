// A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables): envFrom, env
// with `$(VAR)` expansion and valueFrom, then the service link variables; command and args expanded the same way.
import Foundation

/// Why a container could not be configured: `CreateContainerConfigError` with the kubelet's message.
struct ConfigError: Error { var message: String }

struct EnvironmentResolver {
    let api: APIServer
    let pod: Value
    let container: Value
    let podIP: String
    let hostIP: String
    /// The kubelet's memo of service variables; without one they are worked out for every container.
    var services: ServiceVariables? = nil

    private func object(_ kind: String, _ name: String) -> Value? {
        guard let t = api.registry.lookup(kind: kind) else { return nil }
        return try? api.get(t, namespace: pod.metadataNamespace, name: name)
    }

    var namespace: String { pod.metadataNamespace ?? "default" }

    /// The variables in the order a program sees them declared; later duplicates replace earlier values.
    func resolve() throws -> [(name: String, value: String)] {
        let envFrom = container["envFrom"]?.arrayValue ?? [], env = container["env"]?.arrayValue ?? []
        if envFrom.isEmpty, env.isEmpty { return self.services?.uniqueVariables(for: self) ?? Self.unique(serviceVariables()) }
        let services = self.services?.variables(for: self) ?? serviceVariables()
        var out: [(name: String, value: String)] = []
        var index: [String: Int] = [:]
        index.reserveCapacity(services.count + env.count)
        func set(_ name: String, _ value: String) {
            if let i = index[name] { out[i].value = value } else { index[name] = out.count; out.append((name, value)) }
        }
        var known: [String: String] = [:]
        known.reserveCapacity(services.count + env.count)
        for (n, v) in services { known[n] = v }

        for src in envFrom {
            let prefix = src["prefix"]?.stringValue ?? ""
            if let ref = src["configMapRef"] {
                let name = ref["name"]?.stringValue ?? ""
                guard let cm = object("ConfigMap", name) else {
                    if ref["optional"]?.boolValue == true { continue }
                    throw ConfigError(message: "configmap \"\(name)\" not found")
                }
                for (k, v) in cm["data"]?.objectValue ?? [:] { set(prefix + k, v.stringValue ?? ""); known[prefix + k] = v.stringValue ?? "" }
            } else if let ref = src["secretRef"] {
                let name = ref["name"]?.stringValue ?? ""
                guard let secret = object("Secret", name) else {
                    if ref["optional"]?.boolValue == true { continue }
                    throw ConfigError(message: "secret \"\(name)\" not found")
                }
                for (k, v) in secret["data"]?.objectValue ?? [:] {
                    let text = Self.decode(v.stringValue ?? "")
                    set(prefix + k, text); known[prefix + k] = text
                }
            }
        }
        for e in env {
            guard let name = e["name"]?.stringValue else { continue }
            var value: String
            if let from = e["valueFrom"] {
                guard let v = try valueFrom(from) else { continue }
                value = v
            } else {
                value = Self.expand(e["value"]?.stringValue ?? "") { known[$0] }
            }
            set(name, value)
            known[name] = value
        }
        for (n, v) in services where index[n] == nil { set(n, v) }
        return out
    }

    /// `valueFrom`: nil when an optional reference is missing (the variable is left out).
    private func valueFrom(_ from: Value) throws -> String? {
        if let ref = from["configMapKeyRef"] {
            let name = ref["name"]?.stringValue ?? "", key = ref["key"]?.stringValue ?? ""
            let optional = ref["optional"]?.boolValue == true
            guard let cm = object("ConfigMap", name) else {
                if optional { return nil }
                throw ConfigError(message: "configmap \"\(name)\" not found")
            }
            guard let v = cm[path: "data", key]?.stringValue else {
                if optional { return nil }
                throw ConfigError(message: "couldn't find key \(key) in ConfigMap \(namespace)/\(name)")
            }
            return v
        }
        if let ref = from["secretKeyRef"] {
            let name = ref["name"]?.stringValue ?? "", key = ref["key"]?.stringValue ?? ""
            let optional = ref["optional"]?.boolValue == true
            guard let secret = object("Secret", name) else {
                if optional { return nil }
                throw ConfigError(message: "secret \"\(name)\" not found")
            }
            guard let v = secret[path: "data", key]?.stringValue else {
                if optional { return nil }
                throw ConfigError(message: "couldn't find key \(key) in Secret \(namespace)/\(name)")
            }
            return Self.decode(v)
        }
        if let ref = from["fieldRef"] {
            return fieldValue(ref["fieldPath"]?.stringValue ?? "")
        }
        if let ref = from["resourceFieldRef"] {
            return resourceValue(ref)
        }
        return ""
    }

    /// The downward API's fields (`metadata.name`, `status.podIP`, `metadata.labels['app']` …).
    func fieldValue(_ path: String) -> String {
        func mapKey(_ prefix: String) -> String? {
            guard path.hasPrefix(prefix), path.hasSuffix("']") else { return nil }
            return String(path.dropFirst(prefix.count).dropLast(2))
        }
        if let k = mapKey("metadata.labels['") { return pod.labels[k] ?? "" }
        if let k = mapKey("metadata.annotations['") { return pod.annotations[k] ?? "" }
        switch path {
        case "metadata.name": return pod.metadataName
        case "metadata.namespace": return namespace
        case "metadata.uid": return pod.uid
        case "metadata.labels": return Self.mapFile(pod.labels)
        case "metadata.annotations": return Self.mapFile(pod.annotations)
        case "spec.nodeName": return pod[path: "spec", "nodeName"]?.stringValue ?? ""
        case "spec.serviceAccountName": return pod[path: "spec", "serviceAccountName"]?.stringValue ?? ""
        case "status.hostIP", "status.hostIPs": return hostIP
        case "status.podIP", "status.podIPs": return podIP
        default: return ""
        }
    }

    /// `limits.cpu`, `requests.memory` … of a container, in units of `divisor` rounded up; a missing limit is the
    /// node's allocatable amount (e2-medium: 940m cpu, 2.8 GiB memory).
    func resourceValue(_ ref: Value) -> String {
        let resource = ref["resource"]?.stringValue ?? ""
        var target = container
        if let n = ref["containerName"]?.stringValue, !n.isEmpty {
            let all = (pod[path: "spec", "containers"]?.arrayValue ?? []) + (pod[path: "spec", "initContainers"]?.arrayValue ?? [])
            target = all.first { $0["name"]?.stringValue == n } ?? container
        }
        let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "" }
        let fallback: [String: String] = ["cpu": "940m", "memory": "2992812Ki", "ephemeral-storage": "47093746742"]
        var q = target[path: "resources", parts[0], parts[1]]?.quantityValue
        if q == nil, parts[0] == "limits" || parts[1] != "cpu" && parts[1] != "memory" {
            q = fallback[parts[1]].flatMap(Quantity.parseOrNil)
        }
        if q == nil { q = Quantity.parseOrNil("0") }
        let divisor = ref["divisor"]?.quantityValue ?? Quantity.parseOrNil("1")!
        guard let q, divisor.milliValue > 0 else { return "0" }
        let m = q.milliValue, d = divisor.milliValue
        return String((m + d - 1) / d)
    }

    /// `$(VAR)` references replaced by known values, `$$` by `$`; unknown references stay as written.
    static func expand(_ s: String, _ lookup: (String) -> String?) -> String {
        guard s.contains("$") else { return s }
        var out = "", chars = Array(s), i = 0
        while i < chars.count {
            if chars[i] == "$", i + 1 < chars.count {
                if chars[i + 1] == "$" { out.append("$"); i += 2; continue }
                if chars[i + 1] == "(", let close = chars[(i + 2)...].firstIndex(of: ")") {
                    let name = String(chars[(i + 2)..<close])
                    if let v = lookup(name) { out += v } else { out += "$(" + name + ")" }
                    i = close + 1
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// Secret data is base64 in the API; programs see the bytes.
    static func decode(_ b64: String) -> String {
        guard let d = Data(base64Encoded: b64) else { return b64 }
        return String(decoding: d, as: UTF8.self)
    }

    /// `key="value"` lines, sorted, as downward API files show labels and annotations.
    static func mapFile(_ m: [String: String]) -> String {
        m.keys.sorted().map { "\($0)=\"\(m[$0]!)\"" }.joined(separator: "\n")
    }

    /// Service variables each name once (the first of equal names: they are sorted, so neighbours).
    static func unique(_ services: [(String, String)]) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        out.reserveCapacity(services.count)
        for (n, v) in services where out.last?.name != n { out.append((n, v)) }
        return out
    }

    /// The docker-link style variables of every service in the pod's namespace (when `enableServiceLinks`) and of
    /// the `kubernetes` service, sorted by name.
    func serviceVariables() -> [(String, String)] {
        guard let svcType = api.registry.lookup(kind: "Service") else { return [] }
        var services: [Value] = []
        if pod[path: "spec", "enableServiceLinks"]?.boolValue != false {
            services = api.list(svcType, namespace: namespace)
        }
        // The API server's own service is always there, whatever enableServiceLinks says.
        if namespace == "default" { services.removeAll { $0.metadataName == "kubernetes" } }
        if let k = try? api.get(svcType, namespace: "default", name: "kubernetes") { services.append(k) }
        var vars: [(String, String)] = []
        for svc in services {
            guard let ip = svc[path: "spec", "clusterIP"]?.stringValue, !ip.isEmpty, ip != "None" else { continue }
            let ports = svc[path: "spec", "ports"]?.arrayValue ?? []
            guard let first = ports.first?["port"]?.intValue else { continue }
            let base = svc.metadataName.uppercased().replacingOccurrences(of: "-", with: "_")
            vars.append((base + "_SERVICE_HOST", ip))
            vars.append((base + "_SERVICE_PORT", String(first)))
            for p in ports {
                guard let n = p["name"]?.stringValue, !n.isEmpty, let port = p["port"]?.intValue else { continue }
                vars.append((base + "_SERVICE_PORT_" + n.uppercased().replacingOccurrences(of: "-", with: "_"), String(port)))
            }
            let firstProto = (ports.first?["protocol"]?.stringValue ?? "TCP").lowercased()
            vars.append((base + "_PORT", "\(firstProto)://\(ip):\(first)"))
            for p in ports {
                guard let port = p["port"]?.intValue else { continue }
                let proto = p["protocol"]?.stringValue ?? "TCP"
                let prefix = "\(base)_PORT_\(port)_\(proto.uppercased())"
                vars.append((prefix, "\(proto.lowercased())://\(ip):\(port)"))
                vars.append((prefix + "_PROTO", proto.lowercased()))
                vars.append((prefix + "_PORT", String(port)))
                vars.append((prefix + "_ADDR", ip))
            }
        }
        return vars.sorted { $0.0 < $1.0 }
    }
}

/// The service link variables per namespace (and enableServiceLinks), kept until any Service changes: every
/// container of a namespace sees the same ones, and working them out lists the namespace's services.
final class ServiceVariables {
    /// One namespace's variables, and `EnvironmentResolver.unique` of them (for the containers that have no
    /// variables of their own), made when first asked for.
    private final class Entry {
        let all: [(String, String)]
        private(set) lazy var unique = EnvironmentResolver.unique(all)
        init(_ all: [(String, String)]) { self.all = all }
    }
    /// By namespace, for pods with service links (most) and without.
    private var linked: [String: Entry] = [:], unlinked: [String: Entry] = [:]

    /// Called for every change of a Service.
    func forget() {
        linked.removeAll()
        unlinked.removeAll()
    }

    private func entry(_ r: EnvironmentResolver) -> Entry {
        let links = r.pod[path: "spec", "enableServiceLinks"]?.boolValue != false
        let namespace = r.namespace
        if let e = links ? linked[namespace] : unlinked[namespace] { return e }
        let e = Entry(r.serviceVariables())
        if links { linked[namespace] = e } else { unlinked[namespace] = e }
        return e
    }

    func variables(for r: EnvironmentResolver) -> [(String, String)] { entry(r).all }

    func uniqueVariables(for r: EnvironmentResolver) -> [(name: String, value: String)] { entry(r).unique }
}
