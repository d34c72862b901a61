// `Containers:` / `Init Containers:` blocks shared by pods and pod templates (describeContainers).
import MiniCluster

enum ContainersSection {
    /// Writes the label line and each container; `statuses` nil for templates, `pod` resolves fieldRef env.
    static func write(_ label: String, _ containers: [Value], statuses: [Value]?, pod: Value?, _ w: PrefixWriter,
                      space: String = "") {
        var byName: [String: Value] = [:]
        for s in statuses ?? [] { byName[s.dStr("name")] = s }
        w.write(0, "\(space)\(label):\(containers.isEmpty ? " <none>" : "")\n")
        for c in containers {
            let status = byName[c.dStr("name")]
            basicInfo(c, status, space, w)
            command(c, w)
            if let status { state(status, w) }
            resources(c["resources"], w, level: 2)
            probes(c, w)
            if !c.dArr("envFrom").isEmpty { envFrom(c, w) }
            env(c, pod: pod, w)
            mounts(c, w)
        }
    }

    private static func basicInfo(_ c: Value, _ status: Value?, _ space: String, _ w: PrefixWriter) {
        w.write(1, "\(space.isEmpty ? "" : " ")\(c.dStr("name")):\n")
        if let status { w.write(2, "Container ID:\t\(status.dStr("containerID"))\n") }
        w.write(2, "Image:\t\(c.dStr("image"))\n")
        if let status { w.write(2, "Image ID:\t\(status.dStr("imageID"))\n") }
        let ports = c.dArr("ports")
        let proto = { (p: Value) in p.dStr("protocol").isEmpty ? "TCP" : p.dStr("protocol") }
        let portText = ports.map { "\($0.dInt("containerPort") ?? 0)/\(proto($0))" }.joined(separator: ", ")
        let hostText = ports.map { "\($0.dInt("hostPort") ?? 0)/\(proto($0))" }.joined(separator: ", ")
        w.write(2, portText.contains(",") ? "Ports:\t\(portText)\n" : "Port:\t\(portText.isEmpty ? "<none>" : portText)\n")
        w.write(2, hostText.contains(",") ? "Host Ports:\t\(hostText)\n" : "Host Port:\t\(hostText.isEmpty ? "<none>" : hostText)\n")
        if c.dHas("securityContext", "seccompProfile") {
            let type = c.dStr("securityContext", "seccompProfile", "type")
            w.write(2, "SeccompProfile:\t\(type)\n")
            if type == "Localhost" {
                w.write(3, "LocalhostProfile:\t\(c.dStr("securityContext", "seccompProfile", "localhostProfile"))\n")
            }
        }
    }

    private static func command(_ c: Value, _ w: PrefixWriter) {
        for (title, key) in [("Command", "command"), ("Args", "args")] where !c.dArr(key).isEmpty {
            w.write(2, "\(title):\n")
            for item in c.dArr(key) {
                for part in item.dText.split(separator: "\n", omittingEmptySubsequences: false) { w.write(3, "\(part)\n") }
            }
        }
    }

    private static func state(_ status: Value, _ w: PrefixWriter) {
        describeState("State", status["state"], w)
        if status.dHas("lastState", "terminated") { describeState("Last State", status["lastState"], w) }
        w.write(2, "Ready:\t\(DescribeFormat.bool(status.dBool("ready") ?? false))\n")
        w.write(2, "Restart Count:\t\(status.dInt("restartCount") ?? 0)\n")
    }

    private static func describeState(_ name: String, _ state: Value?, _ w: PrefixWriter) {
        let s = state ?? .null
        if let running = s["running"], !running.isNull {
            w.write(2, "\(name):\tRunning\n")
            w.write(3, "Started:\t\(DescribeFormat.time(running.dTime("startedAt")))\n")
        } else if let waiting = s["waiting"], !waiting.isNull {
            w.write(2, "\(name):\tWaiting\n")
            if !waiting.dStr("reason").isEmpty { w.write(3, "Reason:\t\(waiting.dStr("reason"))\n") }
        } else if let t = s["terminated"], !t.isNull {
            w.write(2, "\(name):\tTerminated\n")
            if !t.dStr("reason").isEmpty { w.write(3, "Reason:\t\(t.dStr("reason"))\n") }
            if !t.dStr("message").isEmpty { w.write(3, "Message:\t\(t.dStr("message"))\n") }
            w.write(3, "Exit Code:\t\(t.dInt("exitCode") ?? 0)\n")
            if let sig = t.dInt("signal"), sig > 0 { w.write(3, "Signal:\t\(sig)\n") }
            w.write(3, "Started:\t\(DescribeFormat.time(t.dTime("startedAt")))\n")
            w.write(3, "Finished:\t\(DescribeFormat.time(t.dTime("finishedAt")))\n")
        } else {
            w.write(2, "\(name):\tWaiting\n")
        }
    }

    /// `Limits:` / `Requests:` with one sorted resource per line.
    static func resources(_ r: Value?, _ w: PrefixWriter, level: Int) {
        guard let r else { return }
        for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
            guard let list = r[key]?.objectValue, !list.isEmpty else { continue }
            w.write(level, "\(title):\n")
            for name in list.keys.sorted() { w.write(level + 1, "\(name):\t\(DescribeQuantity.text(list[name]))\n") }
        }
    }

    private static func probes(_ c: Value, _ w: PrefixWriter) {
        for (title, key) in [("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")] {
            if let p = c[key], !p.isNull { w.write(2, "\(title):\t\(probe(p))\n") }
        }
    }

    /// `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3` (DescribeProbe).
    static func probe(_ p: Value) -> String {
        let attrs = "delay=\(p.dInt("initialDelaySeconds") ?? 0)s timeout=\(p.dInt("timeoutSeconds") ?? 0)s "
            + "period=\(p.dInt("periodSeconds") ?? 0)s #success=\(p.dInt("successThreshold") ?? 0) "
            + "#failure=\(p.dInt("failureThreshold") ?? 0)"
        if p.dHas("exec") { return "exec \(DescribeFormat.goList(p.dArr("exec", "command").map(\.dText))) \(attrs)" }
        if let h = p["httpGet"], !h.isNull {
            let port = h.dStr("port"), host = h.dStr("host")
            let hostPort = port.isEmpty ? host : (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
            return "http-get \(h.dStr("scheme").lowercased())://\(hostPort)\(h.dStr("path")) \(attrs)"
        }
        if p.dHas("tcpSocket") { return "tcp-socket \(p.dStr("tcpSocket", "host")):\(p.dStr("tcpSocket", "port")) \(attrs)" }
        if p.dHas("grpc") { return "grpc <pod>:\(p.dInt("grpc", "port") ?? 0) \(p.dStr("grpc", "service")) \(attrs)" }
        return "unknown \(attrs)"
    }

    private static func envFrom(_ c: Value, _ w: PrefixWriter) {
        w.write(2, "Environment Variables from:\n")
        for e in c.dArr("envFrom") {
            let (from, ref) = e.dHas("configMapRef") ? ("ConfigMap", e["configMapRef"]) : ("Secret", e["secretRef"])
            let name = ref?.dStr("name") ?? "", optional = ref?.dBool("optional") ?? false
            let prefix = e.dStr("prefix")
            w.write(3, prefix.isEmpty ? "\(name)\t\(from)\tOptional: \(optional)\n"
                                      : "\(name)\t\(from) with prefix '\(prefix)'\tOptional: \(optional)\n")
        }
    }

    private static func env(_ c: Value, pod: Value?, _ w: PrefixWriter) {
        let env = c.dArr("env")
        w.write(2, "Environment:\(env.isEmpty ? "\t<none>" : "")\n")
        for e in env {
            let name = e.dStr("name")
            guard let from = e["valueFrom"], !from.isNull else {
                for (i, part) in e.dStr("value").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    w.write(3, i == 0 ? "\(name):\t\(part)\n" : "\t\(part)\n")
                }
                continue
            }
            if let f = from["fieldRef"], !f.isNull {
                let value = pod.map { FieldPath.resolve(f.dStr("fieldPath"), in: $0) } ?? ""
                w.write(3, "\(name):\t\(value) (\(f.dStr("apiVersion")):\(f.dStr("fieldPath")))\n")
            } else if let r = from["resourceFieldRef"], !r.isNull {
                let res = r.dStr("resource")
                let parts = res.split(separator: ".").map(String.init)
                var value = parts.count == 2 ? DescribeQuantity.text(c[path: "resources", parts[0], parts[1]]) : ""
                if c[path: "resources", parts.first ?? "", parts.last ?? ""] == nil { value = "0" }
                if value == "0", res == "limits.cpu" || res == "limits.memory" { value = "node allocatable" }
                w.write(3, "\(name):\t\(value) (\(res))\n")
            } else if let s = from["secretKeyRef"], !s.isNull {
                w.write(3, "\(name):\t<set to the key '\(s.dStr("key"))' in secret '\(s.dStr("name"))'>\tOptional: \(s.dBool("optional") ?? false)\n")
            } else if let m = from["configMapKeyRef"], !m.isNull {
                w.write(3, "\(name):\t<set to the key '\(m.dStr("key"))' of config map '\(m.dStr("name"))'>\tOptional: \(m.dBool("optional") ?? false)\n")
            }
        }
    }

    private static func mounts(_ c: Value, _ w: PrefixWriter) {
        let mounts = c.dArr("volumeMounts")
        let none = mounts.isEmpty ? "\t<none>" : ""
        w.write(2, "Mounts:\(none)\n")
        for m in mounts.sorted(by: { $0.dStr("mountPath") < $1.dStr("mountPath") }) {
            var flags = [m.dBool("readOnly") == true ? "ro" : "rw"]
            if !m.dStr("subPath").isEmpty { flags.append("path=\"\(m.dStr("subPath"))\"") }
            w.write(3, "\(m.dStr("mountPath")) from \(m.dStr("name")) (\(flags.joined(separator: ",")))\n")
        }
        let devices = c.dArr("volumeDevices")
        if !devices.isEmpty {
            w.write(2, "Devices:\(none)\n")
            for d in devices.sorted(by: { $0.dStr("devicePath") < $1.dStr("devicePath") }) {
                w.write(3, "\(d.dStr("devicePath")) from \(d.dStr("name"))\n")
            }
        }
    }
}

/// The downward-API field paths an env var can point at, read from the pod.
enum FieldPath {
    static func resolve(_ path: String, in pod: Value) -> String {
        if let key = bracketKey(path, "metadata.labels") { return pod.labels[key] ?? "" }
        if let key = bracketKey(path, "metadata.annotations") { return pod.annotations[key] ?? "" }
        switch path {
        case "metadata.name": return pod.metadataName
        case "metadata.namespace": return pod.metadataNamespace ?? ""
        case "metadata.uid": return pod.uid
        case "spec.nodeName": return pod.dStr("spec", "nodeName")
        case "spec.serviceAccountName": return pod.dStr("spec", "serviceAccountName")
        case "status.podIP": return pod.dStr("status", "podIP")
        case "status.hostIP": return pod.dStr("status", "hostIP")
        case "status.podIPs": return pod.dArr("status", "podIPs").map { $0.dStr("ip") }.joined(separator: ",")
        case "status.hostIPs": return pod.dArr("status", "hostIPs").map { $0.dStr("ip") }.joined(separator: ",")
        default: return ""
        }
    }

    private static func bracketKey(_ path: String, _ field: String) -> String? {
        guard path.hasPrefix(field + "['"), path.hasSuffix("']") else { return nil }
        return String(path.dropFirst(field.count + 2).dropLast(2))
    }
}
